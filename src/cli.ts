import { closeSync, existsSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { type ParseArgsConfig, parseArgs, parseEnv } from 'node:util';
import { closest } from './commands/text.ts';
import {
  type Config,
  ConfigError,
  configWarnings,
  envFileCommentWarnings,
  loadConfig,
  resolveSlackSetup,
  unknownSettingWarnings,
} from './config.ts';
import { databaseProblemText } from './db/problems.ts';
import type { Deps } from './deps.ts';
import { FeedError, UserError } from './errors.ts';
import { backlogNote, countOf } from './format.ts';
import { displayFeedUrl, typedFeedUrl } from './monitor/canonical-url.ts';
import {
  checkCompetitorName,
  competitorLabel,
  type FeedKind,
  feedKindOf,
  feedKinds,
} from './monitor/feed-kind.ts';
import { feedNumberGiven, feedNumberOf, type NumberedFeed } from './monitor/feed-number.ts';
import type { FeedLookalikeError, FeedSetCommand, FeedView } from './monitor/feeds.ts';
import { defaultFetchTimeoutMs, defaultMaxFeedBytes, fetchFeed } from './monitor/fetch.ts';
import { untilStopSignal } from './signals.ts';

// The database, Prisma, the console and the Slack app are loaded by the commands that use them:
// `feeds check`, often run once per file by scripts, starts in a fraction of the time without them.
const load = {
  deps: () => import('./deps.ts'),
  console: () => import('./console/index.ts'),
  feeds: () => import('./monitor/feeds.ts'),
  feedback: () => import('./briefing/feedback.ts'),
};

const usage = `Briefbot: monitors feeds and briefs your team in Slack.

Usage: npx briefbot <command>

  start                              run Briefbot in Slack; without Slack settings, the local console
  console [--demo]                   the local console: /brief commands in the terminal (--demo: sample data)
  poll [--all]                       run one polling cycle now and report what it found
                                     (--all: every feed now, not only the due ones)
  feeds add <url> [--kind <kind>]    subscribe to a feed (kind: ${feedKinds.join('|')})
                                     (--yes: even when it looks like a feed watched under another address;
                                     --competitor <name>: a competitor's feed, which competitor it stands for)
  feeds list [filter] [--json]       the feeds and their health; filter: failing, paused, ok, a kind, feed
                                     numbers (40, 1-3), or words
                                     (--kind <kind> works too)
  feeds remove|pause|resume <id-or-url>...
                                     several at once: 2 5, 1-3, 1-3 5 (remove deletes the
                                     items too: a feed with items needs --yes)
  feeds move <id-or-url> <new-url>   point a feed at its new address (it keeps its items; --yes: even
                                     when the new address serves a feed of another name)
  feeds set <id-or-url> --kind <kind> [--competitor <name>]
                                     change what kind of source a feed is (it keeps its items); a
                                     competitor's feed: which competitor it stands for
  feeds import <file-or-url> [--yes] add every feed of an OPML file (--yes: those that look like a feed
                                     watched under another address too)
  feeds export [file] [--force]      write the feeds as OPML (to a new file, or standard output;
                                     --force replaces a file that exists)
  feeds check <url-or-path>... [--json]
                                     read and parse feeds without storing them
  stats [period] [--csv|--json]      how fast conversations are answered, for the team, per expert and
                                     per topic: the figures of /brief stats, every row (period: 7d, 2w,
                                     "this week", "last month"…, the last 30 days unless given;
                                     --since <period> too)
  status                             whether the running Briefbot is connected to Slack (exit code 0)
                                     or not (1), and since when
  db migrate                         apply database migrations (start does this too)
  help [<command>]                   this text, or one command's part of it (<command> --help too)
  version                            which version of Briefbot this is (--version, -v too)

Topics, digests and experts are set up with /brief commands, in Slack or in: npx briefbot console

Settings come from a .env file in this folder, or the environment (every setting: .env.example).
Exit codes: 0 done, 1 the command did not succeed, 2 the command line is wrong. poll and feeds import
are done (0, with a warning on standard error) when only some feeds failed, and 1 when every one did;
feeds check is 1 when any source failed.`;

const cliActor = 'cli';

/**
 * The usage of the command the words name ("feeds add", "feeds" for every feeds command, "poll"),
 * read from the usage itself; the whole usage for no words; null for words that name no command.
 */
function commandHelp(words: string[]): string | null {
  const [command, sub] = words;
  if (!command) return usage;
  const entries: string[][] = [];
  for (const line of usage.split('\n')) {
    if (/^ {2}\S/.test(line)) entries.push([line]);
    else if (/^ {3,}\S/.test(line) && entries.length) entries.at(-1)?.push(line);
  }
  const [head, ...tail] = usage.split('\n\n').at(-1)?.split('\n') ?? [];
  const matching = entries.filter((entry) => {
    const [first, second = ''] = entry[0]?.trim().split(/\s+/) ?? [];
    return first === command && (!sub || second.split('|').includes(sub));
  });
  if (matching.length === 0) return null;
  return [
    'Usage (after npx briefbot):',
    '',
    ...matching.flat(),
    '',
    head,
    ...tail,
    `For every command: npx briefbot help`,
  ].join('\n');
}

/** `raw`: the terminal unmasked, for the admin's own export file (which must keep feed logins). */
type Io = { out: (line: string) => void; err: (line: string) => void; raw?: Io };
const stdio: Io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** Runs one command line; resolves to the exit code. */
export async function runCli(
  argv: string[],
  terminal: Io = stdio,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  // What the CLI prints can be pasted into a ticket: a feed address's password is never shown.
  const io: Io = {
    out: (line) => terminal.out(displayFeedUrl(line)),
    err: (line) => terminal.err(displayFeedUrl(line)),
    raw: terminal,
  };
  const config = () => loadConfig(env);
  // Starting Briefbot (not a one-off command): settings that contradict each other are said, once.
  const started = () => {
    const loaded = config();
    for (const warning of configWarnings(loaded)) io.err(warning);
    return loaded;
  };
  // "feeds add --help", "help feeds": that command's part of the usage, as help, not a wrong command line.
  const helpAsked = argv.some((arg) => arg === '--help' || arg === '-h');
  const topic = argv.filter((arg) => arg !== '--help' && arg !== '-h' && arg !== 'help');
  if (helpAsked || argv[0] === 'help') {
    const help = commandHelp(topic);
    if (help !== null) {
      io.out(help);
      return exitCode.ok;
    }
    // An unknown command with --help is answered as the command alone: what it is a slip away from.
    if (helpAsked) return runCli(topic, io, env);
  }
  const [command = 'start', sub, ...rest] = argv;
  try {
    switch (command) {
      case 'start':
        refuseExtra('start', readOptions('start', [sub, ...rest], {}).positionals);
        return await runStart(started(), io);
      case 'console': {
        const { values, positionals } = readOptions('console', [sub, ...rest], { demo: { type: 'boolean' } });
        refuseExtra('console [--demo]', positionals);
        return await (await load.console()).startConsole(started(), {
          input: process.stdin,
          output: process.stdout,
          interactive: process.stdin.isTTY === true,
          demo: values.demo ?? false,
        });
      }
      case 'poll': {
        const { values, positionals } = readOptions('poll', [sub, ...rest], { all: { type: 'boolean' } });
        refuseExtra('poll [--all]', positionals);
        return await withDeps(config(), (deps) => runPoll(deps, io, values.all ?? false));
      }
      case 'feeds':
        return await runFeeds(sub, rest, io, config);
      case 'status': {
        refuseExtra('status', readOptions('status', [sub, ...rest], {}).positionals);
        const { slackOutageText, slackStatusText, undeliveredText } = await import('./slack/status.ts');
        return await withDeps(config(), async (deps) => {
          const now = deps.clock.now();
          const status = slackStatusText(deps.db.sqlite, now, deps.config.DEFAULT_TIMEZONE);
          io.out(status.text);
          // The last outage of the past day, as App Home tells admins, and the messages Slack would
          // not take: they do not change the exit code.
          const outage = slackOutageText(deps.db.sqlite, now);
          if (outage) io.out(outage);
          const undelivered = undeliveredText(deps.db.sqlite, now, deps.config.DEFAULT_TIMEZONE);
          if (undelivered) io.out(undelivered);
          return status.ok ? exitCode.ok : exitCode.failed;
        });
      }
      case 'stats': {
        const { values, positionals } = readOptions('stats', [sub, ...rest], {
          csv: { type: 'boolean' },
          json: { type: 'boolean' },
          since: { type: 'string' },
        });
        if (values.csv && values.json)
          throw new UserError(
            'USAGE',
            `Choose one of --csv and --json (or neither, for text). ${optionHelp}`,
          );
        if (values.since !== undefined && positionals.length)
          throw new UserError(
            'USAGE',
            `Give the period once: npx briefbot stats ${positionals.join(' ')} or npx briefbot stats --since ${values.since}. ${optionHelp}`,
          );
        const format = values.csv ? 'csv' : values.json ? 'json' : 'text';
        return await withDeps(config(), (deps) =>
          runStats(deps, io, values.since ?? positionals.join(' '), format, values.since !== undefined),
        );
      }
      case 'db':
        if (sub !== 'migrate') break;
        refuseExtra('db migrate', readOptions('db migrate', rest, {}).positionals);
        return await runMigrate(config(), io);
      case 'help':
      case '--help':
      case '-h':
        io.out(usage);
        return 0;
      case 'version':
      case '--version':
      case '-v': {
        refuseExtra('version', readOptions('version', [sub, ...rest], {}).positionals);
        // package.json is one folder up from src/cli.ts and from the build's dist/cli.js alike.
        const { version } = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));
        io.out(`briefbot ${version}`);
        return exitCode.ok;
      }
    }
    const slackGroup = slackOnly[command?.toLowerCase() ?? ''];
    if (slackGroup) {
      io.err(
        `${slackGroup.what} managed in Slack: /brief ${[slackGroup.group, ...[sub, ...rest].filter(Boolean)].join(' ') || slackGroup.group} (or here, in the local console: npx briefbot console).`,
      );
      return 2;
    }
    io.err(`${unknownCommand(command, sub)}\n\n${usage}`);
    return exitCode.usage;
  } catch (error) {
    // SlackSetupError: checked by its code, so that commands other than start never load Slack's modules.
    if (error instanceof ConfigError || error instanceof FeedError || isSlackSetupError(error)) {
      io.err(error.message);
      return 1;
    }
    if (error instanceof UserError) {
      io.err(cliCommands(error.message));
      return usageCodes.includes(error.code) ? exitCode.usage : exitCode.failed;
    }
    const database = databaseProblem(error, env);
    if (database) {
      io.err(database);
      return exitCode.failed;
    }
    io.err(`Unexpected error: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

/** A damaged or busy database, said with the file and what to do; null for any other error. */
function databaseProblem(error: unknown, env: NodeJS.ProcessEnv): string | null {
  try {
    return databaseProblemText(error, loadConfig(env).DATABASE_URL);
  } catch {
    return null;
  }
}

function isSlackSetupError(error: unknown): error is Error {
  return error instanceof Error && (error as { code?: unknown }).code === 'SLACK_SETUP';
}

/**
 * One rule for every command: 0 done, 1 the command ran and did not succeed (a feed not found, an
 * address that does not answer, a source that did not parse, a bad setting), 2 the command line
 * itself is wrong (an unknown command or option, an argument missing or one too many).
 */
const exitCode = { ok: 0, failed: 1, usage: 2 } as const;
const usageCodes: readonly string[] = ['USAGE', 'UNKNOWN_COMMAND'];

/** "poll now", "start here": a command that takes no words after it says so. */
function refuseExtra(command: string, positionals: string[]): void {
  if (positionals.length)
    throw new UserError(
      'USAGE',
      `Unexpected "${positionals.join(' ')}": the command is ${command}, with nothing after it. ${optionHelp}`,
    );
}

const optionHelp = 'For every command and its options: npx briefbot help';

/**
 * The options of one command, read by node's parseArgs; a mistyped or unknown option is a UserError
 * that names it and the closest option the command takes ("--kidn": did you mean --kind?).
 * `accepted`: the options this command takes, when it shares `options` with others.
 */
function readOptions<const T extends NonNullable<ParseArgsConfig['options']>>(
  command: string,
  args: Array<string | undefined>,
  options: T,
  accepted: string[] = Object.keys(options),
) {
  let parsed: ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; options: T }>>;
  try {
    parsed = parseArgs({ args: args.filter((arg) => arg !== undefined), allowPositionals: true, options });
  } catch (error) {
    const code = (error as { code?: string }).code;
    const named = /'(-[^' ]*)/.exec(error instanceof Error ? error.message : '')?.[1];
    if (named && code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw unknownOption(command, named, accepted);
    if (!named || code !== 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') throw error;
    throw new UserError(
      'USAGE',
      options[named.replace(/^-+/, '')]?.type === 'string'
        ? `${named} needs a value after it${named === '--kind' ? ` (one of ${feedKinds.join(', ')})` : ''}. ${optionHelp}`
        : `${named} takes no value; write it on its own. ${optionHelp}`,
    );
  }
  const other = Object.keys(parsed.values).find((name) => !accepted.includes(name));
  if (other) throw unknownOption(command, `--${other}`, accepted);
  return parsed;
}

function unknownOption(command: string, named: string, accepted: string[]): UserError {
  const known = accepted.map((name) => `--${name}`);
  const guess = closest(named.split('=')[0] as string, known);
  const takes = known.length ? `"${command}" takes ${known.join(', ')}.` : `"${command}" takes no options.`;
  return new UserError(
    'USAGE',
    `Unknown option ${named}${guess ? `: did you mean ${guess}?` : '.'} ${takes} ${optionHelp}`,
  );
}

const feedsCommands = [
  'add',
  'list',
  'remove',
  'pause',
  'resume',
  'move',
  'set',
  'import',
  'export',
  'check',
];

const commands: Record<string, readonly string[]> = {
  start: [],
  console: [],
  poll: [],
  stats: [],
  status: [],
  feeds: feedsCommands,
  db: ['migrate'],
  help: [],
};

// Groups of /brief commands the command line does not have: said where they are, not "unknown".
const slackOnly: Record<string, { what: string; group: string }> = {
  topics: { what: 'Topics are', group: 'topics' },
  topic: { what: 'Topics are', group: 'topics' },
  digest: { what: 'Digests are', group: 'digest' },
  digests: { what: 'Digests are', group: 'digest' },
  sme: { what: 'Experts are', group: 'sme' },
  experts: { what: 'Experts are', group: 'sme' },
  nudge: { what: 'Nudges are', group: 'nudge' },
  nudges: { what: 'Nudges are', group: 'nudge' },
};

/**
 * Texts shared with Slack name a feeds command as Slack takes it (`/brief feeds list`); here it is the
 * command to paste, npx briefbot feeds list. The feeds commands Slack alone has stay as they are.
 */
function cliCommands(text: string): string {
  // "kind=review", as Slack takes it, is --kind here, as the command line's own replies write it.
  return text.replace(/`\/brief (feeds (\w+)[^`]*)`/g, (slack, command: string, verb: string) =>
    feedsCommands.includes(verb) ? `npx briefbot ${command.replace(/ kind=(\w+)/, ' --kind $1')}` : slack,
  );
}

/** "feds list": what was typed, and the command it is one slip away from. */
function unknownCommand(command: string, sub: string | undefined): string {
  const typed = [command, sub].filter(Boolean).join(' ');
  if (!sub && commands[command]?.length)
    return `"${command}" needs a command after it, e.g. npx briefbot ${command} ${commands[command]?.[command === 'feeds' ? 1 : 0]}. For every command: npx briefbot help`;
  const group = command in commands ? command : closest(command, Object.keys(commands));
  const verbs = group ? (commands[group] ?? []) : [];
  const verb = sub && verbs.length ? (verbs.includes(sub) ? sub : closest(sub, verbs)) : undefined;
  const guess =
    group && (verbs.length === 0 || verb || !sub) ? [group, verb].filter(Boolean).join(' ') : undefined;
  return `Unknown command "${typed}".${guess && guess !== typed ? ` Did you mean: npx briefbot ${guess}?` : ''} For every command: npx briefbot help`;
}

async function withDeps(config: Config, run: (deps: Deps) => Promise<number>): Promise<number> {
  const { createDeps } = await load.deps();
  const { createLogger } = await import('./logger.ts');
  // A one-shot command says what happened in its own words, failures included: log lines would repeat
  // it as JSON among them. Only errors show at the default level; LOG_LEVEL=warn or debug asks for more.
  const deps = await createDeps(config, {
    logger: createLogger(config.LOG_LEVEL === 'info' ? 'error' : config.LOG_LEVEL),
  });
  try {
    return await run(deps);
  } finally {
    await deps.analyzer.close();
    await deps.db.close();
  }
}

async function runStart(config: Config, io: Io): Promise<number> {
  const slack = resolveSlackSetup(config);
  // A Slack set-up half done would otherwise run without Slack for good, unnoticed under a service manager.
  if (slack.mode === 'none' && slack.incomplete) {
    io.err(
      `Briefbot cannot connect to Slack: ${slack.reason}. Put the missing setting in .env (README "Connect Slack") and start again; to run without Slack, leave SLACK_BOT_TOKEN, SLACK_APP_TOKEN, SLACK_SIGNING_SECRET and SLACK_MODE empty, or use: npx briefbot console`,
    );
    return exitCode.failed;
  }
  if (slack.mode === 'none') {
    io.out(
      `Slack is not connected (${slack.reason}), so Briefbot runs without Slack; see README "Connect Slack".`,
    );
    return (await load.console()).startConsole(config, {
      input: process.stdin,
      output: process.stdout,
      interactive: process.stdin.isTTY === true,
      demo: false,
      // Started with nothing to read (a service manager, a container): keep monitoring.
      serveWithoutInput: true,
      withoutSlack: slack.reason,
    });
  }
  // Loaded only here: Bolt and the Slack app take ~0.5 s to load, which no other command needs.
  const { startSlackBriefbot } = await import('./index.ts');
  const stopped = untilStopSignal();
  // The last resort, not the handling: a promise a library let fail unawaited (a Slack call while the
  // network is down) is one line in the log, not the end of the monitoring.
  const unhandled = (error: unknown) =>
    io.err(
      `A background task failed and Briefbot carries on: ${error instanceof Error ? error.message : String(error)}`,
    );
  process.on('unhandledRejection', unhandled);
  try {
    const running = await startSlackBriefbot(config, { print: io.out, stopped });
    if (running) await stopped;
    io.out('Stopping Briefbot...');
    await running?.stop();
    return 0;
  } finally {
    process.off('unhandledRejection', unhandled);
  }
}

/** The figures of one stats row, in the order the CSV's columns and the JSON's keys take. */
const statsColumns = [
  'nudges',
  'claimed',
  'claims',
  'reassigned',
  'handedOn',
  'released',
  'releases',
  'releasedByAdmin',
  'adminReleases',
  'dismissedByAdmin',
  'dismissalsReopened',
  'replied',
  'repliedPercent',
  'recorded',
  'reopened',
  'dismissed',
  'adminDismissed',
  'expired',
  'finished',
  'inProgress',
  'waiting',
  'stranded',
  'unposted',
  'asked',
  'waitingOnThem',
  'lapsed',
  'medianClaimMinutes',
  'medianReplyMinutes',
] as const;

function csvCell(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  // A name starting with = + - @ would run as a formula in a spreadsheet: quoted with a leading '.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) || safe !== text ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/**
 * `stats [period] [--csv|--json]`: /brief stats' figures (the same service, the same numbers) for the
 * team, every expert and every topic, where Slack shows the first eight.
 */
async function runStats(
  deps: Deps,
  io: Io,
  period: string,
  format: 'text' | 'csv' | 'json',
  since: boolean,
): Promise<number> {
  const { repliedPercent, statsLine, statsPeriod } = await import('./commands/nudge.ts');
  const { responseStats } = await import('./engage/metrics.ts');
  const now = deps.clock.now();
  // "--since 2026-11-01", "--since monday": the period from then, as /brief stats reads "since …".
  const asked =
    (since && !/^since\s/i.test(period) ? statsPeriod(deps, `since ${period}`) : null) ??
    statsPeriod(deps, period);
  if (asked === null)
    throw new UserError(
      'USAGE',
      `Cannot read "${period}" as a period. Try: npx briefbot stats 7d, npx briefbot stats 2w, npx briefbot stats "this week", npx briefbot stats "last month" or npx briefbot stats --since 2026-11-01 (any number of days up to 365).`,
    );
  const stats = responseStats(deps, asked);
  const rows = [
    { scope: 'team', label: 'team', stats: stats.overall },
    ...stats.bySme.map((row) => ({ scope: 'expert', label: row.label, stats: row })),
    ...stats.byTopic.map((row) => ({ scope: 'topic', label: row.label, stats: row })),
  ];
  const figures = (row: (typeof rows)[number]) =>
    Object.fromEntries(
      statsColumns.map((column) => [
        column,
        column === 'repliedPercent' ? repliedPercent(row.stats) : row.stats[column],
      ]),
    );
  // A period up to now has no end: null, as it takes in what happens next.
  const until = asked.until.getTime() >= now.getTime() ? null : asked.until.toISOString();
  if (format === 'json') {
    io.out(
      JSON.stringify({
        period: { label: asked.label, since: asked.since.toISOString(), until },
        ...Object.fromEntries(
          (['team', 'expert', 'topic'] as const).map((scope) => [
            scope === 'team' ? 'team' : `${scope}s`,
            scope === 'team'
              ? figures(rows[0] as (typeof rows)[number])
              : rows
                  .filter((row) => row.scope === scope)
                  .map((row) => ({ [scope === 'expert' ? 'userId' : 'topic']: row.label, ...figures(row) })),
          ]),
        ),
      }),
    );
    return exitCode.ok;
  }
  if (format === 'csv') {
    io.out(['scope', 'name', ...statsColumns].join(','));
    for (const row of rows)
      io.out([row.scope, row.label, ...Object.values(figures(row))].map(csvCell).join(','));
    return exitCode.ok;
  }
  const heading = `Responses, ${asked.label}${asked.note}`;
  if (stats.overall.nudges === 0 && stats.overall.asked === 0) {
    const when = asked.label.startsWith('last') ? `in the ${asked.label}` : asked.label;
    io.out(`No conversations ${when}${asked.note}. A longer period: npx briefbot stats 90d`);
    return exitCode.ok;
  }
  io.out(`${heading}: ${statsLine(stats.overall)}`);
  io.out('By expert (Slack user ids):');
  for (const row of stats.bySme) io.out(`  ${row.label}: ${statsLine(row, { expert: true })}`);
  if (stats.bySme.length === 0) io.out('  none yet: no expert has claimed, replied to or dismissed one.');
  io.out('By topic:');
  for (const row of stats.byTopic) io.out(`  ${row.label}: ${statsLine(row)}`);
  io.out(
    'Times to claim and to reply are medians, wall-clock. For a spreadsheet: --csv; for scripts: --json.',
  );
  return exitCode.ok;
}

async function runMigrate(config: Config, io: Io): Promise<number> {
  const { prepareDatabase } = await import('./db/migrate.ts');
  const { applied } = prepareDatabase(config.DATABASE_URL);
  io.out(applied.length ? `Applied ${applied.join(', ')}.` : 'The database is up to date.');
  return 0;
}

async function runPoll(deps: Deps, io: Io, all: boolean): Promise<number> {
  const { makeAllDue, pausedFeedIds, pollDueFeeds } = await import('./monitor/poll.ts');
  const { feedIdRuns, summarizeFeeds } = await load.feeds();
  if ((await summarizeFeeds(deps)).total === 0) {
    io.out('No feeds yet. Add one with: npx briefbot feeds add <url>');
    return 0;
  }
  if (all) makeAllDue(deps.db.sqlite, deps.clock.now());
  // --all polls every feed but the paused ones, which it names with the way to poll them too.
  const paused = all ? pausedFeedIds(deps.db.sqlite) : [];
  const skipped = paused.length
    ? `${paused.length === 1 ? 'Feed' : 'Feeds'} ${feedIdRuns(paused)} ${paused.length === 1 ? 'is' : 'are'} paused, so not polled; to poll ${paused.length === 1 ? 'it' : 'them'} again: npx briefbot feeds resume ${feedIdRuns(paused)}`
    : null;
  const total = { feeds: 0, ok: 0, notModified: 0, failed: 0, deferred: 0, newItems: 0 };
  const failures: string[] = [];
  // One cycle takes a batch of the due feeds; --all goes on until none is left.
  for (;;) {
    const summary = await pollDueFeeds(deps);
    total.feeds += summary.feeds;
    total.ok += summary.ok;
    total.notModified += summary.notModified;
    total.failed += summary.failed;
    total.deferred += summary.deferred;
    total.newItems += summary.newItems.length;
    for (const outcome of summary.outcomes) {
      if (outcome.status === 'failed')
        failures.push(`  feed ${outcome.feedId}: ${outcome.message} ${failingFeedHint(outcome.feedId)}`);
      // Nothing wrong with the feed: no hint to move or pause it.
      if (outcome.status === 'deferred') failures.push(`  feed ${outcome.feedId}: ${outcome.message}`);
    }
    if (!all || summary.feeds === 0) break;
  }
  // Scored and recorded here; posted by the running Briefbot (this process has no Slack connection).
  const { nudgePendingItems } = await import('./engage/nudges.ts');
  const nudges = await nudgePendingItems(deps, { post: false });
  const found =
    nudges.length > 0
      ? `${countOf(nudges.length, 'controversial conversation')} for the experts; the running Briefbot (npx briefbot start) posts ${nudges.length === 1 ? 'it' : 'them'} in the topic's channel.`
      : null;
  if (total.feeds === 0) {
    io.out(
      all
        ? `No feed to poll: every feed is paused. ${skipped}.`
        : 'No feed is due; each feed is polled on its own schedule (see: npx briefbot feeds list). To poll every feed now: npx briefbot poll --all',
    );
    if (found) io.out(`Found ${found}`);
    return 0;
  }
  io.out(
    `Polled ${countOf(total.feeds, 'feed')}: ${total.ok} fetched, ${total.notModified} unchanged since the last check, ${total.failed} failed${total.deferred ? `, ${total.deferred} left for the next cycle (the database was busy)` : ''}; ${countOf(total.newItems, 'new item')}.`,
  );
  if (skipped) io.out(`${skipped}.`);
  if (found) io.out(`Found ${found}`);
  for (const line of failures) io.out(line);
  // As feeds import: some feeds failing is a cycle done (exit 0) with a warning; every one failing is 1.
  if (total.failed === total.feeds) return exitCode.failed;
  if (total.failed > 0)
    io.err(
      `Warning: ${total.failed} of ${countOf(total.feeds, 'feed')} failed (see above); the ${countOf(total.feeds - total.failed, 'other')} ${total.feeds - total.failed === 1 ? 'was' : 'were'} polled.`,
    );
  return exitCode.ok;
}

/**
 * `--competitor <name>`, "as <name>" or "competitor=<name>" among a feeds command's words: removed
 * from them and returned, checked; `retry` is the command suggested when words after the name are no part of it.
 */
function takeCompetitor(
  extra: string[],
  given: string | undefined,
  retry: (name: string) => string,
): string | undefined {
  let competitor = given;
  const as = extra.findIndex((word) => word.toLowerCase() === 'as');
  if (as >= 0 && competitor === undefined) competitor = extra.splice(as).slice(1).join(' ') || undefined;
  const named = extra.findIndex((word) => /^competitor=./i.test(word));
  if (named >= 0 && competitor === undefined) competitor = extra.splice(named, 1)[0]?.slice(11);
  if (competitor === undefined) return undefined;
  const checked = checkCompetitorName(competitor.trim());
  if (!checked)
    throw new UserError(
      'USAGE',
      `"${competitor}" is no competitor's name: give it as --competitor initech (letters, digits, spaces, up to 40).`,
    );
  if (checked.tail)
    throw new UserError(
      'USAGE',
      `Unexpected "${checked.tail}" after the competitor's name; nothing was changed. Did you mean: ${retry(checked.name)}?`,
    );
  return competitor.trim();
}

/** `feeds set` on the command line: "npx briefbot feeds set 5 --kind competitor --competitor initech". */
function cliFeedSet(feedId: number | string): FeedSetCommand {
  return (kind, competitor) =>
    `npx briefbot feeds set ${feedId} --kind ${kind}${competitor ? ` --competitor ${/\s/.test(competitor) ? `"${competitor}"` : competitor}` : ''}`;
}

function printFeed(feed: FeedView, io: Io): void {
  const stands = feed.competitor ? `: ${competitorLabel(feed.competitor)}` : '';
  const own = feed.ownTitle ? ` (its own title: ${feed.ownTitle})` : '';
  io.out(
    `${String(feed.id).padStart(4)}  ${feed.title ?? '(untitled)'}${own} [${feed.kind}${stands}] ${feed.url}`,
  );
  const resume = feed.status === 'paused' ? ` (resume it with: npx briefbot feeds resume ${feed.id})` : '';
  const failing = feed.status === 'failing' ? ` ${failingFeedHint(feed.id)}` : '';
  io.out(`      ${countOf(feed.items, 'item')}; ${feed.health}${resume}${failing}`);
}

/** The feeds add that adds a feed looking like a watched one all the same. */
function cliAddAnyway(error: FeedLookalikeError): string {
  return `npx briefbot feeds add ${typedFeedUrl(error.url)}${error.kind ? ` --kind ${error.kind}` : ''}${error.competitor ? ` --competitor ${error.competitor}` : ''} --yes`;
}

/** What to do about a feed that fails, where the failure is named: point it elsewhere or stop trying. */
function failingFeedHint(feedId: number): string {
  return `If it moved: npx briefbot feeds move ${feedId} <new-url>; to stop trying: npx briefbot feeds pause ${feedId}.`;
}

async function runFeeds(
  sub: string | undefined,
  rest: string[],
  io: Io,
  config: () => Config,
): Promise<number> {
  // Before the options: "feeds lsit --json" is a mistyped command, not a misplaced option.
  if (!sub || !feedsCommands.includes(sub))
    throw new UserError('USAGE', `${unknownCommand('feeds', sub)}\n\n${usage}`);
  const accepted =
    {
      add: ['kind', 'competitor', 'yes'],
      list: ['json', 'kind'],
      import: ['yes'],
      set: ['kind', 'competitor'],
      remove: ['yes'],
      move: ['yes'],
      check: ['json'],
      export: ['force'],
    }[sub ?? ''] ?? [];
  const { values, positionals } = readOptions(
    `feeds ${sub ?? ''}`.trim(),
    rest,
    {
      json: { type: 'boolean' },
      kind: { type: 'string' },
      competitor: { type: 'string' },
      yes: { type: 'boolean' },
      force: { type: 'boolean' },
    },
    accepted,
  );
  // One kind: "--kind news --kind review" is asked about, never settled by the last one given.
  const kinds = rest.flatMap((arg, index) =>
    arg === '--kind' ? [rest[index + 1] ?? ''] : arg?.startsWith('--kind=') ? [arg.slice(7)] : [],
  );
  if (new Set(kinds.map((kind) => kind.toLowerCase())).size > 1)
    throw new UserError('USAGE', `Two kinds given (${kinds.join(', ')}): which one? Give --kind once.`);
  switch (sub) {
    case 'check':
      return runCheck(positionals, values.json ?? false, io, config);
    case 'add': {
      const [url, ...extra] = positionals;
      const addUsage =
        'Usage: npx briefbot feeds add <url> [--kind news|blog|forum|review|competitor|community] [--competitor <name>]';
      if (!url) throw new UserError('USAGE', addUsage);
      refuseLocalFile(url, 'add');
      // "--competitor Hooli" (or "as Hooli"): a competitor's feed, named as feeds set names it.
      const competitor = takeCompetitor(
        extra,
        values.competitor,
        (name) => `npx briefbot feeds add ${typedFeedUrl(url)} --kind competitor --competitor ${name}`,
      );
      // "kind=review", as /brief feeds add takes it, is --kind; any other word after the address is a mistake.
      let givenKind = values.kind ?? (competitor === undefined ? undefined : 'competitor');
      for (const word of extra) {
        const inline = /^kind=(.+)$/i.exec(word);
        if (!inline || givenKind !== undefined)
          throw new UserError('USAGE', `Unexpected "${word}" after the address. ${addUsage}`);
        givenKind = inline[1]?.toLowerCase();
      }
      // "--kind forums", as feeds list and OPML folders take plurals, is forum.
      if (givenKind) givenKind = feedKindOf(givenKind) ?? givenKind;
      if (givenKind && !feedKinds.includes(givenKind as FeedKind)) {
        throw new UserError('USAGE', `Unknown kind "${givenKind}": use one of ${feedKinds.join(', ')}.`);
      }
      if (competitor !== undefined && givenKind !== 'competitor')
        throw new UserError(
          'USAGE',
          `Only a feed of kind competitor stands for a competitor: npx briefbot feeds add ${typedFeedUrl(url)} --kind competitor --competitor ${competitor}`,
        );
      return withDeps(config(), async (deps) => {
        const kind = givenKind as FeedKind | undefined;
        const {
          addFeed,
          competitorKindText,
          competitorTopicText,
          defaultKindText,
          FeedKindDiffersError,
          FeedLookalikeError,
          feedCopiesText,
          slackTopicsAddElsewhere,
        } = await load.feeds();
        const added = await addFeed(deps, {
          url,
          actorId: cliActor,
          ...(kind ? { kind } : {}),
          ...(competitor ? { competitor } : {}),
          anyway: values.yes === true,
        }).catch((error: unknown) => {
          if (error instanceof FeedLookalikeError)
            throw new UserError(error.code, `${error.found} To add it anyway: ${cliAddAnyway(error)}`);
          if (!(error instanceof FeedKindDiffersError)) throw error;
          throw new UserError(error.code, error.advice(cliFeedSet(error.feed.id)));
        });
        const { feed, backlogItems, foundOnPage, schemeNote, topicToAdd, copiesOf } = added;
        if (schemeNote) io.out(schemeNote);
        if (foundOnPage) io.out(`${foundOnPage} is a web page; its site's feed is ${feed.url}.`);
        io.out(`Added feed ${feed.id}: ${feed.title ?? feed.url}. ${backlogNote(backlogItems)}`);
        const copies = feedCopiesText(copiesOf, backlogItems, `npx briefbot feeds remove ${feed.id}`);
        if (copies) io.out(copies);
        const stands = competitorKindText(
          feed,
          undefined,
          cliFeedSet(feed.id),
          `npx briefbot feeds remove ${feed.id}`,
        );
        if (stands) io.out(stands);
        // No kind given: which it got and how to set another, as Slack says it.
        const kindHint = defaultKindText(added, cliFeedSet(feed.id));
        if (kindHint) io.out(kindHint);
        const track = competitorTopicText(topicToAdd ? [topicToAdd] : [], slackTopicsAddElsewhere);
        if (track) io.out(track);
        return 0;
      });
    }
    case 'list':
      return withDeps(config(), async (deps) => {
        const module = await load.feeds();
        // "feeds list failing", "feeds list reviews", "feeds list acme": the same filters as in Slack.
        // "feeds list --kind review", as feeds add takes the kind, is "feeds list review".
        const filter = [...positionals, values.kind ?? ''].join(' ').trim();
        const feeds = filter
          ? (await module.findFeeds(deps, await module.feedFilterIn(deps, filter), Number.POSITIVE_INFINITY))
              .feeds
          : await module.listFeeds(deps);
        if (values.json) {
          // One line per feed; none is no line. A filter that keeps none is no news (nothing failing): silent.
          for (const feed of feeds) io.out(JSON.stringify(feed));
          if (feeds.length === 0 && !filter) io.err('No feeds yet.');
        } else if (feeds.length === 0) {
          const total = filter ? (await module.summarizeFeeds(deps)).total : 0;
          // "feeds list failing" with none failing: said as Slack says it.
          io.out(
            filter && total > 0 && module.feedFilterOf(filter).status
              ? total === 1
                ? `The 1 feed is not ${filter}.`
                : `None of the ${total} feeds is ${filter}.`
              : filter
                ? `No feed matches "${filter}".`
                : 'No feeds yet. Add one with: npx briefbot feeds add <url>',
          );
        } else {
          for (const feed of feeds) printFeed(feed, io);
        }
        return 0;
      });
    case 'move': {
      const [target, address] = positionals;
      if (!target || !address)
        throw new UserError(
          'USAGE',
          'Usage: npx briefbot feeds move <id-or-url> <new-url> (see: npx briefbot feeds list)',
        );
      refuseLocalFile(address, 'move');
      return withDeps(config(), async (deps) => {
        const {
          moveFeed,
          movedCompetitorText,
          movedItemsText,
          FeedMoveElsewhereError,
          FeedMoveReadError,
          FeedMoveTakenError,
          FeedMoveTwinError,
        } = await load.feeds();
        const moved = await moveFeed(deps, target, address, cliActor, { anyway: values.yes === true }).catch(
          (error: unknown) => {
            if (error instanceof FeedMoveTakenError)
              throw new FeedMoveTakenError(error.movingId, error.taken, 'npx briefbot ');
            if (error instanceof FeedMoveReadError)
              throw new UserError(
                error.code,
                `${error.reason} Nothing was changed; feed ${error.feed.id} still reads ${error.feed.url}. Check the new address with npx briefbot feeds check ${error.address}, then try again.`,
              );
            if (error instanceof FeedMoveTwinError)
              throw new UserError(
                error.code,
                `${error.found} If feed ${error.feed.id}'s own publication is gone: npx briefbot feeds remove ${error.feed.id}. To keep feed ${error.feed.id}'s number and history at that address instead: npx briefbot feeds remove ${error.twin.id}, then the move again.`,
              );
            if (!(error instanceof FeedMoveElsewhereError)) throw error;
            throw new UserError(
              error.code,
              `${error.found} To watch it as well: npx briefbot feeds add ${typedFeedUrl(error.url)}. If it is the same publication under a new name: npx briefbot feeds move ${error.feed.id} ${typedFeedUrl(error.url)} --yes`,
            );
          },
        );
        if (moved.foundOnPage)
          io.out(`${moved.foundOnPage} is a web page; its site's feed is ${moved.feed.url}.`);
        const renamed = moved.renamedFrom
          ? ` It is now called ${moved.feed.title} (was ${moved.renamedFrom}).${moved.competitor ? ` ${movedCompetitorText(moved, cliFeedSet(moved.feed.id))}` : ''}`
          : '';
        io.out(
          `Moved feed ${moved.feed.id} (${moved.feed.title ?? moved.feed.url}) from ${moved.from} to ${moved.feed.url}; ${movedItemsText(moved)}.${renamed}`,
        );
        return 0;
      });
    }
    case 'set': {
      const [target, ...extra] = positionals;
      const setUsage = `Usage: npx briefbot feeds set <id-or-url> --kind ${feedKinds.join('|')} [--competitor <name>] (see: npx briefbot feeds list)`;
      // "kind=review", "review" alone, "competitor=initech" and "as initech", as /brief feeds set takes them.
      let givenKind = values.kind;
      const competitor = takeCompetitor(extra, values.competitor, (name) =>
        cliFeedSet(target ?? '<feed>')('competitor', name),
      );
      for (const word of extra) {
        const inline = /^kind=(.+)$/i.exec(word)?.[1] ?? (feedKindOf(word) ? word : undefined);
        if (!inline || givenKind !== undefined)
          throw new UserError(
            'USAGE',
            `Unexpected "${word}" after the feed; nothing was changed. ${setUsage}`,
          );
        givenKind = inline.toLowerCase();
      }
      givenKind ??= competitor === undefined ? undefined : 'competitor';
      if (!target || !givenKind) throw new UserError('USAGE', setUsage);
      givenKind = feedKindOf(givenKind) ?? givenKind;
      if (!feedKinds.includes(givenKind as FeedKind))
        throw new UserError('USAGE', `Unknown kind "${givenKind}": use one of ${feedKinds.join(', ')}.`);
      if (competitor !== undefined && givenKind !== 'competitor')
        throw new UserError(
          'USAGE',
          `Only a feed of kind competitor stands for a competitor: npx briefbot feeds set ${target} --kind competitor --competitor ${competitor}`,
        );
      const kind = givenKind as FeedKind;
      return withDeps(config(), async (deps) => {
        const { setFeedKind, kindChangeText, slackTopicsAddElsewhere } = await load.feeds();
        const change = await setFeedKind(deps, target, kind, cliActor, competitor);
        io.out(kindChangeText(change, cliFeedSet(change.feed.id), slackTopicsAddElsewhere));
        return 0;
      });
    }
    case 'remove':
    case 'pause':
    case 'resume': {
      const {
        applyToFeeds,
        feedTargetsIn,
        feedsLosingItems,
        removeFeed,
        readdArguments,
        notTarget,
        pauseFeed,
        resumeFeed,
        unchangedFeedText,
      } = await load.feeds();
      // "feeds remove 3 confirm", as in Slack, is --yes.
      const confirmed =
        sub === 'remove' &&
        (values.yes === true || positionals.some((word) => word.toLowerCase() === 'confirm'));
      const named = positionals.filter((word) => sub !== 'remove' || word.toLowerCase() !== 'confirm');
      if (named.length === 0)
        throw new UserError(
          'USAGE',
          `Usage: npx briefbot feeds ${sub} <id-or-url>...${sub === 'remove' ? ' [--yes]' : ''} (several: 2 5, 1-3; see: npx briefbot feeds list)`,
        );
      return withDeps(config(), async (deps) => {
        const targets = await feedTargetsIn(deps, named);
        // Removing deletes the items: a feed with items is removed only with --yes.
        const losing = sub === 'remove' && !confirmed ? await feedsLosingItems(deps, targets) : [];
        // Read before: removing a feed deletes the channels' mutes and marks on it, which the reply names.
        const { feedbackByChannel, feedbackLost, feedbackOnFeeds, feedbackRemovedNote } =
          await load.feedback();
        const feedback = sub === 'remove' ? await feedbackByChannel(deps) : new Map();
        // Channels as the terminal shows them: #C0MKT, not Slack's <#C0MKT>.
        const terminal = (text: string) => text.replace(/<#(\w+)>/g, '#$1');
        if (losing.length) {
          const heard = terminal(
            feedbackOnFeeds(
              feedback,
              losing.map((feed) => feed.id),
            ),
          );
          const items = losing.reduce((sum, feed) => sum + feed.items, 0);
          const ids = losing.map((feed) => feed.id).join(' ');
          const { conversationsOnFeeds, conversationsStayText } = await import('./engage/story.ts');
          for (const feed of losing)
            io.err(`Feed ${feed.id} (${feed.title ?? feed.url}) has ${countOf(feed.items, 'item')}.`);
          io.err(
            `Removing deletes ${losing.length === 1 ? 'its' : 'their'} ${countOf(items, 'item')} for good; nothing was removed.${conversationsStayText(
              conversationsOnFeeds(
                deps,
                losing.map((feed) => feed.id),
              ),
            ).replaceAll(
              '`',
              '',
            )}${feedbackLost(heard, losing.length)} To stop checking and keep the items: npx briefbot feeds pause ${ids}. To remove anyway: npx briefbot feeds remove ${targets.join(' ')} --yes`,
          );
          return 1;
        }
        const action = { remove: removeFeed, pause: pauseFeed, resume: resumeFeed }[sub];
        const done = { remove: 'Removed', pause: 'Paused', resume: 'Resumed' }[sub];
        const feedbackGone = (feedId: number) => terminal(feedbackRemovedNote(feedback, [feedId]));
        // Every feed named is tried ("feeds remove 2 3"); one that is not there is reported, not a stop.
        const outcomes = await applyToFeeds(deps, targets, action, cliActor);
        for (const outcome of outcomes) {
          if ('feed' in outcome && outcome.feed.unchanged)
            io.out(
              `Feed ${outcome.feed.id}: ${outcome.feed.title ?? outcome.feed.url} ${unchangedFeedText(outcome.feed)}.`,
            );
          else if ('feed' in outcome)
            io.out(
              `${done} feed ${outcome.feed.id}: ${outcome.feed.title ?? outcome.feed.url}${sub === 'remove' ? `, and its ${countOf(outcome.feed.items, 'item')}.${feedbackGone(outcome.feed.id)} To watch it again: npx briefbot ${readdArguments(outcome.feed).replace(/ kind=/, ' --kind ')}` : '.'}`,
            );
          else
            io.err(
              cliCommands(
                targets.length === 1
                  ? outcome.error.message
                  : notTarget(outcome.target, outcome.error.message),
              ),
            );
        }
        return outcomes.every((outcome) => 'feed' in outcome) ? 0 : 1;
      });
    }
    case 'import': {
      const [source] = positionals;
      if (!source)
        throw new UserError(
          'USAGE',
          'Usage: npx briefbot feeds import <file.opml or https://.../feeds.opml> [--yes]',
        );
      return withDeps(config(), async (deps) => {
        const opml = await readOpmlSource(deps, source);
        const { importOpml, importReport, slackTopicsAddElsewhere } = await load.feeds();
        const outcomes = await importOpml(deps, opml, cliActor, {
          source: /^https?:\/\//i.test(source) ? 'address' : 'file',
          addCommand: `npx briefbot feeds add ${/^https?:\/\//i.test(source) ? source : '<its address>'}`,
          anyway: values.yes === true,
          addAnyway: cliAddAnyway,
        });
        const report = importReport(outcomes, {
          resume: 'npx briefbot feeds resume <id>',
          setKind: 'npx briefbot feeds set <id> --kind <kind>',
          setCompetitor: 'npx briefbot feeds set <id> --kind competitor --competitor <name>',
          topicsAdd: slackTopicsAddElsewhere,
          importAnyway: `npx briefbot feeds import ${source} --yes`,
        });
        io.out(report.summary);
        if (report.added.length) io.out(`Added:\n${report.added.map((line) => `  ${line}`).join('\n')}`);
        // A reason shared with Slack may name a feeds command as Slack takes it: here, the one to paste.
        if (report.skipped.length)
          io.out(`Skipped:\n${report.skipped.map((line) => `  ${cliCommands(line)}`).join('\n')}`);
        // Some added is a done import (exit 0) with a warning; none added and some failed is exit 1.
        const failed = outcomes.filter((outcome) => outcome.status === 'failed').length;
        if (failed && report.added.length)
          io.err(
            `Warning: ${countOf(failed, 'feed')} could not be added (see Skipped); the ${countOf(report.added.length, 'other')} ${report.added.length === 1 ? 'was' : 'were'} added.`,
          );
        return failed > 0 && report.added.length === 0 ? 1 : 0;
      });
    }
    case 'export': {
      const [file, ...extra] = positionals;
      if (extra.length)
        throw new UserError(
          'USAGE',
          `Unexpected "${extra.join(' ')}" after the file name: give one file. Usage: npx briefbot feeds export [file] [--force]`,
        );
      return withDeps(config(), async (deps) => {
        const { opml, count } = await (await load.feeds()).exportOpml(deps);
        const none = 'There are no feeds to export';
        const addOne = 'Add one with: npx briefbot feeds add <url>';
        if (!file) {
          (io.raw ?? io).out(opml);
          // Standard output may be a file: the empty list goes there, and why it is empty to the terminal.
          if (count === 0) io.err(`${none}: the list is empty. ${addOne}`);
          return 0;
        }
        // An empty list would be no copy of anything, and with --force would replace a list that has feeds.
        if (count === 0) {
          io.out(`${none}, so ${file} was not written. ${addOne}`);
          return 0;
        }
        await writeExport(file, opml, values.force ?? false);
        io.out(`Wrote ${file}.`);
        return 0;
      });
    }
  }
  throw new UserError('USAGE', `${unknownCommand('feeds', sub)}\n\n${usage}`);
}

/** Writes an export; a file that exists is replaced only with --force: it may be the only copy of a list. */
async function writeExport(file: string, opml: string, force: boolean): Promise<void> {
  await writeFile(file, opml, { flag: force ? 'w' : 'wx' }).catch((error: NodeJS.ErrnoException) => {
    // Creating a file where a folder is fails as EEXIST, not EISDIR.
    const folder = error.code === 'EISDIR' || (error.code === 'EEXIST' && statSync(file).isDirectory());
    if (error.code === 'EEXIST' && !folder)
      throw new UserError(
        'EXPORT_EXISTS',
        `${file} already exists; nothing was written. To replace it: npx briefbot feeds export ${file} --force (or give another file name; with none, the OPML goes to standard output).`,
      );
    const why = folder
      ? 'it is a folder; give a file name, e.g. feeds.opml'
      : error.code === 'ENOENT'
        ? 'its folder does not exist'
        : error.code === 'EACCES' || error.code === 'EPERM'
          ? 'there is no permission to write there'
          : undefined;
    if (!why) throw error;
    throw new UserError('EXPORT_UNWRITABLE', `Cannot write ${file}: ${why}. Nothing was written.`);
  });
}

async function readOpmlSource(deps: Deps, source: string): Promise<string> {
  if (!/^https?:\/\//i.test(source)) {
    try {
      return await readFile(source, 'utf8');
    } catch {
      throw new UserError(
        'OPML_UNREADABLE',
        `Cannot read ${source}; give the path of an .opml file or its URL.`,
      );
    }
  }
  const fetched = await fetchFeed(source, { ...deps.http });
  if (fetched.status !== 'ok') throw new UserError('OPML_UNREADABLE', `Cannot fetch ${source}.`);
  return fetched.body;
}

/** The feed with this number, read straight from the database file (a check opens no more than that). */
async function numberedFeed(config: () => Config, id: number): Promise<NumberedFeed | null> {
  try {
    const { sqlitePath } = await import('./db/migrate.ts');
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(sqlitePath(config().DATABASE_URL), { readonly: true, fileMustExist: true });
    try {
      return (db.prepare('SELECT id, title, url FROM feeds WHERE id = ?').get(id) as NumberedFeed) ?? null;
    } finally {
      db.close();
    }
  } catch {
    // No database yet (so no feeds), or settings a read-only check does not need.
    return null;
  }
}

/**
 * "feeds add ./feed.xml", "feeds add /tmp/list.opml": a file on this machine is no address to poll,
 * and read as one it became "https://./feed.xml", a host that cannot be found. Says what to run instead.
 */
function refuseLocalFile(typed: string, command: 'add' | 'move'): void {
  if (/^[a-z][a-z\d+.-]*:\/\//i.test(typed) && !/^file:/i.test(typed)) return;
  const path = typed.replace(/^file:(\/\/)?/i, '');
  const found = existsSync(path);
  if (!found && !/^(\.{1,2}[\\/]|[\\/]|~[\\/]|[a-z]:[\\/]|file:)/i.test(typed)) return;
  const need = `but feeds ${command} needs the feed's web address, which Briefbot polls for new items (e.g. https://example.com/feed.xml).`;
  if (!found)
    throw new UserError(
      'ADDRESS_NEEDED',
      `${typed} is a file path (and there is no such file here), ${need}`,
    );
  if (!statSync(path).isFile())
    throw new UserError('ADDRESS_NEEDED', `${typed} is a folder on this machine, ${need}`);
  const opml = /\.opml$/i.test(path) || /<opml[\s>]/i.test(readHead(path));
  const next = opml
    ? `It is an OPML list; to add the feeds it names: npx briefbot feeds import ${path}`
    : `To see what the file holds: npx briefbot feeds check ${path}`;
  throw new UserError('ADDRESS_NEEDED', `${typed} is a file on this machine, ${need} ${next}`);
}

/** The first kilobyte of a file, as text. */
function readHead(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(1024);
    return head.subarray(0, readSync(fd, head, 0, 1024, 0)).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

async function runCheck(sources: string[], json: boolean, io: Io, config: () => Config): Promise<number> {
  if (sources.length === 0)
    throw new UserError('USAGE', 'Usage: npx briefbot feeds check <url-or-path>... [--json]');
  // "feeds check 3": a feed number, not a file of that name; say which feed it is.
  for (const source of sources) {
    const number = feedNumberOf(source);
    if (number !== null && !existsSync(source))
      throw feedNumberGiven(source, await numberedFeed(config, number), 'check');
  }
  // A diagnostic needs no database: only the fetch settings.
  let allowPrivate = false;
  try {
    allowPrivate = config().FEED_ALLOW_PRIVATE_ADDRESSES;
  } catch {
    // A broken setting elsewhere must not stop a read-only check.
  }
  const http = { timeoutMs: defaultFetchTimeoutMs, maxBytes: defaultMaxFeedBytes, allowPrivate };
  let failures = 0;
  const { checkJson, checkSources } = await import('./monitor/check.ts');
  for await (const result of checkSources(sources, http, {
    workers: availableParallelism(),
    concurrency: 8,
  })) {
    const { source } = result;
    if (!result.ok) {
      failures++;
    }
    if (json) {
      io.out(checkJson(result));
    } else if (result.ok) {
      io.out(
        `ok    ${source}: ${result.format}, "${result.feed.title ?? '(untitled)'}", ${countOf(result.items.length, 'item')}`,
      );
      if (result.warning) io.out(`      note: ${result.warning}`);
      for (const item of result.items.slice(0, 3)) {
        io.out(
          `        ${item.publishedAt?.slice(0, 10) ?? 'no date   '}  ${item.title.slice(0, 80)}  ${item.url ?? ''}`,
        );
      }
    } else {
      // The code (HTTP_STATUS…) is for --json and scripts; people read the reason.
      io.out(`FAIL  ${source}: ${result.error.message}`);
    }
  }
  // Many sources: one line to end on (the JSON output stays one object per source, nothing else).
  if (!json && sources.length > 1) {
    io.out(`${countOf(sources.length, 'source')}: ${sources.length - failures} read, ${failures} failed.`);
  }
  return failures > 0 ? 1 : 0;
}

/**
 * A reader that stops early (`feeds list | head -1`) closes the output: the command ends there,
 * quietly and with success, as SIGPIPE ends other command-line tools; other write errors still throw.
 */
function endQuietlyWhenOutputCloses(
  streams: NodeJS.WritableStream[],
  exit: (code: number) => void = (code) => process.exit(code),
): void {
  for (const stream of streams) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      exit(0);
    });
  }
}

/**
 * The text of ./.env; undefined when there is none; null when it cannot be read (a folder, no
 * permission), said in one line with what to do, rather than a stack trace.
 */
async function readDotEnv(): Promise<string | undefined | null> {
  try {
    return await readFile('.env', 'utf8');
  } catch (error) {
    const { code } = error as NodeJS.ErrnoException;
    if (code === 'ENOENT') return undefined;
    const why =
      code === 'EISDIR'
        ? 'it is a folder'
        : code === 'EACCES' || code === 'EPERM'
          ? 'permission denied'
          : String((error as Error).message);
    stdio.err(
      `Briefbot cannot read .env (${why}). Make .env a file of settings (see .env.example) that Briefbot can read, or remove it, and run the command again.`,
    );
    return null;
  }
}

/** The command line as a program: reads .env, runs the command, sets the exit code. */
export async function main(argv: string[] = process.argv.slice(2)): Promise<void> {
  endQuietlyWhenOutputCloses([process.stdout, process.stderr]);
  // A .env file in the working directory is read first, once (a secrets manager may serve it as a
  // pipe that gives its text to one read); variables already set win.
  const text = await readDotEnv();
  if (text === null) {
    process.exitCode = exitCode.failed;
    return;
  }
  let fromFile: string[] = [];
  if (text !== undefined) {
    const settings = parseEnv(text);
    fromFile = Object.keys(settings);
    for (const warning of envFileCommentWarnings(text)) stdio.err(warning);
    for (const [name, value] of Object.entries(settings)) process.env[name] ??= value;
  }
  // A mistyped name would be ignored without a word: said, and the command still runs.
  for (const warning of unknownSettingWarnings(process.env, fromFile)) stdio.err(warning);
  process.exitCode = await runCli(argv);
}

/** True when node was started on this file itself (`node --import tsx src/cli.ts`), through links too. */
function startedAsProgram(script: string | undefined, moduleUrl: string): boolean {
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(moduleUrl));
  } catch {
    return false;
  }
}

// bin/briefbot.js calls main() itself: npx and npm link start it through a link named `briefbot`.
if (startedAsProgram(process.argv[1], import.meta.url)) await main();
