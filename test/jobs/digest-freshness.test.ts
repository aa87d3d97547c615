import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runDueDigests } from '../../src/briefing/digest-runner.ts';
import { runCommand } from '../../src/commands/index.ts';
import { runMinuteJobs } from '../../src/jobs/background.ts';
import { addFeed } from '../../src/monitor/feeds.ts';
import { createTestDeps, type TestDeps } from '../helpers/deps.ts';
import { createSchedule, createTopic, type FeedItem, rssFeed } from '../helpers/digest.ts';
import { startFeedServer } from '../helpers/feed-server.ts';

const minuteMs = 60_000;
const tickMs = 10 * minuteMs;

type FeedServer = Awaited<ReturnType<typeof startFeedServer>>;

let deps: TestDeps;
let server: FeedServer;

beforeEach(async () => {
  deps = await createTestDeps({
    env: { BRIEFBOT_ADMINS: 'UADMIN01', DEFAULT_TIMEZONE: 'UTC', DIGEST_CATCH_UP_HOURS: '6' },
    now: '2026-11-02T09:00:00Z',
  });
  Object.assign(deps.http, { allowPrivate: true, resolve: undefined });
  // Time moves while a cycle runs: an item stored by a poll is older than the digest that reads it.
  const now = deps.clock.now;
  deps.clock.now = () => {
    deps.clock.advance(1);
    return now();
  };
  server = await startFeedServer();
  await createTopic(deps, 'pricing', 'pricing');
});
afterEach(async () => {
  await server.close();
  await deps.cleanup();
});

/** A feed on the local server that shows, at each fetch, the items published by then. */
function serve(path: string, items: FeedItem[], title: string): void {
  server.routes[path] = { body: '' };
  Object.defineProperty(server.routes[path], 'body', {
    get: () => {
      const now = deps.clock.now();
      return rssFeed(
        server.base,
        items.filter((item) => (item.publishedAt ?? now) <= now),
        now,
        title,
      );
    },
  });
}

function post(guid: string, title: string, at: string): FeedItem {
  return { guid, title, publishedAt: new Date(at) };
}

/** The minute job on every `tick` mark (10 minutes) until `to` (inclusive), as cron would start it. */
async function runUntil(to: string, tick = tickMs): Promise<void> {
  while (deps.clock.now() < new Date(to)) {
    deps.clock.set(new Date((Math.floor(deps.clock.now().getTime() / tick) + 1) * tick));
    await runMinuteJobs(deps, 'fresh');
  }
}

/** Daily pricing digests at 10:00 UTC, one per channel. */
async function digestsAtTen(...channels: string[]): Promise<void> {
  for (const channelId of channels)
    await createSchedule(deps, { channelId, timeOfDay: '10:00', timezone: 'UTC', topics: ['pricing'] });
}

function requestsFor(path: string): number {
  return server.requests.filter((request) => request === path).length;
}

/** Everything posted to a channel since `from` (an index into deps.sent), as one string. */
function postedSince(from: number, channel = 'C0NEWS'): string {
  return JSON.stringify(deps.sent.slice(from).filter((sent) => sent.channel === channel));
}

/** Whether an item is stored as news (0), as backlog (1), or not at all (undefined). */
function stored(guid: string): number | undefined {
  return deps.db.sqlite
    .prepare('SELECT backlog FROM items WHERE key LIKE ?')
    .pluck()
    .safeIntegers(false)
    .get(`%${guid}%`) as number | undefined;
}

function feedRow(id: number) {
  return deps.db.sqlite
    .prepare(
      'SELECT next_poll_at AS nextPollAt, last_fetched_at AS lastFetchedAt, consecutive_failures AS failures FROM feeds WHERE id = ?',
    )
    .safeIntegers(false)
    .get(id) as { nextPollAt: number; lastFetchedAt: number; failures: number };
}

describe('digests read quiet feeds fresh', () => {
  it("a quiet feed's post 10 minutes before the daily digest is in that digest, not the next day's", async () => {
    // A blog posting every 2 days: once its rhythm is learnt it is checked about once a day.
    const items = [
      post('q-old-1', 'Pricing archive note one', '2026-10-27T12:00:00Z'),
      post('q-old-2', 'Pricing archive note two', '2026-10-29T12:00:00Z'),
      post('q-old-3', 'Pricing archive note three', '2026-10-31T12:00:00Z'),
      post('q-1', 'Pricing cobalt harbor survey', '2026-11-03T12:00:00Z'),
      post('q-2', 'Pricing ember lagoon review', '2026-11-05T12:00:00Z'),
      post('q-3', 'Pricing falcon meadow study', '2026-11-07T12:00:00Z'),
      post('q-4', 'Pricing quartz willow shift announced', '2026-11-09T07:50:00Z'),
    ];
    serve('/quiet.xml', items, 'Quiet Blog');
    const { feed } = await addFeed(deps, { url: server.url('/quiet.xml'), actorId: 'UADMIN01' });
    await createSchedule(deps, { timeOfDay: '08:00', timezone: 'UTC', topics: ['pricing'] });

    // A week of it, every half hour (no poll of it is due more often), then every 10 minutes.
    await runUntil('2026-11-09T07:30:00Z', 3 * tickMs);
    await runUntil('2026-11-09T07:50:00Z');
    // Read about once a day by now: last a day ago, not since the post came.
    expect(feedRow(feed.id).lastFetchedAt).toBeLessThan(Date.parse('2026-11-09T07:00:00Z'));
    expect(stored('q-4')).toBeUndefined();

    const sentBefore = deps.sent.length;
    await runUntil('2026-11-09T08:00:00Z');
    const digest = postedSince(sentBefore);
    expect(digest).toContain('Pricing quartz willow shift announced');
    // The backlog it was added with never comes back as news.
    expect(JSON.stringify(deps.sent)).not.toContain('archive note');
    // The check was one read, and the feed keeps its learnt daily rhythm from there.
    const after = feedRow(feed.id);
    expect(after.lastFetchedAt).toBeGreaterThanOrEqual(Date.parse('2026-11-09T08:00:00Z'));
    expect(after.nextPollAt).toBeGreaterThan(Date.parse('2026-11-09T20:00:00Z'));
  }, 60_000);

  it('digests of the same minute check each feed once; paused and failing feeds are not checked; a slow feed never holds them', async () => {
    serve('/a.xml', [post('a-1', 'Pricing alpha basalt memo', '2026-11-02T08:00:00Z')], 'Alpha');
    serve('/paused.xml', [post('p-1', 'Pricing paused cedar memo', '2026-11-02T08:00:00Z')], 'Paused');
    serve('/broken.xml', [post('b-1', 'Pricing broken dune memo', '2026-11-02T08:00:00Z')], 'Broken');
    serve('/slow.xml', [post('s-1', 'Pricing slow garnet memo', '2026-11-02T08:00:00Z')], 'Slow');
    const a = (await addFeed(deps, { url: server.url('/a.xml'), actorId: 'UADMIN01' })).feed;
    await addFeed(deps, { url: server.url('/paused.xml'), actorId: 'UADMIN01', paused: true });
    const broken = (await addFeed(deps, { url: server.url('/broken.xml'), actorId: 'UADMIN01' })).feed;
    await addFeed(deps, { url: server.url('/slow.xml'), actorId: 'UADMIN01' });
    // Two digests at 10:00 reading the same feeds.
    await digestsAtTen('C0NEWS', 'C0EXEC');
    // Their next regular reads are far off; the broken one is backing off after a failure.
    deps.db.sqlite.prepare('UPDATE feeds SET next_poll_at = ?').run(Date.parse('2026-11-03T09:00:00Z'));
    deps.db.sqlite.prepare('UPDATE feeds SET consecutive_failures = 1 WHERE id = ?').run(broken.id);

    // New posts at 09:50, then the slow feed takes 3 s to answer (within the fetch timeout).
    const at = '2026-11-02T09:50:00Z';
    serve('/a.xml', [post('a-2', 'Pricing alpha xenon rollout', at)], 'Alpha');
    serve('/paused.xml', [post('p-2', 'Pricing paused yarrow rollout', at)], 'Paused');
    serve('/broken.xml', [post('b-2', 'Pricing broken zephyr rollout', at)], 'Broken');
    serve('/slow.xml', [post('s-2', 'Pricing slow velvet rollout', at)], 'Slow');
    (server.routes['/slow.xml'] as { delayMs?: number }).delayMs = 3000;
    deps.http.timeoutMs = 5000;
    const asked = {
      a: requestsFor('/a.xml'),
      paused: requestsFor('/paused.xml'),
      broken: requestsFor('/broken.xml'),
    };

    deps.clock.set('2026-11-02T10:00:00Z');
    const started = performance.now();
    let postedAfterMs = 0;
    const postMessage = deps.outbox.post;
    deps.outbox.post = async (channel, message, options) => {
      postedAfterMs ||= performance.now() - started;
      return postMessage(channel, message, options);
    };
    const reports = await runDueDigests(deps, { owner: 'fresh', catchUpHours: 6, refreshWithinMs: 500 });
    expect(reports.map((report) => report.status)).toEqual(['posted', 'posted']);
    // The digests went out at the bound, not when the slow feed answered.
    expect(postedAfterMs).toBeGreaterThanOrEqual(400);
    expect(postedAfterMs).toBeLessThan(2500);
    expect(postedSince(0)).toContain('Pricing alpha xenon rollout');
    expect(postedSince(0, 'C0EXEC')).toContain('Pricing alpha xenon rollout');
    expect(JSON.stringify(deps.sent)).not.toMatch(/slow velvet|paused yarrow|broken zephyr/);
    expect(requestsFor('/a.xml') - asked.a).toBe(1);
    expect(requestsFor('/paused.xml')).toBe(asked.paused);
    expect(requestsFor('/broken.xml')).toBe(asked.broken);
    expect(feedRow(a.id).failures).toBe(0);
    // The slow feed's post was stored when it came: tomorrow's digest has it, nothing is lost.
    expect(stored('s-2')).toBe(0);
  });

  it('two instances at the same minute: the one that claims the digests reads the feeds, once', async () => {
    serve('/a.xml', [post('a-1', 'Pricing alpha basalt memo', '2026-11-02T08:00:00Z')], 'Alpha');
    await addFeed(deps, { url: server.url('/a.xml'), actorId: 'UADMIN01' });
    await digestsAtTen('C0NEWS', 'C0EXEC');
    serve('/a.xml', [post('a-2', 'Pricing alpha xenon rollout', '2026-11-02T09:50:00Z')], 'Alpha');
    const asked = requestsFor('/a.xml');
    deps.clock.set('2026-11-02T10:00:00Z');
    const [first, second] = await Promise.all([
      runDueDigests(deps, { owner: 'instance-1', catchUpHours: 6 }),
      runDueDigests(deps, { owner: 'instance-2', catchUpHours: 6 }),
    ]);
    expect([...(first ?? []), ...(second ?? [])].map((report) => report.status)).toEqual([
      'posted',
      'posted',
    ]);
    expect(requestsFor('/a.xml') - asked).toBe(1);
    expect(postedSince(0)).toContain('Pricing alpha xenon rollout');
    expect(postedSince(0, 'C0EXEC')).toContain('Pricing alpha xenon rollout');
  });

  it('a run another instance took over while the feeds were read is left to it', async () => {
    serve('/a.xml', [post('a-1', 'Pricing alpha basalt memo', '2026-11-02T08:00:00Z')], 'Alpha');
    await addFeed(deps, { url: server.url('/a.xml'), actorId: 'UADMIN01' });
    await digestsAtTen('C0NEWS');
    serve('/a.xml', [post('a-2', 'Pricing alpha xenon rollout', '2026-11-02T09:50:00Z')], 'Alpha');
    (server.routes['/a.xml'] as { delayMs?: number }).delayMs = 300;
    deps.clock.set('2026-11-02T10:00:00Z');
    const running = runDueDigests(deps, { owner: 'instance-1', catchUpHours: 6 });
    // While the feed is read, the other instance takes the run over (as after 2 minutes of silence).
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(deps.db.sqlite.prepare("UPDATE digest_runs SET owner = 'instance-2'").run().changes).toBe(1);
    expect(await running).toEqual([]);
    expect(deps.sent).toEqual([]);
    // The check itself was done and kept: the run's new owner finds the post stored.
    expect(stored('a-2')).toBe(0);
  });

  it('a digest caught up after downtime reads the feeds fresh too', async () => {
    serve('/a.xml', [post('a-1', 'Pricing alpha basalt memo', '2026-11-02T08:00:00Z')], 'Alpha');
    await addFeed(deps, { url: server.url('/a.xml'), actorId: 'UADMIN01' });
    await digestsAtTen('C0NEWS');
    deps.db.sqlite.prepare('UPDATE feeds SET next_poll_at = ?').run(Date.parse('2026-11-03T09:00:00Z'));
    serve('/a.xml', [post('a-2', 'Pricing alpha indigo outage note', '2026-11-02T11:20:00Z')], 'Alpha');
    // Briefbot was down from 09:30 to 11:30: the 10:00 digest is caught up at start.
    deps.clock.set('2026-11-02T11:30:00Z');
    await runMinuteJobs(deps, 'fresh');
    const digest = postedSince(0);
    expect(digest).toContain('Pricing alpha indigo outage note');
    expect(digest).toContain('Posted late');
  });
});

describe('digest now and digest preview read quiet feeds fresh too', () => {
  /** A feed read at 08:00 whose next regular read is tomorrow, and a post it made at 09:50. */
  async function quietFeedWithNewPost(): Promise<number> {
    serve('/a.xml', [post('a-1', 'Pricing alpha basalt memo', '2026-11-02T08:00:00Z')], 'Alpha');
    const { feed } = await addFeed(deps, { url: server.url('/a.xml'), actorId: 'UADMIN01' });
    await digestsAtTen('C0NEWS');
    deps.db.sqlite.prepare('UPDATE feeds SET next_poll_at = ?').run(Date.parse('2026-11-03T09:00:00Z'));
    serve('/a.xml', [post('a-2', 'Pricing alpha xenon rollout', '2026-11-02T09:50:00Z')], 'Alpha');
    deps.clock.set('2026-11-02T09:55:00Z');
    return feed.id;
  }

  const brief = (text: string) => runCommand(deps, { userId: 'UADMIN01', channelId: 'C0CHANNEL', text });

  it("digest now posts a quiet feed's post made since its last read, reading it once", async () => {
    const feedId = await quietFeedWithNewPost();
    const asked = requestsFor('/a.xml');
    expect((await brief('digest now 1')).text).toBe('Posted 1 item to <#C0NEWS>.');
    expect(postedSince(0)).toContain('Pricing alpha xenon rollout');
    expect(requestsFor('/a.xml') - asked).toBe(1);
    expect(feedRow(feedId).lastFetchedAt).toBeGreaterThanOrEqual(Date.parse('2026-11-02T09:55:00Z'));
    // Read just now: a second digest now within half an hour does not read it again.
    deps.clock.set('2026-11-02T10:05:00Z');
    await brief('digest now 1');
    expect(requestsFor('/a.xml') - asked).toBe(1);
  });

  it('digest preview shows the post too, as the digest will post it, and posts nothing', async () => {
    await quietFeedWithNewPost();
    const preview = await brief('digest preview 1');
    expect(JSON.stringify(preview.blocks)).toContain('Pricing alpha xenon rollout');
    expect(deps.sent).toEqual([]);
    // The 10:00 digest finds it stored and posts it, without reading the feed again.
    const asked = requestsFor('/a.xml');
    deps.clock.set('2026-11-02T10:00:00Z');
    await runDueDigests(deps, { owner: 'fresh', catchUpHours: 6 });
    expect(postedSince(0)).toContain('Pricing alpha xenon rollout');
    expect(requestsFor('/a.xml')).toBe(asked);
  });
});
