import { pruneLshBuckets } from '../db/items.ts';
import type { Deps } from '../deps.ts';
import { type PollSummary, pollDueFeeds } from '../monitor/poll.ts';
import type { Job } from './scheduler.ts';

export function monitorJobs(
  deps: Deps,
  onPoll: (summary: PollSummary) => Promise<void> | void = () => {},
): Job[] {
  return [
    { name: 'poll-feeds', cron: '* * * * *', run: async () => onPoll(await pollDueFeeds(deps)) },
    {
      name: 'prune-lsh',
      cron: '17 3 * * *',
      run: async () => pruneLshBuckets(deps.db.sqlite, deps.clock.now()),
    },
  ];
}
