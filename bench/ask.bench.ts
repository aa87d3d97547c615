// npm run bench -- ask: answers over 1,000,000 synthetic items, without the model.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { answerQuestion } from '../src/briefing/answer.ts';
import { parseAsk } from '../src/briefing/ask-parse.ts';
import { runCommand } from '../src/commands/index.ts';
import { loadConfig } from '../src/config.ts';
import { createDeps } from '../src/deps.ts';
import { startSlackBriefbot } from '../src/index.ts';
import { buildHome } from '../src/slack/home.ts';
import { loadDemoCorpus } from '../test/briefing/corpus.ts';
import { precisionAt5, readLabels } from '../test/briefing/precision.ts';
import { createTestDeps } from '../test/helpers/deps.ts';
import { benchScript, startFakeSlack } from './processes.ts';
import { peakRssMb, report } from './report.ts';
import { generateItems, planted } from './synthetic-items.ts';

const items = Number(process.env.BENCH_ITEMS ?? 1_000_000);

// Retrieval quality first: precision@5 on the demo corpus against hand-labelled relevant items.
const root = fileURLToPath(new URL(import.meta.url.endsWith('.js') ? '../../../' : '../', import.meta.url));
const quality = await createTestDeps({
  now: '2026-11-02T09:00:00Z',
  env: { DEFAULT_TIMEZONE: 'Europe/Berlin' },
});
await loadDemoCorpus(quality);
const labels = readLabels(join(root, 'test', 'fixtures', 'answers', 'labels.json'));
const precision = (await precisionAt5(quality, labels)).mean;
await quality.cleanup();
const runs = 20;
const dir = mkdtempSync(join(tmpdir(), 'briefbot-ask-'));
const config = loadConfig({
  DATABASE_URL: `file:${join(dir, 'ask.db')}`,
  LOG_LEVEL: 'silent',
  BRIEFBOT_ADMINS: 'UBENCH01',
});
const deps = await createDeps(config, { llm: null });
const now = Date.now();
const generation = performance.now();
generateItems(deps.db.sqlite, items, { feeds: 1000, days: 30, now });
console.log(`generated ${items} items in ${((performance.now() - generation) / 1000).toFixed(0)} s`);

async function time(question: string): Promise<{ p50: number; p95: number; matches: number }> {
  const request = parseAsk(question, new Date(now), 'UTC');
  let matches = 0;
  for (let warm = 0; warm < 2; warm++)
    matches = (await answerQuestion(deps, request, { userId: 'UBENCH01' })).subjects[0]?.counts.current ?? 0;
  return { ...(await percentiles(() => answerQuestion(deps, request, { userId: 'UBENCH01' }))), matches };
}

/** p50 and p95 of `runs` runs of `work`. */
async function percentiles(work: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  const durations: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    await work();
    durations.push(performance.now() - start);
  }
  durations.sort((a, b) => a - b);
  return {
    p50: durations[Math.floor(runs / 2)] as number,
    p95: durations[Math.ceil(runs * 0.95) - 1] as number,
  };
}

const rare = await time(`what are customers saying about ${planted.rare} last 30 days`);
const medium = await time(`what are customers saying about ${planted.medium} last 30 days`);
const common = await time(`what are customers saying about ${planted.common} last 30 days`);
// One side asked for: its mentions are ranked among themselves too (see alsoRanked).
const side = await time(`bad news about ${planted.common} last 30 days`);
// The overview ("what's new") searches every topic at once and counts each one's stored links.
for (const word of Object.values(planted)) {
  const reply = await runCommand(deps, {
    userId: 'UBENCH01',
    channelId: null,
    text: `topics add ${word} ${word}`,
  });
  if (!/^Added topic/.test(reply.text)) throw new Error(`topic not added: ${reply.text}`);
}
const overview = await time("what's new last 30 days");
// App Home, whose top stories are the overview of the last 7 days.
await buildHome(deps, 'UBENCH01');
const home = await percentiles(() => buildHome(deps, 'UBENCH01'));
await deps.db.close();

// Acknowledgements while 20 questions of every size are being answered, over HTTP as Slack sends them.
const secret = 'bench-signing-secret';
const fake = await startFakeSlack();
const slackPort = fake.port;
const running = await startSlackBriefbot(
  loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_SIGNING_SECRET: secret,
    SLACK_MODE: 'http',
    SLACK_API_URL: `http://127.0.0.1:${slackPort}/api/`,
    DATABASE_URL: config.DATABASE_URL,
    BRIEFBOT_ADMINS: 'UBENCH01',
    LOG_LEVEL: 'silent',
  }),
  { port: 0 },
);
const questions = [planted.rare, planted.medium, planted.common].map(
  (word) => `what are customers saying about ${word} last 30 days`,
);
const client = spawn(
  process.execPath,
  [
    ...benchScript('ack-client.ts'),
    String(running.port),
    String(slackPort),
    secret,
    '20',
    '10',
    JSON.stringify(questions),
  ],
  { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, BENCH_PAUSE_MS: '3000' } },
);
let output = '';
client.stdout.on('data', (chunk: Buffer) => {
  output += String(chunk);
});
await new Promise((resolve) => client.once('exit', resolve));
const acks = (JSON.parse(output) as number[]).sort((a, b) => a - b);
const ackP99 = acks[Math.ceil(acks.length * 0.99) - 1] as number;
const peak = peakRssMb();
await running.stop();
fake.stop();
rmSync(dir, { recursive: true, force: true });
report(
  'ask',
  [
    {
      label: `~100 matches (${rare.matches}) p50 / p95`,
      value: rare.p95,
      unit: `ms (p50 ${rare.p50.toFixed(1)})`,
      baseline: 'no target',
    },
    {
      label: `~10k matches (${medium.matches}) p95`,
      value: medium.p95,
      unit: `ms (p50 ${medium.p50.toFixed(1)})`,
      baseline: 'target p95 <= 150 ms',
    },
    {
      label: `~100k matches (${common.matches}) p95`,
      value: common.p95,
      unit: `ms (p50 ${common.p50.toFixed(1)})`,
      baseline: 'no target',
    },
    {
      label: `one side, bad news (${side.matches}) p95`,
      value: side.p95,
      unit: `ms (p50 ${side.p50.toFixed(1)})`,
      baseline: 'no target',
    },
    {
      label: `overview, 3 topics (${overview.matches}) p95`,
      value: overview.p95,
      unit: `ms (p50 ${overview.p50.toFixed(1)})`,
      baseline: 'no target',
    },
    {
      label: 'App Home with top stories (7 days, 3 topics) p95',
      value: home.p95,
      unit: `ms (p50 ${home.p50.toFixed(1)})`,
      baseline: 'no target',
    },
    { label: 'ack p99, 20 asks at once', value: ackP99, unit: 'ms', baseline: 'target <= 100 ms' },
    {
      label: `precision@5, ${labels.questions.length} labelled questions`,
      value: precision,
      unit: '',
      baseline: 'test floor 0.85',
    },
    { label: 'peak RSS', value: peak, unit: 'MB', baseline: 'no target' },
  ],
  {
    p50_ms_10k: Math.round(medium.p50 * 10) / 10,
    p95_ms_100: Math.round(rare.p95 * 10) / 10,
    p95_ms_10k: Math.round(medium.p95 * 10) / 10,
    p95_ms_100k: Math.round(common.p95 * 10) / 10,
    p95_ms_side: Math.round(side.p95 * 10) / 10,
    p95_ms_overview: Math.round(overview.p95 * 10) / 10,
    p95_ms_home: Math.round(home.p95 * 10) / 10,
    ack_p99_ms: Math.round(ackP99 * 10) / 10,
    precision_at_5: Math.round(precision * 1000) / 1000,
    peak_rss_mb: Math.round(peak),
  },
);
