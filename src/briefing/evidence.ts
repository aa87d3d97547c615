import type { Sqlite } from '../db/client.ts';
import { type Evidence, type EvidenceOptions, type EvidenceWindow, gatherEvidence } from '../db/search.ts';
import { createWorkerPool, siblingModule } from '../worker-pool.ts';

/** Where answers read their evidence: this thread, or worker threads with their own connections. */
export type EvidenceReader = {
  gather(fts: string | null, window: EvidenceWindow, options: EvidenceOptions): Promise<Evidence>;
  close(): Promise<void>;
};

export function inlineEvidence(sqlite: Sqlite): EvidenceReader {
  return {
    gather: async (fts, window, options) => gatherEvidence(sqlite, fts, window, options),
    close: async () => {},
  };
}

/**
 * A question over 100,000 matches reads for a few hundred milliseconds; on worker threads that
 * never holds up the acknowledgements Slack is waiting for on the main thread.
 */
export function createWorkerEvidence(file: string, size: number): EvidenceReader {
  const pool = createWorkerPool<
    { file: string; fts: string | null; window: EvidenceWindow; options: EvidenceOptions },
    Evidence
  >(siblingModule(import.meta.url, 'evidence-worker'), size, async () => {
    throw new Error('evidence workers are not available');
  });
  return {
    gather: (fts, window, options) => pool.run({ file, fts, window, options }),
    close: () => pool.close(),
  };
}
