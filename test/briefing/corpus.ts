import { addTopic } from '../../src/analysis/topics.ts';
import { demoTopics, startDemoServer } from '../../src/console/demo.ts';
import type { Deps } from '../../src/deps.ts';
import { addFeed } from '../../src/monitor/feeds.ts';

/**
 * Loads the four demo feeds (dates filled relative to the clock) into `deps`' database, as
 * backlog, and the demo topics (pricing, outages, globex). The demo server runs on 127.0.0.1
 * only while the feeds are added.
 */
export async function loadDemoCorpus(deps: Deps, options: { topics?: boolean } = {}): Promise<void> {
  const server = await startDemoServer(deps.clock.now());
  const local: Deps = { ...deps, http: { ...deps.http, allowPrivate: true } };
  try {
    for (const feed of server.feeds)
      await addFeed(local, { url: feed.url, kind: feed.kind, actorId: 'USEED' });
  } finally {
    await server.close();
  }
  if (options.topics ?? true) {
    for (const topic of demoTopics) await addTopic(deps, { ...topic, actorId: 'USEED' });
  }
}

/**
 * The demo's EU outage, told in different words by the news (the story and the post-incident
 * report), two forum threads and two reviews: one event.
 */
export const euOutageUrls = [
  'https://saasledger.example/2026/acme-desk-eu-outage',
  'https://saasledger.example/2026/acme-post-incident-report',
  'https://community.supportops.example/t/acme-desk-outage-this-morning/8826',
  'https://community.supportops.example/t/acme-status-page-operational/8830',
  'https://www.stackrank.example/products/acme-desk/reviews/91188',
  'https://www.stackrank.example/products/acme-desk/reviews/91179',
] as const;
