import { Session } from 'node:inspector/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeItems } from '../../src/db/items.ts';
import { analyzeFeedBody } from '../../src/monitor/analyze.ts';
import { createTestDeps, type TestDeps } from '../helpers/deps.ts';
import { type FeedItem, rssFeed } from '../helpers/digest.ts';
import { sharedFeed } from '../helpers/fixtures.ts';

let deps: TestDeps;
beforeEach(async () => {
  deps = await createTestDeps();
});
afterEach(async () => {
  await deps.cleanup();
});

function addFeed(url: string): number {
  return Number(
    deps.db.sqlite
      .prepare(
        "INSERT INTO feeds (url, kind, next_poll_at, created_at, updated_at) VALUES (?, 'news', 0, 0, 0)",
      )
      .run(url).lastInsertRowid,
  );
}

async function store(feedId: number, items: FeedItem[]) {
  const analyzed = await analyzeFeedBody(
    rssFeed('https://news.example.com', items, deps.clock.now()),
    'https://news.example.com/feed.xml',
    [],
  );
  return deps.db.sqlite.transaction(() =>
    storeItems(deps.db.sqlite, analyzed.items, { feedId, backlog: false, now: deps.clock.now() }),
  )();
}

const words = 'pricing renewal outage roadmap customers discount migration latency support churn'.split(' ');

/** A feed of `count` distinct items of some 1,500 characters each, as real articles' summaries run. */
function articles(feed: number, count: number): FeedItem[] {
  let seed = feed * 7919 + 1;
  const word = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return `${words[seed % words.length]}${(seed >>> 8) % 5000}`;
  };
  return Array.from({ length: count }, (_, index) => ({
    guid: `feed-${feed}-item-${index}`,
    title: `Story ${index} of feed ${feed}: ${word()} ${word()} ${word()}`,
    text: Array.from({ length: 200 }, word).join(' '),
  }));
}

describe('storeItems', () => {
  it('updates a changed item in every column it is stored with, and its full-text entry', async () => {
    const feedId = addFeed('https://news.example.com/feed.xml');
    const first = await store(feedId, [
      { guid: 'a', title: 'Acme raises prices', text: 'Customers grumble about pricing.', author: 'Ann' },
    ]);
    expect(first.inserted).toHaveLength(1);
    deps.clock.advance(60_000);
    const changedAt = new Date(deps.clock.now().getTime() - 3_600_000);
    const second = await store(feedId, [
      {
        guid: 'a',
        title: 'Acme reverses price rise',
        text: 'Renewals resume after the backlash.',
        author: 'Bo',
        comments: 12,
        publishedAt: changedAt,
      },
    ]);
    expect(second).toEqual({ inserted: [], updated: first.inserted, unchanged: 0 });
    const row = deps.db.sqlite
      .prepare(
        'SELECT title, text, author, published_at AS publishedAt, comment_count AS commentCount, updated_at AS updatedAt FROM items WHERE id = ?',
      )
      .safeIntegers(false)
      .get(first.inserted[0]);
    expect(row).toEqual({
      title: 'Acme reverses price rise',
      text: 'Renewals resume after the backlash.',
      author: 'Bo',
      publishedAt: changedAt.getTime(),
      commentCount: 12,
      updatedAt: deps.clock.now().getTime(),
    });
    const matches = (query: string) =>
      deps.db.sqlite
        .prepare('SELECT rowid FROM items_fts WHERE items_fts MATCH ?')
        .pluck()
        .safeIntegers(false)
        .all(query);
    expect(matches('backlash')).toEqual(first.inserted);
    expect(matches('grumble')).toEqual([]);
  });

  it("keeps an hnrss.org item's points and comments, and a re-poll's new counts in place (never new twice)", async () => {
    const feedId = addFeed('https://hnrss.org/newest?q=%22acme+desk%22');
    const bytes = sharedFeed('unseen/hacker-news-hnrss.rss').toString('utf8');
    const poll = async (body: string) => {
      const analyzed = await analyzeFeedBody(body, 'https://hnrss.org/newest?q=%22acme+desk%22', []);
      return deps.db.sqlite.transaction(() =>
        storeItems(deps.db.sqlite, analyzed.items, { feedId, backlog: false, now: deps.clock.now() }),
      )();
    };
    const counts = () =>
      deps.db.sqlite
        .prepare(
          'SELECT title, points, comment_count AS comments, updated_at AS updatedAt FROM items ORDER BY id',
        )
        .safeIntegers(false)
        .all();
    const first = await poll(bytes);
    expect(first.inserted).toHaveLength(2);
    const storedAt = deps.clock.now().getTime();
    expect(counts()).toEqual([
      {
        title: 'Acme Desk raises prices 18% for small teams',
        points: 212,
        comments: 148,
        updatedAt: storedAt,
      },
      { title: 'Ask HN: What help desk do you use in 2024?', points: 37, comments: 61, updatedAt: storedAt },
    ]);
    deps.clock.advance(600_000);
    // An hour on: the story has more votes, the same comments; the Ask HN is as it was.
    const second = await poll(bytes.replace('<p>Points: 212</p>', '<p>Points: 312</p>'));
    expect(second).toEqual({ inserted: [], updated: [], unchanged: 2 });
    expect(counts()).toEqual([
      {
        title: 'Acme Desk raises prices 18% for small teams',
        points: 312,
        comments: 148,
        updatedAt: deps.clock.now().getTime(),
      },
      { title: 'Ask HN: What help desk do you use in 2024?', points: 37, comments: 61, updatedAt: storedAt },
    ]);
  });

  it('finds an item stored under the first 500 characters of a longer GUID, and gives it the key it has now', async () => {
    const feedId = addFeed('https://news.example.com/feed.xml');
    const guid = `urn:news:${'x'.repeat(600)}:1`;
    // The session in the address changes from poll to poll: only the GUID tells the item.
    const poll = async (session: number) => {
      const analyzed = await analyzeFeedBody(
        `<?xml version="1.0"?><rss version="2.0"><channel><title>N</title><link>https://news.example.com/</link>
          <item><guid isPermaLink="false">${guid}</guid><title>Acme raises prices</title>
          <link>https://news.example.com/acme?session=${session}</link><description>Customers grumble.</description></item>
        </channel></rss>`,
        'https://news.example.com/feed.xml',
        [],
      );
      return deps.db.sqlite.transaction(() =>
        storeItems(deps.db.sqlite, analyzed.items, { feedId, backlog: false, now: deps.clock.now() }),
      )();
    };
    const first = await poll(1);
    expect(first.inserted).toHaveLength(1);
    // As the earlier version stored it.
    deps.db.sqlite
      .prepare('UPDATE items SET key = ? WHERE id = ?')
      .run(guid.slice(0, 500), first.inserted[0]);
    const second = await poll(2);
    expect(second.inserted).toEqual([]);
    const keys = deps.db.sqlite.prepare('SELECT key FROM items').pluck().all() as string[];
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatch(/^urn:news:x+#[\da-f]{40}$/);
  });

  it('makes little garbage per stored item on the thread that writes (it piles up there during ingest)', async () => {
    const feeds = Array.from({ length: 24 }, (_, feed) => ({
      id: addFeed(`https://news.example.com/${feed}.xml`),
      items: articles(feed, 50),
    }));
    const analyzed = await Promise.all(
      feeds.map(async (feed) => ({
        id: feed.id,
        items: (
          await analyzeFeedBody(
            rssFeed('https://news.example.com', feed.items, deps.clock.now()),
            'https://news.example.com/feed.xml',
            [],
          )
        ).items,
      })),
    );
    const write = (batch: typeof analyzed) =>
      deps.db.sqlite.transaction(() => {
        for (const feed of batch)
          storeItems(deps.db.sqlite, feed.items, { feedId: feed.id, backlog: false, now: deps.clock.now() });
      })();
    write(analyzed.slice(0, 4));
    const session = new Session();
    session.connect();
    await session.post('HeapProfiler.enable');
    // Every allocation is counted, the garbage included: that is what fills the heap between collections.
    await session.post('HeapProfiler.startSampling', {
      samplingInterval: 1024,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    });
    write(analyzed.slice(4));
    const { profile } = await session.post('HeapProfiler.stopSampling');
    session.disconnect();
    type Node = { selfSize: number; children: Node[] };
    const allocated = (node: Node): number =>
      node.selfSize + node.children.reduce((sum, child) => sum + allocated(child), 0);
    const stored = 20 * 50;
    expect(Number(deps.db.sqlite.prepare('SELECT COUNT(*) FROM items').pluck().get())).toBe(24 * 50);
    // ~3.5 KB an item; spreading a row object into the insert's parameters made it ~7.8 KB.
    expect(allocated(profile.head as Node) / stored).toBeLessThan(5_500);
  });
});
