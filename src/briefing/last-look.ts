import { topicLabelSql } from '../analysis/topics.ts';
import { cachedStatement } from '../db/client.ts';
import type { Deps } from '../deps.ts';

/** Opens of App Home closer together than this are one visit: "since you last looked" keeps its start. */
export const visitGapMs = 3600_000;

/**
 * Records that someone opened App Home. An open an hour or more after the last one starts a new
 * visit, and the last one becomes what "since you last looked" counts from.
 */
export async function noteHomeOpened(deps: Deps, userId: string): Promise<void> {
  const now = deps.clock.now();
  const visit = await deps.db.prisma.homeVisit.findUnique({ where: { userId } });
  const newVisit = visit && now.getTime() - visit.openedAt.getTime() >= visitGapMs;
  await deps.db.prisma.homeVisit.upsert({
    where: { userId },
    create: { userId, openedAt: now },
    update: { openedAt: now, ...(newVisit ? { lookedAt: visit.openedAt } : {}) },
  });
}

/** What came in since someone's last visit to App Home: new items (no feed's first backlog), the busiest topics first. */
export type LastLook = { at: Date; items: number; byTopic: Array<{ label: string; count: number }> };

/** Null on a first visit: there is no last look to count from. */
export async function sinceLastLook(deps: Deps, userId: string): Promise<LastLook | null> {
  const visit = await deps.db.prisma.homeVisit.findUnique({ where: { userId } });
  if (!visit?.lookedAt) return null;
  const since = visit.lookedAt.getTime();
  const { sqlite } = deps.db;
  // Stored since (created_at is indexed), a feed's first read of its archive left out: that is no news.
  const items = cachedStatement(sqlite, 'SELECT COUNT(*) FROM items WHERE created_at > ? AND backlog = 0')
    .pluck()
    .safeIntegers(false)
    .get(since) as number;
  const byTopic =
    items === 0
      ? []
      : (cachedStatement(
          sqlite,
          `SELECT ${topicLabelSql('t')} AS label, COUNT(*) AS count
           FROM items i JOIN item_topics it ON it.item_id = i.id JOIN topics t ON t.id = it.topic_id
           WHERE i.created_at > ? AND i.backlog = 0
           GROUP BY t.id ORDER BY count DESC, label LIMIT 3`,
        )
          .safeIntegers(false)
          .all(since) as Array<{ label: string; count: number }>);
  return { at: visit.lookedAt, items, byTopic };
}
