import { createWorkerEvidence } from './briefing/evidence.ts';
import { type Config, resolveSlackSetup } from './config.ts';
import { sqlitePath } from './db/migrate.ts';
import { sendOwedNow } from './deliveries.ts';
import { createDeps, type Deps } from './deps.ts';
import { startBackgroundJobs, startFeedMonitor } from './jobs/background.ts';
import type { RunningJobs } from './jobs/scheduler.ts';
import type { Logger } from './logger.ts';
import { createWorkerAnalyzer } from './monitor/analyzer.ts';
import { createSlackApp, type SlackRunning } from './slack/app.ts';
import { connectWithRetries } from './slack/connect.ts';
import { recordSlackState, recordStatusBeat, SlackState, statusBeatMs } from './slack/status.ts';

export type Running = { deps: Deps; port: number | null; stop(): Promise<void> };

export type StartOptions = {
  port?: number;
  /** How often the Web API client tries a failed call again (default 3); tests set 0. */
  retries?: number;
  print?: (line: string) => void;
  /** The first wait after Slack could not be reached; each next one doubles (Slack's Retry-After wins). */
  reconnectDelayMs?: number;
  /** Resolves when the process is asked to stop: trying to reach Slack ends there (start resolves null). */
  stopped?: Promise<void>;
  /** Instead of the JSON lines on standard error that LOG_LEVEL sets up. */
  logger?: Logger;
  /**
   * false: no background jobs (no minute job on the wall clock), for a caller that runs the minute
   * job itself on a clock of its own; otherwise a tick would run it alongside, on that clock too.
   */
  backgroundJobs?: boolean;
};

/**
 * Briefbot in Slack: database, Bolt (Socket Mode or HTTP), and the background jobs. While Slack cannot
 * be reached (no network, 429, 5xx) the feeds are still polled and the connection is tried again,
 * each try said in one line; a token Slack refuses stops start-up (SlackSetupError).
 */
export async function startSlackBriefbot(
  config: Config,
  options: StartOptions & { stopped: Promise<void> },
): Promise<Running | null>;
export async function startSlackBriefbot(
  config: Config,
  options?: Omit<StartOptions, 'stopped'>,
): Promise<Running>;
export async function startSlackBriefbot(
  config: Config,
  options: StartOptions = {},
): Promise<Running | null> {
  const setup = resolveSlackSetup(config);
  if (setup.mode === 'none') throw new Error(`Slack is not configured: ${setup.reason}`);
  const base = await createDeps(config, {
    analyzer: createWorkerAnalyzer(1),
    ...(options.logger ? { logger: options.logger } : {}),
  });
  base.evidence = createWorkerEvidence(sqlitePath(config.DATABASE_URL), 2);
  // `npx briefbot status` reads what this process last said of Slack, and that it is still there.
  const { sqlite } = base.db;
  const beat = setInterval(() => recordStatusBeat(sqlite, base.clock.now()), statusBeatMs);
  beat.unref();
  const slackState = (connected: boolean, detail: string) =>
    recordSlackState(
      sqlite,
      connected ? SlackState.Connected : SlackState.NotConnected,
      detail,
      base.clock.now(),
    );
  const closeBase = async () => {
    clearInterval(beat);
    await base.analyzer.close();
    await base.evidence.close();
    await base.db.close();
  };
  const slack = createSlackApp(
    base,
    setup.mode === 'http' && options.port !== undefined ? { ...setup, port: options.port } : setup,
    options.retries === undefined ? {} : { retries: options.retries },
  );
  // Until Slack answers: feed polling only (nothing to post with), so no story found meanwhile is lost.
  let monitor = null as RunningJobs | null;
  let running: SlackRunning | null;
  try {
    running = await connectWithRetries(
      () =>
        slack.start({
          print: options.print,
          reconnectDelayMs: options.reconnectDelayMs,
          // Reconnected: what Slack would not take meanwhile goes out now, not after its backoff.
          onState: (connected, detail) => {
            slackState(connected, detail);
            if (connected)
              sendOwedNow(slack.deps).catch((error: unknown) =>
                base.logger.error({ err: error }, 'owed messages not sent after reconnecting'),
              );
          },
        }),
      {
        token: 'SLACK_BOT_TOKEN',
        apiUrl: config.SLACK_API_URL,
        firstDelayMs: options.reconnectDelayMs ?? 5_000,
        print: options.print,
        stopped: options.stopped,
        onFailure: (why) => {
          slackState(false, why);
          monitor ??= startFeedMonitor(base);
        },
      },
    );
  } catch (error) {
    await monitor?.stop();
    await closeBase();
    throw error;
  }
  if (running === null) {
    await monitor?.stop();
    await closeBase();
    return null;
  }
  await monitor?.stop();
  const connected = running;
  const jobs = options.backgroundJobs === false ? null : startBackgroundJobs(slack.deps);
  options.print?.(
    setup.mode === 'http'
      ? `Briefbot is connected to Slack in HTTP mode on port ${connected.port} (/slack/events, /healthz).`
      : 'Briefbot is connected to Slack in Socket Mode.',
  );
  slackState(
    true,
    setup.mode === 'http' ? `connected in HTTP mode on port ${connected.port}` : 'connected in Socket Mode',
  );
  return {
    deps: slack.deps,
    port: connected.port,
    async stop() {
      recordSlackState(sqlite, SlackState.Stopped, 'stopped', base.clock.now());
      await connected.stop();
      await jobs?.stop();
      await closeBase();
    },
  };
}
