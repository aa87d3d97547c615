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

  it('takes the fetched bytes, moved to the worker without a copy and decoded there by their charset', async () => {
    const text =
      '<?xml version="1.0"?><rss version="2.0"><channel><title>Caf\u00e9 news</title>' +
      '<item><title>Cr\u00e8me br\u00fbl\u00e9e pricing</title><link>https://example.com/a</link></item>' +
      `<item><title>${'x'.repeat(9000)}</title><link>https://example.com/b</link></item></channel></rss>`;
    const bytes = Buffer.from(text, 'latin1');
    expect(bytes.byteLength).toBeGreaterThan(Buffer.poolSize);
    const owned = new Uint8Array(bytes.byteLength);
    owned.set(bytes);
    const feed = await pool.analyze(
      { bytes: owned, contentType: 'application/rss+xml; charset=ISO-8859-1' },
      'https://example.com/feed',
      [],
    );
    expect(feed.title).toBe('Caf\u00e9 news');
    expect(feed.items[0]?.title).toBe('Cr\u00e8me br\u00fbl\u00e9e pricing');
    // Transferred: this thread no longer holds the bytes.
    expect(owned.byteLength).toBe(0);

    // A small Buffer shares Node's pool with others: it is copied, never taken away.
    const small = Buffer.from(
      '<rss version="2.0"><channel><title>Small</title><item><title>One</title></item></channel></rss>',
    );
    const neighbour = Buffer.from('still here');
    const smallFeed = await pool.analyze({ bytes: small, contentType: '' }, 'https://example.com/s', []);
    expect(smallFeed.items).toHaveLength(1);
    expect(small.byteLength).toBeGreaterThan(0);
    expect(neighbour.toString()).toBe('still here');
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
