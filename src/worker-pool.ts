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
type Pending<Job, Result> = {
  job: Job;
  transfer: ArrayBuffer[];
  startedAt: number;
  resolve: (result: Result) => void;
  reject: (error: Error) => void;
};
// `ready` once the worker has loaded its module: a job's time is counted from then, not from start-up.
type Lane<Job, Result> = { worker: Worker; pending: Map<number, Pending<Job, Result>>; ready: boolean };

export type WorkerPoolOptions<Job> = {
  /**
   * A job still unanswered after this long is taken to have hung its worker (a parser caught in a
   * loop): the worker is replaced and the job fails with `timeoutError`.
   */
  jobTimeoutMs?: number;
  timeoutError?: (job: Job) => Error;
  /** What a job fails with when its worker dies under it (out of memory, say). */
  crashError?: (job: Job, error: Error) => Error;
};

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
 * CPU-bound jobs on `size` worker threads, each to the least busy one. A worker that dies under a
 * job (out of memory) or stops answering one (see `jobTimeoutMs`) is replaced: that job fails, and
 * the jobs queued behind it run again on the new worker (those whose buffers were moved to the old
 * one fail too). A worker that dies before it has even loaded is not restarted; when none is left,
 * jobs run on this thread through `fallback`.
 */
export function createWorkerPool<Job, Result>(
  workerUrl: URL,
  size: number,
  fallback: (job: Job) => Promise<Result>,
  options: WorkerPoolOptions<Job> = {},
): WorkerPool<Job, Result> {
  let nextId = 1;
  const lanes = new Set<Lane<Job, Result>>();

  const addLane = (): void => {
    const lane: Lane<Job, Result> = { worker: startWorker(workerUrl), pending: new Map(), ready: false };
    lane.worker.unref();
    lane.worker.on('message', (reply: Reply<Result> | { ready: true }) => {
      if ('ready' in reply) {
        lane.ready = true;
        const now = performance.now();
        for (const job of lane.pending.values()) job.startedAt = now;
        return;
      }
      const job = lane.pending.get(reply.id);
      if (!job) return;
      lane.pending.delete(reply.id);
      if (lane.pending.size === 0) lane.worker.unref();
      // The next job starts now: its time waiting behind this one is no sign of it being stuck.
      const next = lane.pending.values().next().value;
      if (next) next.startedAt = performance.now();
      if (!reply.error) job.resolve(reply.result as Result);
      else if (reply.error.code) job.reject(new FeedError(reply.error.code, reply.error.message));
      else job.reject(new Error(reply.error.message));
    });
    const died = (error: Error) => {
      // Replaced or closed already: its jobs were settled then.
      if (!lanes.has(lane)) return;
      if (lane.ready) {
        replaceLane(lane, (job) => options.crashError?.(job, error) ?? error);
        return;
      }
      lanes.delete(lane);
      for (const job of lane.pending.values()) job.reject(error);
      lane.pending.clear();
    };
    lane.worker.on('error', died);
    lane.worker.on('exit', () => died(new Error('worker thread exited')));
    lanes.add(lane);
  };

  /** A new worker for `lane`; its oldest job, the one the worker was busy with, fails with `culprit`. */
  const replaceLane = (lane: Lane<Job, Result>, culprit: (job: Job) => Error): void => {
    const [oldest, ...queued] = lane.pending.values();
    lane.pending.clear();
    lanes.delete(lane);
    void lane.worker.terminate();
    addLane();
    if (oldest) oldest.reject(culprit(oldest.job));
    for (const job of queued) {
      if (job.transfer.length === 0) dispatch(job);
      else job.reject(new Error('the worker thread was replaced before this job ran'));
    }
  };

  const dispatch = (pending: Omit<Pending<Job, Result>, 'startedAt'>): void => {
    let lane: Lane<Job, Result> | undefined;
    for (const candidate of lanes) if (!lane || candidate.pending.size < lane.pending.size) lane = candidate;
    if (!lane) {
      fallback(pending.job).then(pending.resolve, pending.reject);
      return;
    }
    const id = nextId++;
    lane.pending.set(id, { ...pending, startedAt: performance.now() });
    lane.worker.ref();
    lane.worker.postMessage({ id, job: pending.job }, pending.transfer);
  };

  /** Replaces a worker whose oldest job has gone unanswered too long; that job is the one stuck. */
  const replaceStuck = (timeoutMs: number): void => {
    const now = performance.now();
    for (const lane of [...lanes]) {
      const oldest = lane.pending.values().next().value;
      if (!lane.ready || !oldest || now - oldest.startedAt < timeoutMs) continue;
      replaceLane(
        lane,
        (job) => options.timeoutError?.(job) ?? new Error('the worker thread stopped answering'),
      );
    }
  };

  for (let index = 0; index < Math.max(1, size); index++) addLane();
  const { jobTimeoutMs } = options;
  const watchdog =
    jobTimeoutMs === undefined
      ? undefined
      : setInterval(() => replaceStuck(jobTimeoutMs), Math.max(10, Math.min(jobTimeoutMs / 4, 5_000)));
  watchdog?.unref();

  return {
    run(job, transfer = []) {
      if (lanes.size === 0) return fallback(job);
      return new Promise<Result>((resolve, reject) => dispatch({ job, transfer, resolve, reject }));
    },
    async close() {
      clearInterval(watchdog);
      const workers = [...lanes].map((lane) => lane.worker);
      for (const lane of lanes)
        for (const job of lane.pending.values()) job.reject(new Error('worker pool closed'));
      lanes.clear();
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}

/** The worker side: answers each job with `handle`'s result, or its error (FeedErrors keep their code). */
export function serveJobs<Job, Result>(handle: (job: Job) => Promise<Result>): void {
  parentPort?.postMessage({ ready: true });
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
