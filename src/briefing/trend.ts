import { countOf } from '../format.ts';
import { dayMs } from './ask-parse.ts';

/** What one bar of a trend line counts, chosen by the length of the period. */
export const TrendUnit = { Day: 'day', Week: 'week', Month: 'month', Quarter: 'quarter' } as const;
export type TrendUnit = (typeof TrendUnit)[keyof typeof TrendUnit];

/**
 * A period's mentions in bars of one unit: each bar's count and how many of the period's days it
 * holds (the first week, the first and last month may be partly in it), and what the first and
 * last bar stand for ("Q1 2023").
 */
export type TrendBuckets = { unit: TrendUnit; counts: number[]; days: number[]; first: string; last: string };

const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
// Up to two weeks a bar a day, up to 13 weeks a bar a week, up to 18 months a bar a month, then quarters:
// never more than about 20 bars, each a unit a reader can name.
const longestDays = { day: 14, week: 91, month: 549 } as const;

/** The unit of a trend line over `days` days. */
export function trendUnit(days: number): TrendUnit {
  if (days <= longestDays.day) return TrendUnit.Day;
  if (days <= longestDays.week) return TrendUnit.Week;
  if (days <= longestDays.month) return TrendUnit.Month;
  return TrendUnit.Quarter;
}

/**
 * A period's daily counts (day 0 starts at `since`) in bars of the unit its length reads best in:
 * days, weeks counted back from its end (so the latest bar is a whole week; only the first may be
 * short), or calendar months or quarters (the first and last may be partly in the period).
 */
export function trendBuckets(daily: number[], since: Date): TrendBuckets {
  const unit = trendUnit(daily.length);
  // Noon of each day: a local midnight east or west of UTC still falls on its own date.
  const dateOf = (day: number) => new Date(since.getTime() + day * dayMs + dayMs / 2);
  const keyOf = (day: number): string => {
    const date = dateOf(day);
    const year = date.getUTCFullYear();
    const month = date.getUTCMonth();
    if (unit === TrendUnit.Day) return String(day);
    if (unit === TrendUnit.Week) return String(Math.floor((daily.length - 1 - day) / 7));
    if (unit === TrendUnit.Month) return `${monthNames[month]} ${year}`;
    return `Q${Math.floor(month / 3) + 1} ${year}`;
  };
  const counts: number[] = [];
  const days: number[] = [];
  const keys: string[] = [];
  daily.forEach((count, day) => {
    const key = keyOf(day);
    if (keys.at(-1) !== key) {
      keys.push(key);
      counts.push(0);
      days.push(0);
    }
    counts[counts.length - 1] = (counts.at(-1) ?? 0) + count;
    days[days.length - 1] = (days.at(-1) ?? 0) + 1;
  });
  const label = (day: number) => {
    const date = dateOf(day);
    return `${date.getUTCDate()} ${monthNames[date.getUTCMonth()]}`;
  };
  const named = unit === TrendUnit.Month || unit === TrendUnit.Quarter;
  return {
    unit,
    counts,
    days,
    first: named ? (keys[0] ?? '') : label(0),
    last: named ? (keys.at(-1) ?? '') : label(Math.max(0, daily.length - 1)),
  };
}

/**
 * What the bars of a trend line are, said under them: nothing for days (as always), else the unit
 * and the span ("by week, from 3 Nov", "by month, Jul–Nov 2026", "by quarter, Q1 2023–Q4 2026").
 */
export function trendCaption(buckets: TrendBuckets): string {
  if (buckets.unit === TrendUnit.Day) return '';
  if (buckets.unit === TrendUnit.Week) return `by week, from ${buckets.first}`;
  const [firstName, firstYear] = buckets.first.split(' ');
  const [, lastYear] = buckets.last.split(' ');
  const span =
    buckets.first === buckets.last
      ? buckets.first
      : firstYear === lastYear
        ? `${firstName}–${buckets.last}`
        : `${buckets.first}–${buckets.last}`;
  return `by ${buckets.unit}, ${span}`;
}

const averageMonthDays = 365.25 / 12;

/**
 * A period of two weeks or more in the words one would say it: "3 weeks", "5 months", "a year",
 * "3 years and 11 months", else its days ("23 days"); undefined for a shorter one.
 */
export function longPeriodWords(hours: number): string | undefined {
  const days = Math.round(hours / 24);
  if (days < 14) return undefined;
  if (days % 7 === 0 && days <= longestDays.week) return countOf(days / 7, 'week');
  const months = Math.round(days / averageMonthDays);
  if (days >= 365 - 2) {
    const years = Math.floor(months / 12);
    const more = months % 12;
    const yearWords = years === 1 ? 'a year' : countOf(years, 'year');
    return more === 0 ? yearWords : `${yearWords} and ${more === 1 ? 'a month' : countOf(more, 'month')}`;
  }
  // "last 5 months" is 150 days, "last 90 days" three months: within a day or so a month of a whole count.
  if (months >= 2 && Math.abs(days - months * averageMonthDays) <= 1 + months / 2)
    return countOf(months, 'month');
  return countOf(days, 'day');
}
