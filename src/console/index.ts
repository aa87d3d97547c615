import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { systemClock } from '../clock.ts';
import type { Config } from '../config.ts';
import { createDeps, type Deps } from '../deps.ts';
import { startBackgroundJobs } from '../jobs/background.ts';
import type { RunningJobs } from '../jobs/scheduler.ts';
import { createLogger } from '../logger.ts';
import { createWorkerAnalyzer, inlineAnalyzer } from '../monitor/analyzer.ts';
import { defaultFetchTimeoutMs, defaultMaxFeedBytes } from '../monitor/fetch.ts';
import { untilStopSignal } from '../signals.ts';
import {
  recordSlackState,
  recordStatusBeat,
  SlackState,
  slackInstanceRunning,
  statusBeatMs,
} from '../slack/status.ts';
import {
  consoleChannelId,
  createConsoleOutbox,
  createConsoleSession,
  localAdminId,
  localDirectory,
} from './console.ts';
import { type DemoServer, demoSummaryLine, seedDemo, startDemoServer } from './demo.ts';

export type ConsoleOptions = {
  input: Readable;
  output: Writable;
  interactive: boolean;
  demo: boolean;
  /**
   * When the input ends before any command (no terminal, nothing piped: a service manager, a
   * container), go on running the background jobs until SIGINT or SIGTERM instead of returning.
   */
  serveWithoutInput?: boolean;
  /** Started as Briefbot itself without Slack (why): `npx briefbot status` says so while it runs. */
  withoutSlack?: string;
};

function promptFor(userId: string): string {
  return `briefbot (${userId})> `;
}

/**
 * The local console: /brief commands typed in a terminal, run as in Slack, with Briefbot's own
 * posts printed as they happen. Resolves with the exit code when the input ends or the user quits.
 * With `demo`, sample feeds are served locally and loaded into a throwaway database.
 */
export async function startConsole(config: Config, options: ConsoleOptions): Promise<number> {
  const { input, output, interactive } = options;
  let lines: Interface | undefined;
  let busy = true;
  const write = (text: string) => {
    if (interactive && lines && !busy) {
      // A post arriving while the user types: print it above the prompt, then redraw the prompt and their text.
      output.write(`\r\u001b[2K${text}`);
      lines.prompt(true);
    } else {
      output.write(text);
    }
  };
  const session = createConsoleSession(write, { color: interactive });
  const analyzer = interactive ? createWorkerAnalyzer(1) : inlineAnalyzer;
  let demoDir: string | undefined;
  let demoServer: DemoServer | undefined;
  let deps: Deps | undefined;
  let jobs: RunningJobs | undefined;
  let stopBeat: (() => void) | undefined;
  try {
    // Alerts need somewhere to go: with no alert channel and no admins configured, this terminal.
    let consoleConfig: Config =
      config.BRIEFBOT_ALERT_CHANNEL || config.BRIEFBOT_ADMINS.length > 0
        ? config
        : { ...config, BRIEFBOT_ALERT_CHANNEL: consoleChannelId };
    if (options.demo) {
      // Demo feeds live on a local port that changes every run: they never go into the real database.
      demoDir = await mkdtemp(join(tmpdir(), 'briefbot-demo-'));
      consoleConfig = { ...consoleConfig, DATABASE_URL: `file:${join(demoDir, 'demo.db')}` };
      demoServer = await startDemoServer(systemClock.now());
    }
    deps = await createDeps(consoleConfig, {
      analyzer,
      // Routine info lines would interleave with the replies, typed or scripted; warnings still show
      // (LOG_LEVEL=debug shows all).
      logger: createLogger(consoleConfig.LOG_LEVEL === 'info' ? 'warn' : consoleConfig.LOG_LEVEL),
      outbox: createConsoleOutbox(session, systemClock),
      directory: localDirectory,
      ...(options.demo
        ? { http: { timeoutMs: defaultFetchTimeoutMs, maxBytes: defaultMaxFeedBytes, allowPrivate: true } }
        : {}),
    });
    if (demoServer) write(`${demoSummaryLine(await seedDemo(deps, demoServer, localAdminId))}\n`);
    jobs = startBackgroundJobs(deps);
    if (options.withoutSlack !== undefined) stopBeat = recordRunningWithoutSlack(deps, options.withoutSlack);
    // Created only now: lines typed (or piped) during start-up wait in the input stream, not in a lost event.
    lines = interactive
      ? createInterface({
          input,
          output,
          terminal: true,
          prompt: promptFor(session.userId),
          historySize: 200,
        })
      : createInterface({ input, terminal: false, crlfDelay: Number.POSITIVE_INFINITY });
    if (interactive) {
      write(
        `Briefbot console, as ${session.userId} (an admin). Type help for Briefbot, /help for the console, /quit to leave.\n`,
      );
      // A first start reads nothing yet: say how to begin, or how to see Briefbot with sample data.
      if (!options.demo && (await deps.db.prisma.feed.count()) === 0)
        write(
          'No feeds yet. Add one (feeds add https://example.com/feed.xml), or /quit and run `npx briefbot console --demo` to try Briefbot on sample feeds.\n',
        );
      lines.on('SIGINT', () => lines?.close());
      lines.prompt();
    }
    busy = false;
    let commands = 0;
    for await (const line of lines) {
      busy = true;
      commands++;
      if ((await session.handle(deps, line)) === 'quit') break;
      busy = false;
      if (interactive) {
        lines.setPrompt(promptFor(session.userId));
        lines.prompt();
      }
    }
    if (interactive) output.write('\n');
    if (options.serveWithoutInput && commands === 0) await serveUntilStopped(deps, write);
    return 0;
  } finally {
    busy = true;
    lines?.close();
    stopBeat?.();
    await jobs?.stop();
    await analyzer.close();
    await deps?.db.close();
    await demoServer?.close();
    if (demoDir) await rm(demoDir, { recursive: true, force: true });
  }
}

/** Records "running without Slack" and a check-in every minute; the returned stop records "stopped". */
function recordRunningWithoutSlack(deps: Deps, reason: string): () => void {
  const { sqlite } = deps.db;
  // Another Briefbot on this database still in Slack keeps its word: this one says nothing.
  if (slackInstanceRunning(sqlite, deps.clock.now())) return () => {};
  recordSlackState(sqlite, SlackState.WithoutSlack, reason, deps.clock.now());
  const beat = setInterval(() => recordStatusBeat(sqlite, deps.clock.now()), statusBeatMs);
  beat.unref();
  return () => {
    clearInterval(beat);
    recordSlackState(sqlite, SlackState.Stopped, 'stopped', deps.clock.now());
  };
}

/** Background jobs only, until SIGINT or SIGTERM: what would go to Slack is printed instead. */
async function serveUntilStopped(deps: Deps, write: (text: string) => void): Promise<void> {
  const feeds = await deps.db.prisma.feed.count({ where: { status: { not: 'paused' } } });
  write(
    feeds === 0
      ? 'No terminal to type in, and no feeds yet: add one with `npx briefbot feeds add <url>` from any shell (this process then polls it on its schedule), or type commands in `npx briefbot console`. Running until stopped (Ctrl+C or SIGTERM).\n'
      : `No terminal to type in: monitoring ${feeds} feed${feeds === 1 ? '' : 's'} on their schedule; what Briefbot would post to Slack is printed here. Running until stopped (Ctrl+C or SIGTERM).\n`,
  );
  await untilStopSignal();
  write('Stopping Briefbot...\n');
}
