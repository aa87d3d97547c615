import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import nock from 'nock';
import type { Deps } from '../../src/deps.ts';
import { addFeed } from '../../src/monitor/feeds.ts';

/**
 * The real-world feeds written by others that the team shares in ../shared/fixtures/feeds,
 * copied here (with their SOURCES.md) so a clone of this repository tests on its own.
 */
export const sharedFeedsDir = fileURLToPath(new URL('../fixtures/feeds/', import.meta.url));
export const localFixturesDir = fileURLToPath(new URL('../fixtures/', import.meta.url));

export function sharedFeed(path: string): Buffer {
  return readFileSync(join(sharedFeedsDir, path));
}

export function listSharedFeeds(): string[] {
  const files: string[] = [];
  for (const folder of readdirSync(sharedFeedsDir, { withFileTypes: true })) {
    // unseen/: our own imitations of publishers' feeds, non-feeds among them, with a table of their own (test/monitor/check-unseen.test.ts).
    if (!folder.isDirectory() || folder.name === 'unseen') continue;
    for (const file of readdirSync(join(sharedFeedsDir, folder.name))) {
      files.push(relative(sharedFeedsDir, join(sharedFeedsDir, folder.name, file)));
    }
  }
  return files.sort();
}

/**
 * Watches a feed of test/fixtures/feeds/intl as news, served as its bytes at
 * https://<name>.example.org/feed (nock), as a marketer's `feeds add` would.
 */
export async function watchIntlFeed(deps: Deps, file: string): Promise<void> {
  await watchNewsFeed(deps, `https://${file.replace('.xml', '')}.example.org`, sharedFeed(`intl/${file}`));
}

/**
 * Watches an RSS feed titled `title` whose channel holds `items`, <item> elements as written,
 * served at `${host}/feed` (nock), as a marketer's `feeds add` would.
 */
export async function watchRssItems(deps: Deps, host: string, items: string, title = 'Wire'): Promise<void> {
  await watchNewsFeed(
    deps,
    host,
    `<?xml version="1.0"?><rss version="2.0"><channel><title>${title}</title><link>${host}/</link>\n${items}\n</channel></rss>`,
  );
}

async function watchNewsFeed(deps: Deps, host: string, body: string | Buffer): Promise<void> {
  nock(host).get('/feed').reply(200, body, { 'content-type': 'application/rss+xml' });
  await addFeed(deps, { url: `${host}/feed`, kind: 'news', actorId: 'U1' });
}
