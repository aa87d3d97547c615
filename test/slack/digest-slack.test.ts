import type { KnownBlock } from '@slack/types';
import { WebClient } from '@slack/web-api';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DigestItem, inThreadOrder } from '../../src/briefing/digest.ts';
import { runDueDigests } from '../../src/briefing/digest-runner.ts';
import { FeedbackKind } from '../../src/briefing/feedback.ts';
import { follow } from '../../src/briefing/schedules.ts';
import { runCommand } from '../../src/commands/index.ts';
import { silentLogger } from '../../src/logger.ts';
import { PostError } from '../../src/outbox.ts';
import { createSlackLogger, createSlackOutbox } from '../../src/slack/adapters.ts';
import { limits } from '../../src/slack/blocks/common.ts';
import { digestParentMessage, digestThreadMessages, quietDayMessage } from '../../src/slack/blocks/digest.ts';
import { Action, View } from '../../src/slack/ids.ts';
import { createBriefCommandHandler } from '../../src/slack/listeners/brief-command.ts';
import { createDigestAddViewHandler, readDigestForm } from '../../src/slack/listeners/digest-add-view.ts';
import { createDigestFeedbackHandler } from '../../src/slack/listeners/digest-feedback.ts';
import { createTestDeps, type TestDeps } from '../helpers/deps.ts';
import {
  channelPosts,
  createFeed,
  createSchedule,
  createTopic,
  digestRuns,
  type FeedItem,
  itemIdsIn,
  storeFeedItems,
} from '../helpers/digest.ts';
import { commandArgs, createRecorder, digestButtonArgs, viewSubmissionArgs } from '../helpers/slack.ts';

const admin = 'UADMIN01';
const member = 'UMEMBER1';
let deps: TestDeps;
let newsFeed: number;

beforeEach(async () => {
  deps = await createTestDeps({ env: { BRIEFBOT_ADMINS: admin }, now: '2026-11-01T00:00:00Z' });
  await createTopic(deps, 'pricing', 'pricing OR price*');
  await createTopic(deps, 'outages', 'outage*');
  newsFeed = await createFeed(deps, { host: 'https://news.example.com', title: 'Example News' });
});
afterEach(async () => {
  await deps.cleanup();
});

async function storeAt(when: string, feedId: number, items: FeedItem[]) {
  deps.clock.set(when);
  return storeFeedItems(deps, feedId, items);
}

const run = () => runDueDigests(deps, { owner: 'test', catchUpHours: 6 });

describe('posting through the Slack Web API', () => {
  const api = 'https://slack.test';
  type Call = { method: string; status: number; body: Record<string, string> };
  let calls: Call[];
  let unmatched: string[];
  const onNoMatch = (request: { path?: string }) => unmatched.push(String(request.path));

  beforeEach(async () => {
    calls = [];
    unmatched = [];
    nock.emitter.on('no match', onNoMatch);
    deps.outbox = createSlackOutbox(slackClient(), { minIntervalMs: 0 });
    await createSchedule(deps, { channelId: 'C0NEWS', timezone: 'UTC', topics: ['pricing'] });
    await storeAt('2026-11-01T12:00:00Z', newsFeed, [
      { guid: 'p1', title: 'Acme pricing goes up', comments: 9 },
      { guid: 'p2', title: 'Globex price cut' },
    ]);
    deps.clock.set('2026-11-02T08:00:00Z');
  });
  afterEach(() => {
    nock.emitter.removeListener('no match', onNoMatch);
    // A request no mock expected (a second DM, a repeated post) fails the test here.
    expect(unmatched).toEqual([]);
  });

  function slackClient(): WebClient {
    return new WebClient('xoxb-test', {
      slackApiUrl: `${api}/api/`,
      retryConfig: { retries: 2, minTimeout: 10, maxTimeout: 50 },
      logger: createSlackLogger(silentLogger),
    });
  }

  /** Expects one call of a Web API method whose form body passes `match`, and answers it. */
  function expectCall(
    method: string,
    match: (body: Record<string, string>) => boolean,
    status: number,
    response: Record<string, unknown> | string,
    headers: Record<string, string> = {},
  ) {
    nock(api)
      .post(`/api/${method}`, match)
      .reply(
        status,
        (_uri, body) => {
          calls.push({ method, status, body: Object.fromEntries(new URLSearchParams(String(body))) });
          return response;
        },
        headers,
      );
  }
  const toNews = (body: Record<string, string>) => body.channel === 'C0NEWS' && !body.thread_ts;
  const inThread = (ts: string) => (body: Record<string, string>) =>
    body.channel === 'C0NEWS' && body.thread_ts === ts;
  const ok = (ts: string, channel = 'C0NEWS') => ({ ok: true, channel, ts });
  const succeeded = (method: string) =>
    calls.filter((call) => call.method === method && call.status === 200 && !('error' in call.body));

  it('posts the parent, then the thread under it, with text fallbacks and blocks', async () => {
    expectCall('chat.postMessage', toNews, 200, ok('1700000100.000100'));
    expectCall('chat.postMessage', inThread('1700000100.000100'), 200, ok('1700000101.000100'));
    expect(await run()).toMatchObject([{ status: 'posted', items: 2 }]);
    const [parent, thread] = calls;
    expect(parent?.body.text).toMatch(/^Digest: pricing: 2 new since Sun 1 Nov 08:00 UTC\./);
    expect(JSON.parse(parent?.body.blocks ?? '[]').length).toBeGreaterThan(0);
    expect(thread?.body.text).toBe('pricing: Acme pricing goes up · Globex price cut');
    expect(channelPosts(deps).map((post) => post.messageTs)).toEqual([
      '1700000101.000100',
      '1700000101.000100',
    ]);
    expect(digestRuns(deps)).toMatchObject([{ status: 'posted', parentTs: '1700000100.000100' }]);
  });

  it('a personal digest opens the DM first', async () => {
    await deps.db.prisma.digestSchedule.deleteMany();
    deps.clock.set('2026-11-01T13:00:00Z');
    await follow(deps, member, 'pricing', {
      cadence: 'daily',
      weekday: null,
      timeOfDay: '08:00',
      timezone: 'UTC',
    });
    deps.clock.set('2026-11-02T08:00:00Z');
    expectCall('conversations.open', (body) => body.users === member, 200, {
      ok: true,
      channel: { id: 'D0DM' },
    });
    expectCall(
      'chat.postMessage',
      (body) => body.channel === 'D0DM' && !body.thread_ts,
      200,
      ok('5.1', 'D0DM'),
    );
    expectCall(
      'chat.postMessage',
      (body) => body.channel === 'D0DM' && body.thread_ts === '5.1',
      200,
      ok('5.2', 'D0DM'),
    );
    expect(await run()).toMatchObject([{ status: 'posted', items: 2 }]);
    expect(calls[1]?.body.text).toMatch(/^Your pricing digest/);
  });

  it('waits out a 429 with Retry-After, then posts once', async () => {
    expectCall('chat.postMessage', toNews, 429, { ok: false, error: 'ratelimited' }, { 'Retry-After': '1' });
    expectCall('chat.postMessage', toNews, 200, ok('1.1'));
    expectCall('chat.postMessage', inThread('1.1'), 200, ok('1.2'));
    const started = performance.now();
    expect(await run()).toMatchObject([{ status: 'posted', items: 2 }]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(1000);
    expect(succeeded('chat.postMessage').filter((call) => !call.body.thread_ts)).toHaveLength(1);
    expect(calls.map((call) => call.status)).toEqual([429, 200, 200]);
  });

  it('retries a 500, then posts', async () => {
    expectCall('chat.postMessage', toNews, 500, 'upstream error');
    expectCall('chat.postMessage', toNews, 200, ok('1.1'));
    expectCall('chat.postMessage', inThread('1.1'), 200, ok('1.2'));
    expect(await run()).toMatchObject([{ status: 'posted', items: 2 }]);
    expect(calls.map((call) => call.status)).toEqual([500, 200, 200]);
    expect(channelPosts(deps).every((post) => post.messageTs === '1.2')).toBe(true);
  });

  /** Briefbot's own post as conversations.history and .replies return it, with its marker. */
  const marked = (ts: string, marker: string) => ({
    type: 'message',
    ts,
    bot_id: 'B0BOT',
    text: 'digest',
    metadata: { event_type: 'briefbot_post', event_payload: { marker } },
  });
  const history = (messages: unknown[]) => ({ ok: true, messages, has_more: false });
  const readsNews = (body: Record<string, string>) =>
    body.channel === 'C0NEWS' && body.include_all_metadata === 'true';

  it('a 500 that lasts is transient: the run stays open, and resumes after looking in the channel', async () => {
    for (let attempt = 0; attempt < 3; attempt++) expectCall('chat.postMessage', toNews, 500, 'down');
    expect(await run()).toMatchObject([{ status: 'posting', error: 'http_500' }]);
    expect(digestRuns(deps)).toMatchObject([{ status: 'posting', parentTs: null }]);
    // Each attempt names the post, so a later look can recognise it.
    expect(JSON.parse(calls[0]?.body.metadata ?? '{}')).toEqual({
      event_type: 'briefbot_post',
      event_payload: { marker: 'digest:1' },
    });
    deps.clock.advance(3 * 60_000);
    // Someone else's message, and none of Briefbot's: the parent did not go out.
    expectCall(
      'conversations.history',
      readsNews,
      200,
      history([{ type: 'message', ts: '0.9', text: 'hi' }]),
    );
    expectCall('chat.postMessage', toNews, 200, ok('1.1'));
    expectCall('chat.postMessage', inThread('1.1'), 200, ok('1.2'));
    expect(await run()).toMatchObject([{ status: 'posted', items: 2 }]);
    expect(calls.find((call) => call.method === 'conversations.history')?.body.oldest).toBe(
      (Date.parse('2026-11-02T08:00:00Z') / 1000).toFixed(6),
    );
    expect(succeeded('chat.postMessage')).toHaveLength(2);
  });

  it('a parent Slack took in but whose answer was lost is found in the channel, not posted twice', async () => {
    for (let attempt = 0; attempt < 3; attempt++) expectCall('chat.postMessage', toNews, 500, 'down');
    expect(await run()).toMatchObject([{ status: 'posting' }]);
    deps.clock.advance(3 * 60_000);
    expectCall('conversations.history', readsNews, 200, history([marked('1.1', 'digest:1')]));
    // The thread is read too (the parent has no replies yet), then its message is posted.
    expectCall(
      'conversations.replies',
      (body) => readsNews(body) && body.ts === '1.1',
      200,
      history([marked('1.1', 'digest:1')]),
    );
    expectCall('chat.postMessage', inThread('1.1'), 200, ok('1.2'));
    expect(await run()).toMatchObject([{ status: 'posted', items: 2 }]);
    expect(succeeded('chat.postMessage').filter((call) => !call.body.thread_ts)).toHaveLength(0);
    expect(digestRuns(deps)).toMatchObject([{ status: 'posted', parentTs: '1.1' }]);
    expect(channelPosts(deps).map((post) => post.messageTs)).toEqual(['1.2', '1.2']);
  });

  it('a thread message that went out before the process died is recorded at the takeover, not posted again', async () => {
    expectCall('chat.postMessage', toNews, 200, ok('1.1'));
    // The thread post reaches Slack, but the poster dies before recording it.
    let reached = () => {};
    const died = new Promise<void>((resolve) => {
      reached = resolve;
    });
    const slack = deps.outbox;
    const dying = {
      ...deps,
      outbox: {
        ...slack,
        post: async (channel: string, message: Parameters<typeof slack.post>[1], options = {}) => {
          if (!('threadTs' in options)) return slack.post(channel, message, options);
          reached();
          return new Promise<never>(() => {});
        },
      },
    };
    void runDueDigests(dying, { owner: 'dead', catchUpHours: 6 });
    await died;
    deps.clock.advance(3 * 60_000);
    const [first] = channelPosts(deps);
    expectCall(
      'conversations.replies',
      (body) => readsNews(body) && body.ts === '1.1',
      200,
      history([marked('1.1', 'digest:1'), marked('1.2', `digest:1:${first?.itemId}`)]),
    );
    expect(await runDueDigests(deps, { owner: 'next', catchUpHours: 6 })).toMatchObject([
      { status: 'posted', items: 2 },
    ]);
    expect(succeeded('chat.postMessage')).toHaveLength(1);
    expect(channelPosts(deps).map((post) => post.messageTs)).toEqual(['1.2', '1.2']);
  });

  it('without the history scopes, a resumed run posts what it has not recorded, as before', async () => {
    expectCall('chat.postMessage', toNews, 200, ok('1.1'));
    for (let attempt = 0; attempt < 3; attempt++)
      expectCall('chat.postMessage', inThread('1.1'), 500, 'down');
    expect(await run()).toMatchObject([{ status: 'posting', error: 'http_500' }]);
    deps.clock.advance(3 * 60_000);
    expectCall('conversations.replies', readsNews, 200, { ok: false, error: 'missing_scope' });
    expectCall('chat.postMessage', inThread('1.1'), 200, ok('1.2'));
    expect(await run()).toMatchObject([{ status: 'posted', items: 2 }]);
    expect(channelPosts(deps).map((post) => post.messageTs)).toEqual(['1.2', '1.2']);
  });

  it('not_in_channel: the run fails, the scheduler gets one DM, the items go to a later digest', async () => {
    expectCall('chat.postMessage', toNews, 200, { ok: false, error: 'not_in_channel' });
    expectCall('conversations.open', (body) => body.users === admin, 200, {
      ok: true,
      channel: { id: 'D0ADMIN' },
    });
    expectCall('chat.postMessage', (body) => body.channel === 'D0ADMIN', 200, ok('9.1', 'D0ADMIN'));
    expect(await run()).toMatchObject([{ status: 'failed', error: 'not_in_channel' }]);
    const dm = calls.at(-1);
    expect(dm?.body.text).toBe(
      'The digest 1 could not be posted. I am not a member of <#C0NEWS>. Invite me there with `/invite @Briefbot`; the next digest will go out as scheduled.',
    );
    expect(channelPosts(deps)).toEqual([]);
    expect(digestRuns(deps)).toMatchObject([{ status: 'failed', error: 'not_in_channel', itemCount: 0 }]);

    // The next slot fails the same way: no second DM (an unexpected call fails the test).
    deps.clock.set('2026-11-03T08:00:00Z');
    expectCall('chat.postMessage', toNews, 200, { ok: false, error: 'not_in_channel' });
    expect(await run()).toMatchObject([{ status: 'failed', error: 'not_in_channel' }]);
    expect(calls.filter((call) => call.method === 'conversations.open')).toHaveLength(1);
    expect(calls.filter((call) => call.body.channel === 'D0ADMIN')).toHaveLength(1);

    // Invited at last: the released items go out.
    deps.clock.set('2026-11-04T08:00:00Z');
    expectCall('chat.postMessage', toNews, 200, ok('2.1'));
    expectCall('chat.postMessage', inThread('2.1'), 200, ok('2.2'));
    expect(await run()).toMatchObject([{ status: 'posted', items: 2 }]);
    expect(channelPosts(deps)).toHaveLength(2);
  });

  it('paces posts to one channel', async () => {
    const outbox = createSlackOutbox(slackClient(), { minIntervalMs: 200 });
    for (let post = 1; post <= 3; post++)
      expectCall('chat.postMessage', (body) => body.channel === 'C0PACE', 200, ok(`3.${post}`, 'C0PACE'));
    const message = { text: 'hello', blocks: [] };
    const started = performance.now();
    const results = await Promise.all([1, 2, 3].map(() => outbox.post('C0PACE', message)));
    expect(performance.now() - started).toBeGreaterThanOrEqual(400);
    expect(results.map((result) => result.ts).sort()).toEqual(['3.1', '3.2', '3.3']);
  });

  it('maps Slack’s errors to PostError: permanent when a person must act', async () => {
    const outbox = createSlackOutbox(slackClient(), { minIntervalMs: 0 });
    expectCall('chat.postMessage', () => true, 200, { ok: false, error: 'is_archived' });
    await expect(outbox.post('C0NEWS', { text: 'x', blocks: [] })).rejects.toEqual(
      new PostError('is_archived', true),
    );
    expectCall('chat.postMessage', () => true, 200, { ok: false, error: 'msg_too_long' });
    await expect(outbox.post('C0NEWS', { text: 'x', blocks: [] })).rejects.toMatchObject({
      code: 'msg_too_long',
      permanent: false,
    });
  });
});

describe('feedback buttons', () => {
  let blogFeed: number;

  beforeEach(async () => {
    blogFeed = await createFeed(deps, { host: 'https://blog.example.org', title: 'Beta Blog' });
    deps.clock.set('2026-11-01T01:00:00Z');
    // The same digest in two channels; feedback in one must not change the other.
    await createSchedule(deps, { channelId: 'C0NEWS', timezone: 'UTC', topics: ['pricing'] });
    await createSchedule(deps, { channelId: 'C0CTRL', timezone: 'UTC', topics: ['pricing'] });
    // Example News carries a little more discussion each day, so it ranks first.
    await storeAt('2026-11-01T12:00:00Z', newsFeed, [
      { guid: 'a1', title: 'Acme pricing goes up', comments: 3 },
    ]);
    await storeAt('2026-11-01T12:00:00Z', blogFeed, [{ guid: 'b1', title: 'Globex price cut', comments: 1 }]);
    await runAt('2026-11-02T08:00:00Z');
  });

  async function runAt(when: string) {
    deps.clock.set(when);
    return run();
  }

  function threadMessage(channel: string) {
    const sent = deps.sent.filter((entry) => entry.channel === channel && entry.threadTs).at(-1);
    if (!sent) throw new Error(`no thread message in ${channel}`);
    return sent;
  }

  /** Presses a button of an item in the channel's latest thread message. */
  async function press(channel: string, actionId: string, itemId: number, userId = member) {
    const { message } = threadMessage(channel);
    const block = message.blocks.find(
      (entry) => entry.type === 'actions' && entry.block_id === `digest_item_${itemId}`,
    ) as { elements: Array<{ action_id: string; value: string }> } | undefined;
    const button = block?.elements.find((element) => element.action_id === actionId);
    if (!button) throw new Error(`no ${actionId} button for item ${itemId}`);
    const recorder = createRecorder();
    await createDigestFeedbackHandler(
      deps,
      actionId === Action.DigestMuteSource ? FeedbackKind.MuteSource : FeedbackKind.NotRelevant,
    )(digestButtonArgs(recorder, { actionId, value: button.value, message, channelId: channel, userId }));
    return { recorder, message };
  }

  function feedOrder(channel: string): string[] {
    const names = new Map([
      [newsFeed, 'news'],
      [blogFeed, 'blog'],
    ]);
    const ids = itemIdsIn(threadMessage(channel).message.blocks);
    const feeds = deps.db.sqlite
      .prepare('SELECT feed_id FROM items WHERE id = ?')
      .pluck()
      .safeIntegers(false);
    return ids.map((id) => names.get(feeds.get(id) as number) ?? '?');
  }

  it('"Not relevant" is recorded, acknowledged in place, and ranks the source lower next time', async () => {
    expect(feedOrder('C0NEWS')).toEqual(['news', 'blog']);
    const itemId = itemIdsIn(threadMessage('C0NEWS').message.blocks)[0] as number;
    const { recorder, message } = await press('C0NEWS', Action.DigestNotRelevant, itemId);
    expect(recorder.names()).toEqual(['ack', 'respond']);
    const reply = recorder.first('respond') as {
      replace_original: boolean;
      text: string;
      blocks: KnownBlock[];
    };
    expect(reply.replace_original).toBe(true);
    expect(reply.text).toBe(message.text);
    expect(reply.blocks).toHaveLength(message.blocks.length);
    const replaced = reply.blocks.findIndex((block) =>
      JSON.stringify(block).includes('marked this not relevant'),
    );
    expect(message.blocks[replaced]).toMatchObject({ type: 'actions', block_id: `digest_item_${itemId}` });
    expect(reply.blocks[replaced]).toEqual({
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: ':thumbsdown: <@UMEMBER1> marked this not relevant; Example News will rank lower in this channel\'s digests. Undo: /brief digest unmute <#C0NEWS> 1 (it clears the "not relevant" marks on Example News as well as mutes)',
        },
      ],
    });
    // The log names the item marked, by its title.
    const title = (await deps.db.prisma.item.findUniqueOrThrow({ where: { id: itemId } })).title;
    expect(
      JSON.parse(
        (await deps.db.prisma.auditEvent.findFirstOrThrow({ where: { action: 'digest.not_relevant' } }))
          .detail,
      ),
    ).toMatchObject({ itemId, itemTitle: title, feedId: newsFeed });
    // The other item keeps its buttons.
    expect(reply.blocks.filter((block) => block.type === 'actions')).toHaveLength(1);
    expect(await deps.db.prisma.channelFeedback.findMany()).toMatchObject([
      { channelId: 'C0NEWS', kind: 'not_relevant', itemId, feedId: newsFeed, userId: member },
    ]);

    await storeAt('2026-11-02T12:00:00Z', newsFeed, [
      { guid: 'a2', title: 'Initech pricing page', comments: 3 },
    ]);
    await storeAt('2026-11-02T12:00:00Z', blogFeed, [{ guid: 'b2', title: 'Hooli price list', comments: 1 }]);
    await runAt('2026-11-03T08:00:00Z');
    expect(feedOrder('C0NEWS')).toEqual(['blog', 'news']);
    expect(feedOrder('C0CTRL')).toEqual(['news', 'blog']);
  });

  it('"Mute source" leaves the source out of the channel’s next digest', async () => {
    const itemId = itemIdsIn(threadMessage('C0NEWS').message.blocks)[1] as number;
    const { recorder } = await press('C0NEWS', Action.DigestMuteSource, itemId, admin);
    expect(recorder.names()).toEqual(['ack', 'respond']);
    expect(JSON.stringify(recorder.first('respond'))).toMatch(
      /muted Beta Blog for this channel's digests\. Undo: \/brief digest unmute <#C0NEWS> 2/,
    );
    await storeAt('2026-11-02T12:00:00Z', newsFeed, [
      { guid: 'a2', title: 'Initech pricing page', comments: 3 },
    ]);
    await storeAt('2026-11-02T12:00:00Z', blogFeed, [{ guid: 'b2', title: 'Hooli price list', comments: 1 }]);
    await runAt('2026-11-03T08:00:00Z');
    expect(feedOrder('C0NEWS')).toEqual(['news']);
    expect(feedOrder('C0CTRL')).toEqual(['news', 'blog']);
  });

  it('"Mute source" from a member is refused, naming the admins and offering Not relevant; unmute is the same', async () => {
    const itemId = itemIdsIn(threadMessage('C0NEWS').message.blocks)[1] as number;
    const { recorder } = await press('C0NEWS', Action.DigestMuteSource, itemId);
    expect(recorder.names()).toEqual(['ack', 'respond']);
    expect(recorder.first('respond')).toEqual({
      response_type: 'ephemeral',
      replace_original: false,
      text: "Sorry, only Briefbot admins can mute a source in a channel's digests. Ask <@UADMIN01> or a workspace admin. Not relevant, beside it, is open to everyone: it ranks Beta Blog lower in this channel's digests.",
    });
    expect(await deps.db.prisma.channelFeedback.count()).toBe(0);
    // Not relevant stays open to members, and so does clearing it; a muted source comes back by an admin.
    await press('C0NEWS', Action.DigestNotRelevant, itemId);
    const brief = async (text: string, userId = member) => {
      const reply = await runCommand(deps, { userId, channelId: 'C0NEWS', text });
      return JSON.stringify(reply.blocks) + reply.text;
    };
    expect(await brief('digest unmute 1 2')).toMatch(/Beta Blog \(feed 2\) is back in <#C0NEWS>'s digests/);
    await brief('digest mute 1 2', admin);
    expect(await brief('digest unmute 1 2')).toMatch(
      /Sorry, only Briefbot admins can bring a muted source back into a channel's digests\. Ask <@UADMIN01>/,
    );
    expect(await deps.db.prisma.channelFeedback.count()).toBe(1);
  });

  it('a mute shows in digest list, and digest unmute brings the source back to that channel', async () => {
    const itemId = itemIdsIn(threadMessage('C0NEWS').message.blocks)[1] as number;
    await press('C0NEWS', Action.DigestMuteSource, itemId, admin);
    const brief = async (text: string) => {
      const reply = await runCommand(deps, { userId: admin, channelId: 'C0NEWS', text });
      return JSON.stringify(reply.blocks) + reply.text;
    };
    const list = await brief('digest list');
    expect(list).toMatch(
      /\*1\* <#C0NEWS> .* · feedback: Beta Blog \(feed 2\) muted \(undo: `\/brief digest unmute 1 2`\)/,
    );
    // The other channel's digest heard nothing.
    expect(list.match(/feedback:/g)).toHaveLength(1);
    expect(await brief('digest unmute <#C0NEWS|news> 1')).toMatch(
      /Feed 1 has no feedback in <#C0NEWS>\. <#C0NEWS>'s digests have 1 source muted or marked: Beta Blog \(feed 2\) muted\. To bring it back: `\/brief digest unmute <#C0NEWS\|news> 2`/,
    );
    // Bare, it only lists, even with one source muted, as the preview footer says.
    expect(await brief('digest unmute 1')).toMatch(
      /<#C0NEWS>'s digests have 1 source muted or marked: Beta Blog \(feed 2\) muted\. To bring it back: `\/brief digest unmute 1 2`/,
    );
    expect(await brief('digest unmute 1 2')).toMatch(
      /Beta Blog \(feed 2\) is back in <#C0NEWS>'s digests, ranked as before\./,
    );
    expect(await brief('digest unmute 1')).toMatch(
      /No source is muted or marked not relevant in <#C0NEWS>'s digests/,
    );
    expect(await brief('digest list')).not.toMatch(/feedback:/);
    expect(
      await deps.db.prisma.auditEvent.findMany({ where: { action: 'digest.unmute_source' } }),
    ).toHaveLength(1);
    await storeAt('2026-11-02T12:00:00Z', newsFeed, [
      { guid: 'a2', title: 'Initech pricing page', comments: 3 },
    ]);
    await storeAt('2026-11-02T12:00:00Z', blogFeed, [{ guid: 'b2', title: 'Hooli price list', comments: 1 }]);
    await runAt('2026-11-03T08:00:00Z');
    expect(feedOrder('C0NEWS')).toEqual(['news', 'blog']);
  });

  it('a button on a feed removed since records nothing, and says who removed it and when', async () => {
    const itemId = itemIdsIn(threadMessage('C0NEWS').message.blocks)[1] as number;
    const removed = await runCommand(deps, {
      userId: admin,
      channelId: 'C0NEWS',
      text: 'feeds remove 2 confirm',
    });
    expect(removed.text).toMatch(/Removed feed 2/);
    for (const actionId of [Action.DigestMuteSource, Action.DigestNotRelevant]) {
      const { recorder } = await press('C0NEWS', actionId, itemId);
      expect(recorder.names()).toEqual(['ack', 'respond']);
      expect(recorder.first('respond')).toMatchObject({
        response_type: 'ephemeral',
        replace_original: false,
      });
      expect((recorder.first('respond') as { text: string }).text).toBe(
        `Feed 2 (Beta Blog, news, https://blog.example.org/feed.xml) was removed by <@${admin}> on 2 Nov 2026 08:00 UTC. To watch it again: \`/brief feeds add https://blog.example.org/feed.xml\`. Nothing was ${actionId === Action.DigestMuteSource ? 'muted' : 'recorded'}.`,
      );
    }
    expect(await deps.db.prisma.channelFeedback.count()).toBe(0);
    expect(
      await deps.db.prisma.auditEvent.count({
        where: { action: { in: ['digest.mute_source', 'digest.not_relevant'] } },
      }),
    ).toBe(0);
    // Watched again under a new number: the mute to use is that feed's.
    const again = await createFeed(deps, { host: 'https://blog.example.org', title: 'Beta Blog' });
    const { recorder } = await press('C0NEWS', Action.DigestMuteSource, itemId);
    expect((recorder.first('respond') as { text: string }).text).toMatch(
      new RegExp(
        `was removed by <@${admin}> on .*; its address is watched again as feed ${again}\\. Nothing was muted\\. To mute it here: /brief digest mute <#C0NEWS> ${again}$`,
      ),
    );
    expect(await deps.db.prisma.channelFeedback.count()).toBe(0);
  });

  it('digest list names a removed feed left with feedback by its title from the log, not "feed 2 (feed 2)"', async () => {
    await runCommand(deps, { userId: admin, channelId: 'C0NEWS', text: 'feeds remove 2 confirm' });
    // A mute recorded against it before removals refused them.
    await deps.db.prisma.channelFeedback.create({
      data: {
        channelId: 'C0NEWS',
        kind: FeedbackKind.MuteSource,
        feedId: blogFeed,
        userId: member,
        at: new Date(),
      },
    });
    const reply = await runCommand(deps, { userId: admin, channelId: 'C0NEWS', text: 'digest list' });
    const list = JSON.stringify(reply.blocks);
    expect(list).toMatch(/feedback: Beta Blog, removed \(feed 2\) muted/);
    expect(list).not.toMatch(/feed 2 \(feed 2\)/);
  });

  it('feedback in a channel whose digest was removed says so, and is kept for a digest added later', async () => {
    const itemId = itemIdsIn(threadMessage('C0NEWS').message.blocks)[1] as number;
    const digest = await deps.db.prisma.digestSchedule.findFirstOrThrow({ where: { channelId: 'C0NEWS' } });
    deps.clock.set('2026-11-02T09:00:00Z');
    expect(
      (
        await runCommand(deps, {
          userId: admin,
          channelId: 'C0NEWS',
          text: `digest remove ${digest.id} confirm`,
        })
      ).text,
    ).toMatch(/removed/);
    // Muting a source is an admin's, by button as by command.
    const { recorder } = await press('C0NEWS', Action.DigestMuteSource, itemId, admin);
    expect(JSON.stringify(recorder.first('respond'))).toContain(
      `:mute: <@${admin}> muted Beta Blog here, but <#C0NEWS> has no digest now (digest ${digest.id} removed by <@${admin}> on 2 Nov 2026 09:00 UTC); it is kept for a digest added here later. Undo: /brief digest unmute <#C0NEWS> 2`,
    );
    expect(await deps.db.prisma.channelFeedback.count({ where: { channelId: 'C0NEWS' } })).toBe(1);
    const unmuted = await runCommand(deps, {
      userId: admin,
      channelId: 'C0NEWS',
      text: 'digest unmute <#C0NEWS> 2',
    });
    expect(unmuted.text).toBe(
      `Unmuted Beta Blog (feed 2) in <#C0NEWS>, but <#C0NEWS> has no digest now (digest ${digest.id} removed by <@${admin}> on 2 Nov 2026 09:00 UTC): a digest added there later ranks it as any other source.`,
    );
  });

  it('an out-of-date button gets an ephemeral explanation, after the ack', async () => {
    const recorder = createRecorder();
    await createDigestFeedbackHandler(
      deps,
      FeedbackKind.NotRelevant,
    )(
      digestButtonArgs(recorder, {
        actionId: Action.DigestNotRelevant,
        value: '{"c":"nope"}',
        message: { text: 'x', blocks: [] },
      }),
    );
    expect(recorder.names()).toEqual(['ack', 'respond']);
    expect(recorder.first('respond')).toMatchObject({
      response_type: 'ephemeral',
      replace_original: false,
      text: 'That button is out of date; the next digest has fresh ones.',
    });
    expect(await deps.db.prisma.channelFeedback.count()).toBe(0);
  });
});

describe('the "new digest" modal', () => {
  type FormInput = {
    channel?: string;
    cadence?: string;
    days?: string[];
    time?: string;
    timezone?: string;
    topics?: string[];
    size?: string;
    quiet?: string;
  };
  const option = (value: string) => ({ text: { type: 'plain_text', text: value }, value });
  /** view.state.values as Slack sends them for the modal's blocks. */
  function formValues(input: FormInput) {
    const form = {
      channel: 'C0NEWS',
      cadence: 'daily',
      time: '08:00',
      timezone: 'Europe/Berlin',
      size: '8',
      quiet: 'note',
      ...input,
    };
    return {
      channel: { value: { type: 'conversations_select', selected_conversation: form.channel || null } },
      cadence: { value: { type: 'static_select', selected_option: option(form.cadence) } },
      weekday: { value: { type: 'checkboxes', selected_options: (form.days ?? []).map(option) } },
      time: { value: { type: 'timepicker', selected_time: form.time } },
      timezone: { value: { type: 'plain_text_input', value: form.timezone } },
      topics: { value: { type: 'multi_static_select', selected_options: (form.topics ?? []).map(option) } },
      size: { value: { type: 'number_input', value: form.size } },
      quiet: { value: { type: 'radio_buttons', selected_option: option(form.quiet) } },
    };
  }

  it('gives a spec for a good form', () => {
    expect(
      readDigestForm(
        formValues({ cadence: 'weekly', days: ['fri'], topics: ['pricing'], size: '5', quiet: 'skip' }),
      ),
    ).toEqual({
      spec: {
        channelId: 'C0NEWS',
        cadence: 'weekly',
        weekday: 5,
        timeOfDay: '08:00',
        timezone: 'Europe/Berlin',
        topics: ['pricing'],
        maxItems: 5,
        quietDay: 'skip',
      },
    });
  });

  it('reads several ticked days, as "weekly mon,thu" types them, and one day picked in an older form', () => {
    expect(readDigestForm(formValues({ cadence: 'weekly', days: ['thu', 'mon'] }))).toMatchObject({
      spec: { cadence: 'weekly', weekday: 4, days: [4, 1] },
    });
    const older = {
      ...formValues({ cadence: 'weekly' }),
      weekday: { value: { type: 'static_select', selected_option: option('wed') } },
    };
    expect(readDigestForm(older)).toMatchObject({ spec: { weekday: 3 } });
  });

  it('reads a zone as the command does, saying what an abbreviation was taken for', () => {
    expect(readDigestForm(formValues({ timezone: 'UTC+2' }))).toMatchObject({
      spec: { timezone: 'Etc/GMT-2' },
    });
    expect(readDigestForm(formValues({ timezone: 'pst' }))).toMatchObject({
      spec: { timezone: 'America/Los_Angeles' },
      zoneNote: expect.stringMatching(/^PST is read as America\/Los_Angeles/),
    });
  });

  it.each([
    [{ cadence: 'weekly' }, { weekday: 'Tick the day of a weekly digest, or several days.' }],
    [
      { timezone: 'Mars/Olympus' },
      {
        timezone:
          'Not a time zone I know: give a zone like Europe/Paris or America/New_York, CET or PST, pacific time or london time, or UTC+2',
      },
    ],
    [
      { timezone: '' },
      {
        timezone:
          'Not a time zone I know: give a zone like Europe/Paris or America/New_York, CET or PST, pacific time or london time, or UTC+2',
      },
    ],
    [{ size: '0' }, { size: 'Between 1 and 50 items' }],
    [{ size: '' }, { size: 'Between 1 and 50 items' }],
    [{ channel: '' }, { channel: 'Pick a channel, e.g. #market-news' }],
  ])('field errors for %o', (input, errors) => {
    expect(readDigestForm(formValues(input))).toEqual({ errors });
  });

  it('names every wrong field at once', () => {
    const form = readDigestForm(
      formValues({ channel: '', cadence: 'weekly', timezone: 'Nowhere', size: '99' }),
    );
    expect(Object.keys('errors' in form ? form.errors : {}).sort()).toEqual([
      'channel',
      'size',
      'timezone',
      'weekday',
    ]);
  });

  it('"/brief digest add" alone opens the form for an admin, after the ack', async () => {
    const recorder = createRecorder();
    await createBriefCommandHandler(deps)(commandArgs(recorder, { text: 'digest add', channelId: 'C0HERE' }));
    expect(recorder.names()).toEqual(['ack', 'views.open']);
    const { trigger_id, view } = recorder.first('views.open') as {
      trigger_id: string;
      view: { callback_id: string; blocks: Array<{ block_id: string; element: Record<string, unknown> }> };
    };
    expect(trigger_id).toBe('1.2.3');
    expect(view.callback_id).toBe(View.DigestAdd);
    const element = (id: string) => view.blocks.find((block) => block.block_id === id)?.element;
    expect(element('channel')).toMatchObject({ initial_conversation: 'C0HERE' });
    expect(element('timezone')).toMatchObject({ initial_value: 'UTC' });
    expect(element('weekday')).toMatchObject({ type: 'checkboxes', action_id: 'value' });
    expect(((element('weekday')?.options ?? []) as Array<{ value: string }>).map((day) => day.value)).toEqual(
      ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
    );
    expect(
      ((element('topics')?.options ?? []) as Array<{ value: string }>).map((entry) => entry.value),
    ).toEqual(['outages', 'pricing']);
  });

  it('"/brief digest add" alone from a non-admin opens nothing and says why', async () => {
    const recorder = createRecorder();
    await createBriefCommandHandler(deps)(commandArgs(recorder, { text: 'digest add', userId: member }));
    expect(recorder.names()).toEqual(['ack', 'respond']);
    expect(String(recorder.first('respond')?.text)).toMatch(/only Briefbot admins can schedule digests/);
  });

  it('a bad submission is acked with the field errors; nothing is created', async () => {
    const recorder = createRecorder();
    await createDigestAddViewHandler(deps)(
      viewSubmissionArgs(recorder, { callbackId: View.DigestAdd, values: formValues({ size: '0' }) }),
    );
    expect(recorder.names()).toEqual(['ack']);
    expect(recorder.calls[0]?.args).toEqual([
      { response_action: 'errors', errors: { size: 'Between 1 and 50 items' } },
    ]);
    expect(await deps.db.prisma.digestSchedule.count()).toBe(0);
  });

  it('a good submission is acked, creates the schedule and confirms in a DM', async () => {
    const recorder = createRecorder();
    await createDigestAddViewHandler(deps)(
      viewSubmissionArgs(recorder, {
        callbackId: View.DigestAdd,
        values: formValues({ cadence: 'weekdays', time: '07:30', topics: ['outages'] }),
      }),
    );
    expect(recorder.names()).toEqual(['ack']);
    expect(recorder.calls[0]?.args).toEqual([]);
    expect(await deps.db.prisma.digestSchedule.findMany()).toMatchObject([
      {
        channelId: 'C0NEWS',
        cadence: 'weekdays',
        timeOfDay: '07:30',
        topics: '["outages"]',
        createdBy: admin,
      },
    ]);
    expect(deps.sent).toMatchObject([{ channel: admin }]);
    expect(deps.sent[0]?.message.text).toMatch(
      /^Digest 1 is scheduled for <#C0NEWS>: weekdays at 07:30 Europe\/Berlin \(next: Mon 2 Nov 07:30\), outages/,
    );
  });

  it('a weekly submission with several days schedules each of them', async () => {
    const recorder = createRecorder();
    await createDigestAddViewHandler(deps)(
      viewSubmissionArgs(recorder, {
        callbackId: View.DigestAdd,
        values: formValues({ cadence: 'weekly', days: ['mon', 'thu'], time: '09:00' }),
      }),
    );
    expect(recorder.calls[0]?.args).toEqual([]);
    expect(await deps.db.prisma.digestSchedule.findFirstOrThrow()).toMatchObject({
      cadence: 'weekly',
      weekday: 1,
      days: '1,4',
    });
    expect(deps.sent[0]?.message.text).toMatch(/^Digest 1 is scheduled for <#C0NEWS>: .*Mon.*Thu/);
  });

  it('a submission from a non-admin creates nothing and says why', async () => {
    const recorder = createRecorder();
    await createDigestAddViewHandler(deps)(
      viewSubmissionArgs(recorder, { callbackId: View.DigestAdd, values: formValues({}), userId: member }),
    );
    expect(recorder.names()).toEqual(['ack']);
    expect(await deps.db.prisma.digestSchedule.count()).toBe(0);
    expect(deps.sent).toMatchObject([{ channel: member }]);
    expect(deps.sent[0]?.message.text).toMatch(/only Briefbot admins can schedule digests/);
  });
});

/** Six words no other index shares, so 200 items are 200 stories, not one cluster. */
function madeUpWords(index: number): string {
  const syllables = ['ka', 'lo', 'mi', 'ne', 'su', 'ta', 'vo', 'ri', 'pe', 'zu'];
  return Array.from({ length: 6 }, (_, word) =>
    String(index * 7 + word * 1013 + 10_000)
      .split('')
      .map((digit) => syllables[Number(digit)])
      .join(''),
  ).join(' ');
}

describe('layout', () => {
  const now = new Date('2026-11-02T08:00:00Z');
  const hostile = '<!channel> Acme & Globex <https://evil.example|click> *bold*';

  function items(count: number, overrides: Partial<DigestItem> = {}): DigestItem[] {
    return Array.from({ length: count }, (_, index) => ({
      id: index + 1,
      title: `${hostile} story ${index + 1} ${'long words '.repeat(30)}`,
      url: `https://news.example.com/story/${index + 1}`,
      feedId: 1,
      feedTitle: '<@U0EVIL> Feed & Co',
      feedKind: 'news',
      publishedAt: new Date(now.getTime() - index * 60_000),
      sentiment: 'negative',
      language: null,
      summary: `A summary with <script> & ${'more text '.repeat(20)}`,
      topics: [['pricing', 'outages', 'competitors'][index % 3] as string],
      otherSources: index % 4,
      score: 200 - index,
      ...overrides,
    }));
  }

  /** Every mrkdwn or plain text inside a message's blocks. */
  function texts(blocks: KnownBlock[]): string[] {
    const found: string[] = [];
    const walk = (value: unknown) => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === 'object') {
        const record = value as Record<string, unknown>;
        if (typeof record.text === 'string' && typeof record.type === 'string') found.push(record.text);
        Object.values(record).forEach(walk);
      }
    };
    walk(blocks);
    return found;
  }

  function expectWithinLimits(message: { text: string; blocks: KnownBlock[] }): void {
    expect(message.text.length).toBeGreaterThan(0);
    expect(message.text.length).toBeLessThanOrEqual(limits.fallbackText);
    expect(message.blocks.length).toBeLessThanOrEqual(limits.blocks);
    for (const block of message.blocks) {
      if (block.type === 'section')
        expect(block.text?.text.length ?? 0).toBeLessThanOrEqual(limits.sectionText);
      if (block.type === 'actions') expect(block.elements.length).toBeLessThanOrEqual(limits.actionsElements);
    }
    const all = [message.text, ...texts(message.blocks)].join('\n');
    expect(all).not.toMatch(/<!channel>|<@U0EVIL>|<script>|<https:\/\/evil/);
  }

  it('with 200 items: the parent and every thread message keep to Slack’s limits', () => {
    const many = items(200);
    const parent = digestParentMessage(
      {
        title: 'Digest: everything',
        since: new Date(now.getTime() - 86_400_000),
        timeZone: 'UTC',
        previousCount: 150,
      },
      many,
    );
    expectWithinLimits(parent);
    expect(parent.text).toMatch(/^Digest: everything: 200 new since /);
    const thread = digestThreadMessages('C0NEWS', many, now);
    for (const { message } of thread) expectWithinLimits(message);
    // Every item once, in a message whose buttons carry it.
    const carried = thread.flatMap((part) => part.itemIds);
    expect(carried.sort((a, b) => a - b)).toEqual(many.map((item) => item.id));
    for (const part of thread) expect(itemIdsIn(part.message.blocks)).toEqual(part.itemIds);
    expect(thread.map((part) => part.message.text.split(':')[0])).toContain('pricing (1–20 of 67)');
  });

  it('the parent says where its window starts on the digest’s own clock, never how long ago', () => {
    const since = new Date('2026-11-01T08:00:00Z');
    const berlin = digestParentMessage(
      { title: 'Digest', since, timeZone: 'Europe/Berlin', previousCount: null },
      items(2),
    );
    expect(berlin.text).toMatch(/^Digest: 2 new since Sun 1 Nov 09:00 Europe\/Berlin\./);
    expect(JSON.stringify(berlin.blocks[0])).toContain('2 new since Sun 1 Nov 09:00 Europe/Berlin');
    const offset = digestParentMessage(
      { title: 'Digest', since, timeZone: 'Etc/GMT-5', previousCount: null },
      items(2),
    );
    expect(offset.text).toMatch(/since Sun 1 Nov 13:00 UTC\+5\./);
    expect(quietDayMessage('Digest: pricing', since, 'UTC').text).toBe(
      'Digest: pricing: nothing new since Sun 1 Nov 08:00 UTC.',
    );
  });

  it('a first quiet digest whose window starts before any feed was added says when reading began', () => {
    const since = new Date('2026-11-16T14:00:00Z');
    const message = quietDayMessage(
      'Digest: pricing, globex',
      since,
      'America/New_York',
      undefined,
      new Date('2026-11-23T13:05:00Z'),
    );
    expect(message.text).toBe(
      'Digest: pricing, globex: nothing new since Briefbot began reading its feeds (Mon 23 Nov 08:05 America/New_York). What they held before is not posted as news; `/brief what’s new` sums it up.',
    );
    expect(JSON.stringify(message.blocks)).not.toContain('16 Nov');
  });

  it('the parent gives the mood and the topic mix of the digest at a glance', () => {
    const mixed = items(7).map((item, index) => ({
      ...item,
      sentiment: ['negative', 'negative', 'negative', 'neutral', 'neutral', 'positive', 'negative'][
        index
      ] as string,
    }));
    const parent = digestParentMessage(
      { title: 'Digest', since: now, timeZone: 'UTC', previousCount: null },
      mixed,
    );
    const line = JSON.stringify(parent.blocks.at(-1));
    expect(line).toContain(
      ':red_circle: 4 negative · :white_circle: 2 neutral · :large_green_circle: 1 positive · pricing 3, outages 2, competitors 2 · the 7 items, by topic, are in the thread.',
    );
    const single = digestParentMessage(
      { title: 'Digest', since: now, timeZone: 'UTC', previousCount: null },
      items(2).map((item) => ({ ...item, topics: ['pricing'] })),
    );
    expect(JSON.stringify(single.blocks.at(-1))).toContain(
      ':red_circle: 2 negative · the 2 items are in the thread.',
    );
  });

  it('says what was left out on a line of its own, and that no later digest brings it back', () => {
    const parent = digestParentMessage(
      {
        title: 'Digest',
        since: now,
        timeZone: 'UTC',
        previousCount: null,
        total: 12,
        recent: 12,
        raiseWith: 'digest edit 1 max 12',
        raisedTo: 12,
      },
      items(8).map((item) => ({ ...item, topics: ['pricing'], publishedAt: now })),
    );
    const lines = parent.blocks
      .filter((block) => block.type === 'context')
      .map((block) => JSON.stringify(block));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain(':red_circle: 8 negative · the 8 items are in the thread.');
    expect(lines[1]).toContain(
      'The other 4 of the 12 that came in are left out (all new), and no later digest brings them back; to take them all each time: `/brief digest edit 1 max 12`.',
    );
    // A resumed run knows not which were new: what it left out, and that it is gone, all the same.
    const resumed = digestParentMessage(
      { title: 'Digest', since: now, timeZone: 'UTC', previousCount: null, total: 9 },
      items(8).map((item) => ({ ...item, topics: ['pricing'] })),
    );
    expect(JSON.stringify(resumed.blocks.at(-1))).toContain(
      'The other 1 of the 9 that came in is left out, and no later digest brings it back.',
    );
  });

  it('escapes untrusted feed text and keeps links to the item', () => {
    const [item] = items(1);
    const [part] = digestThreadMessages('C0NEWS', [item as DigestItem], now);
    const section = JSON.stringify(part?.message.blocks[1]);
    expect(section).toContain('&lt;!channel&gt; Acme &amp; Globex &lt;https://evil.example¦click&gt;');
    expect(section).toContain('<https://news.example.com/story/1|');
    expect(section).toContain('&lt;@U0EVIL&gt; Feed &amp; Co');
    expect(section).toContain('A summary with &lt;script&gt; &amp;');
    expect(part?.message.text).toMatch(/^pricing: &lt;!channel&gt; Acme &amp; Globex/);
  });

  it('a title far beyond Slack’s limits is cut, not refused', () => {
    const huge = items(3, { title: `${hostile} ${'x'.repeat(10_000)}`, summary: 'y'.repeat(10_000) });
    expectWithinLimits(
      digestParentMessage({ title: 'Digest', since: now, timeZone: 'UTC', previousCount: null }, huge),
    );
    for (const { message } of digestThreadMessages('C0NEWS', huge, now)) expectWithinLimits(message);
  });

  it('numbers the thread in the order it reads, and the parent its best three with their numbers there', () => {
    // Ranked pricing, outages, competitors, pricing…: shown by topic, numbered down the thread.
    const ordered = inThreadOrder(items(6, { title: 'Story' }));
    expect(ordered.map((item) => [item.id, item.topics[0]])).toEqual([
      [1, 'pricing'],
      [4, 'pricing'],
      [2, 'outages'],
      [5, 'outages'],
      [3, 'competitors'],
      [6, 'competitors'],
    ]);
    const numbers = digestThreadMessages('C0NEWS', ordered, now).flatMap((part) =>
      texts(part.message.blocks).flatMap((text) => text.match(/^\d+(?=\. )/) ?? []),
    );
    expect(numbers).toEqual(['1', '2', '3', '4', '5', '6']);
    const parent = digestParentMessage(
      { title: 'Digest', since: now, timeZone: 'UTC', previousCount: null },
      ordered,
    );
    // The best three (ids 1, 2, 3) in thread order; their thread numbers skip (1, 3, 5), so the list
    // is not numbered and each says its number there.
    expect(
      texts(parent.blocks)
        .find((text) => text.startsWith('• '))
        ?.split('\n'),
    ).toEqual([
      '• <https://news.example.com/story/1|Story> — &lt;@U0EVIL&gt; Feed &amp; Co · item 1 in the thread',
      '• <https://news.example.com/story/2|Story> — &lt;@U0EVIL&gt; Feed &amp; Co · item 3 in the thread',
      '• <https://news.example.com/story/3|Story> — &lt;@U0EVIL&gt; Feed &amp; Co · item 5 in the thread',
    ]);
    const oneTopic = digestParentMessage(
      { title: 'Digest', since: now, timeZone: 'UTC', previousCount: null },
      items(3, { title: 'Story' }).map((item) => ({ ...item, topics: ['pricing'] })),
    );
    // Numbers without gaps: a plain numbered list, 1 to 3.
    expect(
      texts(oneTopic.blocks)
        .find((text) => text.startsWith('1. '))
        ?.split('\n')
        .map((line) => line.slice(0, 3)),
    ).toEqual(['1. ', '2. ', '3. ']);
    expect(texts(oneTopic.blocks).join('\n')).not.toContain('item 1 in the thread');
  });

  it('a real run numbers its thread in the order it reads, as a number then opens it', async () => {
    await createSchedule(deps, { channelId: 'C0NEWS', timezone: 'UTC', topics: ['pricing', 'outages'] });
    // Ranked by comments: pricing, outage, pricing, outage.
    await storeAt('2026-11-01T12:00:00Z', newsFeed, [
      { guid: 'p1', title: 'Pricing change one', comments: 400 },
      { guid: 'o1', title: 'Outage in the east', comments: 300 },
      { guid: 'p2', title: 'Pricing page rewritten', comments: 200 },
      { guid: 'o2', title: 'Outage report published', comments: 100 },
    ]);
    deps.clock.set('2026-11-02T08:00:00Z');
    // The preview reads as the digest will.
    const preview = await runCommand(deps, { userId: admin, channelId: 'C0NEWS', text: 'digest preview 1' });
    const previewed = texts(preview.blocks).flatMap((text) => text.match(/^\d+(?=\. \S+ \w+ · <)/) ?? []);
    expect(previewed).toEqual(['1', '2', '3', '4']);
    expect(await run()).toMatchObject([{ status: 'posted', items: 4 }]);
    const lines = deps.sent
      .slice(1)
      .flatMap((sent) => texts(sent.message.blocks))
      .flatMap((text) => text.match(/^\*\w+\*|^\d+\. \S+ \w+ · <[^|]+\|[^>]+>/) ?? []);
    expect(lines.map((line) => line.replace(/ \S+ \w+ · <[^|]+\|/, ' ').replace(/>$/, ''))).toEqual([
      '*pricing*',
      '1. Pricing change one',
      '2. Pricing page rewritten',
      '*outages*',
      '3. Outage in the east',
      '4. Outage report published',
    ]);
    const opened = await runCommand(deps, { userId: member, channelId: 'C0NEWS', text: '3' });
    expect(JSON.stringify(opened)).toContain('Outage in the east');
  });

  it('a real run of 200 new items posts messages that keep to the limits', async () => {
    await createSchedule(deps, { channelId: 'C0NEWS', timezone: 'UTC', maxItems: 50 });
    deps.clock.set('2026-11-01T12:00:00Z');
    await storeFeedItems(
      deps,
      newsFeed,
      Array.from({ length: 200 }, (_, index) => ({
        guid: `g${index}`,
        title: `<b>Pricing</b> & ${madeUpWords(index)}`,
        comments: index,
      })),
    );
    deps.clock.set('2026-11-02T08:00:00Z');
    expect(await run()).toMatchObject([{ status: 'posted', items: 50 }]);
    for (const { message } of deps.sent) expectWithinLimits(message);
    expect(deps.sent.flatMap((sent) => itemIdsIn(sent.message.blocks))).toHaveLength(50);
    expect(JSON.stringify(deps.sent)).not.toMatch(/<b>/);
  });
});
