import { addSchedule, type DigestSpec } from '../../src/briefing/schedules.ts';
import { storeItems } from '../../src/db/items.ts';
import type { Deps } from '../../src/deps.ts';
import { analyzeFeedBody } from '../../src/monitor/analyze.ts';
import type { TestDeps } from './deps.ts';

export type FeedItem = {
  guid: string;
  title: string;
  text?: string;
  /** Defaults to the clock's now. */
  publishedAt?: Date;
  comments?: number;
  author?: string;
};

function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An RSS 2.0 document, with slash:comments when an item has a comment count. */
export function rssFeed(host: string, items: FeedItem[], now: Date, title = 'Example News'): string {
  const body = items
    .map(
      (item) =>
        `<item><guid>${xmlEscape(item.guid)}</guid><title>${xmlEscape(item.title)}</title>` +
        `<link>${host}/${encodeURIComponent(item.guid)}</link>` +
        `<pubDate>${(item.publishedAt ?? now).toUTCString()}</pubDate>` +
        `<description>${xmlEscape(item.text ?? item.title)}</description>` +
        (item.comments === undefined ? '' : `<slash:comments>${item.comments}</slash:comments>`) +
        (item.author === undefined ? '' : `<dc:creator>${xmlEscape(item.author)}</dc:creator>`) +
        '</item>',
    )
    .join('');
  return `<?xml version="1.0"?><rss version="2.0" xmlns:slash="http://purl.org/rss/1.0/modules/slash/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>${xmlEscape(title)}</title><link>${host}/</link>${body}</channel></rss>`;
}

export async function createTopic(deps: TestDeps, name: string, query: string): Promise<number> {
  return (await deps.db.prisma.topic.create({ data: { name, query } })).id;
}

export async function createFeed(
  deps: Pick<Deps, 'db'>,
  input: { host: string; title?: string; kind?: string; weight?: number },
): Promise<number> {
  const feed = await deps.db.prisma.feed.create({
    data: {
      url: `${input.host}/feed.xml`,
      title: input.title ?? new URL(input.host).hostname,
      kind: input.kind ?? 'news',
      weight: input.weight ?? 1,
      nextPollAt: new Date('2030-01-01T00:00:00Z'),
    },
  });
  return feed.id;
}

/** Marks a feed failing as the poller does after five failures in a row, since the clock's now. */
export async function markFeedFailing(deps: TestDeps, feedId: number, lastError = 'HTTP 500'): Promise<void> {
  await deps.db.prisma.feed.update({
    where: { id: feedId },
    data: { status: 'failing', consecutiveFailures: 5, lastError, failingSince: deps.clock.now() },
  });
}

/**
 * Stores items as the poller would (parse, analyse, link topics, cluster), at the clock's now.
 * Returns the item ids by guid.
 */
export async function storeFeedItems(
  deps: Pick<Deps, 'db' | 'clock'>,
  feedId: number,
  items: FeedItem[],
  options: { backlog?: boolean } = {},
): Promise<Record<string, number>> {
  const feed = await deps.db.prisma.feed.findUniqueOrThrow({ where: { id: feedId } });
  const host = new URL(feed.url).origin;
  const topics = await deps.db.prisma.topic.findMany({ select: { id: true, query: true } });
  const now = deps.clock.now();
  const analyzed = await analyzeFeedBody(rssFeed(host, items, now, feed.title ?? 'Feed'), feed.url, topics);
  const { sqlite } = deps.db;
  sqlite.transaction(() =>
    storeItems(sqlite, analyzed.items, { feedId, backlog: options.backlog ?? false, now }),
  )();
  const rows = sqlite
    .prepare('SELECT key, id FROM items WHERE feed_id = ?')
    .raw()
    .safeIntegers(false)
    .all(feedId) as Array<[string, number]>;
  return Object.fromEntries(rows);
}

export const baseSpec: DigestSpec = {
  channelId: 'C0NEWS',
  cadence: 'daily',
  weekday: null,
  timeOfDay: '08:00',
  timezone: 'Europe/Berlin',
  topics: [],
  maxItems: 8,
  quietDay: 'note',
};

export async function createSchedule(
  deps: TestDeps,
  spec: Partial<DigestSpec> = {},
  actorId = 'UADMIN01',
): Promise<number> {
  return (await addSchedule(deps, { ...baseSpec, ...spec }, actorId)).id;
}

/** Every row of channel_posts, for "never the same item to the same channel twice". */
export function channelPosts(deps: TestDeps) {
  return deps.db.sqlite
    .prepare(
      'SELECT channel_id AS channelId, item_id AS itemId, source_id AS runId, message_ts AS messageTs FROM channel_posts ORDER BY id',
    )
    .safeIntegers(false)
    .all() as Array<{ channelId: string; itemId: number; runId: number; messageTs: string | null }>;
}

export function digestRuns(deps: TestDeps) {
  return deps.db.sqlite
    .prepare(
      'SELECT id, schedule_id AS scheduleId, slot, status, owner, parent_ts AS parentTs, item_count AS itemCount, error FROM digest_runs ORDER BY id',
    )
    .safeIntegers(false)
    .all() as Array<{
    id: number;
    scheduleId: number;
    slot: number;
    status: string;
    owner: string | null;
    parentTs: string | null;
    itemCount: number;
    error: string | null;
  }>;
}

/** The item ids a thread message carries, read from its feedback buttons. */
export function itemIdsIn(blocks: unknown[]): number[] {
  return blocks.flatMap((block) => {
    const id = /^digest_item_(\d+)$/.exec(String((block as { block_id?: string }).block_id ?? ''))?.[1];
    return id ? [Number(id)] : [];
  });
}
