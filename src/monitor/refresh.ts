import type { Sqlite } from '../db/client.ts';
import type { Deps } from '../deps.ts';
import { type DueFeed, dueFeedColumns, type PollSummary, pollDueFeeds } from './poll.ts';

/** Limits of the check a digest makes of its feeds before it is built. */
export const refreshLimits = {
  /** A feed checked within this long is taken as it stands. */
  staleAfterMs: 30 * 60_000,
  /** The digests wait at most this long for the check; feeds not begun by then wait for their own turn. */
  withinMs: 20_000,
  /** At most this many feeds are checked at once (the ones due soonest first). */
  maxFeeds: 500,
} as const;

/**
 * Healthy feeds (not paused, not backing off after a failure) last checked more than `staleAfterMs`
 * ago, the ones due soonest first: a quiet feed polled daily may have posted since its last check.
 * A feed never read is left out: its first items are backlog, stored when it is added.
 */
export function staleFeeds(sqlite: Sqlite, now: Date, staleAfterMs: number = refreshLimits.staleAfterMs) {
  return sqlite
    .prepare(
      `SELECT ${dueFeedColumns} FROM feeds WHERE status = 'active' AND consecutive_failures = 0
         AND last_fetched_at < ?
       ORDER BY next_poll_at LIMIT ?`,
    )
    .safeIntegers(false)
    .all(now.getTime() - staleAfterMs, refreshLimits.maxFeeds) as DueFeed[];
}

export type FeedRefresh = {
  /** Settles when every feed is checked, or when `withinMs` has passed, whichever is first. */
  ready: Promise<void>;
  /** Settles when the feeds begun are stored (at most one fetch timeout after `ready`). */
  done: Promise<PollSummary | null>;
};

/**
 * Checks the stale feeds once (conditional GETs, stored as any poll stores them: a feed's first
 * items stay backlog, as they were at subscription), for the digests about to be built. A feed
 * that fails is recorded as a failed poll and backs off; it never holds the digests past `withinMs`.
 */
export function refreshStaleFeeds(
  deps: Deps,
  options: { withinMs?: number; staleAfterMs?: number } = {},
): FeedRefresh {
  const feeds = staleFeeds(deps.db.sqlite, deps.clock.now(), options.staleAfterMs);
  if (feeds.length === 0) return { ready: Promise.resolve(), done: Promise.resolve(null) };
  let taking = true;
  const done = pollDueFeeds(deps, { feeds, taking: () => taking }).catch((error: unknown) => {
    deps.logger.error({ error }, 'feed refresh before digests failed');
    return null;
  });
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      taking = false;
      deps.logger.warn({ feeds: feeds.length }, 'feed refresh before digests cut short');
      resolve();
    }, options.withinMs ?? refreshLimits.withinMs);
  });
  const ready = Promise.race([done.then(() => undefined), deadline]).finally(() => clearTimeout(timer));
  return { ready, done };
}
