import { detectLanguage, languageFromEvidence, majorityLanguage } from '../analysis/language.ts';
import { fingerprint, hashString, signatureToBytes } from '../analysis/minhash.ts';
import {
  type CompiledQuery,
  compileQuery,
  docFromTokens,
  queryVocabulary,
  tokenize,
  type Vocabulary,
} from '../analysis/query.ts';
import { readsEnglish, readsTone, SentimentLabel, scoreSentiment } from '../analysis/sentiment.ts';
import { decodeFeedBytes } from './charset.ts';
import { type NormalizedItem, type ParsedFeed, parseFeed } from './parse.ts';

export type TopicQuery = { id: number; query: string };

export type AnalyzedItem = NormalizedItem & {
  /** ISO 639-1, or null when the text is too short to tell. */
  language: string | null;
  sentiment: SentimentLabel;
  sentimentScore: number;
  minhash: Uint8Array;
  bands: number[];
  topicIds: number[];
};

export type AnalyzedFeed = Omit<ParsedFeed, 'items'> & { items: AnalyzedItem[] };

const compiled = new Map<string, CompiledQuery | null>();

type TopicMatcher = { queries: Array<{ id: number; query: CompiledQuery }>; vocabulary: Vocabulary };

let lastTopics: { key: string; matcher: TopicMatcher } | undefined;

/** Compiled once per distinct topic list (the poller sends the same list with every feed). */
function topicMatcher(topics: TopicQuery[]): TopicMatcher {
  const key = JSON.stringify(topics);
  if (lastTopics?.key !== key) {
    const queries = compiledTopics(topics);
    lastTopics = {
      key,
      matcher: { queries, vocabulary: queryVocabulary(queries.map((topic) => topic.query)) },
    };
  }
  return lastTopics.matcher;
}

function compiledTopics(topics: TopicQuery[]): Array<{ id: number; query: CompiledQuery }> {
  const result: Array<{ id: number; query: CompiledQuery }> = [];
  for (const topic of topics) {
    let query = compiled.get(topic.query);
    if (query === undefined) {
      try {
        query = compileQuery(topic.query);
      } catch {
        // A stored query is validated when saved; one that no longer parses matches nothing.
        query = null;
      }
      compiled.set(topic.query, query);
    }
    if (query) result.push({ id: topic.id, query });
  }
  return result;
}

/** A feed body as text, or as the bytes fetched (decoded where the analysis runs). */
export type FeedBody = string | { bytes: Uint8Array; contentType: string };

/** Everything about a feed body that needs no database: parse, normalise, sentiment, fingerprint, topics. */
export async function analyzeFeedBody(
  body: FeedBody,
  feedUrl: string,
  topics: TopicQuery[],
): Promise<AnalyzedFeed> {
  const text = typeof body === 'string' ? body : decodeFeedBytes(body.bytes, body.contentType);
  const parsed = await parseFeed(text, feedUrl);
  const matcher = topicMatcher(topics);
  const shared = sharedUrls(parsed.items);
  // What the item or feed declares decides only a text Danish and Norwegian both write.
  const told = parsed.items.map((item) =>
    detectLanguage(item.title, item.text, item.declaredLanguage, parsed.language),
  );
  // What the feed's items are mostly in says more than what it declares (often a tool's default).
  const feedLanguage = majorityLanguage(told) ?? parsed.language ?? null;
  return {
    ...parsed,
    // The feed's own home page (a site-updates feed links every item there) names no one story either.
    items: parsed.items.map((item, index) =>
      analyzeItem(
        item,
        matcher,
        item.url !== null && !shared.has(item.url) && item.url !== parsed.link,
        told[index] ??
          languageFromEvidence(item.title, item.text, {
            declared: item.declaredLanguage,
            feed: feedLanguage,
          }),
      ),
    ),
  };
}

/**
 * The items no evidence of their own fetch placed, in the language the feed's stored items are
 * mostly in (`storedLanguage`, asked only when an item needs it): a later fetch may hold only a new headline or
 * two, too short to tell and too few to make a majority. Their tone is then not read, as any other
 * item's in another language.
 */
export function withFeedLanguage(feed: AnalyzedFeed, storedLanguage: () => string | null): AnalyzedFeed {
  if (feed.items.every((item) => item.language !== null)) return feed;
  const language = storedLanguage();
  if (!language) return feed;
  return {
    ...feed,
    items: feed.items.map((item) => {
      if (item.language !== null) return item;
      const told = languageFromEvidence(item.title, item.text, { feed: language });
      if (!told) return item;
      // Scored as English already (too short to tell): read again only in another language.
      if (readsEnglish(told)) return { ...item, language: told };
      const tone = toneIn(item, told);
      return { ...item, language: told, sentiment: tone.label, sentimentScore: tone.score };
    }),
  };
}

/**
 * Addresses several items of one feed point to (a podcast's home page, a forum's index): such an
 * address says nothing about which story an item is, so it files none of them by address.
 */
function sharedUrls(items: NormalizedItem[]): Set<string> {
  const seen = new Set<string>();
  const shared = new Set<string>();
  for (const { url } of items) {
    if (url === null) continue;
    if (seen.has(url)) shared.add(url);
    seen.add(url);
  }
  return shared;
}

// A canonical address with nothing after the host's "/": a site's front page.
const frontPage = /^https?:\/\/[^/]+\/$/;

/** The address band's hash: the article's own page, not a site's front page (0: none). */
function urlBandHash(url: string): number {
  return frontPage.test(url) ? 0 : hashString(url) | 0 || 1;
}

/** An item's tone read in its language, or none (`unread`) for a language whose tone is not read. */
function toneIn(
  item: Pick<NormalizedItem, 'title' | 'text' | 'rating'>,
  language: string | null,
): { label: SentimentLabel; score: number } {
  return readsTone(language)
    ? scoreSentiment(item.title, item.text, item.rating, language)
    : { label: SentimentLabel.Unread, score: 0 };
}

function analyzeItem(
  item: NormalizedItem,
  { queries, vocabulary }: TopicMatcher,
  ownUrl: boolean,
  language: string | null,
): AnalyzedItem {
  const sentiment = toneIn(item, language);
  const titleTokens = tokenize(item.title);
  const textTokens = tokenize(item.text);
  const { signature, bands } = fingerprint(titleTokens, textTokens);
  const topicIds: number[] = [];
  if (queries.length > 0) {
    const doc = docFromTokens([titleTokens, textTokens], vocabulary);
    for (const { id, query } of queries) if (query.matches(doc)) topicIds.push(id);
  }
  return {
    ...item,
    language,
    sentiment: sentiment.label,
    sentimentScore: sentiment.score,
    minhash: signatureToBytes(signature),
    bands: [...bands, ownUrl && item.url ? urlBandHash(item.url) : 0],
    topicIds,
  };
}
