import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  buildDigests,
  candidatePool,
  digestTopicOrder,
  loadCandidates,
  scoreItem,
  selectDigest,
  topicIdsByName,
} from '../../src/briefing/digest.ts';
import { runDueDigests } from '../../src/briefing/digest-runner.ts';
import { addFeed } from '../../src/monitor/feeds.ts';
import { pollDueFeeds } from '../../src/monitor/poll.ts';
import { createTestDeps, type TestDeps } from '../helpers/deps.ts';
import {
  channelPosts,
  createFeed,
  createSchedule,
  createTopic,
  digestRuns,
  type FeedItem,
  itemIdsIn,
  rssFeed,
  storeFeedItems,
} from '../helpers/digest.ts';
import { euOutageUrls, loadDemoCorpus } from './corpus.ts';

type Candidate = Parameters<typeof scoreItem>[0];

const hourMs = 3600_000;
const now = Date.parse('2026-11-02T08:00:00Z');
const base: Candidate = {
  id: 1,
  feedId: 1,
  clusterId: null,
  publishedAt: now,
  createdAt: now,
  commentCount: null,
  controversy: null,
  sourceCount: 1,
  weight: 1,
  kind: 'news',
  topicIds: [1],
};

describe('scoreItem', () => {
  it('is 1 for a plain news item published just now', () => {
    expect(scoreItem(base, 1, 0, now)).toBeCloseTo(1, 10);
  });

  it('follows each documented factor', () => {
    expect(scoreItem(base, 3, 0, now)).toBeCloseTo(2, 10);
    expect(scoreItem({ ...base, weight: 2 }, 1, 0, now)).toBeCloseTo(2, 10);
    expect(scoreItem({ ...base, kind: 'review' }, 1, 0, now)).toBeCloseTo(1.2, 10);
    expect(scoreItem({ ...base, kind: 'forum' }, 1, 0, now)).toBeCloseTo(1.1, 10);
    expect(scoreItem({ ...base, publishedAt: now - 48 * hourMs }, 1, 0, now)).toBeCloseTo(0.5, 10);
    expect(scoreItem({ ...base, commentCount: 99 }, 1, 0, now)).toBeCloseTo(2, 10);
    expect(scoreItem({ ...base, sourceCount: 3 }, 1, 0, now)).toBeCloseTo(1.6, 10);
    expect(scoreItem({ ...base, controversy: 0.5 }, 1, 0, now)).toBeCloseTo(1.5, 10);
    expect(scoreItem(base, 1, 1, now)).toBeCloseTo(0.8, 10);
    expect(scoreItem(base, 1, 2, now)).toBeCloseTo(0.64, 10);
    expect(scoreItem(base, 1, 20, now)).toBeCloseTo(0.3, 10);
  });

  it('ranks more comments, more sources and more recent items higher', () => {
    const plain = scoreItem({ ...base, publishedAt: now - 10 * hourMs }, 1, 0, now);
    expect(
      scoreItem({ ...base, publishedAt: now - 10 * hourMs, commentCount: 40 }, 1, 0, now),
    ).toBeGreaterThan(plain);
    expect(scoreItem({ ...base, publishedAt: now - 10 * hourMs, sourceCount: 2 }, 1, 0, now)).toBeGreaterThan(
      plain,
    );
    expect(scoreItem({ ...base, publishedAt: now - 2 * hourMs }, 1, 0, now)).toBeGreaterThan(plain);
    // A publication date in the future (a feed's clock) does not beat "now".
    expect(scoreItem({ ...base, publishedAt: now + 10 * hourMs }, 1, 0, now)).toBeCloseTo(1, 10);
  });
});

describe('what a digest contains', () => {
  let deps: TestDeps;
  let news: number;
  const slot = '2026-11-02T08:00:00Z';

  beforeEach(async () => {
    deps = await createTestDeps({ env: { BRIEFBOT_ADMINS: 'UADMIN01' }, now: '2026-10-31T12:00:00Z' });
    await createTopic(deps, 'pricing', 'pricing OR price*');
    await createTopic(deps, 'outages', 'outage*');
    await createTopic(deps, 'hiring', 'hiring');
    news = await createFeed(deps, { host: 'https://news.example.com', title: 'Example News' });
  });
  afterEach(async () => {
    await deps.cleanup();
  });

  /**
   * Acme's price rise in the news (published at `rise`) beside an older pricing memo, and a forum
   * thread telling the rise on 1 Nov at 10:00, all fetched at noon: the news items, by GUID.
   */
  async function storePriceRiseTold(
    forum: number,
    at: { rise: string; memo: { title: string; at: string } },
  ) {
    const found = await storeAt('2026-11-01T12:00:00Z', news, [
      {
        guid: 'rise',
        title: 'Acme raises Acme Desk prices by 18% as per-seat plans give way to usage tiers',
        text: 'Acme will move Acme Desk customers from per-seat pricing to three usage tiers at renewal.',
        publishedAt: new Date(at.rise),
      },
      { guid: 'memo', title: at.memo.title, publishedAt: new Date(at.memo.at) },
    ]);
    await storeAt('2026-11-01T12:00:00Z', forum, [
      {
        guid: 'thread',
        title: 'Acme Desk price rise: per-seat plans give way to usage tiers, 18% more at renewal',
        text: 'Acme is moving Acme Desk from per-seat pricing to usage tiers; our renewal is 18% higher.',
        publishedAt: new Date('2026-11-01T10:00:00Z'),
      },
    ]);
    return found;
  }

  /**
   * A heavy wire's Friday story of Acme's price rise, the day's news stories `titles` (the one at
   * `index` published at `at(index)`), and a light forum's thread on the wire's story, told today:
   * the stored ids of the story (`rise`) and of the day's stories, and the forum's feed.
   */
  async function storeRiseRetold(titles: string[], at: (index: number) => string) {
    const wire = await createFeed(deps, { host: 'https://wire.example.com', kind: 'news', weight: 3 });
    const forum = await createFeed(deps, { host: 'https://forum.example.com', kind: 'forum', weight: 0.05 });
    const rise = await storeAt('2026-11-01T12:00:00Z', wire, [
      {
        guid: 'rise',
        title: 'Acme raises Acme Desk prices by 18% as per-seat plans give way to usage tiers',
        text: 'Acme will move Acme Desk customers from per-seat pricing to three usage tiers at renewal.',
        publishedAt: new Date('2026-10-30T09:00:00Z'),
      },
    ]);
    const day = await storeAt(
      '2026-11-01T12:00:00Z',
      news,
      titles.map((title, index) => ({ guid: `day${index}`, title, publishedAt: new Date(at(index)) })),
    );
    await storeAt('2026-11-01T12:00:00Z', forum, [
      {
        guid: 'thread',
        title: 'Acme Desk price rise: per-seat plans give way to usage tiers, 18% more at renewal',
        text: 'Acme is moving Acme Desk from per-seat pricing to usage tiers; our renewal is 18% higher.',
        publishedAt: new Date('2026-11-01T10:00:00Z'),
      },
    ]);
    return { rise, day, forum };
  }

  async function storeAt(when: string, feedId: number, items: FeedItem[], backlog = false) {
    deps.clock.set(when);
    return storeFeedItems(deps, feedId, items, { backlog });
  }

  async function runAt(when: string) {
    deps.clock.set(when);
    return runDueDigests(deps, { owner: 'test', catchUpHours: 6 });
  }

  /** The item ids posted in threads to a channel, in order. */
  function threadItems(channel: string): number[] {
    return deps.sent
      .filter((sent) => sent.channel === channel && sent.threadTs)
      .flatMap((sent) => itemIdsIn(sent.message.blocks));
  }

  it("leaves out a paused feed's stored items, and takes them again once it is resumed", async () => {
    await createSchedule(deps, { channelId: 'C0NEWS', timezone: 'UTC', topics: ['pricing'] });
    const noisy = await createFeed(deps, { host: 'https://noisy.example.com', title: 'Noisy' });
    const kept = await storeAt('2026-11-01T12:00:00Z', news, [{ guid: 'k1', title: 'Acme pricing goes up' }]);
    const paused = await storeAt('2026-11-01T12:00:00Z', noisy, [
      { guid: 'n1', title: 'Noisy pricing take' },
    ]);
    await deps.db.prisma.feed.update({ where: { id: noisy }, data: { status: 'paused' } });
    await runAt(slot);
    expect(threadItems('C0NEWS')).toEqual([kept.k1]);
    await deps.db.prisma.feed.update({ where: { id: noisy }, data: { status: 'active' } });
    const since = new Date('2026-11-01T08:00:00Z');
    expect(loadCandidates(deps.db.sqlite, since, deps.clock.now()).map((item) => item.id)).toContain(
      paused.n1,
    );
  });

  it('the first digest: the last 24 hours, the schedule’s topics only, never backlog', async () => {
    await createSchedule(deps, { channelId: 'C0NEWS', timezone: 'UTC', topics: ['pricing', 'outages'] });
    const old = await storeAt('2026-11-01T07:00:00Z', news, [{ guid: 'old', title: 'Old pricing change' }]);
    const backlog = await storeAt(
      '2026-11-01T10:00:00Z',
      news,
      [{ guid: 'backlog', title: 'Backlog pricing story' }],
      true,
    );
    const fresh = await storeAt('2026-11-01T12:00:00Z', news, [
      { guid: 'p1', title: 'Acme pricing goes up', comments: 10 },
      { guid: 'o1', title: 'Acme outage in Europe' },
      { guid: 'h1', title: 'Acme is hiring engineers' },
      { guid: 'n1', title: 'Weather is nice' },
    ]);
    const reports = await runAt(slot);
    expect(reports).toMatchObject([{ status: 'posted', items: 2 }]);
    expect(threadItems('C0NEWS')).toEqual([fresh.p1, fresh.o1]);
    expect(threadItems('C0NEWS')).not.toContain(old.old);
    expect(threadItems('C0NEWS')).not.toContain(backlog.backlog);
    const [parent, ...thread] = deps.sent;
    expect(parent?.threadTs).toBeUndefined();
    expect(parent?.message.text).toMatch(/^Digest: pricing, outages: 2 new since Sun 1 Nov 08:00 UTC\./);
    // Grouped by topic in the thread (the best-ranked first), one message per topic, each a reply to the parent.
    expect(thread.map((sent) => sent.message.text)).toEqual([
      'pricing: Acme pricing goes up',
      'outages: Acme outage in Europe',
    ]);
    expect(new Set(thread.map((sent) => sent.threadTs))).toEqual(new Set(['1700000001.000100']));
  });

  it('items a feed already had at subscription never appear; items from a later poll do', async () => {
    const host = 'https://blog.example.org';
    deps.clock.set('2026-11-01T09:00:00Z');
    await createSchedule(deps, { channelId: 'C0NEWS', timezone: 'UTC', topics: ['pricing'] });
    nock(host)
      .get('/feed')
      .reply(200, rssFeed(host, [{ guid: 'a', title: 'Pricing at subscription' }], deps.clock.now()));
    await addFeed(deps, { url: `${host}/feed`, actorId: 'UADMIN01' });
    deps.clock.set('2026-11-01T12:00:00Z');
    nock(host)
      .get('/feed')
      .reply(
        200,
        rssFeed(
          host,
          [
            { guid: 'a', title: 'Pricing at subscription' },
            { guid: 'b', title: 'Pricing after subscription' },
          ],
          deps.clock.now(),
        ),
      );
    expect((await pollDueFeeds(deps)).newItems).toHaveLength(1);
    await runAt(slot);
    const titles = deps.sent.flatMap((sent) => sent.message.text);
    expect(titles.join('\n')).toMatch(/Pricing after subscription/);
    expect(titles.join('\n')).not.toMatch(/Pricing at subscription/);
    expect(channelPosts(deps)).toHaveLength(1);
  });

  it('a feed added with a sparse back-catalogue is checked often enough that its next post makes the next digest as new', async () => {
    const host = 'https://blog.example.org';
    deps.clock.set('2026-11-01T09:00:00Z');
    await createSchedule(deps, { channelId: 'C0NEWS', timezone: 'UTC', topics: ['pricing'] });
    // Its back-catalogue: a post every 2 days. Added at 06:30; its next post comes an hour later.
    const backCatalogue = [0, 1, 2, 3, 4].map((n) => ({
      guid: `old${n}`,
      title: `Pricing note ${n}`,
      publishedAt: new Date(Date.parse('2026-11-01T06:00:00Z') - n * 2 * 24 * hourMs),
    }));
    const added = Date.parse('2026-11-02T06:30:00Z');
    const newPost = { guid: 'new', title: 'Acme pricing goes up', publishedAt: new Date(added + hourMs) };
    nock(host)
      .persist()
      .get('/feed')
      .reply(() => {
        const now = deps.clock.now();
        const items = now >= newPost.publishedAt ? [newPost, ...backCatalogue] : backCatalogue;
        return [200, rssFeed(host, items, now)];
      });
    deps.clock.set(new Date(added));
    await addFeed(deps, { url: `${host}/feed`, actorId: 'UADMIN01' });
    // Poll on the feed's own schedule, as the running bot does, up to the 08:00 digest.
    const fetchedAt: number[] = [];
    for (;;) {
      const { nextPollAt } = await deps.db.prisma.feed.findFirstOrThrow({ where: { url: `${host}/feed` } });
      if (nextPollAt.getTime() > Date.parse(slot)) break;
      deps.clock.set(nextPollAt);
      if ((await pollDueFeeds(deps)).newItems.length > 0) fetchedAt.push(nextPollAt.getTime());
    }
    nock.cleanAll();
    // Found within the base interval (30 minutes) of being posted, not a day later.
    expect(fetchedAt).toHaveLength(1);
    expect((fetchedAt[0] as number) - newPost.publishedAt.getTime()).toBeLessThanOrEqual(30 * 60_000);
    await runAt(slot);
    const thread = JSON.stringify(deps.sent.filter((sent) => sent.threadTs));
    expect(thread).toMatch(/Acme pricing goes up/);
    expect(thread).not.toMatch(/arrived late/);
    expect(deps.sent.find((sent) => !sent.threadTs)?.message.text).toMatch(/^Digest: pricing: 1 new since/);
  });

  it('never repeats an item in a channel; the next digest starts where the last one ended', async () => {
    await createSchedule(deps, { channelId: 'C0NEWS', timezone: 'UTC', topics: ['pricing'] });
    // A second schedule on the same channel, an hour later, and one on another channel.
    await createSchedule(deps, {
      channelId: 'C0NEWS',
      timezone: 'UTC',
      timeOfDay: '09:00',
      topics: ['pricing'],
      quietDay: 'skip',
    });
    await createSchedule(deps, { channelId: 'C0OTHER', timezone: 'UTC', topics: ['pricing'] });
    const first = await storeAt('2026-11-01T12:00:00Z', news, [
      { guid: 'p1', title: 'Acme pricing goes up' },
      { guid: 'p2', title: 'Globex price cut' },
    ]);
    await runAt(slot);
    expect(threadItems('C0NEWS').sort()).toEqual([first.p1, first.p2].sort());
    expect(threadItems('C0OTHER').sort()).toEqual([first.p1, first.p2].sort());
    deps.sent.length = 0;
    // The 09:00 schedule of the same channel finds nothing it may post.
    expect(await runAt('2026-11-02T09:00:00Z')).toMatchObject([{ status: 'quiet', items: 0 }]);
    expect(deps.sent).toEqual([]);
    const next = await storeAt('2026-11-02T12:00:00Z', news, [{ guid: 'p3', title: 'Initech pricing page' }]);
    await runAt('2026-11-03T08:00:00Z');
    expect(threadItems('C0NEWS')).toEqual([next.p3]);
    expect(threadItems('C0OTHER')).toEqual([next.p3]);
    const parent = deps.sent.find((sent) => sent.channel === 'C0NEWS' && !sent.threadTs);
    // Since the previous digest's slot, and compared with it.
    expect(parent?.message.text).toMatch(/1 new since Mon 2 Nov 08:00 UTC\./);
    expect(JSON.stringify(parent?.message.blocks)).toMatch(/▼ down from 2 in the previous digest/);
    const keys = channelPosts(deps).map((post) => `${post.channelId}:${post.itemId}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toHaveLength(6);
  });

  it('shows one item per story, with "+N other sources"', async () => {
    const blog = await createFeed(deps, { host: 'https://blog.example.org', title: 'Blog' });
    const reviews = await createFeed(deps, {
      host: 'https://reviews.example.net',
      title: 'Reviews',
      kind: 'review',
    });
    await createSchedule(deps, { channelId: 'C0NEWS', timezone: 'UTC', topics: ['pricing'] });
    const story =
      'Acme raises prices for its analytics suite by thirty percent and customers say they will look for alternatives before renewal season begins next quarter';
    deps.clock.set('2026-11-01T12:00:00Z');
    const a = await storeFeedItems(deps, news, [
      { guid: 's-news', title: 'Acme raises prices by 30%', text: story },
    ]);
    const b = await storeFeedItems(deps, blog, [
      { guid: 's-blog', title: 'Acme hikes prices 30 percent', text: `${story} say analysts` },
    ]);
    const c = await storeFeedItems(deps, reviews, [
      { guid: 's-review', title: 'Acme raises prices, reviewers unhappy', text: `${story}, reviewers write` },
      { guid: 'other', title: 'Globex pricing calculator' },
    ]);
    await runAt(slot);
    const posted = threadItems('C0NEWS');
    // The review ranks highest (kind 1.2) and stands for the story.
    expect(posted.sort()).toEqual([c['s-review'], c.other].sort());
    expect(posted).not.toContain(a['s-news']);
    expect(posted).not.toContain(b['s-blog']);
    const thread = JSON.stringify(
      deps.sent.filter((sent) => sent.threadTs).map((sent) => sent.message.blocks),
    );
    expect(thread).toMatch(/\+2 other sources/);
    expect(thread.match(/other source/g)).toHaveLength(1);
  });

  it('reads each story in the language it was stored in: an English headline too short to tell is no Dutch outage', async () => {
    await createTopic(deps, 'acme', 'acme');
    const blog = await createFeed(deps, { host: 'https://blog.example.org', title: 'Blog' });
    await createSchedule(deps, { channelId: 'C0NEWS', timezone: 'UTC', topics: ['acme'] });
    deps.clock.set('2026-11-01T12:00:00Z');
    const outage = await storeFeedItems(deps, news, [
      {
        guid: 'outage',
        title: 'Acme Desk outage: EU customers without tickets for four hours',
        text: 'Acme Desk customers in Frankfurt could not open tickets from 9:00 to 13:00.',
      },
    ]);
    // A headline alone: "now" and "in" are too few to guess its language by, enough to store it as English.
    const residency = await storeFeedItems(deps, blog, [
      { guid: 'residency', title: 'Acme Desk now storing EU customer tickets in Frankfurt', text: '' },
    ]);
    const stored = deps.db.sqlite
      .prepare('SELECT language FROM items WHERE id = ?')
      .pluck()
      .get(residency.residency as number);
    expect(stored).toBe('en');
    await runAt(slot);
    // Read as a guess, Dutch "storing" (outage) made the EU region Acme's outage, one story of the two.
    expect(threadItems('C0NEWS').sort()).toEqual([outage.outage, residency.residency].sort());
    const thread = JSON.stringify(
      deps.sent.filter((sent) => sent.threadTs).map((sent) => sent.message.blocks),
    );
    expect(thread).not.toMatch(/other source/);
  });

  it('leads with what is new, says older stories that arrived late apart, and leaves out a back-catalogue older than the week', async () => {
    await createSchedule(deps, { channelId: 'C0NEWS', timezone: 'UTC', topics: ['pricing'], maxItems: 3 });
    const found = await storeAt('2026-11-01T12:00:00Z', news, [
      { guid: 'new1', title: 'Acme pricing goes up', publishedAt: new Date('2026-11-01T11:00:00Z') },
      { guid: 'new2', title: 'Pricing survey out', publishedAt: new Date('2026-11-01T10:00:00Z') },
      { guid: 'late', title: 'Pricing thread from Friday', publishedAt: new Date('2026-10-30T10:00:00Z') },
      { guid: 'later', title: 'Pricing memo from Thursday', publishedAt: new Date('2026-10-29T10:00:00Z') },
      // Eight days old when the digest goes out: a feed's back-catalogue, no news to a daily digest.
      { guid: 'archive', title: 'Pricing archive post', publishedAt: new Date('2026-10-25T07:00:00Z') },
    ]);
    await runAt(slot);
    expect(threadItems('C0NEWS')).not.toContain(found.archive);
    expect(threadItems('C0NEWS')).toHaveLength(3);
    const parent = deps.sent.find((sent) => !sent.threadTs);
    expect(parent?.message.text).toMatch(
      /^Digest: pricing: 2 new since Sun 1 Nov 08:00 UTC; 3 shown, 1 of them an older story that arrived late\./,
    );
    const blocks = JSON.stringify(parent?.message.blocks);
    expect(blocks).toMatch(
      /The other 1 of the 4 that came in is left out \(an older story that arrived late\),/,
    );
    expect(JSON.stringify(deps.sent.filter((sent) => sent.threadTs))).toMatch(/older, arrived late/);
  });

  it('shows every new story before older ones that arrived late, however much those are talked about', async () => {
    await createSchedule(deps, { channelId: 'C0NEWS', timezone: 'UTC', topics: ['pricing'], maxItems: 3 });
    const reviews = await createFeed(deps, {
      host: 'https://reviews.example.com',
      kind: 'review',
      weight: 2,
    });
    // Found late, and each outscores the new stories (a heavier feed, many comments, a day old only).
    const late = await storeAt('2026-11-01T12:00:00Z', reviews, [
      {
        guid: 'late1',
        title: 'Pricing review from Saturday',
        publishedAt: new Date('2026-10-31T20:00:00Z'),
        comments: 400,
      },
      {
        guid: 'late2',
        title: 'Price complaints from Saturday',
        publishedAt: new Date('2026-10-31T18:00:00Z'),
        comments: 300,
      },
    ]);
    const fresh = await storeAt('2026-11-01T12:00:00Z', news, [
      { guid: 'new1', title: 'Acme pricing goes up', publishedAt: new Date('2026-11-01T09:00:00Z') },
      { guid: 'new2', title: 'Survey: price matters most', publishedAt: new Date('2026-11-01T10:00:00Z') },
    ]);
    await runAt(slot);
    expect(threadItems('C0NEWS').sort()).toEqual([fresh.new1, fresh.new2, late.late1].sort());
    const parent = deps.sent.find((sent) => !sent.threadTs);
    expect(parent?.message.text).toMatch(
      /^Digest: pricing: 2 new since Sun 1 Nov 08:00 UTC; 3 shown, 1 of them an older story that arrived late\./,
    );
    expect(JSON.stringify(parent?.message.blocks)).toMatch(
      /The other 1 of the 4 that came in is left out \(an older story that arrived late\),/,
    );
  });

  it('counts a new post told as another source of a story shown as that story, never as a new story left out', async () => {
    await createSchedule(deps, { channelId: 'C0NEWS', timezone: 'UTC', topics: ['pricing'], maxItems: 2 });
    const forum = await createFeed(deps, { host: 'https://forum.example.com', kind: 'forum' });
    await storePriceRiseTold(forum, {
      rise: '2026-11-01T09:00:00Z',
      memo: { title: 'Pricing memo from Thursday', at: '2026-10-29T10:00:00Z' },
    });
    await runAt(slot);
    const parent = deps.sent.find((sent) => !sent.threadTs);
    expect(JSON.stringify(deps.sent.filter((sent) => sent.threadTs))).toMatch(/other source/);
    expect(parent?.message.text).toMatch(
      /^Digest: pricing: 1 new since Sun 1 Nov 08:00 UTC; 2 shown, 1 of them an older story that arrived late\./,
    );
    expect(JSON.stringify(parent?.message.blocks)).not.toMatch(/left out/);
  });

  it('counts an older news story with a brand-new forum thread on it as new, never as arrived late', async () => {
    await createSchedule(deps, { channelId: 'C0NEWS', timezone: 'UTC', topics: ['pricing'], maxItems: 3 });
    // A light forum: the news story outscores its thread and tells the story.
    const forum = await createFeed(deps, { host: 'https://forum.example.com', kind: 'forum', weight: 0.3 });
    const found = await storePriceRiseTold(forum, {
      rise: '2026-10-30T09:00:00Z',
      memo: { title: 'Pricing memo from Wednesday', at: '2026-10-28T10:00:00Z' },
    });
    await runAt(slot);
    const parent = deps.sent.find((sent) => !sent.threadTs);
    // The news story is shown (its publication Friday's), told again today: new, and first.
    expect(threadItems('C0NEWS')).toEqual([found.rise, found.memo]);
    expect(parent?.message.text).toMatch(
      /^Digest: pricing: 1 new since Sun 1 Nov 08:00 UTC; 2 shown, 1 of them an older story that arrived late\./,
    );
    const thread = deps.sent
      .filter((sent) => sent.threadTs)
      .map((sent) => JSON.stringify(sent.message.blocks));
    expect(thread.join()).toMatch(/other source/);
    expect(thread.join().match(/older, arrived late/g)).toHaveLength(1);
  });

  it('counts a later telling of an older story as new however low it ranks, unless its source is muted', async () => {
    // A heavy wire's Friday story, and four new stories of the day that outrank a light forum's
    // thread on the wire's story: with room for one, the 4 best-ranked are read for events, not the thread.
    const { rise, day, forum } = await storeRiseRetold(
      [
        'Globex cuts its starter price',
        'Initech pricing page redesigned',
        'Umbrella freezes list price',
        'Hooli price survey out',
      ],
      (index) => `2026-11-01T1${index}:00:00Z`,
    );
    deps.clock.set(slot);
    const since = new Date('2026-11-01T08:00:00Z');
    const pick = () =>
      selectDigest(
        deps.db.sqlite,
        { id: 1, channelId: 'C0NEWS', topicNames: ['pricing'], maxItems: 1 },
        loadCandidates(deps.db.sqlite, since, deps.clock.now()),
        topicIdsByName(deps.db.sqlite),
        since,
        deps.clock.now(),
      );
    // Told again this morning: new, and the best-ranked, so it leads, telling the thread's source too.
    const digest = pick();
    expect(digest.items.map((item) => item.id)).toEqual([rise.rise]);
    expect(digest.items[0]?.toldAt).toEqual(new Date('2026-11-01T10:00:00Z'));
    expect(digest.items[0]?.otherSources).toBe(1);
    // One story, not the thread again beside it: five in the window.
    expect(digest.candidates).toBe(5);
    expect(Object.keys(day)).toHaveLength(4);
    // A muted forum tells the channel nothing: the Friday story is late again, the day's news leads.
    await deps.db.prisma.channelFeedback.create({
      data: {
        channelId: 'C0NEWS',
        kind: 'mute_source',
        feedId: forum,
        userId: 'UADMIN01',
        at: new Date(slot),
      },
    });
    const muted = pick();
    expect(muted.items.map((item) => item.id)).not.toEqual([rise.rise]);
    expect(muted.items[0]?.toldAt).toBeUndefined();
  });

  it('finds the later telling of an older story among many window stories sharing a few of its words', async () => {
    // Only the stories closest to an old event are grouped with it (a window of thousands sharing
    // common words costs no grouping of thousands): nine better-ranked stories of the day share
    // "usage tiers" and "pricing" with the wire's story, the forum's thread nearly its whole title.
    const { rise } = await storeRiseRetold(
      [
        'Initech launches usage tiers for its analytics pricing',
        'Hooli webinar: why usage tiers beat flat pricing',
        'Globex CFO on pricing pressure and usage tiers in Q4',
        'Survey finds SaaS buyers prefer usage tiers over seat pricing',
        'Umbrella keeps pricing flat, rejects usage tiers for now',
        'Analyst note: usage tiers spread across CRM pricing',
        'Podcast episode 42 digs into usage tiers and pricing psychology',
        'Stark Industries pilots usage tiers in cloud pricing',
        'Wayne Enterprises adds usage tiers to its pricing calculator',
      ],
      (index) => `2026-11-01T0${index}:30:00Z`,
    );
    deps.clock.set(slot);
    const since = new Date('2026-11-01T00:00:00Z');
    const digest = selectDigest(
      deps.db.sqlite,
      { id: 1, channelId: 'C0NEWS', topicNames: ['pricing'], maxItems: 1 },
      loadCandidates(deps.db.sqlite, since, deps.clock.now()),
      topicIdsByName(deps.db.sqlite),
      since,
      deps.clock.now(),
    );
    expect(digest.items.map((item) => item.id)).toEqual([rise.rise]);
    expect(digest.items[0]?.toldAt).toEqual(new Date('2026-11-01T10:00:00Z'));
    expect(digest.items[0]?.otherSources).toBe(1);
  });

  it('finds the later telling of an older story in every digest of one window, however many are built together', async () => {
    // Many schedules share one window's candidates and what was read of them (titles, words): each
    // digest still finds the forum's thread on the wire's story, and no schedule's looking spoils the next's.
    const { rise } = await storeRiseRetold(
      [
        'Globex cuts its starter price',
        'Initech pricing page redesigned',
        'Umbrella freezes list price',
        'Hooli price survey out',
      ],
      (index) => `2026-11-01T1${index}:00:00Z`,
    );
    deps.clock.set(slot);
    const channels = ['C0NEWS', 'C0EXEC', 'C0SALES'];
    const digests = buildDigests(
      deps.db.sqlite,
      channels.map((channelId, index) => ({
        id: index + 1,
        channelId,
        topicNames: ['pricing'],
        maxItems: 1,
      })),
      new Date('2026-11-01T08:00:00Z'),
      deps.clock.now(),
    );
    for (const id of [1, 2, 3]) {
      expect(digests.get(id)?.items.map((item) => item.id)).toEqual([rise.rise]);
      expect(digests.get(id)?.items[0]?.toldAt).toEqual(new Date('2026-11-01T10:00:00Z'));
      expect(digests.get(id)?.candidates).toBe(5);
    }
  });

  it('a digest of only older stories that arrived late counts what it delivers, never "nothing new" above it', async () => {
    await createSchedule(deps, { channelId: 'C0NEWS', timezone: 'UTC', topics: ['pricing'] });
    await storeAt('2026-11-01T12:00:00Z', news, [
      { guid: 'late', title: 'Pricing thread from Friday', publishedAt: new Date('2026-10-30T10:00:00Z') },
      { guid: 'later', title: 'Pricing memo from Thursday', publishedAt: new Date('2026-10-29T10:00:00Z') },
    ]);
    await runAt(slot);
    const parent = deps.sent.find((sent) => !sent.threadTs);
    expect(parent?.message.text).toMatch(
      /^Digest: pricing: 2 stories that reached Briefbot since Sun 1 Nov 08:00 UTC, all older ones that arrived late\./,
    );
    expect(JSON.stringify(parent?.message.blocks)).not.toMatch(/nothing new/);
    expect(threadItems('C0NEWS')).toHaveLength(2);
  });

  it('leads with the news story over a review that outranks it, unless the news scores under half of it', async () => {
    const reviews = await createFeed(deps, { host: 'https://reviews.example.com', kind: 'review' });
    // Fetched after they were published: a date ahead of the fetch is read as the fetch time.
    deps.clock.set('2026-11-02T07:30:00Z');
    const ids = {
      ...(await storeFeedItems(deps, reviews, [
        {
          guid: 'kind',
          title: 'Support was great during the pricing change',
          publishedAt: new Date('2026-11-02T07:00:00Z'),
        },
        { guid: 'angry', title: 'Pricing went up for us', publishedAt: new Date('2026-11-02T06:00:00Z') },
      ])),
      ...(await storeFeedItems(deps, news, [
        { guid: 'story', title: 'Acme raises pricing', publishedAt: new Date('2026-11-02T05:00:00Z') },
        { guid: 'stale', title: 'Old pricing note', publishedAt: new Date('2026-10-27T05:00:00Z') },
      ])),
    };
    deps.clock.set(slot);
    const pick = (maxItems: number) =>
      selectDigest(
        deps.db.sqlite,
        { id: 1, channelId: 'C0NEWS', topicNames: ['pricing'], maxItems },
        loadCandidates(deps.db.sqlite, new Date('2026-11-01T08:00:00Z'), deps.clock.now()),
        topicIdsByName(deps.db.sqlite),
        new Date('2026-11-01T08:00:00Z'),
        deps.clock.now(),
      ).items.map((item) => item.id);
    expect(pick(2)).toEqual([ids.story, ids.kind]);
    expect(pick(4)).toEqual([ids.story, ids.kind, ids.angry, ids.stale]);
    // A week-old note is not worth leading with: the reviews keep their places.
    await deps.db.prisma.item.delete({ where: { id: ids.story as number } });
    expect(pick(2)).toEqual([ids.kind, ids.angry]);
  });

  it('ranks by score and keeps to max', async () => {
    await createSchedule(deps, { channelId: 'C0NEWS', timezone: 'UTC', topics: ['pricing'], maxItems: 3 });
    deps.clock.set('2026-11-01T12:00:00Z');
    const published = new Date('2026-11-01T10:00:00Z');
    const ids = await storeFeedItems(deps, news, [
      { guid: 'quiet', title: 'Quiet pricing note', publishedAt: published },
      { guid: 'busy', title: 'Busy pricing thread', publishedAt: published, comments: 300 },
      { guid: 'fresh', title: 'Fresh pricing news', publishedAt: new Date('2026-11-02T07:00:00Z') },
      { guid: 'older', title: 'Older pricing note', publishedAt: new Date('2026-10-30T10:00:00Z') },
      { guid: 'oldest', title: 'Oldest pricing note', publishedAt: new Date('2026-10-28T10:00:00Z') },
    ]);
    deps.clock.set(slot);
    const digest = selectDigest(
      deps.db.sqlite,
      { id: 1, channelId: 'C0NEWS', topicNames: ['pricing'], maxItems: 10 },
      loadCandidates(deps.db.sqlite, new Date('2026-11-01T08:00:00Z'), deps.clock.now()),
      topicIdsByName(deps.db.sqlite),
      new Date('2026-11-01T08:00:00Z'),
      deps.clock.now(),
    );
    expect(digest.items.map((item) => item.id)).toEqual([
      ids.busy,
      ids.fresh,
      ids.quiet,
      ids.older,
      ids.oldest,
    ]);
    const scores = digest.items.map((item) => item.score);
    expect([...scores].sort((x, y) => y - x)).toEqual(scores);
    await runAt(slot);
    expect(threadItems('C0NEWS')).toEqual([ids.busy, ids.fresh, ids.quiet]);
    expect(digestRuns(deps)).toMatchObject([{ status: 'posted', itemCount: 3 }]);
    expect(channelPosts(deps).map((post) => post.itemId)).toEqual([ids.busy, ids.fresh, ids.quiet]);
  });

  it("a digest of several topics carries each topic's news, leads first, not only its best-scored voices", async () => {
    await createTopic(deps, 'acme', 'acme');
    await deps.db.prisma.topic.update({ where: { name: 'acme' }, data: { kind: 'company' } });
    const reviews = await createFeed(deps, { host: 'https://reviews.example.com', kind: 'review' });
    deps.clock.set('2026-11-02T06:00:00Z');
    const at = (hours: number) => new Date(Date.parse('2026-11-02T06:00:00Z') - hours * 3600_000);
    const voices = await storeFeedItems(deps, reviews, [
      { guid: 'r1', title: 'Acme pricing review: the price went up', publishedAt: at(1) },
      { guid: 'r2', title: 'Acme pricing review: renewal price shock', publishedAt: at(2) },
      { guid: 'r3', title: 'Acme pricing review: fair price', publishedAt: at(3) },
      { guid: 'r4', title: 'Acme review: support was great during the outage', publishedAt: at(4) },
    ]);
    const stories = await storeFeedItems(deps, news, [
      { guid: 'n1', title: 'Acme raises prices by 18%', publishedAt: at(8) },
      { guid: 'n2', title: 'Acme suffers four-hour outage', publishedAt: at(10) },
    ]);
    deps.clock.set(slot);
    const pick = (topicNames: string[], maxItems: number) =>
      selectDigest(
        deps.db.sqlite,
        { id: 1, channelId: 'UEXEC01', topicNames, maxItems },
        loadCandidates(deps.db.sqlite, new Date('2026-11-01T08:00:00Z'), deps.clock.now()),
        topicIdsByName(deps.db.sqlite),
        new Date('2026-11-01T08:00:00Z'),
        deps.clock.now(),
      ).items.map((item) => item.id);
    // Ranked by score alone, the reviews would fill it: the outage's only place would be a glowing review.
    expect(pick([], 3)).toEqual([stories.n1, stories.n2, voices.r1]);
    expect(pick(['pricing', 'outages'], 4)).toEqual([stories.n1, stories.n2, voices.r1, voices.r2]);
    // One topic: ranked as before, its news leading.
    expect(pick(['pricing'], 2)).toEqual([stories.n1, voices.r1]);
  });

  it('a quiet day: "note" posts one line, "skip" posts nothing', async () => {
    await createSchedule(deps, {
      channelId: 'C0NOTE',
      timezone: 'UTC',
      topics: ['outages'],
      quietDay: 'note',
    });
    await createSchedule(deps, {
      channelId: 'C0SKIP',
      timezone: 'UTC',
      topics: ['outages'],
      quietDay: 'skip',
    });
    await storeAt('2026-11-01T12:00:00Z', news, [{ guid: 'p1', title: 'Pricing only today' }]);
    const reports = await runAt(slot);
    expect(reports.map((report) => report.status)).toEqual(['quiet', 'quiet']);
    expect(deps.sent).toHaveLength(1);
    expect(deps.sent[0]?.channel).toBe('C0NOTE');
    expect(deps.sent[0]?.message.text).toBe('Digest: outages: nothing new since Sun 1 Nov 08:00 UTC.');
    expect(deps.sent[0]?.message.blocks).toHaveLength(1);
    expect(digestRuns(deps).map((run) => run.status)).toEqual(['quiet', 'quiet']);
    expect(channelPosts(deps)).toEqual([]);
  });
});

describe('digestTopicOrder', () => {
  it('puts first the topic the title names earliest, else keeps the digest’s order', () => {
    const order = ['acme', 'globex', 'outages'];
    expect(
      digestTopicOrder('Globex launches Assist AI for Acme switchers', ['acme', 'globex'], order),
    ).toEqual(['globex', 'acme']);
    expect(digestTopicOrder('Price war: a 40% discount', ['globex', 'acme'], order)).toEqual([
      'acme',
      'globex',
    ]);
    // A plural name is found in the singular; an all-topics digest (no order) falls back to names.
    expect(digestTopicOrder('Acme outage in the EU', ['acme', 'outages'], [])).toEqual(['acme', 'outages']);
    expect(digestTopicOrder('EU outage: Acme status page lagged', ['acme', 'outages'], order)).toEqual([
      'outages',
      'acme',
    ]);
    // A competitor or the company named first, or whose own feed it is, leads; else a theme does.
    const breadth = new Map([
      ['acme', 2],
      ['globex', 1],
      ['pricing', 0],
    ]);
    expect(digestTopicOrder('Globex offers 40% off', ['pricing', 'globex'], [], breadth)).toEqual([
      'globex',
      'pricing',
    ]);
    expect(digestTopicOrder('Pricing: Globex offers 40% off', ['pricing', 'globex'], [], breadth)).toEqual([
      'pricing',
      'globex',
    ]);
    expect(digestTopicOrder('A 40% discount', ['pricing', 'globex'], [], breadth)).toEqual([
      'pricing',
      'globex',
    ]);
    expect(
      digestTopicOrder('Switching from Acme? 40% off', ['acme', 'pricing', 'globex'], [], breadth, 'globex'),
    ).toEqual(['globex', 'pricing', 'acme']);
    // The company named first leads, unless a theme's query speaks in the title too.
    expect(digestTopicOrder('Acme courted by Globex', ['acme', 'globex'], [], breadth)).toEqual([
      'acme',
      'globex',
    ]);
    expect(digestTopicOrder('Acme raises prices', ['acme', 'pricing'], [], breadth, undefined, true)).toEqual(
      ['pricing', 'acme'],
    );
    // "macmeister" does not name acme.
    expect(digestTopicOrder('Macmeister review', ['globex', 'acme'], ['globex', 'acme'])).toEqual([
      'globex',
      'acme',
    ]);
  });
});

describe('one event told in different words, in a digest', () => {
  /** A digest of the demo corpus's last week for `topicNames`, its items counted as news just arrived, as in the demo. */
  async function demoDigest(topicNames: string[]) {
    const deps = await createTestDeps({ now: '2026-11-02T09:00:00Z' });
    try {
      await loadDemoCorpus(deps);
      deps.db.sqlite.prepare('UPDATE items SET backlog = 0').run();
      deps.clock.advance(60_000);
      return selectDigest(
        deps.db.sqlite,
        { id: 1, channelId: 'C0NEWS', topicNames, maxItems: 8 },
        loadCandidates(deps.db.sqlite, new Date('2026-10-26T09:00:00Z'), deps.clock.now()),
        topicIdsByName(deps.db.sqlite),
        new Date('2026-10-26T09:00:00Z'),
        deps.clock.now(),
      );
    } finally {
      await deps.cleanup();
    }
  }

  it('carries the EU outage once, by its news story, counting the forum threads and reviews as its sources', async () => {
    const digest = await demoDigest(['outages', 'pricing']);
    const outage: readonly string[] = euOutageUrls;
    const told = digest.items.filter((item) => outage.includes(item.url ?? ''));
    expect(told).toHaveLength(1);
    expect(told[0]?.feedKind).toBe('news');
    expect(told[0]?.otherSources).toBe(2);
    // Acme's price rise the same day is a story of its own, beside it.
    expect(digest.items.map((item) => item.url)).toContain(
      'https://saasledger.example/2026/acme-desk-pricing-usage-tiers',
    );
  });

  it('ranks an event by its coverage: Globex’s launch, told by four sources, before a lone forum thread', async () => {
    const digest = await demoDigest(['globex']);
    const urls = digest.items.map((item) => item.url);
    const launch = urls.indexOf('https://saasledger.example/2026/globex-assist-ai-launch');
    const thread = urls.indexOf(
      'https://community.supportops.example/t/acme-price-increase-renegotiating-or-switching/8841',
    );
    expect(digest.items[launch]?.otherSources).toBe(3);
    expect(digest.items[thread]?.otherSources).toBe(0);
    // Ranked by their best item alone, the thread (a lone forum post) came first.
    expect(launch).toBeGreaterThanOrEqual(0);
    expect(launch).toBeLessThan(thread);
  });
});

describe('a story told twice alike', () => {
  let deps: TestDeps;
  beforeEach(async () => {
    deps = await createTestDeps({ now: '2026-11-02T07:00:00Z' });
  });
  afterEach(async () => {
    await deps.cleanup();
  });

  it('leads with the telling stored first, whether the candidates come read alone or indexed by topic as a shared read gives them', async () => {
    await createTopic(deps, 'pricing', 'pricing OR price*');
    await createTopic(deps, 'outages', 'outage*');
    const feedId = await createFeed(deps, { host: 'https://news.example.com', title: 'Example News' });
    const stored = await storeFeedItems(deps, feedId, [
      { guid: 'first', title: 'Acme outage update' },
      { guid: 'second', title: 'Acme price update' },
    ]);
    const topics = topicIdsByName(deps.db.sqlite);
    const [pricing, outages] = [topics.get('pricing') as number, topics.get('outages') as number];
    // Two tellings of one story scoring exactly alike, each matching one of the digest's topics.
    const first = { ...base, id: stored.first as number, clusterId: 7, topicIds: [outages] };
    const second = { ...base, id: stored.second as number, clusterId: 7, topicIds: [pricing] };
    const plan = { id: 1, channelId: 'C0NEWS', topicNames: ['pricing', 'outages'], maxItems: 5 };
    const at = new Date(now);
    const since = new Date(now - 24 * hourMs);
    const alone = selectDigest(deps.db.sqlite, plan, [first, second], topics, since, at);
    const byTopic = new Map([
      [pricing, [second]],
      [outages, [first]],
    ]);
    const shared = selectDigest(deps.db.sqlite, plan, [first, second], topics, since, at, byTopic);
    expect(alone.items.map((item) => item.id)).toEqual([first.id]);
    expect(shared).toEqual(alone);
  });

  it('a shared read cut to each window gives what reading that window alone gives, for any number of windows', async () => {
    await createTopic(deps, 'pricing', 'pricing OR price*');
    const feedId = await createFeed(deps, { host: 'https://news.example.com', title: 'Example News' });
    const at = (iso: string) => new Date(iso);
    // Stored over ten days, some published long before they arrived (a feed that back-dates).
    for (const [day, published] of [
      ['2026-10-24', '2026-10-24'],
      ['2026-10-27', '2026-10-20'],
      ['2026-10-30', '2026-10-30'],
      ['2026-11-01', '2026-10-24'],
      ['2026-11-01', '2026-11-01'],
      ['2026-11-02', '2026-11-02'],
    ] as const) {
      deps.clock.set(`${day}T06:00:00Z`);
      await storeFeedItems(deps, feedId, [
        {
          guid: `${day}-${published}`,
          title: `Price news of ${published}`,
          publishedAt: at(`${published}T05:00:00Z`),
        },
      ]);
    }
    const until = at('2026-11-02T08:00:00Z');
    const pool = candidatePool(deps.db.sqlite, at('2026-10-23T00:00:00Z'), until);
    const windows = ['2026-10-23', '2026-10-26', '2026-10-29', '2026-10-31', '2026-11-01', '2026-11-02'];
    // More windows than the pool keeps, and the first asked again after it was let go.
    for (const day of [...windows, windows[0] as string]) {
      const since = at(`${day}T00:00:00Z`);
      const ids = (pool.window(since)?.candidates ?? []).map((candidate) => candidate.id);
      expect(ids, day).toEqual(loadCandidates(deps.db.sqlite, since, until).map((candidate) => candidate.id));
    }
    expect(pool.reads()).toBe(1);
    // A window starting before the read is not the pool's to cut: that run reads its own.
    expect(pool.window(at('2026-10-22T00:00:00Z'))).toBeUndefined();
  });
});
