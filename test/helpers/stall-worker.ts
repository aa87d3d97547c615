// A worker for the pool's tests: answers a job with its own text; never answers "hang"; dies of
// memory exhaustion on "exhaust"; keeps its thread busy for 120 ms on "slow".
import { serveJobs } from '../../src/worker-pool.ts';

serveJobs(async (job: { text: string; bytes?: Uint8Array }) => {
  if (job.text === 'hang') for (;;);
  if (job.text === 'slow') for (const end = Date.now() + 120; Date.now() < end; );
  if (job.text === 'exhaust') {
    const hoard: number[][] = [];
    for (;;) hoard.push(new Array(1_000_000).fill(hoard.length));
  }
  return job.bytes ? `${job.text}:${job.bytes.byteLength}` : job.text;
});
