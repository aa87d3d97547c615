import { type Clock, systemClock } from './clock.ts';
import type { Config } from './config.ts';
import { type Db, openDatabase } from './db/client.ts';
import { createLogger, type Logger } from './logger.ts';
import type { Resolver } from './monitor/address-guard.ts';
import { type Analyzer, inlineAnalyzer } from './monitor/analyzer.ts';
import { defaultFetchTimeoutMs, defaultMaxFeedBytes } from './monitor/fetch.ts';

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
};

/** The production wiring: the database from DATABASE_URL, the system clock, a JSON logger. */
export async function createDeps(
  config: Config,
  overrides: Partial<Omit<Deps, 'config' | 'db'>> = {},
): Promise<Deps> {
  const db = await openDatabase(config.DATABASE_URL);
  return {
    config,
    db,
    clock: overrides.clock ?? systemClock,
    logger: overrides.logger ?? createLogger(config.LOG_LEVEL),
    http: overrides.http ?? {
      timeoutMs: defaultFetchTimeoutMs,
      maxBytes: defaultMaxFeedBytes,
      allowPrivate: config.FEED_ALLOW_PRIVATE_ADDRESSES,
    },
    analyzer: overrides.analyzer ?? inlineAnalyzer,
    pollConcurrency: overrides.pollConcurrency ?? 8,
  };
}
