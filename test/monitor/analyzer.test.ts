import { afterAll, describe, expect, it } from 'vitest';
import { urlBand } from '../../src/analysis/minhash.ts';
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

  it('calls fetched binary data (an image served as the feed) a binary file, not text shown as mojibake', async () => {
    const error = await inlineAnalyzer
      .analyze(
        { bytes: sharedFeed('unseen/binary-garbage.png'), contentType: 'image/png' },
        'https://example.com/feed',
        [],
      )
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FeedError);
    expect([(error as FeedError).code, (error as FeedError).message]).toEqual([
      'NOT_A_FEED',
      'This is not a feed: it is a binary file.',
    ]);
  });

  it('takes the fetched bytes and decodes them there by their charset, leaving the caller its copy', async () => {
    const text =
      '<?xml version="1.0"?><rss version="2.0"><channel><title>Caf\u00e9 news</title>' +
      '<item><title>Cr\u00e8me br\u00fbl\u00e9e pricing</title><link>https://example.com/a</link></item>' +
      `<item><title>${'x'.repeat(9000)}</title><link>https://example.com/b</link></item></channel></rss>`;
    const bytes = Buffer.from(text, 'latin1');
    const neighbour = Buffer.from('still here');
    const feed = await pool.analyze(
      { bytes, contentType: 'application/rss+xml; charset=ISO-8859-1' },
      'https://example.com/feed',
      [],
    );
    expect(feed.title).toBe('Caf\u00e9 news');
    expect(feed.items[0]?.title).toBe('Cr\u00e8me br\u00fbl\u00e9e pricing');
    // Copied, not moved: should the worker hang on another feed, this one can run again elsewhere.
    expect(bytes.toString('latin1')).toBe(text);
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

describe('a feed too slow or too big to read', () => {
  it('fails with TIMEOUT on a worker that is then replaced, and the analyzer goes on', async () => {
    const slow = createWorkerAnalyzer(1, { timeoutMs: 250 });
    try {
      const items = Array.from(
        { length: 50_000 },
        (_, index) => `<item><title>Item ${index}</title><link>https://example.com/${index}</link></item>`,
      ).join('');
      const huge = `<rss version="2.0"><channel><title>Huge</title>${items}</channel></rss>`;
      const error = await slow.analyze(huge, 'https://example.com/huge', []).catch((caught) => caught);
      expect(error).toBeInstanceOf(FeedError);
      expect(error).toMatchObject({ code: 'TIMEOUT', message: expect.stringMatching(/took far too long/) });
      const small = sharedFeed('node-feedparser/rss2sample.xml').toString('utf8');
      expect((await slow.analyze(small, 'https://example.com/', [])).items).toHaveLength(4);
    } finally {
      await slow.close();
    }
  });

  it('fails with TOO_LARGE when its items exhaust the worker, and the analyzer goes on', async () => {
    const analyzer = createWorkerAnalyzer(1);
    try {
      // 150,000 items in 12 MB: their parsed form outgrows the worker's heap (~70,000 already do).
      const items = Array.from(
        { length: 150_000 },
        (_, index) =>
          `<item><title>Item ${index} on pricing</title><link>https://example.com/${index}</link></item>`,
      ).join('');
      const crowded = Buffer.from(
        `<rss version="2.0"><channel><title>Crowded</title>${items}</channel></rss>`,
      );
      const error = await analyzer
        .analyze({ bytes: crowded, contentType: 'application/rss+xml' }, 'https://example.com/crowded', [])
        .catch((caught) => caught);
      expect(error).toBeInstanceOf(FeedError);
      expect(error).toMatchObject({
        code: 'TOO_LARGE',
        message: expect.stringMatching(/far too many items/),
      });
      const small = sharedFeed('node-feedparser/rss2sample.xml').toString('utf8');
      expect((await analyzer.analyze(small, 'https://example.com/', [])).items).toHaveLength(4);
    } finally {
      await analyzer.close();
    }
  });
});

describe('the address an item is filed by', () => {
  it('is none for an item that links to the feed’s own home page, even one below the site’s root', async () => {
    // Lucasdelirium's feed, its home page moved below the root as many sites have it (/news/).
    const body = sharedFeed('prof18-rss-parser/feed-mismatched-html-tags.xml')
      .toString('utf8')
      .replaceAll(
        '<link>https://www.lucasdelirium.it/</link>',
        '<link>https://www.lucasdelirium.it/news/</link>',
      );
    const feed = await inlineAnalyzer.analyze(
      body,
      'https://www.lucasdelirium.it/download/lucasdelirium.xml',
      [],
    );
    expect(feed.items[0]?.url).toBe('https://www.lucasdelirium.it/news/');
    expect(feed.items[0]?.bands[urlBand]).toBe(0);
  });
});
