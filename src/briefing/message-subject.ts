import { compileQuery, docFromTokens, freeTextToFts, tokenize } from '../analysis/query.ts';
import { stopWords } from '../analysis/text-stats.ts';
import { plainText } from '../commands/text.ts';
import { cachedStatement, type Sqlite } from '../db/client.ts';
import { countEveryMatch } from '../db/search.ts';
import { expandedRuns } from './synonyms.ts';

const listedTopics = 8;

/**
 * The reply when a message names no topic and nothing the feeds know by name ("Great quarter
 * everyone!"): the topics Briefbot follows, and what to ask instead.
 */
export function noSubjectText(sqlite: Sqlite): string {
  const names = (
    cachedStatement(sqlite, 'SELECT name FROM topics ORDER BY name').all() as Array<{ name: string }>
  ).map(({ name }) => name);
  const shown =
    names.length > listedTopics
      ? [...names.slice(0, listedTopics - 1), `${names.length - listedTopics + 1} more`]
      : names;
  const listed = shown.length > 1 ? `${shown.slice(0, -1).join(', ')} or ${shown.at(-1)}` : (shown[0] ?? '');
  const topics = listed
    ? `This message doesn’t mention ${listed} (the topics Briefbot follows), nor a name the feeds know.`
    : 'Briefbot follows no topics yet, and this message names nothing the feeds know.';
  return `${topics} Try \`/brief what’s new\`, or ask directly: \`/brief what are customers saying about <subject>\`.`;
}

const maxCandidates = 16;
/** Two words make the subject together only when the feeds have this many items with both. */
const minPairItems = 3;
const recentMs = 30 * 24 * 3600 * 1000;
// Conversational words that say nothing about a subject ("heads up, folks are saying…").
const chatWords = new Set(
  `heads folks guys team everyone anyone someone people thing things stuff way lot lots really actually
  just still even back again going went gone want wants wanted need needs needed think thinks thought know
  knows knew see seen saw look looks looking looked good great bad nice cool yes yeah okay hey thanks thank
  please today yesterday tomorrow week month year time times right left saying said says tell told ask asked
  anybody somebody something anything everything nothing maybe probably seems seem seemed getting came come
  comes take took give gave keep kept let lets sure fyi btw interesting worth check heard hear
  monday mondays tuesday tuesdays wednesday wednesdays thursday thursdays friday fridays saturday saturdays
  sunday sundays weekend weekends morning mornings afternoon evening night tonight tomorrow hour hours minute
  minutes days weeks months years quarter january february april june july august september october
  november december starts start started starting prep`
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * What a Slack message is about, as something Briefbot can brief on: the topic it matches (the one
 * it mentions most, then the one with the most items in the last 30 days), else its most distinctive words the feeds cover —
 * frequent in the message, rare in the feeds, names weighed up. Null when the feeds know none of
 * its words.
 */
export function subjectOfMessage(sqlite: Sqlite, messageText: string, now: Date): string | null {
  const text = readableText(messageText);
  if (!text) return null;
  return matchingTopic(sqlite, text, now) ?? distinctiveWords(sqlite, text);
}

const customerWords = /\b(?:customers?|clients?|users?|buyers?|reviewers?|reviews?)\b/i;
const ourWords = /\b(?:we|us|our|ours|ourselves)\b/i;

/**
 * "Brief me on this": the question a message asks, as `/brief` reads it. Customers named, it asks
 * what customers say ("…what customers think of us": about the company); two themes named, both.
 */
export function questionOfMessage(sqlite: Sqlite, messageText: string, now: Date): string | null {
  const text = readableText(messageText);
  if (!text) return null;
  const compared = comparisonOf(sqlite, text);
  if (compared) return compared;
  // "…40% off to our customers who switch": customers spoken of, not speaking; the story is the answer.
  const customers = customerWords.test(text.replace(customersSpokenOf, ' '));
  const company =
    customers && ourWords.test(text)
      ? (cachedStatement(
          sqlite,
          "SELECT name FROM topics WHERE kind = 'company' ORDER BY name LIMIT 1",
        ).get() as { name: string } | undefined)
      : undefined;
  const topic = matchingTopic(sqlite, text, now, { both: true });
  const party = topic ?? company?.name;
  // A word alone is a subject only as a name ("Hooli"): "thanks for the hard work" is about nothing followed.
  const subject =
    (topic && narrowedParty(sqlite, text, topic)) ??
    (party && phrasedParty(sqlite, text, party)) ??
    (topic && pricedParty(sqlite, text, topic)) ??
    topic ??
    company?.name ??
    // "A competitor is doing 40% off": a price cut is pricing, whoever gives it.
    (priceCut.test(text) ? (discountThemes(sqlite)[0] ?? null) : null) ??
    phrasedSubject(sqlite, text) ??
    distinctiveWords(sqlite, text, { namesOnly: true });
  if (!subject) return null;
  return customers ? `what are customers saying about ${subject}` : subject;
}

// "X vs Y", "compared to", "who is winning": a message that compares.
const comparing =
  /\b(?:vs\.?|versus|compared\s+(?:to|with))(?=\s)|\b(?:who|which)(?:'s|’s|\s+is)\s+(?:winning|ahead|leading|cheaper|doing\s+better)\b/i;
const priceWords = /\b(?:pric(?:e|es|ed|ey|ier|ing)|discounts?|cheap(?:er)?|expensive|costs?)\b/i;

/**
 * "Acme's price rise vs Globex's discount — who is winning?": the two companies or competitors a
 * comparing message names (the company for "us"), side by side as \`/brief\` asks it: on price, which
 * is cheaper (the pricing of each, the price facts first); on a theme named, each on it. Null for
 * any other message.
 */
function comparisonOf(sqlite: Sqlite, text: string): string | null {
  if (!comparing.test(text)) return null;
  const tokens = tokenize(text);
  const doc = docFromTokens([tokens]);
  const topics = (
    cachedStatement(sqlite, 'SELECT name, query, kind FROM topics ORDER BY name').all() as Array<{
      name: string;
      query: string;
      kind: string;
    }>
  ).flatMap((topic) => {
    const query = topicQuery(topic);
    return query?.matches(doc)
      ? [{ ...topic, at: tokens.findIndex((token) => query.matches(docFromTokens([[token]]))) }]
      : [];
  });
  const named = topics.filter((topic) => isParty(topic) && topic.at >= 0);
  const company = cachedStatement(
    sqlite,
    "SELECT name FROM topics WHERE kind = 'company' ORDER BY name LIMIT 1",
  ).get() as { name: string } | undefined;
  const us = tokens.findIndex((token) => /^(?:we|us|our|ours)$/.test(token));
  if (company && us >= 0 && !named.some(({ name }) => name === company.name))
    named.push({ name: company.name, query: '', kind: 'company', at: us });
  const [a, b] = named.sort((x, y) => x.at - y.at);
  if (!a || !b) return null;
  if (priceWords.test(text)) return `who is cheaper between ${a.name} and ${b.name}`;
  const theme = topics.find((topic) => topic.kind === 'theme');
  return theme ? `${a.name} vs ${b.name} on ${theme.name}` : `${a.name} vs ${b.name}`;
}

/** A topic's query compiled; null for a stored query that no longer compiles (it matches nothing). */
function compiledQuery(query: string): ReturnType<typeof compileQuery> | null {
  try {
    return compileQuery(query);
  } catch {
    return null;
  }
}

/**
 * What a message must say to name a topic: its query, or its name word for word ("the outages" names
 * the topic outages, whose query says only "outage").
 */
function topicQuery(topic: { name: string; query: string }): ReturnType<typeof compileQuery> | null {
  const name = `"${topic.name.replace(/"/g, ' ')}"`;
  return compiledQuery(`(${topic.query}) OR ${name}`) ?? compiledQuery(name);
}

/**
 * Customers as the object of what a message tells ("to our customers", "for clients", "is telling
 * our customers"); not "with customers" or "from customers", whose reaction is asked.
 */
const customersSpokenOf =
  /\b(?:to|for|tell(?:s|ing)?|told|offer(?:s|ed|ing)?|giv(?:es?|ing)|gave|email(?:s|ed|ing)?|call(?:s|ed|ing)?|pitch(?:es|ed|ing)?|target(?:s|ed|ing)?|poach(?:es|ed|ing)?|court(?:s|ed|ing)?)\s+(?:our|your|their|its|the)?\s*(?:customers?|clients?|users?|buyers?)\b/gi;

/**
 * "Globex is offering 40% off to our customers who switch": a company or competitor alone is all
 * its news; the message's most distinctive other word that the feeds say with it in at least
 * `minPairItems` items (or in one, for a name: "globex northwind") narrows it to the story
 * ("globex switch"). Null when none does.
 */
function narrowedParty(sqlite: Sqlite, text: string, name: string): string | null {
  const topic = cachedStatement(sqlite, 'SELECT name, query, kind FROM topics WHERE name = ?').get(name) as
    | { name: string; query: string; kind: string }
    | undefined;
  if (!topic || !isParty(topic)) return null;
  const query = topicQuery(topic);
  if (!query) return null;
  // A name the feeds know ("the Northwind case study") is the story even when only one item tells it.
  const detail = scoredWords(sqlite, text).find(({ word }) => {
    if (customerWords.test(word) || query.matches(docFromTokens([[word]]))) return false;
    const both = coverage(sqlite, `${name} ${word}`);
    return both >= minPairItems || (both > 0 && isNameInFeeds(sqlite, word));
  });
  return detail ? `${name} ${detail.word}` : null;
}

/**
 * The phrasings of a synonym group the message uses ("price hike"), as `/brief` reads a subject,
 * each with how many items say it in any of its group's ways (`within`: among those FTS matches).
 * One a topic's query matches ("outage", with a topic outages) is that topic's, never a story's.
 */
function phrasingsSaid(
  sqlite: Sqlite,
  text: string,
  within?: string,
): Array<{ words: string; items: number }> {
  const topics = (
    cachedStatement(sqlite, 'SELECT name, query FROM topics ORDER BY name').all() as Array<{
      name: string;
      query: string;
    }>
  ).flatMap((topic) => topicQuery(topic) ?? []);
  const count = (fts: string | null) =>
    fts ? matchCount(sqlite, within ? `(${within}) AND (${fts})` : fts) : 0;
  return (
    expandedRuns(text.replace(/-/g, ' '))
      .filter(({ words }) => !topics.some((query) => query.matches(docFromTokens([words]))))
      .map(({ words, fts }) => ({
        words: words.join(' '),
        items: count(fts),
        typed: count(freeTextToFts(words.join(' '), { inflections: true })),
      }))
      // Only where the other ways of saying it find more: "outage" said as the feeds say it reads as before.
      .filter(({ items, typed }) => items > typed)
  );
}

/**
 * "Customers are furious about the Acme price hike": a company or competitor narrowed to the phrasing
 * of a synonym group the message tells ("acme price hike"), which `/brief` searches in its group's
 * other ways too ("price increase"), when an item says both. Null otherwise.
 */
function phrasedParty(sqlite: Sqlite, text: string, name: string): string | null {
  const topic = cachedStatement(sqlite, 'SELECT name, query, kind FROM topics WHERE name = ?').get(name) as
    | { name: string; query: string; kind: string }
    | undefined;
  if (!topic || !isParty(topic)) return null;
  const fts = freeTextToFts(name, { inflections: true });
  const [said] = fts ? phrasingsSaid(sqlite, text, fts) : [];
  return said ? `${name} ${said.words}` : null;
}

/**
 * A message naming no topic that tells a phrasing of a synonym group ("price hike"): that phrasing,
 * after a name the feeds know that items say with it ("acme price hike"); null with none said.
 */
function phrasedSubject(sqlite: Sqlite, text: string): string | null {
  const [said] = phrasingsSaid(sqlite, text);
  if (!said) return null;
  const phrase = new Set(tokenize(said.words));
  const name = scoredWords(sqlite, text).find(
    ({ word }) =>
      !phrase.has(word) &&
      isNameInFeeds(sqlite, word) &&
      phrasingsSaid(sqlite, said.words, freeTextToFts(word, { inflections: true }) ?? '').length > 0,
  );
  return name ? `${name.word} ${said.words}` : said.words;
}

// "40% off", "30 percent off", "half off": a price cut, though no word of it says price.
const priceCut = /(?:\b\d+(?:\.\d+)?\s*(?:%|percent\b)|\bhalf)\s*off\b/i;

/**
 * "Globex is giving 40% off to anyone leaving us": a company or competitor's price cut, told in words
 * no topic's query has, is that party's pricing ("globex pricing"), the theme a discount names, when
 * at least `minPairItems` items have both. Null otherwise.
 */
function pricedParty(sqlite: Sqlite, text: string, name: string): string | null {
  if (!priceCut.test(text)) return null;
  const party = cachedStatement(sqlite, 'SELECT kind FROM topics WHERE name = ?').get(name) as
    | { kind: string }
    | undefined;
  if (!party || !isParty(party)) return null;
  const theme = discountThemes(sqlite).find((theme) => coverage(sqlite, `${name} ${theme}`) >= minPairItems);
  return theme ? `${name} ${theme}` : null;
}

/** The themes a discount names ("pricing"): what a price cut is about. */
function discountThemes(sqlite: Sqlite): string[] {
  const discount = docFromTokens([['discount']]);
  const themes = cachedStatement(
    sqlite,
    "SELECT name, query FROM topics WHERE kind = 'theme' ORDER BY name",
  ).all() as Array<{ name: string; query: string }>;
  return themes.filter((topic) => topicQuery(topic)?.matches(discount)).map(({ name }) => name);
}

/** The words a person reads: links as their labels, mentions and emoji codes left out. */
function readableText(messageText: string): string {
  return plainText(
    messageText
      .replace(/<(?:https?|mailto):[^|>]*\|([^>]*)>/g, '$1')
      .replace(/<(?:https?|mailto):[^>]*>/g, ' ')
      .replace(/<[@#!][^>]*>/g, ' ')
      .replace(/:[a-z0-9_+-]+:/g, ' '),
  );
}

/**
 * `both`: two topics the message names that few items share are both asked about, side by side, when
 * both are themes ("pricing and outages") or each is said in a clause of its own ("Globex is offering
 * 40% off to switch, and the EU outage is coming up in renewal calls").
 */
function matchingTopic(sqlite: Sqlite, text: string, now: Date, { both = false } = {}): string | null {
  const topics = cachedStatement(
    sqlite,
    `SELECT t.name, t.query, t.kind, (SELECT COUNT(*) FROM item_topics it JOIN items i ON i.id = it.item_id
       WHERE it.topic_id = t.id AND i.published_at >= ?) AS recent
     FROM topics t ORDER BY recent DESC, t.name`,
  ).all(now.getTime() - recentMs) as Array<{ name: string; query: string; kind: string }>;
  const tokens = tokenize(text);
  const doc = docFromTokens([tokens]);
  const sentences = text.split(/(?<=[.!?])\s+|\n+/).map((sentence) => docFromTokens([tokenize(sentence)]));
  const clauses = text.split(clauseBreak).map((clause) => docFromTokens([tokenize(clause)]));
  const matching = topics.flatMap((topic, busiest) => {
    const query = topicQuery(topic);
    if (!query?.matches(doc)) return [];
    // How much the message speaks of the topic: the words that alone match it ("acme" twice),
    // or for a phrase query the sentences that do; the busier topic when the message is even.
    const words = tokens.filter((token) => query.matches(docFromTokens([[token]]))).length;
    const said = sentences.filter((sentence) => query.matches(sentence)).length;
    // Said as often: the one its title or first sentence names is what it is about.
    const leading = sentences[0] && query.matches(sentences[0]) ? 1 : 0;
    return [{ ...topic, query, mentions: Math.max(words, said), leading, busiest }];
  });
  matching.sort((a, b) => b.mentions - a.mentions || b.leading - a.leading || a.busiest - b.busiest);
  const [first, second] = matching;
  if (!first) return null;
  // "Globex had another outage": the topics globex and outages together, when the feeds have both.
  if (second && coverage(sqlite, `${first.name} ${second.name}`) >= minPairItems) {
    // "acme pricing", as `/brief` titles it: whose it is, then what about.
    const [whose, what] = isParty(second) && !isParty(first) ? [second, first] : [first, second];
    return `${whose.name} ${what.name}`;
  }
  const apart = !clauses.some((clause) => first.query.matches(clause) && second?.query.matches(clause));
  if (
    both &&
    second &&
    [first, second].every((topic) => topic.mentions > 0) &&
    (apart || [first, second].every((topic) => topic.kind === 'theme'))
  )
    return `${first.name} and ${second.name}`;
  return first.name;
}

// Where a message turns to another thing: a sentence's end, a dash, ", and", "but", "while".
const clauseBreak = /[.!?;:]+(?:\s+|$)|\s+[—–-]+\s+|,?\s+(?:and|but|while|whereas|plus)\s+|\n+/i;

/** A company's topic or a competitor's: whose a subject is ("acme pricing"). */
export function isParty(topic: { kind: string }): boolean {
  return topic.kind === 'company' || topic.kind === 'competitor';
}

/** How many items have every word, in any of its forms. */
export function coverage(sqlite: Sqlite, words: string): number {
  return matchCount(sqlite, freeTextToFts(words.replace(/-/g, ' '), { inflections: true }));
}

/** How many items a full-text search matches (0 for none), read again clause by clause as search does ("cut roles"). */
export function matchCount(sqlite: Sqlite, fts: string | null): number {
  return fts ? countEveryMatch(sqlite, fts) : 0;
}

/** `namesOnly`: a word alone must be a name the feeds know ("hooli"), not a common word ("hard"). */
function distinctiveWords(sqlite: Sqlite, text: string, { namesOnly = false } = {}): string | null {
  const tokens = tokenize(text);
  const scored = scoredWords(sqlite, text);
  const [first, second] = scored;
  if (!first) return null;
  if (second && coverage(sqlite, `${first.word} ${second.word}`) >= minPairItems) {
    // In the message's order: "renewal quotes", as it was written, not "quotes renewal".
    const [a, b] = [first.word, second.word].sort((x, y) => tokens.indexOf(x) - tokens.indexOf(y));
    return `${a} ${b}`;
  }
  if (!namesOnly) return first.word;
  return scored.find(({ word }) => isNameInFeeds(sqlite, word))?.word ?? null;
}

/** A word the feeds never write in lower case ("Hooli", "SOC"): a name, where "hard" is a common word. */
function isNameInFeeds(sqlite: Sqlite, word: string): boolean {
  const rows = cachedStatement(
    sqlite,
    'SELECT title, text FROM items_fts WHERE items_fts MATCH ? LIMIT 50',
  ).all(`"${word.replace(/"/g, '""')}"`) as Array<{ title: string | null; text: string | null }>;
  const lower = new RegExp(
    `(?<![\\p{L}\\p{N}])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`,
    'u',
  );
  return rows.length > 0 && rows.every((row) => !lower.test(`${row.title ?? ''} ${row.text ?? ''}`));
}

/** The message's words the feeds have, most distinctive first. */
function scoredWords(sqlite: Sqlite, text: string): Array<{ word: string; items: number; weight: number }> {
  // Capitalised words are names more often than not (common words at a sentence start are stop words).
  const names = new Set([...text.matchAll(/\b\p{Lu}[\p{L}\d&-]+/gu)].map((match) => match[0].toLowerCase()));
  const frequency = new Map<string, number>();
  const tokens = tokenize(text);
  for (const token of tokens) {
    if (token.length < 3 || stopWords.has(token) || chatWords.has(token) || /^\d+$/.test(token)) continue;
    frequency.set(token, (frequency.get(token) ?? 0) + 1);
  }
  const candidates = [...frequency.entries()]
    .sort((a, b) => b[1] - a[1] || b[0].length - a[0].length)
    .slice(0, maxCandidates);
  if (candidates.length === 0) return [];
  const total = Number((cachedStatement(sqlite, 'SELECT COUNT(*) AS n FROM items').get() as { n: number }).n);
  return candidates
    .map(([word, times]) => {
      const items = coverage(sqlite, word);
      // Rarer in the feeds, more often in the message, a name, a longer word: more likely the subject.
      const weight =
        times * Math.log(1 + total / items) * (names.has(word) ? 2 : 1) * Math.min(word.length, 8);
      return { word, items, weight };
    })
    .filter((candidate) => candidate.items > 0)
    .sort((a, b) => b.weight - a.weight);
}
