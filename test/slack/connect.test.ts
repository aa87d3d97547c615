import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.ts';
import { loadConfig } from '../../src/config.ts';
import { sendDueDeliveries } from '../../src/deliveries.ts';
import { startSlackBriefbot } from '../../src/index.ts';
import { createLogger } from '../../src/logger.ts';
import { SlackSetupError } from '../../src/slack/connect.ts';
import { slackStatusText } from '../../src/slack/status.ts';
import { expectHook, hooks, slackApi } from '../helpers/slack-http.ts';
import { startSocketModeServer } from '../helpers/socket-mode-server.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'briefbot-connect-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const authOk = { ok: true, user_id: 'UBOT', bot_id: 'B0BOT', team_id: 'T0TEAM' };

function config(file: string, apiUrl = `${slackApi}/api/`) {
  return loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: 'secret',
    SLACK_MODE: 'http',
    SLACK_API_URL: apiUrl,
    DATABASE_URL: `file:${join(dir, file)}`,
    LOG_LEVEL: 'silent',
  });
}

describe('starting while Slack cannot be reached', () => {
  it('says so in one line per try, waits longer each time, and carries on once Slack answers', async () => {
    // The check of the token, then Bolt's own initialisation: both once Slack is back.
    nock(slackApi).post('/api/auth.test').times(2).reply(500, 'oops');
    nock(slackApi).post('/api/auth.test').times(2).reply(200, authOk);
    const lines: string[] = [];
    const running = await startSlackBriefbot(config('http-500.db'), {
      port: 0,
      reconnectDelayMs: 20,
      print: (line) => lines.push(line),
    });
    try {
      expect(lines).toEqual([
        'Cannot reach Slack (Slack answered HTTP 500); trying again in 20 ms (attempt 2). Feeds are still monitored.',
        'Cannot reach Slack (Slack answered HTTP 500); trying again in 40 ms (attempt 3). Feeds are still monitored.',
        `Briefbot is connected to Slack in HTTP mode on port ${running.port} (/slack/events, /healthz).`,
      ]);
      const health = await fetch(`http://127.0.0.1:${running.port}/healthz`);
      expect(health.status).toBe(200);
    } finally {
      await running.stop();
    }
  });

  it("waits as long as Slack's Retry-After asks after a 429", async () => {
    nock(slackApi).post('/api/auth.test').reply(429, '', { 'retry-after': '1' });
    nock(slackApi).post('/api/auth.test').times(2).reply(200, authOk);
    const lines: string[] = [];
    const started = performance.now();
    const running = await startSlackBriefbot(config('http-429.db'), {
      port: 0,
      reconnectDelayMs: 20,
      print: (line) => lines.push(line),
    });
    await running.stop();
    expect(performance.now() - started).toBeGreaterThanOrEqual(1000);
    expect(lines[0]).toBe(
      'Cannot reach Slack (Slack is rate-limiting Briefbot (429)); trying again in 1 s (attempt 2). Feeds are still monitored.',
    );
    expect(lines).toHaveLength(2);
  });

  it('names the address that refused the connection, and stops trying when asked to stop', async () => {
    // A port nothing listens on: the connection is refused, as by a machine without Slack's address.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const lines: string[] = [];
    let stop = () => {};
    const stopped = new Promise<void>((resolve) => {
      stop = resolve;
    });
    const running = await startSlackBriefbot(config('refused.db', `http://127.0.0.1:${port}/api/`), {
      port: 0,
      reconnectDelayMs: 60_000,
      stopped,
      print: (line) => {
        lines.push(line);
        stop();
      },
    });
    expect(running).toBeNull();
    expect(lines).toEqual([
      `Cannot reach Slack (127.0.0.1:${port} refused the connection); trying again in 60 s (attempt 2). Feeds are still monitored.`,
    ]);
  });

  it('stops with what to fix when Slack refuses the token, and tries no more', async () => {
    nock(slackApi).post('/api/auth.test').reply(200, { ok: false, error: 'invalid_auth' });
    const lines: string[] = [];
    const failed = await startSlackBriefbot(config('invalid.db'), {
      port: 0,
      reconnectDelayMs: 20,
      print: (line) => lines.push(line),
    }).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(SlackSetupError);
    expect((failed as Error).message).toMatch(
      /^Slack refused SLACK_BOT_TOKEN \(invalid_auth\)\. Copy the Bot User OAuth Token/,
    );
    expect(lines).toEqual([]);
  });
});

/** `npx briefbot status` on the database `file`, as the command line runs it. */
async function briefbotStatus(file: string): Promise<{ code: number; out: string }> {
  const out: string[] = [];
  const code = await runCli(
    ['status'],
    { out: (line) => out.push(line), err: (line) => out.push(line) },
    { DATABASE_URL: `file:${join(dir, file)}`, LOG_LEVEL: 'silent' },
  );
  return { code, out: out.join('\n') };
}

/**
 * Briefbot in Socket Mode, connected to a local Socket Mode server; `lines`: what it says, `logged`:
 * its log's lines at info and above (level and message; Slack's own with their detail).
 */
async function startOnSocket(file: string) {
  const logged: string[] = [];
  const logger = createLogger('info', (line) => {
    const entry = JSON.parse(line) as { level: string; msg: string; detail?: string; reason?: string };
    logged.push([entry.level, entry.msg, entry.detail ?? entry.reason].filter(Boolean).join(' '));
  });
  const slack = await startSocketModeServer();
  nock(slackApi).post('/api/auth.test').times(2).reply(200, authOk);
  nock(slackApi).post('/api/apps.connections.open').reply(200, { ok: true, url: slack.url });
  const lines: string[] = [];
  const running = await startSlackBriefbot(
    loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_APP_TOKEN: 'xapp-test-token',
      SLACK_API_URL: `${slackApi}/api/`,
      DATABASE_URL: `file:${join(dir, file)}`,
      LOG_LEVEL: 'silent',
    }),
    { reconnectDelayMs: 20, print: (line) => lines.push(line), logger },
  );
  return { slack, running, lines, logged };
}

/** `/brief help` from UEXEC01 as Slack sends it over Socket Mode; its reply goes to /commands/T0TEAM/<hook>. */
function helpEnvelope(envelopeId: string, hook: string) {
  return {
    type: 'slash_commands',
    envelope_id: envelopeId,
    accepts_response_payload: true,
    payload: {
      command: '/brief',
      text: 'help',
      user_id: 'UEXEC01',
      team_id: 'T0TEAM',
      channel_id: 'C0CHANNEL',
      api_app_id: 'A0APP',
      response_url: `${hooks}/commands/T0TEAM/${hook}`,
      trigger_id: '1.2.3',
    },
  };
}

describe('Socket Mode while running', () => {
  it('reconnects when the connection drops and Slack cannot be reached at first, and answers again', async () => {
    const { slack, running, lines, logged } = await startOnSocket('socket.db');
    const open = { ok: true, url: slack.url };
    try {
      expect(lines).toEqual(['Briefbot is connected to Slack in Socket Mode.']);
      // The network goes: the socket is cut, and the first new try cannot reach Slack either.
      nock(slackApi).post('/api/apps.connections.open').reply(503, 'down');
      nock(slackApi).post('/api/apps.connections.open').reply(200, open);
      slack.drop();
      await slack.opened(2);
      // The reply is worded for the asker's role: Slack is asked whether they are a workspace admin.
      nock(slackApi)
        .post('/api/users.info')
        .reply(200, { ok: true, user: { id: 'UEXEC01', is_admin: false, is_owner: false } });
      const reply = expectHook('/commands/T0TEAM/1/abc');
      slack.send(helpEnvelope('env-after-reconnect', '1/abc'));
      await slack.acked('env-after-reconnect');
      expect(String((await reply).text)).toMatch(/^Briefbot help/);
      expect(lines).toEqual([
        'Briefbot is connected to Slack in Socket Mode.',
        'The Socket Mode connection to Slack closed; reconnecting. Feeds are still monitored.',
        'Cannot reach Slack (Slack answered HTTP 503); trying again in 20 ms (attempt 2). Feeds are still monitored.',
        'Briefbot is connected to Slack in Socket Mode again.',
      ]);
      // The log too: one line per change, none an error (the Socket Mode client's own are debug lines).
      expect(logged).toEqual([
        'warn socket mode connection closed',
        'warn socket mode reconnection try failed Cannot reach Slack (Slack answered HTTP 503)',
        'info socket mode reconnected',
      ]);
      const status = await briefbotStatus('socket.db');
      expect(status.code).toBe(0);
      expect(status.out).toMatch(
        /^Slack: connected in Socket Mode, since \w{3} \d+ \w{3} \d\d:\d\d UTC \(checked just now\)\.\nSlack connection: reconnected just now after a moment without Slack \(Cannot reach Slack \(Slack answered HTTP 503\)\)\.$/,
      );
    } finally {
      await running.stop();
      await slack.close();
    }
    // Stopping is no lost connection: nothing more is said, and no try is made.
    expect(lines).toHaveLength(4);
    expect(await briefbotStatus('socket.db')).toEqual({
      code: 1,
      out: 'Briefbot was stopped just now. Start it with: npx briefbot start\nSlack connection: reconnected just now after a moment without Slack (Cannot reach Slack (Slack answered HTTP 503)).',
    });
  });

  it('answers a question that arrived as the connection dropped: by DM as soon as Slack is back, once', async () => {
    const { slack, running, lines } = await startOnSocket('socket-question.db');
    // The network goes as the question arrives: Slack's API and the response URL cannot be reached.
    let online = false;
    const down = [503, 'down'] as const;
    nock(slackApi)
      .persist()
      .post('/api/apps.connections.open')
      .reply(() => (online ? [200, { ok: true, url: slack.url }] : down));
    nock(slackApi)
      .persist()
      .post('/api/conversations.open')
      .reply(() => (online ? [200, { ok: true, channel: { id: 'D0EXEC01' } }] : down));
    nock(hooks).post('/commands/T0TEAM/9/lost').times(3).replyWithError({ code: 'ECONNREFUSED' });
    nock(slackApi)
      .post('/api/users.info')
      .reply(200, { ok: true, user: { id: 'UEXEC01', is_admin: false, is_owner: false } });
    const dms: Array<Record<string, string>> = [];
    nock(slackApi)
      .persist()
      .post('/api/chat.postMessage')
      .reply((_uri, body) => {
        dms.push(Object.fromEntries(new URLSearchParams(String(body))));
        return [200, { ok: true, ts: '3.0' }];
      });
    try {
      slack.send(helpEnvelope('env-before-drop', '9/lost'));
      await slack.acked('env-before-drop');
      slack.drop();
      const { sqlite } = running.deps.db;
      const owed = () =>
        Number(
          sqlite
            .prepare("SELECT COUNT(*) FROM deliveries WHERE kind = 'reply' AND attempts = 1")
            .pluck()
            .get(),
        );
      await expect.poll(owed, { timeout: 15_000 }).toBe(1);
      online = true;
      await slack.opened(2);
      await expect.poll(() => dms.length, { timeout: 5_000 }).toBe(1);
      expect(dms[0]?.channel).toBe('D0EXEC01');
      expect(dms[0]?.text).toMatch(
        /^\/brief help: Slack could not show this answer when it was ready, so here it is\. Briefbot help/,
      );
      expect(lines.at(-1)).toBe('Briefbot is connected to Slack in Socket Mode again.');
      expect(await briefbotStatus('socket-question.db')).toMatchObject({
        code: 0,
        out: expect.stringMatching(/\nMessages Slack would not take in the past day: 1 \(1 sent late\)\.$/),
      });
      // Sent once: a later pass finds nothing owed.
      expect(await sendDueDeliveries(running.deps)).toBe(0);
      expect(dms).toHaveLength(1);
    } finally {
      await running.stop();
      await slack.close();
      nock.cleanAll();
    }
  }, 40_000);

  it('says what to fix when Slack refuses the app token mid-run, and keeps trying until stopped', async () => {
    const { slack, running, lines } = await startOnSocket('socket-revoked.db');
    try {
      nock(slackApi).post('/api/apps.connections.open').reply(200, { ok: false, error: 'token_revoked' });
      slack.drop();
      await expect.poll(() => lines.length).toBe(3);
      expect(lines.slice(1)).toEqual([
        'The Socket Mode connection to Slack closed; reconnecting. Feeds are still monitored.',
        'Slack refused SLACK_APP_TOKEN (token_revoked). Copy the app-level token (xapp-…, with the connections:write scope) again from Basic Information > App-Level Tokens, and check that Socket Mode is on, then restart Briefbot. Meanwhile trying again in 300 s (attempt 2). Feeds are still monitored.',
      ]);
      // Not answering in Slack, said with why and since when; a monitor reads exit code 1.
      const status = await briefbotStatus('socket-revoked.db');
      expect(status.code).toBe(1);
      expect(status.out).toMatch(
        /^Slack: not connected since .+ UTC, so Briefbot is not answering in Slack; it keeps trying, and feeds are still monitored\. Latest: Slack refused SLACK_APP_TOKEN \(token_revoked\)\. .+ \(checked just now\)\.$/,
      );
      // A Briefbot that stopped checking in (killed, the machine down) is not taken at its word.
      const later = new Date(Date.now() + 4 * 60_000);
      expect(slackStatusText(running.deps.db.sqlite, later, 'UTC').text).toMatch(
        /^Briefbot has not checked in since 4 min ago \(then: not connected to Slack since .+\), so it is not running, or cannot write to the database\. Start it with: npx briefbot start$/,
      );
    } finally {
      // Stopped during the five-minute wait: no further try, nothing more said.
      await running.stop();
      await slack.close();
    }
    expect(lines).toHaveLength(3);
  });
});
