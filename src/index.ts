import { type Config, resolveSlackSetup } from './config.ts';
import { createDeps, type Deps } from './deps.ts';
import { monitorJobs } from './jobs/monitor-jobs.ts';
import { startJobs } from './jobs/scheduler.ts';
import { createWorkerAnalyzer } from './monitor/analyzer.ts';
import { pollDueFeeds } from './monitor/poll.ts';

export type Running = { deps: Deps; stop(): Promise<void> };

/** Starts Briefbot: database, the monitor on its schedule, and Slack when it is configured. */
export async function startBriefbot(
  config: Config,
  print: (line: string) => void = console.log,
): Promise<Running> {
  const deps = await createDeps(config, { analyzer: createWorkerAnalyzer(1) });
  const slack = resolveSlackSetup(config);
  const feeds = await deps.db.prisma.feed.count();
  if (slack.mode === 'none') {
    print(
      `Briefbot is monitoring ${feeds} feed${feeds === 1 ? '' : 's'} without Slack (${slack.reason}); ` +
        'add feeds with "npx briefbot feeds add <url>", and see README "Connect Slack" to post to Slack.',
    );
  }
  const jobs = startJobs(monitorJobs(deps), deps.logger, config.DEFAULT_TIMEZONE);
  // The first cycle right away, not at the next minute boundary.
  const first = pollDueFeeds(deps).catch((error: unknown) =>
    deps.logger.error({ error }, 'first poll failed'),
  );
  return {
    deps,
    async stop() {
      await first;
      await jobs.stop();
      await deps.analyzer.close();
      await deps.db.close();
    },
  };
}
