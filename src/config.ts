import { z } from 'zod';
import { closest, editDistance } from './commands/text.ts';
import { isTimeZone } from './format.ts';

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const slackUserId = /^[UW][A-Z0-9]{2,}$/;

const dailyLimitRange =
  'must be a whole number from 1 to 100 (nudges per channel a day), e.g. 5; to post no nudges in a channel, give its topics none: /brief topics set <topic> channel=none';

/** A delay in working hours, above 0. */
function workingHours(fallback: number) {
  const range = `must be a number of working hours above 0, e.g. ${fallback}`;
  return z.coerce.number({ error: range }).positive({ error: range }).default(fallback);
}

export const Config = z.object({
  SLACK_BOT_TOKEN: optionalText.pipe(
    z
      .string()
      .regex(/^xoxb-/, { error: 'must be a bot token starting with xoxb- (OAuth & Permissions page)' })
      .optional(),
  ),
  SLACK_APP_TOKEN: optionalText.pipe(
    z
      .string()
      .regex(/^xapp-/, {
        error: 'must be an app-level token starting with xapp- (Basic Information > App-Level Tokens)',
      })
      .optional(),
  ),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_MODE: optionalText.pipe(z.enum(['socket', 'http'], { error: 'must be socket or http' }).optional()),
  PORT: z.coerce
    .number({ error: 'must be a port number' })
    .int({ error: 'must be a whole number' })
    .min(1, { error: 'must be between 1 and 65535' })
    .max(65535, { error: 'must be between 1 and 65535' })
    .default(3000),
  SLACK_API_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://slack.com/api/' })
    .default('https://slack.com/api/')
    .transform((value) => (value.endsWith('/') ? value : `${value}/`)),
  DATABASE_URL: z
    .string()
    .trim()
    .regex(/^(file:|postgres(ql)?:\/\/)/, {
      error: 'must be file:./path/to.db (SQLite) or postgresql://user:pass@host/db',
    })
    .default('file:./data/briefbot.db'),
  OPENAI_API_KEY: optionalText,
  OPENAI_BASE_URL: optionalText.pipe(
    z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://api.openai.com/v1' })
      .optional(),
  ),
  OPENAI_MODEL: z.string().trim().min(1).default('gpt-4o-mini'),
  OPENAI_TIMEOUT_MS: z.coerce
    .number({ error: 'must be a number of milliseconds, e.g. 8000' })
    .int({ error: 'must be a whole number of milliseconds, e.g. 8000' })
    .min(500, { error: 'must be at least 500 (milliseconds)' })
    .max(120_000, { error: 'must be at most 120000 (two minutes)' })
    .default(8000),
  BRIEFBOT_ADMINS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z
          .string()
          .regex(slackUserId, { error: 'must be Slack user ids like U012ABCDEF, separated by commas' }),
      ),
    ),
  BRIEFBOT_ALERT_CHANNEL: optionalText.pipe(
    z
      .string()
      .regex(/^[CG][A-Z0-9]{2,}$/, {
        error: 'must be a Slack channel id like C012ABCDEF (channel details > About)',
      })
      .optional(),
  ),
  DIGEST_CATCH_UP_HOURS: z.coerce
    .number({ error: 'must be a number of hours, e.g. 6' })
    .min(0, { error: 'must be 0 or more hours' })
    .max(168, { error: 'must be at most 168 hours (a week)' })
    .default(6),
  NUDGE_THRESHOLD: z.coerce
    .number({ error: 'must be a number between 0 and 1, e.g. 0.5' })
    .min(0, { error: 'must be between 0 and 1' })
    .max(1, { error: 'must be between 0 and 1' })
    .default(0.5),
  NUDGE_DAILY_LIMIT: z.coerce
    .number({ error: dailyLimitRange })
    .int({ error: dailyLimitRange })
    .min(1, { error: dailyLimitRange })
    .max(100, { error: dailyLimitRange })
    .default(5),
  NUDGE_QUIET_HOURS: z
    .string()
    .trim()
    .regex(/^(none|([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d)$/, {
      error: 'must look like 20:00-08:00, or none',
    })
    .default('20:00-08:00'),
  BUSINESS_HOURS: z
    .string()
    .trim()
    .regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/, { error: 'must look like 09:00-18:00' })
    .default('09:00-18:00'),
  NUDGE_REMIND_AFTER_HOURS: workingHours(4),
  NUDGE_ESCALATE_AFTER_HOURS: workingHours(9),
  NUDGE_REPLY_REMINDER_HOURS: workingHours(9),
  NUDGE_EXPIRE_DAYS: z.coerce
    .number({ error: 'must be a number of days above 0, e.g. 7 (0.5 is 12 hours)' })
    .positive({ error: 'must be a number of days above 0, e.g. 7 (0.5 is 12 hours)' })
    .default(7),
  SOCIAL_POLICY_URL: optionalText.pipe(
    z.url({ protocol: /^https?$/, error: 'must be an http(s) URL of the social media policy' }).optional(),
  ),
  DEFAULT_TIMEZONE: z
    .string()
    .trim()
    .default('UTC')
    .refine(isTimeZone, { error: 'must be an IANA time zone such as Europe/Berlin or America/New_York' }),
  FEED_ALLOW_PRIVATE_ADDRESSES: booleanFlag.default(false),
  LOG_LEVEL: z
    .enum(['debug', 'info', 'warn', 'error', 'silent'], {
      error: 'must be debug, info, warn, error or silent',
    })
    .default('info'),
});
export type Config = z.infer<typeof Config>;

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(readonly problems: string[]) {
    super(
      `Briefbot cannot start; fix these settings (see .env.example):\n${problems.map((p) => `  ${p}`).join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}

const secretVariables = new Set([
  'SLACK_BOT_TOKEN',
  'SLACK_APP_TOKEN',
  'SLACK_SIGNING_SECRET',
  'OPENAI_API_KEY',
]);

/** A bad value as an error may quote it: secrets only by their first characters, URLs without passwords. */
function shown(name: string, value: string | undefined): string {
  if (value === undefined) return 'nothing';
  if (secretVariables.has(name)) return `"${value.slice(0, 5)}…" (${value.length} characters)`;
  return JSON.stringify(value.replace(/\/\/([^/@:]*):[^/@]*@/, '//$1:***@'));
}

/** "PORT: must be a port number (got "abc")": one setting's problem, its value shown as is safe. */
export function settingProblem(name: string, message: string, value: string | undefined): string {
  return `${name}: ${message} (got ${shown(name, value)})`;
}

/** Parses the environment once; every problem becomes one readable line naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const input: Record<string, string | undefined> = {};
  for (const key of Object.keys(Config.shape)) {
    const value = env[key];
    // An empty line in .env means "not set", so defaults apply.
    input[key] = value === undefined || value.trim() === '' ? undefined : value;
  }
  const result = Config.safeParse(input);
  if (!result.success) {
    const byVariable = new Map<string, string>();
    for (const issue of result.error.issues) {
      const name = String(issue.path[0] ?? 'environment');
      if (!byVariable.has(name)) byVariable.set(name, issue.message);
    }
    const problems = [...byVariable].map(([name, message]) => settingProblem(name, message, input[name]));
    throw new ConfigError(problems);
  }
  return result.data;
}

/** Prefixes of Briefbot's own settings: a name with one of them that is no setting is a slip. */
const ownPrefixes = /^(SLACK|BRIEFBOT|FEED|OPENAI|NUDGE|DIGEST)_/;

/**
 * Warnings for settings Briefbot does not know, which would otherwise be ignored without a word
 * ("Unknown setting SLACK_BOT_TOKN (in .env): did you mean SLACK_BOT_TOKEN?"): every name in the
 * .env file (`fromFile`), and names in the environment that look like Briefbot's (its prefixes, or a
 * slip away from one of its names) — the environment holds many other programs' settings too.
 */
export function unknownSettingWarnings(env: NodeJS.ProcessEnv, fromFile: readonly string[] = []): string[] {
  const known = Object.keys(Config.shape);
  const lowerKnown = known.map((name) => name.toLowerCase());
  const fileNames = new Set(fromFile);
  const warnings: string[] = [];
  for (const name of new Set([...fromFile, ...Object.keys(env)])) {
    if (known.includes(name)) continue;
    const guess = closest(name.toLowerCase(), lowerKnown);
    const suggestion = guess === undefined ? undefined : known[lowerKnown.indexOf(guess)];
    // Another program's setting may be a few letters from one of ours (BASE_URL, DATABASE_URL): in the
    // environment, only one slip away counts.
    const slip = suggestion !== undefined && editDistance(name, suggestion) <= 1;
    if (!fileNames.has(name) && !ownPrefixes.test(name) && !slip) continue;
    warnings.push(
      `Warning: unknown setting ${name} (in ${fileNames.has(name) ? '.env' : 'the environment'})${suggestion ? `: did you mean ${suggestion}?` : '; Briefbot ignores it (every setting: .env.example).'}`,
    );
  }
  return warnings;
}

/**
 * A .env line whose value holds a # with no space before it (BRIEFBOT_ALERT_CHANNEL=#alerts,
 * SOCIAL_POLICY_URL=https://…/policy#social): .env reads the # as the start of a comment, so the
 * setting would be cut there without a word. Values are never quoted back: they may be secrets.
 */
export function envFileCommentWarnings(text: string): string[] {
  const known = new Set(Object.keys(Config.shape));
  const warnings: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    // The value as written, spaces kept: "KEY= # note" is an empty value and a comment.
    const [, name, value] = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=(.*)$/.exec(line) ?? [];
    if (!name || !value || !known.has(name) || /^\s*["'`]/.test(value)) continue;
    const hash = /(^|[^\s])#/.exec(value);
    if (!hash) continue;
    const cut = hash.index === 0 && hash[1] === '' ? 'reads as empty' : 'is cut at the #';
    warnings.push(
      `Warning: ${name} in .env ${cut}: a # there starts a comment. If the # belongs to the value, put the value in quotes: ${name}="…"`,
    );
  }
  return warnings;
}

/**
 * Settings that parse but contradict each other, each as one line to print at start: Briefbot runs
 * (the follow-through reminds first whatever the delays), but not as the settings read.
 */
export function configWarnings(config: Config): string[] {
  const { NUDGE_REMIND_AFTER_HOURS: remind, NUDGE_ESCALATE_AFTER_HOURS: escalate } = config;
  return escalate > remind
    ? []
    : [
        `Warning: NUDGE_ESCALATE_AFTER_HOURS (${escalate}) is not after NUDGE_REMIND_AFTER_HOURS (${remind}): an unclaimed conversation is escalated together with its reminder, after ${remind} working hours. Set it above ${remind} to give the experts time after the reminder.`,
      ];
}

export type SlackSetup =
  | { mode: 'socket'; botToken: string; appToken: string }
  | { mode: 'http'; botToken: string; signingSecret: string; port: number }
  | { mode: 'none'; reason: string; incomplete: boolean };

/** Which way Briefbot talks to Slack, or why it cannot. */
export function resolveSlackSetup(config: Config): SlackSetup {
  const mode =
    config.SLACK_MODE ??
    (config.SLACK_APP_TOKEN ? 'socket' : config.SLACK_SIGNING_SECRET ? 'http' : undefined);
  // Some Slack setting given but not enough to connect: a set-up half done, not "no Slack wanted".
  const incomplete = Boolean(
    config.SLACK_BOT_TOKEN || config.SLACK_APP_TOKEN || config.SLACK_SIGNING_SECRET || config.SLACK_MODE,
  );
  const none = (reason: string): SlackSetup => ({ mode: 'none', reason, incomplete });
  if (!config.SLACK_BOT_TOKEN) {
    return none('SLACK_BOT_TOKEN is not set');
  }
  if (mode === 'socket') {
    if (!config.SLACK_APP_TOKEN) return none('SLACK_MODE=socket needs SLACK_APP_TOKEN (xapp-...)');
    return { mode: 'socket', botToken: config.SLACK_BOT_TOKEN, appToken: config.SLACK_APP_TOKEN };
  }
  if (mode === 'http') {
    if (!config.SLACK_SIGNING_SECRET) return none('SLACK_MODE=http needs SLACK_SIGNING_SECRET');
    return {
      mode: 'http',
      botToken: config.SLACK_BOT_TOKEN,
      signingSecret: config.SLACK_SIGNING_SECRET,
      port: config.PORT,
    };
  }
  return none('set SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET with SLACK_MODE=http');
}
