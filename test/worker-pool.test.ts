import { afterEach, describe, expect, it } from 'vitest';
import { createWorkerPool, type WorkerPool } from '../src/worker-pool.ts';

const stallWorker = new URL('./helpers/stall-worker.ts', import.meta.url);
type Job = { text: string; bytes?: Uint8Array };

let pool: WorkerPool<Job, string> | undefined;
afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

function stallPool(jobTimeoutMs = 300): WorkerPool<Job, string> {
  pool = createWorkerPool<Job, string>(
    stallWorker,
    1,
    async () => {
      throw new Error('no worker left');
    },
    {
      jobTimeoutMs,
      timeoutError: (job) => new Error(`stopped waiting for ${job.text}`),
      crashError: (job, error) =>
        new Error(`${job.text} took its worker down: ${(error as { code?: string }).code}`),
    },
  );
  return pool;
}

describe('the worker pool', () => {
  it('replaces a worker that hangs: that job fails, the jobs queued behind it run on the new worker', async () => {
    const workers = stallPool();
    const settled = await Promise.allSettled(
      ['before', 'hang', 'after', 'later'].map((text) => workers.run({ text })),
    );
    expect(settled).toEqual([
      { status: 'fulfilled', value: 'before' },
      { status: 'rejected', reason: new Error('stopped waiting for hang') },
      { status: 'fulfilled', value: 'after' },
      { status: 'fulfilled', value: 'later' },
    ]);
    expect(await workers.run({ text: 'still working' })).toBe('still working');
  });

  it('times a job from when its worker starts it: waiting behind others is not hanging', async () => {
    const workers = stallPool();
    await workers.run({ text: 'ready' });
    // Together 360 ms, more than the 300 ms allowed to one job; each takes 120 ms.
    const settled = await Promise.allSettled(['slow', 'slow', 'slow'].map((text) => workers.run({ text })));
    expect(settled.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
  });

  it('fails a queued job whose buffers went to the hung worker, and keeps copies re-runnable', async () => {
    const workers = stallPool();
    const moved = new Uint8Array(64);
    const copied = new Uint8Array(32);
    const settled = await Promise.allSettled([
      workers.run({ text: 'hang' }),
      workers.run({ text: 'moved', bytes: moved }, [moved.buffer as ArrayBuffer]),
      workers.run({ text: 'copied', bytes: copied }),
    ]);
    expect(settled.map((result) => result.status)).toEqual(['rejected', 'rejected', 'fulfilled']);
    expect(settled[1]).toMatchObject({ reason: { message: expect.stringMatching(/replaced/) } });
    expect(settled[2]).toMatchObject({ value: 'copied:32' });
  });

  it('replaces a worker that runs out of memory: that job fails, the others run on the new worker', async () => {
    // Filling the heap takes a while on a busy machine: the watchdog must not take it for a hang.
    const workers = stallPool(10_000);
    const settled = await Promise.allSettled(
      ['before', 'exhaust', 'after'].map((text) => workers.run({ text })),
    );
    expect(settled).toEqual([
      { status: 'fulfilled', value: 'before' },
      { status: 'rejected', reason: new Error('exhaust took its worker down: ERR_WORKER_OUT_OF_MEMORY') },
      { status: 'fulfilled', value: 'after' },
    ]);
    // On a worker still: the fallback would have refused it.
    expect(await workers.run({ text: 'still working' })).toBe('still working');
  });
});
