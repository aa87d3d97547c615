import { parentPort } from 'node:worker_threads';
import { FeedError } from '../errors.ts';
import { analyzeFeedBody, type TopicQuery } from './analyze.ts';

type Job = { id: number; body: string; feedUrl: string; topics: TopicQuery[] };

parentPort?.on('message', async (job: Job) => {
  try {
    const result = await analyzeFeedBody(job.body, job.feedUrl, job.topics);
    parentPort?.postMessage({ id: job.id, result });
  } catch (error) {
    const feedError = error instanceof FeedError ? error : undefined;
    parentPort?.postMessage({
      id: job.id,
      error: {
        code: feedError?.code,
        message: feedError ? feedError.message : error instanceof Error ? error.message : String(error),
      },
    });
  }
});
