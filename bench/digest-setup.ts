// The digest bench's data: 300 digest schedules over 200,000 stored items in a temporary database, and
// forum threads in the window retelling older stories; `arriveLate` then makes a fifth of the items
// arrive 30 h after publication. Shared by digest.bench.ts and digest-compare.ts.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Digest, DigestPlan } from '../src/briefing/digest.ts';
import { loadConfig } from '../src/config.ts';
import type { Sqlite } from '../src/db/client.ts';
import { createDeps } from '../src/deps.ts';
import { createRandom } from './synthetic-feeds.ts';
import { generateItems } from './synthetic-items.ts';

export const itemCount = 200_000;
export const scheduleCount = 300;
export const topicCount = 60;
export const dayMs = 24 * 3600_000;

export type DigestBenchData = {
  sqlite: Sqlite;
  plans: DigestPlan[];
  now: number;
  /** How many forum threads in the window retell older stories. */
  retellings: number;
  /** A fifth of the items arrive 30 h after publication (those due after now have not arrived yet). */
  arriveLate: () => void;
  close: () => Promise<void>;
};

export async function digestBenchData(): Promise<DigestBenchData> {
  const dir = mkdtempSync(join(tmpdir(), 'briefbot-digest-'));
  const deps = await createDeps(
    loadConfig({ DATABASE_URL: `file:${join(dir, 'digest.db')}`, LOG_LEVEL: 'silent' }),
    { llm: null },
  );
  const { sqlite } = deps.db;
  const now = Date.now();
  // Four days of items: the digests' first runs look at the last 24 hours, about 50,000 of them.
  generateItems(sqlite, itemCount, { feeds: 1000, days: 4, now });
  const random = createRandom(11);
  const insertTopic = sqlite.prepare(
    "INSERT INTO topics (name, query, kind, created_at, updated_at) VALUES (?, ?, 'theme', 0, 0)",
  );
  const link = sqlite.prepare('INSERT OR IGNORE INTO item_topics (item_id, topic_id) VALUES (?, ?)');
  const insertPost = sqlite.prepare(
    "INSERT OR IGNORE INTO channel_posts (channel_id, item_id, source, message_ts, posted_at) VALUES (?, ?, 'digest', '1.0', 0)",
  );
  sqlite.transaction(() => {
    for (let topic = 1; topic <= topicCount; topic++) insertTopic.run(`topic-${topic}`, `word${topic}`);
    for (let item = 1; item <= itemCount; item++) {
      link.run(item, 1 + Math.floor(random() * topicCount));
      if (random() < 0.5) link.run(item, 1 + Math.floor(random() * topicCount));
    }
    // Channels have already received some items, which their digests must skip.
    for (let post = 0; post < 20_000; post++)
      insertPost.run(`C${Math.floor(random() * 150)}`, 1 + Math.floor(random() * itemCount));
  })();
  const plans: DigestPlan[] = Array.from({ length: scheduleCount }, (_, id) => ({
    id: id + 1,
    channelId: `C${id % 150}`,
    topicNames: Array.from(
      { length: 1 + Math.floor(random() * 3) },
      () => `topic-${1 + Math.floor(random() * topicCount)}`,
    ),
    maxItems: 8,
  }));

  // Forum threads in the window retelling older stories (published 30–54 h before now, much talked
  // about: 200 comments each, so they rank among a digest's best), in their words and on their topics.
  // Present in both runs: without late arrivals the stories they retell arrived on time, before the
  // window, so only the threads are candidates.
  const lateMs = 30 * 3600_000;
  const isLate = Uint8Array.from({ length: itemCount + 1 }, () => (random() < 0.2 ? 1 : 0));
  const retellings = retell();

  function retell(): number {
    // Read row by row, only the two kinds kept: the bench's peak memory is the digests', not this set-up's.
    const retold: Array<[number, number, string, string]> = [];
    const forums: Array<[number, number, string, string]> = [];
    for (const row of sqlite
      .prepare('SELECT id, published_at, title, text FROM items WHERE published_at >= ?')
      .raw()
      .safeIntegers(false)
      .iterate(now - lateMs - dayMs) as Iterable<[number, number, string, string]>) {
      const [id, at] = row;
      if (isLate[id] && at < now - lateMs) retold.push(row);
      // Forum feeds are every sixth (generateItems: feed 1 + id % 1000, its kind by feed index % 6).
      else if ((id % 1000) % 6 === 2 && !isLate[id] && at >= now - dayMs && at < now) forums.push(row);
    }
    const retitle = sqlite.prepare('UPDATE items SET title = ?, text = ? WHERE id = ?');
    const talkedAbout = sqlite.prepare('UPDATE items SET comment_count = 200 WHERE id = ?');
    const topicsOf = sqlite
      .prepare('SELECT topic_id FROM item_topics WHERE item_id = ?')
      .pluck()
      .safeIntegers(false);
    let count = 0;
    sqlite.transaction(() => {
      for (const [index, [id, , title, text]] of forums.entries()) {
        if (index % 3 !== 0) continue;
        const [story, , storyTitle, storyText] = retold[Math.floor(random() * retold.length)] as [
          number,
          number,
          string,
          string,
        ];
        // The story is an outage of a named company; the thread names both, takes three more of the
        // story's title words, and its text opens with the story's lead (see groupEvents: a kind of
        // event, a name in common and two words besides).
        const name = `Acme${story}`;
        const words = storyTitle.split(' ');
        const lead = `${words.slice(0, 3).join(' ')} ${name} outage ${words.slice(3).join(' ')}`;
        retitle.run(lead, `${lead}. ${storyText}`, story);
        retitle.run(
          `users report ${name} outage ${words.slice(0, 3).join(' ')} ${title.split(' ').slice(0, 2).join(' ')}`,
          `${lead}. ${text}`,
          id,
        );
        talkedAbout.run(story);
        for (const topic of topicsOf.all(story) as number[]) link.run(id, topic);
        count++;
      }
    })();
    return count;
  }

  function arriveLate(): void {
    const arrive = sqlite.prepare(
      'UPDATE items SET created_at = published_at + ?, fetched_at = published_at + ? WHERE id = ?',
    );
    sqlite.transaction(() => {
      for (let id = 1; id <= itemCount; id++) if (isLate[id]) arrive.run(lateMs, lateMs, id);
    })();
  }

  return {
    sqlite,
    plans,
    now,
    retellings,
    arriveLate,
    close: async () => {
      await deps.db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A hash of what every digest shows (its items, their order and everything said of them), its times
 * counted from `now`, so runs on other days hash alike: a change meant only to be faster leaves it the same.
 */
export function digestsHash(digests: Map<number, Digest>, now: number): string {
  const fromNow = (at: Date | undefined) => (at ? at.getTime() - now : null);
  const shown = [...digests]
    .sort(([a], [b]) => a - b)
    .map(([id, digest]) => ({
      id,
      ...digest,
      items: digest.items.map((item) => ({
        ...item,
        publishedAt: fromNow(item.publishedAt),
        toldAt: fromNow(item.toldAt),
      })),
      published: digest.published.map((at) => at - now),
    }));
  return createHash('sha256').update(JSON.stringify(shown)).digest('hex').slice(0, 16);
}
