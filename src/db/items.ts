import { majorityLanguage } from '../analysis/language.ts';
import { bandCount, signatureFromBytes, similarity, titleBand, urlBand } from '../analysis/minhash.ts';
import {
  type CompiledQuery,
  compileQuery,
  docFromTokens,
  splitWordsOf,
  tokenize,
} from '../analysis/query.ts';
import type { AnalyzedItem } from '../monitor/analyze.ts';
import { aheadOfFetch } from '../monitor/dates.ts';
import type { Sqlite } from './client.ts';

/** Stories published this far apart are different stories, however alike they read. */
export const clusterWindowMs = 7 * 24 * 3600 * 1000;
const minSimilarity = 0.5;
const maxCandidates = 64;

export type StoreOptions = { feedId: number; backlog: boolean; now: Date };
export type StoreResult = { inserted: number[]; updated: number[]; unchanged: number };

type Statements = ReturnType<typeof prepare>;
type StoredItem = { id: number; content_hash: string; comment_count: number | null; points: number | null };
const cache = new WeakMap<Sqlite, Statements>();

function prepare(sqlite: Sqlite) {
  const statement = (sql: string) => sqlite.prepare(sql).safeIntegers(false);
  const bandLookups = Array.from(
    { length: bandCount },
    () => 'SELECT band, item_id, cluster_id FROM lsh_buckets WHERE band = ? AND hash = ?',
  ).join(' UNION ALL ');
  return {
    findItem: statement(
      'SELECT id, content_hash, comment_count, points FROM items WHERE feed_id = ? AND key = ?',
    ),
    // Through the address band: no index on items.url needed, and only addresses unique in their feed.
    findItemByUrl: statement(
      `SELECT i.id, i.content_hash, i.comment_count, i.points FROM lsh_buckets b JOIN items i ON i.id = b.item_id
       WHERE b.band = ${urlBand} AND b.hash = ? AND i.feed_id = ? AND i.url = ? LIMIT 1`,
    ),
    rekeyItem: statement('UPDATE items SET key = ? WHERE id = ?'),
    // A competitor's own feed: its title and the competitor it stands for, indexed with each item (see the "source" column).
    sourceOfFeed: statement(
      `SELECT CASE WHEN kind = 'competitor' THEN TRIM(COALESCE(title, '') || ' ' || COALESCE(competitor, '')) ELSE '' END
       FROM feeds WHERE id = ?`,
    ).pluck(),
    insertItem: statement(
      `INSERT INTO items (feed_id, key, url, title, author, published_at, date_estimated, fetched_at, text,
         source, split_words, content_hash, categories, comment_count, points, backlog, nudge_pending, cluster_id, sentiment,
         sentiment_score, language, mirror, created_at, updated_at)
       VALUES (@feedId, @key, @url, @title, @author, @publishedAt, @dateEstimated, @now, @text,
         @source, @splitWords, @contentHash, @categories, @commentCount, @points, @backlog, @nudgePending, @clusterId, @sentiment,
         @sentimentScore, @language,
         EXISTS (SELECT 1 FROM items o WHERE o.cluster_id = @clusterId AND o.url = @url AND o.feed_id <> @feedId),
         @now, @now)`,
    ),
    updateItem: statement(
      `UPDATE items SET url = @url, title = @title, author = @author,
         published_at = CASE WHEN @publishedAt IS NULL THEN published_at ELSE @publishedAt END,
         date_estimated = CASE WHEN @publishedAt IS NULL THEN date_estimated ELSE 0 END,
         text = @text, source = @source, split_words = @splitWords, content_hash = @contentHash, categories = @categories,
         comment_count = @commentCount, points = @points,
         sentiment = @sentiment, sentiment_score = @sentimentScore, language = @language, updated_at = @now
       WHERE id = @id`,
    ),
    indexItem: statement(
      'INSERT INTO items_fts (rowid, title, text, source, split_words) VALUES (?, ?, ?, ?, ?)',
    ),
    // A count the feed no longer states is kept as last stated.
    updateCounts: statement(
      `UPDATE items SET comment_count = COALESCE(@commentCount, comment_count), points = COALESCE(@points, points),
         updated_at = @now WHERE id = @id`,
    ),
    // UNION ALL of point lookups: cheaper than a row-value IN list, which builds a temporary table each time.
    candidates: statement(
      `SELECT b.band, b.item_id, b.cluster_id, s.minhash, s.published_at
       FROM (${bandLookups}) b JOIN item_signatures s ON s.item_id = b.item_id LIMIT ${maxCandidates}`,
    ),
    insertSignature: statement(
      'INSERT OR REPLACE INTO item_signatures (item_id, published_at, minhash) VALUES (?, ?, ?)',
    ),
    insertBucket: statement(
      'INSERT OR IGNORE INTO lsh_buckets (band, hash, item_id, cluster_id) VALUES (?, ?, ?, ?)',
    ),
    createCluster: statement(
      `INSERT INTO clusters (item_count, source_count, first_seen_at, last_seen_at)
       VALUES (0, 0, @seenAt, @seenAt)`,
    ),
    joinCluster: statement(
      // Counted before the item is inserted: a feed new to the cluster adds one source.
      `UPDATE clusters SET item_count = item_count + 1,
         source_count = source_count +
           NOT EXISTS (SELECT 1 FROM items WHERE cluster_id = @clusterId AND feed_id = @feedId),
         first_seen_at = MIN(first_seen_at, @seenAt), last_seen_at = MAX(last_seen_at, @seenAt)
       WHERE id = @clusterId`,
    ),
    latestLanguages: statement(
      'SELECT language FROM items WHERE feed_id = ? ORDER BY id DESC LIMIT ?',
    ).pluck(),
    raiseNewestItem: statement(
      'UPDATE feeds SET newest_item_at = ? WHERE id = ? AND (newest_item_at IS NULL OR newest_item_at < ?)',
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

/** How many of a feed's latest stored items decide the language its next too-short headlines are in. */
const languageSample = 50;

/** The language most of a feed's latest stored items were told in, or null (see `majorityLanguage`). */
export function storedFeedLanguage(sqlite: Sqlite, feedId: number): string | null {
  const told = statementsFor(sqlite).latestLanguages.all(feedId, languageSample) as Array<string | null>;
  return majorityLanguage(told);
}

/**
 * Stores a feed's analysed items: new ones inserted and clustered, changed ones updated in place
 * (never new twice), unchanged ones left alone. Call inside a transaction.
 */
export function storeItems(sqlite: Sqlite, items: AnalyzedItem[], options: StoreOptions): StoreResult {
  const statements = statementsFor(sqlite);
  const now = options.now.getTime();
  const result: StoreResult = { inserted: [], updated: [], unchanged: 0 };
  let newest = 0;
  const source = (statements.sourceOfFeed.get(options.feedId) as string | undefined) ?? '';
  // A competitor's post counts for its topics by whose it is, too: matched again with the source.
  const topicsOf = source ? topicMatcherWithSource(sqlite, source) : (item: AnalyzedItem) => item.topicIds;
  for (const item of items) {
    const existing =
      (statements.findItem.get(options.feedId, item.key) as StoredItem | undefined) ??
      legacyKeyRekeyed(statements, item, options.feedId) ??
      sameArticleRekeyed(statements, item, options.feedId);
    if (existing?.content_hash === item.contentHash) {
      if (
        (item.commentCount !== null && item.commentCount !== existing.comment_count) ||
        (item.points !== null && item.points !== existing.points)
      ) {
        statements.updateCounts.run({
          id: existing.id,
          commentCount: item.commentCount,
          points: item.points,
          now,
        });
      }
      result.unchanged++;
      continue;
    }
    const publishedAt = believableDate(item.publishedAt, now);
    const categories = JSON.stringify(item.categories);
    const splitWords = splitWordsOf(item.title, item.text, source);
    if (existing) {
      // Each statement gets one flat object: spreading a shared row into a bigger one cost V8 ~80 µs
      // and 4.5 KB of garbage per item (a third of the ingest thread's allocations).
      statements.updateItem.run({
        id: existing.id,
        url: item.url,
        title: item.title,
        author: item.author,
        publishedAt,
        text: item.text,
        source,
        splitWords,
        contentHash: item.contentHash,
        categories,
        commentCount: item.commentCount,
        points: item.points,
        sentiment: item.sentiment,
        sentimentScore: item.sentimentScore,
        language: item.language,
        now,
      });
      statements.deleteTopics.run(existing.id);
      for (const topicId of topicsOf(item)) statements.insertTopic.run(existing.id, topicId);
      result.updated.push(existing.id);
      continue;
    }
    const storedAt = publishedAt ?? now;
    const clusterId = findCluster(statements, item, storedAt);
    statements.joinCluster.run({ clusterId, feedId: options.feedId, seenAt: storedAt });
    const id = Number(
      statements.insertItem.run({
        feedId: options.feedId,
        key: item.key,
        url: item.url,
        title: item.title,
        author: item.author,
        publishedAt: storedAt,
        dateEstimated: publishedAt === null ? 1 : 0,
        text: item.text,
        source,
        splitWords,
        contentHash: item.contentHash,
        categories,
        commentCount: item.commentCount,
        points: item.points,
        // Backlog (stored at subscription) is never nudged; a new item waits for the nudge check.
        backlog: options.backlog ? 1 : 0,
        nudgePending: options.backlog ? 0 : 1,
        clusterId,
        sentiment: item.sentiment,
        sentimentScore: item.sentimentScore,
        language: item.language,
        now,
      }).lastInsertRowid,
    );
    statements.indexItem.run(id, item.title, item.text, source, splitWords);
    statements.insertSignature.run(id, storedAt, item.minhash);
    for (let band = 0; band < item.bands.length; band++) {
      const hash = item.bands[band] as number;
      if (hash === 0 && band >= titleBand) continue;
      statements.insertBucket.run(band, hash, id, clusterId);
    }
    for (const topicId of topicsOf(item)) statements.insertTopic.run(id, topicId);
    result.inserted.push(id);
    newest = Math.max(newest, storedAt);
  }
  // Once a batch, not a trigger per row: `feeds list` and Home count stale feeds from it.
  if (newest > 0) statements.raiseNewestItem.run(newest, options.feedId, newest);
  return result;
}

const compiledTopics = new Map<string, CompiledQuery | null>();

/** Every topic's query, compiled once per distinct query (one no longer valid matches nothing). */
function topicQueries(sqlite: Sqlite): Array<{ id: number; query: CompiledQuery }> {
  const rows = sqlite.prepare('SELECT id, query FROM topics').safeIntegers(false).all() as Array<{
    id: number;
    query: string;
  }>;
  return rows.flatMap(({ id, query }) => {
    if (!compiledTopics.has(query)) {
      try {
        compiledTopics.set(query, compileQuery(query));
      } catch {
        compiledTopics.set(query, null);
      }
    }
    const compiled = compiledTopics.get(query);
    return compiled ? [{ id, query: compiled }] : [];
  });
}

/** The topics an item matches with its source's words beside its title and text. */
function topicMatcherWithSource(
  sqlite: Sqlite,
  source: string,
): (item: { title: string; text: string }) => number[] {
  const queries = topicQueries(sqlite);
  const sourceTokens = tokenize(source);
  return (item) => {
    const doc = docFromTokens([tokenize(item.title), tokenize(item.text), sourceTokens]);
    return queries.filter(({ query }) => query.matches(doc)).map(({ id }) => id);
  };
}

/**
 * After a feed's kind or title changed: its items take the source they now have (a competitor's
 * feed title, or none), so the full-text index (by trigger) and their topic links follow.
 * Returns how many items changed.
 */
export function refreshFeedSource(sqlite: Sqlite, feedId: number): number {
  const statements = statementsFor(sqlite);
  const source = (statements.sourceOfFeed.get(feedId) as string | undefined) ?? '';
  return sqlite.transaction(() => {
    const changed = sqlite
      .prepare('SELECT id, title, text FROM items WHERE feed_id = ? AND source <> ?')
      .safeIntegers(false)
      .all(feedId, source) as Array<{ id: number; title: string; text: string }>;
    if (changed.length === 0) return 0;
    const update = sqlite.prepare('UPDATE items SET source = ?, split_words = ? WHERE id = ?');
    const topicsOf = topicMatcherWithSource(sqlite, source);
    for (const item of changed) {
      update.run(source, splitWordsOf(item.title, item.text, source), item.id);
      statements.deleteTopics.run(item.id);
      for (const topicId of topicsOf(item)) statements.insertTopic.run(item.id, topicId);
    }
    return changed.length;
  })();
}

/**
 * The publication time as stored: a date more than 5 minutes ahead of the fetch (a mistyped year, a
 * wrong time zone, a scheduled post published early) counts as unknown, so the item is dated when it was fetched;
 * kept as written, it would be out of every "last 7 days" until that date came, and then be old.
 */
function believableDate(publishedAt: Date | null, now: number): number | null {
  if (!publishedAt) return null;
  const time = publishedAt.getTime();
  return aheadOfFetch(time, now) ? null : time;
}

/**
 * An item whose GUID changed but whose address did not (some publishing tools mint new GUIDs on
 * every build, and a site moving to a new tool changes them all) is the item already stored: it
 * takes the new key and is never announced twice.
 */
function sameArticleRekeyed(
  statements: Statements,
  item: AnalyzedItem,
  feedId: number,
): StoredItem | undefined {
  const urlHash = item.bands[urlBand] ?? 0;
  if (urlHash === 0 || item.url === null) return undefined;
  const existing = statements.findItemByUrl.get(urlHash, feedId, item.url) as StoredItem | undefined;
  if (existing) statements.rekeyItem.run(item.key, existing.id);
  return existing;
}

/** An item stored under its key's earlier form (a GUID over 500 characters, cut at 500) takes the new key. */
function legacyKeyRekeyed(
  statements: Statements,
  item: AnalyzedItem,
  feedId: number,
): StoredItem | undefined {
  if (item.legacyKey === undefined) return undefined;
  const existing = statements.findItem.get(feedId, item.legacyKey) as StoredItem | undefined;
  if (existing) statements.rekeyItem.run(item.key, existing.id);
  return existing;
}

/** The cluster of the most similar recent item, or a new cluster when there is none. */
function findCluster(statements: Statements, item: AnalyzedItem, publishedAt: number): number {
  const params: number[] = [];
  for (const [band, hash] of item.bands.entries())
    params.push(band, hash === 0 && band >= titleBand ? -1 : hash);
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
      candidate.band === titleBand || candidate.band === urlBand
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

/** Forgets signatures and LSH buckets of items too old to join a new story; the items and clusters stay. */
export function pruneLshBuckets(sqlite: Sqlite, now: Date): number {
  const cutoff = now.getTime() - 2 * clusterWindowMs;
  return sqlite.transaction(() => {
    const pruned = sqlite
      .prepare(
        'DELETE FROM lsh_buckets WHERE item_id IN (SELECT item_id FROM item_signatures WHERE published_at < ?)',
      )
      .run(cutoff).changes;
    sqlite.prepare('DELETE FROM item_signatures WHERE published_at < ?').run(cutoff);
    return pruned;
  })();
}
