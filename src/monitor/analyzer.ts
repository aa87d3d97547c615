import { Worker } from 'node:worker_threads';
import { FeedError, type FeedErrorCode } from '../errors.ts';
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

type Reply = { id: number; result?: AnalyzedFeed; error?: { code?: FeedErrorCode; message: string } };
type Pending = { resolve: (feed: AnalyzedFeed) => void; reject: (error: Error) => void };

/**
 * Parsing and analysis are CPU work; on worker threads they overlap with fetching and the
 * database writes on the main thread.
 */
export function createWorkerAnalyzer(size: number): Analyzer {
  const workerUrl = new URL('./analyze-worker.ts', import.meta.url);
  // The worker is TypeScript: load it through the same tsx loader the app runs with.
  const execArgv = ['--import', import.meta.resolve('tsx')];
  const pending = new Map<number, Pending>();
  const load = new Map<Worker, number>();
  let nextId = 1;
  const workers = Array.from({ length: Math.max(1, size) }, () => {
    const worker = new Worker(workerUrl, { execArgv });
    worker.unref();
    load.set(worker, 0);
    worker.on('message', (reply: Reply) => {
      load.set(worker, (load.get(worker) ?? 1) - 1);
      const job = pending.get(reply.id);
      if (!job) return;
      pending.delete(reply.id);
      if (reply.result) job.resolve(reply.result);
      else if (reply.error?.code) job.reject(new FeedError(reply.error.code, reply.error.message));
      else job.reject(new Error(reply.error?.message ?? 'feed analysis failed'));
    });
    worker.on('error', (error) => {
      for (const [id, job] of pending) {
        pending.delete(id);
        job.reject(error);
      }
    });
    return worker;
  });
  return {
    analyze(body, feedUrl, topics) {
      const id = nextId++;
      const worker = workers.reduce((least, candidate) =>
        (load.get(candidate) ?? 0) < (load.get(least) ?? 0) ? candidate : least,
      );
      load.set(worker, (load.get(worker) ?? 0) + 1);
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.ref();
        worker.postMessage({ id, body, feedUrl, topics });
      }).finally(() => {
        if (pending.size === 0) for (const each of workers) each.unref();
      }) as Promise<AnalyzedFeed>;
    },
    async close() {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}
