import { z } from 'zod';
import { languageName } from '../analysis/language.ts';
import {
  compileQuery,
  docFromTokens,
  foldText,
  freeTextToFts,
  tokenize,
  wordForm,
} from '../analysis/query.ts';
import { reviewRating, SentimentLabel, scoreSentiment, toneRead } from '../analysis/sentiment.ts';
import {
  asksTitle,
  customerKinds,
  type Summary,
  type SummarySource,
  summarizeExtractive,
  summarizeWithModel,
} from '../analysis/summarize.ts';
import { keyPhrases, splitSentences, stopWords } from '../analysis/text-stats.ts';
import { topicLabel } from '../analysis/topics.ts';
import { localDate, startOfLocalDay } from '../commands/dates.ts';
import { closest } from '../commands/text.ts';
import { cachedStatement, type Sqlite } from '../db/client.ts';
import {
  anyMatch,
  countRecent,
  customerKindWeights,
  defaultKindWeights,
  type EvidenceCounts,
  type EvidenceWindow,
  isOwnPost,
  languageCounts,
  pressKindWeights,
  type RankedHit,
  type Tally,
  type TopicVolume,
  talliesOf,
} from '../db/search.ts';
import type { Deps } from '../deps.ts';
import { notAFault, UserError } from '../errors.ts';
import { countOf, formatDayTime, inWords, windowPhrase } from '../format.ts';
import {
  competitorKey,
  competitorLabel,
  competitorOf,
  feedNames,
  sameCompetitor,
} from '../monitor/feed-kind.ts';
import {
  type AskFrame,
  type AskRequest,
  type AskWindow,
  askedFormat,
  asksToneChange,
  askText,
  companyWords,
  dayMs,
  languageNewsWords,
  missedAbout,
  namingCompany,
  parseAsk,
  parsePeriod,
  readLanguage,
  rollingWindow,
  shortVersion,
} from './ask-parse.ts';
import {
  type Comparison,
  comparePeriods,
  type EarlierPage,
  earlierPage,
  earlierStoriesShown,
  laterPeriodNote,
  sideShiftsShown,
} from './compare.ts';
import {
  askedWords,
  isDigestShown,
  lastShownHere,
  ordinals,
  type SourceConversation,
  sharerOf,
} from './drill.ts';
import { withEventPeriod } from './event-period.ts';
import { isParty, matchCount, subjectOfMessage } from './message-subject.ts';
import { type PriceFact, priceFactsOf } from './price-facts.ts';
import { addOneHint, missingFeedsText, readSetup, type SourcesNote, sourcesNote } from './setup.ts';
import { dedupeStories, retellingsCounted, type Story, storiesOf } from './stories.ts';
import { type Expansion, expandedRuns, expandSubject } from './synonyms.ts';

/** How far ahead of now an item may be dated and still count as published now. */
const futureDatedMs = 24 * 3600_000;

export const pageSize = 5;
/** The biggest story lists at most this many of its items (its lead and the sources telling it). */
const storyItemsShown = 10;
const rankedPool = 60;
const opinionKinds = [...customerKinds, 'blog'];

/** `about`: another company's story than the subject's, whose ("globex" in an answer about acme). */
export type AnswerItem = RankedHit & {
  number: number;
  otherSources: number;
  about?: string;
  /** ISO 639-1 of its text, for the source's tag ("· DE"); null when unknown, absent where not looked up. */
  language?: string | null;
  /** The latest conversation about its story, when a response was requested. */
  conversation?: SourceConversation | null;
  /**
   * The biggest story's lead: how many of the mentions read tell its event, in whatever words
   * (the items listed after it are the others, one per near-duplicate cluster).
   */
  mentions?: number;
};

export type SubjectAnswer = {
  subject: string;
  /** The subject as running text names it: a company's or competitor's topic capitalised ("Globex"), else as asked. */
  label: string;
  topicName: string | null;
  counts: EvidenceCounts;
  items: AnswerItem[];
  hasMore: boolean;
  themes: string[];
  sources: Tally[];
  voices: Tally[];
  /** How many voices there are, of which `voices` are the first. */
  voicesTotal: number;
  summary: Summary;
  customerVoices: number;
  otherVoices: number;
  /**
   * "What is globex saying about acme": who speaks ("Globex"), about what, and how many of the
   * mentions are its own posts (listed first; the rest is coverage of them).
   */
  speaker: { who: string; about: string; own: number } | null;
  /** A competitor asked about: how many mentions are its own posts (its feeds of kind competitor), and whose. */
  ownPosts: { count: number; by: string } | null;
  /** Side by side, with `ownPosts`: the counts of what others said, which every figure of the card shows. */
  othersCounts: EvidenceCounts | null;
  /**
   * A competitor asked about: its own staff who wrote its posts ("Marcus Lee, VP Sales"), listed
   * apart from the voices, which are the people saying something about it; empty otherwise.
   */
  ownVoices: Tally[];
  /** For an overview: every followed topic's volume, busiest first; empty otherwise. */
  byTopic: TopicVolume[];
  /** An overview asked before any topic exists: everything the feeds brought in. */
  allFeeds: boolean;
  /** Words of the question no item uses, left out of the search ("changes"). */
  dropped: string[];
  /** Other phrasings of the subject searched besides its words (`price rise`: "price increase", "price hike"…). */
  alsoSearched: string[];
  /** Other phrasings of the words left out, which no item uses either (`layoffs`: "job cuts"…). */
  droppedAlso: string[];
  /** What was typed when it matched nothing and a topic's name is one slip away ("pricng"). */
  correctedFrom: string | null;
  /** The topic a slip in a longer subject was read as ("acme pricng": pricing); null when the whole subject was. */
  correctedTo: string | null;
  /** The author whose items these are, when the subject named a voice rather than words. */
  author: string | null;
  /** "acme globex": two companies (or competitors) named together, so the items that name both. */
  together: [string, string] | null;
  /**
   * One side asked for: of the best-ranked stories of that tone, how many are so about something
   * else (their sentences naming the subject are not), and are listed after those on the side.
   */
  sideElsewhere: number;
  /** One side asked for: the numbers, on the page, of the stories of that tone about something else ([6]). */
  sideElsewhereNumbers: number[];
  /** One side asked for: whose those stories are ("globex, a competitor"), when all are another company's. */
  sideElsewhereAbout: string | null;
  /** One side asked for: how many of the best-ranked stories take that side towards the subject. */
  sideTowards: number;
  /** The positive side asked for: how many of its mentions only ask a question ("Is Globex worth it?"), no praise. */
  sideAsking: number;
  /** One side of a competitor asked for: how many of that tone are its own posts, never its praise or complaints. */
  sideOwn: number;
  /**
   * One side asked for ("complaints about globex"): who takes it, and where, from the mentions on
   * that side of the subject itself (never the subject's own posts), for "who is saying it".
   */
  sideWho: { voices: Tally[]; sources: Tally[] } | null;
  /**
   * A number of stories asked for ("top 3 stories"), listed by rank alone: the best story of each
   * side missing from them, offered besides ("Also, the best positive story: …"); empty when none is.
   */
  besides: AnswerItem[];
  /** The numbers of the items the summary may draw on. */
  summaryFrom: number[];
  /** Customers asked about, and none of the items summed up is a customer's own words. */
  summaryNotFromCustomers: boolean;
  /** The stories shown on this page and the pages before it: the next page goes on after them. */
  seen?: Seen;
};

/**
 * The stories an answer's pages have shown, by every item telling them and their near-duplicate
 * clusters: a later page, reading more mentions, may rank or group them anew, never show one again.
 */
export type Seen = { items: number[]; clusters: number[] };

export type Answer = {
  /** As answered: with the rolling window when the calendar period asked about held nothing. */
  request: AskRequest;
  subjects: SubjectAnswer[];
  suggestions: string[];
  offset: number;
  /** The period asked about ("this week") when it held nothing and a rolling window answers instead. */
  widenedFrom: string | null;
  /** How many mentions the period asked about held when it was widened (0: none yet). */
  widenedSoFar: number;
  /** "pricing and outages" when both name topics: answered as the two, side by side. */
  splitFrom: string | null;
  /** A long question no item matches as a whole, answered about the topics it names. */
  namedIn: string | null;
  /**
   * A past period that held nothing about what Briefbot follows, while the recent days hold some:
   * how many mentions, and in which rolling window ("22", "last 7 days"). The empty answer is then
   * an answer ("No mentions of acme from 10 Nov to 16 Nov"), not a search to fix.
   */
  recent?: { count: number; label: string };
  /** An empty answer's word on the feeds searched: its cause in them when there is one (all paused, failing or long silent). */
  sourcesNote?: SourcesNote;
  /** "is globex cheaper than us", side by side: the price figures each side's sources give (`priceFactsOf`). */
  priceFacts?: Array<{ subject: string; facts: PriceFact[] }>;
  /**
   * Asked in one language ("in German") and none found: what the other languages hold of the same
   * question and period, most first ("en" takes the unknown too).
   */
  otherLanguages?: Array<{ language: string; count: number }>;
  /** "pricing this week vs last week": the two periods side by side (first page, one subject). */
  comparison?: Comparison;
  /** "acme vs globex this week vs last week": each side's two periods (first page), in the order of `subjects`. */
  sidesCompared?: [Comparison, Comparison];
  /** A later page of two periods side by side: which period its stories are of, said on top. */
  laterPeriod?: string;
  /** A later page of two periods side by side: the earlier period's next stories, after the later one's. */
  earlierPage?: EarlierPage;
  /** Two periods side by side: whether the earlier period has stories not shown yet (More goes on with them). */
  earlierHasMore?: boolean;
};

/**
 * `fts` null: every item (an overview when no topic is defined yet). `dropped`: words of the
 * question no item uses, left out of the search.
 */
type Resolved = {
  subject: string;
  topicName: string | null;
  fts: string | null;
  words: string[];
  dropped?: string[];
  /** The other phrasings of `dropped` words, which no item uses either. */
  droppedAlso?: string[];
  correctedFrom?: string;
  correctedTo?: string;
  /** A free-text subject in a phrasing of a group (`price rise`): the other phrasings, searched besides. */
  expansion?: Expansion;
  /** What one author signed: "what did Priya Raman say" (the search is every item, theirs only). */
  author?: string;
  /** The topic query (in the query language) the subject stands for, when it names topics. */
  query?: string;
  /** "What is globex saying about acme": a competitor speaks, so its own posts are the answer. */
  competitorSpeaks?: { who: string; about: string };
  /** "acme globex" (Brief me on "Globex's offer to Acme's customers"): two companies, the items naming both. */
  together?: [string, string];
};

/** `speaker.about` when a competitor is asked what it says of itself: its own posts are the answer. */
export const itselfSaid = 'itself';

/** "globex on itself": the subject of "globex staff", "globex's own posts". */
const saidItself = /^(.+?)\s+on\s+itself$/i;

function topicKey(subject: string): string {
  // "nestlé" names the topic nestle: topic names are kept without accents.
  return foldText(subject).replace(/\s+/g, '-');
}

/** The topic a subject names: "outage" finds the topic "outages", and "outages" the topic "outage". */
function findTopic<T extends { name: string }>(topics: T[], subject: string): T | undefined {
  const key = topicKey(subject);
  return (
    topics.find((entry) => entry.name === key) ??
    topics.find((entry) => entry.name === `${key}s` || `${entry.name}s` === key)
  );
}

/**
 * "pricing and outages", where both name topics and together no topic: two topics, side by side,
 * not the items that speak of both (which is what two free-text words joined by "and" ask for).
 */
function splitTopics(topics: TopicEntry[], request: AskRequest): string[] | null {
  const [subject] = request.subjects;
  if (request.subjects.length !== 1 || !subject || findTopic(topics, subject)) return null;
  // "pricing and outages and globex": every one a topic (the third is left out, as in "a vs b vs c").
  const sides = subject.split(/\s+(?:and|&)\s+/i);
  return sides.length > 1 && sides.every((side) => findTopic(topics, side)) ? sides : null;
}

/**
 * The topics, read once per question; `label`: a competitor's name as its feeds store it ("INITECH");
 * `displayName`: the topic's name as typed ("Économie"), which titles an answer about it.
 */
type TopicEntry = { name: string; query: string; kind: string; label?: string; displayName?: string | null };

/** How many words besides joining words make a question long enough to be read for the topics it names. */
const longQuestionWords = 4;

/** How many things a question names: its words but joining ones, a phrasing of a group one ("price hike acme widgets": three). */
function thingsAsked(subject: string): number {
  const words = tokenize(subject).filter((word) => !stopWords.has(word)).length;
  const phrased = expandedRuns(subject).reduce(
    (extra, run) => extra + Math.max(0, run.words.filter((word) => !stopWords.has(word)).length - 1),
    0,
  );
  return words - phrased;
}

/**
 * "I have a board meeting and need to know what customers think about our pricing changes": a long
 * question no item matches as a whole is answered about the topics it names (two at most).
 */
function topicsNamedIn(deps: Deps, topics: TopicEntry[], request: AskRequest): string[] | null {
  const [subject] = request.subjects;
  if (request.subjects.length !== 1 || !subject) return null;
  const words = tokenize(subject).filter((word) => !stopWords.has(word));
  if (thingsAsked(subject) < longQuestionWords) return null;
  if (findTopic(topics, subject)) return null;
  const fts = subjectFts(subject);
  if (fts && anyMatch(deps.db.sqlite, fts)) return null;
  // A topic named by one word ("outages") or by its words in a row ("customer-support").
  // In the order the question names them.
  const text = ` ${words.join(' ')} `;
  const at = (name: string, query: string | null) => {
    const word = words.findIndex(
      (each) => findTopic([{ name }], each) || (query !== null && namedByQuery(query, each)),
    );
    const phrase = text.indexOf(` ${name.replace(/-/g, ' ')} `);
    return word >= 0 ? text.indexOf(` ${words[word]} `) : phrase;
  };
  // A topic named by a word its query searches ("our price increase": pricing) only beside one named
  // by name ("globex"): alone, the words' own phrasing answers better ("the price rise").
  const byName = topics.some((topic) => at(topic.name, null) >= 0);
  const named = topics
    .map((topic) => ({ name: topic.name, at: at(topic.name, byName ? topic.query : null) }))
    .filter((topic) => topic.at >= 0)
    .sort((a, b) => a.at - b.at || a.name.localeCompare(b.name))
    .map((topic) => topic.name);
  return named.length > 0 ? named.slice(0, 2) : null;
}

/** "price" in "our price increase": a word the topic's query searches for (`price*`, `discount`), not one it leaves out. */
function namedByQuery(query: string, word: string): boolean {
  return query
    .replace(/"[^"]*"/g, ' ')
    .split(/\s+/)
    .filter((term) => term && !term.startsWith('-') && !/^(?:OR|AND|NOT|NEAR)$/.test(term))
    .map((term) => term.replace(/[()]/g, '').toLowerCase())
    .some((term) =>
      term.endsWith('*') ? term.length > 4 && word.startsWith(term.slice(0, -1)) : term === word,
    );
}

/**
 * "what is the general mood in the market about AI agents replacing human support staff": a long
 * question that names no topic and matches nothing as a whole is answered about its key words
 * (the distinctive words the feeds know, as Brief me on this reads a message).
 */
function keyWordsOf(deps: Deps, topics: TopicEntry[], request: AskRequest): string | null {
  const [subject] = request.subjects;
  if (request.subjects.length !== 1 || !subject || findTopic(topics, subject)) return null;
  if (thingsAsked(subject) < longQuestionWords) return null;
  const fts = subjectFts(subject);
  if (fts && anyMatch(deps.db.sqlite, fts)) return null;
  // The longest run of the question's words that items say together ("AI agents"), else its most
  // distinctive word.
  const words = subject
    .split(/\s+/)
    .map((word) => word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((word) => word && !stopWords.has(word.toLowerCase()));
  for (let length = Math.min(3, words.length - 1); length >= 2; length--) {
    const runs = words
      .slice(0, words.length - length + 1)
      .map((_, at) => words.slice(at, at + length).join(' '))
      // "the price rise": what says it in other words counts too ("price increase").
      .map((run) => ({ run, items: matchCount(deps.db.sqlite, subjectFts(run.replace(/-/g, ' '))) }))
      .filter(({ items }) => items >= 2)
      .sort((a, b) => b.items - a.items);
    if (runs[0]) return runs[0].run;
  }
  const distinctive = subjectOfMessage(deps.db.sqlite, subject, deps.clock.now());
  return distinctive && distinctive.toLowerCase() !== subject.toLowerCase() ? distinctive : null;
}

/**
 * The author, as their items spell the name, of a subject that is someone's name: the whole byline,
 * the name before a job title ("Marcus Lee, VP Sales"), or a first name only one author has ("Priya").
 */
function authorNamed(deps: Deps, subject: string): string | undefined {
  const found = authorSpelled(deps, subject);
  // "Priya Ramán" typed for the byline "Priya Raman": the name without its accents.
  const plain = withoutAccents(subject);
  if (found) return found;
  if (plain !== subject) return authorSpelled(deps, plain);
  // "ines duarte" typed for the byline "Inés Duarte": the bylines with accents where it has none.
  return authorAccented(deps, subject);
}

function withoutAccents(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '');
}

/**
 * The byline a name typed without accents stands for: each letter that takes accents matches any
 * one character (LIKE's `_`), and what is found is kept when it reads the same without its accents.
 * Only asked when no item uses the words typed (a scan of the bylines, as `authorSpelled` is).
 */
function authorAccented(deps: Deps, subject: string): string | undefined {
  if (!/^[a-z0-9][a-z0-9.' -]{2,60}$/i.test(subject) || !/[aceinouyszr]/i.test(subject)) return undefined;
  const pattern = subject.replace(/[aceinouyszr]/gi, '_');
  const rows = cachedStatement(
    deps.db.sqlite,
    `SELECT DISTINCT author FROM items
      WHERE author LIKE ? OR author LIKE ? OR author LIKE ?
      LIMIT 20`,
  ).all(pattern, `${pattern},%`, `${pattern} %`) as Array<{ author: string }>;
  const typed = subject.toLowerCase();
  const same = rows.filter(({ author }) => {
    const plain = withoutAccents(author).toLowerCase();
    return plain === typed || plain.startsWith(`${typed},`) || plain.startsWith(`${typed} `);
  });
  const bylines = new Set(same.map(({ author }) => author));
  // Two people whose names differ only by accents name neither.
  return bylines.size === 1 ? same[0]?.author : undefined;
}

function authorSpelled(deps: Deps, subject: string): string | undefined {
  if (!/^[\p{L}\p{N}][\p{L}\p{N}._' -]{2,60}$/u.test(subject)) return undefined;
  const escaped = subject.replace(/[\\%_]/g, (mark) => `\\${mark}`);
  const rows = cachedStatement(
    deps.db.sqlite,
    `SELECT DISTINCT author FROM items
      WHERE author = ? COLLATE NOCASE OR author LIKE ? ESCAPE '\\' OR author LIKE ? ESCAPE '\\'
      LIMIT 3`,
  ).all(subject, `${escaped},%`, `${escaped} %`) as Array<{ author: string }>;
  const exact = rows.find((row) => row.author.toLowerCase() === subject.toLowerCase());
  const byline = rows.filter((row) => row.author.toLowerCase().startsWith(`${subject.toLowerCase()},`));
  // A first name two authors share names neither.
  return (
    exact?.author ??
    (byline.length === 1 ? byline[0]?.author : undefined) ??
    (rows.length === 1 ? rows[0]?.author : undefined)
  );
}

/** A subject that names a topic uses the topic's query; anything else is searched as the user's words. */
async function resolveSubject(deps: Deps, topics: TopicEntry[], subject: string): Promise<Resolved> {
  if (companyWords.test(subject)) return resolveCompany(deps, subject);
  const key = topicKey(subject);
  const topic = findTopic(topics, subject);
  const searchTopic = (found: { name: string; query: string }, asked: string): Resolved => ({
    subject: asked,
    topicName: found.name,
    fts: compileQuery(found.query).toFts(),
    words: tokenize(`${found.name} ${asked}`),
    query: found.query,
  });
  // "Outages", "outage": the topic, titled by its name.
  if (topic) return searchTopic(topic, topicLabel(topic));
  // "globex on itself" ("globex's own posts", "globex staff"): a competitor's own posts and staff
  // first, then coverage of them; anyone else's is the plain answer about them.
  const itself = saidItself.exec(subject);
  if (itself?.[1]) {
    const speaker = await resolveSubject(deps, topics, itself[1]);
    if (findTopic(topics, itself[1])?.kind !== 'competitor') return speaker;
    return {
      ...speaker,
      subject: `${speaker.subject} itself`,
      competitorSpeaks: { who: speaker.subject, about: itselfSaid },
    };
  }
  if (/^(?:competitors?|(?:the\s+)?competition|rivals?|competitive\s+landscape)$/i.test(subject))
    return resolveCompetitors(deps, subject);
  // "us pricing" (our pricing, side by side), "competitor AI": the company's or competitors' topics, on that.
  const group = /^(?:(us|we)|competitors?|rivals?)\s+(.+)$/i.exec(subject);
  // "our mobile app" before any topic of kind company: the mobile app, as everyone's.
  if (group?.[1] && group[2] && topics.every((topic) => topic.kind !== 'company'))
    return resolveSubject(deps, topics, group[2]);
  if (group?.[2]) {
    const whole = group[1] ? await resolveCompany(deps, subject) : await resolveCompetitors(deps, subject);
    return narrowedTo(whole, await resolveSubject(deps, topics, group[2]));
  }
  // "acme pricing", "globex pricing": a company's (or competitor's) topic on a topic, as "us pricing"
  // reads, so "our pricing vs globex" and "acme pricing vs globex pricing" count the same items.
  const pair = /^(\S+)\s+(.+)$/.exec(subject);
  const party = pair?.[1] ? findTopic(topics, pair[1]) : undefined;
  const topicOf = pair?.[2] ? findTopic(topics, pair[2]) : undefined;
  if (party && topicOf && isParty(party)) {
    const both = narrowedTo(searchTopic(party, party.name), searchTopic(topicOf, topicOf.name));
    return isParty(topicOf) ? { ...both, together: [party.name, topicOf.name] } : both;
  }
  // "pricing acme", "pricing at acme", "pricing for us": the same subject, asked the other way round.
  const reversed = /^(.+?)\s+(?:(?:at|for|of|from|by)\s+)?(\S+)$/i.exec(subject);
  const owner = reversed?.[2] ? findTopic(topics, reversed[2]) : undefined;
  if (
    reversed?.[1] &&
    reversed[2] &&
    findTopic(topics, reversed[1]) &&
    ((owner && isParty(owner)) || companyWords.test(reversed[2]))
  )
    return resolveSubject(deps, topics, `${owner?.name ?? 'us'} ${reversed[1]}`);
  // "globex on us" (what globex says about us): the one's items that are about the other.
  const on = /^(.+?)\s+on\s+(.+)$/i.exec(subject);
  // "globex on our pricing": our pricing is the company's topic on pricing ("us pricing").
  const ours = (side: string) => side.replace(/^our\s+(?=\S)/i, 'us ');
  const named = (side: string): boolean =>
    Boolean(findTopic(topics, side)) ||
    companyWords.test(side) ||
    Boolean(/^(?:us|we)\s+(.+)$/i.exec(side)?.[1] && findTopic(topics, side.replace(/^\S+\s+/, '')));
  if (on?.[1] && on[2] && named(on[1]) && named(ours(on[2]))) {
    const [speaker, about] = [
      await resolveSubject(deps, topics, on[1]),
      await resolveSubject(deps, topics, ours(on[2])),
    ];
    const competitor = findTopic(topics, on[1])?.kind === 'competitor';
    return {
      ...narrowedTo(speaker, about),
      subject: `${speaker.subject} on ${about.subject}`,
      ...(competitor ? { competitorSpeaks: { who: speaker.subject, about: about.subject } } : {}),
    };
  }
  // "3", "12 45": numbers alone carry no question.
  if (/^[\d\s.,#-]+$/.test(subject))
    throw new UserError(
      'USAGE',
      `“${subject}” is only a number, not something to search for. Ask about a subject, e.g. \`/brief what are customers saying about pricing\`; for the next sources of your last answer, type \`/brief more\`.`,
    );
  // "why?", "and then?": a follow-up with no subject ("more" alone pages the last answer, in `ask`).
  if (tokenize(subject).every((word) => stopWords.has(word) || /^(?:next|else|then|again)$/.test(word))) {
    throw new UserError(
      'USAGE',
      `“${subject}” is not something to search for. For more of your last answer, type \`/brief more\` or press its *More* button; otherwise ask about a subject, e.g. \`/brief what are customers saying about pricing\`.`,
    );
  }
  const expansion = expandSubject(subject);
  const fts = expansion?.fts ?? freeTextToFts(subject, { inflections: true });
  const found = fts !== null && anyMatch(deps.db.sqlite, fts);
  // "pricng": no item says it, and the topic pricing is one slip away.
  const near =
    fts && !found
      ? closest(
          key,
          topics.map((entry) => entry.name),
        )
      : undefined;
  // "Priya Raman": no item says it, and someone by that name signed some.
  const author = fts && !found ? authorNamed(deps, subject) : undefined;
  if (author) return { subject: author, topicName: null, fts: null, words: tokenize(subject), author };
  const corrected = topics.find((entry) => entry.name === near);
  if (corrected) return { ...searchTopic(corrected, corrected.name), correctedFrom: subject };
  if (!fts) {
    throw new UserError(
      'USAGE',
      'Ask about something with words in it, e.g. `/brief what are customers saying about pricing`.',
    );
  }
  const resolved = {
    subject,
    topicName: null,
    fts,
    words: tokenize(subject),
    dropped: [],
    ...(expansion ? { expansion } : {}),
  };
  if (found) return { ...resolved, fts: withPhrase(fts, subject) };
  const loose = withoutUnknownWords(deps, resolved);
  // "acme pricng": a word no item says, one slip from a topic's name, is that topic, never left out.
  const names = topics.map((entry) => entry.name);
  const slips = (loose.dropped ?? []).flatMap((word) => {
    const name = closest(word, names);
    return name ? [{ word, name }] : [];
  });
  if (slips.length > 0) {
    const topicOf = new Map(slips.map(({ word, name }) => [word, name]));
    const mended = subject.replace(/[\p{L}\p{N}]+/gu, (word) => topicOf.get(word.toLowerCase()) ?? word);
    return {
      ...(await resolveSubject(deps, topics, mended)),
      correctedFrom: slips.map(({ word }) => word).join(' '),
      correctedTo: slips.map(({ name }) => name).join(' and '),
    };
  }
  // "brief pricing", "brief acme pricing": the words left once "brief" is left out name topics, counted as they are.
  // A phrasing keeps its every word ("moving off acme", not "moving acme", which would drop "moving" in turn).
  const kept = tokenize(subject)
    .filter((word) => !loose.dropped?.includes(word))
    .join(' ');
  const again = expandedRuns(kept).length > 0 ? kept : loose.words.join(' ');
  const left = loose.dropped?.length ? await resolveSubject(deps, topics, again) : undefined;
  return left?.query
    ? { ...left, dropped: loose.dropped, ...(loose.droppedAlso ? { droppedAlso: loose.droppedAlso } : {}) }
    : loose;
}

/** "us pricing": the items of `whole` (the company's topics) that are also about `part`, titled "acme pricing". */
function narrowedTo(whole: Resolved, part: Resolved): Resolved {
  const fts = whole.fts && part.fts ? `(${whole.fts}) AND (${part.fts})` : (whole.fts ?? part.fts);
  return {
    subject: `${whole.subject} ${part.subject}`,
    topicName: null,
    fts,
    words: [...whole.words, ...part.words],
    ...(part.expansion ? { expansion: part.expansion } : {}),
    ...(whole.query && part.query ? { query: `(${whole.query}) AND (${part.query})` } : {}),
  };
}

/** The search for a free-text subject: its words, and the other phrasings of any it uses (`price rise`). */
function subjectFts(subject: string): string | null {
  return expandSubject(subject)?.fts ?? freeTextToFts(subject, { inflections: true });
}

/**
 * "acme desk": the items with every word, as before, but those that say it as written rank first
 * ("Acme Desk adds…" above "…help desk market… Acme"). The phrase implies every word, so the
 * items matched (and counted) are the same; BM25 only adds the phrase's weight.
 */
function withPhrase(fts: string, subject: string): string {
  const words = tokenize(subject).filter((word) => !stopWords.has(word));
  if (words.length < 2 || words.length > 6) return fts;
  return `${fts} OR "${words.join(' ').replaceAll('"', '""')}"`;
}

/**
 * "pricing changes at acme" when no item has ever said "changes": the words no item uses, in any
 * form, are left out (and named in the answer), so the other words still find what is said. Only
 * when the whole question matches nothing, and some of its words match something.
 */
function withoutUnknownWords(deps: Deps, resolved: Resolved & { fts: string }): Resolved {
  // Called only when the whole subject matched nothing.
  const words = [...new Set(tokenize(resolved.subject))].filter((word) => !stopWords.has(word));
  // "preview #CNEWS" is a command typed without its group: suggested as such, never searched loosely.
  if (commandGroupsOf[words[0] ?? '']) return resolved;
  // "price hike widgets": a phrasing of a group is kept or left out whole, by what it and the others find.
  const runs = expandedRuns(resolved.subject);
  const matching = words.filter((word) => {
    const fts =
      runs.find((run) => run.words.includes(word))?.fts ?? freeTextToFts(word, { inflections: true });
    return fts !== null && anyMatch(deps.db.sqlite, fts);
  });
  // Only a word that can carry a subject keeps the search going: not "12", not "u0maria01".
  if (!matching.some((word) => /^\p{L}{3,}$/u.test(word)) || matching.length === words.length)
    return resolved;
  const dropped = words.filter((word) => !matching.includes(word));
  const left = tokenize(resolved.subject)
    .filter((word) => !dropped.includes(word))
    .join(' ');
  const expansion = expandSubject(left);
  const kept = expansion?.fts ?? freeTextToFts(matching.join(' '), { inflections: true });
  if (!kept) return resolved;
  const { expansion: _typed, ...rest } = resolved;
  // "any layoffs at globex": "job cuts" and the others were searched too, and no item says them either.
  const droppedAlso = runs
    .filter((run) => run.words.some((word) => dropped.includes(word)))
    .flatMap((run) => run.also);
  return {
    ...rest,
    fts: kept,
    words: matching,
    dropped,
    ...(droppedAlso.length > 0 ? { droppedAlso } : {}),
    ...(expansion ? { expansion } : {}),
  };
}

/**
 * Several topics searched as one, their queries each in parentheses and joined by OR: the topics
 * of kind company for "how are we doing?", every topic for an overview. `none`: what to do when
 * there are none (an error to show, or what to search instead).
 */
async function resolveTopics(
  deps: Deps,
  kind: string | null,
  label: (names: string[]) => string,
  none: UserError | Resolved,
): Promise<Resolved> {
  const topics = await deps.db.prisma.topic.findMany({
    ...(kind ? { where: { kind } } : {}),
    select: { name: true, query: true },
    orderBy: { name: 'asc' },
  });
  if (topics.length === 0) {
    if (none instanceof UserError) throw none;
    return none;
  }
  const names = topics.map((topic) => topic.name);
  return {
    subject: label(names),
    topicName: kind && names.length === 1 ? (names[0] ?? null) : null,
    fts: topics.map((topic) => `(${compileQuery(topic.query).toFts()})`).join(' OR '),
    words: tokenize(names.join(' ')),
    query: topics.map((topic) => `(${topic.query})`).join(' OR '),
  };
}

/**
 * No topic of the kind a question needs ("how are we doing?" before a company topic): only an admin
 * adds one, so the reply depends on who asked (`forAsker`); said as an admin would read it until then.
 */
class NoTopicOfKindError extends UserError {
  constructor(
    code: string,
    readonly problem: string,
    readonly add: string,
    readonly byName: string,
  ) {
    super(code, `${problem} Add one: \`${add}\`; or ask about a name: \`${byName}\`.`);
  }
}

/** A missing company or competitor topic, told to the asker: an admin gets the command, anyone else the admins to ask, by name. */
async function forAsker<T>(deps: Deps, userId: string, resolving: Promise<T>): Promise<T> {
  try {
    return await resolving;
  } catch (error) {
    if (!(error instanceof NoTopicOfKindError)) throw error;
    const hint = (await addOneHint(deps, userId, error.add)).replace(/[^.]$/, '$&.');
    throw new UserError(
      error.code,
      `${error.problem} ${hint} Meanwhile, ask about a name: \`${error.byName}\`.`,
    );
  }
}

function resolveCompany(deps: Deps, subject: string): Promise<Resolved> {
  return resolveTopics(
    deps,
    'company',
    (names) => names.join(' + '),
    new NoTopicOfKindError(
      'NO_COMPANY_TOPIC',
      `I don't know who "${subject}" is: no topic is of kind company.`,
      '/brief topics add acme acme OR "acme desk" kind=company',
      '/brief how is acme doing',
    ),
  );
}

/** "what are competitors doing": the topics of kind competitor, their queries joined by OR. */
function resolveCompetitors(deps: Deps, subject: string): Promise<Resolved> {
  return resolveTopics(
    deps,
    'competitor',
    (names) => names.join(' + '),
    new NoTopicOfKindError(
      'NO_COMPETITOR_TOPIC',
      `I don't know who the ${subject} are: no topic is of kind competitor.`,
      '/brief topics add globex globex OR "globex assist" kind=competitor',
      "/brief what's new with globex",
    ),
  );
}

/** Every topic; before any topic is defined, everything the feeds brought in. */
function overviewSubject(deps: Deps): Promise<Resolved> {
  return resolveTopics(
    deps,
    null,
    (names) => (names.length === 1 ? (names[0] as string) : `your ${names.length} topics`),
    { subject: 'all your feeds', topicName: null, fts: null, words: [] },
  );
}

/** The language told of each item at ingest (null when unknown). */
function languagesOf(sqlite: Sqlite, ids: number[]): Map<number, string | null> {
  if (ids.length === 0) return new Map();
  const rows = sqlite
    .prepare(`SELECT id, language FROM items WHERE id IN (${ids.map(() => '?').join(', ')})`)
    .safeIntegers(false)
    .all(...ids) as Array<{ id: number; language: string | null }>;
  return new Map(rows.map((row) => [row.id, row.language]));
}

/** A tone this share of the mentions has is a side of the conversation an answer must show. */
const sideShare = 0.2;

/** The tones ("negative", then "positive") that at least a fifth of the mentions (and 2) have. */
function dividedTones(counts: EvidenceCounts): string[] {
  return (['negative', 'positive'] as const).filter(
    (tone) => counts.sentiment[tone] >= 2 && counts.sentiment[tone] >= sideShare * toneRead(counts),
  );
}

/** "36% positive, 27% neutral, 36% negative (22 mentions)": for the model. */
function toneLine(counts: EvidenceCounts): string {
  const read = toneRead(counts);
  const share = (value: number) => `${Math.round((value / (read || 1)) * 100)}%`;
  const { positive, neutral, negative } = counts.sentiment;
  const unread = counts.current - read;
  const notRead = unread > 0 ? `; tone not read for ${unread} in other languages` : '';
  return `${share(positive)} positive, ${share(neutral)} neutral, ${share(negative)} negative (${read} mentions${notRead})`;
}

/**
 * The stories in rank order, except that each tone in `tones` missing from the first `slots` has
 * its best-ranked story moved up into the last of them: the items an answer shows first (and
 * summarises) show each side of a divided conversation. Deterministic, so every page agrees.
 */
function balanceTones(
  stories: RankedHit[],
  tones: string[],
  slots: number,
  eligible: (hit: RankedHit) => boolean,
): RankedHit[] {
  const shown = stories.slice(0, slots);
  const missing = tones
    .filter((tone) => !shown.some((hit) => hit.sentiment === tone))
    .map((tone) => stories.findIndex((hit, at) => at >= slots && hit.sentiment === tone && eligible(hit)))
    .filter((index) => index !== -1)
    .sort((a, b) => a - b);
  // The top story always stays first: one story asked for is the biggest, whatever its tone.
  if (missing.length === 0 || missing.length >= slots) return stories;
  // A story several sources tell keeps its place: with few places ("top 3 stories"), a side moved
  // up pushes out only lone posts (the last of them), and is left out when there are too few.
  const rest = stories.filter((_, index) => !missing.includes(index));
  const head = rest.slice(0, slots);
  const lone = head.flatMap((hit, at) => (at > 0 && hit.sourceCount <= 1 ? [at] : []));
  const moved = missing.slice(0, lone.length).map((index) => stories[index] as RankedHit);
  if (moved.length === 0) return stories;
  const out = lone.slice(lone.length - moved.length);
  const tail = stories.filter((hit) => !head.includes(hit) && !moved.includes(hit));
  return [
    ...head.filter((_, at) => !out.includes(at)),
    ...moved,
    ...out.map((at) => head[at] as RankedHit),
    ...tail,
  ];
}

/**
 * Whether a sentence speaks of the subject: it matches the topic's query, or has one of the
 * subject's words in some form. Null when the subject has neither (an author, every item).
 */
function subjectMatcher(resolved: Resolved): ((sentence: string) => boolean) | null {
  if (resolved.author || resolved.fts === null) return null;
  if (resolved.query) {
    const query = compileQuery(resolved.query);
    return (sentence) => query.matches(docFromTokens([tokenize(sentence)]));
  }
  const stems = resolved.words.filter((word) => !stopWords.has(word)).map(wordForm);
  if (stems.length === 0) return null;
  // "price rise": a sentence that says "price increase" speaks of it too.
  const { expansion } = resolved;
  return (sentence) => {
    const tokens = tokenize(sentence);
    return (
      tokens.some((token) => stems.some((stem) => token.startsWith(stem))) ||
      expansion?.says(sentence) === true
    );
  };
}

/**
 * The tone a story takes towards the subject. A story whose title names the subject is about it,
 * and its own tone stands; one that names it only in passing ("Acme's price rise: are you
 * renegotiating? … some are looking at Globex") takes the tone of the sentences that name it, so
 * bad news for Acme is no complaint about Globex. A story whose opening never names it keeps its tone.
 * `byTitleSentence` (a competitor asked about): a title of several sentences takes the tone of those
 * naming it, so "Price war? Globex offers 40% discount to teams switching from Acme" is Globex's
 * move, bad news for Acme, not a complaint about Globex.
 */
function toneTowards(
  hit: RankedHit,
  speaksOf: (sentence: string) => boolean,
  written: ReadonlyMap<number, string | null>,
  byTitleSentence = false,
): string {
  // A review's stars ("(2/5 stars)") are its verdict on everything it says.
  // A story in another language has no tone read, towards anyone.
  if (hit.sentiment === SentimentLabel.Unread || reviewRating(hit.title, '') !== null) return hit.sentiment;
  const language = written.get(hit.id) ?? null;
  if (speaksOf(hit.title)) {
    const sentences = byTitleSentence ? splitSentences(hit.title) : [];
    const naming = sentences.filter(speaksOf);
    return naming.length > 0 && naming.length < sentences.length
      ? scoreSentiment('', naming.join(' '), null, language).label
      : hit.sentiment;
  }
  const said = splitSentences(hit.excerpt).filter(speaksOf);
  return said.length === 0 ? hit.sentiment : scoreSentiment('', said.join(' '), null, language).label;
}

/**
 * Whose story each is, by company or competitor topic: the first of them its title names
 * ("Globex Assist review: Migration from Acme…" is Globex's); a title naming none goes by the
 * item's topics when they name one company only. Stories of no one are left out of the map.
 */
function storyOwners(deps: Deps, known: TopicEntry[], hits: RankedHit[]): Map<number, TopicEntry> {
  const topics = known.filter((topic) => topic.kind === 'competitor' || topic.kind === 'company');
  if (hits.length === 0 || !topics.some((topic) => topic.kind === 'competitor')) return new Map();
  const terms = topics.flatMap((topic) =>
    tokenize(topic.query.replace(/[*"()]/g, ' '))
      .filter((word) => !/^(?:or|and|not)$/.test(word) && !stopWords.has(word))
      .map((word) => ({ word, topic })),
  );
  const linked = partiesCounted(deps, hits);
  const result = new Map<number, TopicEntry>();
  for (const hit of hits) {
    const first = tokenize(hit.title)
      .map((token) => terms.find((term) => token.startsWith(term.word)))
      .find((term) => term !== undefined)?.topic;
    const names = linked.get(hit.id) ?? [];
    const only = names.length === 1 ? topics.find((topic) => topic.name === names[0]) : undefined;
    const owner = first ?? only;
    if (owner) result.set(hit.id, owner);
  }
  return result;
}

/** The company and competitor topics each item counts for, by item id. */
function partiesCounted(deps: Deps, hits: RankedHit[]): Map<number, string[]> {
  const linked = new Map<number, string[]>();
  if (hits.length === 0) return linked;
  const rows = deps.db.sqlite
    .prepare(
      `SELECT it.item_id AS id, t.name AS name FROM item_topics it JOIN topics t ON t.id = it.topic_id
       WHERE t.kind IN ('company', 'competitor') AND it.item_id IN (${hits.map(() => '?').join(',')})`,
    )
    .all(...hits.map((hit) => hit.id)) as Array<{ id: number | bigint; name: string }>;
  for (const row of rows) linked.set(Number(row.id), [...(linked.get(Number(row.id)) ?? []), row.name]);
  return linked;
}

/**
 * The topics, each competitor named as its feeds name it (`feeds list`'s spelling: "INITECH"), and
 * competitors known only by their feed (of kind competitor) whose company has no topic (removed, or
 * never added): named by their feed's title, so their posts and reviews are still attributed.
 */
async function withCompetitorsOfFeeds(deps: Deps, known: TopicEntry[]): Promise<TopicEntry[]> {
  const feeds = await deps.db.prisma.feed.findMany({
    where: { kind: 'competitor' },
    select: { kind: true, title: true, competitor: true },
    orderBy: { id: 'asc' },
  });
  const stored = feeds.flatMap((feed) => competitorOf(feed) ?? []);
  const spelt = (name: string) => {
    const label = stored.find((competitor) => sameCompetitor(competitor, name));
    return label ? { label: competitorLabel(label) } : {};
  };
  const topics = known.map((topic) =>
    topic.kind === 'competitor' ? { ...topic, ...spelt(topic.name) } : topic,
  );
  const names = stored.flatMap((name) =>
    known.some((topic) => sameCompetitor(topic.name, name)) ? [] : [competitorKey(name)],
  );
  return [
    ...topics,
    ...[...new Set(names)].map((name) => ({ name, query: name, kind: 'competitor', ...spelt(name) })),
  ];
}

/** The company or competitor a subject is ("acme", "acme pricing", "us"), when it names one. */
/** "Globex pricing", "Acme globex": a subject with the company's and competitors' names written as names. */
export function partiesNamed(subject: string, parties: string[]): string {
  const names = new Set(parties.map((name) => name.toLowerCase()));
  return subject
    .split(' ')
    .map((word) => (names.has(word.toLowerCase()) ? competitorLabel(word) : word))
    .join(' ');
}

/**
 * For a question read from a message and narrowed to the story it tells ("globex northwind"), the
 * way to the company's or competitor's whole news; null for any other question.
 */
export async function partyStoryNote(deps: Deps, request: AskRequest): Promise<string | null> {
  const [subject] = request.subjects;
  if (request.subjects.length !== 1 || !subject) return null;
  const [party = '', ...words] = subject.split(' ');
  const story = words.join(' ');
  const topics = await deps.db.prisma.topic.findMany({ select: { name: true, kind: true } });
  const named = (name: string) => topics.find((topic) => topic.name.toLowerCase() === name.toLowerCase());
  const whose = named(party);
  // "globex pricing": a topic of its own, with its own answer, is no story narrowed to.
  if (!story || !whose || !isParty(whose) || named(story)) return null;
  return `Narrowed to the story the message tells (“${story}”). For everything on ${competitorLabel(whose.name)}: \`/brief ${whose.name}\`.`;
}

function subjectCompany(known: TopicEntry[], resolved: Resolved): string | null {
  const names = known
    .filter((topic) => topic.kind === 'competitor' || topic.kind === 'company')
    .map((topic) => topic.name)
    .filter((name) => resolved.topicName === name || resolved.words.includes(name));
  return names.length === 1 ? (names[0] ?? null) : null;
}

/** A competitor's own posts among its mentions: the items of its feeds, those that stand for it. */
function ownPostsOf(
  known: TopicEntry[],
  company: string | null,
  counts: EvidenceCounts,
): SubjectAnswer['ownPosts'] {
  const count = company ? (counts.byCompetitor[competitorKey(company)] ?? 0) : 0;
  const competitor = known.find((topic) => topic.name === company && topic.kind === 'competitor');
  if (!company || !competitor || count === 0) return null;
  return { count, by: competitor.label ?? `${company.charAt(0).toUpperCase()}${company.slice(1)}` };
}

/**
 * "globex, a competitor": whose the stories of a side that come after are, when every one of them
 * is another company's; null when some are about something else.
 */
function elsewhereAbout(
  hits: RankedHit[],
  ownerOf: (hit: RankedHit) => TopicEntry | undefined,
): string | null {
  const owners = hits.map(ownerOf);
  if (owners.length === 0 || owners.some((owner) => !owner)) return null;
  const named = [...new Map(owners.map((owner) => [owner?.name, owner as TopicEntry])).values()];
  const names = named.map((owner) => owner.name).join(' and ');
  if (named.every((owner) => owner.kind === 'competitor'))
    return `${names}, ${named.length === 1 ? 'a competitor' : 'competitors'}`;
  return names;
}

/** Whether a voice signs in a feed that stands for the competitor: its staff. */
function staffOf(voice: Tally, competitor: string | null): boolean {
  return voice.kind === 'competitor' && sameCompetitor(voice.feed, competitor);
}

/** "Marcus Lee, VP Sales (Globex)": a competitor's staff, named as theirs among the voices. */
function voiceLabel(voice: Tally, known: TopicEntry[]): string {
  if (voice.kind !== 'competitor' || !voice.feed) return voice.label;
  const theirs = known.find((topic) => topic.kind === 'competitor' && sameCompetitor(topic.name, voice.feed));
  const name = theirs?.label ?? competitorLabel(theirs?.name ?? voice.feed);
  // "Globex Events" names its company already.
  return name && !voice.label.toLowerCase().includes(name.toLowerCase())
    ? `${voice.label} at ${name}`
    : voice.label;
}

/**
 * "Just the press": the press's stories first, then the rest, a competitor's own posts (their
 * marketing) last. Customers side by side ("only reviews"), no side asked for: each column is
 * customers' own words, when the side has any.
 */
function listedAsAsked(ranked: RankedHit[], request: AskRequest, versus: boolean): RankedHit[] {
  if (request.press) {
    const place = (hit: RankedHit) => (hit.feedKind === 'news' ? 0 : hit.feedKind === 'competitor' ? 2 : 1);
    return [0, 1, 2].flatMap((at) => ranked.filter((hit) => place(hit) === at));
  }
  // A side asked for ("complaints from customers") keeps every story, so its note counts them all.
  if (!versus || !request.customers || request.tone) return ranked;
  const theirWords = ranked.filter((hit) => customerKinds.has(hit.feedKind));
  return theirWords.length > 0 ? theirWords : ranked;
}

/** A customer's own words: a review, a forum or a community post. */
function isCustomers(hit: RankedHit): boolean {
  return customerKinds.has(hit.feedKind);
}

/** "What is globex saying about acme": a competitor's own posts first, then coverage of them. */
function ownPostsFirst(ranked: RankedHit[], who: string): RankedHit[] {
  const own = (hit: RankedHit) => isOwnPost(hit, who);
  return [...ranked.filter(own), ...ranked.filter((hit) => !own(hit))];
}

/** "What is globex saying": the summary's sentences from its own posts lead, coverage after. */
function ownWordsFirst(summary: Summary, page: AnswerItem[], who: string): Summary {
  const own = new Set(page.filter((item) => isOwnPost(item, who)).map((item) => item.number));
  const isOwn = (sentence: Summary['sentences'][number]) => sentence.citations.some((at) => own.has(at));
  return {
    ...summary,
    sentences: [...summary.sentences.filter(isOwn), ...summary.sentences.filter((it) => !isOwn(it))],
  };
}

/** A negative post with no rating, as harsh as a review between two stars (-0.5) and three (0). */
const unratedComplaint = -0.4;

/** The customer post that says the worst: the lowest-rated negative review, else the first negative post. */
function harshestVoice(hits: AnswerItem[]): AnswerItem | null {
  const severity = (hit: AnswerItem) => reviewRating(hit.title, hit.excerpt) ?? unratedComplaint;
  const negative = hits.filter((hit) => isCustomers(hit) && hit.sentiment === 'negative');
  return negative.reduce<AnswerItem | null>(
    (worst, hit) => (worst === null || severity(hit) < severity(worst) ? hit : worst),
    null,
  );
}

/**
 * A post that asks ("Best way to export ticket history from Acme?", "Is Globex Assist AI worth it?
 * Real numbers please"): a question, neither praise nor complaint. A review's rating says its side.
 */
function asksOnly(hit: RankedHit): boolean {
  return hit.sentiment === 'positive' && hit.feedKind !== 'review' && asksTitle(hit.title);
}

const noSummary: Summary = { sentences: [], method: 'extractive' };

/** "10 bullets on pricing", "give me 3 bullets on pricing": the summary as that many bullets. */
function bulletsAsked(request: AskRequest): number | undefined {
  return request.count && /\b(?:bullets?|bullet\s+points|points|takeaways)\b/i.test(request.question)
    ? request.count
    : undefined;
}

/**
 * The items a summary is written from: of a side asked for ("complaints about acme"), the stories
 * on that side, when there are any; of a customers question, customers' own words (reviews, forums,
 * communities), when there are any, and otherwise the rest, flagged as no customer's.
 */
function summaryChoice(
  shown: AnswerItem[],
  customers: boolean,
  tone: string | undefined,
  onSide: (hit: RankedHit) => boolean,
): { hits: AnswerItem[]; notFromCustomers: boolean } {
  const sided = tone ? shown.filter(onSide) : [];
  const pool = sided.length > 0 ? sided : shown;
  if (!customers) return { hits: pool, notFromCustomers: false };
  const theirs = (hits: AnswerItem[]) => hits.filter((hit) => customerKinds.has(hit.feedKind));
  // "Why are customers angry about pricing": their own words on that side, with the others of that
  // tone (a 2-star review); none on that side, the side's stories, flagged.
  const words =
    sided.length > 0
      ? theirs(sided).length > 0
        ? theirs(shown).filter((hit) => sided.includes(hit) || (hit.sentiment === tone && !asksOnly(hit)))
        : []
      : theirs(shown);
  return words.length > 0 ? { hits: words, notFromCustomers: false } : { hits: pool, notFromCustomers: true };
}

/** The same story, in two lists: the same item, or items of one cluster. */
export function sameStory(a: RankedHit, b: RankedHit): boolean {
  return a.id === b.id || (a.clusterId !== null && a.clusterId === b.clusterId);
}

/**
 * The summary of these items, by the model when there is one, else extractive; its citations are
 * the items' numbers. `avoid`: side by side, the other side's words.
 */
async function summarise(
  deps: Deps,
  request: AskRequest,
  resolved: Resolved,
  hits: AnswerItem[],
  counts: EvidenceCounts,
  cover: string[],
  options: {
    avoid?: string[];
    column?: boolean;
    theme?: (sentence: string) => boolean;
    first?: AnswerItem | null;
  },
): Promise<Summary> {
  if (hits.length === 0) return noSummary;
  const first = options.first ? hits.indexOf(options.first) + 1 : 0;
  const sources: SummarySource[] = hits.map((hit) => ({
    title: hit.title,
    excerpt: hit.excerpt,
    site: hit.feedTitle,
    publishedAt: hit.publishedAt,
    sentiment: hit.sentiment,
    sourceCount: hit.sourceCount,
    kind: hit.feedKind,
    ...(hit.about ? { about: hit.about } : {}),
  }));
  const bullets = bulletsAsked(request);
  // A subject in the user's own words ("our mobile app") is narrow: a topic or a company is not.
  const narrow = !resolved.query && !resolved.author && resolved.fts !== null;
  const summary =
    (deps.llm
      ? await summarizeWithModel(deps.llm, deps.config.OPENAI_MODEL, request.question, sources, {
          logger: deps.logger,
          timeoutMs: deps.config.OPENAI_TIMEOUT_MS,
          tone: toneLine(counts),
          ...(bullets ? { bullets } : {}),
        })
      : null) ??
    summarizeExtractive(resolved.words, sources, bullets ?? 3, cover, {
      narrow,
      now: deps.clock.now(),
      ...(options.avoid ? { avoid: options.avoid } : {}),
      ...(options.column ? { column: true } : {}),
      ...(options.theme ? { theme: options.theme } : {}),
      ...(first > 0 ? { first } : {}),
      // A count asked for, or a narrow column, has no room for one more sentence.
      ...(bullets || options.column ? { exact: true } : {}),
    });
  // Numbers in the summary are the items' numbers in the answer.
  return {
    ...summary,
    ...(bullets ? { bullets: true } : {}),
    sentences: summary.sentences.map((sentence) => ({
      ...sentence,
      citations: sentence.citations.map((citation) => hits[citation - 1]?.number ?? citation),
    })),
  };
}

/**
 * Side by side: a story both sides list is named once (the "Both" line), so each side's summary
 * is of what is its own, and names the other side only when it has nothing else to say.
 */
async function summariseSideBySide(
  deps: Deps,
  request: AskRequest,
  sides: Array<{ answer: SubjectAnswer; resolved: Resolved }>,
): Promise<void> {
  for (const [at, side] of sides.entries()) {
    const other = sides[1 - at];
    if (!other) continue;
    const { answer, resolved } = side;
    const own = answer.items.filter(
      (item) =>
        answer.summaryFrom.includes(item.number) &&
        !other.answer.items.some((theirs) => sameStory(item, theirs)),
    );
    const avoid = other.resolved.words.filter(
      (word) => !stopWords.has(word) && !resolved.words.includes(word),
    );
    const cover = request.tone ? [] : dividedTones(answer.counts);
    answer.summary = await summarise(deps, request, resolved, own, answer.counts, cover, {
      avoid,
      column: true,
    });
    // "Is globex cheaper than us" quotes the price figures of the sources as ranked, by their numbers.
    if (!request.price) citedFirst(answer, request.customers === true);
  }
}

/**
 * A side's sources its summary cites listed first, numbered from 1 as they read ("… [1] … [2]"), so
 * the "[2]" an executive reads is near the top, never after a source it does not cite; customers'
 * words still before the rest when theirs were asked for.
 */
function citedFirst(answer: SubjectAnswer, customers: boolean): void {
  const cited = new Set(answer.summary.sentences.flatMap((sentence) => sentence.citations));
  const place = (item: AnswerItem) =>
    (customers && !customerKinds.has(item.feedKind) ? 2 : 0) + (cited.has(item.number) ? 0 : 1);
  const ordered = answer.items
    .map((item, at) => ({ item, at }))
    .sort((a, b) => place(a.item) - place(b.item) || a.at - b.at)
    .map(({ item }) => item);
  if (ordered.every((item, at) => item === answer.items[at])) return;
  const numbers = answer.items.map((item) => item.number);
  const renumbered = new Map(ordered.map((item, at) => [item.number, numbers[at] ?? item.number]));
  const to = (number: number) => renumbered.get(number) ?? number;
  answer.items = ordered.map((item) => ({ ...item, number: to(item.number) }));
  answer.summary = {
    ...answer.summary,
    sentences: answer.summary.sentences.map((sentence) => ({
      ...sentence,
      citations: sentence.citations.map(to),
    })),
  };
  answer.summaryFrom = answer.summaryFrom.map(to);
  answer.sideElsewhereNumbers = answer.sideElsewhereNumbers.map(to).sort((a, b) => a - b);
}

async function answerSubject(
  deps: Deps,
  request: AskRequest,
  resolved: Resolved,
  known: TopicEntry[],
  window: EvidenceWindow,
  offset: number,
  summaryItems: number,
  size: number,
  later: boolean,
  versus: boolean,
  /** The stories the pages before have shown; null: the page at `offset` of this ranking. */
  seen: Seen | null = null,
  /** Customers' or the press's words asked for and none found: count every mention instead. */
  everyMentionIfNone = true,
): Promise<SubjectAnswer> {
  const weights = request.customers
    ? customerKindWeights
    : request.press
      ? pressKindWeights
      : defaultKindWeights;
  // A competitor's staff are listed apart from its voices: enough are read for five of each.
  const rival = request.overview
    ? null
    : known.find((topic) => topic.kind === 'competitor' && topic.name === subjectCompany(known, resolved));
  // "What the press is saying": the figures count the news, when there is any; "what customers are
  // saying": customers' own words, when there are any. The rest is listed after them.
  const countKinds = request.press ? ['news'] : request.customers ? [...customerKinds] : null;
  const gather = (kinds: string[] | null) =>
    deps.evidence.gather(resolved.fts, window, {
      ...(kinds ? { countKinds: kinds } : {}),
      ...(rival ? { contributors: 2 * contributorsShown } : {}),
      limit: rankedPool + offset * 3,
      ...(weights ? { kindWeights: weights } : {}),
      // The breakdown is shown with the first page only.
      ...(request.overview && offset === 0 ? { topicVolumes: true } : {}),
      ...(request.overview ? { everyMatchEqual: true } : {}),
      storyWeights: true,
      ...(request.tone ? { voicesTone: request.tone } : {}),
      // Customers' voices are theirs; a side's voices are those with opinions, not reporters or a
      // competitor's own staff.
      ...(request.customers
        ? { voiceKinds: [...customerKinds] }
        : request.tone
          ? { voiceKinds: opinionKinds }
          : {}),
      ...(resolved.author ? { author: resolved.author } : {}),
      ...(request.language ? { language: request.language } : {}),
      // Side by side, a competitor's card counts what others said, in every figure alike; one side
      // of it, its own posts are set aside (its launch post is no praise of it).
      ...((versus || request.tone) && rival ? { othersOnlyOf: competitorKey(rival.name) } : {}),
      // The side asked for, and the words counted, are ranked among themselves too, so the best of
      // them are listed however far down all the mentions they rank.
      ...(kinds || request.tone
        ? { alsoRanked: { ...(kinds ? { kinds } : {}), ...(request.tone ? { tone: request.tone } : {}) } }
        : {}),
    });
  const asked = await gather(countKinds);
  const gathered =
    everyMentionIfNone && asked.counts.current === 0 && totalOf(asked.counts.byKind) > 0
      ? await gather(null)
      : asked;
  // "What's the biggest story": one event, told in full by its sources.
  const single = request.count === 1 && !bulletsAsked(request);
  // Another company's story: in an overview ("any good news?" is ours), a competitor's; about a
  // company, another's ("Globex Assist review: Migration from Acme…" is no Acme customer's praise).
  const owners = storyOwners(deps, known, gathered.ranked);
  const company = request.overview ? null : subjectCompany(known, resolved);
  // Bad news that counts for us is ours, whoever's story it is: "Globex offers 40% to teams switching
  // from Acme" is a worry for Acme, not a Globex item to list after Acme's (their praise is theirs).
  // Side by side, each story is in one column only: the one whose story it is.
  const ours = versus
    ? null
    : request.overview
      ? known.find((topic) => topic.kind === 'company')?.name
      : company;
  const counted = partiesCounted(deps, gathered.ranked);
  const oursToo = (hit: RankedHit) =>
    hit.sentiment === 'negative' && Boolean(ours) && (counted.get(hit.id) ?? []).includes(ours ?? '');
  const theirs = new Set(
    gathered.ranked
      .filter((hit) => {
        const owner = owners.get(hit.id);
        if (!owner || oursToo(hit)) return false;
        return request.overview ? owner.kind === 'competitor' : company && owner.name !== company;
      })
      .map((hit) => hit.id),
  );
  // About a subject, each item is listed, and the report of an event is ranked where the event
  // ranks (the news story the threads and reviews react to, before them and before a lone post that
  // says the subject's words more often; see retellingsCounted), unless it is another company's story
  // (their launch is not our news); an overview and the biggest story rank whole events so (see
  // storiesOf below). One side asked for, or two side by side, keep each item's rank.
  const evidence =
    request.overview || single || versus || request.tone
      ? gathered
      : { ...gathered, ranked: retellingsCounted(gathered.ranked, (hit) => !theirs.has(hit.id)) };
  const { counts } = evidence;
  // Customers' own words counted: they are listed first, the rest after them.
  const customersCounted = request.customers === true && gathered === asked;
  const sources = evidence.sources.slice(0, contributorsShown);
  const voices = evidence.voices.map((voice) => ({ ...voice, label: voiceLabel(voice, known) }));
  // "Complaints about acme": the side asked for comes first; otherwise each side of a divided
  // conversation is shown.
  const tone = request.tone;
  const divided = tone ? [] : dividedTones(counts);
  // Side by side, or customers' words, another company's stories come after the subject's own (and
  // a story of both is told by its own item: "Acme raises prices", not "Globex offers 40%… from Acme").
  const ownFirst = versus || request.customers;
  const ranked = resolved.competitorSpeaks
    ? ownPostsFirst(evidence.ranked, resolved.competitorSpeaks.who)
    : listedAsAsked(evidence.ranked, request, versus);
  const ordered = ownFirst
    ? [...ranked.filter((hit) => !theirs.has(hit.id)), ...ranked.filter((hit) => theirs.has(hit.id))]
    : ranked;
  const listed = customersCounted
    ? [...ordered.filter(isCustomers), ...ordered.filter((hit) => !isCustomers(hit))]
    : ordered;
  // In an overview, and for the biggest story, an event told in different words (the news story,
  // forum threads and reviews of one outage) is one story, listed by its best-ranked item and
  // counted by all its sources. About a subject, its items are the answer: each is listed; so are
  // the items of one side asked for ("anything I should worry about"), each of that side's own.
  // Ranked as found (nothing put first), an event more sources tell ranks higher.
  const events =
    (request.overview || single) && !tone
      ? storiesOf(listed, { byCoverage: listed === evidence.ranked })
      : null;
  const storyOf = new Map<number, Story<RankedHit>>(events?.map((story) => [story.lead.id, story]) ?? []);
  const deduped = events
    ? events.map((story) => ({ ...story.lead, sourceCount: story.sources }))
    : dedupeStories(listed);
  // One side asked for: the stories on that side of the subject itself, not of whatever else they
  // are about; a story of that tone about something else comes after them.
  const speaksOf = tone && !request.overview ? subjectMatcher(resolved) : null;
  // Each mention's language, for its sentences read in it (German ones by the German lexicon).
  const written = speaksOf
    ? languagesOf(
        deps.db.sqlite,
        ranked.map((hit) => hit.id),
      )
    : new Map<number, string | null>();
  // A competitor's own move in a title framed as someone's bad news ("Price war? Globex offers…") is
  // read by the sentence that names it; bad news naming our company stays ours (see `ours` above).
  const byTitleSentence = known.some((topic) => topic.kind === 'competitor' && topic.name === company);
  const towardsSubject = (hit: RankedHit) =>
    speaksOf ? toneTowards(hit, speaksOf, written, byTitleSentence) : hit.sentiment;
  const towards = new Map(deduped.map((hit) => [hit.id, towardsSubject(hit)]));
  // Whose bad news such a story is: the company's, when it counts for it.
  const companyTopic = known.find((topic) => topic.kind === 'company');
  const badNewsFor = (hit: RankedHit) =>
    companyTopic && (counted.get(hit.id) ?? []).includes(companyTopic.name) ? companyTopic : undefined;
  // Only a story of that tone can be on the side (its mark shows the tone); among them, those whose
  // words about the subject take another tone, or that are another company's, come after.
  // A competitor's own posts are its own words, neither its praise nor complaints about it.
  const ownOfSubject = (hit: RankedHit) =>
    Boolean(rival) && !resolved.competitorSpeaks && isOwnPost(hit, rival?.name);
  const ofTone = (hit: RankedHit) => hit.sentiment === tone && !asksOnly(hit) && !ownOfSubject(hit);
  const onSide = (hit: RankedHit) => ofTone(hit) && towards.get(hit.id) === tone && !theirs.has(hit.id);
  // "Top 3 stories" lists them by rank alone, as App Home does: the best story of a side missing
  // from them is offered besides, never put in place of one of them.
  const rankOnly = Boolean(request.count) && !bulletsAsked(request);
  // Another company's story is never the subject's other side ("Migration from Acme took two
  // weeks" is Globex's praise), and a question asked ("Best way to export…?") is no praise.
  // Customers counted, only a customer's words are a side of what customers say.
  const sideEligible = (hit: RankedHit) =>
    !theirs.has(hit.id) && !asksOnly(hit) && (!customersCounted || isCustomers(hit));
  // What a competitor says: its own posts, then what others said of them, never reordered.
  const balanced =
    tone || resolved.competitorSpeaks ? deduped : balanceTones(deduped, divided, summaryItems, sideEligible);
  const stories = tone
    ? [
        ...deduped.filter(onSide),
        ...deduped.filter((hit) => !onSide(hit) && ofTone(hit)),
        ...deduped.filter((hit) => !ofTone(hit)),
      ]
    : rankOnly
      ? deduped
      : balanced;
  // Of the tone, but not about the subject: counted, as the note counts them, among customers' posts alone when those are counted.
  const elsewhereOfTone = (hit: RankedHit) =>
    ofTone(hit) && !onSide(hit) && (!customersCounted || isCustomers(hit));
  const elsewhere = tone ? deduped.filter(elsewhereOfTone).length : 0;
  const byRank = deduped.slice(0, summaryItems);
  // Offered besides, never in place of one, whatever sources tell the stories ranked; as many sides
  // as there are stories at most (the biggest story alone is offered none).
  const missingSides = divided.filter((side) => !byRank.some((hit) => hit.sentiment === side));
  const besides =
    rankOnly && offset === 0 && missingSides.length < summaryItems
      ? missingSides
          .flatMap((side) => {
            const best = deduped.find(
              (hit, at) => at >= summaryItems && hit.sentiment === side && sideEligible(hit),
            );
            return best ? [best] : [];
          })
          .sort((a, b) => deduped.indexOf(a) - deduped.indexOf(b))
          .map((hit) => ({ ...hit, number: 0, otherSources: Math.max(0, hit.sourceCount - 1) }))
      : [];
  // The press's figures count the news only: a competitor's own posts are none of them.
  const ownPosts = request.press && gathered === asked ? null : ownPostsOf(known, company, counts);
  // Every mention on the side, not one a story: each voice and source counts what it said.
  const sided = tone
    ? talliesOf(
        ranked.filter(
          (hit) =>
            ofTone(hit) &&
            towardsSubject(hit) === tone &&
            !theirs.has(hit.id) &&
            !(ownPosts && isOwnPost(hit, company)),
        ),
        request.customers ? [...customerKinds] : opinionKinds,
      )
    : null;
  const sideWho = sided && {
    ...sided,
    voices: sided.voices.map((voice) => ({ ...voice, label: voiceLabel(voice, known) })),
  };
  // A later page reads more mentions, so stories may rank or group otherwise than on the pages
  // before: it goes on with those not shown yet, in this ranking, so none shows twice or is passed over.
  const tellingsOf = (hit: RankedHit) => storyOf.get(hit.id)?.items ?? [hit];
  const shownBefore = seen && { items: new Set(seen.items), clusters: new Set(seen.clusters) };
  const unseen = shownBefore
    ? stories.filter(
        (hit) =>
          !tellingsOf(hit).some(
            (told) =>
              shownBefore.items.has(told.id) ||
              (told.clusterId !== null && shownBefore.clusters.has(told.clusterId)),
          ),
      )
    : stories.slice(offset);
  // The biggest story lists every source telling it, once, after its lead.
  const lead = single ? unseen[0] : undefined;
  const told = lead ? storyOf.get(lead.id) : undefined;
  const shownHits = lead ? [lead, ...(told?.listed.slice(1, storyItemsShown) ?? [])] : unseen.slice(0, size);
  const shownTellings = shownHits.flatMap(tellingsOf);
  const languages = languagesOf(
    deps.db.sqlite,
    shownHits.map((hit) => hit.id),
  );
  const page = shownHits.map((hit, index) => {
    const owner = owners.get(hit.id);
    // A competitor's customer quoted about a theme ("pricing") is named as theirs, never as ours.
    const rivals = !versus && isCustomers(hit) && owner?.kind === 'competitor' && owner.name !== company;
    const about = theirs.has(hit.id) || rivals ? owner?.name : undefined;
    return {
      ...hit,
      number: offset + index + 1,
      otherSources: Math.max(0, hit.sourceCount - 1),
      language: languages.get(hit.id) ?? null,
      ...(about ? { about } : {}),
      ...(hit === lead ? { mentions: told?.items.length ?? 1 } : {}),
    };
  });
  // "price rise": "price increase" is the subject too, never one of its themes.
  const exclude = new Set([...resolved.words, ...(resolved.expansion?.words ?? [])]);
  // The press's themes are the news stories', customers' their own words', as their other figures are.
  const countedStories = countKinds ? stories.filter((hit) => countKinds.includes(hit.feedKind)) : [];
  const themed = countedStories.length > 0 ? countedStories : stories;
  const themes = keyPhrases(
    themed.map((hit) => `${hit.title}. ${hit.excerpt.slice(0, 300)}`),
    exclude,
    5,
    [...new Set(themed.flatMap((hit) => (hit.feedTitle ? [hit.feedTitle] : [])))],
  );
  const customerVoices = Object.entries(counts.byKind)
    .filter(([kind]) => customerKinds.has(kind))
    .reduce((sum, [, count]) => sum + count, 0);
  // "10 bullets on pricing": every source shown may give a bullet.
  const bullets = bulletsAsked(request);
  // The biggest story is summed up from every source of it shown.
  const summedFrom = bullets || lead ? page : page.slice(0, summaryItems);
  // "What the press is saying": the summary keeps to the news stories shown, when there are any.
  const news = request.press ? summedFrom.filter((hit) => hit.feedKind === 'news') : [];
  const choice = summaryChoice(news.length > 0 ? news : summedFrom, request.customers, tone, onSide);
  // A theme ("pricing"), not a company: each source is summed up by what it says of the theme.
  const theme =
    request.overview || company || subjectCompany(known, resolved) || resolved.competitorSpeaks
      ? null
      : subjectMatcher(resolved);
  // What customers say, told whole: the harshest of their voices is said first, when one is negative.
  const harshest = request.customers && !tone ? harshestVoice(choice.hits) : null;
  const summed = later
    ? noSummary
    : await summarise(deps, request, resolved, choice.hits, counts, divided, {
        ...(theme ? { theme } : {}),
        first: harshest,
      });
  const summary = resolved.competitorSpeaks
    ? ownWordsFirst(summed, page, resolved.competitorSpeaks.who)
    : summed;
  // "What globex says itself": its staff are named apart, as its own, and first.
  const speaksOfOther = resolved.competitorSpeaks && resolved.competitorSpeaks.about !== itselfSaid;
  const othersVoices =
    ownPosts && !speaksOfOther ? voices.filter((voice) => !staffOf(voice, company)) : voices;
  return {
    subject: resolved.subject,
    label: partiesNamed(
      resolved.subject,
      known.filter(isParty).map((topic) => topic.name),
    ),
    topicName: resolved.topicName,
    counts,
    items: page,
    hasMore: unseen.length > size,
    themes,
    sources,
    // A competitor's staff are its own voice, not people saying something about it (another
    // competitor's staff are).
    voices: othersVoices.slice(0, contributorsShown),
    voicesTotal: othersVoices.length,
    ownVoices:
      ownPosts && !speaksOfOther
        ? evidence.voices.filter((voice) => staffOf(voice, company)).slice(0, contributorsShown)
        : [],
    summary,
    customerVoices,
    otherVoices: totalOf(counts.byKind) - customerVoices,
    // Customers' words counted, a competitor's own posts are none of the figures: the header and
    // share of voice leave nothing of theirs out (they are still kept off the side's tallies).
    ownPosts: customersCounted ? null : ownPosts,
    othersCounts: versus && ownPosts && !customersCounted ? (evidence.others ?? null) : null,
    sideWho,
    besides,
    speaker: resolved.competitorSpeaks
      ? {
          ...resolved.competitorSpeaks,
          // "What Globex is saying about Acme pricing": the party spoken of is named as titles name it.
          about: partiesNamed(
            resolved.competitorSpeaks.about,
            known.filter(isParty).map((topic) => topic.name),
          ),
          own: counts.byCompetitor[competitorKey(resolved.competitorSpeaks.who)] ?? 0,
        }
      : null,
    byTopic: evidence.byTopic,
    allFeeds: resolved.fts === null && !resolved.author,
    author: resolved.author ?? null,
    together: resolved.together ?? null,
    sideElsewhere: elsewhere,
    // Only the numbers of the page being read: a note never points at a page not shown.
    sideElsewhereNumbers: page.filter(elsewhereOfTone).map((hit) => hit.number),
    sideElsewhereAbout: elsewhereAbout(deduped.filter(elsewhereOfTone), (hit) =>
      theirs.has(hit.id) ? owners.get(hit.id) : byTitleSentence ? badNewsFor(hit) : undefined,
    ),
    summaryFrom: choice.hits.map((hit) => hit.number),
    summaryNotFromCustomers: choice.notFromCustomers,
    sideTowards: tone ? deduped.filter(onSide).length : 0,
    sideOwn:
      tone === 'positive' || tone === 'negative'
        ? counts.sentiment[tone] -
          (evidence.others && rival ? evidence.others.sentiment[tone] : counts.sentiment[tone])
        : 0,
    sideAsking:
      tone === 'positive'
        ? ranked.filter((hit) => asksOnly(hit) && (!customersCounted || isCustomers(hit))).length
        : 0,
    dropped: resolved.dropped ?? [],
    alsoSearched: resolved.expansion?.also ?? [],
    droppedAlso: resolved.droppedAlso ?? [],
    correctedFrom: resolved.correctedFrom ?? null,
    correctedTo: resolved.correctedTo ?? null,
    seen: {
      items: [...new Set([...(seen?.items ?? []), ...shownTellings.map((hit) => hit.id)])],
      clusters: [
        ...new Set([
          ...(seen?.clusters ?? []),
          ...shownTellings.flatMap((hit) => (hit.clusterId === null ? [] : [hit.clusterId])),
        ]),
      ],
    },
  };
}

/**
 * The most important stories of the last `days` across every topic (across all feeds before any
 * topic exists), ranked as the overview ranks them, one item per story: App Home's headlines.
 */
export async function topStories(
  deps: Deps,
  options: { days: number; count: number },
): Promise<{ stories: AnswerItem[]; counts: EvidenceCounts | null }> {
  if ((await deps.db.prisma.feed.count()) === 0) return { stories: [], counts: null };
  const resolved = await overviewSubject(deps);
  const now = deps.clock.now();
  const since = new Date(now.getTime() - options.days * dayMs);
  // The window before too, so Home can say how the volume moved.
  const previousSince = new Date(since.getTime() - options.days * dayMs);
  const evidence = await deps.evidence.gather(
    resolved.fts,
    { since, until: now, previousSince, latest: new Date(now.getTime() + futureDatedMs) },
    // As many as the overview reads, so its events, and their coverage, are the overview's.
    {
      limit: Math.max(rankedPool, options.count * 4),
      storyWeights: true,
      kindWeights: defaultKindWeights,
      everyMatchEqual: true,
    },
  );
  // One event told in different words is one headline, counting every source of it.
  const stories = storiesOf(evidence.ranked)
    .slice(0, options.count)
    .map(({ lead, sources }, index) => ({
      ...lead,
      sourceCount: sources,
      number: index + 1,
      otherSources: Math.max(0, sources - 1),
    }));
  return { stories, counts: evidence.counts };
}

/** The evidence window of an asked window, and the window of the same length just before it. */
function evidenceWindow(window: AskWindow, now: number, zone: string): EvidenceWindow {
  const { since, until } = window;
  // "This week" so far is compared with the same part of last week, not the weekend just before it:
  // the same local day and hour a week back, so a change of the clocks in between moves nothing.
  const lastWeek = weekSoFar(window);
  return {
    since,
    until,
    ...(lastWeek
      ? { previousSince: weekBefore(since, zone), previousUntil: weekBefore(until, zone) }
      : { previousSince: new Date(since.getTime() - (until.getTime() - since.getTime())) }),
    // A window that ends now also takes what was published this very moment, and items a
    // publisher dated ahead (a wrong time zone is common): they are today's news, not tomorrow's.
    ...(until.getTime() >= now ? { latest: new Date(now + futureDatedMs) } : {}),
  };
}

/** The same local time of day 7 local days before `at` in a time zone (not 7×24 hours: the clocks may change). */
function weekBefore(at: Date, zone: string): Date {
  const midnight = startOfLocalDay(at, zone);
  return new Date(startOfLocalDay(at, zone, -7).getTime() + (at.getTime() - midnight.getTime()));
}

/** "This week", not yet a whole week: compared with the same part of last week. */
export function weekSoFar(window: { since: Date; until: Date; label?: string }): boolean {
  return (
    window.label === 'this week' && window.until.getTime() - window.since.getTime() < 7 * dayMs - 3600_000
  );
}

/** What an ask log keeps of the stories its pages showed, by column ("0", "1"). */
const SeenColumns = z.record(
  z.string(),
  z.object({ items: z.array(z.number()), clusters: z.array(z.number()) }),
);

/** How long after a page its More (or `/brief more`) goes on from the stories it showed. */
const pagesKeptMs = 7 * dayMs;

/**
 * The stories shown up to the page before `offset` of `question` (the page at `previous`), as the
 * latest log of that page read by one of `readers` kept them; null on a first page, or with no such log.
 */
async function seenBefore(
  deps: Deps,
  question: string,
  offset: number,
  previous: number,
  readers: string[],
): Promise<Record<string, Seen> | null> {
  if (offset === 0) return null;
  const log = await deps.db.prisma.askLog.findFirst({
    where: {
      userId: { in: readers },
      question: question.slice(0, 1000),
      offset: previous,
      at: { gte: new Date(deps.clock.now().getTime() - pagesKeptMs) },
    },
    orderBy: { id: 'desc' },
    select: { seen: true },
  });
  const parsed = log ? SeenColumns.safeParse(JSON.parse(log.seen)) : null;
  return parsed?.success ? parsed.data : null;
}

/** "What are customers saying about X?": evidence, summary, sentiment, trend and sources. */
export async function answerQuestion(
  deps: Deps,
  typed: AskRequest,
  /** `typed`: the asker's own words for it, kept for replies that name it back (`askedWords`). */
  options: {
    userId: string;
    offset?: number;
    logAs?: string;
    typed?: string;
    /** Whose logged pages a page goes on from: the asker's, and a shared answer's (see `sharedAnswerOwner`). */
    readers?: string[];
  },
): Promise<Answer> {
  // Read once: the subjects' topics, the competitors of an overview's side, the suggestions.
  const known = await deps.db.prisma.topic.findMany({
    select: { name: true, displayName: true, query: true, kind: true },
  });
  // "outage since the launch": the period from the event's first telling, looked up among the stories.
  const original = await withEventPeriod(deps, known, languageAsTopic(known, typed));
  if (original.subjects.length === 0 && !original.overview) {
    throw new UserError(
      'USAGE',
      'Ask about something, e.g. `/brief what are customers saying about pricing last 30 days`.',
    );
  }
  // No feed at all: every question gets the same reply, never a "Nothing about …" read as a quiet week.
  const setup = await readSetup(deps);
  if (setup.feeds === 0)
    throw new UserError('NO_FEEDS', (await missingFeedsText(deps, options.userId, setup)) ?? '');
  const offset = options.offset ?? 0;
  const topics = original.overview ? [] : known;
  // Whose stories are whose: the company and competitor topics, and competitors known only by a feed.
  const parties = await withCompetitorsOfFeeds(deps, known);
  const split = splitTopics(topics, original);
  const named = split ? null : topicsNamedIn(deps, topics, original);
  const keyWords = split || named ? null : keyWordsOf(deps, topics, original);
  const request =
    split || named
      ? {
          ...original,
          subjects: (split ?? named ?? []).slice(0, 2),
          // "…what customers think about our pricing…": customers' own voices first, as asked.
          customers:
            original.customers || Boolean(named && /\bcustomers?\b/i.test(original.subjects[0] ?? '')),
          ...(split && split.length > 2 ? { leftOut: split.slice(2) } : {}),
        }
      : keyWords
        ? {
            ...original,
            subjects: [keyWords],
            notes: [
              ...(original.notes ?? []),
              `Nothing matches the whole question, so this is about its key words: “${keyWords}”. For something else, ask in a few words, e.g. \`/brief what are customers saying about pricing\`.`,
            ],
          }
        : original;
  const resolvers = request.overview
    ? [() => overviewSubject(deps)]
    : request.subjects.map((subject) => () => resolveSubject(deps, topics, subject));
  const searched: Resolved[] = [];
  for (const resolve of resolvers) searched.push(await forAsker(deps, options.userId, resolve()));
  // "is acme winning", asked by acme: the company against its competitors, not against itself.
  const ours = request.subjects.findIndex((subject) => companyWords.test(subject));
  if (searched.length === 2 && ours >= 0 && searched[0]?.subject === searched[1]?.subject)
    searched[1 - ours] = await forAsker(deps, options.userId, resolveCompetitors(deps, 'competitors'));
  // Side by side shows three items each (and More three more): the summaries may only cite those.
  const size = pageStep(request, searched.length);
  // A later page goes on after the stories the page before it showed, as it logged them.
  const seen = await seenBefore(deps, request.question, offset, offset - size, [
    ...(options.readers ?? []),
    options.logAs ?? options.userId,
  ]);
  // `earlier`: the earlier of two periods compared, 3 stories a page (its column "earlier" in the log).
  const answerIn = async (asked: AskRequest, earlier = false): Promise<SubjectAnswer[]> => {
    const window = evidenceWindow(asked.window, deps.clock.now().getTime(), deps.config.DEFAULT_TIMEZONE);
    const step = earlier ? earlierStoriesShown : size;
    // Side by side, each summary waits for the other side's sources (see summariseSideBySide).
    const later = searched.length === 2 && offset === 0;
    const answerEach = async (everyMentionIfNone: boolean) => {
      const each: SubjectAnswer[] = [];
      for (const [column, resolved] of searched.entries())
        each.push(
          await answerSubject(
            deps,
            asked,
            resolved,
            parties,
            window,
            Math.floor((offset / size) * step),
            Math.min(step, pageSize),
            step,
            later,
            searched.length === 2,
            seen?.[earlier ? 'earlier' : String(column)] ?? null,
            everyMentionIfNone,
          ),
        );
      return each;
    };
    // Customers' words side by side: a side none of whose mentions is a customer's counts none (its
    // share of voice among customers is nil), unless neither side has any, when both count every mention.
    const customersSides = asked.customers === true && searched.length === 2;
    let subjects = await answerEach(!customersSides);
    if (
      customersSides &&
      subjects.every((subject) => subject.counts.current === 0) &&
      subjects.some((subject) => totalOf(subject.counts.byKind) > 0)
    )
      subjects = await answerEach(true);
    // The earlier period of two sides is counted, never summed up: its cards show figures only.
    if (later && !earlier)
      await summariseSideBySide(
        deps,
        asked,
        subjects.map((answer, at) => ({ answer, resolved: searched[at] as Resolved })),
      );
    return subjects;
  };
  // A customers answer counts their own words, but found (and widens for) every mention.
  const mentions = (subjects: SubjectAnswer[]) =>
    subjects.reduce(
      (sum, subject) => sum + (request.customers ? totalOf(subject.counts.byKind) : subject.counts.current),
      0,
    );
  let asked = request;
  let subjects = await answerIn(asked);
  let widenedFrom: string | null = null;
  // "What's new this week" on a Monday: the week has only begun (nothing yet, or a day's few
  // mentions against a whole week before), so the last 7 days answer, and the note says why.
  const { fallbackDays, youngDays } = request.window;
  const soFar = mentions(subjects);
  const young = youngDays !== undefined && request.window.days <= youngDays;
  // "Today" at breakfast: the last 24 hours; when they hold no more either, the last 7 days.
  const fallbacks = fallbackDays === 1 ? [1, 7] : fallbackDays ? [fallbackDays] : [];
  // "last month" (October) held nothing: the last 30 days, another reading of the words, not a wider window.
  const past = request.window.until.getTime() < deps.clock.now().getTime() - 60_000;
  for (const days of soFar === 0 || young ? fallbacks : []) {
    const wider = rollingWindow(
      past ? deps.clock.now() : request.window.until,
      days,
      days === 1 ? 'last 24 hours' : undefined,
    );
    if (!past && wider.since.getTime() >= request.window.since.getTime()) continue;
    if (searched.some(({ fts }) => countRecent(deps.db.sqlite, fts, wider.since) > soFar)) {
      asked = { ...request, window: wider };
      subjects = await answerIn(asked);
      widenedFrom = request.window.label;
      break;
    }
  }
  // "This week" on a Tuesday morning: the period is answered, with a pointer to the whole week.
  if (!widenedFrom && fallbackDays && youngDays !== undefined && request.window.days <= youngDays + 1) {
    const hours = Math.round((request.window.until.getTime() - request.window.since.getTime()) / 3600_000);
    const frame = frameOf(request, namingCompany(request.subjects, await companyName(deps)));
    const label = request.window.label;
    asked = {
      ...asked,
      notes: [
        ...(asked.notes ?? []),
        `${label.charAt(0).toUpperCase()}${label.slice(1)} has only just begun (${hours < 72 ? countOf(hours, 'hour') : countOf(Math.round(hours / 24), 'day')} so far). For the last ${fallbackDays} days, ask \`/brief ${askText({ ...frame, windowLabel: `last ${fallbackDays} days` })}\`.`,
      ],
    };
  }
  const before = asked.window.before;
  // Whose words two periods count, when asked: customers' or the press's.
  const heard = asked.customers ? 'customers' : asked.press ? 'press' : null;
  // Two periods of one subject: the earlier one's top stories, and on each later page its next ones.
  const earlier =
    before && searched.length === 1 ? (await answerIn({ ...asked, window: before }, true))[0] : undefined;
  const comparison =
    before && earlier && offset === 0
      ? comparePeriods(deps, {
          later: subjects[0] as SubjectAnswer,
          earlier,
          windows: [asked.window, before],
          fts: searched[0]?.fts ?? null,
          overview: asked.overview,
          heard,
        })
      : undefined;
  // More after two periods side by side: both periods' next stories, said so.
  const laterPeriod =
    before && offset > 0
      ? laterPeriodNote(asked.window, deps.config.DEFAULT_TIMEZONE, searched.length === 2)
      : null;
  const earlierMore =
    earlier && offset > 0 ? earlierPage(asked.window, earlier, deps.config.DEFAULT_TIMEZONE) : undefined;
  // "acme vs globex this week vs last week": each side's figures in both periods, who moved first.
  const earlierSides =
    before && searched.length === 2 && offset === 0
      ? await answerIn({ ...asked, window: before }, true)
      : undefined;
  const sidesCompared =
    before && earlierSides
      ? (earlierSides.map((earlierSide, at) =>
          comparePeriods(deps, {
            later: subjects[at] as SubjectAnswer,
            earlier: earlierSide,
            windows: [asked.window, before],
            fts: searched[at]?.fts ?? null,
            overview: false,
            heard,
            shifts: sideShiftsShown,
          }),
        ) as [Comparison, Comparison])
      : undefined;
  const found = mentions(subjects);
  await deps.db.prisma.askLog.create({
    data: {
      userId: options.logAs ?? options.userId,
      question: request.question.slice(0, 1000),
      ...(options.typed ? { typed: options.typed.slice(-1000) } : {}),
      subjects: JSON.stringify(request.subjects),
      windowDays: request.window.days,
      itemCount: found,
      offset,
      hasMore: subjects.some((subject) => subject.hasMore) || Boolean(earlier?.hasMore),
      // Each source by its number and column: side by side, both columns number from 1.
      shown: JSON.stringify(
        subjects.flatMap((subject) => subject.items.map((item) => [item.number, item.id, subject.subject])),
      ),
      seen: JSON.stringify({
        ...Object.fromEntries(subjects.map((subject, column) => [column, subject.seen])),
        ...(earlier ? { earlier: earlier.seen } : {}),
      }),
      at: deps.clock.now(),
    },
  });
  return {
    request: asked,
    subjects,
    offset,
    widenedFrom,
    widenedSoFar: widenedFrom ? soFar : 0,
    splitFrom: split ? (original.subjects[0] ?? null) : null,
    namedIn: named ? (original.subjects[0] ?? null) : null,
    ...(comparison ? { comparison } : {}),
    ...(sidesCompared ? { sidesCompared } : {}),
    ...(laterPeriod ? { laterPeriod } : {}),
    ...(earlierMore ? { earlierPage: earlierMore } : {}),
    ...(earlier ? { earlierHasMore: earlier.hasMore } : {}),
    ...(found === 0 ? await missed(deps, asked, searched, known) : { suggestions: [] }),
    ...(found === 0 ? { sourcesNote: await sourcesNote(deps, options.userId, setup) } : {}),
    ...(asked.price && subjects.length === 2 && offset === 0
      ? {
          priceFacts: subjects.map(({ subject, items }) => ({
            subject,
            facts: priceFactsOf(items, subject),
          })),
        }
      : {}),
  };
}

/**
 * "what's new in german", "only german" with a topic named german: that topic, not the German
 * sources; "German press", "German news", "from German sources" still name the language.
 */
function languageAsTopic(known: TopicEntry[], asked: AskRequest): AskRequest {
  if (!asked.language || !asked.overview) return asked;
  if (
    /\b(?:press|media|newspapers|papers|sources|outlets|articles|sites)\b/i.test(asked.question) ||
    languageNewsWords.test(asked.question)
  )
    return asked;
  const name = languageName(asked.language).toLowerCase();
  const topic = known.find((entry) => entry.name.toLowerCase() === name);
  if (!topic) return asked;
  const { language: _language, ...rest } = asked;
  return {
    ...rest,
    overview: false,
    subjects: [topic.name],
    notes: [
      ...(asked.notes ?? []),
      `${topic.name} is a topic, so this is about it. For everything in ${languageName(asked.language)} sources: \`/brief what’s new from ${languageName(asked.language)} sources\`.`,
    ],
  };
}

/**
 * What an answer that found nothing offers: asked in one language, what the others hold and the
 * question in every language; otherwise wider windows, near topics and the recent mentions.
 */
async function missed(
  deps: Deps,
  asked: AskRequest,
  searched: Resolved[],
  known: TopicEntry[],
): Promise<Pick<Answer, 'suggestions' | 'recent' | 'otherLanguages'>> {
  if (!asked.language)
    return {
      suggestions: await suggestions(deps, asked, searched, known),
      ...(await recentMentions(deps, asked, searched)),
    };
  const window = evidenceWindow(asked.window, deps.clock.now().getTime(), deps.config.DEFAULT_TIMEZONE);
  const tally = new Map<string, number>();
  for (const { fts } of searched)
    for (const { language, count } of languageCounts(deps.db.sqlite, fts, {
      since: window.since,
      until: window.latest ?? window.until,
    }))
      tally.set(language, (tally.get(language) ?? 0) + count);
  const otherLanguages = [...tally]
    .filter(([language]) => language !== asked.language)
    .map(([language, count]) => ({ language, count }))
    .sort((a, b) => b.count - a.count || languageName(a.language).localeCompare(languageName(b.language)));
  const frame = frameOf(asked, namingCompany(asked.subjects, await companyName(deps)));
  const everyLanguage = askText({ ...frame, language: undefined }).replace(/ last 7 days$/, '');
  return { suggestions: otherLanguages.length > 0 ? [`/brief ${everyLanguage}`] : [], otherLanguages };
}

/** For a past period that held nothing about topics Briefbot follows: the recent mentions (`Answer.recent`). */
async function recentMentions(
  deps: Deps,
  request: AskRequest,
  searched: Resolved[],
): Promise<Pick<Answer, 'recent'>> {
  const now = deps.clock.now();
  // A period still running ("last 7 days") or words no topic stands for: the empty answer is a miss.
  if (request.window.until.getTime() >= now.getTime() - 60_000) return {};
  if (!request.overview && searched.some((resolved) => !resolved.query)) return {};
  const days = widerWindowDays(deps, request.window, searched);
  if (!days) return {};
  const window = evidenceWindow(rollingWindow(now, days), now.getTime(), deps.config.DEFAULT_TIMEZONE);
  let count = 0;
  for (const { fts } of searched)
    count += (await deps.evidence.gather(fts, window, { limit: 1 })).counts.current;
  return count > 0 ? { recent: { count, label: `last ${days} days` } } : {};
}

/** How many sources a page shows of each subject: 3 side by side, else as many as asked (5). */
export function pageStep(request: Pick<AskRequest, 'count'>, subjects: number): number {
  return subjects > 1 ? versusPageSize : (request.count ?? pageSize);
}

const versusPageSize = 3;

/** Every mention of a window, whatever its kind: "8 of the 22 mentions are news". */
export function totalOf(byKind: Record<string, number>): number {
  return Object.values(byKind).reduce((sum, count) => sum + count, 0);
}

/** How many sources and voices an answer lists. */
const contributorsShown = 5;

const widerWindowsDays = [7, 30, 90, 365];

/** How long after an answer "/brief more" still continues it. */
const followUpMs = 12 * 3600_000;

/** "more", "show me more", "next page", "keep going": asks for the next page of the last answer. */
export function isMoreRequest(text: string): boolean {
  return /^(?:(?:show|give|tell)\s+(?:me\s+)?)?(?:some\s+)?(?:more|next(?:\s+page)?|keep\s+going|go\s+on|continue)(?:\s+(?:please|pls|results|sources|items|stories|of\s+(?:that|those|them|it)))*[\s.!?]*$/i.test(
    text.trim(),
  );
}

/** "anything else?", "what else", "anything more": the last answer's next sources, or the overview when there are none. */
export function isAnythingElse(text: string): boolean {
  return /^(?:(?:and|so|ok(?:ay)?)[\s,]+)?(?:anything|what|something)\s+(?:else|more)(?:\s+(?:i\s+should\s+know(?:\s+about)?|to\s+know|going\s+on|new|worth\s+knowing))?[\s.!?]*$/i.test(
    text.trim(),
  );
}

/** How far back a period typed alone still finds the question it changes, said with its day and time when older than today's. */
const periodFollowUpMs = 7 * dayMs;

/**
 * The asker's last question of the last 12 hours (or since `since`), if any; `found`: the last that
 * found something (a question that found nothing is no subject to follow up on).
 */
function lastAsk(deps: Deps, userId: string, found = false, since?: Date) {
  return deps.db.prisma.askLog.findFirst({
    where: {
      userId,
      at: { gte: since ?? new Date(deps.clock.now().getTime() - followUpMs) },
      ...(found ? { itemCount: { gt: 0 } } : {}),
    },
    orderBy: { id: 'desc' },
  });
}

/** The question of the asker's last answer that found something: the one a typed "share" means. */
export async function lastAnsweredQuestion(deps: Deps, userId: string): Promise<string | null> {
  return (await lastAsk(deps, userId, true))?.question ?? null;
}

/**
 * A follow-up read: the question it asks, whether it asked who is saying it, a note on top, and the
 * period's name in words when its dates alone would mislead ("the 7 days before those (10–16 Nov)").
 */
export type FollowUp = {
  question: string;
  voices?: boolean;
  /** "how many are negative?", "the numbers": the last answer's counts, that side first, in a line on top. */
  numbers?: NumbersAsked;
  note?: string;
  period?: string;
  /** "why is sentiment down": the premise checked against the period before, in a line on top. */
  premise?: PremiseAsked;
  /** "top 3" after a subject: that many of its stories, said in a line on top (`topNote`). */
  top?: TopAsked;
};

/** "top 3" after "how did the launch land": how many, about what, and the overview's command for that many. */
export type TopAsked = { count: number; about: string; overall: string };

/**
 * The line on top of "top 3" after a subject: its top 3, the subject of the last question; when it
 * has fewer, how many there are ("The 2 stories about launch — there is no third in the last 7 days").
 */
export function topNote(answer: Answer, { count, about, overall }: TopAsked): string {
  const across = `For the top ${count} across all your topics: \`/brief ${overall}\`.`;
  const found = Math.max(0, ...answer.subjects.map((subject) => subject.items.length));
  if (found >= count) return `The top ${count} about ${about}, the subject of your last question. ${across}`;
  const period = windowPhrase(answer.request.window.label);
  if (found === 0) return `There are no stories about ${about} ${period}. ${across}`;
  const next = ordinals[found] ?? `${found + 1}th`;
  const stories = found === 1 ? 'The only story' : `The ${found} stories`;
  return `${stories} about ${about} — there is no ${next} ${period}. ${across}`;
}

/** Which way a "why is sentiment down / up" question says the tone moved. */
export type PremiseAsked = 'down' | 'up';

/**
 * "why is sentiment down", "why are customers so unhappy", "why has it got worse", "why is
 * sentiment on acme improving": a question that takes a move of the tone as given.
 */
const premiseForm =
  /^why\s+(?:is|are|has|have|does|do|did)\s+(?:the\s+|our\s+)?(?:it|that|this|things|everything|sentiment|mood|tone|coverage|conversation|talk|reputation|people|everyone|everybody|(customers?|users|reviewers|reviews))(?:\s+(?:sentiment|mood|tone))?(?:\s+(?:on|about|for|with|of|towards?)\s+(.+?))??(?:\s+(?:so|getting|going|gone|got|been|turning|turned|trending|become|becoming|feeling|suddenly|more|less|that|this))*\s+(down|up|worse|better|negative|positive|bad|good|dropp(?:ing|ed)|drop|fall(?:ing|en)|fell|declin(?:ing|ed)|improv(?:ing|ed)|ris(?:ing|en)|rose|sour(?:ing|ed)?|critical|unhappy|happy|angry|upset|pleased)(?:\s+(?:on|about|for|with|towards?)\s+(.+))?$/i;

function premiseAsked(
  text: string,
): { direction: PremiseAsked; customers: boolean; about: string | undefined } | null {
  const match = premiseForm.exec(text);
  if (!match?.[3]) return null;
  const down =
    /^(?:down|worse|negative|bad|drop|dropp|fall|fell|declin|sour|critical|unhappy|angry|upset)/i.test(
      match[3],
    );
  return { direction: down ? 'down' : 'up', customers: Boolean(match[1]), about: match[2] ?? match[4] };
}

/**
 * Which numbers a count question asks for: every side, one ("how many are negative?"), or who
 * said it ("how many are from customers?", "how many are reviews?").
 */
export type NumbersAsked = 'all' | 'positive' | 'neutral' | 'negative' | 'customers' | 'reviews';

/**
 * "how many?", "how many are negative?", "what percentage is negative", "give me the numbers":
 * a question about the last answer's counts, never a search for "many" or "numbers".
 */
const numbersForm =
  /^(?:how\s+many(?:\s+(?:mentions|of\s+(?:them|those|these|it)|in\s+total|total|overall))?(?:\s+(?:(?:are|were|is|was)\s+)?(negative|positive|neutral|bad|good|critical)(?:\s+(?:ones|mentions|stories|items))?)?|(?:what|which)\s+(?:percent(?:age)?|%|share|proportion|fraction|part)(?:\s+of\s+(?:it|them|those|these|the\s+mentions))?\s+(?:is|are|was|were)\s+(negative|positive|neutral|bad|good|critical)|(?:(?:give|show|tell)\s+(?:me|us)\s+|what\s+are\s+|what(?:'s|’s|s)\s+)?(?:(?:just|only)\s+)?(?:the\s+)?(?:numbers|stats|statistics|figures|counts?|totals?|breakdown|split|percentages?)(?:\s+(?:on|for|of)\s+(?:it|that|this|them|those|these))?(?:\s+only)?)$/i;

/** "how many are from customers?", "how many customers", "how many are reviews": the last answer's, by who said it. */
const numbersByKind =
  /^how\s+many(?:\s+(?:mentions|of\s+(?:them|those|these|it)))?(?:\s+(?:are|were|is|was|came|come))?(?:\s+(?:from|by|in))?\s+(?:the\s+)?(?:(customers?(?:['’]s?)?(?:\s+(?:own\s+words|posts|voices))?|customer\s+(?:posts|voices|reviews|feedback))|(reviews?))$/i;

/** "how many mention pricing?": the last question's, about that subject, counted. */
const numbersAbout =
  /^how\s+many(?:\s+(?:of\s+(?:them|those|these|it)|mentions))?\s+(?:mention|mentioned|are\s+about|were\s+about|talk\s+about|discuss|cover|are\s+on)\s+(.+)$/i;

function numbersAsked(text: string): NumbersAsked | null {
  const kind = numbersByKind.exec(text);
  if (kind) return kind[2] ? 'reviews' : 'customers';
  const match = numbersForm.exec(text);
  if (!match) return null;
  const side = (match[1] ?? match[2] ?? '').toLowerCase();
  if (!side) return 'all';
  if (side === 'neutral') return 'neutral';
  return /^(?:positive|good)$/.test(side) ? 'positive' : 'negative';
}

/** "is it getting worse", "is sentiment getting worse": words that stand for the last subject. */
const lastSubjectWords =
  /^(?:it|that|this|they|them|these|those|(?:the\s+)?(?:sentiment|mood|tone|trend|coverage|volume|story|situation|conversation|talk|chatter|buzz)|things)$/i;

/** "compare with last week": the last question, with its trend against the period before. */
const compareWithLast =
  /^(?:compare(?:d)?|how\s+does\s+(?:it|that|this)\s+compare)\s+(?:it\s+|that\s+|this\s+)?(?:with|to|against)\s+(?:the\s+)?(?:last|previous|prior)\s+(day|week|month|quarter|year)$/i;

/** "top 3 stories", "3 bullets", "give me five takeaways": only a format, for the last question's subject. */
const formatOnly =
  /^(?:(?:give|show)\s+me\s+|(?:just\s+)?(?:in|as)\s+)?(?:the\s+)?(?:(top)\s+(?:\d{1,2}|three|five|ten)(?:\s+(?:stories|headlines|items|sources|mentions))?|(?:\d{1,2}|three|five|ten)\s+(?:stories|headlines|bullets?|bullet\s+points|points|takeaways))$/i;

/** "in one line", "as a one-liner", "short version please": the short shape alone, with no subject. */
const lineOnly = new RegExp(
  String.raw`^(?:(?:just\s+|only\s+)?(?:in|as)\s+(?:one|1|a\s+single|a)\s+(?:line|sentence)|in\s+short|(?:(?:give\s+me\s+)?the\s+)?${shortVersion}|(?:as\s+)?a\s+one[-\s]?liner|one[-\s]?liner)(?:\s+(?:please|pls))?$`,
  'i',
);

/** "what are customers saying about outages", "tell me …": a question of its own, after "and" too. */
const questionStart = /^(?:what|how|who|why|which|is|are|do|does|did|tell|show|give|any)\b/i;

const followLead = /^(?:(?:and|also|so|ok(?:ay)?|now|but|then|what\s+about|how\s+about|same\s+but)\s+)+/i;

/**
 * A follow-up to the asker's last question (of the last 12 hours): "and last month?" (its subjects
 * over that window), "same for outages" (another subject, asked the same way), "only reviews",
 * "just the negative ones" (narrowed), "who is saying it" (its voices), "why?" (what to ask).
 * Null when the text is not a follow-up, or asks for nothing the last question can give.
 */
export async function followUpQuestion(deps: Deps, userId: string, text: string): Promise<FollowUp | null> {
  // "what about this <link>": a link pasted is a question of its own, read for its words.
  if (/https?:\/\//i.test(text)) return null;
  const said = text.trim().replace(/[\s?.!]+$/, '');
  const now = deps.clock.now();
  const zone = deps.config.DEFAULT_TIMEZONE;
  const lead = followLead.exec(said);
  const after = lead ? said.slice(lead[0].length) : said;
  // "last 30 days", "over the last month?", "this month": a period alone is the last question over
  // it, as "and last 30 days?" is (with no question before, or after an overview, the overview's).
  const periodAlone = !lead && periodOrNull(after, now, zone) !== null;
  // "what about customers", "ok and the press?", "customers" typed alone after a question: whose
  // words, as "just customers" is (with no question before, a question of its own).
  const narrowed = narrowing(after) ?? whoseWords(after);
  // "in one line" typed alone: the last question again, in one line (with none, the overview's).
  if (lineOnly.test(after)) {
    const last = await lastAsk(deps, userId, true);
    if (!last) return { question: 'what’s new in one line' };
    const frame = frameOf(parseAsk(last.question, last.at, zone), await loggedSubjects(deps, last));
    return { question: askText({ ...frame, shape: 'line' }) };
  }
  const format = formatOnly.exec(after);
  if (format) {
    const last = await lastAsk(deps, userId, true);
    const formatted = parseAsk(after, now, zone);
    // With no question before, "top 3 stories" is the overview's as typed ("3 bullets" is asked as one).
    if (!last && formatted.overview) return null;
    const asked = last ? parseAsk(last.question, last.at, zone) : null;
    const subjects = last ? await loggedSubjects(deps, last) : [];
    const frame = asked
      ? frameOf(asked, subjects)
      : { subjects, windowLabel: 'last 7 days', customers: false };
    const { count, bullets } = askedFormat(formatted);
    const question = askText({ ...frame, count, bullets });
    // "A page shows at most 10 sources", as the format alone would say it.
    const notes = formatted.notes ?? [];
    // "top 3 stories" alone is the overview's: said, when it is the last subject's instead.
    if (format[1] && count !== undefined && subjects.length > 0) {
      const parties = await deps.db.prisma.topic.findMany({
        where: { kind: { in: ['company', 'competitor'] } },
        select: { name: true },
      });
      const about = namingCompany(subjects, await companyName(deps))
        .map((subject) =>
          partiesNamed(
            subject,
            parties.map(({ name }) => name),
          ),
        )
        .join(' vs ');
      // The default window goes unsaid, as it would be typed.
      const overall = askText({
        subjects: [],
        windowLabel: frame.windowLabel,
        customers: false,
        count,
      }).replace(/ last 7 days$/, '');
      // Said once the answer is read: it may hold fewer than asked for.
      const top = { count, about, overall };
      return notes.length > 0 ? { question, note: notes.join(' '), top } : { question, top };
    }
    return notes.length > 0 ? { question, note: notes.join(' ') } : { question };
  }
  // "last month but only reviews", "only reviews last month": the period and whose words at once.
  const periodNarrowed = narrowed ? null : withPeriodNarrowed(after, now, zone);
  if (periodNarrowed) {
    const last = await lastAsk(deps, userId, true);
    const subjects = last ? await loggedSubjects(deps, last) : [];
    if (last && subjects.length > 0)
      return {
        question: askText({
          ...frameOf(parseAsk(last.question, last.at, zone), subjects),
          windowLabel: periodNarrowed.period,
          ...periodNarrowed.narrowed,
        }),
      };
  }
  const numbers = numbersAsked(after);
  if (numbers) {
    // With no answer to count from, everything Briefbot follows is counted.
    const last = await lastAsk(deps, userId, true);
    return { question: last?.question ?? 'what’s new', numbers };
  }
  const countedAbout = numbersAbout.exec(after)?.[1];
  if (countedAbout) {
    // Asked as the last question was (its window, whose words), of its mentions that are about
    // that subject too: "acme" then "how many mention pricing?" counts acme pricing, each side of a
    // side by side so; after an overview, that subject's.
    const last = await lastAsk(deps, userId, true);
    const asked = last ? parseAsk(last.question, last.at, zone) : null;
    const lastSubjects = last ? await loggedSubjects(deps, last) : [];
    const about = countedAbout.replace(/[?.!]+$/, '').trim();
    const subjects =
      asked && !asked.overview && lastSubjects.length > 0
        ? lastSubjects.map((subject) =>
            subject.toLowerCase() === about.toLowerCase() ? subject : `${subject} ${about}`,
          )
        : [about];
    const frame = asked
      ? { ...frameOf(asked, subjects), tone: undefined, toneChange: undefined }
      : { subjects, windowLabel: 'last 7 days', customers: false };
    return { question: askText(frame), numbers: 'all' };
  }
  // "how many are from partners?": a count Briefbot cannot give is said so, never searched for "many".
  if (
    /^how\s+many\b/i.test(after) &&
    readOrNull(after, now, zone)?.subjects.some((subject) => /^many\b/i.test(subject))
  )
    throw new UserError(
      'USAGE',
      `Briefbot cannot count “${after.replace(/^how\s+many\s+/i, '').replace(/[?.!]+$/, '')}”: it counts the mentions of your last answer by sentiment, by who said them (customers, reviews) and by what else they mention.` +
        ' Try `/brief how many are negative`, `/brief how many are from customers`, `/brief how many are reviews` or `/brief how many mention pricing`.',
    );
  // "now outages" as "now for outages"; "now just news" narrows, "now last 30 days" is a window;
  // "now what are customers saying about outages" is a question of its own.
  const sameFor =
    /^now\s/i.test(said) && questionStart.test(said.replace(/^now\s+/i, ''))
      ? undefined
      : /^(?:(?:and|ok(?:ay)?|now)\s+)*(?:(?:the\s+)?same\s+(?:for|with|about|on|over|but\s+for)|now(?:\s+(?:for|about|do))?)\s+(.+)$/i.exec(
          said,
        )?.[1];
  const compareWith = compareWithLast.exec(after)?.[1];
  const reading = readOrNull(after, now, zone);

  const aboutLast =
    reading && reading.subjects.length === 1 && lastSubjectWords.test(reading.subjects[0] ?? '')
      ? reading
      : null;
  // "and for outages?", "what about globex": another subject, asked like "same for" is.
  const leadFor =
    !sameFor && !aboutLast && lead && /\b(?:and|also|about)\s+$/i.test(lead[0]) && !questionStart.test(after)
      ? after.replace(/^(?:for|with|about|on)\s+/i, '')
      : undefined;
  const who =
    /^(?:and\s+)?(?:who(?:'s|’s|\s+is|\s+are|\s+was|\s+were)\s+(?:saying|posting|writing|talking\s+about|behind|driving)\s+(?:it|that|this|them|these|those)|who\s+(?:said|says|wrote)\s+(?:it|that|this)|who(?:'s|’s)?\s+saying\s+(?:it|that|this)|(?:which|what)\s+sources|who)$/i.test(
      said,
    );
  const why =
    /^(?:(?:and|but|ok(?:ay)?)\s+)?(?:why(?:\s+(?:is\s+that|so|though))?|how\s+come|what(?:'s|’s|\s+is)\s+driving\s+(?:it|this|that))$/i.test(
      said,
    );
  // Only a window, put after a subject, leaves the subject alone.
  const windowOnly =
    Boolean(lead || sameFor || periodAlone) &&
    (() => {
      const typed = sameFor ?? after;
      const probe = parseAsk(`zzsubject ${typed}`, now, zone);
      // "now just news" narrows: who is heard is no window.
      const heard = probe.customers || probe.press || probe.language;
      if (probe.subjects.length !== 1 || probe.subjects[0] !== 'zzsubject' || heard) return null;
      // "last month" is asked as typed: empty, October falls back to the last 30 days the words may mean.
      const past = probe.window.fallbackDays !== undefined && probe.window.until < now;
      return past ? typed : probe.window.label;
    })();
  // "and the week before?", "the week before that": the 7 days just before the last window shown.
  const weekBefore = /^(?:the\s+)?(?:(?:previous|prior)\s+week|week\s+(?:before|prior)(?:\s+that)?)$/i.test(
    after,
  );
  // "and last week?" after a week or less: the same, never a week overlapping the one shown.
  const lastWeek = Boolean(lead || periodAlone) && /^(?:(?:in|for|over|during)\s+)?last\s+week$/i.test(after);
  if (weekBefore || lastWeek) {
    const last = await lastAsk(deps, userId);
    if (!last) return null;
    const asked = parseAsk(last.question, last.at, zone);
    const shown = asked.window;
    // A calendar week across a clock change lasts 7 days and an hour.
    if (weekBefore || shown.until.getTime() - shown.since.getTime() < 8 * dayMs) {
      // Read as it would be typed: "acme from 10 Nov to 16 Nov", never "we from 2026-11-10 …".
      const frame = frameOf(asked, await loggedSubjects(deps, last));
      return {
        question: askText({ ...frame, windowLabel: weekBeforeWindow(shown.since, zone) }),
        ...(await weekBeforeNamed(deps, asked, frame, now, zone, lastWeek)),
      };
    }
  }
  const anotherSubject = windowOnly ? undefined : (sameFor ?? leadFor);
  const premise = premiseAsked(after);
  if (premise) {
    // The side that moved the tone as asked, on the last question's subject (or the one named),
    // with the premise checked on top.
    const last = await lastAsk(deps, userId, true);
    const asked = last && !premise.about ? parseAsk(last.question, last.at, zone) : null;
    const frame: AskFrame =
      asked && last
        ? frameOf(asked, await loggedSubjects(deps, last))
        : {
            subjects: namingCompany(premise.about ? [premise.about] : [], await companyName(deps)),
            windowLabel: 'last 7 days',
            customers: false,
          };
    return {
      question: askText({
        ...frame,
        customers: frame.customers || premise.customers,
        tone: premise.direction === 'down' ? 'negative' : 'positive',
        toneChange: undefined,
      }),
      premise: premise.direction,
    };
  }
  if (!windowOnly && !anotherSubject && !narrowed && !who && !why && !compareWith && !aboutLast) return null;
  // A window widens (or moves) the very last question, even one that found nothing; every other
  // follow-up is about the last question that found something.
  // A period ("last month") changes the last question of the same day, however long ago that day it
  // was asked, and one of the last 7 days too, said with when it was asked ("older" below).
  const last = windowOnly
    ? await lastAsk(deps, userId, false, new Date(now.getTime() - periodFollowUpMs))
    : await lastAsk(deps, userId, !windowOnly);
  const sameDay = Math.min(now.getTime() - followUpMs, startOfLocalDay(now, zone).getTime());
  const older = last && windowOnly && last.at.getTime() < sameDay ? last : null;
  if (!last) {
    // Older than a follow-up reaches: the overview of that period, saying why and how to ask it of that question.
    if (windowOnly) {
      const note = await staleQuestionNote(deps, userId, windowOnly, zone);
      return note ? { question: text, note } : null;
    }
    if (anotherSubject) return { question: anotherSubject };
    // "only English" with nothing asked before: the overview, in English, as a question of its own.
    if (narrowed && 'language' in narrowed) return null;
    if (who || (narrowed && /\b(?:only|just|ones|them|those)\b/i.test(said)))
      throw new UserError(
        'USAGE',
        'There is no recent question of yours to narrow down. Ask one first, e.g. `/brief what are customers saying about pricing`, then `/brief just the negative ones`.',
      );
    return null;
  }
  const asked = parseAsk(last.question, last.at, zone);
  const subjects = await loggedSubjects(deps, last);
  const frame = frameOf(asked, subjects);
  if (why) {
    const about = subjects.join(' vs ');
    // Side by side shows each side's summary and sources, no Themes or Top sources.
    const where =
      subjects.length > 1
        ? 'each side’s summary cites its sources, listed under it'
        : 'its summary cites the sources, and *Themes* and *Top sources* say what and who';
    // The negative side asked for already ("complaints about globex", then "why?"): its top story in full, not the same question again.
    const negative =
      asked.tone === 'negative'
        ? '`/brief tell me more about 1` for its first source in full'
        : `\`/brief ${about ? `complaints about ${about}` : 'any red flags'}\` for the negative side`;
    throw new UserError(
      notAFault,
      `Briefbot finds what is said, not why. What drives the talk about ${about || 'your topics'} is in your last answer: ${where}. To dig in, ask ${negative}, or \`/brief ${about || 'what’s new'} last 30 days\` for the trend.`,
    );
  }
  if (windowOnly) {
    // "and last month?" after an overview is the overview of last month, as it reads.
    if (subjects.length === 0 && !sameFor) return null;
    // A question from before today: named, with when it was asked, so the answer is seen to be about it.
    const which = older
      ? `Your question of ${formatDayTime(older.at, zone)} (${askedWords(older)})`
      : 'Your last question';
    if (windowOnly === frame.windowLabel) {
      return {
        question: askText(frame),
        note: repeatedWindowNote(windowOnly),
      };
    }
    const question = askText({ ...frame, windowLabel: windowOnly });
    // Typed alone, the period may have meant everything: the way to that is on top.
    return periodAlone || older ? { question, note: periodAloneNote(windowOnly, which) } : { question };
  }
  if (compareWith)
    return { question: askText({ ...frame, windowLabel: `compared with last ${compareWith}` }) };
  if (aboutLast && !anotherSubject) {
    // "is it getting worse": the last subject, its sentiment and trend; a side or window asked keeps.
    const windowGiven = parseAsk(`zzsubject ${after}`, now, zone).subjects[0] !== `zzsubject ${after}`;
    return {
      question: askText({
        ...frame,
        ...(asksToneChange.test(after) ? { toneChange: true } : {}),
        ...(aboutLast.tone ? { tone: aboutLast.tone } : {}),
        ...(windowGiven ? { windowLabel: aboutLast.window.label } : {}),
      }),
    };
  }
  if (narrowed) {
    // "globex staff", then "just the press": the press on globex, never its own posts counted as news.
    const about = narrowed.press ? subjects.map((subject) => subject.replace(saidItself, '$1')) : subjects;
    const question = askText({ ...frame, subjects: about, ...narrowed });
    // "just the press" after "any good news": said, when the question cannot be narrowed so.
    const missed = narrowingMissed(narrowed, readOrNull(question, now, zone));
    return missed ? { question, note: missed } : { question };
  }
  if (anotherSubject) {
    // "same for outages but only reviews", "and globex in German": another subject, narrowed too.
    const whole = narrowing(anotherSubject);
    const { subject: typedSubject, narrowed: alsoNarrowed } = whole
      ? { subject: '', narrowed: whole }
      : withNarrowing(anotherSubject);
    // "same for the negative ones", "same for it but only reviews": the last subject, narrowed.
    if (!typedSubject || /^(?:the|a|an)$/i.test(typedSubject) || lastSubjectWords.test(typedSubject))
      return { question: askText({ ...frame, ...alsoNarrowed }) };
    const next = parseAsk(typedSubject, now, zone);
    if (next.overview || next.subjects.length === 0) return { question: anotherSubject };
    // A period typed first or last ("globex last month"); "acme vs globex" gives none.
    const typedWords = typedSubject.split(/\s+/);
    const windowGiven = typedWords.some(
      (_, at) =>
        at > 0 &&
        (periodOrNull(typedWords.slice(at).join(' '), now, zone) !== null ||
          periodOrNull(typedWords.slice(0, at).join(' '), now, zone) !== null),
    );
    // "pricing this week vs last week", then "same for outages": outages, the two periods compared.
    const compared = windowGiven ? null : comparedPeriods(asked, subjects, last.at, zone);
    // "globex pricing", then "and acme?": acme's pricing — the company changes, what was asked of it stays.
    const theme = await themeOfParty(deps, subjects, next.subjects);
    const question = askText({
      ...frame,
      subjects: theme ? next.subjects.map((subject) => `${subject} ${theme}`) : next.subjects,
      ...(windowGiven ? { windowLabel: next.window.label } : compared ? { windowLabel: compared } : {}),
      // "what about churn among customers": whose words, as the new words ask.
      ...(next.customers ? { customers: true, press: false } : {}),
      ...(next.tone ? { tone: next.tone } : {}),
      ...alsoNarrowed,
    });
    if (compared === undefined)
      return { question, note: comparisonDroppedNote(asked, next.subjects.join(' vs ')) };
    return theme
      ? {
          question,
          note: `About ${theme}, as your last question was. For everything about ${next.subjects.join(' vs ')}: \`/brief ${askText({ ...frame, subjects: next.subjects, ...alsoNarrowed })}\`.`,
        }
      : { question };
  }
  return { question: last.question, voices: true };
}

/**
 * The theme of a last question about one company or competitor ("globex pricing": "pricing"),
 * when the follow-up names another one alone ("and acme?"); undefined otherwise.
 */
async function themeOfParty(deps: Deps, last: string[], named: string[]): Promise<string | undefined> {
  const [party = '', ...theme] = last.length === 1 ? (last[0] ?? '').split(' ') : [];
  if (theme.length === 0 || named.length !== 1 || /\s/.test(named[0] ?? '')) return undefined;
  const parties = await deps.db.prisma.topic.findMany({
    where: { kind: { in: ['company', 'competitor'] } },
    select: { name: true },
  });
  const names = new Set(parties.map(({ name }) => name.toLowerCase()));
  const isParty = (word: string) => names.has(word.toLowerCase()) || companyWords.test(word);
  return isParty(party) && isParty(named[0] ?? '') && !isParty(theme.join(' ')) ? theme.join(' ') : undefined;
}

/**
 * "Your last question, of Mon 2 Nov 09:00 UTC (“pricing”), is more than 7 days old, so this is the
 * overview of the last 30 days. For that question over it: `/brief pricing last 30 days`.": a period
 * typed alone once the asker's last question is beyond a follow-up's 7 days. None when there is no
 * question, or it was an overview.
 */
async function staleQuestionNote(
  deps: Deps,
  userId: string,
  label: string,
  zone: string,
): Promise<string | undefined> {
  const last = await deps.db.prisma.askLog.findFirst({ where: { userId }, orderBy: { id: 'desc' } });
  if (!last) return undefined;
  const subjects = await loggedSubjects(deps, last);
  if (subjects.length === 0) return undefined;
  const frame = frameOf(parseAsk(last.question, last.at, zone), subjects);
  const period = /^(?:last|past)\b/.test(label) ? `the ${label}` : label;
  return `Your last question, of ${formatDayTime(last.at, zone)} (${askedWords(last)}), is more than 7 days old, so this is the overview of ${period}. For that question over it: \`/brief ${askText({ ...frame, windowLabel: label })}\`.`;
}

function periodAloneNote(label: string, which = 'Your last question'): string {
  const period = /^(?:last|past)\b/.test(label) ? `over the ${label}` : label;
  return `${which} again, ${period}. For all your topics instead: \`/brief what’s new ${label}\`.`;
}

/** A period alone ("last 30 days"), or null for anything else (and for a period still to come). */
function periodOrNull(text: string, now: Date, zone: string): AskWindow | null {
  try {
    return parsePeriod(text, now, zone);
  } catch {
    return null;
  }
}

function repeatedWindowNote(label: string): string {
  return `That is the period your last answer covered (${label}): here it is again. For an earlier one, ask e.g. \`/brief and last month?\`.`;
}

/**
 * A logged question's subjects as a follow-up asks them again: "we" named ("has sentiment on acme
 * changed"), so a rewording never reads "sentiment on we".
 */
async function loggedSubjects(deps: Deps, last: { subjects: string }): Promise<string[]> {
  return namingCompany(JSON.parse(last.subjects) as string[], await companyName(deps));
}

async function companyName(deps: Deps): Promise<string | undefined> {
  const company = await deps.db.prisma.topic.findFirst({
    where: { kind: 'company' },
    select: { name: true },
  });
  return company?.name;
}

/** What a logged question asked (its subjects as answered), to ask it again with one part changed. */
/**
 * The two periods a question set side by side, worded so they read back as the same two ("last 7
 * days vs the 7 days before", "in April vs in March", or as typed after its subject: "yesterday vs
 * last week"); null when it compared none, undefined when its periods cannot be worded so (a
 * follow-up then asks the later period alone, and says so).
 */
function comparedPeriods(
  asked: AskRequest,
  subjects: string[],
  at: Date,
  zone: string,
): string | null | undefined {
  const { before } = asked.window;
  if (!before) return null;
  // The periods as Briefbot names them, or as typed after the subject ("yesterday vs last week").
  const subject = subjects[0]?.toLowerCase();
  const typed =
    subject && asked.question.toLowerCase().startsWith(subject)
      ? asked.question.slice(subject.length).replace(/^[\s:,]+/, '')
      : '';
  const same = (a: AskWindow | undefined, b: AskWindow) =>
    a?.since.getTime() === b.since.getTime() && a.until.getTime() === b.until.getTime();
  // Else by their days ("from 23 Nov to 25 Nov vs from 16 Nov to 22 Nov"), when whole days read back so.
  const day = (at: Date) =>
    at.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: zone });
  const days = (window: AskWindow) =>
    `from ${day(window.since)} to ${day(new Date(window.until.getTime() - 1))}`;
  return [
    `${asked.window.label} vs ${before.label}`,
    ...(typed ? [typed] : []),
    `${days(asked.window)} vs ${days(before)}`,
  ].find((words) => {
    const again = readOrNull(`zzsubject ${words}`, at, zone)?.window;
    return again && same(again, asked.window) && again.before && same(again.before, before);
  });
}

/** A follow-up of a comparison whose periods could not be carried over: the later period alone, said so. */
function comparisonDroppedNote(asked: AskRequest, subject: string): string {
  return `This is ${asked.window.label} alone: your last question's two periods cannot be carried over. To set them side by side, ask with both, e.g. \`/brief ${subject} this week vs last week\`.`;
}

function frameOf(asked: AskRequest, subjects: string[]): AskFrame {
  return {
    subjects,
    // "outage since the launch", then "and globex?": globex since the launch, looked up again; "since
    // the launch vs before", then "same for globex": globex's two periods around it.
    windowLabel: asked.event
      ? `${asked.event.anchor} ${asked.event.words}${asked.event.versusBefore ? ' vs before' : ''}`
      : asked.window.label,
    customers: asked.customers,
    ...(asked.press ? { press: true } : {}),
    ...(asked.tone ? { tone: asked.tone } : {}),
    ...(asked.language ? { language: asked.language } : {}),
    ...(asked.shape ? { shape: asked.shape } : {}),
    ...askedFormat(asked),
    ...(asksToneChange.test(asked.question) ? { toneChange: true } : {}),
    ...(asked.who ? { who: true } : {}),
  };
}

/** The question as read, or null when it cannot be (a window still to come): read again, it says why. */
function readOrNull(text: string, now: Date, zone: string): AskRequest | null {
  try {
    return parseAsk(text, now, zone);
  } catch {
    return null;
  }
}

/**
 * "from 10 Nov to 16 Nov", as a window reads it: the 7 whole days before the day `since` falls in
 * (or before `since` itself, at midnight), so it never overlaps the window that starts there.
 */
function weekBeforeWindow(since: Date, zone: string): string {
  const day = (offset: number) =>
    startOfLocalDay(since, zone, offset).toLocaleDateString('en-GB', {
      day: 'numeric',
      month: 'short',
      timeZone: zone,
    });
  return `from ${day(-7)} to ${day(-1)}`;
}

/** "10–16 Nov", "26 Oct–1 Nov": the days of a week, from its first day on. */
function weekDays(first: Date, zone: string): string {
  const [from, to] = [0, 6].map((offset) =>
    startOfLocalDay(first, zone, offset).toLocaleDateString('en-GB', {
      day: 'numeric',
      month: 'short',
      timeZone: zone,
    }),
  ) as [string, string];
  const [fromDay, fromMonth] = from.split(' ');
  return fromMonth === to.split(' ')[1] ? `${fromDay}–${to}` : `${from}–${to}`;
}

/**
 * "Last week" after a week or less is the 7 days before the window shown, which the dates alone
 * do not say: after a calendar week, "the calendar week 16–22 Nov"; after the last 7 days, "the 7
 * days before those (10–16 Nov)", with what the calendar week before this one held.
 */
async function weekBeforeNamed(
  deps: Deps,
  asked: AskRequest,
  frame: AskFrame,
  now: Date,
  zone: string,
  saidLastWeek: boolean,
): Promise<Pick<FollowUp, 'note' | 'period'>> {
  const shown = asked.window;
  const first = startOfLocalDay(shown.since, zone, -7);
  const monday = (at: Date) => startOfLocalDay(at, zone, -((localDate(at, zone).weekday + 6) % 7));
  const calendar =
    shown.since.getTime() === monday(shown.since).getTime() &&
    (asked.window.label === 'this week' || shown.until.getTime() - shown.since.getTime() > 6 * dayMs);
  if (calendar) return { period: `the calendar week ${weekDays(first, zone)}` };
  const before = /^(?:yesterday|today)$/.test(shown.label) ? shown.label : 'those';
  const period = `the 7 days before ${before} (${weekDays(first, zone)})`;
  // The calendar week before this one, when it is another week: what "last week" may have meant.
  const week = startOfLocalDay(monday(now), zone, -7);
  if (!saidLastWeek || week.getTime() === first.getTime()) return { period };
  const days = weekDays(week, zone);
  const question = `\`/brief ${askText({ ...frame, windowLabel: weekBeforeWindow(monday(now), zone) })}\``;
  // A count of every mention, for one subject asked plainly; a narrowed or two-sided one is asked.
  if (asked.subjects.length > 1 || asked.press || asked.customers || asked.tone)
    return { period, note: `For the calendar week ${days}: ${question}.` };
  const known = await deps.db.prisma.topic.findMany({
    select: { name: true, displayName: true, query: true, kind: true },
  });
  const [resolved] = asked.overview
    ? [await overviewSubject(deps)]
    : await Promise.all(asked.subjects.map((subject) => resolveSubject(deps, known, subject)));
  const window = { since: week, until: monday(now), days: 7, label: days };
  const count = resolved
    ? (
        await deps.evidence.gather(
          resolved.fts,
          evidenceWindow(window, now.getTime(), deps.config.DEFAULT_TIMEZONE),
          { limit: 1 },
        )
      ).counts.current
    : 0;
  return {
    period,
    note: `The calendar week ${days} had ${count === 0 ? 'none' : count}${count === 0 ? '' : `: ${question}`}.`,
  };
}

/** "only reviews", "just the press", "the negative ones only": the last question, narrowed. */
function narrowing(asked: string): Partial<AskFrame> | null {
  // "the negative ones only", "reviews only": as "only …".
  const text = asked.replace(/^(.+?)\s+only$/i, 'only $1');
  const only = /^(?:(?:only|just)\s+)?(?:the\s+)?/i;
  // "show only the negative ones", "show me just reviews": as "only …".
  const rest = text.replace(/^(?:(?:show|give|list)(?:\s+(?:me|us))?\s+|what\s+about\s+)?/i, '');
  // "only German", "in English?", "just the French press": the last question, in that language.
  const inLanguage = readLanguage(asked);
  // "German news" asks for everything in German, not the last question in it.
  if (
    inLanguage.language &&
    !languageNewsWords.test(asked) &&
    /^(?:only|just|show|give|list|me|the|press|media|\s)*$/i.test(inLanguage.rest)
  )
    return {
      language: inLanguage.language,
      ...(/\b(?:press|media)\b/i.test(inLanguage.rest) ? { press: true, customers: false } : {}),
    };
  // "in all languages", "any language": the last question, in every language again.
  if (/^(?:(?:in|from)\s+)?(?:all|any|every)\s+languages?$/i.test(asked)) return { language: undefined };
  if (!/^(?:only|just|show|give|list|the\s|negative|positive|bad|good|critical)/i.test(text)) return null;
  const body = rest.replace(only, '');
  if (
    /^(?:reviews?|customers?|customer\s+(?:voices|reviews|feedback)|what\s+customers\s+(?:say|said|think)|customers?\s+only)$/i.test(
      body,
    )
  )
    return { customers: true, press: false };
  if (
    /^(?:news|press|media|articles|journalists|press\s+coverage)$/i.test(body) &&
    /^(?:only|just)\b/i.test(rest)
  )
    return { press: true, customers: false };
  const side =
    /^(?:(?:only|just)\s+)?(?:the\s+)?(negative|bad|critical|positive|good)(?:\s+(?:ones?|side|stuff|items|stories|sources|mentions|bits|reviews|things))?$/i.exec(
      body,
    )?.[1];
  if (!side) return null;
  return { tone: /^(?:positive|good)$/i.test(side) ? 'positive' : 'negative' };
}

/** "customers", "the press": whose words alone, as the last question narrowed to them, or null. */
function whoseWords(asked: string): Partial<AskFrame> | null {
  if (/^(?:the\s+|our\s+)?(?:customers?|users?|clients?|reviews?|reviewers?)$/i.test(asked))
    return { customers: true, press: false };
  if (/^(?:the\s+)?(?:press|media|news|journalists|reporters|analysts)$/i.test(asked))
    return { press: true, customers: false };
  return null;
}

/**
 * "outages but only reviews", "globex, just the negative ones", "globex in German": a subject and
 * the narrowings after it (see narrowing), each split where the longest narrowing begins; the
 * subject alone when none ends it.
 */
function withNarrowing(text: string): { subject: string; narrowed: Partial<AskFrame> } {
  const words = text.split(/\s+/);
  for (let at = 1; at < words.length; at++) {
    const subject = words.slice(0, at).join(' ').replace(/\s*,$/, '');
    const tail = words
      .slice(at)
      .join(' ')
      .replace(/^(?:(?:but|and|,)\s+)+/i, '');
    const narrowed = tail ? narrowing(tail) : null;
    if (narrowed && !/^(?:but|and)$/i.test(subject)) {
      // "outages but only reviews in German": each narrowing, the last one read first.
      const before = withNarrowing(subject.replace(/\s+(?:but|and)$/i, ''));
      return { subject: before.subject, narrowed: { ...before.narrowed, ...narrowed } };
    }
  }
  return { subject: text, narrowed: {} };
}

/** "last month but only reviews", "just the negative ones last 30 days": a period and a narrowing, in either order, or null. */
function withPeriodNarrowed(
  text: string,
  now: Date,
  zone: string,
): { period: string; narrowed: Partial<AskFrame> } | null {
  const first = withNarrowing(text);
  if (Object.keys(first.narrowed).length > 0 && periodOrNull(first.subject, now, zone))
    return { period: first.subject, narrowed: first.narrowed };
  const words = text.split(/\s+/);
  for (let at = 1; at < words.length; at++) {
    const narrowed = narrowing(words.slice(0, at).join(' ').replace(/,$/, ''));
    const period = words
      .slice(at)
      .join(' ')
      .replace(/^(?:(?:but|and)\s+)+/i, '');
    if (narrowed && periodOrNull(period, now, zone)) return { period, narrowed };
  }
  return null;
}

/** Why a narrowed question reads back without the narrowing asked, or null when it has it. */
function narrowingMissed(narrowed: Partial<AskFrame>, read: AskRequest | null): string | null {
  const [part, instead] =
    narrowed.press && !read?.press
      ? ['the press', 'what the press says about everything, ask `/brief what is the press saying`']
      : narrowed.customers && !read?.customers
        ? [
            'customers’ own words',
            'what customers say about everything, ask `/brief what are customers saying`',
          ]
        : narrowed.tone && read?.tone !== narrowed.tone
          ? [
              `the ${narrowed.tone} side`,
              `that side of everything, ask \`/brief any ${narrowed.tone === 'negative' ? 'bad' : 'good'} news\``,
            ]
          : [];
  return part ? `This answer cannot be narrowed to ${part}, so here it is again. For ${instead}.` : null;
}

/**
 * "how many are negative?": the counts of each subject of an answer, the side asked first, as its
 * Sentiment line has them ("Pricing, last 7 days: 3 of the 15 mentions (20%) are negative; …").
 */
export function numbersNote(answer: Answer, asked: NumbersAsked): string {
  const { window, overview } = answer.request;
  const sides = ['positive', 'neutral', 'negative'] as const;
  const counted = (subject: SubjectAnswer) => {
    // Side by side, a competitor's card counts what others said: so do its numbers.
    const card = answer.subjects.length > 1 && subject.ownPosts ? subject.othersCounts : null;
    const { current: total, sentiment, byKind } = card ?? subject.counts;
    const mentioned = totalOf(subject.counts.byKind);
    if (mentioned === 0) return 'no mentions, so nothing to count.';
    // Customers' words side by side: a side none of whose mentions is a customer's counts none.
    if (subject.counts.current === 0)
      return `no customer posts (of ${countOf(mentioned, 'mention')}), so nothing of theirs to count.`;
    // A customers answer counts customers' own words, as its header says: "13 customer posts (of 22 mentions)".
    const all = totalOf(byKind);
    if (asked === 'customers' || asked === 'reviews') return countedByKind(byKind, asked);
    const unit = answer.request.customers && all > total ? 'customer post' : 'mention';
    // Shares of those whose tone was read; the rest, in other languages, said apart.
    const read = toneRead(card ?? subject.counts);
    const share = (side: (typeof sides)[number]) => `${Math.round((sentiment[side] / (read || 1)) * 100)}%`;
    const others = sides
      .filter((side) => side !== asked)
      .map((side) => `${sentiment[side]} (${share(side)}) ${side}`)
      .concat(read < total ? [`tone not read for ${total - read} (${notEnglish(subject.counts)})`] : [])
      .join(', ');
    const leftOut = card
      ? `${subject.ownPosts?.by}'s own ${subject.counts.current - total} of ${subject.counts.current} left out`
      : '';
    const ofAll = card
      ? ` by others (${leftOut})`
      : unit === 'mention'
        ? ''
        : ` (of ${countOf(all, 'mention')})`;
    if (asked === 'all') return `${countOf(total, unit)}${ofAll}; ${others}.`;
    const verb = sentiment[asked] === 1 ? 'is' : 'are';
    return `${sentiment[asked]} of the ${countOf(total, unit)}${card ? ' by others' : ''} (${share(asked)}) ${verb} ${asked}; ${others}${card ? `; ${leftOut}` : ''}.`;
  };
  const named = (label: string) => `${label.charAt(0).toUpperCase()}${label.slice(1)}`;
  const [only] = answer.subjects;
  if (answer.subjects.length === 1 && only)
    return `${overview ? 'All your topics' : named(only.label)}, ${window.label}: ${counted(only)}`;
  // Side by side: the period once, then each side.
  return `${named(window.label)}. ${answer.subjects.map((subject) => `${named(subject.label)}: ${counted(subject)}`).join(' ')}`;
}

/** "in Japanese and Polish", the languages of the mentions whose tone was not read, or "in other languages". */
function notEnglish(counts: EvidenceCounts): string {
  const languages = Object.keys(counts.unreadLanguages ?? {})
    .map(languageName)
    .sort();
  return languages.length > 0 ? `in ${inWords(languages)}` : 'in other languages';
}

/** "13 of the 22 mentions (59%) are customers' own words (reviews, forums, communities); 8 are reviews." */
function countedByKind(byKind: Record<string, number>, asked: 'customers' | 'reviews'): string {
  const all = totalOf(byKind);
  const customers = Object.entries(byKind)
    .filter(([kind]) => customerKinds.has(kind))
    .reduce((sum, [, count]) => sum + count, 0);
  const reviews = byKind.review ?? 0;
  const share = (count: number) => `${Math.round((count / all) * 100)}%`;
  const verb = (count: number) => (count === 1 ? 'is' : 'are');
  const ownWords = 'customers’ own words (reviews, forums, communities)';
  if (asked === 'customers')
    return `${customers} of the ${countOf(all, 'mention')} (${share(customers)}) ${verb(customers)} ${ownWords}; ${reviews} ${verb(reviews)} ${reviews === 1 ? 'a review' : 'reviews'}.`;
  return `${reviews} of the ${countOf(all, 'mention')} (${share(reviews)}) ${verb(reviews)} ${reviews === 1 ? 'a review' : 'reviews'}; ${customers} in all ${verb(customers)} ${ownWords}.`;
}

/** ", negative", ", mostly positive", ", mixed": the tone of a voice's or source's mentions, after its count. */
function toneOfTally({ count, tone }: Tally): string {
  if (!tone) return '';
  const [most, times] = (Object.entries(tone) as Array<[string, number]>).reduce((best, next) =>
    next[1] > best[1] ? next : best,
  );
  if (times === count) return `, ${most}`;
  return times * 2 > count ? `, mostly ${most}` : ', mixed';
}

/** "Who is saying it": the voices (and sources) of each subject of an answer, each with its count and tone, in a line. */
export function voicesNote(answer: Answer): string {
  // Names hold commas ("Marcus Lee, VP Sales"): the list separates them as the Voices line does.
  const { tone, customers } = answer.request;
  // Sources by the names the answer's Top sources and source lines give them ("SaaS Ledger").
  const sourceName = feedNames(
    answer.subjects.flatMap((subject) =>
      [...subject.sources, ...(subject.sideWho?.sources ?? [])].map((tally) => tally.label),
    ),
  );
  // "complaints about acme": every mention listed is of the tone asked, so none is said.
  const list = (tallies: Tally[], name: (label: string) => string = (label) => label) =>
    tallies
      .slice(0, 4)
      .map((tally) => `${name(tally.label)} (${tally.count}${tone ? '' : toneOfTally(tally)})`)
      .join(' · ');
  const sources = (tallies: Tally[]) => list(tallies, sourceName);
  // "complaints about globex": who complains about globex itself, and where; or that no one does.
  const side = (subject: SubjectAnswer, who: NonNullable<SubjectAnswer['sideWho']>) => {
    const verb = tone === 'negative' ? 'is complaining about' : 'is praising';
    if (who.voices.length > 0)
      return `${list(who.voices)}${who.sources.length > 0 ? `; in ${sources(who.sources)}` : ''}`;
    const none = `no ${customers ? 'customer' : 'named voice'} ${verb} ${subject.label}`;
    return who.sources.length > 0
      ? `${none}; the ${tone} mentions are in ${sources(who.sources)}`
      : `${none.replace(/^no named voice/, 'no one')} in this period`;
  };
  // A competitor's staff are named apart: "Globex's own: Marcus Lee, VP Sales (2)".
  const own = (subject: SubjectAnswer) =>
    subject.ownPosts && subject.ownVoices.length > 0
      ? `; ${subject.ownPosts.by}'s own: ${list(subject.ownVoices)}`
      : '';
  const line = (subject: SubjectAnswer) =>
    subject.sideWho
      ? side(subject, subject.sideWho)
      : subject.voices.length === 0
        ? `${sources(subject.sources)}${own(subject)}`
        : `${list(subject.voices)}${own(subject)}${subject.sources.length > 0 ? `; in ${sources(subject.sources)}` : ''}`;
  const each = answer.subjects
    .filter((subject) => subject.sideWho || subject.voices.length + subject.sources.length > 0)
    .map((subject) => (answer.subjects.length > 1 ? `${subject.label}: ${line(subject)}` : line(subject)));
  return each.length > 0 ? `Who is saying it: ${each.join('. ')}.` : 'Nobody is saying it in this period.';
}

/**
 * The next page of the asker's last answer, for "/brief more": a slash command has no thread, so
 * the ask log ties it to the answer. Refused, saying what to do, when there is nothing to continue.
 */
export async function nextPageOfLastAnswer(
  deps: Deps,
  userId: string,
  channelId: string | null = null,
): Promise<{ question: string; offset: number; askedBy?: string }> {
  const own = await lastAsk(deps, userId);
  // An answer a colleague shared in this channel since is the one on screen: "more" continues it, as its numbers open.
  const shown = await lastShownHere(
    deps,
    userId,
    channelId,
    new Date(deps.clock.now().getTime() - followUpMs),
  );
  const shared = shown && !isDigestShown(shown.userId) && (!own || shown.id > own.id) ? shown : null;
  const last = shared ?? own;
  const sharer = shared && sharerOf(shared.userId);
  const yours = sharer && sharer !== userId ? `The answer <@${sharer}> shared here` : 'Your last answer';
  if (!last) {
    throw new UserError(
      'USAGE',
      'There is no recent answer of yours to continue. Ask a question first, e.g. `/brief what are customers saying about pricing`, then `/brief more` for the next sources.',
    );
  }
  const asked = parseAsk(last.question, deps.clock.now(), deps.config.DEFAULT_TIMEZONE);
  if (last.itemCount === 0) {
    // Nothing found is nothing to page: the window in which the same search finds something.
    const known = await deps.db.prisma.topic.findMany({
      select: { name: true, displayName: true, query: true, kind: true },
    });
    const searched = asked.overview
      ? [await overviewSubject(deps)]
      : await forAsker(
          deps,
          userId,
          Promise.all(asked.subjects.map((subject) => resolveSubject(deps, known, subject))),
        );
    const days = widerWindowDays(deps, asked.window, searched);
    const company = known.find((topic) => topic.kind === 'company')?.name;
    const subjects = namingCompany(JSON.parse(last.subjects) as string[], company);
    const frame = { ...frameOf(asked, subjects), windowLabel: `last ${days} days` };
    throw new UserError(
      'USAGE',
      `Your last question found nothing ${missedAbout(asked, subjects)}, so there is nothing more to show. ${days ? `Over a longer period it finds something: \`/brief ${askText(frame)}\`.` : 'Ask about something else, e.g. `/brief what’s new`.'}`,
    );
  }
  if (!last.hasMore) {
    // The same question over the next longer window ("pricing today": the last 7 days).
    const longer = widerWindowsDays.find((days) => days > asked.window.days);
    const frame = {
      ...frameOf(asked, await loggedSubjects(deps, last)),
      windowLabel: `last ${longer} days`,
    };
    throw new UserError(
      'USAGE',
      longer
        ? `${yours} (${askedWords(last)}) has no more sources to show. Ask about a longer period for more, e.g. \`/brief ${askText(frame)}\`, or ask something new.`
        : `${yours} (${askedWords(last)}) has no more sources to show, and it already covers the longest period Briefbot looks back: ask something new.`,
    );
  }
  const subjects = (JSON.parse(last.subjects) as string[]).length;
  const askedBy = sharer && sharer !== userId ? sharer : undefined;
  return { question: last.question, offset: last.offset + pageStep(asked, subjects), askedBy };
}

/** Sub-commands, and the command groups they belong to: typed alone, they are a command, not a question. */
const commandGroupsOf: Record<string, string[]> = {
  reassign: ['nudge'],
  release: ['nudge'],
  claim: ['nudge'],
  replied: ['nudge'],
  snooze: ['nudge'],
  dismiss: ['nudge'],
  preview: ['digest'],
  away: ['sme'],
  move: ['feeds'],
  import: ['feeds'],
  export: ['feeds'],
  pause: ['feeds', 'digest'],
  resume: ['feeds', 'digest'],
};

/**
 * The narrowest longer window ending now (7, 30, 90 or 365 days) in which the search finds
 * something; for a past period ("in October") that held nothing, from 30 days (the recent days may).
 */
function widerWindowDays(deps: Deps, window: AskWindow, searched: Resolved[]): number | undefined {
  const now = deps.clock.now();
  const endsNow = window.until.getTime() >= now.getTime() - dayMs;
  return widerWindowsDays.find(
    (days) =>
      (endsNow ? days > window.days : days >= Math.min(30, window.days)) &&
      searched.some(
        ({ fts }) => countRecent(deps.db.sqlite, fts, new Date(now.getTime() - days * dayMs)) > 0,
      ),
  );
}

/** Words for customers leaving, which the feeds rarely use as such ("churn"). */
const leavingWords =
  /\b(?:churn\w*|leav(?:e|es|ing)|switch(?:es|ed|ing)?|cancel\w*|quit(?:s|ting)?|defect(?:s|ing|ions?)?)\b/i;

/**
 * For an empty answer: topics that look like what was asked, and the narrowest wider window in
 * which the same search finds something ("this week" asked on a Monday morning: the last 7 days).
 */
async function suggestions(
  deps: Deps,
  request: AskRequest,
  searched: Resolved[],
  kinds: TopicEntry[],
): Promise<string[]> {
  const topics = kinds.map((topic) => topic.name);
  const result: string[] = [];
  // "churn", "are customers leaving us": what customers who leave say, in the words the feeds use.
  const company = kinds.find((topic) => topic.kind === 'company')?.name;
  if (!request.overview && leavingWords.test(request.subjects.join(' '))) {
    if (company) result.push(`/brief complaints about ${company}`);
    const switching = freeTextToFts('switching', { inflections: true });
    if (switching && anyMatch(deps.db.sqlite, switching))
      result.push('/brief what are customers saying about switching');
  }
  // "/brief reassign 12 @maria" found nothing because it is a command typed without its group.
  const [verb = '', ...rest] = request.question.split(' ');
  for (const group of commandGroupsOf[verb.toLowerCase()] ?? [])
    result.push(`/brief ${group} ${verb.toLowerCase()} ${rest.join(' ')}`.trimEnd());
  for (const { subject, topicName } of request.overview ? [] : searched) {
    const words = tokenize(subject);
    const near =
      closest(subject.toLowerCase().replace(/\s+/g, '-'), topics) ??
      topics.find((name) => words.some((word) => name.includes(word) || word.includes(name)));
    // Not the topic that was just searched ("outage" is the topic "outages").
    if (near && near !== topicName) result.push(`/brief what are customers saying about ${near}`);
  }
  const wider = widerWindowDays(deps, request.window, searched);
  // The question as asked, over the wider window: its framing kept ("what are customers saying about
  // outages"), "we" named as the company it stands for (a pasted "/brief we" reads as nothing).
  if (wider) {
    const frame = frameOf(request, namingCompany(request.subjects, company));
    result.push(`/brief ${askText({ ...frame, windowLabel: `last ${wider} days` })}`);
  }
  // Each suggestion is a command that runs as it is pasted.
  if (result.length === 0 && topics.length > 0 && !request.overview)
    result.push('/brief what’s new', '/brief topics list');
  return result;
}
