import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type DemoServer,
  demoFeeds,
  demoFeedsDir,
  fillDates,
  startDemoServer,
} from '../../src/console/demo.ts';
import { parseFeed } from '../../src/monitor/parse.ts';

const now = new Date('2026-11-02T09:00:00Z');

describe('fillDates', () => {
  it('writes RFC 822 dates in RSS and ISO dates in Atom, counted back from now', () => {
    expect(fillDates('<rss><pubDate>{{hoursAgo:5}}</pubDate></rss>', now)).toBe(
      '<rss><pubDate>Mon, 02 Nov 2026 04:00:00 GMT</pubDate></rss>',
    );
    expect(
      fillDates('<feed xmlns="http://www.w3.org/2005/Atom"><updated>{{hoursAgo:26}}</updated></feed>', now),
    ).toBe('<feed xmlns="http://www.w3.org/2005/Atom"><updated>2026-11-01T07:00:00.000Z</updated></feed>');
  });
});

describe('the sample feeds', () => {
  it('each has 8 to 12 items, every date a placeholder', () => {
    for (const feed of demoFeeds) {
      const xml = readFileSync(join(demoFeedsDir, feed.file), 'utf8');
      const items = xml.match(/<(item|entry)>/g) ?? [];
      expect(items.length, feed.file).toBeGreaterThanOrEqual(8);
      expect(items.length, feed.file).toBeLessThanOrEqual(12);
      expect(xml, feed.file).not.toMatch(/<(pubDate|published|updated|lastBuildDate)>(?!\{\{hoursAgo:)/);
    }
  });
});

describe('the sample stories', () => {
  const all = demoFeeds.map((feed) => readFileSync(join(demoFeedsDir, feed.file), 'utf8')).join('\n');
  /** How many hours ago the item with this title was published. */
  const hoursAgo = (title: string) => {
    const item = all.split(/<\/?(?:item|entry)>/).find((chunk) => chunk.includes(title)) ?? '';
    return Number(/\{\{hoursAgo:(\d+)\}\}/.exec(item)?.[1]);
  };

  it('tell the outage in order: the outage, then its post-incident report, then the review of the credits', () => {
    const outage = hoursAgo('Acme Desk suffers four-hour outage');
    const report = hoursAgo('Acme publishes post-incident report');
    expect(report).toBeLessThan(outage);
    expect(hoursAgo('Support team was great during the outage')).toBeLessThan(report);
  });

  it('name no weekday, which the demo day (any day) would contradict', () => {
    expect(all).not.toMatch(/\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b/);
    expect(all).not.toMatch(/last week's outage/);
  });
});

describe('startDemoServer', () => {
  let server: DemoServer | undefined;
  afterEach(async () => {
    await server?.close();
  });

  it('serves parseable feeds on 127.0.0.1, the same bytes each time, with 304 for a known ETag', async () => {
    server = await startDemoServer(now);
    expect(server.feeds.map((feed) => feed.kind)).toEqual(['news', 'competitor', 'review', 'forum']);
    const [news, blog] = server.feeds;
    expect(news?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/feeds\/saas-ledger-news\.xml$/);
    const first = await fetch(blog?.url ?? '');
    const body = await first.text();
    expect(first.headers.get('content-type')).toContain('application/atom+xml');
    const parsed = await parseFeed(body, blog?.url ?? '');
    expect(parsed.items).toHaveLength(9);
    expect(parsed.items[0]?.publishedAt?.toISOString()).toBe('2026-11-01T05:00:00.000Z');
    const again = await fetch(blog?.url ?? '', {
      headers: { 'if-none-match': first.headers.get('etag') ?? '' },
    });
    expect(again.status).toBe(304);
    expect((await fetch(`${news?.url}.bak`)).status).toBe(404);
  });
});
