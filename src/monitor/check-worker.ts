import type { HttpSettings } from '../deps.ts';
import { serveJobs } from '../worker-pool.ts';
import { checkSource } from './check.ts';

serveJobs((job: { source: string; http: HttpSettings }) => checkSource(job.source, job.http));
