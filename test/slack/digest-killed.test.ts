import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runDueDigests } from '../../src/briefing/digest-runner.ts';
import { silentLogger } from '../../src/logger.ts';
import { createSlackLogger, createSlackOutbox } from '../../src/slack/adapters.ts';
import { createTestDeps, type TestDeps } from '../helpers/deps.ts';
import {
  channelPosts,
  createFeed,
  createSchedule,
  createTopic,
  digestRuns,
  storeFeedItems,
} from '../helpers/digest.ts';

type Posted = { channel: string; ts: string; threadTs: string | null; marker: string | null; text: string };

/**
 * Slack's Web API as far as a digest run sees it (chat.postMessage, conversations.history and
 * .replies with message metadata), keeping every message it took in. `onPost` may hold the answer back.
 */
async function startSlackStandIn(onPost: (message: Posted, response: ServerResponse) => boolean) {
  const messages: Posted[] = [];
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    request.on('end', () => {
      const form = Object.fromEntries(new URLSearchParams(body));
      const method = request.url?.replace(/^\/api\//, '');
      const answer = (json: unknown) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(json));
      };
      const shown = (message: Posted) => ({
        type: 'message',
        ts: message.ts,
        text: message.text,
        ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
        ...(message.marker
          ? { metadata: { event_type: 'briefbot_post', event_payload: { marker: message.marker } } }
          : {}),
      });
      if (method === 'chat.postMessage') {
        const metadata = form.metadata
          ? (JSON.parse(form.metadata) as { event_payload?: { marker?: string } })
          : null;
        const message: Posted = {
          channel: String(form.channel),
          ts: `${1_700_000_000 + messages.length}.000100`,
          threadTs: form.thread_ts ?? null,
          marker: metadata?.event_payload?.marker ?? null,
          text: String(form.text),
        };
        messages.push(message);
        if (onPost(message, response)) answer({ ok: true, channel: message.channel, ts: message.ts });
        return;
      }
      if (method === 'conversations.history')
        return answer({
          ok: true,
          has_more: false,
          messages: messages
            .filter((m) => m.channel === form.channel && (!m.threadTs || m.threadTs === m.ts))
            .map(shown),
        });
      if (method === 'conversations.replies')
        return answer({
          ok: true,
          has_more: false,
          messages: messages
            .filter((m) => m.channel === form.channel && (m.ts === form.ts || m.threadTs === form.ts))
            .map(shown),
        });
      answer({ ok: false, error: 'unknown_method' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    messages,
    apiUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

let deps: TestDeps;
beforeEach(async () => {
  deps = await createTestDeps({ env: { BRIEFBOT_ADMINS: 'UADMIN01' }, now: '2026-11-01T12:00:00Z' });
  await createTopic(deps, 'pricing', 'pricing OR price*');
  await createTopic(deps, 'outages', 'outage*');
  const feed = await createFeed(deps, { host: 'https://news.example.com', title: 'Example News' });
  await createSchedule(deps, { channelId: 'C0NEWS', timezone: 'UTC', topics: ['pricing', 'outages'] });
  await storeFeedItems(deps, feed, [
    { guid: 'p1', title: 'Acme pricing goes up', comments: 9 },
    { guid: 'p2', title: 'Globex price cut' },
    { guid: 'o1', title: 'Acme outage in the EU region' },
    { guid: 'o2', title: 'Outage report: Acme API down two hours' },
  ]);
  deps.clock.set('2026-11-02T08:00:00Z');
});
afterEach(async () => {
  await deps.cleanup();
});

describe('a Briefbot process killed mid-digest, then started again', () => {
  it('posts each message of the digest exactly once, and no item is missed', async () => {
    let child: ChildProcess | undefined;
    // Slack takes in the first thread message, and the process dies before its answer arrives.
    let killed = false;
    const slack = await startSlackStandIn((message) => {
      if (!message.threadTs || killed) return true;
      killed = true;
      child?.kill('SIGKILL');
      return false;
    });
    try {
      const script = fileURLToPath(new URL('../helpers/digest-run-process.ts', import.meta.url));
      child = spawn(
        process.execPath,
        ['--import', 'tsx', script, deps.config.DATABASE_URL, slack.apiUrl, deps.clock.now().toISOString()],
        { stdio: ['ignore', 'ignore', 'pipe'] },
      );
      let stderr = '';
      child.stderr?.on('data', (chunk: Buffer) => {
        stderr += chunk.toString('utf8');
      });
      const signal = await new Promise((resolve) => child?.on('exit', (_code, killed) => resolve(killed)));
      expect({ signal, stderr }).toEqual({ signal: 'SIGKILL', stderr: '' });
      expect(slack.messages.map((message) => Boolean(message.threadTs))).toEqual([false, true]);
      expect(digestRuns(deps)).toMatchObject([{ status: 'posting' }]);

      // Started again: the dead run is taken over once it has been silent for 2 minutes.
      deps.clock.advance(3 * 60_000);
      const client = new WebClient('xoxb-test', {
        slackApiUrl: slack.apiUrl,
        retryConfig: { retries: 0 },
        logger: createSlackLogger(silentLogger),
      });
      const restarted = { ...deps, outbox: createSlackOutbox(client, { minIntervalMs: 0 }) };
      expect(await runDueDigests(restarted, { owner: 'restarted', catchUpHours: 6 })).toMatchObject([
        { status: 'posted', items: 4 },
      ]);
      const markers = slack.messages.map((message) => message.marker);
      expect(new Set(markers).size).toBe(markers.length);
      expect(slack.messages.filter((message) => !message.threadTs)).toHaveLength(1);
      // Every item of the digest is in a thread message Slack holds, under the one parent.
      const parent = slack.messages[0]?.ts;
      const thread = new Set(slack.messages.filter((m) => m.threadTs === parent).map((m) => m.ts));
      const posts = channelPosts(deps);
      expect(posts).toHaveLength(4);
      for (const post of posts) expect(thread.has(String(post.messageTs))).toBe(true);
      expect(thread.size).toBe(slack.messages.length - 1);
      // In the thread's order: each message named by its first item, as the run laid them out.
      const firstItems = new Map<string, number>();
      for (const post of posts)
        if (!firstItems.has(String(post.messageTs))) firstItems.set(String(post.messageTs), post.itemId);
      expect(slack.messages.slice(1).map((message) => message.marker)).toEqual(
        [...firstItems.values()].map((itemId) => `digest:1:${itemId}`),
      );
      // A third start posts nothing more.
      deps.clock.advance(3 * 60_000);
      expect(await runDueDigests(restarted, { owner: 'third', catchUpHours: 6 })).toEqual([]);
      expect(slack.messages).toHaveLength(thread.size + 1);
    } finally {
      child?.kill('SIGKILL');
      await slack.close();
    }
  }, 60_000);
});
