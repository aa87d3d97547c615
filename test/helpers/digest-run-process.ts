// A Briefbot process that runs the due digests against a stand-in for Slack's Web API, for a test to
// kill mid-run: `node --import tsx digest-run-process.ts <DATABASE_URL> <SLACK_API_URL> <now>`.
import { WebClient } from '@slack/web-api';
import { runDueDigests } from '../../src/briefing/digest-runner.ts';
import { createManualClock } from '../../src/clock.ts';
import { loadConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/db/client.ts';
import type { Deps } from '../../src/deps.ts';
import { silentLogger } from '../../src/logger.ts';
import { createSlackLogger, createSlackOutbox } from '../../src/slack/adapters.ts';

const [databaseUrl = '', slackApiUrl = '', now = ''] = process.argv.slice(2);
const db = await openDatabase(databaseUrl);
const client = new WebClient('xoxb-test', {
  slackApiUrl,
  retryConfig: { retries: 0 },
  logger: createSlackLogger(silentLogger),
});
const deps = {
  config: loadConfig({ DATABASE_URL: databaseUrl }),
  db,
  clock: createManualClock(now),
  logger: silentLogger,
  llm: null,
  outbox: createSlackOutbox(client, { minIntervalMs: 0 }),
} as unknown as Deps;
await runDueDigests(deps, { owner: 'killed', catchUpHours: 6 });
await db.close();
