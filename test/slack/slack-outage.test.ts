import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendDueDeliveries } from '../../src/deliveries.ts';
import type { Running } from '../../src/index.ts';
import { message, section } from '../../src/slack/blocks/common.ts';
import { undeliveredReplyMessage } from '../../src/slack/blocks/replies.ts';
import {
  answerHistory,
  blockActionsBody,
  expectHook,
  type HttpApp,
  hooks,
  postToSlack,
  sign,
  slackApi,
  slashCommandBody,
  startHttpApp,
  watchUnmatched,
} from '../helpers/slack-http.ts';

let app: HttpApp;
let running: Running;

beforeAll(async () => {
  app = await startHttpApp({ BRIEFBOT_ADMINS: 'UADMIN01,UADMIN02,UADMIN03,UADMIN04' });
  ({ running } = app);
});

afterAll(async () => {
  await app.stop();
});

/** `/brief <text>` as Slack posts it; its reply goes to the response URL /commands/<hook>. */
async function slashCommand(text: string, userId: string, hook: string): Promise<void> {
  const body = slashCommandBody(text, userId, `${hooks}/commands/${hook}`);
  expect((await postToSlack(app, body, sign(body))).status).toBe(200);
}

/** Resolves with the chat.postMessage Briefbot sends (a DM once conversations.open gave `dm`). */
function expectPost(): Promise<Record<string, string>> {
  return new Promise((resolve) => {
    nock(slackApi)
      .post('/api/chat.postMessage')
      .reply(200, (_uri, body) => {
        resolve(Object.fromEntries(new URLSearchParams(String(body))));
        return { ok: true, ts: '2.0' };
      });
  });
}

/** What `/brief status` says to an admin now. */
async function statusText(hook: string): Promise<string> {
  const reply = expectHook(`/commands/${hook}`);
  await slashCommand('status', 'UADMIN01', hook);
  return String((await reply).text);
}

function sentReplies(): number {
  return Number(
    running.deps.db.sqlite
      .prepare("SELECT COUNT(*) FROM deliveries WHERE kind = 'reply' AND sent_at IS NOT NULL")
      .pluck()
      .get(),
  );
}

describe('an answer while Slack is having trouble', () => {
  it('tries a response URL that answers 429 again, and the answer arrives once, in place', async () => {
    const unmatched = watchUnmatched();
    nock(hooks).post('/commands/limited').reply(429, 'rate limited', { 'retry-after': '1' });
    const reply = expectHook('/commands/limited');
    await slashCommand('help', 'UADMIN01', 'limited');
    expect(String((await reply).text)).toMatch(/^Briefbot help/);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(unmatched.stop().filter((call) => call.includes('/api/'))).toEqual([]);
    expect(sentReplies()).toBe(0);
  });

  it('sends an answer the response URL keeps refusing (500) as a DM, once, saying what it answers; /brief status counts it', async () => {
    nock(hooks).post('/commands/storm').times(3).reply(500, 'internal error');
    nock(slackApi)
      .post('/api/conversations.open')
      .reply(200, { ok: true, channel: { id: 'D0ADMIN02' } });
    const dm = expectPost();
    await slashCommand('help', 'UADMIN02', 'storm');
    const posted = await dm;
    expect(posted.channel).toBe('D0ADMIN02');
    expect(String(posted.text)).toMatch(
      /^\/brief help: Slack could not show this answer when it was ready, so here it is\. Briefbot help/,
    );
    const blocks = JSON.parse(String(posted.blocks)) as Array<{
      type: string;
      elements?: Array<{ text: string }>;
    }>;
    expect(blocks[0]?.elements?.[0]?.text).toMatch(
      /^:warning: Slack could not show this answer when it was ready, so here it is: `\/brief help` in <#C0CHANNEL>, <!date\^\d+\^\{date_short_pretty\} at \{time\}\|\d{4}-\d\d-\d\d \d\d:\d\d UTC>\.$/,
    );
    expect(JSON.stringify(blocks.slice(1))).toMatch(/`\/brief status` — at a glance/);
    await expect.poll(sentReplies).toBe(1);
    expect(await statusText('status-1')).toMatch(
      /\nMessages Slack would not take in the past day: 1 \(1 sent late\)\.\n/,
    );
  });

  it('keeps the answer owed while the Web API is down too, and sends it once when Slack answers again', async () => {
    nock(hooks).post('/commands/down').times(3).replyWithError({ code: 'ECONNRESET' });
    nock(slackApi).post('/api/conversations.open').reply(503, 'down');
    const owed = new Promise<void>((resolve) => {
      const check = () =>
        running.deps.db.sqlite
          .prepare(
            "SELECT COUNT(*) FROM deliveries WHERE kind = 'reply' AND recipient = 'UADMIN03' AND attempts = 1",
          )
          .pluck()
          .get()
          ? resolve()
          : setTimeout(check, 20);
      check();
    });
    await slashCommand('help', 'UADMIN03', 'down');
    await owed;
    expect(await statusText('status-2')).toMatch(
      /\nMessages Slack would not take in the past day: 2 \(1 sent late, 1 still owed, next try \w{3} \d+ \w{3} \d\d:\d\d UTC\)\.\n/,
    );
    // The background cycle a minute on: Slack answers, and the DM goes out once. Its DM could not
    // even be opened before, so nothing of it can be in Slack: it is posted without a look (no
    // conversations.history is answered here).
    nock(slackApi)
      .post('/api/conversations.open')
      .reply(200, { ok: true, channel: { id: 'D0ADMIN03' } });
    const dm = expectPost();
    const later = { ...running.deps, clock: { now: () => new Date(Date.now() + 2 * 60_000) } };
    expect(await sendDueDeliveries(later)).toBe(1);
    expect((await dm).channel).toBe('D0ADMIN03');
    expect(await sendDueDeliveries(later)).toBe(0);
    expect(await statusText('status-3')).toMatch(
      /\nMessages Slack would not take in the past day: 2 \(2 sent late\)\.\n/,
    );
  });

  it("keeps an App Home question's answer owed when Slack refuses the DM (500), and sends it once Slack takes it", async () => {
    const unmatched = watchUnmatched();
    nock(slackApi)
      .post('/api/conversations.open')
      .reply(200, { ok: true, channel: { id: 'D0ADMIN04' } });
    // Started with `retries: 0`: the app's Web API client tries the 500 once, and the answer is owed.
    nock(slackApi).post('/api/chat.postMessage').reply(500, 'internal error');
    const body = blockActionsBody('UADMIN04', {
      container: { type: 'view', view_id: 'V0HOME' },
      view: { id: 'V0HOME', type: 'home', blocks: [] },
      trigger_id: '1.2.4',
      actions: [
        {
          type: 'plain_text_input',
          action_id: 'home_ask',
          block_id: 'home_ask',
          value: 'help',
          action_ts: '1',
        },
      ],
    });
    expect((await postToSlack(app, body, sign(body))).status).toBe(200);
    const { sqlite } = running.deps.db;
    const owed = () =>
      Number(
        sqlite
          .prepare(
            "SELECT COUNT(*) FROM deliveries WHERE recipient = 'UADMIN04' AND attempts = 1 AND due_at IS NOT NULL",
          )
          .pluck()
          .get(),
      );
    await expect.poll(owed, { timeout: 10_000 }).toBe(1);
    // The client's own retries (500 ms, 1 s, 2 s on) would land here, on no scope; only Home's
    // redraw (saying the reply is on its way) goes out, after a look-up of the viewer's time zone.
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(
      unmatched.stop().filter((call) => call.includes('/api/') && !call.endsWith('/api/users.info')),
    ).toEqual(['POST /api/views.publish']);
    // The 500 may have come after Slack took the DM in: the next try reads the DM first, and posts
    // only as it is not there.
    const reads: Array<Record<string, string>> = [];
    answerHistory('conversations.history', [], { reads });
    const dm = expectPost();
    const later = { ...running.deps, clock: { now: () => new Date(Date.now() + 2 * 60_000) } };
    expect(await sendDueDeliveries(later)).toBe(1);
    expect(reads.map((read) => read.channel)).toEqual(['D0ADMIN04']);
    const posted = await dm;
    expect(posted.channel).toBe('D0ADMIN04');
    expect(posted.text).toMatch(/^Briefbot help/);
    expect(await sendDueDeliveries(later)).toBe(0);
  });
});

describe('the DM of an answer Slack could not show', () => {
  const reply = message('Briefbot help', [
    section('*Help*'),
    ...Array.from({ length: 49 }, (_, index) => section(`line ${index}`)),
  ]);

  it('says what it answers, escaped, keeps within 50 blocks, and names a channel but not a DM', () => {
    const at = new Date('2026-11-24T14:05:00Z');
    const inChannel = undeliveredReplyMessage(reply, { text: 'pricing <b> & co', channelId: 'C0EXEC', at });
    expect(inChannel.blocks).toHaveLength(50);
    expect(inChannel.blocks[0]).toEqual({
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: ':warning: Slack could not show this answer when it was ready, so here it is: `/brief pricing &lt;b&gt; &amp; co` in <#C0EXEC>, <!date^1795529100^{date_short_pretty} at {time}|2026-11-24 14:05 UTC>.',
        },
      ],
    });
    expect(inChannel.blocks[1]).toEqual(section('*Help*'));
    const inDm = undeliveredReplyMessage(reply, { text: 'help', channelId: 'D0DM', at });
    expect(JSON.stringify(inDm.blocks[0])).toContain('`/brief help`, <!date^');
    // A Share that did not reach the channel says so, and where to share it again.
    const share = undeliveredReplyMessage(reply, {
      text: 'share pricing',
      channelId: 'C0EXEC',
      at,
      shared: true,
    });
    expect(share.text).toMatch(
      /^\/brief share pricing: Slack could not post this answer in <#C0EXEC> when it was ready, so it was not shared; here it is, to share again there\. Briefbot help/,
    );
  });
});
