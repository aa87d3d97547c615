import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
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

// Parsing makes much short-lived garbage; a small heap makes the worker collect it early instead of growing.
const resourceLimits = { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 16 };

function startWorker(url: URL, compiled: boolean): Worker {
  if (compiled) return new Worker(url, { resourceLimits });
  // Running from TypeScript sources (tests, development): the thread registers tsx, then loads the worker.
  const tsxApi = pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(bootstrap, { eval: true, resourceLimits });
}

type Reply = { id: number; result?: AnalyzedFeed; error?: { code?: FeedErrorCode; message: string } };
type Pending = { resolve: (feed: AnalyzedFeed) => void; reject: (error: Error) => void };
type Lane = { worker: Worker; pending: Map<number, Pending> };

/**
 * Parsing and analysis are CPU work; on worker threads they overlap with fetching and the
 * database writes on the main thread. A worker that dies fails only its own jobs; the rest
 * carry on, on the remaining workers or on this thread.
 */
export function createWorkerAnalyzer(size: number): Analyzer {
  const compiled = import.meta.url.endsWith('.js');
  const workerUrl = new URL(compiled ? './analyze-worker.js' : './analyze-worker.ts', import.meta.url);
  let nextId = 1;
  const lanes = new Set<Lane>();
  for (let index = 0; index < Math.max(1, size); index++) {
    const lane: Lane = { worker: startWorker(workerUrl, compiled), pending: new Map() };
    lane.worker.unref();
    lane.worker.on('message', (reply: Reply) => {
      const job = lane.pending.get(reply.id);
      if (!job) return;
      lane.pending.delete(reply.id);
      if (lane.pending.size === 0) lane.worker.unref();
      if (reply.result) job.resolve(reply.result);
      else if (reply.error?.code) job.reject(new FeedError(reply.error.code, reply.error.message));
      else job.reject(new Error(reply.error?.message ?? 'feed analysis failed'));
    });
    const retire = (error: Error) => {
      lanes.delete(lane);
      for (const job of lane.pending.values()) job.reject(error);
      lane.pending.clear();
    };
    lane.worker.on('error', retire);
    lane.worker.on('exit', () => retire(new Error('analysis worker exited')));
    lanes.add(lane);
  }
  return {
    analyze(body, feedUrl, topics) {
      let lane: Lane | undefined;
      for (const candidate of lanes)
        if (!lane || candidate.pending.size < lane.pending.size) lane = candidate;
      if (!lane) return analyzeFeedBody(body, feedUrl, topics);
      const chosen = lane;
      const id = nextId++;
      return new Promise<AnalyzedFeed>((resolve, reject) => {
        chosen.pending.set(id, { resolve, reject });
        chosen.worker.ref();
        chosen.worker.postMessage({ id, body, feedUrl, topics });
      });
    },
    async close() {
      const workers = [...lanes].map((lane) => lane.worker);
      lanes.clear();
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}
