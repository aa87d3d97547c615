import { describe, expect, it } from 'vitest';
import {
  backlogNote,
  changeText,
  countOf,
  formatAgo,
  formatDateTime,
  formatDuration,
  formatRelative,
  formatUntilDay,
  weekChange,
} from '../src/format.ts';

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;
const day = 24 * hour;

describe('formatDuration', () => {
  it.each([
    [0, 'moments'],
    [4 * second, 'moments'],
    [5 * second, '5 s'],
    [42 * second, '42 s'],
    [59 * second, '59 s'],
    [minute, '1 min'],
    [90 * second, '2 min'],
    [59 * minute, '59 min'],
    [hour, '1 h'],
    [3 * hour + 20 * minute, '3 h'],
    [47 * hour, '47 h'],
    [2 * day, '2 days'],
    [10 * day + 6 * hour, '10 days'],
    [59 * day, '59 days'],
    [60 * day, '2 months'],
    [278 * day, '9 months'],
    [729 * day, '24 months'],
    [800 * day, '2 years'],
  ])('formats %i ms as %s', (ms, expected) => {
    expect(formatDuration(ms)).toBe(expected);
  });

  it('reads the length of a span, ignoring its direction', () => {
    expect(formatDuration(-5 * minute)).toBe('5 min');
    expect(formatDuration(-3 * day)).toBe('3 days');
  });
});

describe('formatAgo', () => {
  const now = new Date('2026-11-03T14:05:00Z');
  it("says hours and days as a phone's line has room for, the rest as formatRelative does", () => {
    expect(formatAgo(new Date(now.getTime() - 26 * hour), now)).toBe('26h ago');
    expect(formatAgo(new Date(now.getTime() - 3 * day), now)).toBe('3d ago');
    expect(formatAgo(new Date(now.getTime() - 5 * minute), now)).toBe('5 min ago');
    expect(formatAgo(new Date(now.getTime() - 90 * day), now)).toBe('3 months ago');
    expect(formatAgo(new Date(now.getTime() + 2 * hour), now)).toBe('in 2 h');
    expect(formatAgo(now, now)).toBe('just now');
  });
});

describe('formatRelative', () => {
  const now = new Date('2026-11-03T14:05:00Z');
  const at = (offsetMs: number) => new Date(now.getTime() + offsetMs);

  it('says "just now" within five seconds either way', () => {
    expect(formatRelative(now, now)).toBe('just now');
    expect(formatRelative(at(-4 * second), now)).toBe('just now');
    expect(formatRelative(at(4 * second), now)).toBe('just now');
  });

  it('puts past times as "ago"', () => {
    expect(formatRelative(at(-5 * minute), now)).toBe('5 min ago');
    expect(formatRelative(at(-30 * second), now)).toBe('30 s ago');
    expect(formatRelative(at(-3 * day), now)).toBe('3 days ago');
  });

  it('puts future times as "in"', () => {
    expect(formatRelative(at(5 * minute), now)).toBe('in 5 min');
    expect(formatRelative(at(2 * hour), now)).toBe('in 2 h');
  });
});

describe('formatDateTime', () => {
  it('defaults to UTC, with a 24-hour clock', () => {
    expect(formatDateTime(new Date('2026-11-03T14:05:00Z'))).toBe('3 Nov 2026 14:05 UTC');
  });

  it('writes midnight as 00, not 24', () => {
    expect(formatDateTime(new Date('2026-11-03T00:05:00Z'), 'UTC')).toBe('3 Nov 2026 00:05 UTC');
  });

  it('shows the time in the given zone, with its summer or winter abbreviation', () => {
    expect(formatDateTime(new Date('2026-07-03T14:05:00Z'), 'Europe/Berlin')).toBe('3 Jul 2026 16:05 CEST');
    expect(formatDateTime(new Date('2026-11-03T14:05:00Z'), 'Europe/Berlin')).toBe('3 Nov 2026 15:05 CET');
  });

  it('moves to the local date when the zone crosses midnight', () => {
    expect(formatDateTime(new Date('2026-11-03T02:30:00Z'), 'America/New_York')).toMatch(
      /^2 Nov 2026 21:30 /,
    );
  });
});

describe('countOf', () => {
  it('uses the singular for one, the plural otherwise', () => {
    expect(countOf(1, 'mention')).toBe('1 mention');
    expect(countOf(0, 'mention')).toBe('0 mentions');
    expect(countOf(2, 'item')).toBe('2 items');
    expect(countOf(1, 'news, blog or other mention', 'news, blog and other mentions')).toBe(
      '1 news, blog or other mention',
    );
    expect(countOf(3, 'news, blog or other mention', 'news, blog and other mentions')).toBe(
      '3 news, blog and other mentions',
    );
  });
});

describe('backlogNote', () => {
  it('says what happens to the items a new feed already has, in good English for 0, 1 and more', () => {
    expect(backlogNote(0)).toBe('It has no items yet; new items from now on count.');
    // The items already in the feed count in answers at once: only digests and nudges leave them out.
    expect(backlogNote(1)).toBe(
      'Its 1 item already in the feed: kept, not announced (answers count it now; only new items go into digests and nudges).',
    );
    expect(backlogNote(12)).toBe(
      'Its 12 items already in the feed: kept, not announced (answers count them now; only new items go into digests and nudges).',
    );
  });
});

describe('changeText', () => {
  it.each([
    [15, 1, '▲ up from 1 in the previous 7 days'],
    [1, 4, '▼ down from 4 in the previous 7 days'],
    [5, 5, 'steady vs the previous 7 days (5)'],
    [30, 20, '▲ up 50% vs the previous 7 days (20)'],
    [15, 20, '▼ down 25% vs the previous 7 days (20)'],
    [1001, 1000, 'steady vs the previous 7 days (1000)'],
    [3, 0, '▲ up from none in the previous 7 days'],
    [0, 0, 'none in the previous 7 days either'],
  ])('%i after %i reads "%s"', (current, previous, expected) => {
    expect(changeText(current, previous, 'the previous 7 days')).toBe(expected);
  });
});

describe('weekChange', () => {
  it.each([
    [5, 3, ' (▲ up from 3 the week before)'],
    [2, 9, ' (▼ down from 9 the week before)'],
    [4, 4, ' (steady)'],
    [3, 0, ' (none the week before)'],
    [0, 0, ''],
    [0, 2, ' (▼ down from 2 the week before)'],
  ])('%i this week after %i reads "%s"', (current, previous, expected) => {
    expect(weekChange(current, previous)).toBe(expected);
  });
});

describe('formatUntilDay', () => {
  const now = new Date('2026-11-23T12:00:00Z');
  it('says the year whenever it is not the current one, however near', () => {
    expect(formatUntilDay(new Date('2027-03-01T23:59:59Z'), 'UTC', now)).toBe(
      'Mon 1 Mar 2027 (end of day, UTC)',
    );
    expect(formatUntilDay(new Date('2027-01-01T23:59:59Z'), 'UTC', now)).toBe(
      'Fri 1 Jan 2027 (end of day, UTC)',
    );
  });
  it('leaves it out within the current year', () => {
    expect(formatUntilDay(new Date('2026-12-04T23:59:59Z'), 'UTC', now)).toBe('Fri 4 Dec (end of day, UTC)');
  });
});
