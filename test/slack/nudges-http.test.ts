import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/clock.ts';
import { storeItems } from '../../src/db/items.ts';
import { responseStats } from '../../src/engage/metrics.ts';
import { nudgeNewItems } from '../../src/engage/nudges.ts';
import type { Running } from '../../src/index.ts';
import { analyzeFeedBody } from '../../src/monitor/analyze.ts';
import { Action, View } from '../../src/slack/ids.ts';
import {
  expectHook,
  type HttpApp,
  hooks,
  interactionBody,
  postToSlack,
  slackApi,
  slashCommandBody,
  startHttpApp,
} from '../helpers/slack-http.ts';

const admin = 'UADMIN01';
const expert = 'USME0001';
const title = 'Customers slam Acme pricing in backlash over price increase';
const replyUrl = 'https://www.linkedin.com/feed/update/urn:li:activity:42/';
let app: HttpApp;
let running: Running;
let unmatched: string[] = [];
const onNoMatch = (request: { method?: string; path?: string; href?: string }) =>
  unmatched.push(`${request.method} ${request.href ?? request.path}`);

beforeAll(async () => {
  app = await startHttpApp(
    {
      BRIEFBOT_ADMINS: admin,
      SOCIAL_POLICY_URL: 'https://intranet.example.com/policy',
      // The app runs on the system clock: quiet hours off, so the test does not depend on the hour.
      NUDGE_QUIET_HOURS: 'none',
    },
    { backgroundJobs: false },
  );
  ({ running } = app);
  // A post pings only the experts in their working hours: the app's clock is a weekday's 10:00 UTC,
  // the first after the system clock (the feed's items stay in its past).
  const morning = new Date();
  morning.setUTCHours(10, 0, 0, 0);
  do morning.setUTCDate(morning.getUTCDate() + 1);
  while ([0, 6].includes(morning.getUTCDay()));
  running.deps.clock = createManualClock(morning.toISOString());
  nock.emitter.on('no match', onNoMatch);
});

afterEach(() => {
  // A Web API call no mock expected (a second post, an extra DM) fails the test that made it.
  const seen = unmatched.filter((request) => !request.startsWith('POST http://127.0.0.1'));
  unmatched = [];
  expect(seen).toEqual([]);
});

afterAll(async () => {
  nock.emitter.removeListener('no match', onNoMatch);
  await app.stop();
});

function post(body: string) {
  return postToSlack(app, body);
}

function interaction(payload: Record<string, unknown>) {
  return post(interactionBody(payload));
}

async function slashCommand(text: string, userId = admin): Promise<Record<string, unknown>> {
  const reply = expectHook('/commands/1');
  const body = slashCommandBody(text, userId, `${hooks}/commands/1`);
  expect((await post(body)).status).toBe(200);
  return reply;
}

/** One Web API call, answered with `response`; resolves with its form body. */
function expectSlack(
  method: string,
  response: Record<string, unknown>,
  match: (body: Record<string, string>) => boolean = () => true,
) {
  return new Promise<Record<string, string>>((resolve) => {
    nock(slackApi)
      .post(`/api/${method}`, (body: Record<string, string>) => match(body))
      .reply(200, (_uri, body) => {
        resolve(Object.fromEntries(new URLSearchParams(String(body))));
        return response;
      });
  });
}

function claimPayload(userId: string, nudgeId: number, ts: string) {
  return {
    type: 'block_actions',
    user: { id: userId, name: 'someone' },
    team: { id: 'T0TEAM' },
    api_app_id: 'A0APP',
    token: 'deprecated',
    container: { type: 'message', message_ts: ts, channel_id: 'C0TALK' },
    channel: { id: 'C0TALK', name: 'talk' },
    message: { type: 'message', ts, text: 'A conversation to join' },
    trigger_id: '1.2.3',
    response_url: `${hooks}/actions/${userId}`,
    actions: [
      {
        type: 'button',
        action_id: Action.NudgeClaim,
        block_id: `nudge_${nudgeId}`,
        value: String(nudgeId),
        action_ts: '1',
      },
    ],
  };
}

function repliedView(userId: string, nudgeId: number, url: string) {
  return {
    type: 'view_submission',
    user: { id: userId, name: 'sam' },
    team: { id: 'T0TEAM' },
    api_app_id: 'A0APP',
    token: 'deprecated',
    trigger_id: '1.2.4',
    view: {
      id: 'V0REPLIED',
      type: 'modal',
      callback_id: View.NudgeReplied,
      private_metadata: String(nudgeId),
      state: { values: { url: { value: { type: 'url_text_input', value: url } } } },
      blocks: [],
    },
  };
}

describe('a nudge from a new item to a recorded reply, through HTTP mode', () => {
  let nudgeId: number;
  const ts = '1700000500.000100';

  it('is set up as a marketer would: a topic with a channel, and an expert on its beat', async () => {
    expect(String((await slashCommand('topics add pricing pricing OR "price increase" -job')).text)).toMatch(
      /^Added topic \*pricing\*/,
    );
    expect(String((await slashCommand('topics set pricing channel=<#C0TALK|talk> threshold=0.5')).text)).toBe(
      'Topic *pricing*: nudges go to <#C0TALK> when an item scores 0.5 or more for controversy.',
    );
    // Putting an expert on a beat reads their profile's time zone, for reminders in their working hours.
    const profile = nock(slackApi)
      .post('/api/users.info', (body: Record<string, string>) => body.user === expert)
      .reply(200, { ok: true, user: { id: expert, tz: 'Europe/London' } });
    expect(String((await slashCommand(`sme add <@${expert}|sam> pricing`)).text)).toBe(
      `<@${expert}> now covers pricing. \`/brief sme list\` shows every beat. Nudges go to: pricing in <#C0TALK>.`,
    );
    expect(profile.isDone()).toBe(true);
    expect(await running.deps.db.prisma.sme.findUniqueOrThrow({ where: { userId: expert } })).toMatchObject({
      timezone: 'Europe/London',
    });
  });

  it('posts the nudge to the topic channel when the minute job finds the new item', async () => {
    const { sqlite, prisma } = running.deps.db;
    const feedId = Number(
      sqlite
        .prepare(
          "INSERT INTO feeds (url, title, kind, next_poll_at, created_at, updated_at) VALUES ('https://news.example.com/rss', 'Example News', 'news', ?, 0, 0)",
        )
        .run(Date.now() + 86_400_000).lastInsertRowid,
    );
    const topics = await prisma.topic.findMany({ select: { id: true, query: true } });
    const feed = await analyzeFeedBody(
      `<rss version="2.0"><channel><title>Example News</title><item><guid>p1</guid><title>${title}</title><link>https://news.example.com/p1</link><pubDate>${new Date().toUTCString()}</pubDate><description>Customers say the price increase is unfair.</description></item></channel></rss>`,
      'https://news.example.com/rss',
      topics,
    );
    const stored = sqlite.transaction(() =>
      storeItems(sqlite, feed.items, { feedId, backlog: false, now: new Date() }),
    )();
    const posted = expectSlack('chat.postMessage', { ok: true, channel: 'C0TALK', ts });
    const created = await nudgeNewItems(running.deps, stored.inserted);
    expect(created).toHaveLength(1);
    nudgeId = created[0] as number;
    const body = await posted;
    expect(body.channel).toBe('C0TALK');
    expect(body.text).toBe(`A conversation to join on pricing: ${title} (Example News)`);
    const blocks = JSON.parse(body.blocks ?? '[]');
    expect(JSON.stringify(blocks)).toContain(`<@${expert}>`);
    expect(JSON.stringify(blocks)).toContain('<https://intranet.example.com/policy|social media policy>');
    const claim = blocks
      .flatMap((block: { elements?: Array<{ action_id?: string; value?: string }> }) => block.elements ?? [])
      .find((element: { action_id?: string }) => element.action_id === Action.NudgeClaim);
    expect(claim?.value).toBe(String(nudgeId));
    expect(await prisma.nudge.findUniqueOrThrow({ where: { id: nudgeId } })).toMatchObject({
      messageTs: ts,
      state: 'open',
    });
  });

  it('Claim: chat.update of that message for everyone, and a DM to the claimant', async () => {
    const updated = expectSlack('chat.update', { ok: true, channel: 'C0TALK', ts });
    const opened = expectSlack('conversations.open', { ok: true, channel: { id: 'D0SAM' } });
    const dm = expectSlack('chat.postMessage', { ok: true, channel: 'D0SAM', ts: '1700000600.000100' });
    const response = await interaction(claimPayload(expert, nudgeId, ts));
    expect(response.status).toBe(200);
    const update = await updated;
    expect([update.channel, update.ts]).toEqual(['C0TALK', ts]);
    expect(update.blocks).toContain(`Claimed by <@${expert}>, who will reply.`);
    expect(update.blocks).not.toContain(Action.NudgeClaim);
    expect((await opened).users).toBe(expert);
    const direct = await dm;
    expect(direct.channel).toBe('D0SAM');
    expect(direct.blocks).toContain(Action.NudgeMarkReplied);
    expect(direct.blocks).toContain(Action.NudgeRelease);
  });

  it('a second presser is told, through the response URL, who has it', async () => {
    // A second expert on the beat: a non-expert would be told who can claim instead.
    const { prisma } = running.deps.db;
    const topic = await prisma.topic.findUniqueOrThrow({ where: { name: 'pricing' } });
    await prisma.sme.create({ data: { userId: 'USME0002', beats: { create: { topicId: topic.id } } } });
    const told = expectHook('/actions/USME0002');
    expect((await interaction(claimPayload('USME0002', nudgeId, ts))).status).toBe(200);
    const reply = await told;
    expect(reply).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(String(reply.text)).toMatch(new RegExp(`^Already claimed by <@${expert}>\\.`));
  });

  it('Mark replied with a bad link: the modal shows a field error, nothing is called', async () => {
    const response = await interaction(repliedView(expert, nudgeId, 'javascript:alert(1)'));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      response_action: 'errors',
      errors: { url: 'Paste the link to your reply, starting with https://' },
    });
    expect((await running.deps.db.prisma.nudge.findUniqueOrThrow({ where: { id: nudgeId } })).state).toBe(
      'claimed',
    );
  });

  it('Mark replied with the link: the nudge is replied, the message updated again, the metrics count it', async () => {
    const updated = expectSlack(
      'chat.update',
      { ok: true, channel: 'C0TALK', ts },
      (body) => body.channel === 'C0TALK',
    );
    // The claimant's DM closes: its Mark replied and Release are done with.
    const closed = expectSlack(
      'chat.update',
      { ok: true, channel: 'D0SAM' },
      (body) => body.channel !== 'C0TALK',
    );
    const thanked = expectSlack('chat.postMessage', { ok: true, channel: 'D0SAM', ts: '1700000700.000100' });
    const response = await interaction(repliedView(expert, nudgeId, replyUrl));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
    const update = await updated;
    expect(update.ts).toBe(ts);
    expect(update.blocks).toContain(`<@${expert}> replied: <${replyUrl}|their reply on linkedin.com>`);
    const dm = await closed;
    expect(dm.blocks).toContain(`You replied: ${replyUrl}.`);
    expect(dm.blocks).not.toContain(Action.NudgeMarkReplied);
    expect((await thanked).text).toBe(
      `Thank you: your reply is recorded (${replyUrl}). A wrong link? Send \`/brief nudge replied ${nudgeId} &lt;link to your reply | how you replied&gt;\`.`,
    );
    expect(await running.deps.db.prisma.nudge.findUniqueOrThrow({ where: { id: nudgeId } })).toMatchObject({
      state: 'replied',
      claimantId: expert,
      replyUrl,
    });
    const stats = responseStats(running.deps, 7);
    expect(stats.overall).toMatchObject({ nudges: 1, claimed: 1, replied: 1 });
    expect(stats.bySme.map((row) => [row.label, row.replied])).toEqual([[expert, 1]]);
    expect(String((await slashCommand('stats 7d')).text)).toMatch(
      /^Responses, last 7 days: 1 conversation · 1 claimed · 1 replied \(100% of the 1 that needed one\) · claim in \d+ min · reply in \d+ min$/,
    );
  });
});
