import { createWorkerEvidence } from './briefing/evidence.ts';
import { type Config, resolveSlackSetup } from './config.ts';
import { sqlitePath } from './db/migrate.ts';
import { createDeps, type Deps } from './deps.ts';
import { startBackgroundJobs } from './jobs/background.ts';
import { createWorkerAnalyzer } from './monitor/analyzer.ts';
import { createSlackApp } from './slack/app.ts';

export type Running = { deps: Deps; port: number | null; stop(): Promise<void> };

/** Briefbot in Slack: database, Bolt (Socket Mode or HTTP), and the background jobs. */
export async function startSlackBriefbot(
  config: Config,
  options: { port?: number; retries?: number; print?: (line: string) => void } = {},
): Promise<Running> {
  const setup = resolveSlackSetup(config);
  if (setup.mode === 'none') throw new Error(`Slack is not configured: ${setup.reason}`);
  const base = await createDeps(config, { analyzer: createWorkerAnalyzer(1) });
  base.evidence = createWorkerEvidence(sqlitePath(config.DATABASE_URL), 2);
  const slack = createSlackApp(
    base,
    setup.mode === 'http' && options.port !== undefined ? { ...setup, port: options.port } : setup,
  );
  const running = await slack.start();
  const jobs = startBackgroundJobs(slack.deps);
  options.print?.(
    setup.mode === 'http'
      ? `Briefbot is connected to Slack in HTTP mode on port ${running.port} (/slack/events, /healthz).`
      : 'Briefbot is connected to Slack in Socket Mode.',
  );
  return {
    deps: slack.deps,
    port: running.port,
    async stop() {
      await running.stop();
      await jobs.stop();
      await base.analyzer.close();
      await base.evidence.close();
      await base.db.close();
    },
  };
}
