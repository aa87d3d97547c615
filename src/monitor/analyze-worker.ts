import { serveJobs } from '../worker-pool.ts';
import { analyzeFeedBody, type TopicQuery } from './analyze.ts';

serveJobs((job: { body: string; feedUrl: string; topics: TopicQuery[] }) =>
  analyzeFeedBody(job.body, job.feedUrl, job.topics),
);
