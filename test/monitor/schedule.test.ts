import { describe, expect, it } from 'vitest';
import {
  backoffAfterFailure,
  nextIntervalAfterSuccess,
  pollLimits,
  type SuccessSignals,
} from '../../src/monitor/schedule.ts';

const minute = 60;
const hour = 3600;
const day = 24 * hour;
const start = Date.parse('2026-11-03T08:00:00Z');

/** Publication times (ms) of `count` items, `gapSec` apart, newest first. */
function publishedEvery(gapSec: number, count: number): number[] {
  return Array.from({ length: count }, (_, index) => start - index * gapSec * 1000);
}

function signals(overrides: Partial<SuccessSignals>): SuccessSignals {
  return {
    previousSec: pollLimits.firstSec,
    newItems: 1,
    recentPublished: [],
    ttlMinutes: null,
    maxAgeSec: null,
    ...overrides,
  };
}

const middleJitter = () => 0.5;

describe('nextIntervalAfterSuccess', () => {
  it('polls a busy feed (an item every 10 minutes) every 5 minutes', () => {
    const interval = nextIntervalAfterSuccess(
      signals({ previousSec: hour, newItems: 3, recentPublished: publishedEvery(10 * minute, 20) }),
    );
    expect(interval).toBe(5 * minute);
  });

  it('polls at about half the typical gap between items', () => {
    const interval = nextIntervalAfterSuccess(
      signals({ previousSec: 2 * hour, newItems: 1, recentPublished: publishedEvery(hour, 10) }),
    );
    expect(interval).toBe(30 * minute);
  });

  it('is not fooled by one pinned old post, or one date years ahead, in a busy feed', () => {
    const busy = publishedEvery(10 * minute, 15);
    const pinned = [...busy, Date.parse('2019-01-01T00:00:00Z')];
    expect(nextIntervalAfterSuccess(signals({ previousSec: hour, recentPublished: pinned }))).toBe(
      5 * minute,
    );
    const mistyped = [Date.parse('2099-01-01T00:00:00Z'), ...busy];
    expect(
      nextIntervalAfterSuccess(signals({ previousSec: hour, recentPublished: mistyped, fetchedAt: start })),
    ).toBe(5 * minute);
  });

  it('reads a daily batch, whose items share a date, by its mean gap', () => {
    const batches = [0, 0, 0, 1, 1, 1, 2, 2, 2].map((days) => start - days * day * 1000);
    expect(nextIntervalAfterSuccess(signals({ previousSec: hour, recentPublished: batches }))).toBe(
      Math.round((2 * day) / 8 / 2),
    );
  });

  it('reads the gap whatever order the items come in', () => {
    const shuffled = [start - 2 * hour * 1000, start, start - 3 * hour * 1000, start - hour * 1000];
    const interval = nextIntervalAfterSuccess(signals({ previousSec: day, recentPublished: shuffled }));
    expect(interval).toBe(30 * minute);
  });

  it('follows the feed’s rhythm when new items come, even if that is slower than before', () => {
    const interval = nextIntervalAfterSuccess(
      signals({ previousSec: 20 * minute, newItems: 2, recentPublished: publishedEvery(6 * hour, 10) }),
    );
    expect(interval).toBe(3 * hour);
  });

  it('looks a little sooner after new items when fewer than three items have dates', () => {
    const interval = nextIntervalAfterSuccess(
      signals({ previousSec: 40 * minute, newItems: 1, recentPublished: publishedEvery(minute, 2) }),
    );
    expect(interval).toBe(30 * minute);
  });

  it('checks a feed just added with a sparse back-catalogue at the base interval, not at half its old gap', () => {
    const backCatalogue = publishedEvery(2 * day, 20);
    const added = signals({
      newItems: 20,
      recentPublished: backCatalogue,
      subscribedAt: start + hour * 1000,
    });
    expect(nextIntervalAfterSuccess(added)).toBe(pollLimits.firstSec);
    // One new post since: still the base interval, not a day.
    const oneNew = [start + 2 * hour * 1000, ...backCatalogue];
    expect(
      nextIntervalAfterSuccess(
        signals({ newItems: 1, recentPublished: oneNew, subscribedAt: start + hour * 1000 }),
      ),
    ).toBe(pollLimits.firstSec);
  });

  it('still polls a feed just added with a busy back-catalogue sooner than the base interval', () => {
    const busy = signals({
      newItems: 20,
      recentPublished: publishedEvery(10 * minute, 20),
      subscribedAt: start + minute * 1000,
    });
    expect(nextIntervalAfterSuccess(busy)).toBe(5 * minute);
  });

  it('learns the rhythm from the items dated since the feed was added once there are three', () => {
    const subscribedAt = start + hour * 1000;
    const since = [0, 1, 2].map((n) => subscribedAt + (n + 1) * 6 * hour * 1000);
    const recentPublished = [...since, ...publishedEvery(2 * day, 17)];
    expect(nextIntervalAfterSuccess(signals({ newItems: 1, recentPublished, subscribedAt }))).toBe(3 * hour);
  });

  it('backs off a quiet feed by how long it has been quiet: half of it, never below the interval it had', () => {
    expect(nextIntervalAfterSuccess(signals({ previousSec: hour, newItems: 0, quietSec: 6 * hour }))).toBe(
      3 * hour,
    );
    expect(nextIntervalAfterSuccess(signals({ previousSec: hour, newItems: 0, quietSec: hour }))).toBe(hour);
  });

  it('leaves the interval as it was for a quiet poll run again and again at once (poll --all by hand)', () => {
    let interval = 20 * minute;
    for (let poll = 0; poll < 10; poll++)
      interval = nextIntervalAfterSuccess(
        signals({ previousSec: interval, newItems: 0, quietSec: 30 * minute }),
      );
    expect(interval).toBe(20 * minute);
  });

  it('backs off after a quiet poll even when old items suggest a short gap', () => {
    const interval = nextIntervalAfterSuccess(
      signals({
        previousSec: hour,
        newItems: 0,
        quietSec: 3 * hour,
        recentPublished: publishedEvery(10 * minute, 20),
      }),
    );
    expect(interval).toBe(1.5 * hour);
  });

  it('polled on its schedule, a quiet feed backs off by half again each time until it reaches a day', () => {
    let interval: number = pollLimits.firstSec;
    let quietSec = interval;
    const seen: number[] = [];
    for (let poll = 0; poll < 20; poll++) {
      interval = nextIntervalAfterSuccess(signals({ previousSec: interval, newItems: 0, quietSec }));
      seen.push(interval);
      quietSec += interval;
    }
    for (let index = 1; index < seen.length; index++) {
      expect(seen[index]).toBeGreaterThanOrEqual(seen[index - 1] as number);
    }
    expect(seen.slice(0, 4)).toEqual([30 * minute, 30 * minute, 45 * minute, 67.5 * minute]);
    expect(seen.at(-1)).toBe(day);
  });

  it('never polls sooner than the feed <ttl> asks', () => {
    const interval = nextIntervalAfterSuccess(
      signals({
        previousSec: hour,
        newItems: 5,
        recentPublished: publishedEvery(10 * minute, 20),
        ttlMinutes: 120,
      }),
    );
    expect(interval).toBe(2 * hour);
  });

  it('never polls sooner than the Cache-Control max-age asks', () => {
    const interval = nextIntervalAfterSuccess(
      signals({
        previousSec: hour,
        newItems: 5,
        recentPublished: publishedEvery(10 * minute, 20),
        maxAgeSec: 3 * hour,
      }),
    );
    expect(interval).toBe(3 * hour);
  });

  it('ignores a ttl or max-age shorter than the interval it would pick anyway', () => {
    const interval = nextIntervalAfterSuccess(
      signals({ previousSec: hour, newItems: 0, quietSec: 3 * hour, ttlMinutes: 10, maxAgeSec: 60 }),
    );
    expect(interval).toBe(1.5 * hour);
  });

  it('clamps to at least 5 minutes', () => {
    const interval = nextIntervalAfterSuccess(
      signals({ previousSec: 10 * minute, newItems: 10, recentPublished: publishedEvery(30, 20) }),
    );
    expect(interval).toBe(pollLimits.minSec);
    expect(nextIntervalAfterSuccess(signals({ previousSec: 1, newItems: 1 }))).toBe(pollLimits.minSec);
  });

  it('clamps to at most a day, even when the publisher asks for longer', () => {
    expect(
      nextIntervalAfterSuccess(signals({ previousSec: 20 * hour, newItems: 0, quietSec: 3 * day })),
    ).toBe(pollLimits.maxSec);
    expect(nextIntervalAfterSuccess(signals({ previousSec: hour, ttlMinutes: 7 * 24 * 60 }))).toBe(
      pollLimits.maxSec,
    );
    expect(nextIntervalAfterSuccess(signals({ previousSec: hour, maxAgeSec: 30 * day }))).toBe(
      pollLimits.maxSec,
    );
  });

  it('returns whole seconds', () => {
    const interval = nextIntervalAfterSuccess(
      signals({ previousSec: hour, newItems: 1, recentPublished: publishedEvery(1001, 4) }),
    );
    expect(Number.isInteger(interval)).toBe(true);
    expect(interval).toBe(501);
  });
});

describe('backoffAfterFailure', () => {
  it('waits 5 minutes after the first failure and doubles per failure', () => {
    expect([1, 2, 3, 4, 5].map((failures) => backoffAfterFailure(failures, undefined, middleJitter))).toEqual(
      [5 * minute, 10 * minute, 20 * minute, 40 * minute, 80 * minute],
    );
  });

  it('jitters by at most 10% either way', () => {
    expect(backoffAfterFailure(3, undefined, () => 0)).toBe(18 * minute);
    expect(backoffAfterFailure(3, undefined, () => 0.999999)).toBe(22 * minute);
  });

  it('never retries sooner than 5 minutes, even with downward jitter', () => {
    expect(backoffAfterFailure(1, undefined, () => 0)).toBe(pollLimits.minSec);
    expect(backoffAfterFailure(0, undefined, middleJitter)).toBe(pollLimits.minSec);
  });

  it('is capped at a day, however many failures', () => {
    expect(backoffAfterFailure(10, undefined, middleJitter)).toBe(day);
    expect(backoffAfterFailure(100, undefined, () => 0.999999)).toBe(day);
    expect(backoffAfterFailure(5000, undefined, middleJitter)).toBe(day);
  });

  it('honours a Retry-After longer than the backoff', () => {
    expect(backoffAfterFailure(1, 2 * hour, middleJitter)).toBe(2 * hour);
  });

  it('keeps the backoff when Retry-After is shorter', () => {
    expect(backoffAfterFailure(4, 60, middleJitter)).toBe(40 * minute);
  });

  it('caps a Retry-After longer than a day at a day', () => {
    expect(backoffAfterFailure(1, 3 * day, middleJitter)).toBe(day);
  });
});
