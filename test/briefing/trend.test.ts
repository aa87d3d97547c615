import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/briefing/answer.ts';
import { parseAsk } from '../../src/briefing/ask-parse.ts';
import { longPeriodWords, trendBuckets, trendCaption, trendUnit } from '../../src/briefing/trend.ts';
import { answerMessage, periodBefore, volumeBars, volumeCounts } from '../../src/slack/blocks/answer.ts';
import { createTestDeps, type TestDeps } from '../helpers/deps.ts';
import { createFeed, createTopic, storeFeedItems } from '../helpers/digest.ts';

const dayMs = 86_400_000;

describe('the unit of a trend line', () => {
  it('is days up to two weeks, weeks up to 13, months up to 18, then quarters', () => {
    expect([2, 14, 21, 91, 150, 549, 1096].map(trendUnit)).toEqual([
      'day',
      'day',
      'week',
      'week',
      'month',
      'month',
      'quarter',
    ]);
  });

  it('adds the days up into weeks from the first day, or calendar months and quarters', () => {
    // 3 weeks from Wednesday 4 Nov: three bars of 7 days.
    const weeks = trendBuckets(
      Array.from({ length: 21 }, (_, day) => (day >= 14 ? 2 : 1)),
      new Date('2026-11-04T00:00:00Z'),
    );
    expect(weeks).toEqual({
      unit: 'week',
      counts: [7, 7, 14],
      days: [7, 7, 7],
      first: '4 Nov',
      last: '24 Nov',
    });
    // 30 days: weeks counted back from the last day, so only the first is short.
    expect(trendBuckets(new Array(30).fill(1), new Date('2026-10-26T00:00:00Z')).days).toEqual([
      2, 7, 7, 7, 7,
    ]);
    expect(trendCaption(weeks)).toBe('by week, from 4 Nov');
    // 5 months (150 days) from 27 Jun: the first month has 4 days of it.
    const months = trendBuckets(new Array(150).fill(1), new Date('2026-06-27T00:00:00Z'));
    expect(months.counts).toEqual([4, 31, 31, 30, 31, 23]);
    expect(months.days).toEqual(months.counts);
    expect(trendCaption(months)).toBe('by month, Jun–Nov 2026');
    // 3 years from 24 Nov 2023, asked in Berlin (local midnight is 23:00 UTC the day before).
    const quarters = trendBuckets(new Array(1096).fill(1), new Date('2023-11-23T23:00:00Z'));
    expect(quarters.counts).toHaveLength(13);
    expect(quarters.counts.reduce((sum, count) => sum + count, 0)).toBe(1096);
    expect(trendCaption(quarters)).toBe('by quarter, Q4 2023–Q4 2026');
    // 2 days: a bar a day, and nothing to say about them.
    const days = trendBuckets([3, 1], new Date('2026-11-22T00:00:00Z'));
    expect(days.counts).toEqual([3, 1]);
    expect(trendCaption(days)).toBe('');
  });
});

describe('the bars of a trend line', () => {
  it('are mentions a day, so a short first week or a month just begun is no dip', () => {
    // One a day for 30 days: the first "week" holds 2 days; summed, it would read as a dip.
    expect(volumeBars(new Array(30).fill(1), new Date('2026-10-26T00:00:00Z'))).toBe(
      '`█████` by week, from 26 Oct',
    );
    expect(volumeBars(new Array(60).fill(2), new Date('2026-09-25T00:00:00Z'))).toBe(
      '`█████████` by week, from 25 Sep',
    );
    expect(volumeBars(new Array(150).fill(1), new Date('2026-06-27T00:00:00Z'))).toBe(
      '`██████` by month, Jun–Nov 2026',
    );
    expect(volumeBars([0, 4], new Date('2026-11-23T00:00:00Z'))).toBe('`▁█` per day');
    // The counts they draw, grouped as they group them, are said in the message's text.
    expect(volumeCounts(new Array(30).fill(1), new Date('2026-10-26T00:00:00Z'))).toBe(
      'Mentions by week, from 26 Oct, oldest first: 2, 7, 7, 7, 7.',
    );
  });
});

describe('the period before a long one', () => {
  const span = (days: number, hours = 0) => ({
    since: new Date(Date.UTC(2026, 10, 24) - days * dayMs - hours * 3_600_000),
    until: new Date(Date.UTC(2026, 10, 24)),
  });

  it('is said in the weeks, months or years it is, never in days and hours', () => {
    expect(periodBefore(span(2))).toBe('the previous 2 days');
    expect(periodBefore(span(21))).toBe('the previous 3 weeks');
    expect(periodBefore(span(150))).toBe('the previous 5 months');
    expect(periodBefore(span(365))).toBe('the previous year');
    expect(periodBefore(span(1096))).toBe('the previous 3 years');
    // since 2023-01-01, asked on a Tuesday evening: once "the 1423 days and 20 hours before".
    expect(periodBefore(span(1423, 20))).toBe('the previous 3 years and 11 months');
    expect(periodBefore(span(30))).toBe('the previous 30 days');
    expect(periodBefore(span(23, 5))).toBe('the previous 23 days');
    expect(longPeriodWords(13 * 24)).toBeUndefined();
  });
});

/** A workspace in Berlin at `now` with a topic "pricing" and a pricing note published at each date. */
async function pricingNotes(now: number, dates: Date[], zone = 'Europe/Berlin'): Promise<TestDeps> {
  const deps = await createTestDeps({
    now: new Date(now).toISOString(),
    env: { DEFAULT_TIMEZONE: zone },
  });
  await createTopic(deps, 'pricing', 'pricing');
  const feed = await createFeed(deps, { host: 'https://news.example.org', title: 'Trade News' });
  await storeFeedItems(
    deps,
    feed,
    dates.map((publishedAt, index) => ({
      guid: `p${index}`,
      title: `Pricing note ${index}: list prices change for resellers`,
      publishedAt,
    })),
  );
  return deps;
}

describe('the Volume of an answer over a period of any length', () => {
  let deps: TestDeps;
  beforeAll(async () => {
    const now = new Date('2026-11-24T12:00:00Z').getTime();
    // A mention of pricing every 9 days for four years, and two a day in the last two days.
    const ages = [...Array.from({ length: 163 }, (_, index) => 2 + index * 9), 0.2, 0.4, 1.2, 1.4];
    deps = await pricingNotes(
      now,
      ages.map((age) => new Date(now - age * dayMs)),
    );
  });
  afterAll(async () => {
    await deps.cleanup();
  });

  async function volume(question: string): Promise<string> {
    const request = parseAsk(question, deps.clock.now(), deps.config.DEFAULT_TIMEZONE);
    const answer = await answerQuestion(deps, request, { userId: 'UEXEC01', offset: 0 });
    const fields = answerMessage(answer, deps.clock.now()).blocks.flatMap(
      (block) => ('fields' in block && block.fields ? block.fields : []) as Array<{ text: string }>,
    );
    return fields.find((field) => field.text.startsWith('*Volume*'))?.text ?? '';
  }

  it('reads in days, weeks, months or quarters as the period is long: 2 days, 3 weeks, 5 months, 3 years', async () => {
    expect(await volume('pricing last 2 days')).toMatch(
      /· .* the previous 2 days(?: \(\d+\))?\n`[▁-█]{2}` per day(\n|$)/,
    );
    expect(await volume('pricing last 3 weeks')).toMatch(
      /· .* the previous 3 weeks(?: \(\d+\))?\n`[▁-█]{3}` by week, from 4 Nov(\n|$)/,
    );
    expect(await volume('pricing last 5 months')).toMatch(
      /· .* the previous 5 months(?: \(\d+\))?\n`[▁-█]{6}` by month, Jun–Nov 2026(\n|$)/,
    );
    const years = await volume('pricing since 2023-11-24');
    expect(years).toMatch(
      /· .* the previous 3 years(?: \(\d+\))?\n`[▁-█]{13}` by quarter, Q4 2023–Q4 2026(\n|$)/,
    );
    expect(years).not.toMatch(/hours|\d{3,} days/);
  });

  it('reads a period since a month of a past year, and a number of years, as periods that long', async () => {
    const since = parseAsk('pricing since march 2022', deps.clock.now(), 'Europe/Berlin');
    expect(since.window.label).toBe('since March 2022');
    expect(since.window.since.toISOString()).toBe('2022-02-28T23:00:00.000Z');
    expect(await volume('pricing since march 2022')).toMatch(
      /the previous 4 years and 9 months(?: \(\d+\))?\n`[▁-█]{20}` by quarter, Q1 2022–Q4 2026/,
    );
    // Searched as a year at most, and said so, never as the default week.
    const years = parseAsk('pricing over the last 3 years', deps.clock.now(), 'Europe/Berlin');
    expect(years.window.days).toBe(365);
    expect(years.notes).toContain(
      'Briefbot looks back a year at most, so this covers the last 365 days, not the last 3 years.',
    );
    expect(await volume('pricing last 3 years')).toMatch(
      /the previous year(?: \(\d+\))?\n`[▁-█]{13}` by month, Nov 2025–Nov 2026/,
    );
  });
});

describe('"this week" so far against the same part of last week', () => {
  let deps: TestDeps;
  beforeAll(async () => {
    // Wednesday 09:00 in Berlin: this week began on Monday 23 Nov at 00:00 (22 Nov 23:00 UTC).
    deps = await pricingNotes(
      new Date('2026-11-25T08:00:00Z').getTime(),
      [
        // This week: 3.
        '2026-11-23T10:00:00Z',
        '2026-11-24T10:00:00Z',
        '2026-11-25T07:00:00Z',
        // The same part of last week (Monday 00:00 to Wednesday 09:00): 2.
        '2026-11-16T12:00:00Z',
        '2026-11-18T07:30:00Z',
        // Later last week: the rest of Wednesday, and the weekend just before this week. None of them count.
        '2026-11-18T09:00:00Z',
        '2026-11-21T10:00:00Z',
        '2026-11-21T14:00:00Z',
        '2026-11-22T12:00:00Z',
      ].map((date) => new Date(date)),
    );
  });
  afterAll(async () => {
    await deps.cleanup();
  });

  it('counts last week up to the same day and hour, not the weekend just before, and says so', async () => {
    const request = parseAsk('pricing this week', deps.clock.now(), deps.config.DEFAULT_TIMEZONE);
    const answer = await answerQuestion(deps, request, { userId: 'UEXEC01', offset: 0 });
    expect(answer.subjects[0]?.counts).toMatchObject({ current: 3, previous: 2 });
    const text = JSON.stringify(answerMessage(answer, deps.clock.now()).blocks);
    expect(text).toContain('3 · ▲ up from 2 in the same part of last week');
    expect(text).not.toMatch(/hours before/);
  });
});

describe('"this week" so far after the clocks changed', () => {
  let deps: TestDeps;
  beforeAll(async () => {
    // Wednesday 4 Nov 09:00 in New York (14:00 UTC): the clocks went back on Sunday 1 Nov, so this
    // week began Monday 2 Nov 00:00 EST (05:00 UTC) and last week Monday 26 Oct 00:00 EDT (04:00 UTC).
    deps = await pricingNotes(
      new Date('2026-11-04T14:00:00Z').getTime(),
      [
        // This week: 1.
        '2026-11-03T15:00:00Z',
        // The same part of last week, Monday 00:30 EDT to Tuesday: 2.
        '2026-10-26T04:30:00Z',
        '2026-10-27T15:00:00Z',
        // Wednesday 09:30 and 09:40 EDT last week: after the same hour, so not counted.
        '2026-10-28T13:30:00Z',
        '2026-10-28T13:40:00Z',
      ].map((date) => new Date(date)),
      'America/New_York',
    );
  });
  afterAll(async () => {
    await deps.cleanup();
  });

  it('counts last week from its local Monday to the same local day and hour, not 7×24 hours back', async () => {
    const request = parseAsk('pricing this week', deps.clock.now(), deps.config.DEFAULT_TIMEZONE);
    const answer = await answerQuestion(deps, request, { userId: 'UEXEC01', offset: 0 });
    expect(answer.subjects[0]?.counts).toMatchObject({ current: 1, previous: 2 });
  });
});
