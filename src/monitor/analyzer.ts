import { createWorkerPool, siblingModule } from '../worker-pool.ts';
import { type AnalyzedFeed, analyzeFeedBody, type TopicQuery } from './analyze.ts';

/** Turns feed bodies into analysed items: on this thread, or on worker threads beside it. */
export type Analyzer = {
  analyze(body: string, feedUrl: string, topics: TopicQuery[]): Promise<AnalyzedFeed>;
  close(): Promise<void>;
};

export const inlineAnalyzer: Analyzer = {
  analyze: analyzeFeedBody,
  close: async () => {},
};

type Job = { body: string; feedUrl: string; topics: TopicQuery[] };

/**
 * Parsing and analysis are CPU work; on worker threads they overlap with fetching and the
 * database writes on the main thread.
 */
export function createWorkerAnalyzer(size: number): Analyzer {
  const pool = createWorkerPool<Job, AnalyzedFeed>(
    siblingModule(import.meta.url, 'analyze-worker'),
    size,
    (job) => analyzeFeedBody(job.body, job.feedUrl, job.topics),
  );
  return {
    analyze: (body, feedUrl, topics) => pool.run({ body, feedUrl, topics }),
    close: () => pool.close(),
  };
}
