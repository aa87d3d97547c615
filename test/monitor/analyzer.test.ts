import { afterAll, describe, expect, it } from 'vitest';
import { FeedError } from '../../src/errors.ts';
import { createWorkerAnalyzer, inlineAnalyzer } from '../../src/monitor/analyzer.ts';
import { sharedFeed } from '../helpers/fixtures.ts';

const pool = createWorkerAnalyzer(2);
afterAll(() => pool.close());

const topics = [{ id: 7, query: 'google OR adwords' }];

describe('the worker-thread analyzer', () => {
  it('gives exactly what analysis on this thread gives', async () => {
    const body = sharedFeed('rss-parser/feedburner.atom').toString('utf8');
    const [inWorker, inline] = await Promise.all([
      pool.analyze(body, 'https://example.com/feed', topics),
      inlineAnalyzer.analyze(body, 'https://example.com/feed', topics),
    ]);
    expect(inWorker.items.length).toBe(25);
    expect(inWorker).toEqual(inline);
    expect(inWorker.items.some((item) => item.topicIds.includes(7))).toBe(true);
  });

  it('keeps the error code of a feed it cannot read', async () => {
    const error = await pool
      .analyze('<html><body>hi</body></html>', 'https://example.com/', [])
      .catch((caught) => caught);
    expect(error).toBeInstanceOf(FeedError);
    expect(error.code).toBe('NOT_A_FEED');
  });

  it('runs many feeds at once', async () => {
    const body = sharedFeed('node-feedparser/rss2sample.xml').toString('utf8');
    const results = await Promise.all(
      Array.from({ length: 20 }, () => pool.analyze(body, 'https://example.com/', [])),
    );
    expect(results.map((feed) => feed.items.length)).toEqual(Array(20).fill(4));
  });
});
