import { createWorkerPool, siblingModule } from '../worker-pool.ts';
import { type AnalyzedFeed, analyzeFeedBody, type FeedBody, type TopicQuery } from './analyze.ts';

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
 * database writes on the main thread.
 */
export function createWorkerAnalyzer(size: number): Analyzer {
  const pool = createWorkerPool<Job, AnalyzedFeed>(
    siblingModule(import.meta.url, 'analyze-worker'),
    size,
    (job) => analyzeFeedBody(job.body, job.feedUrl, job.topics),
  );
  return {
    analyze(body, feedUrl, topics) {
      if (typeof body === 'string') return pool.run({ body, feedUrl, topics });
      // Bytes move to the worker without a copy, and this thread never holds the decoded text. A
      // view of a larger buffer (small Buffers share Node's pool) is copied: moving its buffer
      // would take its neighbours away too.
      const { bytes } = body;
      const owned =
        bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
          ? bytes
          : new Uint8Array(bytes);
      return pool.run({ body: { bytes: owned, contentType: body.contentType }, feedUrl, topics }, [
        owned.buffer as ArrayBuffer,
      ]);
    },
    close: () => pool.close(),
  };
}
