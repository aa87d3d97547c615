// npm run bench -- ingest: first ingest of 500 feeds x 50 items end to end, against rss-parser alone.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inlineEvidence } from '../src/briefing/evidence.ts';
import { systemClock } from '../src/clock.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/client.ts';
import type { Deps } from '../src/deps.ts';
import { silentLogger } from '../src/logger.ts';
import { createWorkerAnalyzer } from '../src/monitor/analyzer.ts';
import { pollDueFeeds } from '../src/monitor/poll.ts';
import { createLogOutbox, noDirectory } from '../src/outbox.ts';
import { benchScript } from './processes.ts';
import { peakRssMb, report } from './report.ts';

const feedCount = Number(process.env.BENCH_FEEDS ?? 500);
const itemsPerFeed = 50;
const topicQueries = [
  'pricing OR "price increase" OR discount*',
  'outage OR downtime OR "slow dashboards"',
  'acme -hiring',
  'globex OR initech',
  '"single sign-on" OR "audit logs"',
  'churn OR switch*',
  'backlash OR sued OR lawsuit',
  'roadmap',
  '"data platform" OR "analytics suite"',
  'support -"support desk"',
];

async function startServer(): Promise<{ port: number; stop(): void }> {
  const child = spawn(
    process.execPath,
    [...benchScript('feed-server.ts'), String(feedCount), String(itemsPerFeed)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  process.once('exit', () => child.kill());
  const port = await new Promise<number>((resolve) =>
    child.stdout.once('data', (chunk: Buffer) => resolve(Number(String(chunk).trim()))),
  );
  return { port, stop: () => child.kill() };
}

async function rawParse(): Promise<{ itemsPerSec: number; megabytes: number }> {
  const child = spawn(
    process.execPath,
    [...benchScript('raw-parse.ts'), String(feedCount), String(itemsPerFeed)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += String(chunk);
  });
  await new Promise((resolve) => child.once('exit', resolve));
  return JSON.parse(output);
}

const { itemsPerSec: rawItemsPerSec, megabytes } = await rawParse();
const server = await startServer();
const dir = mkdtempSync(join(tmpdir(), 'briefbot-bench-'));
const config = loadConfig({
  DATABASE_URL: `file:${join(dir, 'bench.db')}`,
  FEED_ALLOW_PRIVATE_ADDRESSES: 'true',
});
const db = await openDatabase(config.DATABASE_URL);
const deps: Deps = {
  config,
  db,
  clock: systemClock,
  logger: silentLogger,
  http: { timeoutMs: 20_000, maxBytes: 10 * 1024 * 1024, allowPrivate: true },
  analyzer: createWorkerAnalyzer(Number(process.env.BENCH_WORKERS ?? 1)),
  pollConcurrency: Number(process.env.BENCH_CONCURRENCY ?? 8),
  outbox: createLogOutbox(silentLogger),
  directory: noDirectory,
  llm: null,
  evidence: inlineEvidence(db.sqlite),
};
const insertFeed = db.sqlite.prepare(
  "INSERT INTO feeds (url, kind, next_poll_at, created_at, updated_at) VALUES (?, 'news', 0, 0, 0)",
);
db.sqlite.transaction(() => {
  for (let feed = 0; feed < feedCount; feed++)
    insertFeed.run(`http://127.0.0.1:${server.port}/feed/${feed}.xml`);
})();
const insertTopic = db.sqlite.prepare(
  'INSERT INTO topics (name, query, kind, created_at, updated_at) VALUES (?, ?, ?, 0, 0)',
);
for (const [index, query] of topicQueries.entries()) insertTopic.run(`topic-${index}`, query, 'theme');

const ingestStart = performance.now();
const first = await pollDueFeeds(deps, { limit: feedCount });
const ingestSec = (performance.now() - ingestStart) / 1000;
const stored = Number(db.sqlite.prepare('SELECT COUNT(*) FROM items').pluck().get());
if (first.failed > 0 || stored !== feedCount * itemsPerFeed) {
  throw new Error(`first ingest incomplete: ${first.failed} feeds failed, ${stored} items stored`);
}
const itemsPerSec = stored / ingestSec;
const clusters = Number(
  db.sqlite.prepare('SELECT COUNT(*) FROM clusters WHERE source_count > 1').pluck().get(),
);

db.sqlite.prepare('UPDATE feeds SET next_poll_at = 0').run();
const repollStart = performance.now();
const second = await pollDueFeeds(deps, { limit: feedCount });
const repollSec = (performance.now() - repollStart) / 1000;
if (second.notModified !== feedCount)
  throw new Error(`re-poll: only ${second.notModified} feeds answered 304`);
const repollFeedsPerSec = feedCount / repollSec;

const peak = peakRssMb();
await deps.analyzer.close();
await db.close();
server.stop();
rmSync(dir, { recursive: true, force: true });

const ratio = itemsPerSec / rawItemsPerSec;
console.log(
  `${feedCount} feeds x ${itemsPerFeed} items, ${megabytes.toFixed(1)} MB of RSS; ${clusters} multi-source stories found`,
);
report(
  'ingest',
  [
    {
      label: 'end-to-end first ingest',
      value: itemsPerSec,
      unit: 'items/s',
      baseline: `raw rss-parser ${Math.round(rawItemsPerSec)} items/s`,
    },
    { label: 'ratio to raw parse', value: ratio, unit: '', baseline: 'target >= 0.60' },
    {
      label: 're-poll, all 304',
      value: repollFeedsPerSec,
      unit: 'feeds/s',
      baseline: 'target >= 300 feeds/s',
    },
    { label: 'peak RSS', value: peak, unit: 'MB', baseline: 'target <= 250 MB' },
  ],
  {
    items_per_s: Math.round(itemsPerSec),
    raw_parse_items_per_s: Math.round(rawItemsPerSec),
    ratio: Math.round(ratio * 1000) / 1000,
    repoll_feeds_per_s: Math.round(repollFeedsPerSec),
    peak_rss_mb: Math.round(peak),
  },
);
