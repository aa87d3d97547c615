import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { startSlackBriefbot } from '../../src/index.ts';
import { SlackSetupError } from '../../src/slack/connect.ts';
import { slackApi } from '../helpers/slack-http.ts';

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
