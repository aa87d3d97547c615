import cron from 'node-cron';
import type { Logger } from '../logger.ts';

export type Job = { name: string; cron: string; run: () => Promise<unknown> };
export type RunningJobs = { stop(): Promise<void> };

/** node-cron wiring only: each job is a schedule around a runX(deps) function; overlapping runs are skipped. */
export function startJobs(jobs: Job[], logger: Logger, timezone = 'UTC'): RunningJobs {
  const inFlight = new Set<Promise<unknown>>();
  const tasks = jobs.map((job) =>
    cron.schedule(
      job.cron,
      async () => {
        const run = job.run().catch((error: unknown) => logger.error({ job: job.name, error }, 'job failed'));
        inFlight.add(run);
        await run;
        inFlight.delete(run);
      },
      { name: job.name, timezone, noOverlap: true },
    ),
  );
  return {
    async stop() {
      await Promise.all(tasks.map((task) => task.stop()));
      // Let a cycle in progress finish its transaction rather than cut it off.
      await Promise.all(inFlight);
    },
  };
}
