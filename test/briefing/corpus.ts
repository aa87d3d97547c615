import { afterAll, beforeAll } from 'vitest';
import { addTopic } from '../../src/analysis/topics.ts';
import { type Reply, runCommand } from '../../src/commands/index.ts';
import { demoTopics, startDemoServer } from '../../src/console/demo.ts';
import type { Deps } from '../../src/deps.ts';
import { addFeed } from '../../src/monitor/feeds.ts';
import { createTestDeps, type TestDeps } from '../helpers/deps.ts';

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
 * One database with the demo corpus for all of a test file's tests, loaded before the first:
 * `demo.deps` is it, and `demo.brief(text, userId)` runs a /brief command as a person would.
 */
export function useDemoCorpus(options: Parameters<typeof createTestDeps>[0] = {}) {
  let loaded: TestDeps | undefined;
  beforeAll(async () => {
    loaded = await createTestDeps(options);
    await loadDemoCorpus(loaded);
  });
  afterAll(async () => {
    await loaded?.cleanup();
  });
  const demo = {
    get deps(): TestDeps {
      if (!loaded) throw new Error('useDemoCorpus: no test is running');
      return loaded;
    },
    brief: (text: string, userId = 'UEXEC01'): Promise<Reply> =>
      runCommand(demo.deps, { userId, channelId: 'C0CHANNEL', text }),
  };
  return demo;
}
