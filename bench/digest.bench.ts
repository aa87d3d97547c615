// npm run bench -- digest: 300 digest schedules over 200,000 stored items; every digest built, none posted.
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

const since = new Date(now - 24 * 3600_000);
buildDigests(sqlite, plans.slice(0, 5), since, new Date(now));
const start = performance.now();
const digests = buildDigests(sqlite, plans, since, new Date(now));
const buildMs = performance.now() - start;
const items = [...digests.values()].reduce((sum, digest) => sum + digest.items.length, 0);
const peak = peakRssMb();
await deps.db.close();
rmSync(dir, { recursive: true, force: true });

console.log(
  `${scheduleCount} schedules over ${itemCount} items (${topicCount} topics, 150 channels); ${items} items chosen in all`,
);
report(
  'digest',
  [
    { label: 'build every digest', value: buildMs, unit: 'ms', baseline: 'target <= 3,000 ms' },
    { label: 'peak RSS', value: peak, unit: 'MB', baseline: 'no target' },
  ],
  { build_all_ms: Math.round(buildMs), peak_rss_mb: Math.round(peak) },
);
