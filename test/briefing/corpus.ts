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
