import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { parentPort, Worker } from 'node:worker_threads';
import { FeedError, type FeedErrorCode } from './errors.ts';

export type WorkerPool<Job, Result> = {
  /** Runs `job` on a worker; the buffers in `transfer` move there (unusable here afterwards). */
  run(job: Job, transfer?: ArrayBuffer[]): Promise<Result>;
  close(): Promise<void>;
};

type Reply<Result> = { id: number; result?: Result; error?: { code?: FeedErrorCode; message: string } };
type Pending<Result> = { resolve: (result: Result) => void; reject: (error: Error) => void };
type Lane<Result> = { worker: Worker; pending: Map<number, Pending<Result>> };

// Parsing makes much short-lived garbage; a small heap makes a worker collect it early instead of growing.
const resourceLimits = { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 16 };

/** The worker module `name` beside `moduleUrl`: compiled .js in production, .ts from sources. */
export function siblingModule(moduleUrl: string, name: string): URL {
  return new URL(`./${name}${moduleUrl.endsWith('.js') ? '.js' : '.ts'}`, moduleUrl);
}

function startWorker(url: URL): Worker {
  if (url.pathname.endsWith('.js')) return new Worker(url, { resourceLimits });
  // Running from TypeScript sources (tests, development): the thread registers tsx, then loads the worker.
  const tsxApi = pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(bootstrap, { eval: true, resourceLimits });
}

/**
 * CPU-bound jobs on `size` worker threads, each to the least busy one. A worker that dies fails
 * only its own jobs; later jobs go to the others, or run on this thread through `fallback`.
 */
export function createWorkerPool<Job, Result>(
  workerUrl: URL,
  size: number,
  fallback: (job: Job) => Promise<Result>,
): WorkerPool<Job, Result> {
  let nextId = 1;
  const lanes = new Set<Lane<Result>>();
  for (let index = 0; index < Math.max(1, size); index++) {
    const lane: Lane<Result> = { worker: startWorker(workerUrl), pending: new Map() };
    lane.worker.unref();
    lane.worker.on('message', (reply: Reply<Result>) => {
      const job = lane.pending.get(reply.id);
      if (!job) return;
      lane.pending.delete(reply.id);
      if (lane.pending.size === 0) lane.worker.unref();
      if (!reply.error) job.resolve(reply.result as Result);
      else if (reply.error.code) job.reject(new FeedError(reply.error.code, reply.error.message));
      else job.reject(new Error(reply.error.message));
    });
    const retire = (error: Error) => {
      lanes.delete(lane);
      for (const job of lane.pending.values()) job.reject(error);
      lane.pending.clear();
    };
    lane.worker.on('error', retire);
    lane.worker.on('exit', () => retire(new Error('worker thread exited')));
    lanes.add(lane);
  }
  return {
    run(job, transfer = []) {
      let lane: Lane<Result> | undefined;
      for (const candidate of lanes)
        if (!lane || candidate.pending.size < lane.pending.size) lane = candidate;
      if (!lane) return fallback(job);
      const chosen = lane;
      const id = nextId++;
      return new Promise<Result>((resolve, reject) => {
        chosen.pending.set(id, { resolve, reject });
        chosen.worker.ref();
        chosen.worker.postMessage({ id, job }, transfer);
      });
    },
    async close() {
      const workers = [...lanes].map((lane) => lane.worker);
      lanes.clear();
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}

/** The worker side: answers each job with `handle`'s result, or its error (FeedErrors keep their code). */
export function serveJobs<Job, Result>(handle: (job: Job) => Promise<Result>): void {
  parentPort?.on('message', async ({ id, job }: { id: number; job: Job }) => {
    try {
      parentPort?.postMessage({ id, result: await handle(job) });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      parentPort?.postMessage({
        id,
        error: { code: error instanceof FeedError ? error.code : undefined, message },
      });
    }
  });
}
