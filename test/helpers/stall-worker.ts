// A worker for the pool's tests: answers a job with its own text, and never answers "hang".
import { serveJobs } from '../../src/worker-pool.ts';

serveJobs(async (job: { text: string; bytes?: Uint8Array }) => {
  if (job.text === 'hang') for (;;);
  return job.bytes ? `${job.text}:${job.bytes.byteLength}` : job.text;
});
