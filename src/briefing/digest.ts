import { compileQuery, docFromTokens, tokenize } from '../analysis/query.ts';
import { splitSentences } from '../analysis/text-stats.ts';
import { TopicKind } from '../analysis/topics.ts';
import type { Sqlite } from '../db/client.ts';
import { type Event, type EventRead, groupByEvent } from './stories.ts';

/** A schedule as the digest builder needs it. */
export type DigestPlan = {
  id: number;
  channelId: string;
  topicNames: string[];
  maxItems: number;
};

export type DigestItem = {
  id: number;
  title: string;
  url: string | null;
  feedId: number;
  feedTitle: string;
  feedKind: string;
  publishedAt: Date;
  sentiment: string;
  /** ISO 639-1, or null when unknown. */
  language: string | null;
  summary: string;
  topics: string[];
  /** The thread topic's name as typed ("Économie"), shown where `threadTopicOf` groups; absent: that name. */
  topicLabel?: string;
  otherSources: number;
  score: number;
  /**
   * When the newest item telling its story was published, when later than `publishedAt` (a brand-new
   * forum thread on an older news story): what says whether the story is new or arrived late.
   */
  toldAt?: Date;
};

/** The topic a digest item is shown under in the thread: its first, else "Other". */
export function threadTopicOf(item: Pick<DigestItem, 'topics'>): string {
  return item.topics[0] ?? 'Other';
}

/**
 * A digest's items, ranked best first, in the order its thread shows them: by topic, the topics in the
 * order of their best item, each topic's by rank. Numbered in this order everywhere, so numbers run down the thread.
 */
export function inThreadOrder<T extends Pick<DigestItem, 'topics'>>(ranked: T[]): T[] {
  const groups = new Map<string, T[]>();
  for (const item of ranked)
    groups.set(threadTopicOf(item), [...(groups.get(threadTopicOf(item)) ?? []), item]);
  return [...groups.values()].flat();
}

/** How many of a digest's stories its heading lists (and its gist reads), with their numbers in the thread. */
const headlined = 3;

/** A digest's best-scored stories, in its (the thread's) order: each item and its number there. */
export function bestStories<T extends Pick<DigestItem, 'score'>>(
  items: T[],
): Array<{ item: T; number: number }> {
  return items
    .map((item, index) => ({ item, number: index + 1 }))
    .sort((a, b) => b.item.score - a.item.score)
    .slice(0, headlined)
    .sort((a, b) => a.number - b.number);
}

/** `published`: each story's (each candidate counted) publication time, to say how many are recent news. */
export type Digest = {
  items: DigestItem[];
  candidates: number;
  previousCandidates: number;
  published: number[];
};

/** How many of a digest's stories were published in its window, not only found in it. */
export function publishedSince(digest: Digest, since: Date): number {
  return digest.published.filter((at) => at >= since.getTime()).length;
}

type Candidate = {
  id: number;
  feedId: number;
  clusterId: number | null;
  publishedAt: number;
  createdAt: number;
  commentCount: number | null;
  controversy: number | null;
  sourceCount: number;
  weight: number;
  kind: string;
  topicIds: number[];
  /** The newest publication time of the items telling its story in the window (absent: `publishedAt`). */
  toldAt?: number;
};

/** When a story was last told: its newest telling's publication time. */
function toldAt(candidate: Candidate): number {
  return Math.max(candidate.publishedAt, candidate.toldAt ?? 0);
}

const hourMs = 3600_000;

/**
 * The ranking score of a digest item, one documented formula:
 *   topic match  1 + 0.5 per extra topic of the schedule it matches
 * × source       the feed's weight, and its kind (reviews 1.2, forums and communities 1.1, news 1)
 * × recency      halves every 48 hours since publication
 * × engagement   1 + log10(1 + comments) / 2
 * × reach        1 + 0.3 per other source carrying the same story
 * × controversy  1 + the controversy score, when known
 * × feedback     0.8 for each "not relevant" this channel gave the source (never below 0.3)
 */
export function scoreItem(
  candidate: Candidate,
  matchedTopics: number,
  notRelevantMarks: number,
  now: number,
): number {
  const kindWeight =
    candidate.kind === 'review'
      ? 1.2
      : candidate.kind === 'forum' || candidate.kind === 'community'
        ? 1.1
        : 1;
  const topicMatch = 1 + 0.5 * Math.max(0, matchedTopics - 1);
  const recency = 0.5 ** (Math.max(0, now - candidate.publishedAt) / (48 * hourMs));
  const engagement = 1 + Math.log10(1 + (candidate.commentCount ?? 0)) / 2;
  const reach = digestReach(candidate.sourceCount);
  const controversy = 1 + (candidate.controversy ?? 0);
  const feedback = Math.max(0.3, 0.8 ** notRelevantMarks);
  return topicMatch * candidate.weight * kindWeight * recency * engagement * reach * controversy * feedback;
}

/** A digest item's reach: 1 + 0.3 per other source carrying the same story. */
function digestReach(sources: number): number {
  return 1 + 0.3 * Math.max(0, sources - 1);
}

/** How far back a story may have been published and still be news to a digest: the week other views count. */
const newsAgeMs = 7 * 24 * hourMs;

/**
 * The items that arrived in a window, with their topics; read once and shared by every schedule on it.
 * A paused feed's items are left out: pausing a noisy feed is how it is kept out of the next digest.
 * So are items published before the week (or, for a longer window, before the window): a feed's
 * back-catalogue found late is no news, and a daily digest never counts more than the week's views do.
 */
export function loadCandidates(sqlite: Sqlite, since: Date, until: Date): Candidate[] {
  const published = Math.min(since.getTime(), until.getTime() - newsAgeMs);
  const rows = sqlite
    .prepare(
      `SELECT i.id, i.feed_id, i.cluster_id, i.published_at, i.created_at, i.comment_count, i.controversy,
         COALESCE(c.source_count, 1), f.weight, f.kind, group_concat(it.topic_id)
       FROM items i JOIN feeds f ON f.id = i.feed_id
         LEFT JOIN clusters c ON c.id = i.cluster_id
         LEFT JOIN item_topics it ON it.item_id = i.id
       WHERE i.created_at >= ? AND i.created_at < ? AND i.published_at >= ? AND i.backlog = 0
         AND f.status != 'paused'
       GROUP BY i.id`,
    )
    .raw()
    .safeIntegers(false)
    .all(since.getTime(), until.getTime(), published) as Array<
    [
      number,
      number,
      number | null,
      number,
      number,
      number | null,
      number | null,
      number,
      number,
      string,
      string | null,
    ]
  >;
  return rows.map(
    ([
      id,
      feedId,
      clusterId,
      publishedAt,
      createdAt,
      commentCount,
      controversy,
      sourceCount,
      weight,
      kind,
      topics,
    ]) => ({
      id,
      feedId,
      clusterId,
      publishedAt,
      createdAt,
      commentCount,
      controversy,
      sourceCount,
      weight,
      kind,
      topicIds: topics ? topics.split(',').map(Number) : [],
    }),
  );
}

export type ChannelState = { posted: Set<number>; muted: Set<number>; notRelevant: Map<number, number> };

/** What a channel has already seen and said: posted items, muted sources, "not relevant" marks per source. */
export function loadChannelState(sqlite: Sqlite, channelId: string, candidateIds: number[]): ChannelState {
  // One indexed read of what the channel received since the oldest candidate, not a lookup per candidate.
  const oldest = candidateIds.length ? Math.min(...candidateIds) : 0;
  const posted = new Set(
    sqlite
      .prepare('SELECT item_id FROM channel_posts WHERE channel_id = ? AND item_id >= ?')
      .pluck()
      .safeIntegers(false)
      .all(channelId, oldest) as number[],
  );
  const muted = new Set<number>();
  const notRelevant = new Map<number, number>();
  for (const [kind, feedId, count] of sqlite
    .prepare(
      'SELECT kind, feed_id, COUNT(*) FROM channel_feedback WHERE channel_id = ? GROUP BY kind, feed_id',
    )
    .raw()
    .safeIntegers(false)
    .all(channelId) as Array<[string, number, number]>) {
    if (kind === 'mute_source') muted.add(feedId);
    else notRelevant.set(feedId, count);
  }
  return { posted, muted, notRelevant };
}

/**
 * A schedule's digest from the candidates of its window (since `since`): its topics (all when it
 * names none), never an item already posted to the channel or from a muted source, one item per
 * story, ranked by `scoreItem`, at most `maxItems`. The stories published in the window come first;
 * older ones the feeds delivered only now fill the places left.
 */
export function selectDigest(
  sqlite: Sqlite,
  plan: DigestPlan,
  candidates: Candidate[],
  topicsByName: Map<string, number>,
  since: Date,
  now: Date,
  byTopic?: Map<number, Candidate[]>,
): Digest {
  const wanted = plan.topicNames.length
    ? new Set(
        plan.topicNames.flatMap((name) => (topicsByName.has(name) ? [topicsByName.get(name) as number] : [])),
      )
    : new Set(topicsByName.values());
  const anyTopic = topicsByName.size === 0;
  // With candidates indexed by topic (many schedules over one window), only this plan's topics are read.
  const matching =
    byTopic && !anyTopic
      ? [...new Set([...wanted].flatMap((id) => byTopic.get(id) ?? []))]
      : candidates.filter((candidate) => anyTopic || candidate.topicIds.some((id) => wanted.has(id)));
  const state = loadChannelState(
    sqlite,
    plan.channelId,
    matching.map((candidate) => candidate.id),
  );
  const best = new Map<string, { candidate: Candidate; score: number }>();
  const told = new Map<string, number>();
  for (const candidate of matching) {
    if (state.posted.has(candidate.id) || state.muted.has(candidate.feedId)) continue;
    const matched = anyTopic ? 1 : candidate.topicIds.filter((id) => wanted.has(id)).length;
    const score = scoreItem(candidate, matched, state.notRelevant.get(candidate.feedId) ?? 0, now.getTime());
    const story = candidate.clusterId === null ? `item:${candidate.id}` : `cluster:${candidate.clusterId}`;
    told.set(story, Math.max(told.get(story) ?? 0, candidate.publishedAt));
    const current = best.get(story);
    // A tie goes to the first item stored, in whatever order the candidates come (read alone or shared).
    if (!current || score > current.score || (score === current.score && candidate.id < current.candidate.id))
      best.set(story, { candidate, score });
  }
  // Events first (ranked by their coverage): one story each, whatever words its sources use.
  const stories = oneEventOnce(
    sqlite,
    [...best]
      .map(([story, entry]) => {
        // Copied only when a later telling makes it newer (rare): the rest are shared as they are.
        const at = told.get(story) ?? 0;
        return at > entry.candidate.publishedAt
          ? { ...entry, candidate: { ...entry.candidate, toldAt: at } }
          : entry;
      })
      .sort((a, b) => b.score - a.score || b.candidate.id - a.candidate.id),
    plan.maxItems,
    since.getTime(),
  );
  // What is new leads; an older story the feeds delivered only now (a late fetch, a feed that
  // back-dates) takes only a place the new ones leave, however well it scores. A story is as new as
  // its newest telling: an older news story with a brand-new forum thread on it is new.
  const isNew = (entry: { candidate: Candidate }) => toldAt(entry.candidate) >= since.getTime();
  const company = companyTopics(sqlite, wanted);
  const chosen = [stories.filter(isNew), stories.filter((entry) => !isNew(entry))]
    .flatMap((group) => {
      // Within each, the news story leads, and each topic's lead has a place.
      const ranked = leadWithNews(group);
      const leads = topicLeads(ranked, wanted, company, plan.maxItems);
      return [...leads, ...ranked.filter((entry) => !leads.includes(entry))];
    })
    .slice(0, plan.maxItems);
  const names = new Map([...topicsByName].map(([name, id]) => [id, name]));
  return {
    items: itemDetails(
      sqlite,
      // Ranked as chosen, the topics' leads first: the heading lists the first three.
      chosen.map(({ candidate }, index) => ({
        id: candidate.id,
        score: chosen.length - index,
        toldAt: toldAt(candidate),
        otherSources: Math.max(0, candidate.sourceCount - 1),
        topics: candidate.topicIds
          .filter((id) => anyTopic || wanted.has(id))
          .map((id) => names.get(id) ?? ''),
        alsoAbout: candidate.topicIds
          .filter((id) => !anyTopic && !wanted.has(id))
          .map((id) => names.get(id) ?? ''),
      })),
      plan.topicNames,
    ),
    // Counted as shown: a forum thread told as "+2 other sources" of a story is not a story left out.
    candidates: stories.length,
    previousCandidates: 0,
    published: stories.map(({ candidate }) => toldAt(candidate)),
  };
}

/**
 * A digest of several topics carries each topic's main story, not only the best-scored voices: its
 * lead (the best news item when it scores at least half the topic's best, as for the digest's lead;
 * else its best item), one per topic, the topics most talked about first when there are more topics
 * than room, the leads then by score. The company's own topic takes no seat beside others: its
 * stories are theirs. A topic's lead already another's is passed for its next.
 */
function topicLeads<T extends { candidate: Candidate; score: number }>(
  ranked: T[],
  wanted: Set<number>,
  company: Set<number>,
  room: number,
): T[] {
  if (wanted.size < 2) return [];
  const seated = [...wanted].filter((id) => !company.has(id));
  const stories = (topic: number) => ranked.filter((entry) => entry.candidate.topicIds.includes(topic));
  const byCoverage = (seated.length ? seated : [...wanted])
    .map((topic) => ({ topic, stories: stories(topic) }))
    .filter(({ stories }) => stories.length > 0)
    .sort((a, b) => b.stories.length - a.stories.length || a.topic - b.topic)
    .slice(0, room);
  const leads: T[] = [];
  for (const { stories } of byCoverage) {
    const free = stories.filter((entry) => !leads.includes(entry));
    const top = free[0];
    if (!top) continue;
    const news = free.find((entry) => entry.candidate.kind === 'news' && entry.score >= top.score / 2);
    leads.push(news ?? top);
  }
  return leads.sort((a, b) => b.score - a.score || b.candidate.id - a.candidate.id);
}

/** The company's own topics, read only for a digest of several topics (the one place they matter). */
function companyTopics(sqlite: Sqlite, wanted: Set<number>): Set<number> {
  if (wanted.size < 2) return new Set();
  return new Set(
    sqlite
      .prepare('SELECT id FROM topics WHERE kind = ?')
      .pluck()
      .safeIntegers(false)
      .all(TopicKind.Company) as number[],
  );
}

/** How many of the best-ranked stories, per item a digest holds, are read for the events they tell. */
const eventsReadPerItem = 4;

/** How far apart an event's first and last tellings may be (see groupEvents). */
const eventSpanMs = 72 * hourMs;

type EventEntry = { candidate: Candidate; score: number };

/** The titles and leads of these entries' items, as groupByEvent reads them, ranked best first. */
function eventTexts(sqlite: Sqlite, entries: EventEntry[]): (entry: EventEntry) => EventRead {
  const texts = new Map(
    (
      sqlite
        .prepare(
          `SELECT i.id, i.title, substr(i.text, 1, 400) AS text, f.title AS source, i.language
           FROM items i JOIN feeds f ON f.id = i.feed_id
           WHERE i.id IN (${entries.map(() => '?').join(', ')})`,
        )
        .safeIntegers(false)
        .all(...entries.map((entry) => entry.candidate.id)) as Array<{
        id: number;
        title: string;
        text: string;
        source: string | null;
        language: string | null;
      }>
    ).map((row) => [row.id, row]),
  );
  return ({ candidate }) => ({
    title: texts.get(candidate.id)?.title ?? '',
    text: texts.get(candidate.id)?.text ?? '',
    source: texts.get(candidate.id)?.source ?? null,
    language: texts.get(candidate.id)?.language ?? null,
    publishedAt: candidate.publishedAt,
    clusterId: candidate.clusterId,
    feed: candidate.feedId,
    kind: candidate.kind,
    sourceCount: candidate.sourceCount,
  });
}

/** Short words that tell no event apart ("with", "from"): never counted as shared. */
const commonWords = new Set(
  'the and for with from that this are was were our its has have had will you your but not all new more after over into about they their them what when how why who than been can out per now just also one two his her she him off week day today says said amid'.split(
    ' ',
  ),
);

/** A text's words as a rough match reads them: lower case, their first five letters, common short words left out. */
function roughWords(text: string): Set<string> {
  return new Set(
    (text.toLowerCase().match(/[\p{L}\p{N}]{2,}/gu) ?? [])
      .filter((word) => !commonWords.has(word))
      .map((word) => word.slice(0, 5)),
  );
}

/** Each story's title and lead words, as a later telling of it is looked for: read once however many schedules look. */
const eventWords = new WeakMap<Candidate, Set<string>>();

function eventWordsOf<T extends EventEntry>(entry: T, read: (entry: T) => EventRead): Set<string> {
  const known = eventWords.get(entry.candidate);
  if (known) return known;
  const text = read(entry);
  const words = roughWords(`${text.title} ${text.text}`);
  eventWords.set(entry.candidate, words);
  return words;
}

/** Each candidate's title words, read once however many schedules look (candidates are shared). */
const titleWords = new WeakMap<Candidate, Set<string>>();

/** How many titles one query reads. */
const titlesRead = 500;

/**
 * The title words of `candidates`, their titles read (only those no schedule read yet) when a later
 * telling is looked for: a digest with no older story to make new reads none.
 */
function titleWordsOf(
  sqlite: Sqlite,
  candidates: readonly Candidate[],
): (candidate: Candidate) => Set<string> {
  const unread = candidates.filter((candidate) => !titleWords.has(candidate));
  for (let at = 0; at < unread.length; at += titlesRead) {
    const batch = unread.slice(at, at + titlesRead);
    const titles = new Map(
      sqlite
        .prepare(`SELECT id, title FROM items WHERE id IN (${batch.map(() => '?').join(', ')})`)
        .raw()
        .safeIntegers(false)
        .all(...batch.map((candidate) => candidate.id)) as Array<[number, string | null]>,
    );
    for (const candidate of batch) titleWords.set(candidate, roughWords(titles.get(candidate.id) ?? ''));
  }
  const none = new Set<string>();
  return (candidate) => titleWords.get(candidate) ?? none;
}

/**
 * One event told in different words is one story in a digest (the news story, forum threads and
 * reviews of one outage): of the best-ranked stories, each event keeps its best-ranked item,
 * counting every source of the event. Only those are read (their titles and leads), so a digest
 * of thousands of candidates costs what it holds. An event all of whose read tellings are older
 * than the window (`since`) is also looked for among the window's newer stories ranked below
 * those (see laterTellings): a new forum thread on it makes it new however the thread ranks.
 */
function oneEventOnce<T extends EventEntry>(sqlite: Sqlite, ranked: T[], room: number, since: number): T[] {
  const read = ranked.slice(0, room * eventsReadPerItem);
  if (read.length < 2) return ranked;
  // An event more sources tell ranks above a lone post of a like score.
  const texts = eventTexts(sqlite, read);
  const events = groupByEvent(read, texts, {
    score: (entry) => entry.score,
    reach: digestReach,
  });
  const later = laterTellings(sqlite, events, texts, ranked.slice(read.length), since, read.length);
  // In the event's place, its news story tells it, as for the digest's lead (see leadWithNews).
  // It is scored as the event: its best item's score counted with every source telling it.
  const leads = events.map((event) => {
    const { items, score } = event;
    const best = items[0] as T;
    const lead =
      items.find((entry) => entry.candidate.kind === 'news' && entry.score >= best.score / 2) ?? best;
    const found = later.byEvent.get(event);
    const told = Math.max(...items.map((entry) => toldAt(entry.candidate)), found?.toldAt ?? 0);
    const sources = Math.max(event.sources, found?.sources ?? 0);
    return {
      ...lead,
      score: score ?? best.score,
      candidate: { ...lead.candidate, sourceCount: sources, toldAt: told },
    };
  });
  return [...leads, ...ranked.slice(read.length).filter((entry) => !later.told.has(entry))];
}

/**
 * The later tellings, among the window's stories not read for events (`unread`), of the events
 * read whose every telling is older than the window: each such event's newest telling and its
 * sources counted with them, and the stories that told them (one story with it, not shown apart).
 * Read only when there is such an event, and only the stories new in the window within an
 * event's span of it whose titles share two words with one (at most `room` in all, each event's
 * closest), so a digest of news published in its window reads no more than before.
 */
function laterTellings<T extends EventEntry>(
  sqlite: Sqlite,
  events: Array<Event<T>>,
  read: (entry: T) => EventRead,
  unread: T[],
  since: number,
  room: number,
): { byEvent: Map<Event<T>, { toldAt: number; sources: number }>; told: Set<T> } {
  const byEvent = new Map<Event<T>, { toldAt: number; sources: number }>();
  const told = new Set<T>();
  const old = events.filter((event) => event.items.every((entry) => toldAt(entry.candidate) < since));
  if (old.length === 0 || unread.length === 0) return { byEvent, told };
  const first = Math.min(...old.flatMap((event) => event.items.map((entry) => entry.candidate.publishedAt)));
  const near = unread.filter(
    (entry) => toldAt(entry.candidate) >= since && entry.candidate.publishedAt <= first + eventSpanMs,
  );
  if (near.length === 0) return { byEvent, told };
  // Only a story sharing two words with one of the events can tell it (see groupEvents): one whose
  // title shares none two with an event's title and lead is passed over by its title alone (read
  // once, however many schedules look), so a window of thousands costs a scan, not a grouping. Of those that do,
  // each event's closest (the most words shared, then the best ranked) are grouped, as many as the
  // stories read for events in all: common words shared by hundreds of titles cost no grouping of hundreds.
  const oldItems = old.flatMap((event) => event.items);
  const perEvent = Math.max(1, Math.floor(room / old.length));
  const wordsOf = titleWordsOf(
    sqlite,
    near.map((entry) => entry.candidate),
  );
  // Which events use each word: a window story's words are looked up, not compared with every event's.
  // A plain map of words costs about what numbering every word and chaining the events by number in
  // one reused array did (bench/digest-compare.ts, the bench's late build, 8 interleaved runs each at
  // load 16: median CPU 7.16 s against 6.96 s, +3%), for none of that table's upkeep; counting shared
  // words in a map per story instead of the array below cost +9% (7.57 s).
  const eventsUsing = new Map<string, number[]>();
  old.forEach((event, index) => {
    for (const word of new Set(event.items.flatMap((entry) => [...eventWordsOf(entry, read)]))) {
      const events = eventsUsing.get(word);
      if (events) events.push(index);
      else eventsUsing.set(word, [index]);
    }
  });
  const sharing = old.map(() => [] as Array<{ entry: T; shared: number }>);
  // Counted per story for the events its words name only, and reset after: no pass over every event.
  const shared = new Int32Array(old.length);
  const named: number[] = [];
  for (const entry of near) {
    for (const word of wordsOf(entry.candidate))
      for (const index of eventsUsing.get(word) ?? []) {
        const count = (shared[index] as number) + 1;
        shared[index] = count;
        if (count === 1) named.push(index);
      }
    for (const index of named) {
      const count = shared[index] as number;
      if (count >= 2) sharing[index]?.push({ entry, shared: count });
      shared[index] = 0;
    }
    named.length = 0;
  }
  const fresh = new Set<T>();
  for (const closest of sharing) {
    closest.sort((a, b) => b.shared - a.shared || b.entry.score - a.entry.score);
    for (const { entry } of closest.slice(0, perEvent)) fresh.add(entry);
  }
  if (fresh.size === 0) return { byEvent, told };
  const tellings = [...oldItems, ...fresh];
  // The old items' texts are those read for events: only the later tellings' are read now.
  const readFresh = eventTexts(sqlite, [...fresh]);
  const texts = (entry: T) => (fresh.has(entry) ? readFresh(entry) : read(entry));
  const eventOf = new Map(old.flatMap((event) => event.items.map((entry) => [entry, event] as const)));
  for (const group of groupByEvent(tellings, texts)) {
    const newer = group.items.filter((entry) => !eventOf.has(entry));
    const olds = new Set(group.items.flatMap((entry) => eventOf.get(entry) ?? []));
    if (newer.length === 0 || olds.size === 0) continue;
    for (const event of olds) {
      const feeds = new Set([...event.items, ...newer].map((entry) => entry.candidate.feedId));
      byEvent.set(event, {
        toldAt: Math.max(...newer.map((entry) => toldAt(entry.candidate))),
        sources: Math.max(feeds.size, ...newer.map((entry) => entry.candidate.sourceCount)),
      });
    }
    for (const entry of newer) told.add(entry);
  }
  return { byEvent, told };
}

/**
 * The lead is the story, not one voice on it: the best news item goes first when it scores at least
 * half the best item (reviews' weight otherwise puts a lone review ahead of the news it is about).
 */
function leadWithNews<T extends { candidate: Candidate; score: number }>(ranked: T[]): T[] {
  const [top] = ranked;
  const index = ranked.findIndex((entry) => entry.candidate.kind === 'news');
  if (!top || index <= 0 || (ranked[index] as T).score < top.score / 2) return ranked;
  return [ranked[index] as T, ...ranked.slice(0, index), ...ranked.slice(index + 1)];
}

/** One chosen item: its digest's topics it matches, and (`alsoAbout`) the other topics it matches. */
export type ChosenItem = {
  id: number;
  score: number;
  otherSources: number;
  topics: string[];
  alsoAbout?: string[];
  /** When its story was last told (ms), when later than the item's own publication. */
  toldAt?: number;
};

/**
 * Titles, links and one-line summaries for the chosen items only, each item's topics in the order
 * of `topicOrder` (a preview and the posted digest both come through here, so they group alike).
 */
export function itemDetails(sqlite: Sqlite, chosen: ChosenItem[], topicOrder: string[] = []): DigestItem[] {
  if (chosen.length === 0) return [];
  const rows = sqlite
    .prepare(
      `SELECT i.id, i.title, i.url, i.feed_id AS feedId, COALESCE(f.title, f.url) AS feedTitle, f.kind AS feedKind,
         i.source, i.published_at AS publishedAt, i.sentiment, i.language, substr(i.text, 1, 400) AS text
       FROM items i JOIN feeds f ON f.id = i.feed_id WHERE i.id IN (${chosen.map(() => '?').join(', ')})`,
    )
    .safeIntegers(false)
    .all(...chosen.map((entry) => entry.id)) as Array<{
    id: number;
    title: string;
    url: string | null;
    feedId: number;
    feedTitle: string;
    feedKind: string;
    source: string;
    publishedAt: number;
    sentiment: string;
    language: string | null;
    text: string;
  }>;
  const byId = new Map(rows.map((row) => [row.id, row]));
  // A company is broader than what is said about it: competitors after themes, the company last.
  const known = sqlite
    .prepare('SELECT name, kind, COALESCE(display_name, name) FROM topics')
    .raw()
    .all() as Array<[string, string, string]>;
  const breadth = new Map(
    known.map(([name, kind]) => [
      name,
      kind === TopicKind.Company ? 2 : kind === TopicKind.Competitor ? 1 : 0,
    ]),
  );
  const labels = new Map(known.map(([name, , label]) => [name, label]));
  const speaksOf = topicMatchers(
    sqlite,
    new Set(chosen.flatMap((entry) => [...entry.topics, ...(entry.alsoAbout ?? [])])),
  );
  return chosen.flatMap((entry) => {
    const row = byId.get(entry.id);
    if (!row) return [];
    const topics = digestTopicOrder(
      row.title,
      entry.topics.filter(Boolean),
      topicOrder,
      breadth,
      // A competitor's own feed (its title kept as the item's source) is whose the item is.
      row.source
        ? entry.topics.find((name) => (breadth.get(name) ?? 0) > 0 && speaksOf.get(name)?.(row.source))
        : undefined,
      entry.topics.some((name) => !breadth.get(name) && speaksOf.get(name)?.(row.title)),
    );
    const topicLabel = labels.get(threadTopicOf({ topics }));
    return [
      {
        id: row.id,
        title: row.title,
        url: row.url,
        feedId: row.feedId,
        feedTitle: row.feedTitle,
        feedKind: row.feedKind,
        publishedAt: new Date(row.publishedAt),
        sentiment: row.sentiment,
        language: row.language,
        // The digest's topics first; else the item's others ("the price went up" in a company digest).
        summary: oneLine(
          row.text,
          row.title,
          [entry.topics, entry.alsoAbout ?? []].map(
            (names) => (sentence: string) => names.some((name) => speaksOf.get(name)?.(sentence)),
          ),
        ),
        topics,
        ...(topicLabel ? { topicLabel } : {}),
        otherSources: entry.otherSources,
        score: entry.score,
        ...(entry.toldAt !== undefined && entry.toldAt > row.publishedAt
          ? { toldAt: new Date(entry.toldAt) }
          : {}),
      },
    ];
  });
}

// "Rating: 3 out of 5 stars.", "Rated 4/5": what a review says comes after its score line.
const scoreLine =
  /^(?:(?:overall\s+)?rat(?:ing|ed)|score|stars?)\b.{0,40}\d|\b\d(?:\.\d)?\s*(?:out of|\/)\s*(?:5|10)\b/i;

/** Whether a sentence speaks of a topic, by the topic's query, for the topics named. */
function topicMatchers(sqlite: Sqlite, names: Set<string>): Map<string, (sentence: string) => boolean> {
  if (names.size === 0) return new Map();
  const rows = sqlite.prepare('SELECT name, query FROM topics').all() as Array<{
    name: string;
    query: string;
  }>;
  return new Map(
    rows
      .filter((row) => names.has(row.name))
      .map((row) => {
        const query = compileQuery(row.query);
        return [row.name, (sentence: string) => query.matches(docFromTokens([tokenize(sentence)]))];
      }),
  );
}

/**
 * The line under an item in a digest: its first sentence that says something (six words or more,
 * not a score line, not the title again), or the first such sentence that speaks of the item's
 * topics when one does ("the price went up 15%" in a pricing digest, not "the macros are fast"),
 * trying each list of topics in turn, shortened to 160 characters; empty when there is none.
 */
function oneLine(text: string, title: string, onTopic: Array<(sentence: string) => boolean>): string {
  const head = title.toLowerCase().slice(0, 40);
  const all = splitSentences(text.slice(0, 1200));
  const sentences = all.slice(0, 4);
  const tells = (sentence: string) =>
    sentence.split(/\s+/).length >= 6 &&
    !scoreLine.test(sentence) &&
    !sentence.toLowerCase().startsWith(head);
  const telling = all.slice(0, 8).filter(tells);
  const onAny = onTopic.map((speaks) => telling.find(speaks)).find(Boolean);
  const first = onAny ?? telling[0] ?? sentences[0] ?? '';
  if (!first || first.toLowerCase().startsWith(head)) return '';
  return first.length > 160 ? `${first.slice(0, 159).replace(/\s+\S*$/, '')}…` : first;
}

/**
 * The topic an item is filed under comes first. A competitor or the company leads for an item from
 * its own feed (`ownedBy`: Globex's blog under globex), or when the title names it before any other
 * of the item's topics ("Globex offers 40% off" under globex, not pricing); the company only when no
 * theme's query matches the title too (`themeInTitle`: "Acme raises prices" stays under pricing).
 * Else the most specific one (`breadth`: a theme or product, then a competitor, then the company
 * itself), then the one its title names earliest, else the digest's own order (`order`; by name for an all-topics digest). A
 * topic's name is read as a word, its plural's "s" optional.
 */
export function digestTopicOrder(
  title: string,
  topics: string[],
  order: string[],
  breadth: ReadonlyMap<string, number> = new Map(),
  ownedBy?: string,
  themeInTitle = false,
): string[] {
  const lower = title.toLowerCase();
  const named = (topic: string) => {
    const stem = topic
      .toLowerCase()
      .replace(/s$/, '')
      .replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const at = new RegExp(`(?:^|[^a-z0-9])${stem}`).exec(lower);
    return at ? at.index : Number.POSITIVE_INFINITY;
  };
  const rank = (topic: string) => {
    const index = order.indexOf(topic);
    return index === -1 ? order.length : index;
  };
  const general = (topic: string) => breadth.get(topic) ?? 0;
  const earliest = [...topics].sort((a, b) => named(a) - named(b) || general(a) - general(b))[0];
  const lead =
    ownedBy && topics.includes(ownedBy)
      ? ownedBy
      : earliest &&
          Number.isFinite(named(earliest)) &&
          // The company is in most headlines: it leads only when no theme speaks in the title too.
          (general(earliest) === 1 || (general(earliest) === 2 && !themeInTitle))
        ? earliest
        : undefined;
  const leads = (topic: string) => (topic === lead ? 0 : 1);
  return [...topics].sort(
    (a, b) =>
      leads(a) - leads(b) ||
      general(a) - general(b) ||
      named(a) - named(b) ||
      rank(a) - rank(b) ||
      a.localeCompare(b),
  );
}

/**
 * The items of a digest's topics found in a window that were already in their feed when it was added
 * (kept, not announced): what a first digest on a new setup leaves out, said so it is not a mystery.
 */
export function countBacklog(sqlite: Sqlite, since: Date, until: Date, topicNames: string[]): number {
  const ids = topicNames.map((name) => topicIdsByName(sqlite).get(name)).filter((id) => id !== undefined);
  if (topicNames.length > 0 && ids.length === 0) return 0;
  const onTopics = topicNames.length ? `AND it.topic_id IN (${ids.map(() => '?').join(', ')})` : '';
  return sqlite
    .prepare(
      `SELECT COUNT(DISTINCT i.id) FROM items i JOIN item_topics it ON it.item_id = i.id
       WHERE i.created_at >= ? AND i.created_at < ? AND i.backlog = 1 ${onTopics}`,
    )
    .pluck()
    .safeIntegers(false)
    .get(since.getTime(), until.getTime(), ...ids) as number;
}

export function topicIdsByName(sqlite: Sqlite): Map<string, number> {
  return new Map(
    (
      sqlite.prepare('SELECT name, id FROM topics').raw().safeIntegers(false).all() as Array<[string, number]>
    ).map(([name, id]) => [name, id]),
  );
}

/** The candidates of one window, and the same indexed by topic (a schedule's topics read only theirs). */
export type CandidateWindow = { candidates: Candidate[]; byTopic: Map<number, Candidate[]> };

/**
 * The candidates of digests due together, read once for the widest window they need (from the
 * earliest `since` to `until`, when the first digest asks), each digest's own window then cut from
 * that read exactly as `loadCandidates` would read it alone. `reads` counts the reads of the database.
 */
export type CandidatePool = {
  since: Date;
  until: Date;
  /** The window from `since` to the pool's `until`; undefined when it starts before the pool's. */
  window(since: Date): CandidateWindow | undefined;
  reads(): number;
};

/** How many windows cut from a pool's read are kept for the runs that start at the same time. */
const keptWindows = 4;

export function candidatePool(sqlite: Sqlite, since: Date, until: Date): CandidatePool {
  let all: Candidate[] | undefined;
  let reads = 0;
  const windows = new Map<number, CandidateWindow>();
  return {
    since,
    until,
    reads: () => reads,
    window(from) {
      if (from.getTime() < since.getTime()) return undefined;
      const cached = windows.get(from.getTime());
      if (cached) return cached;
      if (!all) {
        all = loadCandidates(sqlite, since, until);
        reads++;
      }
      // loadCandidates' own conditions for this window; the pool's read holds every item they keep.
      const published = Math.min(from.getTime(), until.getTime() - newsAgeMs);
      const candidates =
        from.getTime() === since.getTime()
          ? all
          : all.filter(
              (candidate) => candidate.createdAt >= from.getTime() && candidate.publishedAt >= published,
            );
      const window = { candidates, byTopic: byTopicOf(candidates) };
      // Runs begun together start their next windows together: a few kept serve them, and runs whose
      // windows all differ (the first pass after an upgrade) never hold a copy each.
      if (windows.size >= keptWindows) windows.delete(windows.keys().next().value as number);
      windows.set(from.getTime(), window);
      return window;
    },
  };
}

function byTopicOf(candidates: Candidate[]): Map<number, Candidate[]> {
  const byTopic = new Map<number, Candidate[]>();
  for (const candidate of candidates) {
    for (const id of candidate.topicIds) {
      const list = byTopic.get(id);
      if (list) list.push(candidate);
      else byTopic.set(id, [candidate]);
    }
  }
  return byTopic;
}

/**
 * Every digest of these plans over one window, without posting: candidates are read once and
 * shared, through the pool the digest runner builds a minute's due digests from. (The benchmark's
 * measure, and the shape of a busy 08:00 with many schedules.)
 */
export function buildDigests(
  sqlite: Sqlite,
  plans: DigestPlan[],
  since: Date,
  now: Date,
): Map<number, Digest> {
  const { candidates, byTopic } = candidatePool(sqlite, since, now).window(since) as CandidateWindow;
  const topics = topicIdsByName(sqlite);
  return new Map(
    plans.map((plan) => [plan.id, selectDigest(sqlite, plan, candidates, topics, since, now, byTopic)]),
  );
}
