import { spawn } from 'node:child_process';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.ts';
import { feedNamedIn } from '../../src/monitor/discover.ts';
import { FeedKind } from '../../src/monitor/feed-kind.ts';
import {
  addFeed,
  listFeeds,
  moveFeed,
  pauseFeed,
  removeFeed,
  resumeFeed,
  setFeedKind,
  summarizeFeeds,
} from '../../src/monitor/feeds.ts';
import { claimDueFeeds, makeAllDue, pollDueFeeds } from '../../src/monitor/poll.ts';
import { createTestDeps, type TestDeps } from '../helpers/deps.ts';

/** summarizeFeeds' figures with no stale or retrying feed, as in these tests. */
const feedCounts = (counts: { total: number; active: number; failing: number; paused: number }) => ({
  ...counts,
  stale: 0,
  retrying: 0,
});

const host = 'https://news.example.com';

function rss(items: Array<{ guid: string; title: string; text?: string; date?: string }>): string {
  const body = items
    .map(
      (item) =>
        `<item><guid>${item.guid}</guid><title>${item.title}</title><link>${host}/${item.guid}</link>` +
        `<pubDate>${item.date ?? 'Mon, 02 Nov 2026 08:00:00 GMT'}</pubDate><description>${item.text ?? item.title}</description></item>`,
    )
    .join('');
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Example News</title><link>${host}/</link>${body}</channel></rss>`;
}

/** A feed of two items, 'a' and 'b', for the tests that break it. */
const twoStories = rss([
  { guid: 'a', title: 'Acme pricing update' },
  { guid: 'b', title: 'Globex roadmap' },
]);

const story =
  'Acme raises prices for its analytics suite by thirty percent and customers say they will look for alternatives before renewal season begins next quarter';

let deps: TestDeps;
beforeEach(async () => {
  deps = await createTestDeps();
});
afterEach(async () => {
  await deps.cleanup();
});

/** Adds the feed at `${host}${path}`, empty when added, answering with `headers`. */
async function watchEmptyFeed(path = '/feed', headers: Record<string, string> = {}) {
  nock(host).get(path).reply(200, rss([]), headers);
  return (await addFeed(deps, { url: `${host}${path}`, actorId: 'U1' })).feed;
}

function itemRows() {
  return deps.db.sqlite
    .prepare(
      'SELECT id, key, title, text, backlog, cluster_id AS clusterId, sentiment FROM items ORDER BY id',
    )
    .safeIntegers(false)
    .all() as Array<{
    id: number;
    key: string;
    title: string;
    text: string;
    backlog: number;
    clusterId: number;
    sentiment: string;
  }>;
}

function search(word: string): number[] {
  return (
    deps.db.sqlite
      .prepare('SELECT rowid FROM items_fts WHERE items_fts MATCH ? ORDER BY rowid')
      .safeIntegers(false)
      .all(word) as Array<{
      rowid: number;
    }>
  ).map((row) => row.rowid);
}

describe('adding a feed', () => {
  it('fetches it once and stores what is already there as backlog', async () => {
    nock(host)
      .get('/feed')
      .reply(
        200,
        rss([
          { guid: 'a', title: 'First' },
          { guid: 'b', title: 'Second' },
        ]),
        { etag: '"1"' },
      );
    const { feed, backlogItems } = await addFeed(deps, { url: `${host}/feed`, kind: 'news', actorId: 'U1' });
    expect(backlogItems).toBe(2);
    expect(feed).toMatchObject({ title: 'Example News', kind: 'news', status: 'active', items: 2 });
    expect(itemRows().map((row) => row.backlog)).toEqual([1, 1]);
    const audit = await deps.db.prisma.auditEvent.findMany();
    expect(audit).toMatchObject([{ actorId: 'U1', action: 'feed.add', subjectId: String(feed.id) }]);
  });

  it('refuses a duplicate, an invalid URL and an unreadable feed, storing nothing', async () => {
    nock(host)
      .get('/feed')
      .reply(200, rss([{ guid: 'a', title: 'First' }]));
    await addFeed(deps, { url: `${host}/feed`, actorId: 'U1' });
    await expect(addFeed(deps, { url: `${host}/feed`, actorId: 'U1' })).rejects.toThrow(/already watches/);
    // The same feed over plain http is the watched one, named (nothing is fetched).
    await expect(addFeed(deps, { url: 'http://news.example.com/feed', actorId: 'U1' })).rejects.toThrow(
      'Briefbot already watches https://news.example.com/feed (feed 1, kind news).',
    );
    await expect(addFeed(deps, { url: 'not a url at all', actorId: 'U1' })).rejects.toBeInstanceOf(UserError);
    // A page naming no feed, on a site with no feed at the usual addresses either.
    const site = 'https://pages.example.org';
    nock(site)
      .get('/page')
      .reply(200, '<!doctype html><html><body>Hi</body></html>', { 'content-type': 'text/html' });
    nock(site).get(/.*/).times(7).reply(404);
    await expect(addFeed(deps, { url: `${site}/page`, actorId: 'U1' })).rejects.toMatchObject({
      code: 'NOT_A_FEED',
      message: expect.stringMatching(
        /names no feed\. Nor does the site answer with a feed at the usual addresses/,
      ),
    });
    // The site's feed at a usual address is watched already: that is the answer.
    nock(host)
      .get('/page')
      .reply(200, '<!doctype html><html><body>Hi</body></html>', { 'content-type': 'text/html' });
    // (/feed itself is not fetched: it is known to be watched.)
    nock(host)
      .get(/.*/)
      .times(6)
      .reply(200, rss([{ guid: 'a', title: 'First' }]));
    await expect(addFeed(deps, { url: `${host}/page`, actorId: 'U1' })).rejects.toThrow(
      /already watches https:\/\/news\.example\.com\/feed/,
    );
    expect(await deps.db.prisma.feed.count()).toBe(1);
  });

  it('subscribes to the feed a site serves at a usual address when its page names none', async () => {
    const site = 'https://blog.example.org';
    nock(site).get('/').reply(200, '<!doctype html><html><head><title>Blog</title></head></html>', {
      'content-type': 'text/html',
    });
    nock(site).get('/feed').reply(404);
    nock(site)
      .get('/rss')
      .reply(200, rss([{ guid: 'a', title: 'First' }]), { 'content-type': 'application/rss+xml' });
    nock(site)
      .get(/\/(?:feed\.xml|index\.xml|atom\.xml|rss\.xml|feeds\/posts\/default)$/)
      .times(5)
      .reply(404);
    const added = await addFeed(deps, { url: `${site}/`, actorId: 'U1' });
    expect(added).toMatchObject({ feed: { url: `${site}/rss` }, backlogItems: 1, foundOnPage: `${site}/` });
  });

  it("subscribes to a known site's feed for one of its pages, and falls back to the page when that fails", async () => {
    nock('https://www.reddit.com')
      .get('/r/sysadmin/.rss')
      .reply(200, rss([{ guid: 't3_1', title: 'Acme Desk renewal quotes' }]), {
        'content-type': 'application/atom+xml',
      });
    const reddit = await addFeed(deps, { url: 'https://www.reddit.com/r/sysadmin/', actorId: 'U1' });
    expect(reddit).toMatchObject({
      feed: { url: 'https://www.reddit.com/r/sysadmin/.rss' },
      foundOnPage: 'https://www.reddit.com/r/sysadmin/',
    });
    // A repository without releases: its page names the commits feed, which is taken instead.
    nock('https://github.com').get('/acme/desk-sdk/releases.atom').reply(404);
    nock('https://github.com')
      .get('/acme/desk-sdk')
      .reply(
        200,
        '<!doctype html><html><head><link rel="alternate" type="application/atom+xml" href="/acme/desk-sdk/commits/main.atom"></head></html>',
        { 'content-type': 'text/html' },
      );
    nock('https://github.com')
      .get('/acme/desk-sdk/commits/main.atom')
      .reply(200, rss([{ guid: 'c1', title: 'Fix SSO loop' }]), { 'content-type': 'application/atom+xml' });
    const github = await addFeed(deps, { url: 'https://github.com/acme/desk-sdk', actorId: 'U1' });
    expect(github.feed.url).toBe('https://github.com/acme/desk-sdk/commits/main.atom');
    // The known feed watched already: said so, not added again.
    await expect(
      addFeed(deps, { url: 'https://www.reddit.com/r/sysadmin/hot/', actorId: 'U1' }),
    ).rejects.toThrow(/already watches/);
  });

  it('moves a feed to its new address, keeping its items, when the old one became a page naming it', async () => {
    nock(host)
      .get('/old')
      .reply(
        200,
        rss([
          { guid: 'a', title: 'First' },
          { guid: 'b', title: 'Second' },
        ]),
      );
    const { feed } = await addFeed(deps, { url: `${host}/old`, actorId: 'U1' });
    const page = `<html><head><link rel="alternate" type="application/rss+xml" href="${host}/new"></head></html>`;
    nock(host).get('/old').times(3).reply(200, page, { 'content-type': 'text/html' });
    for (let attempt = 0; attempt < 3; attempt++) {
      deps.clock.advance(25 * 3600_000);
      await pollDueFeeds(deps);
    }
    const [failing] = await listFeeds(deps, { ids: [feed.id] });
    expect(failing?.status).toBe('failing');
    expect(feedNamedIn(failing?.lastError ?? null)).toBe(`${host}/new`);

    nock(host)
      .get('/new')
      .reply(
        200,
        rss([
          { guid: 'a', title: 'First' },
          { guid: 'b', title: 'Second' },
          { guid: 'c', title: 'Third' },
        ]),
      );
    const moved = await moveFeed(deps, String(feed.id), `${host}/new`, 'U1');
    expect(moved).toMatchObject({ from: `${host}/old`, newItems: 1 });
    expect(moved.feed).toMatchObject({
      id: feed.id,
      url: `${host}/new`,
      status: 'active',
      items: 3,
      lastError: null,
    });
    expect(itemRows().map((row) => [row.key, row.backlog])).toEqual([
      ['a', 1],
      ['b', 1],
      ['c', 1],
    ]);
    const audit = await deps.db.prisma.auditEvent.findFirst({ where: { action: 'feed.move' } });
    expect(JSON.parse(audit?.detail ?? '{}')).toEqual({
      from: `${host}/old`,
      to: `${host}/new`,
      title: 'Example News',
      // No digest had posted its items: the entry says so, and shows under no channel's digests.
      digests: [],
      follows: [],
    });
    // Moving to an address already watched says which feed watches it.
    await watchEmptyFeed('/other');
    await expect(moveFeed(deps, String(feed.id), `${host}/other`, 'U1')).rejects.toThrow(
      /^Feed \d+ already reads \S+\/other, so feed \d+ cannot move there; nothing changed\. To keep feed \d+ and drop feed \d+: `\/brief feeds remove \d+`\. To keep feed \d+'s history instead: `\/brief feeds remove \d+`, then `\/brief feeds move \d+ \S+\/other`\.$/,
    );
    // ... but a feed may move to its own address over https.
    nock('http://news.example.com').get('/plain').reply(200, rss([]));
    const plain = await addFeed(deps, { url: 'http://news.example.com/plain', actorId: 'U1' });
    nock(host).get('/plain').reply(200, rss([]));
    const upgraded = await moveFeed(deps, String(plain.feed.id), `${host}/plain`, 'U1');
    expect(upgraded.feed.url).toBe(`${host}/plain`);
  });

  it('takes a feed:// subscribe link as the web address it stands for', async () => {
    nock('http://news.example.com')
      .get('/rss')
      .reply(200, rss([{ guid: 'a', title: 'First' }]));
    const { feed } = await addFeed(deps, { url: 'feed://news.example.com/rss', actorId: 'U1' });
    expect(feed.url).toBe('http://news.example.com/rss');
  });

  it('subscribes to the feed a web page names when given the page', async () => {
    const page = `<!doctype html><html><head><title>Acme blog</title>
      <link rel="alternate" type="application/rss+xml" title="Acme blog » Comments Feed" href="/comments/feed/">
      <link rel="alternate" type="application/rss+xml" title="Acme blog » Feed" href="/feed/"></head><body>Posts</body></html>`;
    nock(host).get('/blog').reply(200, page, { 'content-type': 'text/html; charset=utf-8' });
    nock(host)
      .get('/feed/')
      .reply(200, rss([{ guid: 'a', title: 'First' }]));
    const added = await addFeed(deps, { url: `${host}/blog`, actorId: 'U1' });
    expect(added.foundOnPage).toBe(`${host}/blog`);
    expect(added.feed).toMatchObject({ url: `${host}/feed/`, title: 'Example News', items: 1 });
    const audit = await deps.db.prisma.auditEvent.findFirst({ where: { action: 'feed.add' } });
    expect(JSON.parse(audit?.detail ?? '{}')).toMatchObject({
      url: `${host}/feed/`,
      foundOnPage: `${host}/blog`,
    });

    // The page again: its feed is already watched, and the message says which one.
    nock(host).get('/blog').reply(200, page, { 'content-type': 'text/html' });
    await expect(addFeed(deps, { url: `${host}/blog`, actorId: 'U1' })).rejects.toThrow(
      `Briefbot already watches ${host}/feed/ (feed ${added.feed.id}, kind news)`,
    );
    // A page naming a "feed" that is itself a page is not followed further.
    nock(host)
      .get('/loop')
      .reply(
        200,
        '<html><head><link rel="alternate" type="application/atom+xml" href="/loop2"></head></html>',
      );
    nock(host)
      .get('/loop2')
      .reply(
        200,
        '<html><head><link rel="alternate" type="application/atom+xml" href="/loop"></head></html>',
      );
    await expect(addFeed(deps, { url: `${host}/loop`, actorId: 'U1' })).rejects.toMatchObject({
      code: 'NOT_A_FEED',
      message: expect.stringContaining(`${host}/loop`),
    });
    expect(await deps.db.prisma.feed.count()).toBe(1);
  });
});

describe('polling', () => {
  it('stores new items once, updates changed ones in place, and keeps the index in sync', async () => {
    nock(host)
      .get('/feed')
      .reply(200, rss([{ guid: 'a', title: 'Launch day' }]), { etag: '"1"' });
    await addFeed(deps, { url: `${host}/feed`, actorId: 'U1' });
    deps.clock.advance(2 * 3600_000);

    nock(host, { reqheaders: { 'if-none-match': '"1"' } })
      .get('/feed')
      .reply(
        200,
        rss([
          { guid: 'a', title: 'Launch day' },
          { guid: 'b', title: 'Outage report' },
        ]),
        { etag: '"2"' },
      );
    const first = await pollDueFeeds(deps);
    expect(first).toMatchObject({ feeds: 1, ok: 1 });
    expect(first.newItems).toHaveLength(1);
    expect(itemRows().map((row) => [row.key, row.backlog])).toEqual([
      ['a', 1],
      ['b', 0],
    ]);

    deps.clock.advance(25 * 3600_000);
    nock(host)
      .get('/feed')
      .reply(
        200,
        rss([
          { guid: 'a', title: 'Launch day' },
          { guid: 'b', title: 'Outage resolved' },
        ]),
        { etag: '"3"' },
      );
    const second = await pollDueFeeds(deps);
    expect(second.newItems).toEqual([]);
    const rows = itemRows();
    expect(rows).toHaveLength(2);
    expect(rows[1]?.title).toBe('Outage resolved');
    expect(search('resolved')).toEqual([rows[1]?.id]);
    expect(search('report')).toEqual([]);

    deps.clock.advance(25 * 3600_000);
    nock(host, { reqheaders: { 'if-none-match': '"3"' } })
      .get('/feed')
      .reply(304);
    const third = await pollDueFeeds(deps);
    expect(third).toMatchObject({ feeds: 1, notModified: 1, newItems: [] });
  });

  it('puts the same story from two feeds into one cluster', async () => {
    nock(host).get('/a').reply(200, rss([]));
    nock('https://blog.example.org').get('/b').reply(200, rss([]));
    await addFeed(deps, { url: `${host}/a`, actorId: 'U1' });
    await addFeed(deps, { url: 'https://blog.example.org/b', actorId: 'U1' });
    deps.clock.advance(25 * 3600_000);
    nock(host)
      .get('/a')
      .reply(
        200,
        rss([
          { guid: 'x1', title: 'Acme raises prices by 30%', text: story },
          {
            guid: 'x2',
            title: 'Unrelated gardening tips',
            text: 'How to grow tomatoes on a balcony in a small city flat with little sun and water',
          },
        ]),
      );
    nock('https://blog.example.org')
      .get('/b')
      .reply(
        200,
        rss([{ guid: 'y1', title: 'Acme hikes prices 30 percent', text: `${story} according to analysts` }]),
      );
    await pollDueFeeds(deps);
    const rows = itemRows();
    const byKey = Object.fromEntries(rows.map((row) => [row.key, row.clusterId]));
    expect(byKey.x1).toBe(byKey.y1);
    expect(byKey.x2).not.toBe(byKey.x1);
    const cluster = await deps.db.prisma.cluster.findUniqueOrThrow({ where: { id: byKey.x1 as number } });
    expect(cluster).toMatchObject({ itemCount: 2, sourceCount: 2 });
  });

  it('joins one cluster for the same article address in two feeds, however differently they tell it', async () => {
    // One page (a show's) given as every item's link says nothing about which story each is.
    const homePageItems = (titles: string[]) =>
      `<?xml version="1.0"?><rss version="2.0"><channel><title>Podcast</title><link>${host}/</link>${titles
        .map(
          (title, index) =>
            `<item><guid>h${index}</guid><title>${title}</title><link>${host}/show</link><pubDate>Mon, 02 Nov 2026 08:00:00 GMT</pubDate></item>`,
        )
        .join('')}</channel></rss>`;
    nock(host).get('/a').reply(200, rss([]));
    nock('https://aggregator.example.org').get('/b').reply(200, rss([]));
    nock('https://pod.example.org').get('/c').reply(200, homePageItems([]));
    await addFeed(deps, { url: `${host}/a`, actorId: 'U1' });
    await addFeed(deps, { url: 'https://aggregator.example.org/b', actorId: 'U1' });
    await addFeed(deps, { url: 'https://pod.example.org/c', actorId: 'U1' });
    deps.clock.advance(25 * 3600_000);
    nock(host)
      .get('/a')
      .reply(200, rss([{ guid: 'acme-pricing', title: 'Acme raises prices by 30%', text: story }]));
    // The same article (the helper links every item to news.example.com/<guid>), retold.
    nock('https://aggregator.example.org')
      .get('/b')
      .reply(
        200,
        rss([
          {
            guid: 'acme-pricing',
            title: 'Analytics vendor lifts list prices',
            text: 'Renewal quotes went up sharply this week, several buyers told us.',
          },
        ]),
      );
    nock('https://pod.example.org')
      .get('/c')
      .reply(200, homePageItems(['Episode one: gardening', 'Episode two: cooking']));
    await pollDueFeeds(deps);
    const byKey = Object.fromEntries(itemRows().map((row) => [`${row.key}:${row.title}`, row.clusterId]));
    expect(byKey['acme-pricing:Acme raises prices by 30%']).toBe(
      byKey['acme-pricing:Analytics vendor lifts list prices'],
    );
    expect(byKey['h0:Episode one: gardening']).not.toBe(byKey['h1:Episode two: cooking']);
  });

  it('never announces an item twice when its feed mints new GUIDs for the same address', async () => {
    const withGuids = (suffix: string, secondTitle: string) =>
      `<?xml version="1.0"?><rss version="2.0"><channel><title>Regenerated</title><link>${host}/</link>${[
        ['pricing-update', 'Acme pricing update'],
        ['roadmap', secondTitle],
      ]
        .map(
          ([slug, title]) =>
            `<item><guid isPermaLink="false">${slug}-${suffix}</guid><title>${title}</title><link>${host}/posts/${slug}</link><pubDate>Mon, 02 Nov 2026 08:00:00 GMT</pubDate></item>`,
        )
        .join('')}</channel></rss>`;
    nock(host).get('/regen').reply(200, withGuids('build-1', 'Acme roadmap'));
    await addFeed(deps, { url: `${host}/regen`, actorId: 'U1' });
    deps.clock.advance(25 * 3600_000);
    nock(host).get('/regen').reply(200, withGuids('build-2', 'Acme roadmap, revised'));
    const poll = await pollDueFeeds(deps);
    expect(poll.newItems).toEqual([]);
    expect(itemRows().map((row) => [row.key, row.title])).toEqual([
      ['pricing-update-build-2', 'Acme pricing update'],
      ['roadmap-build-2', 'Acme roadmap, revised'],
    ]);
  });

  it('stores a post its CMS lists twice under one GUID and link once, the edit in place, never new twice', async () => {
    const post = (title: string, date: string) =>
      `<item><guid isPermaLink="false">p7</guid><title>${title}</title><link>${host}/p/7</link><pubDate>${date}</pubDate></item>`;
    const feedOf = (...items: string[]) =>
      `<?xml version="1.0"?><rss version="2.0"><channel><title>Careless</title><link>${host}/</link>${items.join('')}</channel></rss>`;
    await watchEmptyFeed('/twice');
    deps.clock.advance(25 * 3600_000);
    nock(host)
      .get('/twice')
      .reply(200, feedOf(post('Acme raises prices', 'Mon, 02 Nov 2026 08:00:00 GMT')));
    expect((await pollDueFeeds(deps)).newItems).toHaveLength(1);
    deps.clock.advance(25 * 3600_000);
    nock(host)
      .get('/twice')
      .reply(
        200,
        feedOf(
          post('Acme raises prices 18%', 'Mon, 02 Nov 2026 09:00:00 GMT'),
          post('Acme raises prices', 'Mon, 02 Nov 2026 08:00:00 GMT'),
        ),
      );
    const again = await pollDueFeeds(deps);
    expect(again.newItems).toEqual([]);
    expect(itemRows().map((row) => [row.key, row.title])).toEqual([['p7', 'Acme raises prices 18%']]);
  });

  it('reads good feeds polled together with broken ones, and fails only the broken ones', async () => {
    const good = rss([
      { guid: 'g1', title: 'Acme pricing update' },
      { guid: 'g2', title: 'Globex roadmap' },
    ]);
    // Broken beyond repair: cut short before any item is whole, and a malformed attribute.
    const firstEnd = good.indexOf('</item>');
    const broken = [good.slice(0, firstEnd - 3), good.replace('<item>', '<item a=>')];
    const bodies = [good, broken[0], good, broken[1], good, broken[0], good, broken[1]];
    for (const [index] of bodies.entries()) {
      await watchEmptyFeed(`/mixed/${index}`);
    }
    deps.clock.advance(25 * 3600_000);
    for (const [index, body] of bodies.entries()) nock(host).get(`/mixed/${index}`).reply(200, body);
    const poll = await pollDueFeeds(deps);
    expect(poll).toMatchObject({ feeds: 8, failed: 4 });
    expect(poll.newItems).toHaveLength(8);
  });

  it('a body cut short stores its whole items and keeps no validators, so the next poll fetches it whole', async () => {
    await watchEmptyFeed('/cut', { etag: '"1"' });
    deps.clock.advance(25 * 3600_000);
    const whole = twoStories;
    const cut = whole.slice(0, whole.lastIndexOf('</item>') - 5);
    nock(host, { reqheaders: { 'if-none-match': '"1"' } })
      .get('/cut')
      .reply(200, cut, { etag: '"2"' });
    const first = await pollDueFeeds(deps);
    expect(first).toMatchObject({ ok: 1, failed: 0 });
    expect(itemRows().map((row) => row.key)).toEqual(['a']);
    expect((await deps.db.prisma.feed.findFirstOrThrow()).etag).toBeNull();
    // No If-None-Match: the server sends the whole feed, and the rest arrives.
    deps.clock.advance(25 * 3600_000);
    nock(host, { badheaders: ['if-none-match'] })
      .get('/cut')
      .reply(200, whole, { etag: '"2"' });
    await pollDueFeeds(deps);
    expect(itemRows().map((row) => row.key)).toEqual(['a', 'b']);
    expect((await deps.db.prisma.feed.findFirstOrThrow()).etag).toBe('"2"');
  });

  it('stores the items before a CDATA section never closed, and says on its health what was lost', async () => {
    await watchEmptyFeed('/open-cdata', { etag: '"1"' });
    deps.clock.advance(25 * 3600_000);
    const whole = twoStories;
    const broken = whole.replace('<description>Globex roadmap', '<description><![CDATA[Globex roadmap');
    nock(host).get('/open-cdata').reply(200, broken, { etag: '"2"' });
    const first = await pollDueFeeds(deps);
    expect(first).toMatchObject({ ok: 1, failed: 0 });
    expect(first.newItems).toHaveLength(1);
    expect(itemRows().map((row) => [row.key, row.title])).toEqual([['a', 'Acme pricing update']]);
    const [feed] = await listFeeds(deps);
    expect(feed?.status).toBe('active');
    // A feed read is no feed in error: the note has its own key (feeds list --json), lastError stays empty.
    expect(feed?.lastError).toBeNull();
    expect(feed?.partialRead).toMatch(/^a CDATA section is never closed \(line 1, column \d+\)/);
    expect(feed?.health).toMatch(
      /^ok; checked just now, .*\. Read only in part: a CDATA section is never closed \(line 1, column \d+\): read up to the last whole item before it; what follows is lost until the publisher closes it with "]]>"\.$/,
    );
    // "Not modified" is the same body: still read in part. Fixed, the note goes.
    deps.clock.advance(25 * 3600_000);
    nock(host).get('/open-cdata').reply(304);
    await pollDueFeeds(deps);
    expect((await listFeeds(deps))[0]?.health).toMatch(/Read only in part: a CDATA section is never closed/);
    deps.clock.advance(25 * 3600_000);
    nock(host).get('/open-cdata').reply(200, whole, { etag: '"3"' });
    await pollDueFeeds(deps);
    expect(itemRows().map((row) => row.key)).toEqual(['a', 'b']);
    expect((await listFeeds(deps))[0]?.health).not.toMatch(/in part/);
    expect((await listFeeds(deps))[0]?.lastError).toBeNull();
    expect((await listFeeds(deps))[0]?.partialRead).toBeNull();
  });

  it('a feed read only in part keeps that note apart from its last error, through a failed check and back', async () => {
    await watchEmptyFeed('/open-cdata-fails', { etag: '"1"' });
    deps.clock.advance(25 * 3600_000);
    const broken = twoStories.replace('<description>Globex roadmap', '<description><![CDATA[Globex roadmap');
    nock(host).get('/open-cdata-fails').reply(200, broken, { etag: '"2"' });
    await pollDueFeeds(deps);
    // One check fails: the error is the failure's alone, the partial read is still known.
    deps.clock.advance(25 * 3600_000);
    nock(host).get('/open-cdata-fails').reply(500, 'down');
    await pollDueFeeds(deps);
    const failed = (await listFeeds(deps))[0];
    expect(failed?.lastError).toMatch(/500/);
    expect(failed?.lastError).not.toMatch(/CDATA/);
    expect(failed?.partialRead).toMatch(/^a CDATA section is never closed/);
    // Back with "not modified": the same body as before, read in part, and no error left.
    deps.clock.advance(25 * 3600_000);
    nock(host).get('/open-cdata-fails').reply(304);
    await pollDueFeeds(deps);
    const back = (await listFeeds(deps))[0];
    expect(back?.lastError).toBeNull();
    expect(back?.partialRead).toMatch(/^a CDATA section is never closed/);
    expect(back?.health).toMatch(/^ok; .* Read only in part: a CDATA section is never closed/);
  });

  it('a feed added with a CDATA section never closed keeps the items before it, and its health says so', async () => {
    nock(host)
      .get('/open-cdata-at-start')
      .reply(200, twoStories.replace('<description>Globex roadmap', '<description><![CDATA[Globex roadmap'));
    await addFeed(deps, { url: `${host}/open-cdata-at-start`, actorId: 'U1' });
    expect(itemRows().map((row) => [row.key, row.backlog])).toEqual([['a', 1]]);
    expect((await listFeeds(deps))[0]?.health).toMatch(/Read only in part: a CDATA section is never closed/);
    expect((await listFeeds(deps))[0]?.lastError).toBeNull();
    // Moved to an address read whole: the old address's note goes with it.
    nock(host).get('/whole-now').reply(200, twoStories);
    const [feed] = await listFeeds(deps);
    await moveFeed(deps, String(feed?.id), `${host}/whole-now`, 'U1', { anyway: true });
    expect((await listFeeds(deps))[0]?.partialRead).toBeNull();
    expect((await listFeeds(deps))[0]?.health).not.toMatch(/in part/);
  });

  it('a feed cut short when it is added keeps its whole items as backlog, and no validators', async () => {
    const whole = twoStories;
    nock(host)
      .get('/cut-at-start')
      .reply(200, whole.slice(0, whole.lastIndexOf('</item>') - 5), { etag: '"1"' });
    await addFeed(deps, { url: `${host}/cut-at-start`, actorId: 'U1' });
    expect(itemRows().map((row) => [row.key, row.backlog])).toEqual([['a', 1]]);
    expect((await deps.db.prisma.feed.findFirstOrThrow()).etag).toBeNull();
  });

  it('links items to the topics whose query they match', async () => {
    const pricing = await deps.db.prisma.topic.create({
      data: { name: 'pricing', query: 'pricing OR "price increase" -job' },
    });
    await deps.db.prisma.topic.create({ data: { name: 'outages', query: 'outage*' } });
    await watchEmptyFeed();
    deps.clock.advance(25 * 3600_000);
    nock(host)
      .get('/feed')
      .reply(
        200,
        rss([
          { guid: 'p', title: 'A price increase is coming' },
          { guid: 'j', title: 'Pricing job opening' },
          { guid: 'o', title: 'Weather' },
        ]),
      );
    await pollDueFeeds(deps);
    const links = deps.db.sqlite
      .prepare('SELECT i.key, t.topic_id AS topicId FROM item_topics t JOIN items i ON i.id = t.item_id')
      .safeIntegers(false)
      .all();
    expect(links).toEqual([{ key: 'p', topicId: pricing.id }]);
  });

  it("counts a competitor's own posts for the competitor, though they never name it, and stops when the kind changes", async () => {
    const globex = await deps.db.prisma.topic.create({ data: { name: 'globex', query: 'globex' } });
    const blog = (items: Parameters<typeof rss>[0]) => rss(items).replace('Example News', 'The Globex Blog');
    nock(host).get('/feed').reply(200, blog([]));
    await addFeed(deps, { url: `${host}/feed`, actorId: 'U1', kind: FeedKind.Competitor });
    deps.clock.advance(25 * 3600_000);
    nock(host)
      .get('/feed')
      .reply(200, blog([{ guid: 's', title: 'Switching from Acme? Our migration program, and 40% off' }]));
    await pollDueFeeds(deps);
    const linked = () =>
      deps.db.sqlite
        .prepare('SELECT i.key FROM item_topics t JOIN items i ON i.id = t.item_id WHERE t.topic_id = ?')
        .pluck()
        .all(globex.id);
    const found = () =>
      Number(
        deps.db.sqlite.prepare("SELECT count(*) FROM items_fts WHERE items_fts MATCH 'globex'").pluck().get(),
      );
    expect(linked()).toEqual(['s']);
    expect(found()).toBe(1);
    // Someone else's blog after all: its posts no longer count for Globex, in the index or the links.
    await setFeedKind(deps, '1', FeedKind.Blog, 'U1');
    expect(linked()).toEqual([]);
    expect(found()).toBe(0);
    await setFeedKind(deps, '1', FeedKind.Competitor, 'U1');
    expect(linked()).toEqual(['s']);
    expect(found()).toBe(1);
  });

  it('checks a feed added with a sparse back-catalogue at the base interval, a busy one sooner', async () => {
    const addedAt = deps.clock.now().getTime();
    const every = (gapHours: number, path: string) =>
      rss(
        [0, 1, 2, 3, 4].map((n) => ({
          guid: `${path}${n}`,
          title: `Post ${n}`,
          date: new Date(addedAt - 3600_000 - n * gapHours * 3600_000).toUTCString(),
        })),
      );
    nock(host).get('/sparse').reply(200, every(48, 'sparse'));
    nock(host)
      .get('/busy')
      .reply(200, every(1 / 6, 'busy'));
    await addFeed(deps, { url: `${host}/sparse`, actorId: 'U1' });
    await addFeed(deps, { url: `${host}/busy`, actorId: 'U1' });
    const waits = async () =>
      (await deps.db.prisma.feed.findMany({ orderBy: { id: 'asc' } })).map(
        (feed) => (feed.nextPollAt.getTime() - deps.clock.now().getTime()) / 60_000,
      );
    // Half the old 2-day gap would be a day; half the busy one's 10 minutes is 5.
    expect(await waits()).toEqual([30, 5]);
  });

  it('backs off a failing feed, announces the failure once, and recovers', async () => {
    nock(host)
      .get('/feed')
      .reply(200, rss([{ guid: 'a', title: 'A' }]));
    await addFeed(deps, { url: `${host}/feed`, actorId: 'U1' });
    const newlyFailing: number[][] = [];
    const intervals: number[] = [];
    for (let attempt = 0; attempt < 4; attempt++) {
      deps.clock.advance(25 * 3600_000);
      nock(host).get('/feed').reply(500, 'down');
      const summary = await pollDueFeeds(deps);
      expect(summary.failed).toBe(1);
      newlyFailing.push(summary.newlyFailing);
      const feed = await deps.db.prisma.feed.findFirstOrThrow();
      intervals.push(feed.nextPollAt.getTime() - deps.clock.now().getTime());
    }
    const [feed] = await listFeeds(deps);
    expect(await summarizeFeeds(deps)).toEqual(feedCounts({ total: 1, active: 0, failing: 1, paused: 0 }));
    expect(newlyFailing.map((ids) => ids.length)).toEqual([0, 0, 1, 0]);
    expect(feed?.status).toBe('failing');
    expect(feed?.health).toMatch(
      /^failing since .* \(4 failed attempts\) because: The server answered HTTP 500/,
    );
    expect(intervals[3]).toBeGreaterThan(intervals[0] as number);

    deps.clock.advance(25 * 3600_000);
    nock(host)
      .get('/feed')
      .reply(200, rss([{ guid: 'a', title: 'A' }]));
    await pollDueFeeds(deps);
    const [recovered] = await listFeeds(deps);
    expect(await summarizeFeeds(deps)).toEqual(feedCounts({ total: 1, active: 1, failing: 0, paused: 0 }));
    expect(recovered?.status).toBe('active');
    expect(recovered?.health).toMatch(/^ok; checked just now/);
    // A recovered feed carries no error (feeds list --json): scripts reading lastError see it healthy.
    expect(recovered?.lastError).toBeNull();
    expect(
      deps.db.sqlite.prepare('SELECT last_error, last_error_code FROM feeds').safeIntegers(false).get(),
    ).toEqual({ last_error: null, last_error_code: null });
  });

  it('clears the last error when a check after one failure is answered "not modified"', async () => {
    nock(host)
      .get('/feed')
      .reply(200, rss([{ guid: 'a', title: 'A' }]), { etag: '"v1"' });
    await addFeed(deps, { url: `${host}/feed`, actorId: 'U1' });
    deps.clock.advance(25 * 3600_000);
    nock(host).get('/feed').reply(404, 'gone');
    await pollDueFeeds(deps);
    expect((await listFeeds(deps))[0]?.lastError).toMatch(/HTTP 404/);
    deps.clock.advance(25 * 3600_000);
    nock(host).get('/feed').reply(304);
    expect(await pollDueFeeds(deps)).toMatchObject({ notModified: 1 });
    expect((await listFeeds(deps))[0]?.lastError).toBeNull();
  });

  it('resuming a failing feed checks it at once, but shows the failure until a fetch succeeds', async () => {
    await watchEmptyFeed();
    for (let attempt = 0; attempt < 4; attempt++) {
      deps.clock.advance(25 * 3600_000);
      nock(host).get('/feed').reply(404);
      await pollDueFeeds(deps);
    }
    await pauseFeed(deps, `${host}/feed`, 'U1');
    const resumed = await resumeFeed(deps, `${host}/feed`, 'U1');
    expect(resumed?.health).toMatch(
      /^failing since .* \(4 failed attempts\) because: .*404.* Next try now\./,
    );
    expect(resumed?.health).not.toMatch(/ok/);
    nock(host).get('/feed').reply(404);
    expect((await pollDueFeeds(deps)).failed).toBe(1);
    expect((await listFeeds(deps))[0]?.health).toMatch(/^failing since .* \(5 failed attempts\)/);
    deps.clock.advance(72 * 3600_000);
    nock(host).get('/feed').reply(200, rss([]));
    await pollDueFeeds(deps);
    expect((await listFeeds(deps))[0]?.health).toMatch(/^ok; checked just now/);
  });

  it('keeps polling the other feeds when one is broken', async () => {
    nock(host).get('/good').reply(200, rss([]));
    nock(host).get('/bad').reply(200, rss([]));
    await addFeed(deps, { url: `${host}/good`, actorId: 'U1' });
    await addFeed(deps, { url: `${host}/bad`, actorId: 'U1' });
    deps.clock.advance(25 * 3600_000);
    nock(host)
      .get('/good')
      .reply(200, rss([{ guid: 'n', title: 'News' }]));
    nock(host).get('/bad').reply(200, '<rss version="2.0"><channel><item><title>broken</channel>');
    const summary = await pollDueFeeds(deps);
    expect(summary).toMatchObject({ ok: 1, failed: 1 });
    expect(summary.newItems).toHaveLength(1);
    expect(summary.outcomes.find((outcome) => outcome.status === 'failed')).toMatchObject({
      code: 'MALFORMED',
    });
  });

  it('re-polls a feed whose poller died mid-cycle once its lease expires, losing nothing', async () => {
    await watchEmptyFeed('/feed', { etag: '"1"' });
    deps.clock.advance(25 * 3600_000);
    // A poller claims the feed and dies before storing anything.
    expect(claimDueFeeds(deps.db.sqlite, deps.clock.now())).toHaveLength(1);
    expect((await pollDueFeeds(deps)).feeds).toBe(0);
    deps.clock.advance(16 * 60_000);
    nock(host, { reqheaders: { 'if-none-match': '"1"' } })
      .get('/feed')
      .reply(200, rss([{ guid: 'late', title: 'Late news' }]));
    const summary = await pollDueFeeds(deps);
    expect(summary.newItems).toHaveLength(1);
  });

  it('follows a permanent redirect to the feed’s new address', async () => {
    await watchEmptyFeed();
    deps.clock.advance(25 * 3600_000);
    nock(host).get('/feed').reply(301, '', { location: '/new-feed' });
    nock(host).get('/new-feed').reply(200, rss([]));
    await pollDueFeeds(deps);
    const [feed] = await listFeeds(deps);
    expect(feed?.url).toBe(`${host}/new-feed`);
  });

  it('backs a quiet feed off by how long it has been quiet, not by how many times it was polled', async () => {
    const items = rss([{ guid: 'a', title: 'Launch day' }]);
    nock(host).get('/feed').reply(200, items);
    await addFeed(deps, { url: `${host}/feed`, actorId: 'U1' });
    const nextCheckIn = () =>
      (deps.db.sqlite.prepare('SELECT next_poll_at FROM feeds').pluck().safeIntegers(false).get() as number) -
      deps.clock.now().getTime();
    deps.clock.advance(2 * 3600_000);
    nock(host).get('/feed').reply(200, items);
    await pollDueFeeds(deps);
    // Quiet for the 2 hours since it was added: next check in half of that.
    expect(nextCheckIn()).toBe(3600_000);
    // "poll --all" by hand five times in a minute: quiet 50 seconds longer, so checked 25 seconds later, not hours.
    nock(host).get('/feed').times(5).reply(200, items);
    for (let poll = 0; poll < 5; poll++) {
      deps.clock.advance(10_000);
      makeAllDue(deps.db.sqlite, deps.clock.now());
      expect((await pollDueFeeds(deps)).ok).toBe(1);
    }
    expect(nextCheckIn()).toBe((2 * 3600 + 50) * 500);
    // Ten hours on, still nothing new: quiet for 12 hours (and the 50 seconds of manual polls), next check in 6.
    deps.clock.advance(10 * 3600_000);
    nock(host).get('/feed').reply(304);
    expect((await pollDueFeeds(deps)).notModified).toBe(1);
    expect(nextCheckIn()).toBe((12 * 3600 + 50) * 500);
  });

  it('skips paused feeds and polls resumed ones at once', async () => {
    const feed = await watchEmptyFeed();
    await pauseFeed(deps, String(feed.id), 'U1');
    deps.clock.advance(25 * 3600_000);
    expect((await pollDueFeeds(deps)).feeds).toBe(0);
    expect((await listFeeds(deps))[0]?.health).toMatch(/^paused/);
    expect(await summarizeFeeds(deps)).toEqual(feedCounts({ total: 1, active: 0, failing: 0, paused: 1 }));
    await resumeFeed(deps, feed.url, 'U1');
    nock(host).get('/feed').reply(200, rss([]));
    expect((await pollDueFeeds(deps)).feeds).toBe(1);
  });

  it('keeps the counts of feeds per state right through adds, pauses and removals', async () => {
    expect(await summarizeFeeds(deps)).toEqual(feedCounts({ total: 0, active: 0, failing: 0, paused: 0 }));
    for (const path of ['/a', '/b', '/c']) {
      await watchEmptyFeed(path);
    }
    await pauseFeed(deps, `${host}/a`, 'U1');
    // An update that leaves the state alone changes no count.
    deps.db.sqlite.prepare("UPDATE feeds SET status = 'active' WHERE url = ?").run(`${host}/b`);
    expect(await summarizeFeeds(deps)).toEqual(feedCounts({ total: 3, active: 2, failing: 0, paused: 1 }));
    await removeFeed(deps, `${host}/a`, 'U1');
    await removeFeed(deps, `${host}/b`, 'U1');
    expect(await summarizeFeeds(deps)).toEqual(feedCounts({ total: 1, active: 1, failing: 0, paused: 0 }));
  });
});

/**
 * Another process (a second `briefbot poll`) holding the database's write lock for `holdMs`: resolves
 * once the lock is taken, with the moment it ends.
 */
async function lockDatabaseElsewhere(file: string, holdMs: number) {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(process.argv[1]);
    db.exec('BEGIN IMMEDIATE');
    db.prepare("UPDATE feeds SET title = title WHERE id = 0").run();
    process.stdout.write('locked\\n');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ${holdMs});
    db.exec('COMMIT');
    db.close();`;
  const child = spawn(process.execPath, ['-e', script, file], { stdio: ['ignore', 'pipe', 'inherit'] });
  const ended = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
  // Killing it (at once, synchronously: this thread may be about to wait on the lock) frees the lock.
  return { ended, end: () => child.kill('SIGKILL') };
}

describe('two pollers on one database', () => {
  function feedState(id: number) {
    return deps.db.sqlite
      .prepare(
        'SELECT last_error_code AS code, consecutive_failures AS failures, next_poll_at AS nextPollAt FROM feeds WHERE id = ?',
      )
      .safeIntegers(false)
      .get(id) as { code: string | null; failures: number; nextPollAt: number };
  }

  async function addDueFeed(): Promise<number> {
    const feed = await watchEmptyFeed('/shared');
    deps.clock.advance(25 * 3600_000);
    return feed.id;
  }

  it("waits for the other process's write, then stores the feed as usual", async () => {
    const feedId = await addDueFeed();
    const file = deps.db.sqlite.name;
    let other: { ended: Promise<void> } | undefined;
    // The other process takes the lock while this one fetches, so this one's write comes while it holds it.
    nock(host)
      .get('/shared')
      .reply(async () => {
        other = await lockDatabaseElsewhere(file, 700);
        return [200, rss([{ guid: 'n1', title: 'Acme pricing update' }])];
      });
    const poll = await pollDueFeeds(deps);
    await other?.ended;
    expect(poll).toMatchObject({ feeds: 1, ok: 1, failed: 0, deferred: 0 });
    expect(poll.newItems).toHaveLength(1);
    expect(feedState(feedId)).toMatchObject({ code: null, failures: 0 });
  });

  it('leaves the feed for the next cycle, blaming nothing on it, when the other process holds the lock too long', async () => {
    const feedId = await addDueFeed();
    const file = deps.db.sqlite.name;
    deps.db.sqlite.pragma('busy_timeout = 150');
    let other: { ended: Promise<void>; end(): void } | undefined;
    // The other process ends once this one has given up on the feed, before the cycle is over.
    deps.logger = { ...deps.logger, warn: () => other?.end() };
    nock(host)
      .get('/shared')
      .reply(async () => {
        other = await lockDatabaseElsewhere(file, 30_000);
        return [200, rss([{ guid: 'n1', title: 'Acme pricing update' }])];
      });
    const poll = await pollDueFeeds(deps);
    await other?.ended;
    expect(poll).toMatchObject({ feeds: 1, ok: 0, failed: 0, deferred: 1 });
    expect(poll.outcomes).toEqual([
      {
        feedId,
        status: 'deferred',
        message: 'Another Briefbot process is using the database; this feed will be polled next cycle.',
      },
    ]);
    // No error, no failure counted; due again at once: the lease was handed back.
    expect(feedState(feedId)).toEqual({ code: null, failures: 0, nextPollAt: expect.any(Number) });
    expect(claimDueFeeds(deps.db.sqlite, deps.clock.now()).map((feed) => feed.id)).toEqual([feedId]);
  });
});
