import { FeedError, FeedErrorCode } from '../errors.ts';
import type { WorkerPoolOptions } from '../worker-pool.ts';

/** Reading even a 10 MB feed takes a second or two; one that takes a minute has hung its reader. */
export const readTimeoutMs = 60_000;

/**
 * How worker pools that read feeds (polling, `feeds check`) fail a feed that hangs or exhausts its
 * worker: with a feed error the marketer can act on, while the other feeds go on being read.
 */
export function feedReadGuards(timeoutMs: number): WorkerPoolOptions<unknown> {
  return {
    jobTimeoutMs: timeoutMs,
    timeoutError: () =>
      new FeedError(
        FeedErrorCode.Timeout,
        'Reading the feed took far too long and was stopped: it may be huge or built to trip up feed readers. Briefbot will try again later; if it keeps failing, ask the publisher to check it at validator.w3.org/feed.',
      ),
    crashError: (_job, error) =>
      (error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? new FeedError(
            FeedErrorCode.TooLarge,
            'Reading the feed needed more memory than one feed may use: it holds far too many items. Ask the publisher for a shorter feed (most list their latest 10 to 100 items).',
          )
        : error,
  };
}
