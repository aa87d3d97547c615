import { afterEach, beforeEach } from 'vitest';
import { type Reply, runCommand } from '../../src/commands/index.ts';
import { createTestDeps, type TestDeps } from './deps.ts';

/**
 * A fresh database for each test, with `admin` as the Briefbot admin (and any other settings in
 * `env`), and `brief(text, userId)` to run a /brief command as a person would. `current().deps` is
 * the test's deps.
 */
export function useCommandTests(admin: string, env: Record<string, string> = {}) {
  let deps: TestDeps | undefined;
  beforeEach(async () => {
    deps = await createTestDeps({ env: { BRIEFBOT_ADMINS: admin, ...env } });
  });
  afterEach(async () => {
    await deps?.cleanup();
  });
  const current = () => {
    if (!deps) throw new Error('useCommandTests: no test is running');
    return { deps };
  };
  const brief = (text: string, userId = admin): Promise<Reply> =>
    runCommand(current().deps, { userId, channelId: 'C0CHANNEL', text });
  return { current, brief };
}

/** All the text a person would read in a reply, link targets included. */
export function read(reply: Reply): string {
  return JSON.stringify(reply.blocks) + reply.text;
}
