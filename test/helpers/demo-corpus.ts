import { afterAll, beforeAll } from 'vitest';
import { type Reply, runCommand } from '../../src/commands/index.ts';
import { loadDemoCorpus } from '../briefing/corpus.ts';
import { createTestDeps, type TestDeps } from './deps.ts';

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
