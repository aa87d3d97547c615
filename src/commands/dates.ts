import { cachedDateFormat, type DateFormat } from '../format.ts';

const weekdays = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

const calendarDate: DateFormat = {
  locale: 'en-US',
  options: { year: 'numeric', month: 'numeric', day: 'numeric', weekday: 'long' },
};
const wallClock: DateFormat = {
  locale: 'en-US',
  options: {
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  },
};

/** The calendar date (y, m, d) and weekday (0 = Sunday) of an instant in a time zone. */
export function localDate(
  at: Date,
  timeZone: string,
): { year: number; month: number; day: number; weekday: number } {
  const parts = cachedDateFormat(calendarDate, timeZone).formatToParts(at);
  const part = (type: string) => parts.find((entry) => entry.type === type)?.value ?? '';
  return {
    year: Number(part('year')),
    month: Number(part('month')),
    day: Number(part('day')),
    weekday: weekdays.indexOf(part('weekday').toLowerCase()),
  };
}

/** The instant a wall-clock time in a time zone happens (DST-aware, to the minute). */
export function zonedTime(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  timeZone: string,
): Date {
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  const offsetAt = (instant: number) => {
    const parts = cachedDateFormat(wallClock, timeZone).formatToParts(new Date(instant));
    const part = (type: string) => Number(parts.find((entry) => entry.type === type)?.value ?? 0);
    return Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute')) - instant;
  };
  const first = guess - offsetAt(guess);
  return new Date(guess - offsetAt(first));
}

/** Local midnight of the day `offsetDays` from the day of `at`, in a time zone. */
export function startOfLocalDay(at: Date, timeZone: string, offsetDays = 0): Date {
  const today = localDate(at, timeZone);
  const day = shift(today, offsetDays);
  return zonedTime(day.year, day.month, day.day, 0, 0, timeZone);
}

/**
 * "2026-12-01", "tomorrow", "friday", "in 3 days": the end of that day in the time zone, or
 * undefined when the text is not a date Briefbot understands.
 */
export function parseUntilDate(text: string, now: Date, timeZone: string): Date | undefined {
  const value = text.trim().toLowerCase();
  const today = localDate(now, timeZone);
  let target: { year: number; month: number; day: number } | undefined;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  const inDays = /^in (\d{1,3}) days?$/.exec(value);
  if (iso) target = { year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]) };
  else if (value === 'today') target = today;
  else if (value === 'tomorrow') target = shift(today, 1);
  else if (inDays) target = shift(today, Number(inDays[1]));
  else if (weekdays.includes(value))
    target = shift(today, (weekdays.indexOf(value) - today.weekday + 7) % 7 || 7);
  if (!target) return undefined;
  const check = new Date(Date.UTC(target.year, target.month - 1, target.day));
  // "2026-02-31" is not a day.
  if (check.getUTCMonth() + 1 !== target.month || check.getUTCDate() !== target.day) return undefined;
  return zonedTime(target.year, target.month, target.day, 23, 59, timeZone);
}

function shift(date: { year: number; month: number; day: number }, days: number) {
  const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}
