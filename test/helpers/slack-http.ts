import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebClient } from '@slack/web-api';
import nock from 'nock';
import { loadConfig } from '../../src/config.ts';
import { type Running, startSlackBriefbot } from '../../src/index.ts';
import { silentLogger } from '../../src/logger.ts';
import type { Outbox } from '../../src/outbox.ts';
import { createSlackLogger, createSlackOutbox } from '../../src/slack/adapters.ts';

export const signingSecret = 'test-signing-secret';
/** SLACK_API_URL of the app under test: its Web API calls land on nock scopes here. */
export const slackApi = 'https://slack.test';
/** Where response URLs point. */
export const hooks = 'https://hooks.slack.test';

export type HttpApp = { running: Running; base: string; stop(): Promise<void> };

/**
 * The Slack app in HTTP mode on a free port, with its own database, as `npm start` runs it. A test
 * that runs the minute job itself on a manual clock passes `backgroundJobs: false`: the wall clock's
 * minute tick would otherwise run it too, on that clock, and could post what the test awaits.
 */
export async function startHttpApp(
  env: Record<string, string>,
  options: { backgroundJobs?: boolean } = {},
): Promise<HttpApp> {
  const dir = mkdtempSync(join(tmpdir(), 'briefbot-http-'));
  nock(slackApi).persist().post('/api/auth.test').reply(200, {
    ok: true,
    user_id: 'UBOT',
    bot_id: 'B0BOT',
    team_id: 'T0TEAM',
    url: 'https://example.slack.com/',
  });
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: signingSecret,
    SLACK_MODE: 'http',
    SLACK_API_URL: `${slackApi}/api/`,
    DATABASE_URL: `file:${join(dir, 'http.db')}`,
    LOG_LEVEL: 'silent',
    ...env,
  });
  const running = await startSlackBriefbot(config, { port: 0, retries: 0, ...options });
  return {
    running,
    base: `http://127.0.0.1:${running.port}`,
    async stop() {
      await running.stop();
      nock.cleanAll();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Slack's request signature headers for `body`. */
export function sign(body: string, timestamp = Math.floor(Date.now() / 1000), secret = signingSecret) {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return { 'x-slack-signature': signature, 'x-slack-request-timestamp': String(timestamp) };
}

/** A /brief slash command's form body, as Slack sends it. */
export function slashCommandBody(text: string, userId: string, responseUrl: string): string {
  return new URLSearchParams({
    token: 'deprecated',
    team_id: 'T0TEAM',
    team_domain: 'example',
    channel_id: 'C0CHANNEL',
    channel_name: 'general',
    user_id: userId,
    user_name: 'tester',
    command: '/brief',
    text,
    api_app_id: 'A0APP',
    response_url: responseUrl,
    trigger_id: '1.2.3',
  }).toString();
}

/** POSTs `body` to the app's /slack/events as Slack does: signed, unless other headers are given. */
export function postToSlack(
  app: HttpApp,
  body: string,
  headers: Record<string, string> = sign(body),
  contentType = 'application/x-www-form-urlencoded',
): Promise<Response> {
  return fetch(`${app.base}/slack/events`, {
    method: 'POST',
    body,
    headers: { 'content-type': contentType, ...headers },
  });
}

/** The form body of an interactive payload (a button press, a shortcut, a view submission). */
export function interactionBody(payload: Record<string, unknown>): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** An interactive payload (its `type` and what it says) from `userId` in the test workspace, as a form body. */
export function interactionFrom(userId: string, payload: Record<string, unknown>): string {
  return interactionBody({
    user: { id: userId, name: userId.toLowerCase() },
    team: { id: 'T0TEAM' },
    api_app_id: 'A0APP',
    token: 'deprecated',
    ...payload,
  });
}

/**
 * A block action (a button press, a Home question) by `userId` in the test workspace, as a form
 * body; `payload` says where it was pressed and what.
 */
export function blockActionsBody(userId: string, payload: Record<string, unknown>): string {
  return interactionFrom(userId, { type: 'block_actions', ...payload });
}

/** A conversation's button (`actionId`) pressed by `userId` on App Home: a view, so no channel and no response URL. */
export function homeButtonBody(userId: string, actionId: string, nudgeId: number): string {
  return blockActionsBody(userId, {
    container: { type: 'view', view_id: 'V0HOME' },
    view: { id: 'V0HOME', type: 'home' },
    trigger_id: '7.7.7',
    actions: [
      {
        type: 'button',
        action_id: actionId,
        block_id: `home_nudge_${nudgeId}`,
        value: String(nudgeId),
        action_ts: '1',
      },
    ],
  });
}

/** The Events API body of `userId` opening the app's Home tab (JSON: post it as application/json). */
export function homeOpenedBody(userId: string, eventId: string): string {
  return JSON.stringify({
    token: 'deprecated',
    team_id: 'T0TEAM',
    api_app_id: 'A0APP',
    type: 'event_callback',
    event_id: eventId,
    event_time: 1,
    event: { type: 'app_home_opened', user: userId, channel: 'D0DM', tab: 'home', event_ts: '1.0' },
  });
}

/** Resolves with the reply Briefbot sends to the response URL at `path`. */
export function expectHook(path: string): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    nock(hooks)
      .post(path)
      .reply(200, (_uri, body) => {
        resolve(body as Record<string, unknown>);
        return { ok: true };
      });
  });
}

/**
 * The real Slack outbox, its Web API calls on `slackApi` (nock them), retries and pacing off.
 * `rejectRateLimitedCalls`: a 429 fails at once with its Retry-After, instead of the client waiting it out.
 */
export function createNockedOutbox(options: { rejectRateLimitedCalls?: boolean } = {}): Outbox {
  return createSlackOutbox(
    new WebClient('xoxb-test-token', {
      slackApiUrl: `${slackApi}/api/`,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: options.rejectRateLimitedCalls ?? false,
      logger: createSlackLogger(silentLogger),
    }),
    { minIntervalMs: 0 },
  );
}

/** Records the Slack Web API calls no nock scope expected; `stop()` returns them. */
export function watchUnmatched(): { stop(): string[] } {
  const seen: string[] = [];
  const onNoMatch = (request: { method?: string; path?: string }) =>
    seen.push(`${request.method} ${request.path}`);
  nock.emitter.on('no match', onNoMatch);
  return {
    stop() {
      nock.emitter.removeListener('no match', onNoMatch);
      return seen;
    },
  };
}

/**
 * A Web API call the app made, as `answerSlackApi` recorded it: the method, its form fields, and
 * the ts Slack's answer gives a message it posts.
 */
export type SlackCall = { method: string; body: Record<string, string>; ts: string };

/**
 * Every Web API call the app makes from now, answered as Slack would and pushed onto `calls`, in
 * order (the setup's afterEach removes the scope). `answer` may answer a method its own way first
 * (return undefined to keep Slack's usual answer). `optionally`: a test that makes no call passes.
 */
export function answerSlackApi(
  calls: SlackCall[],
  answer?: (call: SlackCall) => object | undefined,
  { optionally = false }: { optionally?: boolean } = {},
): void {
  let ts = 1_700_000_000;
  nock(slackApi)
    .persist()
    .post(/^\/api\/(?!auth\.test)/)
    .optionally(optionally)
    .reply(200, (uri, body) => {
      ts += 1;
      const call = {
        method: uri.replace('/api/', ''),
        body: Object.fromEntries(new URLSearchParams(String(body))),
        ts: `${ts}.000100`,
      };
      calls.push(call);
      const own = answer?.(call);
      if (own) return own;
      const { method, body: form } = call;
      if (method === 'conversations.open') return { ok: true, channel: { id: `D${form.users}` } };
      if (method === 'users.info') return { ok: true, user: { id: form.user, tz: 'UTC', is_admin: false } };
      if (method === 'chat.postMessage') return { ok: true, channel: form.channel, ts: call.ts };
      return { ok: true };
    });
}

/** Resolves with what `probe` finds once it finds something (Bolt answers after its ack); fails after 20 s. */
export async function waitFor<T>(probe: () => T | undefined, what: string): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const found = probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`no ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** What response URLs were sent, by path, in order. */
export type HookReplies = Map<string, Record<string, unknown>[]>;

/**
 * Every message sent to a response URL from now on, kept in `replies` by path (the setup's
 * afterEach removes the scope; a test that sends none passes).
 */
export function recordHookReplies(replies: HookReplies): void {
  nock(hooks)
    .persist()
    .post(/.*/)
    .optionally()
    .reply(200, (uri, body) => {
      replies.set(uri, [...(replies.get(uri) ?? []), body as Record<string, unknown>]);
      return { ok: true };
    });
}

/** Every message sent to the response URL at `path` from now on, in order (the setup's afterEach removes the scope). */
export function hookRepliesAt<T = Record<string, unknown>>(path: string): T[] {
  const replies: T[] = [];
  nock(hooks)
    .persist()
    .post(path)
    .reply(200, (_uri, body) => {
      replies.push(body as T);
      return { ok: true };
    });
  return replies;
}

/** The slash command's reply at `path` once it comes: its last message, past the "Looking at…" one. */
export function commandReplyAt(
  replies: HookReplies,
  path: string,
  what: string,
): Promise<Record<string, unknown>> {
  return waitFor(() => {
    const last = replies.get(path)?.at(-1);
    return last && !/^Looking at/.test(String(last.text)) ? last : undefined;
  }, what);
}

/** A message as conversations.history or conversations.replies gives it, posted under `marker`. */
export function markedMessage(ts: string, marker: string): Record<string, unknown> {
  return { type: 'message', ts, metadata: { event_type: 'briefbot_post', event_payload: { marker } } };
}

/** The marker a chat.postMessage form named its post by (its metadata), or undefined. */
export function markerOf(form: Record<string, string> | undefined): string | undefined {
  const metadata = JSON.parse(form?.metadata ?? '{}') as { event_payload?: { marker?: string } };
  return metadata.event_payload?.marker;
}

/** Slack's answer to the next `times` conversations.open: each user's DM, as `dmOf` names it (D<user id>). */
export function answerDmOpens(times: number, dmOf: (user: string) => string = (user) => `D${user}`): void {
  nock(slackApi)
    .post('/api/conversations.open')
    .times(times)
    .reply(200, (_uri, body) => ({
      ok: true,
      channel: { id: dmOf(new URLSearchParams(String(body)).get('users') ?? '') },
    }));
}

/**
 * Slack's answer to the next `times` reads of a conversation's history or a thread's replies:
 * `messages` (a function: read when asked), each read's form pushed onto `reads`.
 */
export function answerHistory(
  method: 'conversations.history' | 'conversations.replies',
  messages: Array<Record<string, unknown>> | (() => Array<Record<string, unknown>>),
  options: { reads?: Array<Record<string, string>>; times?: number; channel?: RegExp } = {},
): void {
  nock(slackApi)
    .post(`/api/${method}`, options.channel ?? /.*/)
    .times(options.times ?? 1)
    .reply(200, (_uri, body) => {
      options.reads?.push(Object.fromEntries(new URLSearchParams(String(body))));
      return { ok: true, messages: typeof messages === 'function' ? messages() : messages };
    });
}
