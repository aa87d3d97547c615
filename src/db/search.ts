import type { Sqlite } from './client.ts';

export type SearchHit = {
  id: number;
  title: string;
  url: string | null;
  author: string | null;
  publishedAt: Date;
  feedTitle: string | null;
  feedKind: string;
  sentiment: string;
  clusterId: number | null;
};

/**
 * Items matching an FTS5 expression, newest first, within a time window. The window and the
 * match are both selective; the count is of every match, the list only of the first `limit`.
 */
export function searchRecent(
  sqlite: Sqlite,
  fts: string,
  options: { since: Date; limit: number },
): { total: number; hits: SearchHit[] } {
  const since = options.since.getTime();
  const total = Number(
    sqlite
      .prepare(
        `SELECT COUNT(*) FROM items_fts JOIN items i ON i.id = items_fts.rowid
         WHERE items_fts MATCH ? AND i.published_at >= ?`,
      )
      .pluck()
      .safeIntegers(false)
      .get(fts, since),
  );
  const rows = sqlite
    .prepare(
      `SELECT i.id, i.title, i.url, i.author, i.published_at AS publishedAt, f.title AS feedTitle,
         f.kind AS feedKind, i.sentiment, i.cluster_id AS clusterId
       FROM items_fts JOIN items i ON i.id = items_fts.rowid JOIN feeds f ON f.id = i.feed_id
       WHERE items_fts MATCH ? AND i.published_at >= ?
       ORDER BY i.published_at DESC LIMIT ?`,
    )
    .safeIntegers(false)
    .all(fts, since, options.limit) as Array<Omit<SearchHit, 'publishedAt'> & { publishedAt: number }>;
  return { total, hits: rows.map((row) => ({ ...row, publishedAt: new Date(row.publishedAt) })) };
}

/** Links the recent items matching a new topic's query to it, as if it had existed when they arrived. */
export function linkRecentItems(sqlite: Sqlite, topicId: number, fts: string, since: Date): number {
  return sqlite
    .prepare(
      `INSERT OR IGNORE INTO item_topics (item_id, topic_id)
       SELECT i.id, ? FROM items_fts JOIN items i ON i.id = items_fts.rowid
       WHERE items_fts MATCH ? AND i.published_at >= ?`,
    )
    .run(topicId, fts, since.getTime()).changes;
}
