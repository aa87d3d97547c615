import { describe, expect, it } from 'vitest';
import { describeFeedHealth, type FeedHealthInput, FeedStatus } from '../../src/monitor/health.ts';

const now = new Date('2026-11-03T14:05:00Z');
const minutesFromNow = (minutes: number) => new Date(now.getTime() + minutes * 60_000);

function feed(overrides: Partial<FeedHealthInput>): FeedHealthInput {
  return {
    id: 7,
    status: FeedStatus.Active,
    lastSuccessAt: minutesFromNow(-10),
    lastNewItemAt: minutesFromNow(-180),
    lastFetchedAt: minutesFromNow(-10),
    nextPollAt: minutesFromNow(20),
    consecutiveFailures: 0,
    lastError: null,
    failingSince: null,
    ...overrides,
  };
}

describe('describeFeedHealth', () => {
  it('says a feed read without fault is no longer updated when its newest item is months old', () => {
    const old = describeFeedHealth(feed({ newestItemAt: new Date('2022-07-28T12:00:00Z') }), now);
    expect(old).toBe(
      'no new items since 28 Jul 2022: this feed may no longer be updated; checked 10 min ago, next check in 20 min.',
    );
    expect(describeFeedHealth(feed({ newestItemAt: minutesFromNow(-60 * 24 * 30) }), now)).toMatch(/^ok; /);
  });

  it('tells how to resume a paused feed, whatever else is recorded', () => {
    const text = describeFeedHealth(
      feed({ id: 42, status: FeedStatus.Paused, consecutiveFailures: 5, lastError: 'boom' }),
      now,
    );
    expect(text).toBe('paused');
  });

  it('says since when a feed is failing, how often, why, and when it tries next', () => {
    const text = describeFeedHealth(
      feed({
        status: FeedStatus.Failing,
        consecutiveFailures: 4,
        lastError: 'The server answered HTTP 503: the server had an error; Briefbot will try again later.',
        failingSince: new Date('2026-11-01T09:30:00Z'),
        nextPollAt: minutesFromNow(40),
      }),
      now,
    );
    expect(text).toBe(
      'failing since 1 Nov 2026 09:30 UTC (4 failed attempts) because: The server answered HTTP 503: ' +
        'the server had an error; Briefbot will try again later. Next try in 40 min.',
    );
  });

  it('shows the failing-since date in the workspace time zone', () => {
    const text = describeFeedHealth(
      feed({
        status: FeedStatus.Failing,
        consecutiveFailures: 3,
        lastError: 'Timed out.',
        failingSince: new Date('2026-11-01T09:30:00Z'),
      }),
      now,
      'Europe/Berlin',
    );
    expect(text).toContain('failing since 1 Nov 2026 10:30 CET');
  });

  it('falls back to readable words when a failing feed lacks its details', () => {
    const text = describeFeedHealth(
      feed({
        status: FeedStatus.Failing,
        consecutiveFailures: 1,
        lastError: null,
        failingSince: null,
        nextPollAt: minutesFromNow(-1),
      }),
      now,
    );
    expect(text).toBe('failing since recently (1 failed attempt) because: unknown error Next try now.');
  });

  it('says a working feed had a failed check and when it retries', () => {
    const text = describeFeedHealth(
      feed({
        consecutiveFailures: 1,
        lastError: 'The feed took too long to answer.',
        nextPollAt: minutesFromNow(5),
      }),
      now,
    );
    expect(text).toBe(
      'ok until recently; the last check failed (1 failed attempt): The feed took too long to answer. Retrying in 5 min.',
    );
  });

  it('pluralises attempts for a working feed with two failed checks', () => {
    const text = describeFeedHealth(feed({ consecutiveFailures: 2, lastError: 'Timed out.' }), now);
    expect(text).toContain('(2 failed attempts)');
    expect(text).toMatch(/^ok until recently/);
  });

  it('calls a never-fetched feed new and says when it is first checked', () => {
    expect(
      describeFeedHealth(
        feed({
          lastSuccessAt: null,
          lastNewItemAt: null,
          lastFetchedAt: null,
          nextPollAt: minutesFromNow(30),
        }),
        now,
      ),
    ).toBe('new; first check in 30 min.');
    expect(describeFeedHealth(feed({ lastSuccessAt: null, lastNewItemAt: null, nextPollAt: now }), now)).toBe(
      'new; first check now.',
    );
  });

  it('reports a healthy feed: when it was checked, its last new item and the next check', () => {
    const text = describeFeedHealth(
      feed({
        lastSuccessAt: minutesFromNow(-10),
        lastNewItemAt: minutesFromNow(-3 * 60),
        nextPollAt: minutesFromNow(20),
      }),
      now,
    );
    expect(text).toBe('ok; checked 10 min ago, last new item 3 h ago, next check in 20 min.');
  });

  it('says when a healthy feed has brought no new items yet', () => {
    const text = describeFeedHealth(
      feed({
        lastNewItemAt: null,
        lastSuccessAt: minutesFromNow(-3 * 24 * 60),
        nextPollAt: minutesFromNow(-5),
      }),
      now,
    );
    expect(text).toBe('ok; checked 3 days ago, no new items yet, next check now.');
  });
});
