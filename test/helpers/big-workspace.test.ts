import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BigWorkspace, openBigWorkspace } from './big-workspace.ts';
import type { TestDeps } from './deps.ts';

describe('the big workspace, built once and copied', () => {
  let first: { deps: TestDeps; big: BigWorkspace };
  let second: { deps: TestDeps; big: BigWorkspace };
  beforeAll(async () => {
    first = await openBigWorkspace();
    second = await openBigWorkspace();
  }, 600_000);
  afterAll(async () => {
    await first?.deps.cleanup();
    await second?.deps.cleanup();
  });

  it('gives each caller the whole workspace: its rows, the messages posted while building, the clock', async () => {
    const { deps, big } = first;
    expect(big.feedIds).toHaveLength(400);
    expect(big.topicNames).toHaveLength(120);
    expect(big.nudgeIds).toHaveLength(300);
    expect(await deps.db.prisma.feed.count()).toBe(400);
    expect(await deps.db.prisma.topic.count()).toBe(120);
    expect(await deps.db.prisma.nudge.count({ where: { id: { in: big.nudgeIds } } })).toBe(300);
    expect(deps.sent.length).toBeGreaterThan(0);
    expect(deps.sent).toEqual(second.deps.sent);
    expect(deps.clock.now()).toEqual(new Date('2026-11-02T09:00:00Z'));
  });

  it('gives each caller a database of its own: what one changes, the other does not see', async () => {
    expect(first.deps.config.DATABASE_URL).not.toBe(second.deps.config.DATABASE_URL);
    const name = first.big.topicNames[0] as string;
    await first.deps.db.prisma.topic.update({ where: { name }, data: { query: 'changed' } });
    first.deps.sent.length = 0;
    first.deps.clock.advance(60_000);
    expect((await first.deps.db.prisma.topic.findUniqueOrThrow({ where: { name } })).query).toBe('changed');
    expect((await second.deps.db.prisma.topic.findUniqueOrThrow({ where: { name } })).query).not.toBe(
      'changed',
    );
    expect(second.deps.sent.length).toBeGreaterThan(0);
    expect(second.deps.clock.now()).toEqual(new Date('2026-11-02T09:00:00Z'));
  });
});
