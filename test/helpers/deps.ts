import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inlineEvidence } from '../../src/briefing/evidence.ts';
import { createManualClock } from '../../src/clock.ts';
import { type Config, loadConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/db/client.ts';
import type { Deps, HttpSettings } from '../../src/deps.ts';
import { silentLogger } from '../../src/logger.ts';
import type { Resolver } from '../../src/monitor/address-guard.ts';
import { inlineAnalyzer } from '../../src/monitor/analyzer.ts';
import type { Message } from '../../src/slack/blocks/common.ts';
import { cachedFolder } from './temp-cache.ts';

/** Every host resolves to a public documentation address, so nock'ed hosts pass the address guard. */
export const publicResolver: Resolver = async () => [{ address: '93.184.215.14', family: 4 }];

export type SentMessage = { channel: string; message: Message; threadTs?: string; updates?: string };
export type TestDeps = Deps & {
  clock: ReturnType<typeof createManualClock>;
  sent: SentMessage[];
  workspaceAdmins: Set<string>;
  /** Time zones in people's Slack profiles (what users.info would say). */
  userTimeZones: Map<string, string>;
  cleanup(): Promise<void>;
};

let migrated: Promise<string> | undefined;

/**
 * A database migrated once with the real migrations (for these sources: see cachedFolder): each
 * test's database starts as a copy of it, as copying takes a tenth of the time migrating does.
 */
function migratedDatabase(): Promise<string> {
  migrated ??= cachedFolder('briefbot-migrated-', async (staging) => {
    const db = await openDatabase(`file:${join(staging, 'migrated.db')}`);
    db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    await db.close();
  }).then((folder) => join(folder, 'migrated.db'));
  return migrated;
}

/**
 * Real SQLite in a temp file, migrated with the real migrations; a manual clock; no logs.
 * `copyOf`: a database file to start from (this test's own copy of it).
 */
export async function createTestDeps(
  options: { env?: Record<string, string>; http?: Partial<HttpSettings>; now?: string; copyOf?: string } = {},
): Promise<TestDeps> {
  const dir = mkdtempSync(join(tmpdir(), 'briefbot-test-'));
  copyFileSync(options.copyOf ?? (await migratedDatabase()), join(dir, 'test.db'));
  const config: Config = loadConfig({ DATABASE_URL: `file:${join(dir, 'test.db')}`, ...options.env });
  const db = await openDatabase(config.DATABASE_URL);
  const clock = createManualClock(options.now ?? '2026-11-02T09:00:00Z');
  const sent: SentMessage[] = [];
  const workspaceAdmins = new Set<string>();
  const userTimeZones = new Map<string, string>();
  return {
    sent,
    workspaceAdmins,
    userTimeZones,
    outbox: {
      async post(channel, message, options = {}) {
        sent.push({ channel, message, ...(options.threadTs ? { threadTs: options.threadTs } : {}) });
        return { ts: `${1_700_000_000 + sent.length}.000100` };
      },
      async update(channel, ts, message) {
        sent.push({ channel, message, updates: ts });
      },
    },
    directory: {
      isWorkspaceAdmin: async (userId) => workspaceAdmins.has(userId),
      timeZone: async (userId) => userTimeZones.get(userId) ?? null,
    },
    llm: null,
    evidence: inlineEvidence(db.sqlite),
    config,
    db,
    clock,
    logger: silentLogger,
    http: {
      timeoutMs: 2_000,
      maxBytes: 10 * 1024 * 1024,
      allowPrivate: false,
      resolve: publicResolver,
      ...options.http,
    },
    analyzer: inlineAnalyzer,
    pollConcurrency: 4,
    async cleanup() {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
