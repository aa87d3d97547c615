export type Limiter = {
  run<T>(job: () => Promise<T>): Promise<T>;
  /** Resolves once nothing more urgent is under way (or after the longest deferral). */
  quiet(): Promise<void>;
};

export type LimiterOptions = {
  /** True while something more urgent is under way (requests not yet acknowledged): jobs wait to start. */
  busy?: () => boolean;
  /** A job waits at most this long for `busy` to clear, so work still moves under constant load. */
  maxDeferMs?: number;
};

/**
 * Runs at most `concurrency` jobs at once, each started on a later turn of the event loop, and
 * not while `busy` says requests are waiting for their acknowledgement (up to `maxDeferMs`). A
 * burst of slash commands then cannot starve the acknowledgements of the requests still arriving:
 * Slack needs each ack within 3 s, and the work behind a command can wait its turn.
 */
export function createLimiter(concurrency: number, options: LimiterOptions = {}): Limiter {
  const { busy, maxDeferMs = 200 } = options;
  let active = 0;
  const waiting: Array<() => void> = [];
  async function quiet(): Promise<void> {
    const deadline = Date.now() + maxDeferMs;
    while (busy?.() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 1));
  }
  return {
    quiet,
    async run(job) {
      if (active >= concurrency) await new Promise<void>((resolve) => waiting.push(resolve));
      else active++;
      try {
        await new Promise((resolve) => setImmediate(resolve));
        await quiet();
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
export const immediate: Limiter = { run: (job) => job(), quiet: async () => {} };
