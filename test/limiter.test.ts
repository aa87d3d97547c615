import { describe, expect, it } from 'vitest';
import { createLimiter } from '../src/limiter.ts';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('createLimiter', () => {
  it('runs at most `concurrency` jobs at once, and every job in the end', async () => {
    const limiter = createLimiter(2);
    let running = 0;
    let most = 0;
    const results = await Promise.all(
      Array.from({ length: 7 }, (_, index) =>
        limiter.run(async () => {
          running++;
          most = Math.max(most, running);
          await tick();
          running--;
          return index;
        }),
      ),
    );
    expect(results).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(most).toBe(2);
  });

  it('starts no job while `busy` says acknowledgements are due, and starts it once they are sent', async () => {
    let busy = true;
    const limiter = createLimiter(4, { busy: () => busy, maxDeferMs: 60_000 });
    const started: string[] = [];
    const job = limiter.run(async () => {
      started.push('job');
    });
    const quiet = limiter.quiet().then(() => started.push('quiet'));
    for (let turn = 0; turn < 5; turn++) await tick();
    expect(started).toEqual([]);
    busy = false;
    await Promise.all([job, quiet]);
    expect(started.sort()).toEqual(['job', 'quiet']);
  });

  it('does not wait for ever: after `maxDeferMs` the job runs even if still busy', async () => {
    const limiter = createLimiter(1, { busy: () => true, maxDeferMs: 20 });
    await expect(limiter.run(async () => 'done')).resolves.toBe('done');
    await expect(limiter.quiet()).resolves.toBeUndefined();
  });

  it('a failing job frees its place for the next', async () => {
    const limiter = createLimiter(1);
    await expect(
      limiter.run(async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await expect(limiter.run(async () => 'next')).resolves.toBe('next');
  });
});
