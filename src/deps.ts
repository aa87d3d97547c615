import OpenAI from 'openai';
import { type EvidenceReader, inlineEvidence } from './briefing/evidence.ts';
import { type Clock, systemClock } from './clock.ts';
import type { Config } from './config.ts';
import { type Db, openDatabase } from './db/client.ts';
import { createLogger, type Logger } from './logger.ts';
import type { Resolver } from './monitor/address-guard.ts';
import { type Analyzer, inlineAnalyzer } from './monitor/analyzer.ts';
import { defaultFetchTimeoutMs, defaultMaxFeedBytes } from './monitor/fetch.ts';
import { createLogOutbox, type Directory, noDirectory, type Outbox } from './outbox.ts';

/** Feed fetching settings; tests shorten them, the benchmark widens them. */
export type HttpSettings = {
  timeoutMs: number;
  maxBytes: number;
  allowPrivate: boolean;
  resolve?: Resolver;
};

/** Everything a service needs, handed down explicitly: no module reads globals. */
export type Deps = {
  config: Config;
  db: Db;
  clock: Clock;
  logger: Logger;
  http: HttpSettings;
  analyzer: Analyzer;
  pollConcurrency: number;
  outbox: Outbox;
  directory: Directory;
  /** The language model, when OPENAI_API_KEY is set; everything works without it. */
  llm: OpenAI | null;
  evidence: EvidenceReader;
};

/** The production wiring: the database from DATABASE_URL, the system clock, a JSON logger. */
export async function createDeps(
  config: Config,
  overrides: Partial<Omit<Deps, 'config' | 'db'>> = {},
): Promise<Deps> {
  const db = await openDatabase(config.DATABASE_URL);
  const logger = overrides.logger ?? createLogger(config.LOG_LEVEL);
  return {
    config,
    db,
    clock: overrides.clock ?? systemClock,
    logger,
    http: overrides.http ?? {
      timeoutMs: defaultFetchTimeoutMs,
      maxBytes: defaultMaxFeedBytes,
      allowPrivate: config.FEED_ALLOW_PRIVATE_ADDRESSES,
    },
    analyzer: overrides.analyzer ?? inlineAnalyzer,
    pollConcurrency: overrides.pollConcurrency ?? 8,
    outbox: overrides.outbox ?? createLogOutbox(logger),
    directory: overrides.directory ?? noDirectory,
    llm: overrides.llm !== undefined ? overrides.llm : createLlm(config),
    evidence: overrides.evidence ?? inlineEvidence(db.sqlite),
  };
}

/** An OpenAI-compatible client when a key is set (OPENAI_BASE_URL may point at any such server). */
export function createLlm(config: Config): OpenAI | null {
  if (!config.OPENAI_API_KEY) return null;
  return new OpenAI({
    apiKey: config.OPENAI_API_KEY,
    ...(config.OPENAI_BASE_URL ? { baseURL: config.OPENAI_BASE_URL } : {}),
    maxRetries: 1,
    timeout: 10_000,
  });
}
