import { recheckOf } from '../briefing/synonyms.ts';
import { competitorKey, competitorOf, sameCompetitor } from '../monitor/feed-kind.ts';
import { cachedStatement, type Sqlite } from './client.ts';

export type SearchHit = {
  id: number;
  title: string;
  url: string | null;
  author: string | null;
  publishedAt: Date;
  feedTitle: string | null;
  feedKind: string;
  /** The competitor a feed of kind competitor stands for: whose own posts its items are. */
  feedCompetitor: string | null;
  sentiment: string;
  clusterId: number | null;
};

/** The feed's columns of a hit: its competitor is named as the feed's (see competitorOf). */
const hitFeedColumns = 'f.title AS feedTitle, f.kind AS feedKind, f.competitor AS feedCompetitor';

function withFeedCompetitor<
  Row extends {
    feedTitle: string | null;
    feedKind: string;
    feedCompetitor: string | null;
    publishedAt: number;
  },
>(row: Row): Omit<Row, 'publishedAt'> & { publishedAt: Date } {
  const competitor = competitorOf({
    kind: row.feedKind,
    title: row.feedTitle,
    competitor: row.feedCompetitor,
  });
  return { ...row, feedCompetitor: competitor ?? null, publishedAt: new Date(row.publishedAt) };
}

/** Whether a hit is the own post of a competitor: an item of a feed that stands for it. */
export function isOwnPost(
  hit: { feedCompetitor: string | null },
  competitor: string | null | undefined,
): boolean {
  return sameCompetitor(hit.feedCompetitor, competitor);
}

/**
 * SQL true for an item `i` that no other feed stored before it at the same address in the same
 * story: a mirror's copy of an article (or a feed watched under two addresses) counts once, as the
 * first feed's. Marked when the item is stored (and kept by triggers when an item changes address
 * or story, or leaves), so counting reads a column: see the migration items_mirror.
 */
export const firstAtItsLink = 'i.mirror = 0';

/** Whether any item, of any date, matches the full-text query. */
export function anyMatch(sqlite: Sqlite, fts: string): boolean {
  const any = (expression: string) =>
    cachedStatement(sqlite, 'SELECT 1 FROM items_fts WHERE items_fts MATCH ? LIMIT 1').get(expression) !==
    undefined;
  const recheck = recheckOf(fts);
  if (!recheck) return any(fts);
  return (
    any(`(${fts}) NOT (${recheck.candidates})`) || rechecked(sqlite, fts, 0, Number.MAX_SAFE_INTEGER).kept
  );
}

/**
 * The items a search finds only through a phrasing that something said undoes ("cut roles", which
 * FTS5 reads in either order, across commas and sentences), read again clause by clause
 * (`recheckOf`): `undone`, those where no clause of the title or text says it, are left out of
 * every count and list; `kept`, whether any other stays. Empty for any other search.
 */
function rechecked(
  sqlite: Sqlite,
  fts: string | null,
  since: number,
  until: number,
  copies: 'first' | 'every' = 'first',
  feeds: ReadonlySet<number> = new Set(),
): { undone: Set<number>; kept: boolean } {
  const recheck = fts === null ? null : recheckOf(fts);
  if (!recheck) return { undone: new Set(), kept: false };
  const out = notIn('i.feed_id', feeds);
  const rows = cachedStatement(
    sqlite,
    `SELECT i.id, i.title, i.text FROM items_fts JOIN items i ON i.id = items_fts.rowid
     WHERE items_fts MATCH ? AND ${out.sql} i.published_at >= ? AND i.published_at < ? AND ${copies === 'first' ? firstAtItsLink : '1'}`,
  ).all(recheck.candidates, ...out.params, since, until) as Array<{
    id: number;
    title: string | null;
    text: string | null;
  }>;
  const undone = rows.filter((row) => !recheck.says(row.title ?? '') && !recheck.says(row.text ?? ''));
  return { undone: new Set(undone.map((row) => row.id)), kept: undone.length < rows.length };
}

/**
 * How many items of any date, every copy, a full-text query matches as a search lists them: those
 * it finds only through a phrasing something said undoes ("roles and cut the noise") left out.
 */
export function countEveryMatch(sqlite: Sqlite, fts: string): number {
  const matches = cachedStatement(sqlite, 'SELECT COUNT(*) FROM items_fts WHERE items_fts MATCH ?')
    .pluck()
    .get(fts) as number;
  return matches - rechecked(sqlite, fts, 0, Number.MAX_SAFE_INTEGER, 'every').undone.size;
}

/**
 * SQL (and its parameter) leaving out the rows whose `column` is one of `ids`: the items `i` that
 * `rechecked` undid (`i.id`), or a competitor's own posts (`i.feed_id`, its feeds: see `ownFeedIds`).
 */
function notIn(column: string, ids: ReadonlySet<number>): { sql: string; params: string[] } {
  return ids.size === 0
    ? { sql: '', params: [] }
    : { sql: `${column} NOT IN (SELECT value FROM json_each(?)) AND`, params: [JSON.stringify([...ids])] };
}

/** The feeds that stand for a competitor (see competitorOf): its own posts are their items. */
export function ownFeedIds(sqlite: Sqlite, competitor: string): Set<number> {
  const feeds = cachedStatement(
    sqlite,
    `SELECT id, kind, title, competitor FROM feeds WHERE kind = 'competitor'`,
  ).all() as Array<{ id: number; kind: string; title: string | null; competitor: string | null }>;
  return new Set(
    feeds.filter((feed) => sameCompetitor(competitorOf(feed), competitor)).map((feed) => feed.id),
  );
}

/** How many items match an FTS5 expression (null: every item) since a time, each article at one link once. */
export function countRecent(sqlite: Sqlite, fts: string | null, since: Date): number {
  // Prepared once: every answer counts, and an empty one counts again for each wider window.
  if (fts === null)
    return cachedStatement(
      sqlite,
      `SELECT COUNT(*) FROM items i WHERE i.published_at >= ? AND ${firstAtItsLink}`,
    )
      .pluck()
      .get(since.getTime()) as number;
  const { undone } = rechecked(sqlite, fts, since.getTime(), Number.MAX_SAFE_INTEGER);
  return countMatches(sqlite, fts, since.getTime()) - undone.size;
}

/**
 * How many items the full-text query matches since a time, as FTS5 reads it (no clause re-read),
 * but for the items of `feeds`.
 */
function countMatches(
  sqlite: Sqlite,
  fts: string,
  since: number,
  feeds: ReadonlySet<number> = new Set(),
): number {
  const out = notIn('i.feed_id', feeds);
  return cachedStatement(
    sqlite,
    `SELECT COUNT(*) FROM items_fts JOIN items i ON i.id = items_fts.rowid
     WHERE items_fts MATCH ? AND ${out.sql} i.published_at >= ? AND ${firstAtItsLink}`,
  )
    .pluck()
    .get(fts, ...out.params, since) as number;
}

/**
 * Items matching an FTS5 expression, newest first, within a time window. The window and the
 * match are both selective; the count is of every match, the list only of the first `limit`.
 * `notOwnPostsOf` a competitor: its own posts (its feeds' items) are neither counted nor listed.
 */
export function searchRecent(
  sqlite: Sqlite,
  fts: string,
  options: { since: Date; until?: Date; limit: number; offset?: number; notOwnPostsOf?: string },
): { total: number; hits: SearchHit[] } {
  const since = options.since.getTime();
  const feeds = options.notOwnPostsOf ? ownFeedIds(sqlite, options.notOwnPostsOf) : new Set<number>();
  const until = options.until?.getTime() ?? Number.MAX_SAFE_INTEGER;
  const { undone } = rechecked(sqlite, fts, since, until, 'first', feeds);
  const out = notIn('i.id', undone);
  const own = notIn('i.feed_id', feeds);
  // A period that ended ("last month", "yesterday"): what matched since its start, less what came
  // after, less what the clause re-read undid within it (read once, for the count and the list).
  const total =
    countMatches(sqlite, fts, since, feeds) -
    (options.until ? countMatches(sqlite, fts, options.until.getTime(), feeds) : 0) -
    undone.size;
  const rows = sqlite
    .prepare(
      `SELECT i.id, i.title, i.url, i.author, i.published_at AS publishedAt, ${hitFeedColumns},
         i.sentiment, i.cluster_id AS clusterId
       FROM items_fts JOIN items i ON i.id = items_fts.rowid JOIN feeds f ON f.id = i.feed_id
       WHERE items_fts MATCH ? AND ${out.sql} ${own.sql} i.published_at >= ? AND i.published_at < ? AND ${firstAtItsLink}
       ORDER BY i.published_at DESC, i.id DESC LIMIT ? OFFSET ?`,
    )
    .safeIntegers(false)
    .all(fts, ...out.params, ...own.params, since, until, options.limit, options.offset ?? 0) as Array<
    Omit<SearchHit, 'publishedAt'> & { publishedAt: number }
  >;
  return { total, hits: rows.map(withFeedCompetitor) };
}

/**
 * Links the recent items matching a new topic's query to it, as if it had existed when they arrived.
 * Returns how many match, counted as topics list counts them (an article at one link once).
 */
export function linkRecentItems(sqlite: Sqlite, topicId: number, fts: string, since: Date): number {
  sqlite
    .prepare(
      `INSERT OR IGNORE INTO item_topics (item_id, topic_id)
       SELECT i.id, ? FROM items_fts JOIN items i ON i.id = items_fts.rowid
       WHERE items_fts MATCH ? AND i.published_at >= ?`,
    )
    .run(topicId, fts, since.getTime());
  return countRecent(sqlite, fts, since);
}

export type EvidenceWindow = {
  since: Date;
  until: Date;
  previousSince: Date;
  /**
   * The end of the window compared with, when it is not `since`: "this week" so far against the same
   * part of last week, [previousSince, previousUntil).
   */
  previousUntil?: Date;
  /** Items dated up to this count too (after `until`: feeds that date items a little ahead); default `until`. */
  latest?: Date;
};

export type EvidenceCounts = {
  current: number;
  previous: number;
  sentiment: { positive: number; neutral: number; negative: number };
  /** The same split over the window before, for how the tone moved. */
  previousSentiment: { positive: number; neutral: number; negative: number };
  byKind: Record<string, number>;
  /** Of those, the items of competitors' feeds by the competitor each stands for (see competitorKey). */
  byCompetitor: Record<string, number>;
  /** Matches per day of the current window, oldest first. */
  daily: number[];
  /**
   * Matches per 24 hours counted back from the window's end, oldest first: the last is the last 24
   * hours even when the days are calendar days ("since Friday", asked at 01:12, ends on a day of 72 minutes).
   */
  toEnd: number[];
  /** The mentions whose tone was not read, by language (ISO 639-1), for the line that says so. */
  unreadLanguages?: Record<string, number>;
};

export type RankedHit = SearchHit & {
  excerpt: string;
  sourceCount: number;
  score: number;
  /** The language it was told to be in at ingest (items.language), for the events it is grouped in; null when unknown. */
  language?: string | null;
};

/** How much a story told by `sources` sources counts in a ranking: 1 for one, ×1.35 for two, ×1.8 for five. */
export function storyReach(sources: number): number {
  return 1 + 0.5 * Math.log(Math.max(1, sources));
}

/** How much a source kind counts when the question is about customers (their own voices first). */
export const customerKindWeights: Record<string, number> = {
  review: 2,
  forum: 1.8,
  community: 1.8,
  blog: 1,
  competitor: 0.8,
  news: 0.7,
};

/** How much a source kind counts when the question is about the press (news coverage first). */
export const pressKindWeights: Record<string, number> = {
  news: 2,
  blog: 1,
  competitor: 0.8,
  review: 0.7,
  forum: 0.7,
  community: 0.7,
};

/**
 * How much a source kind counts in any answer that asks for no kind ("pricing", "what is the market
 * saying"): a competitor's own posts are their marketing, not what the market says, so the
 * stories others tell come first.
 */
export const defaultKindWeights: Record<string, number> = {
  news: 1.2,
  review: 1.1,
  forum: 1.1,
  community: 1.1,
  blog: 1,
  competitor: 0.6,
};

const dayMs = 24 * 3600 * 1000;

/** `feed`: a competitor's byline, the competitor whose feed it signs in. */
/** `tone`: how many of its mentions read positive, neutral and negative ("who is saying it" says so). */
export type Tally = { label: string; kind?: string; count: number; feed?: string; tone?: ToneCounts };

export type ToneCounts = { positive: number; neutral: number; negative: number };

/** A topic's mentions in the window and in the one before (an overview's breakdown). */
/** `name`: the topic as typed ("Économie"), as an overview shows it. */
export type TopicVolume = { name: string; current: number; previous: number };

export type Evidence = {
  counts: EvidenceCounts;
  ranked: RankedHit[];
  sources: Tally[];
  voices: Tally[];
  /** Only when asked for (`topicVolumes`): every topic's volume, busiest first. */
  byTopic: TopicVolume[];
  /** Only when asked for (`othersOnlyOf`): the counts without that competitor's own posts. */
  others?: EvidenceCounts;
};

/** `competitorKey`: the competitor's name as `byCompetitor` counts it, worked out once per feed. */
type FeedFacts = {
  kind: string;
  weight: number;
  title: string;
  competitor: string | undefined;
  competitorKey: string | undefined;
};

/** What gatherEvidence reads, and how: the same for the inline reader and the worker threads. */
export type EvidenceOptions = {
  kindWeights?: Record<string, number>;
  limit: number;
  offset?: number;
  /** How many top sources and voices to list (5 unless said). */
  contributors?: number;
  topicVolumes?: boolean;
  /** Rank the stories that matter most higher: told by more sources, more controversial. */
  storyWeights?: boolean;
  /** The voices of one side only ("complaints about acme": who complains). */
  voicesTone?: string;
  /** The voices of these source kinds only ("what are customers saying": reviewers, not reporters). */
  voiceKinds?: string[];
  /**
   * Count these source kinds only ("what the press is saying": the news): the volume, sentiment,
   * sources and voices are theirs; every kind is still in `byKind` and listed, after them.
   */
  countKinds?: string[];
  /** Only what this author signed ("what did Priya Raman say"), by name in any case. */
  author?: string;
  /**
   * A competitor (by `competitorKey`): `others` counts its mentions but for its own posts, for a
   * side-by-side card whose every figure is what others said.
   */
  othersOnlyOf?: string;
  /**
   * An overview: every item a topic matches is as relevant as any other, so the story, the kind
   * and freshness rank it (BM25 over every topic's words would favour posts naming many of them).
   */
  everyMatchEqual?: boolean;
  /** Only the items in this language ("in German"; "en" takes those of unknown language too). */
  language?: string;
  /**
   * Also rank, as deep as `limit`, the matches of these kinds and this tone alone ("complaints about
   * acme": its negative mentions; "what are customers saying": their posts), wherever the rest
   * would leave them: `ranked` holds them as well, in score order.
   */
  alsoRanked?: { kinds?: string[]; tone?: string };
};

/**
 * Everything an answer needs from the matches of a question, in one pass over the full-text
 * match joined to the items: counts for this window and the one before, per day, sentiment and
 * source kind; the top sources and authors; and the most relevant matches — BM25 (titles count
 * 4×) times the source's kind weight, ranked by relevance (never by date alone, the planner
 * trap on big matches). Details are read only for the page of matches shown.
 */
export function gatherEvidence(
  sqlite: Sqlite,
  fts: string | null,
  window: EvidenceWindow,
  options: EvidenceOptions,
): Evidence {
  const since = window.since.getTime();
  const previousUntil = window.previousUntil?.getTime() ?? since;
  const days = Math.max(1, Math.ceil((window.until.getTime() - since) / dayMs));
  const feeds = new Map<number, FeedFacts>();
  for (const [id, kind, weight, title, url, competitor] of sqlite
    .prepare('SELECT id, kind, weight, title, url, competitor FROM feeds')
    .raw()
    .safeIntegers(false)
    .all() as Array<[number, string, number, string | null, string, string | null]>) {
    const stands = competitorOf({ kind, title, competitor });
    feeds.set(id, {
      kind,
      weight,
      title: title ?? url,
      competitor: stands,
      competitorKey: stands && competitorKey(stands),
    });
  }
  const story = options.storyWeights ? ', COALESCE(c.source_count, 1), COALESCE(i.controversy, 0)' : ', 1, 0';
  const clusters = options.storyWeights ? 'LEFT JOIN clusters c ON c.id = i.cluster_id' : '';
  const range = [window.previousSince.getTime(), (window.latest ?? window.until).getTime()];
  // Without a query (an overview with no topics), every item of the window is equally relevant.
  const match =
    fts === null
      ? { relevance: '-1', from: 'items i', where: '' }
      : {
          relevance: options.everyMatchEqual ? '-1' : 'bm25(items_fts, 4.0, 1.0, 1.0)',
          from: 'items_fts JOIN items i ON i.id = items_fts.rowid',
          where: 'items_fts MATCH ? AND',
        };
  const language = languageFilter(options.language);
  const { undone } = rechecked(sqlite, fts, range[0] as number, range[1] as number);
  const rows = sqlite
    .prepare(
      `SELECT i.id, i.published_at, i.sentiment, i.feed_id, i.author, ${match.relevance}${story}, i.language
       FROM ${match.from} ${clusters}
       WHERE ${match.where} ${options.author ? 'i.author = ? COLLATE NOCASE AND' : ''} ${language.sql} i.published_at >= ? AND i.published_at < ?
         AND ${firstAtItsLink}`,
    )
    .raw()
    .safeIntegers(false)
    .all(
      ...(fts === null ? [] : [fts]),
      ...(options.author ? [options.author] : []),
      ...language.params,
      ...range,
    ) as Array<[number, number, string, number, string | null, number, number, number, string | null]>;
  const counts = emptyCounts(days);
  const others = options.othersOnlyOf === undefined ? null : emptyCounts(days);
  const bySource = new Map<number, number>();
  const sourceTones = new Map<number, ToneCounts>();
  const voices = new VoiceTally<number>();
  const scored: Array<{ id: number; score: number }> = [];
  const alsoRank = options.alsoRanked;
  const alsoScored: Array<{ id: number; score: number }> = [];
  const weights = options.kindWeights ?? {};
  const span = Math.max(1, window.until.getTime() - since);
  for (const [id, publishedAt, sentiment, feedId, author, bm25, sources, controversy, itemLanguage] of rows) {
    if (undone.has(id)) continue;
    const feed = feeds.get(feedId);
    const kind = feed?.kind ?? 'news';
    const counted = !options.countKinds || options.countKinds.includes(kind);
    const also = others && feed?.competitorKey !== options.othersOnlyOf ? [others] : [];
    if (publishedAt < since) {
      if (!counted || publishedAt >= previousUntil) continue;
      for (const tally of [counts, ...also]) countPrevious(tally, sentiment);
      continue;
    }
    counts.byKind[kind] = (counts.byKind[kind] ?? 0) + 1;
    const key = feed?.competitorKey;
    if (key) {
      counts.byCompetitor[key] = (counts.byCompetitor[key] ?? 0) + 1;
    }
    // BM25 is negative in SQLite: more negative is more relevant, so weights multiply it.
    // A story several sources tell, or one that stirs debate, outranks a lone post.
    const story = storyReach(sources) * (1 + controversy);
    // Within the window, the newer story counts a little more (up to ×1.5 for the latest).
    const fresh = options.storyWeights ? 1 + 0.5 * Math.min(1, Math.max(0, (publishedAt - since) / span)) : 1;
    const entry = { id, score: bm25 * (weights[kind] ?? 1) * (feed?.weight ?? 1) * story * fresh };
    scored.push(entry);
    if (
      alsoRank &&
      (!alsoRank.kinds || alsoRank.kinds.includes(kind)) &&
      (!alsoRank.tone || sentiment === alsoRank.tone)
    )
      alsoScored.push(entry);
    if (!counted) continue;
    const day = Math.min(days - 1, Math.floor((publishedAt - since) / dayMs));
    // A future-dated item counts as of now.
    const back = Math.min(days - 1, Math.max(0, Math.floor((window.until.getTime() - publishedAt) / dayMs)));
    for (const tally of [counts, ...also]) countCurrent(tally, sentiment, day, days - 1 - back, itemLanguage);
    bySource.set(feedId, (bySource.get(feedId) ?? 0) + 1);
    addTone(sourceTones, feedId, sentiment);
    if (
      author &&
      (!options.voicesTone || sentiment === options.voicesTone) &&
      (!options.voiceKinds || options.voiceKinds.includes(kind))
    )
      voices.add(author, feedId, sentiment);
  }
  const take = (options.offset ?? 0) + options.limit;
  const best = topByScore(scored, take);
  const listed = new Set(best.map((entry) => entry.id));
  // Those ranked only among their own kind or tone come after, in score order, as they would rank.
  const top = [...best, ...topByScore(alsoScored, take).filter((entry) => !listed.has(entry.id))]
    .sort((a, b) => a.score - b.score || b.id - a.id)
    .slice(options.offset ?? 0);
  const contributors = options.contributors ?? 5;
  return {
    counts,
    ranked: hitDetails(sqlite, top),
    sources: topTallies(bySource, contributors).map(([feedId, count]) => {
      const feed = feeds.get(feedId);
      const tone = sourceTones.get(feedId);
      return {
        label: feed?.title ?? `feed ${feedId}`,
        kind: feed?.kind ?? 'news',
        count,
        ...(tone ? { tone } : {}),
      };
    }),
    voices: voices.top(contributors, (feedId) => feeds.get(feedId)),
    byTopic: options.topicVolumes ? topicVolumes(sqlite, window, options.countKinds, options.language) : [],
    ...(others ? { others } : {}),
  };
}

function emptyCounts(days: number): EvidenceCounts {
  return {
    current: 0,
    previous: 0,
    sentiment: { positive: 0, neutral: 0, negative: 0 },
    previousSentiment: { positive: 0, neutral: 0, negative: 0 },
    byKind: {},
    byCompetitor: {},
    daily: new Array(days).fill(0),
    toEnd: new Array(days).fill(0),
    unreadLanguages: {},
  };
}

/** SQL (and its parameters) keeping the items `i` in a language; "en" takes those of unknown language too. */
function languageFilter(language: string | undefined): { sql: string; params: string[] } {
  if (language === undefined) return { sql: '', params: [] };
  if (language === 'en') return { sql: "(i.language IS NULL OR i.language = 'en') AND", params: [] };
  return { sql: 'i.language = ? AND', params: [language] };
}

/**
 * How many items match in a window, by language (unknown counted as English), most first: what an
 * answer in one language that found none says the others hold ("12 in English, 3 in French").
 */
export function languageCounts(
  sqlite: Sqlite,
  fts: string | null,
  window: { since: Date; until: Date },
): Array<{ language: string; count: number }> {
  const from = fts === null ? 'items i' : 'items_fts JOIN items i ON i.id = items_fts.rowid';
  const out = notIn('i.id', rechecked(sqlite, fts, window.since.getTime(), window.until.getTime()).undone);
  return sqlite
    .prepare(
      `SELECT COALESCE(i.language, 'en') AS language, COUNT(*) AS count FROM ${from}
       WHERE ${fts === null ? '' : 'items_fts MATCH ? AND'} ${out.sql} i.published_at >= ? AND i.published_at < ?
         AND ${firstAtItsLink}
       GROUP BY 1 ORDER BY 2 DESC, 1`,
    )
    .safeIntegers(false)
    .all(
      ...(fts === null ? [] : [fts]),
      ...out.params,
      window.since.getTime(),
      window.until.getTime(),
    ) as Array<{
    language: string;
    count: number;
  }>;
}

function isTone(sentiment: string): sentiment is 'positive' | 'neutral' | 'negative' {
  return sentiment === 'positive' || sentiment === 'neutral' || sentiment === 'negative';
}

function countPrevious(counts: EvidenceCounts, sentiment: string): void {
  counts.previous++;
  if (isTone(sentiment)) counts.previousSentiment[sentiment]++;
}

/** One mention of the window: on day `day` from its start, and `toEnd` 24 hours counted back from its end. */
function countCurrent(
  counts: EvidenceCounts,
  sentiment: string,
  day: number,
  toEnd: number,
  language: string | null = null,
): void {
  counts.current++;
  if (isTone(sentiment)) counts.sentiment[sentiment]++;
  else if (language && counts.unreadLanguages)
    counts.unreadLanguages[language] = (counts.unreadLanguages[language] ?? 0) + 1;
  counts.daily[day] = (counts.daily[day] ?? 0) + 1;
  counts.toEnd[toEnd] = (counts.toEnd[toEnd] ?? 0) + 1;
}

/**
 * Each topic's mentions in a window and the one before it ([previousSince, since) and [since,
 * until)), from the links stored at ingest, busiest first. It reads the items of both windows by
 * date (a covering index), so it costs what the windows hold.
 */
export function topicWindowCounts(
  sqlite: Sqlite,
  window: { previousSince: number; since: number; until: number; previousUntil?: number },
  kinds?: string[],
  language?: string,
): Array<{ topicId: number; name: string; label: string; current: number; previous: number }> {
  // "Just the press": the items of those kinds of feed only. A subquery, not a join of feeds, so
  // the usual overview keeps its plan (the items of the window by date, a covering index).
  const ofKinds = kinds
    ? `AND i.feed_id IN (SELECT id FROM feeds WHERE kind IN (${kinds.map(() => '?').join(', ')}))`
    : '';
  const inLanguage = languageFilter(language);
  return sqlite
    .prepare(
      `SELECT t.id AS topicId, t.name, COALESCE(t.display_name, t.name) AS label, SUM(i.published_at >= ?) AS current, SUM(i.published_at < ?) AS previous
       FROM item_topics it JOIN items i ON i.id = it.item_id JOIN topics t ON t.id = it.topic_id
       WHERE ${inLanguage.sql} i.published_at >= ? AND i.published_at < ? ${ofKinds} AND ${firstAtItsLink}
       GROUP BY t.id ORDER BY current DESC, previous DESC, t.name`,
    )
    .safeIntegers(false)
    .all(
      window.since,
      window.previousUntil ?? window.since,
      ...inLanguage.params,
      window.previousSince,
      window.until,
      ...(kinds ?? []),
    ) as Array<{
    topicId: number;
    label: string;
    name: string;
    current: number;
    previous: number;
  }>;
}

/** An overview's breakdown: every topic's volume (of the kinds counted) in the answer's window and the one before. */
function topicVolumes(
  sqlite: Sqlite,
  window: EvidenceWindow,
  kinds?: string[],
  language?: string,
): TopicVolume[] {
  return topicWindowCounts(
    sqlite,
    {
      previousSince: window.previousSince.getTime(),
      since: window.since.getTime(),
      until: (window.latest ?? window.until).getTime(),
      ...(window.previousUntil ? { previousUntil: window.previousUntil.getTime() } : {}),
    },
    kinds,
    language,
  ).map(({ label, current, previous }) => ({ name: label, current, previous }));
}

/**
 * Bylines that name no one, as publishing tools fill them in: the site's admin account, a desk
 * ("Reuters Staff", "Japan Today Editor"), "Apps Support". They are not voices, and would crowd out
 * the people who are (a person whose surname is Staff or Desk is left out with them).
 */
const placeholderByline =
  /^(?:(?:site\s+|blog\s+|web\s*)?admin(?:istrator)?|root|webmaster|wordpress|(?:apps?\s+)?support|no[-\s]?reply|unknown|anonymous|guest|(?:[\w.&'-]+\s+){0,3}(?:editors?|editorial(?:\s+(?:staff|team|board))?|news\s*desk|desk|staff(?:\s+writers?)?))$/i;

/** The `count` lowest scores, in order, without sorting every match. */
function topByScore(
  scored: Array<{ id: number; score: number }>,
  count: number,
): Array<{ id: number; score: number }> {
  if (scored.length <= count * 4)
    return scored.sort((a, b) => a.score - b.score || b.id - a.id).slice(0, count);
  const sample = scored.map((entry) => entry.score).sort((a, b) => a - b);
  const cutoff = sample[count - 1] as number;
  return scored
    .filter((entry) => entry.score <= cutoff)
    .sort((a, b) => a.score - b.score || b.id - a.id)
    .slice(0, count);
}

/**
 * The top sources and voices of some matches (one side of a question, for "who is saying it"):
 * voices of `voiceKinds` only, when given, and never a byline that names no one.
 */
export function talliesOf(
  hits: SearchHit[],
  voiceKinds?: string[],
  count = 5,
): { sources: Tally[]; voices: Tally[] } {
  const bySource = new Map<string, number>();
  const sourceTones = new Map<string, ToneCounts>();
  const voices = new VoiceTally<SearchHit>();
  for (const hit of hits) {
    const source = hit.feedTitle ?? hit.feedKind;
    bySource.set(source, (bySource.get(source) ?? 0) + 1);
    addTone(sourceTones, source, hit.sentiment);
    if (hit.author && (!voiceKinds || voiceKinds.includes(hit.feedKind)))
      voices.add(hit.author, hit, hit.sentiment);
  }
  return {
    sources: topTallies(bySource, count).map(([label, tally]) => {
      const tone = sourceTones.get(label);
      return { label, count: tally, ...(tone ? { tone } : {}) };
    }),
    voices: voices.top(count, (hit) => ({ kind: hit.feedKind, competitor: hit.feedCompetitor })),
  };
}

/**
 * The bylines of some items, each counted per item it signs, never one that names no one; each
 * remembers the source of its first item, whose staff it is (a competitor's blog signs as its staff).
 */
class VoiceTally<Source> {
  private readonly signed = new Map<string, number>();
  private readonly firstSource = new Map<string, Source>();
  private readonly placeholders = new Set<string>();
  private readonly tones = new Map<string, ToneCounts>();

  add(author: string, source: Source, sentiment: string): void {
    // Each distinct byline is judged once, however many items it signs.
    const signed = this.signed.get(author);
    if (signed !== undefined) this.signed.set(author, signed + 1);
    else if (this.placeholders.has(author)) return;
    else if (placeholderByline.test(author)) {
      this.placeholders.add(author);
      return;
    } else {
      this.signed.set(author, 1);
      this.firstSource.set(author, source);
    }
    addTone(this.tones, author, sentiment);
  }

  /** The `count` busiest voices; a competitor's staff carry the competitor's feed. */
  top(
    count: number,
    feedOf: (source: Source) => { kind: string; competitor?: string | null } | undefined,
  ): Tally[] {
    return topTallies(this.signed, count).map(([label, tally]) => {
      const source = this.firstSource.get(label);
      const feed = source === undefined ? undefined : feedOf(source);
      const tone = this.tones.get(label);
      const counted = { label, count: tally, ...(tone ? { tone } : {}) };
      return feed?.kind === 'competitor'
        ? { ...counted, kind: feed.kind, ...(feed.competitor ? { feed: feed.competitor } : {}) }
        : counted;
    });
  }
}

/** One more mention of `key` in its tone (an item not yet read for tone counts in none). */
function addTone<Key>(tones: Map<Key, ToneCounts>, key: Key, sentiment: string): void {
  if (!isTone(sentiment)) return;
  const counts = tones.get(key) ?? { positive: 0, neutral: 0, negative: 0 };
  counts[sentiment]++;
  tones.set(key, counts);
}

function topTallies<K>(tally: Map<K, number>, count: number): Array<[K, number]> {
  return [...tally].sort((a, b) => b[1] - a[1]).slice(0, count);
}

function hitDetails(sqlite: Sqlite, top: Array<{ id: number; score: number }>): RankedHit[] {
  if (top.length === 0) return [];
  const rows = sqlite
    .prepare(
      `SELECT i.id, i.title, i.url, i.author, i.published_at AS publishedAt, ${hitFeedColumns},
         i.sentiment, i.cluster_id AS clusterId, substr(i.text, 1, 700) AS excerpt,
         COALESCE(c.source_count, 1) AS sourceCount, i.language
       FROM items i JOIN feeds f ON f.id = i.feed_id LEFT JOIN clusters c ON c.id = i.cluster_id
       WHERE i.id IN (${top.map(() => '?').join(', ')})`,
    )
    .safeIntegers(false)
    .all(...top.map((entry) => entry.id)) as Array<
    Omit<RankedHit, 'publishedAt' | 'score'> & { publishedAt: number }
  >;
  const byId = new Map(rows.map((row) => [row.id, row]));
  return top.flatMap((entry) => {
    const row = byId.get(entry.id);
    return row ? [{ ...withFeedCompetitor(row), score: entry.score }] : [];
  });
}
