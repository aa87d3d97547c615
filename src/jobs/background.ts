import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { runDueDigests } from '../briefing/digest-runner.ts';
import { pruneLshBuckets } from '../db/items.ts';
import { pruneDeliveries, sendDueDeliveries } from '../deliveries.ts';
import type { Deps } from '../deps.ts';
import { followThrough } from '../engage/follow-through.ts';
import { nudgePendingItems, redrawStaleNudges } from '../engage/nudges.ts';
import { announceFailingFeeds } from '../monitor/alerts.ts';
import { type PollSummary, pollDueFeeds } from '../monitor/poll.ts';
import { type Job, type RunningJobs, startJobs } from './scheduler.ts';

/** One polling cycle and what follows it: failing feeds announced to the admins, owed messages sent again. */
export async function runPollCycle(deps: Deps): Promise<PollSummary> {
  const summary = await pollDueFeeds(deps);
  await announceFailingFeeds(deps, deps.config.BRIEFBOT_ALERT_CHANNEL);
  // Alerts and DMs Slack refused for now (or a stopped process never sent), to those who lack them.
  await sendDueDeliveries(deps);
  return summary;
}

/**
 * Feed polling alone, every minute and once now: while Slack cannot be reached, new stories are still
 * stored; nudges and digests wait for the connection (they look at every item not looked at yet).
 */
export function startFeedMonitor(deps: Deps): RunningJobs {
  const poll = async () => {
    await pollDueFeeds(deps);
  };
  return startWithFirstPoll(poll, [], deps);
}

/** The jobs, with feed polling every minute and once now; stopping waits for that first poll. */
function startWithFirstPoll(poll: () => Promise<void>, others: Job[], deps: Deps): RunningJobs {
  const jobs = startJobs(
    [{ name: 'poll-feeds', cron: '* * * * *', run: poll }, ...others],
    deps.logger,
    deps.config.DEFAULT_TIMEZONE,
  );
  const first = poll().catch((error: unknown) => deps.logger.error({ error }, 'first poll failed'));
  return {
    async stop() {
      await first;
      await jobs.stop();
    },
  };
}

/** Who this process is, in digest runs: another instance takes over only runs whose owner went quiet. */
export const instanceId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

/**
 * The jobs the Slack app and the console both run: every minute (and once now) feed polling,
 * then nudges for new controversial items and their reminders, then the digests that are due
 * (which also catches up a recently missed one); nightly pruning (LSH buckets, finished deliveries).
 */
export function startBackgroundJobs(
  deps: Deps,
  onPoll: (summary: PollSummary) => void = () => {},
): RunningJobs {
  const poll = async () => {
    onPoll(await runMinuteJobs(deps));
  };
  return startWithFirstPoll(
    poll,
    [
      { name: 'prune-lsh', cron: '17 3 * * *', run: async () => pruneLsh(deps) },
      { name: 'prune-deliveries', cron: '27 3 * * *', run: async () => pruneDeliveries(deps) },
    ],
    deps,
  );
}

/** The minute job: polling, then nudges and their follow-through, then the digests that are due. */
export async function runMinuteJobs(deps: Deps, owner = instanceId): Promise<PollSummary> {
  const summary = await runPollCycle(deps);
  // Every item not looked at yet, not only this cycle's: a `briefbot poll` or a restart loses none.
  await nudgePendingItems(deps);
  await followThrough(deps);
  // Nudge messages whose redraw Slack refused for now, or a stopped process never made.
  await redrawStaleNudges(deps);
  await runDueDigests(deps, { owner, catchUpHours: deps.config.DIGEST_CATCH_UP_HOURS });
  return summary;
}

/** The nightly LSH pruning (near-duplicate buckets of old items). */
export function pruneLsh(deps: Deps): number {
  return pruneLshBuckets(deps.db.sqlite, deps.clock.now());
}
