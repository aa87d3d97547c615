// Writes a large synthetic corpus straight into a Briefbot database, for the answer benchmark.
import type { Sqlite } from '../src/db/client.ts';
import { createRandom, pseudoWords } from './synthetic-feeds.ts';

/** Words planted at known rates, so a query can be chosen to match about 100, 10,000 or 100,000 items. */
export const planted = { rare: 'rarebird', medium: 'midtone', common: 'hightide' } as const;

const vocabulary = pseudoWords(20_000, 16, 257, 5);
const kinds = ['news', 'blog', 'forum', 'review', 'competitor', 'community'];
const sentiments = ['positive', 'neutral', 'negative'];

/** `count` items over `feeds` feeds, published over the `days` before `now`. */
export function generateItems(
  sqlite: Sqlite,
  count: number,
  options: { feeds: number; days: number; now: number },
): void {
  const random = createRandom(7);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  const insertFeed = sqlite.prepare(
    'INSERT INTO feeds (url, title, kind, next_poll_at, created_at, updated_at) VALUES (?, ?, ?, ?, 0, 0)',
  );
  sqlite.transaction(() => {
    for (let feed = 0; feed < options.feeds; feed++) {
      insertFeed.run(
        `https://source${feed}.example.com/feed`,
        `Source ${feed}`,
        kinds[feed % kinds.length],
        options.now + 365 * 86_400_000,
      );
    }
  })();
  const insertItem = sqlite.prepare(
    `INSERT INTO items (id, feed_id, key, url, title, author, published_at, fetched_at, text, content_hash, sentiment, sentiment_score, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'h', ?, 0, ?, ?)`,
  );
  const indexItem = sqlite.prepare("INSERT INTO items_fts (rowid, title, text, source) VALUES (?, ?, ?, '')");
  const span = options.days * 86_400_000;
  const batch = 10_000;
  for (let start = 0; start < count; start += batch) {
    sqlite.transaction(() => {
      for (let id = start + 1; id <= Math.min(count, start + batch); id++) {
        const words = Array.from({ length: 10 + Math.floor(random() * 40) }, () => pick(vocabulary));
        const chance = random();
        // Planted so that about 100, 10,000 and 100,000 of a million items carry them.
        if (chance < 0.0001) words.splice(3, 0, planted.rare);
        if (chance < 0.01) words.splice(5, 0, planted.medium);
        if (chance < 0.1) words.splice(1, 0, planted.common);
        const title = words.slice(0, 8).join(' ');
        const text = words.join(' ');
        const at = options.now - Math.floor(random() * span);
        insertItem.run(
          id,
          1 + (id % options.feeds),
          `k${id}`,
          `https://source${id % options.feeds}.example.com/${id}`,
          title,
          `Author ${id % 997}`,
          at,
          at,
          text,
          pick(sentiments),
          at,
          at,
        );
        indexItem.run(id, title, text);
      }
    })();
  }
}
