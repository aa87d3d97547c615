import { signatureFromBytes, similarity, titleBand } from '../analysis/minhash.ts';
import type { AnalyzedItem } from '../monitor/analyze.ts';
import type { Sqlite } from './client.ts';

/** Stories published this far apart are different stories, however alike they read. */
export const clusterWindowMs = 7 * 24 * 3600 * 1000;
const minSimilarity = 0.5;
const maxCandidates = 64;

export type StoreOptions = { feedId: number; backlog: boolean; now: Date };
export type StoreResult = { inserted: number[]; updated: number[]; unchanged: number };

type Statements = ReturnType<typeof prepare>;
const cache = new WeakMap<Sqlite, Statements>();

function prepare(sqlite: Sqlite) {
  const statement = (sql: string) => sqlite.prepare(sql).safeIntegers(false);
  const bandValues = Array.from({ length: titleBand + 1 }, () => '(?, ?)').join(', ');
  return {
    findItem: statement('SELECT id, content_hash, comment_count FROM items WHERE feed_id = ? AND key = ?'),
    insertItem: statement(
      `INSERT INTO items (feed_id, key, url, title, author, published_at, date_estimated, fetched_at, text,
         content_hash, categories, comment_count, backlog, cluster_id, minhash, sentiment, sentiment_score,
         created_at, updated_at)
       VALUES (@feedId, @key, @url, @title, @author, @publishedAt, @dateEstimated, @now, @text,
         @contentHash, @categories, @commentCount, @backlog, @clusterId, @minhash, @sentiment, @sentimentScore,
         @now, @now)`,
    ),
    updateItem: statement(
      `UPDATE items SET url = @url, title = @title, author = @author,
         published_at = CASE WHEN @publishedAt IS NULL THEN published_at ELSE @publishedAt END,
         date_estimated = CASE WHEN @publishedAt IS NULL THEN date_estimated ELSE 0 END,
         text = @text, content_hash = @contentHash, categories = @categories, comment_count = @commentCount,
         minhash = @minhash, sentiment = @sentiment, sentiment_score = @sentimentScore, updated_at = @now
       WHERE id = @id`,
    ),
    updateCommentCount: statement('UPDATE items SET comment_count = ?, updated_at = ? WHERE id = ?'),
    candidates: statement(
      `SELECT b.band, b.item_id, b.cluster_id, i.minhash, i.published_at
       FROM lsh_buckets b JOIN items i ON i.id = b.item_id
       WHERE (b.band, b.hash) IN (VALUES ${bandValues}) LIMIT ${maxCandidates}`,
    ),
    insertBucket: statement(
      'INSERT OR IGNORE INTO lsh_buckets (band, hash, item_id, cluster_id) VALUES (?, ?, ?, ?)',
    ),
    createCluster: statement(
      `INSERT INTO clusters (item_count, source_count, first_seen_at, last_seen_at)
       VALUES (0, 0, @seenAt, @seenAt)`,
    ),
    joinCluster: statement(
      `UPDATE clusters SET item_count = item_count + 1,
         source_count = (SELECT COUNT(DISTINCT feed_id) FROM items WHERE cluster_id = @clusterId),
         first_seen_at = MIN(first_seen_at, @seenAt), last_seen_at = MAX(last_seen_at, @seenAt)
       WHERE id = @clusterId`,
    ),
    deleteTopics: statement('DELETE FROM item_topics WHERE item_id = ?'),
    insertTopic: statement('INSERT OR IGNORE INTO item_topics (item_id, topic_id) VALUES (?, ?)'),
  };
}

function statementsFor(sqlite: Sqlite): Statements {
  let statements = cache.get(sqlite);
  if (!statements) {
    statements = prepare(sqlite);
    cache.set(sqlite, statements);
  }
  return statements;
}

/**
 * Stores a feed's analysed items: new ones inserted and clustered, changed ones updated in place
 * (never new twice), unchanged ones left alone. Call inside a transaction.
 */
export function storeItems(sqlite: Sqlite, items: AnalyzedItem[], options: StoreOptions): StoreResult {
  const statements = statementsFor(sqlite);
  const now = options.now.getTime();
  const result: StoreResult = { inserted: [], updated: [], unchanged: 0 };
  for (const item of items) {
    const existing = statements.findItem.get(options.feedId, item.key) as
      | { id: number; content_hash: string; comment_count: number | null }
      | undefined;
    const row = {
      url: item.url,
      title: item.title,
      author: item.author,
      publishedAt: item.publishedAt ? item.publishedAt.getTime() : null,
      text: item.text,
      contentHash: item.contentHash,
      categories: JSON.stringify(item.categories),
      commentCount: item.commentCount,
      minhash: item.minhash,
      sentiment: item.sentiment,
      sentimentScore: item.sentimentScore,
      now,
    };
    if (existing) {
      if (existing.content_hash === item.contentHash) {
        if (item.commentCount !== null && item.commentCount !== existing.comment_count) {
          statements.updateCommentCount.run(item.commentCount, now, existing.id);
        }
        result.unchanged++;
        continue;
      }
      statements.updateItem.run({ ...row, id: existing.id });
      statements.deleteTopics.run(existing.id);
      for (const topicId of item.topicIds) statements.insertTopic.run(existing.id, topicId);
      result.updated.push(existing.id);
      continue;
    }
    const publishedAt = row.publishedAt ?? now;
    const clusterId = findCluster(statements, item, publishedAt);
    const id = Number(
      statements.insertItem.run({
        ...row,
        feedId: options.feedId,
        key: item.key,
        publishedAt,
        dateEstimated: item.publishedAt ? 0 : 1,
        backlog: options.backlog ? 1 : 0,
        clusterId,
      }).lastInsertRowid,
    );
    statements.joinCluster.run({ clusterId, seenAt: publishedAt });
    for (let band = 0; band < item.bands.length; band++) {
      const hash = item.bands[band] as number;
      if (band === titleBand && hash === 0) continue;
      statements.insertBucket.run(band, hash, id, clusterId);
    }
    for (const topicId of item.topicIds) statements.insertTopic.run(id, topicId);
    result.inserted.push(id);
  }
  return result;
}

/** The cluster of the most similar recent item, or a new cluster when there is none. */
function findCluster(statements: Statements, item: AnalyzedItem, publishedAt: number): number {
  const params: number[] = [];
  for (const [band, hash] of item.bands.entries())
    params.push(band, band === titleBand && hash === 0 ? -1 : hash);
  const rows = statements.candidates.all(...params) as Array<{
    band: number;
    item_id: number;
    cluster_id: number;
    minhash: Uint8Array | null;
    published_at: number;
  }>;
  const signature = signatureFromBytes(item.minhash);
  let best: { clusterId: number; score: number } | undefined;
  for (const candidate of rows) {
    if (Math.abs(candidate.published_at - publishedAt) > clusterWindowMs) continue;
    const score =
      candidate.band === titleBand
        ? 1
        : candidate.minhash
          ? similarity(signature, signatureFromBytes(candidate.minhash))
          : 0;
    if (score >= minSimilarity && (!best || score > best.score))
      best = { clusterId: candidate.cluster_id, score };
  }
  if (best) return best.clusterId;
  return Number(statements.createCluster.run({ seenAt: publishedAt }).lastInsertRowid);
}

/** Forgets LSH buckets of items too old to join a new story; the items and clusters stay. */
export function pruneLshBuckets(sqlite: Sqlite, now: Date): number {
  const cutoff = now.getTime() - 2 * clusterWindowMs;
  return sqlite
    .prepare('DELETE FROM lsh_buckets WHERE item_id IN (SELECT id FROM items WHERE published_at < ?)')
    .run(cutoff).changes;
}
