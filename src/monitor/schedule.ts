import { aheadOfFetch } from './dates.ts';

/** Polling bounds: never more often than every 5 minutes, never less than daily. */
export const pollLimits = {
  minSec: 5 * 60,
  maxSec: 24 * 3600,
  firstSec: 30 * 60,
  failingAfter: 3,
} as const;

/** A feed quiet for 6 hours is next checked in 3: polled on schedule, the interval grows by half each time. */
const quietShare = 0.5;

function clamp(seconds: number): number {
  return Math.round(Math.min(pollLimits.maxSec, Math.max(pollLimits.minSec, seconds)));
}

export type SuccessSignals = {
  previousSec: number;
  newItems: number;
  /** Publication times (ms) of the feed's most recent items, any order. */
  recentPublished: number[];
  /** When the feed was fetched (ms): dates well after it are mistakes and say nothing of its rhythm. */
  fetchedAt?: number;
  ttlMinutes: number | null;
  maxAgeSec: number | null;
  /** How long the feed has had nothing new (seconds since its last new item, or since it was added). */
  quietSec?: number;
  /**
   * When the feed was added (ms). Its rhythm is learnt from the items dated since: until three have
   * come, the back-catalogue it had when added may make polling sooner, never later than firstSec.
   */
  subscribedAt?: number;
};

/**
 * The next polling interval after a successful fetch: about half the feed's typical gap between
 * items, backing off while it is quiet, never sooner than the publisher's <ttl> or max-age asks.
 * A quiet feed backs off by how long it has been quiet, not by how many polls found nothing: a
 * "poll --all" run five times in a minute leaves its schedule as it was.
 */
export function nextIntervalAfterSuccess(signals: SuccessSignals): number {
  const cadence = learntCadence(signals);
  let interval =
    signals.newItems === 0
      ? Math.max(cadence ?? 0, signals.previousSec, (signals.quietSec ?? 0) * quietShare)
      : // New items: follow the feed's own rhythm when its dates show one, else look a little sooner.
        (cadence ?? signals.previousSec * 0.75);
  if (signals.ttlMinutes) interval = Math.max(interval, signals.ttlMinutes * 60);
  if (signals.maxAgeSec) interval = Math.max(interval, signals.maxAgeSec);
  return clamp(interval);
}

/**
 * Half the feed's typical gap, from the items dated since it was added once there are three; before
 * that (a feed just added, its back-catalogue 2 days apart), at most firstSec, so a new post reaches
 * the next digest: a back-catalogue is what the publisher did before, often in bulk or long ago, so it
 * only counts when it says "sooner" (a busy feed). Undefined when no date tells anything.
 */
function learntCadence(signals: SuccessSignals): number | undefined {
  const { fetchedAt, subscribedAt } = signals;
  // Dates well after the fetch are mistakes and say nothing of the feed's rhythm.
  const dated = signals.recentPublished.filter(
    (time) => fetchedAt === undefined || !aheadOfFetch(time, fetchedAt),
  );
  const since = dated.filter((time) => subscribedAt === undefined || time >= subscribedAt);
  const learnt = since.length >= 3;
  const gapSec = typicalGap(learnt ? since : dated);
  if (gapSec <= 0) return undefined;
  return learnt ? gapSec / 2 : Math.min(gapSec / 2, pollLimits.firstSec);
}

/**
 * Seconds between a feed's items, typically: the median gap between its 20 latest dates, so one
 * pinned old post does not make a busy feed look quiet (the mean gap when
 * most items share a date, as a daily batch does); 0 when there are too few dates to tell.
 */
function typicalGap(published: number[]): number {
  const times = [...published].sort((a, b) => b - a).slice(0, 20);
  if (times.length < 3) return 0;
  const gaps = times.slice(1).map((time, index) => ((times[index] as number) - time) / 1000);
  const median = [...gaps].sort((a, b) => a - b)[Math.floor(gaps.length / 2)] as number;
  if (median > 0) return median;
  return ((times[0] as number) - (times[times.length - 1] as number)) / (times.length - 1) / 1000;
}

/**
 * Exponential backoff after consecutive failures (5 min, 10, 20, ... up to a day), with ±10% jitter
 * so feeds that failed together do not retry together; a Retry-After from the server wins if longer.
 */
export function backoffAfterFailure(
  failures: number,
  retryAfterSec?: number,
  random: () => number = Math.random,
): number {
  const base = pollLimits.minSec * 2 ** Math.max(0, failures - 1);
  const jittered = base * (0.9 + random() * 0.2);
  return clamp(Math.max(jittered, retryAfterSec ?? 0));
}
