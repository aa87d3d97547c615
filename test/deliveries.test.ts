import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  DeliveryKind,
  deliverToEach,
  pruneDeliveries,
  recordDeliveries,
  sendDueDeliveries,
  sendOwedNow,
} from '../src/deliveries.ts';
import { PostError } from '../src/outbox.ts';
import { message, section } from '../src/slack/blocks/common.ts';
import { createTestDeps, type TestDeps } from './helpers/deps.ts';
import { createFeed } from './helpers/digest.ts';
import {
  answerDmOpens,
  answerHistory,
  createNockedOutbox,
  markedMessage,
  markerOf,
  slackApi,
  watchUnmatched,
} from './helpers/slack-http.ts';

let deps: TestDeps;
let feedId: number;
beforeEach(async () => {
  deps = await createTestDeps();
  feedId = await createFeed(deps, { host: 'https://news.example.com' });
  deps.db.sqlite.prepare("UPDATE feeds SET status = 'failing' WHERE id = ?").run(feedId);
});
afterEach(async () => {
  vi.useRealTimers();
  await deps.cleanup();
});

const alert = message('Feed failing', [section('Feed failing')]);

/** An alert about the failing feed owed to `count` admins, each refused for now. */
async function owe(count: number) {
  const recipients = Array.from({ length: count }, (_, index) => `UADMIN${String(index).padStart(2, '0')}`);
  const post = deps.outbox.post;
  deps.outbox.post = async () => {
    throw new PostError('http_503', false);
  };
  await deliverToEach(deps, {
    kind: DeliveryKind.FeedFailing,
    subject: String(feedId),
    episode: 1,
    recipients,
    message: alert,
  });
  deps.outbox.post = post;
}

describe('owed messages', () => {
  it('at most 20 are sent a pass, the longest waiting first; the rest at the next pass', async () => {
    await owe(25);
    deps.clock.advance(60_000);
    expect(await sendDueDeliveries(deps)).toBe(20);
    expect(deps.sent.map((sent) => sent.channel).slice(0, 2)).toEqual(['UADMIN00', 'UADMIN01']);
    expect(await sendDueDeliveries(deps)).toBe(5);
    expect(await sendDueDeliveries(deps)).toBe(0);
    expect(new Set(deps.sent.map((sent) => sent.channel)).size).toBe(25);
  });

  it('a 429 ends the pass: no more calls until the next', async () => {
    await owe(3);
    deps.clock.advance(60_000);
    let calls = 0;
    const post = deps.outbox.post;
    deps.outbox.post = async () => {
      calls++;
      throw new PostError('ratelimited', false);
    };
    expect(await sendDueDeliveries(deps)).toBe(0);
    expect(calls).toBe(1);
    deps.outbox.post = post;
    // The two not tried are still due; the limited one waits 2 minutes.
    expect(await sendDueDeliveries(deps)).toBe(2);
    deps.clock.advance(2 * 60_000);
    expect(await sendDueDeliveries(deps)).toBe(1);
  });

  it("once Slack is back, those waiting out their backoff go now; one in a send's hands and a 429's wait are left", async () => {
    await owe(3);
    const { sqlite } = deps.db;
    // UADMIN01 is being sent by another pass right now; Slack asked UADMIN02 to wait (429, Retry-After).
    sqlite.prepare("UPDATE deliveries SET error = 'sending' WHERE recipient = 'UADMIN01'").run();
    sqlite.prepare("UPDATE deliveries SET error = 'ratelimited' WHERE recipient = 'UADMIN02'").run();
    expect(await sendOwedNow(deps)).toBe(1);
    expect(deps.sent.map((sent) => sent.channel)).toEqual(['UADMIN00']);
    expect(await sendOwedNow(deps)).toBe(0);
    expect(deps.sent).toHaveLength(1);
  });

  it('one whose send Slack keeps waiting (a 429 waited out in the client) past its lease is not sent twice', async () => {
    await owe(1);
    deps.clock.advance(60_000);
    const post = deps.outbox.post;
    let release = () => {};
    let calls = 0;
    deps.outbox.post = async (channel, body) => {
      calls++;
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      return post(channel, body);
    };
    // The lease's renewal runs on a real-time interval; only that interval is faked here.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const first = sendDueDeliveries(deps);
    await vi.waitFor(() => expect(calls).toBe(1));
    // Two minutes on the clock, and the lease is renewed (every 15 s of real time) while the send lasts.
    deps.clock.advance(2 * 60_000);
    vi.advanceTimersByTime(16_000);
    vi.useRealTimers();
    expect(await sendDueDeliveries(deps)).toBe(0);
    release();
    expect(await first).toBe(1);
    expect(calls).toBe(1);
    expect(deps.sent).toHaveLength(1);
  });

  it('one whose send stalled past its lease (a frozen process) and was sent by another pass: the late failure leaves it sent', async () => {
    await owe(1);
    deps.clock.advance(60_000);
    const { sqlite } = deps.db;
    const post = deps.outbox.post;
    let fail = (_error: Error) => {};
    let calls = 0;
    // The first send stalls without renewing its lease; once it has run out, the next pass sends it.
    deps.outbox.post = (channel, body, options) =>
      ++calls === 1
        ? new Promise((_resolve, reject) => {
            fail = reject;
          })
        : post(channel, body, options);
    const first = sendDueDeliveries(deps);
    await vi.waitFor(() => expect(calls).toBe(1));
    deps.clock.advance(61_000);
    expect(await sendDueDeliveries(deps)).toBe(1);
    expect(deps.sent).toHaveLength(1);
    // The stalled send then fails (a 503): not owed again.
    fail(new PostError('http_503', false));
    expect(await first).toBe(0);
    const row = sqlite
      .prepare('SELECT due_at AS dueAt, sent_at AS sentAt, error FROM deliveries')
      .safeIntegers(false)
      .get();
    expect(row).toEqual({ dueAt: null, sentAt: deps.clock.now().getTime(), error: null });
    deps.clock.advance(3600_000);
    expect(await sendDueDeliveries(deps)).toBe(0);
    expect(deps.sent).toHaveLength(1);
  });

  it('one whose stalled send succeeds late, after another pass was refused for now: recorded sent, not sent again', async () => {
    await owe(1);
    deps.clock.advance(60_000);
    const post = deps.outbox.post;
    let land = () => {};
    let calls = 0;
    // The first send stalls; past its lease, the next pass is rate limited: owed again, in 2 minutes.
    deps.outbox.post = (channel, body, options) =>
      ++calls === 1
        ? new Promise((resolve) => {
            land = () => resolve(post(channel, body, options));
          })
        : Promise.reject(new PostError('ratelimited', false));
    const first = sendDueDeliveries(deps);
    await vi.waitFor(() => expect(calls).toBe(1));
    deps.clock.advance(61_000);
    expect(await sendDueDeliveries(deps)).toBe(0);
    expect(calls).toBe(2);
    // The stalled send's post lands after all: Slack has it, so nothing owes it any more.
    land();
    expect(await first).toBe(1);
    deps.clock.advance(3600_000);
    expect(await sendDueDeliveries(deps)).toBe(0);
    expect(deps.sent).toHaveLength(1);
  });

  it('one a stopped process left mid-send is looked for in the DM first: posted only if it is not there', async () => {
    const { sqlite } = deps.db;
    recordDeliveries(deps, {
      kind: DeliveryKind.FeedFailing,
      subject: String(feedId),
      episode: 1,
      recipients: ['UADMIN00', 'UADMIN01'],
      message: alert,
    });
    // Taken for sending by a process that then stopped: Slack may or may not have taken its post.
    sqlite.prepare("UPDATE deliveries SET error = 'sending'").run();
    const ids = sqlite.prepare('SELECT id FROM deliveries ORDER BY recipient').pluck().all() as number[];
    deps.outbox = createNockedOutbox();
    const unmatched = watchUnmatched();
    const forms: Array<Record<string, string>> = [];
    answerDmOpens(2);
    nock(slackApi)
      .post('/api/chat.postMessage')
      .reply(200, (_uri, body) => {
        forms.push(Object.fromEntries(new URLSearchParams(String(body))));
        return { ok: true, ts: '2.000100' };
      });
    // UADMIN00's DM shows the alert; UADMIN01's does not.
    answerHistory('conversations.history', [markedMessage('1.000100', `delivery:${ids[0]}`)], {
      channel: /DUADMIN00/,
    });
    answerHistory('conversations.history', [markedMessage('1.000200', `delivery:${ids[0]}`)], {
      channel: /DUADMIN01/,
    });
    deps.clock.advance(60_000);
    expect(await sendDueDeliveries(deps)).toBe(2);
    expect(nock.isDone()).toBe(true);
    expect(forms).toEqual([expect.objectContaining({ channel: 'DUADMIN01', text: 'Feed failing' })]);
    expect(markerOf(forms[0])).toBe(`delivery:${ids[1]}`);
    expect(
      Number(sqlite.prepare('SELECT COUNT(*) FROM deliveries WHERE sent_at IS NOT NULL').pluck().get()),
    ).toBe(2);
    expect(await sendDueDeliveries(deps)).toBe(0);
    expect(unmatched.stop()).toEqual([]);
  });

  it('one whose send froze before its post went out, and that another pass sent meanwhile: the frozen send posts nothing', async () => {
    recordDeliveries(deps, {
      kind: DeliveryKind.FeedFailing,
      subject: String(feedId),
      episode: 1,
      recipients: ['UADMIN00'],
      message: alert,
    });
    deps.outbox = createNockedOutbox();
    const unmatched = watchUnmatched();
    // The first send's DM opening is held: its process frozen there, its lease not renewed.
    let thaw: (() => void) | undefined;
    nock(slackApi)
      .post('/api/conversations.open')
      .reply((_uri, _body, callback) => {
        thaw = () => callback(null, [200, { ok: true, channel: { id: 'DUADMIN00' } }]);
      });
    const posts: Array<Record<string, string>> = [];
    nock(slackApi)
      .post('/api/chat.postMessage')
      .times(2)
      .optionally()
      .reply(200, (_uri, body) => {
        posts.push(Object.fromEntries(new URLSearchParams(String(body))));
        return { ok: true, ts: `2.00010${posts.length}` };
      });
    deps.clock.advance(60_000);
    const first = sendDueDeliveries(deps);
    await vi.waitFor(() => expect(thaw).toBeDefined());
    // Past its lease the next pass takes it, looks in the DM (not there yet), and posts it.
    deps.clock.advance(61_000);
    answerDmOpens(1);
    answerHistory('conversations.history', []);
    expect(await sendDueDeliveries(deps)).toBe(1);
    expect(posts).toHaveLength(1);
    // The frozen send wakes up: it no longer holds the message, so it does not post it again.
    thaw?.();
    expect(await first).toBe(0);
    expect(posts).toHaveLength(1);
    expect(markerOf(posts[0])).toMatch(/^delivery:\d+$/);
    const row = deps.db.sqlite
      .prepare('SELECT due_at AS dueAt, sent_at AS sentAt, error FROM deliveries')
      .safeIntegers(false)
      .get();
    expect(row).toEqual({ dueAt: null, sentAt: deps.clock.now().getTime(), error: null });
    deps.clock.advance(3600_000);
    expect(await sendDueDeliveries(deps)).toBe(0);
    expect(posts).toHaveLength(1);
    expect(unmatched.stop()).toEqual([]);
  });

  it('given up after 12 tries', async () => {
    await owe(1);
    deps.outbox.post = async () => {
      throw new PostError('http_500', false);
    };
    for (let pass = 0; pass < 30; pass++) {
      deps.clock.advance(3600_000);
      await sendDueDeliveries(deps);
    }
    const row = deps.db.sqlite
      .prepare('SELECT attempts, due_at AS dueAt, error FROM deliveries')
      .safeIntegers(false)
      .get();
    expect(row).toEqual({ attempts: 12, dueAt: null, error: 'http_500' });
  });

  it('finished ones are deleted after 30 days; owed ones are kept', async () => {
    await owe(2);
    deps.clock.advance(60_000);
    const post = deps.outbox.post;
    deps.outbox.post = async (channel, body) => {
      if (channel === 'UADMIN01') throw new PostError('http_500', false);
      return post(channel, body);
    };
    await sendDueDeliveries(deps);
    deps.clock.advance(31 * 24 * 3600_000);
    expect(pruneDeliveries(deps)).toBe(1);
    expect(deps.db.sqlite.prepare('SELECT recipient FROM deliveries').pluck().all()).toEqual(['UADMIN01']);
  });
});
