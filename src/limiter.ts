export type Limiter = { run<T>(job: () => Promise<T>): Promise<T> };

/**
 * Runs at most `concurrency` jobs at once, each started on a later turn of the event loop. A
 * burst of slash commands then cannot starve the acknowledgements of the requests still arriving:
 * Slack needs each ack within 3 s, and the work behind a command can wait its turn.
 */
export function createLimiter(concurrency: number): Limiter {
  let active = 0;
  const waiting: Array<() => void> = [];
  return {
    async run(job) {
      if (active >= concurrency) await new Promise<void>((resolve) => waiting.push(resolve));
      else active++;
      try {
        await new Promise((resolve) => setImmediate(resolve));
        return await job();
      } finally {
        const next = waiting.shift();
        if (next) next();
        else active--;
      }
    },
  };
}

/** No limit: the job runs now (for direct calls and tests). */
export const immediate: Limiter = { run: (job) => job() };
