import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  configWarnings,
  envFileCommentWarnings,
  loadConfig,
  resolveSlackSetup,
  type SlackSetup,
  unknownSettingWarnings,
} from '../src/config.ts';

function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected loadConfig to throw a ConfigError');
}

describe('loadConfig defaults', () => {
  it('fills every optional setting from an empty environment', () => {
    const config = loadConfig({});
    expect(config.DATABASE_URL).toBe('file:./data/briefbot.db');
    expect(config.PORT).toBe(3000);
    expect(config.SLACK_API_URL).toBe('https://slack.com/api/');
    expect(config.DEFAULT_TIMEZONE).toBe('UTC');
    expect(config.FEED_ALLOW_PRIVATE_ADDRESSES).toBe(false);
    expect(config.LOG_LEVEL).toBe('info');
    expect(config.BRIEFBOT_ADMINS).toEqual([]);
    expect(config.OPENAI_MODEL).toBe('gpt-4o-mini');
    expect(config.SLACK_BOT_TOKEN).toBeUndefined();
    expect(config.SLACK_APP_TOKEN).toBeUndefined();
    expect(config.SLACK_MODE).toBeUndefined();
  });

  it('treats empty and blank values as unset, so the defaults apply', () => {
    const config = loadConfig({
      PORT: '',
      DATABASE_URL: '   ',
      SLACK_API_URL: '',
      DEFAULT_TIMEZONE: '',
      FEED_ALLOW_PRIVATE_ADDRESSES: '',
      LOG_LEVEL: '',
      BRIEFBOT_ADMINS: '',
      SLACK_BOT_TOKEN: '',
      SLACK_MODE: ' ',
    });
    expect(config.PORT).toBe(3000);
    expect(config.DATABASE_URL).toBe('file:./data/briefbot.db');
    expect(config.SLACK_API_URL).toBe('https://slack.com/api/');
    expect(config.DEFAULT_TIMEZONE).toBe('UTC');
    expect(config.FEED_ALLOW_PRIVATE_ADDRESSES).toBe(false);
    expect(config.LOG_LEVEL).toBe('info');
    expect(config.BRIEFBOT_ADMINS).toEqual([]);
    expect(config.SLACK_BOT_TOKEN).toBeUndefined();
    expect(config.SLACK_MODE).toBeUndefined();
  });

  it('ignores variables it does not know', () => {
    const config = loadConfig({ HOME: '/root', PATH: '/usr/bin' });
    expect(config).not.toHaveProperty('HOME');
    expect(config).not.toHaveProperty('PATH');
  });
});

describe('loadConfig values', () => {
  it('reads a port number, trimming spaces', () => {
    expect(loadConfig({ PORT: '8080' }).PORT).toBe(8080);
    expect(loadConfig({ PORT: ' 8080 ' }).PORT).toBe(8080);
  });

  it('adds the trailing slash Slack API paths are joined onto', () => {
    expect(loadConfig({ SLACK_API_URL: 'http://localhost:3001/api' }).SLACK_API_URL).toBe(
      'http://localhost:3001/api/',
    );
    expect(loadConfig({ SLACK_API_URL: 'https://slack.example.com/api/' }).SLACK_API_URL).toBe(
      'https://slack.example.com/api/',
    );
  });

  it('splits BRIEFBOT_ADMINS on commas and trims each id', () => {
    expect(loadConfig({ BRIEFBOT_ADMINS: 'U1AAA, U2BBB' }).BRIEFBOT_ADMINS).toEqual(['U1AAA', 'U2BBB']);
    expect(loadConfig({ BRIEFBOT_ADMINS: ' W0CCC ,,U2BBB,' }).BRIEFBOT_ADMINS).toEqual(['W0CCC', 'U2BBB']);
  });

  it("documents that BRIEFBOT_ALERT_CHANNEL takes the expert escalations too, away from the admins' DMs", () => {
    const example = readFileSync('.env.example', 'utf8').split('\n');
    const comment = example[example.indexOf('BRIEFBOT_ALERT_CHANNEL=') - 1];
    expect(comment).toMatch(/failing feeds and expert escalations .* instead of DMs/);
    const row = readFileSync('README.md', 'utf8')
      .split('\n')
      .find((line) => line.startsWith('| `BRIEFBOT_ALERT_CHANNEL`'));
    expect(row).toMatch(/failing feeds \*\*and expert escalations\*\*.*instead of the admins' DMs/);
  });

  it('accepts a real time zone and both database kinds', () => {
    expect(loadConfig({ DEFAULT_TIMEZONE: 'Europe/Berlin' }).DEFAULT_TIMEZONE).toBe('Europe/Berlin');
    expect(loadConfig({ DATABASE_URL: 'file:/var/lib/briefbot.db' }).DATABASE_URL).toBe(
      'file:/var/lib/briefbot.db',
    );
    expect(loadConfig({ DATABASE_URL: 'postgresql://bot:secret@db/briefbot' }).DATABASE_URL).toBe(
      'postgresql://bot:secret@db/briefbot',
    );
  });

  it('keeps Slack tokens and mode that have the right shape', () => {
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-123-456-abc',
      SLACK_APP_TOKEN: 'xapp-1-A1-2-def',
      SLACK_MODE: 'socket',
      LOG_LEVEL: 'debug',
    });
    expect(config.SLACK_BOT_TOKEN).toBe('xoxb-123-456-abc');
    expect(config.SLACK_APP_TOKEN).toBe('xapp-1-A1-2-def');
    expect(config.SLACK_MODE).toBe('socket');
    expect(config.LOG_LEVEL).toBe('debug');
  });

  it.each([
    ['true', true],
    ['1', true],
    ['yes', true],
    ['false', false],
    ['0', false],
    ['no', false],
  ])('reads FEED_ALLOW_PRIVATE_ADDRESSES=%s as %s', (value, expected) => {
    expect(loadConfig({ FEED_ALLOW_PRIVATE_ADDRESSES: value }).FEED_ALLOW_PRIVATE_ADDRESSES).toBe(expected);
  });
});

describe('loadConfig errors', () => {
  it('reports one line per bad variable, each starting with its name', () => {
    const error = configError({ PORT: 'abc', DEFAULT_TIMEZONE: 'Mars/Base', SLACK_BOT_TOKEN: 'nope' });
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.problems).toHaveLength(3);
    const byName = new Map(error.problems.map((line) => [line.split(':')[0], line]));
    expect([...byName.keys()].sort()).toEqual(['DEFAULT_TIMEZONE', 'PORT', 'SLACK_BOT_TOKEN']);
    expect(byName.get('PORT')).toMatch(/^PORT: .*port number.*"abc"/);
    expect(byName.get('DEFAULT_TIMEZONE')).toMatch(/^DEFAULT_TIMEZONE: .*IANA time zone.*"Mars\/Base"/);
    expect(byName.get('SLACK_BOT_TOKEN')).toMatch(/^SLACK_BOT_TOKEN: .*xoxb-/);
  });

  it('puts every problem in the message that stops start-up', () => {
    const error = configError({ PORT: 'abc', LOG_LEVEL: 'loud' });
    expect(error.name).toBe('ConfigError');
    expect(error.message).toContain('.env.example');
    for (const line of error.problems) expect(error.message).toContain(line);
  });

  it.each([
    ['PORT', '0', /between 1 and 65535/],
    ['PORT', '70000', /between 1 and 65535/],
    ['PORT', '1.5', /whole number/],
    ['SLACK_API_URL', 'ftp://slack.example.com/api', /http\(s\) URL/],
    ['SLACK_API_URL', 'not a url', /http\(s\) URL/],
    ['SLACK_APP_TOKEN', 'xoxb-wrong-kind', /xapp-/],
    ['SLACK_MODE', 'websocket', /socket or http/],
    ['DATABASE_URL', 'mysql://db/briefbot', /file:.*postgresql/],
    ['OPENAI_BASE_URL', 'api.openai.com', /http\(s\) URL/],
    ['LOG_LEVEL', 'verbose', /debug, info, warn, error or silent/],
    ['FEED_ALLOW_PRIVATE_ADDRESSES', 'maybe', /true or false/],
    ['BRIEFBOT_ADMINS', 'U1AAA, alice', /Slack user ids/],
  ])('rejects %s=%s with a line naming it', (name, value, hint) => {
    const { problems } = configError({ [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]?.startsWith(`${name}: `)).toBe(true);
    expect(problems[0]).toMatch(hint);
    if (name === 'SLACK_APP_TOKEN') expect(problems[0]).not.toContain(value);
    else expect(problems[0]).toContain(JSON.stringify(value));
  });
});

describe('the nudge settings', () => {
  it.each([
    [
      'NUDGE_DAILY_LIMIT',
      '0',
      'must be a whole number from 1 to 100 (nudges per channel a day), e.g. 5; to post no nudges in a channel, give its topics none: /brief topics set <topic> channel=none (got "0")',
    ],
    ['NUDGE_DAILY_LIMIT', '2.5', 'must be a whole number from 1 to 100'],
    ['NUDGE_DAILY_LIMIT', '500', 'must be a whole number from 1 to 100'],
    ['NUDGE_EXPIRE_DAYS', '0', 'must be a number of days above 0, e.g. 7 (0.5 is 12 hours) (got "0")'],
    ['NUDGE_REMIND_AFTER_HOURS', '-1', 'must be a number of working hours above 0, e.g. 4 (got "-1")'],
    ['NUDGE_ESCALATE_AFTER_HOURS', 'soon', 'must be a number of working hours above 0, e.g. 9 (got "soon")'],
  ])('%s=%s is refused with the range it takes', (name, value, message) => {
    expect(configError({ [name]: value }).problems).toEqual([expect.stringContaining(`${name}: ${message}`)]);
  });

  it('warns, without stopping, when the escalation delay is not after the reminder', () => {
    expect(configWarnings(loadConfig({}))).toEqual([]);
    expect(
      configWarnings(loadConfig({ NUDGE_REMIND_AFTER_HOURS: '12', NUDGE_ESCALATE_AFTER_HOURS: '3' })),
    ).toEqual([
      'Warning: NUDGE_ESCALATE_AFTER_HOURS (3) is not after NUDGE_REMIND_AFTER_HOURS (12): an unclaimed conversation is escalated together with its reminder, after 12 working hours. Set it above 12 to give the experts time after the reminder.',
    ]);
    expect(
      configWarnings(loadConfig({ NUDGE_REMIND_AFTER_HOURS: '4', NUDGE_ESCALATE_AFTER_HOURS: '4' })),
    ).toHaveLength(1);
  });
});

describe('resolveSlackSetup', () => {
  function setup(env: NodeJS.ProcessEnv): SlackSetup {
    return resolveSlackSetup(loadConfig(env));
  }

  function reasonOf(result: SlackSetup): string {
    if (result.mode !== 'none') throw new Error(`expected Slack to be off, got mode ${result.mode}`);
    return result.reason;
  }

  it('is off without a bot token, whatever else is set, and says why', () => {
    const result = setup({ SLACK_APP_TOKEN: 'xapp-1', SLACK_SIGNING_SECRET: 'shh', SLACK_MODE: 'socket' });
    expect(reasonOf(result)).toMatch(/SLACK_BOT_TOKEN/);
  });

  it('uses Socket Mode when an app token is set', () => {
    expect(setup({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' })).toEqual({
      mode: 'socket',
      botToken: 'xoxb-1',
      appToken: 'xapp-1',
    });
  });

  it('prefers Socket Mode over HTTP when both an app token and a signing secret are set', () => {
    expect(
      setup({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', SLACK_SIGNING_SECRET: 'shh' }).mode,
    ).toBe('socket');
  });

  it('uses HTTP with SLACK_MODE=http and a signing secret, on the configured port', () => {
    expect(
      setup({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_MODE: 'http', SLACK_SIGNING_SECRET: 'shh', PORT: '8080' }),
    ).toEqual({ mode: 'http', botToken: 'xoxb-1', signingSecret: 'shh', port: 8080 });
  });

  it('uses HTTP when only a signing secret is set', () => {
    expect(setup({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'shh' })).toEqual({
      mode: 'http',
      botToken: 'xoxb-1',
      signingSecret: 'shh',
      port: 3000,
    });
  });

  it('is off with a reason when SLACK_MODE=socket has no app token', () => {
    const result = setup({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_MODE: 'socket', SLACK_SIGNING_SECRET: 'shh' });
    expect(reasonOf(result)).toMatch(/SLACK_MODE=socket needs SLACK_APP_TOKEN/);
  });

  it('is off with a reason when SLACK_MODE=http has no signing secret', () => {
    const result = setup({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_MODE: 'http', SLACK_APP_TOKEN: 'xapp-1' });
    expect(reasonOf(result)).toMatch(/SLACK_MODE=http needs SLACK_SIGNING_SECRET/);
  });

  it('tells a set-up half done (some Slack setting given) from no Slack wanted', () => {
    expect(setup({})).toMatchObject({ mode: 'none', incomplete: false });
    expect(setup({ SLACK_BOT_TOKEN: 'xoxb-1' })).toMatchObject({ mode: 'none', incomplete: true });
    expect(setup({ SLACK_MODE: 'socket' })).toMatchObject({ mode: 'none', incomplete: true });
  });

  it('is off with a hint when only the bot token is set', () => {
    const result = setup({ SLACK_BOT_TOKEN: 'xoxb-1' });
    expect(reasonOf(result)).toMatch(/SLACK_APP_TOKEN.*SLACK_SIGNING_SECRET/);
  });
});

describe('error messages and secrets', () => {
  it('never repeats a token or a database password in full', () => {
    const { problems } = configError({
      SLACK_APP_TOKEN: 'xoxb-1234567890-secret',
      DATABASE_URL: 'mysql://briefbot:hunter2@db.example.com/briefbot',
    });
    expect(problems.join('\n')).not.toMatch(/1234567890-secret|hunter2/);
    expect(problems.join('\n')).toMatch(/mysql:\/\/briefbot:\*\*\*@db\.example\.com/);
  });

  it('gives one line per variable however many of its entries are wrong', () => {
    const { problems } = configError({ BRIEFBOT_ADMINS: 'U1AAA, bad, x' });
    expect(problems).toHaveLength(1);
  });
});

describe('envFileCommentWarnings', () => {
  it('warns of a value .env would cut at a #, never of a comment after a space nor a quoted #', () => {
    const text = [
      'BRIEFBOT_ALERT_CHANNEL=#alerts',
      'SOCIAL_POLICY_URL=https://intranet.example.com/policy#social',
      'export SLACK_SIGNING_SECRET=ab#cd',
      'PORT=3000 # the default',
      'LOG_LEVEL= # empty on purpose',
      'DEFAULT_TIMEZONE="Europe/Berlin#x"',
      '# BRIEFBOT_ADMINS=#U1',
      'NOT_OURS=#x',
    ].join('\n');
    expect(envFileCommentWarnings(text)).toEqual([
      'Warning: BRIEFBOT_ALERT_CHANNEL in .env reads as empty: a # there starts a comment. If the # belongs to the value, put the value in quotes: BRIEFBOT_ALERT_CHANNEL="…"',
      'Warning: SOCIAL_POLICY_URL in .env is cut at the #: a # there starts a comment. If the # belongs to the value, put the value in quotes: SOCIAL_POLICY_URL="…"',
      'Warning: SLACK_SIGNING_SECRET in .env is cut at the #: a # there starts a comment. If the # belongs to the value, put the value in quotes: SLACK_SIGNING_SECRET="…"',
    ]);
  });
});

describe('unknownSettingWarnings', () => {
  it('names every unknown setting of .env, with the setting it is a slip away from', () => {
    const fromFile = ['SLACK_BOT_TOKN', 'FEED_ALLOW_PRIVATE_ADRESSES', 'DATABASE_URL', 'NODE_ENV'];
    const env = {
      SLACK_BOT_TOKN: 'xoxb-abc',
      FEED_ALLOW_PRIVATE_ADRESSES: 'true',
      DATABASE_URL: 'file:x.db',
      NODE_ENV: 'production',
    };
    expect(unknownSettingWarnings(env, fromFile)).toEqual([
      'Warning: unknown setting SLACK_BOT_TOKN (in .env): did you mean SLACK_BOT_TOKEN?',
      'Warning: unknown setting FEED_ALLOW_PRIVATE_ADRESSES (in .env): did you mean FEED_ALLOW_PRIVATE_ADDRESSES?',
      'Warning: unknown setting NODE_ENV (in .env); Briefbot ignores it (every setting: .env.example).',
    ]);
  });

  it("names only the environment's names that look like Briefbot's: its prefixes, or a slip from one of its names", () => {
    const env = {
      PATH: '/usr/bin',
      HOME: '/root',
      TERM: 'xterm',
      BASE_URL: '/',
      HOST: 'example.com',
      SLACK_BOT_TOKEN: 'xoxb-abc',
      SLACK_WEBHOOK: 'https://hooks.slack.com/x',
      LOG_LEVL: 'debug',
      NUDGE_THRESHOLDS: '0.3',
    };
    expect(unknownSettingWarnings(env)).toEqual([
      'Warning: unknown setting SLACK_WEBHOOK (in the environment); Briefbot ignores it (every setting: .env.example).',
      'Warning: unknown setting LOG_LEVL (in the environment): did you mean LOG_LEVEL?',
      'Warning: unknown setting NUDGE_THRESHOLDS (in the environment): did you mean NUDGE_THRESHOLD?',
    ]);
  });
});
