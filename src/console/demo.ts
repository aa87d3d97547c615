import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addTopic, TopicKind } from '../analysis/topics.ts';
import { addSchedule } from '../briefing/schedules.ts';
import { findUpwards } from '../db/migrate.ts';
import type { Deps } from '../deps.ts';
import { addSme } from '../engage/smes.ts';
import { addFeed, FeedKind } from '../monitor/feeds.ts';

/** The sample feeds, beside src/ and dist/ alike. */
export const demoFeedsDir = findUpwards('demo/feeds', dirname(fileURLToPath(import.meta.url)));

export const demoFeeds = [
  { file: 'saas-ledger-news.xml', kind: FeedKind.News },
  { file: 'globex-blog.xml', kind: FeedKind.Competitor },
  { file: 'stackrank-reviews.xml', kind: FeedKind.Review },
  { file: 'support-ops-forum.xml', kind: FeedKind.Forum },
] as const;

export const demoTopics = [
  { name: 'pricing', query: 'pricing OR price* OR discount*', kind: TopicKind.Theme },
  { name: 'outages', query: 'outage OR downtime OR "status page"', kind: TopicKind.Theme },
  { name: 'globex', query: 'globex', kind: TopicKind.Competitor },
] as const;

/**
 * The demo's own company: "how are we doing", "compare us to globex" ask about the topics of kind
 * company. Only in the console demo (the labelled test corpus keeps the three topics above).
 */
export const demoCompanyTopic = { name: 'acme', query: 'acme', kind: TopicKind.Company } as const;

const hourMs = 3_600_000;

/** Replaces each {{hoursAgo:N}} by the date N hours before `now`: ISO 8601 in Atom, RFC 822 in RSS. */
export function fillDates(xml: string, now: Date): string {
  const atom = /<feed[\s>]/.test(xml);
  return xml.replace(/\{\{hoursAgo:(\d+(?:\.\d+)?)\}\}/g, (_placeholder, hours: string) => {
    const at = new Date(now.getTime() - Number(hours) * hourMs);
    return atom ? at.toISOString() : at.toUTCString();
  });
}

export type DemoServer = {
  feeds: Array<{ url: string; kind: FeedKind }>;
  close(): Promise<void>;
};

/**
 * Serves the sample feeds on 127.0.0.1 with dates relative to `now`. Dates are fixed when the
 * server starts, so later polls see the same items (and get 304s), not "updated" ones.
 */
export async function startDemoServer(now: Date, dir: string = demoFeedsDir): Promise<DemoServer> {
  const routes = new Map<string, { body: string; etag: string; type: string }>();
  for (const feed of demoFeeds) {
    const body = fillDates(await readFile(join(dir, feed.file), 'utf8'), now);
    routes.set(`/feeds/${feed.file}`, {
      body,
      etag: `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`,
      type: /<feed[\s>]/.test(body) ? 'application/atom+xml' : 'application/rss+xml',
    });
  }
  const server = createServer((request, response) => {
    const route = routes.get(request.url ?? '');
    if (!route || (request.method !== 'GET' && request.method !== 'HEAD')) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    if (request.headers['if-none-match'] === route.etag) {
      response.writeHead(304, { etag: route.etag }).end();
      return;
    }
    response.writeHead(200, { 'content-type': `${route.type}; charset=utf-8`, etag: route.etag });
    response.end(request.method === 'HEAD' ? undefined : route.body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    feeds: demoFeeds.map((feed) => ({ url: `${base}/feeds/${feed.file}`, kind: feed.kind })),
    close: () =>
      new Promise<void>((resolve) => {
        // fetch keeps connections alive; without this, close waits for them to time out.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type DemoSummary = { feeds: number; items: number; topics: number };

/** The demo's expert, on the pricing and outages beats. */
export const demoExpertId = 'UEXPERT01';

/** Subscribes to the sample feeds and adds the sample topics, each only if missing. */
export async function seedDemo(deps: Deps, server: DemoServer, actorId: string): Promise<DemoSummary> {
  const { prisma } = deps.db;
  for (const feed of server.feeds) {
    if (await prisma.feed.findUnique({ where: { url: feed.url }, select: { id: true } })) continue;
    await addFeed(deps, { url: feed.url, kind: feed.kind, actorId });
  }
  for (const topic of [...demoTopics, demoCompanyTopic]) {
    if (await prisma.topic.findUnique({ where: { name: topic.name }, select: { id: true } })) continue;
    await addTopic(deps, { ...topic, actorId });
  }
  // An expert on two beats, so a nudge names someone who can claim it (`/as UEXPERT01`).
  if ((await prisma.sme.count()) === 0)
    await addSme(deps, { userId: demoExpertId, topics: ['pricing', 'outages'], actorId });
  // The sample items count as news that reached Briefbot as it was published (a feed read all week),
  // not a back-catalogue, so the first digest is what a real one is: the week's stories, none late.
  deps.db.sqlite.prepare('UPDATE items SET backlog = 0, created_at = MIN(created_at, published_at)').run();
  if ((await prisma.digestSchedule.count()) === 0) {
    await addSchedule(
      deps,
      {
        channelId: demoChannelId,
        // Weekly: a week of the sample stories is one digest's worth (a daily one would hold a day's).
        cadence: 'weekly',
        weekday: 1,
        timeOfDay: '08:00',
        timezone: deps.config.DEFAULT_TIMEZONE,
        topics: ['pricing', 'globex'],
        maxItems: 8,
        quietDay: 'note',
      },
      actorId,
    );
  }
  return {
    feeds: await prisma.feed.count(),
    items: await prisma.item.count(),
    topics: await prisma.topic.count(),
  };
}

/** The demo digest's channel: posts to it appear in the terminal. */
export const demoChannelId = 'CDEMONEWS';

export function demoSummaryLine(summary: DemoSummary): string {
  return `Demo: ${summary.feeds} sample feeds (${summary.items} items), ${summary.topics} topics (acme is the company), an expert (@${demoExpertId}, on pricing and outages) and a digest for #${demoChannelId} are loaded in a throwaway database; try: what are customers saying about pricing (then /press 1, its first source's Request a response, and /as ${demoExpertId} then /press 1 to claim it as the expert), how are we doing, acme vs globex, digest now #${demoChannelId}, feeds list`;
}
