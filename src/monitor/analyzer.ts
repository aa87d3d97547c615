import { createWorkerPool, siblingModule } from '../worker-pool.ts';
import { type AnalyzedFeed, analyzeFeedBody, type FeedBody, type TopicQuery } from './analyze.ts';
import { feedReadGuards, readTimeoutMs } from './read-guards.ts';

/** Turns feed bodies into analysed items: on this thread, or on worker threads beside it. */
export type Analyzer = {
  analyze(body: FeedBody, feedUrl: string, topics: TopicQuery[]): Promise<AnalyzedFeed>;
  close(): Promise<void>;
};

export const inlineAnalyzer: Analyzer = {
  analyze: analyzeFeedBody,
  close: async () => {},
};

type Job = { body: FeedBody; feedUrl: string; topics: TopicQuery[] };

/**
 * Parsing and analysis are CPU work; on worker threads they overlap with fetching and the
 * database writes on the main thread. The fetched bytes are copied to the worker (one memcpy) and
 * decoded there, so this thread never holds the feed's text; keeping them here until the job is
 * answered lets the jobs queued behind a feed that hangs its worker run again on a fresh one.
 */
export function createWorkerAnalyzer(size: number, options: { timeoutMs?: number } = {}): Analyzer {
  const pool = createWorkerPool<Job, AnalyzedFeed>(
    siblingModule(import.meta.url, 'analyze-worker'),
    size,
    (job) => analyzeFeedBody(job.body, job.feedUrl, job.topics),
    feedReadGuards(options.timeoutMs ?? readTimeoutMs),
  );
  return {
    analyze: (body, feedUrl, topics) => pool.run({ body, feedUrl, topics }),
    close: () => pool.close(),
  };
}
