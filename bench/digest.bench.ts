// npm run bench -- digest: 300 digest schedules over 200,000 stored items; every digest built, none posted.
// Then the same items again with a fifth of them arriving 30 h after publication, and forum threads in
// the window retelling some of those older stories: the path where a later telling makes a story new.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDigests, type DigestPlan } from '../src/briefing/digest.ts';
import { loadConfig } from '../src/config.ts';
import { createDeps } from '../src/deps.ts';
import { peakRssMb, report } from './report.ts';
import { createRandom } from './synthetic-feeds.ts';
import { generateItems } from './synthetic-items.ts';

const itemCount = 200_000;
const scheduleCount = 300;
const topicCount = 60;
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
const dayMs = 24 * 3600_000;
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

function timed(): { ms: number; items: number; madeNew: number } {
  const since = new Date(now - dayMs);
  buildDigests(sqlite, plans.slice(0, 5), since, new Date(now));
  const start = performance.now();
  const digests = buildDigests(sqlite, plans, since, new Date(now));
  const ms = performance.now() - start;
  const chosen = [...digests.values()].flatMap((digest) => digest.items);
  const madeNew = chosen.filter(
    (item) =>
      item.publishedAt.getTime() < since.getTime() && (item.toldAt?.getTime() ?? 0) >= since.getTime(),
  ).length;
  return { ms, items: chosen.length, madeNew };
}

const plain = timed();
const plainPeak = peakRssMb();
// A fifth of the items arrive 30 h after publication (those due after now have not arrived yet).
const arrive = sqlite.prepare(
  'UPDATE items SET created_at = published_at + ?, fetched_at = published_at + ? WHERE id = ?',
);
sqlite.transaction(() => {
  for (let id = 1; id <= itemCount; id++) if (isLate[id]) arrive.run(lateMs, lateMs, id);
})();
const late = timed();
const peak = peakRssMb();
await deps.db.close();
rmSync(dir, { recursive: true, force: true });

console.log(
  `${scheduleCount} schedules over ${itemCount} items (${topicCount} topics, 150 channels); ${plain.items} items chosen in all`,
);
console.log(
  `with a fifth arriving 30 h late and ${retellings} forum threads retelling older stories: ${late.items} items chosen, ${late.madeNew} older stories made new by a later telling`,
);
report(
  'digest',
  [
    { label: 'build every digest', value: plain.ms, unit: 'ms', baseline: 'target <= 3,000 ms' },
    {
      label: 'the same, a fifth arriving 30 h late',
      value: late.ms,
      unit: 'ms',
      baseline: `target <= 1.5x the row above (${(late.ms / plain.ms).toFixed(2)}x)`,
    },
    { label: 'peak RSS after the plain build', value: plainPeak, unit: 'MB', baseline: 'no target' },
    { label: 'peak RSS after both', value: peak, unit: 'MB', baseline: 'no target' },
  ],
  {
    build_all_ms: Math.round(plain.ms),
    late_arrivals_ms: Math.round(late.ms),
    late_ratio: Math.round((late.ms / plain.ms) * 100) / 100,
    late_made_new: late.madeNew,
    peak_rss_mb: Math.round(plainPeak),
    peak_rss_late_mb: Math.round(peak),
  },
);
