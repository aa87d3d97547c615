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

export type EvidenceWindow = { since: Date; until: Date; previousSince: Date };

export type EvidenceCounts = {
  current: number;
  previous: number;
  sentiment: { positive: number; neutral: number; negative: number };
  byKind: Record<string, number>;
  /** Matches per day of the current window, oldest first. */
  daily: number[];
};

export type RankedHit = SearchHit & { excerpt: string; sourceCount: number; score: number };

/** How much a source kind counts when the question is about customers (their own voices first). */
export const customerKindWeights: Record<string, number> = {
  review: 2,
  forum: 1.8,
  community: 1.8,
  blog: 1,
  competitor: 0.8,
  news: 0.7,
};

const dayMs = 24 * 3600 * 1000;

/** Counts of every match in the window and the one before it, in one pass over the full-text match. */
export function countEvidence(sqlite: Sqlite, fts: string, window: EvidenceWindow): EvidenceCounts {
  const since = window.since.getTime();
  const days = Math.max(1, Math.ceil((window.until.getTime() - since) / dayMs));
  const rows = sqlite
    .prepare(
      `SELECT i.published_at >= @since AS current, CAST((i.published_at - @since) / ${dayMs} AS INTEGER) AS day,
         i.sentiment, f.kind, COUNT(*) AS n
       FROM items_fts JOIN items i ON i.id = items_fts.rowid JOIN feeds f ON f.id = i.feed_id
       WHERE items_fts MATCH @fts AND i.published_at >= @previousSince AND i.published_at < @until
       GROUP BY 1, 2, 3, 4`,
    )
    .safeIntegers(false)
    .all({
      fts,
      since,
      previousSince: window.previousSince.getTime(),
      until: window.until.getTime(),
    }) as Array<{
    current: number;
    day: number;
    sentiment: string;
    kind: string;
    n: number;
  }>;
  const counts: EvidenceCounts = {
    current: 0,
    previous: 0,
    sentiment: { positive: 0, neutral: 0, negative: 0 },
    byKind: {},
    daily: new Array(days).fill(0),
  };
  for (const row of rows) {
    if (!row.current) {
      counts.previous += row.n;
      continue;
    }
    counts.current += row.n;
    if (row.sentiment === 'positive' || row.sentiment === 'negative' || row.sentiment === 'neutral') {
      counts.sentiment[row.sentiment] += row.n;
    }
    counts.byKind[row.kind] = (counts.byKind[row.kind] ?? 0) + row.n;
    const day = Math.min(days - 1, Math.max(0, row.day));
    counts.daily[day] = (counts.daily[day] ?? 0) + row.n;
  }
  return counts;
}

/**
 * The most relevant matches of the window: BM25 (titles count 4×), times the source's kind
 * weight, ranked by relevance first (never by date alone, the planner trap on big matches).
 */
export function rankEvidence(
  sqlite: Sqlite,
  fts: string,
  window: EvidenceWindow,
  options: { kindWeights?: Record<string, number>; limit: number; offset?: number },
): RankedHit[] {
  const weights = options.kindWeights ?? {};
  const cases = Object.entries(weights)
    .map(([kind, weight]) => `WHEN '${kind.replace(/'/g, '')}' THEN ${Number(weight)}`)
    .join(' ');
  const kindWeight = cases ? `(CASE f.kind ${cases} ELSE 1 END)` : '1';
  const rows = sqlite
    .prepare(
      `SELECT i.id, i.title, i.url, i.author, i.published_at AS publishedAt, f.title AS feedTitle, f.kind AS feedKind,
         i.sentiment, i.cluster_id AS clusterId, substr(i.text, 1, 700) AS excerpt,
         COALESCE(c.source_count, 1) AS sourceCount,
         bm25(items_fts, 4.0, 1.0) * ${kindWeight} * f.weight AS score
       FROM items_fts JOIN items i ON i.id = items_fts.rowid JOIN feeds f ON f.id = i.feed_id
         LEFT JOIN clusters c ON c.id = i.cluster_id
       WHERE items_fts MATCH @fts AND i.published_at >= @since AND i.published_at < @until
       ORDER BY score LIMIT @limit OFFSET @offset`,
    )
    .safeIntegers(false)
    .all({
      fts,
      since: window.since.getTime(),
      until: window.until.getTime(),
      limit: options.limit,
      offset: options.offset ?? 0,
    }) as Array<Omit<RankedHit, 'publishedAt'> & { publishedAt: number }>;
  return rows.map((row) => ({ ...row, publishedAt: new Date(row.publishedAt) }));
}

export type Tally = { label: string; kind?: string; count: number };

/** The sources and the authors with the most matches in the window. */
export function topContributors(sqlite: Sqlite, fts: string, window: EvidenceWindow, limit = 5) {
  const params = { fts, since: window.since.getTime(), until: window.until.getTime(), limit };
  const sources = sqlite
    .prepare(
      `SELECT COALESCE(f.title, f.url) AS label, f.kind, COUNT(*) AS count
       FROM items_fts JOIN items i ON i.id = items_fts.rowid JOIN feeds f ON f.id = i.feed_id
       WHERE items_fts MATCH @fts AND i.published_at >= @since AND i.published_at < @until
       GROUP BY i.feed_id ORDER BY count DESC LIMIT @limit`,
    )
    .safeIntegers(false)
    .all(params) as Tally[];
  const voices = sqlite
    .prepare(
      `SELECT i.author AS label, COUNT(*) AS count
       FROM items_fts JOIN items i ON i.id = items_fts.rowid
       WHERE items_fts MATCH @fts AND i.published_at >= @since AND i.published_at < @until AND i.author IS NOT NULL
       GROUP BY i.author ORDER BY count DESC LIMIT @limit`,
    )
    .safeIntegers(false)
    .all(params) as Tally[];
  return { sources, voices };
}
