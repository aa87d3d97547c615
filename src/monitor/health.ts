import { formatDateTime, formatDay, formatRelative } from '../format.ts';

export const FeedStatus = { Active: 'active', Failing: 'failing', Paused: 'paused' } as const;
export type FeedStatus = (typeof FeedStatus)[keyof typeof FeedStatus];

export type FeedHealthInput = {
  id: number;
  status: string;
  lastSuccessAt: Date | null;
  lastNewItemAt: Date | null;
  lastFetchedAt: Date | null;
  nextPollAt: Date;
  consecutiveFailures: number;
  lastError: string | null;
  /** What kept part of it from being read while it reads (a CDATA section never closed); null when read whole. */
  partialRead?: string | null;
  failingSince: Date | null;
  /** The newest item's date, whenever it came in; null before the first. */
  newestItemAt?: Date | null;
};

/** Past this, a feed whose newest item is older may no longer be updated. */
export const staleAfterMs = 90 * 24 * 3600 * 1000;

/** " (the newest item is from 28 Jul 2022: it may no longer be updated)" for a feed long silent; else "". */
export function staleFeedNote(newest: Date | null | undefined, now: Date): string {
  if (!newest || now.getTime() - newest.getTime() <= staleAfterMs) return '';
  return `no new items since ${formatDay(newest)}: this feed may no longer be updated`;
}

/** A feed's state in one line a marketer understands: is it working, since when not, and why. Each surface adds its own resume command to "paused". */
export function describeFeedHealth(feed: FeedHealthInput, now: Date, timeZone = 'UTC'): string {
  if (feed.status === FeedStatus.Paused) return 'paused';
  const next = feed.nextPollAt.getTime() <= now.getTime() ? 'now' : formatRelative(feed.nextPollAt, now);
  const attempts = `${feed.consecutiveFailures} failed ${feed.consecutiveFailures === 1 ? 'attempt' : 'attempts'}`;
  if (feed.status === FeedStatus.Failing) {
    const since = feed.failingSince ? formatDateTime(feed.failingSince, timeZone) : 'recently';
    return `failing since ${since} (${attempts}) because: ${feed.lastError ?? 'unknown error'} Next try ${next}.`;
  }
  if (feed.consecutiveFailures > 0) {
    return `ok until recently; the last check failed (${attempts}): ${feed.lastError ?? 'unknown error'} Retrying ${next}.`;
  }
  if (!feed.lastSuccessAt) return `new; first check ${next}.`;
  const checked = `checked ${formatRelative(feed.lastSuccessAt, now)}`;
  // Read without fault, yet its newest item is months old: not "ok" to a reader counting on it.
  const stale = staleFeedNote(feed.newestItemAt, now);
  if (stale) return `${stale}; ${checked}, next check ${next}.`;
  const newest = feed.lastNewItemAt
    ? `last new item ${formatRelative(feed.lastNewItemAt, now)}`
    : 'no new items yet';
  // Read, but only in part (a CDATA section never closed): what was lost, so an admin can tell the publisher.
  const inPart = feed.partialRead ? ` Read only in part: ${feed.partialRead}.` : '';
  return `ok; ${checked}, ${newest}, next check ${next}.${inPart}`;
}
