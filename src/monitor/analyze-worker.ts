import { serveJobs } from '../worker-pool.ts';
import { analyzeFeedBody, type FeedBody, type TopicQuery } from './analyze.ts';

serveJobs((job: { body: FeedBody; feedUrl: string; topics: TopicQuery[] }) =>
  analyzeFeedBody(job.body, job.feedUrl, job.topics),
);
