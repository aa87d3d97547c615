import { fingerprint, signatureToBytes } from '../analysis/minhash.ts';
import { type CompiledQuery, compileQuery, tokenizeDoc } from '../analysis/query.ts';
import { type SentimentLabel, scoreSentiment } from '../analysis/sentiment.ts';
import { type NormalizedItem, type ParsedFeed, parseFeed } from './parse.ts';

export type TopicQuery = { id: number; query: string };

export type AnalyzedItem = NormalizedItem & {
  sentiment: SentimentLabel;
  sentimentScore: number;
  minhash: Uint8Array;
  bands: number[];
  topicIds: number[];
};

export type AnalyzedFeed = Omit<ParsedFeed, 'items'> & { items: AnalyzedItem[] };

const compiled = new Map<string, CompiledQuery | null>();

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

/** Everything about a feed body that needs no database: parse, normalise, sentiment, fingerprint, topics. */
export async function analyzeFeedBody(
  body: string,
  feedUrl: string,
  topics: TopicQuery[],
): Promise<AnalyzedFeed> {
  const parsed = await parseFeed(body, feedUrl);
  const queries = compiledTopics(topics);
  return { ...parsed, items: parsed.items.map((item) => analyzeItem(item, queries)) };
}

function analyzeItem(
  item: NormalizedItem,
  queries: Array<{ id: number; query: CompiledQuery }>,
): AnalyzedItem {
  const sentiment = scoreSentiment(item.title, item.text);
  const { signature, bands } = fingerprint(item.title, item.text);
  const topicIds: number[] = [];
  if (queries.length > 0) {
    const doc = tokenizeDoc(item.title, item.text);
    for (const { id, query } of queries) if (query.matches(doc)) topicIds.push(id);
  }
  return {
    ...item,
    sentiment: sentiment.label,
    sentimentScore: sentiment.score,
    minhash: signatureToBytes(signature),
    bands,
    topicIds,
  };
}
