import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addTopic, listTopics, testQuery } from '../../src/analysis/topics.ts';
import { countRecent, gatherEvidence, languageCounts } from '../../src/db/search.ts';
import { addFeed, removeFeed } from '../../src/monitor/feeds.ts';
import { makeAllDue, pollDueFeeds } from '../../src/monitor/poll.ts';
import { createTestDeps, type TestDeps } from '../helpers/deps.ts';

type Story = { guid: string; title: string; link?: string };

function rss(title: string, stories: Story[]): string {
  const items = stories
    .map(
      (story) =>
        `<item><guid>${story.guid}</guid><title>${story.title}</title><link>${story.link ?? `https://news.example.com/${story.guid}`}</link>` +
        `<pubDate>Mon, 02 Nov 2026 06:00:00 GMT</pubDate><description>${story.title}, customers said.</description></item>`,
    )
    .join('');
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>${title}</title><link>https://news.example.com/</link>${items}</channel></rss>`;
}

const stories: Story[] = [
  { guid: 'a1', title: 'Acme raises prices by 20 percent' },
  { guid: 'a2', title: 'Acme launches Rocket product' },
  { guid: 'a3', title: 'Acme pricing page goes quiet' },
];

let deps: TestDeps;
beforeEach(async () => {
  deps = await createTestDeps();
  await addTopic(deps, { name: 'acme', query: 'acme', actorId: 'U1' });
  nock('https://news.example.com').get('/feed').reply(200, rss('Market News', stories));
  await addFeed(deps, { url: 'https://news.example.com/feed', actorId: 'U1' });
});
afterEach(async () => {
  await deps.cleanup();
});

const week = () => new Date(deps.clock.now().getTime() - 7 * 24 * 3600_000);

function evidence() {
  const now = deps.clock.now();
  return gatherEvidence(
    deps.db.sqlite,
    'acme',
    { since: week(), until: now, previousSince: new Date(week().getTime() - 7 * 24 * 3600_000) },
    { limit: 10 },
  );
}

describe('counting items', () => {
  it('counts an article a mirror feed carries at the same link once, as the first feed’s', async () => {
    // Another title, so not refused as the same feed: the same items, links and GUIDs.
    nock('https://mirror.example.org').get('/feed').reply(200, rss('Market News Mirror', stories));
    const mirror = await addFeed(deps, { url: 'https://mirror.example.org/feed', actorId: 'U1' });
    expect(mirror.copiesOf).toEqual({ feed: { id: 1, title: 'Market News' }, items: 3 });

    expect(countRecent(deps.db.sqlite, 'acme', week())).toBe(3);
    expect(countRecent(deps.db.sqlite, null, week())).toBe(3);
    const tested = testQuery(deps, '"raises prices"');
    expect(tested.total).toBe(1);
    expect(tested.hits.map((hit) => hit.feedTitle)).toEqual(['Market News']);
    const [acme] = await listTopics(deps);
    expect(acme).toMatchObject({ name: 'acme', items7d: 3 });
    // A topic added now says what it matches as topics list will count it.
    expect((await addTopic(deps, { name: 'rocket', query: 'rocket', actorId: 'U1' })).linked).toBe(1);
    const { counts, sources, ranked } = evidence();
    expect(counts.current).toBe(3);
    expect(sources).toMatchObject([{ label: 'Market News', kind: 'news', count: 3 }]);
    expect(ranked).toHaveLength(3);
  });

  it('counts a copy once the feed that had it first moves the article, or is removed', async () => {
    nock('https://mirror.example.org').get('/feed').reply(200, rss('Market News Mirror', stories));
    await addFeed(deps, { url: 'https://mirror.example.org/feed', actorId: 'U1' });
    const sourcesOf = () => evidence().sources.map(({ label, count }) => `${label} ${count}`);
    expect(sourcesOf()).toEqual(['Market News 3']);

    // The first feed moves one article to another address: the mirror's copy is first at the old one.
    const moved = stories.map((story) =>
      story.guid === 'a1'
        ? { ...story, title: `${story.title}, updated`, link: 'https://news.example.com/moved/a1' }
        : story,
    );
    nock('https://news.example.com').get('/feed').reply(200, rss('Market News', moved));
    nock('https://mirror.example.org').get('/feed').reply(304);
    makeAllDue(deps.db.sqlite, deps.clock.now());
    await pollDueFeeds(deps);
    expect(countRecent(deps.db.sqlite, 'acme', week())).toBe(4);
    expect(sourcesOf()).toEqual(['Market News 3', 'Market News Mirror 1']);

    await removeFeed(deps, '1', 'U1');
    expect(countRecent(deps.db.sqlite, 'acme', week())).toBe(3);
    expect(countRecent(deps.db.sqlite, null, week())).toBe(3);
    expect(sourcesOf()).toEqual(['Market News Mirror 3']);
  });

  it('still counts the same story told at another link, and a feed that shares only a few items is no mirror', async () => {
    nock('https://wire.example.org')
      .get('/feed')
      .reply(
        200,
        rss('Wire', [
          { guid: 'w1', title: 'Acme raises prices by 20 percent', link: 'https://wire.example.org/w1' },
          { guid: 'a2', title: 'Acme launches Rocket product' },
          { guid: 'w3', title: 'Acme opens an office in Lisbon', link: 'https://wire.example.org/w3' },
        ]),
      );
    const wire = await addFeed(deps, { url: 'https://wire.example.org/feed', actorId: 'U1' });
    // One of three at the same link: not most of them.
    expect(wire.copiesOf).toBeNull();
    expect(countRecent(deps.db.sqlite, 'acme', week())).toBe(5);
    expect(testQuery(deps, '"raises prices"').total).toBe(2);
    expect(evidence().counts.current).toBe(5);
  });
});

describe('items in one language', () => {
  /** The three Acme items, told apart as one German, one French and one unknown (English). */
  function tellLanguages(): void {
    const set = deps.db.sqlite.prepare(
      "UPDATE items SET language = ?, sentiment = 'unread' WHERE title LIKE ?",
    );
    set.run('de', '%raises%');
    set.run('fr', '%launches%');
    deps.db.sqlite.prepare("UPDATE items SET language = NULL WHERE title LIKE '%quiet%'").run();
  }
  const window = () => ({
    since: week(),
    until: deps.clock.now(),
    previousSince: new Date(week().getTime() - 7 * 24 * 3600_000),
  });

  it('keeps only that language, an unknown one counting as English', () => {
    tellLanguages();
    const german = gatherEvidence(deps.db.sqlite, 'acme', window(), { limit: 10, language: 'de' });
    expect(german.ranked.map((hit) => hit.title)).toEqual(['Acme raises prices by 20 percent']);
    expect(german.counts.current).toBe(1);
    const english = gatherEvidence(deps.db.sqlite, 'acme', window(), { limit: 10, language: 'en' });
    expect(english.ranked.map((hit) => hit.title)).toEqual(['Acme pricing page goes quiet']);
    expect(gatherEvidence(deps.db.sqlite, 'acme', window(), { limit: 10 }).counts.current).toBe(3);
  });

  it('counts the mentions whose tone was not read by language, and the matches of each language', () => {
    tellLanguages();
    expect(gatherEvidence(deps.db.sqlite, 'acme', window(), { limit: 10 }).counts.unreadLanguages).toEqual({
      de: 1,
      fr: 1,
    });
    expect(languageCounts(deps.db.sqlite, 'acme', window())).toEqual([
      { language: 'de', count: 1 },
      { language: 'en', count: 1 },
      { language: 'fr', count: 1 },
    ]);
  });
});
