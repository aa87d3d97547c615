// npm run bench -- ack: HTTP mode with 10,000 feeds and 500 topics; 200 concurrent signed /brief requests.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/client.ts';
import { startSlackBriefbot } from '../src/index.ts';
import { benchScript, startFakeSlack } from './processes.ts';
import { peakRssMb, report } from './report.ts';

const feeds = 10_000;
const topics = 500;
const concurrency = 200;
const rounds = 10;
const secret = 'bench-signing-secret';

const fake = await startFakeSlack();
const slackPort = fake.port;

const dir = mkdtempSync(join(tmpdir(), 'briefbot-ack-'));
const databaseUrl = `file:${join(dir, 'ack.db')}`;
const seed = await openDatabase(databaseUrl);
const far = Date.now() + 365 * 24 * 3600_000;
const insertFeed = seed.sqlite.prepare(
  "INSERT INTO feeds (url, title, kind, status, next_poll_at, created_at, updated_at, last_success_at, last_error, consecutive_failures, failing_since) VALUES (?, ?, 'news', ?, ?, 0, 0, ?, ?, ?, ?)",
);
const insertTopic = seed.sqlite.prepare(
  "INSERT INTO topics (name, query, kind, created_at, updated_at) VALUES (?, ?, 'theme', 0, 0)",
);
seed.sqlite.transaction(() => {
  for (let index = 0; index < feeds; index++) {
    const failing = index % 97 === 0;
    insertFeed.run(
      `https://news${index}.example.com/feed.xml`,
      `News site ${index}`,
      failing ? 'failing' : 'active',
      far,
      Date.now() - 3600_000,
      failing
        ? 'The server answered HTTP 500: the server had an error; Briefbot will try again later.'
        : null,
      failing ? 4 : 0,
      failing ? Date.now() - 86_400_000 : null,
    );
  }
  for (let index = 0; index < topics; index++)
    insertTopic.run(`topic-${index}`, `keyword${index} OR "phrase ${index}"`);
})();
await seed.close();

const running = await startSlackBriefbot(
  loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_SIGNING_SECRET: secret,
    SLACK_MODE: 'http',
    SLACK_API_URL: `http://127.0.0.1:${slackPort}/api/`,
    DATABASE_URL: databaseUrl,
    BRIEFBOT_ADMINS: 'UBENCH01',
    LOG_LEVEL: 'silent',
  }),
  { port: 0 },
);
const client = spawn(
  process.execPath,
  [
    ...benchScript('ack-client.ts'),
    String(running.port),
    String(slackPort),
    secret,
    String(concurrency),
    String(rounds),
  ],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
let output = '';
client.stdout.on('data', (chunk: Buffer) => {
  output += String(chunk);
});
await new Promise((resolve) => client.once('exit', resolve));
const latencies = JSON.parse(output) as number[];
if (process.env.BENCH_DEBUG)
  for (let r = 0; r < rounds; r++) {
    const s = latencies.slice(r * concurrency, (r + 1) * concurrency).sort((a, b) => a - b);
    console.log(`round ${r}: p50 ${s[100]?.toFixed(0)} p90 ${s[180]?.toFixed(0)} max ${s[199]?.toFixed(0)}`);
  }
const delivered = (await (await fetch(`http://127.0.0.1:${slackPort}/stats`)).json()) as {
  responses: number;
};
latencies.sort((a, b) => a - b);
const percentile = (p: number) =>
  latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)] as number;
const peak = peakRssMb();
await running.stop();
fake.stop();
rmSync(dir, { recursive: true, force: true });

console.log(
  `${feeds} feeds, ${topics} topics; ${rounds} bursts of ${concurrency} concurrent signed requests (help and feeds list); ${delivered.responses} replies delivered`,
);
report(
  'ack',
  [
    { label: 'p50 time to HTTP 200', value: percentile(50), unit: 'ms', baseline: 'Slack allows 3,000 ms' },
    { label: 'p99 time to HTTP 200', value: percentile(99), unit: 'ms', baseline: 'target <= 100 ms' },
    { label: 'peak RSS', value: peak, unit: 'MB', baseline: 'no target; ingest target is 250 MB' },
  ],
  {
    p50_ms: Math.round(percentile(50) * 10) / 10,
    p99_ms: Math.round(percentile(99) * 10) / 10,
    peak_rss_mb: Math.round(peak),
  },
);
