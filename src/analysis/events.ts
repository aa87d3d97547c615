import { tokenize, wordForm } from './query.ts';
import { stopWords, themeText } from './text-stats.ts';

/** One item as event grouping reads it: its words, when it was published, and its near-duplicate cluster. */
export type EventText = {
  title: string;
  text: string;
  publishedAt: number;
  clusterId: number | null;
  /** The name of its source ("The Globex Blog"): whose words its posts are, when they do not say. */
  source?: string | null;
};

/** How far apart two tellings of one event may be published: an outage a week later is another outage. */
export const eventWindowMs = 72 * 3600_000;
/** The average likeness two groups need to be one event (tuned on the demo's outage, price rise and discount). */
const eventLikeness = 0.06;
/** How many words, beside those of the kind of event, two items must share to be one event. */
const sharedWords = 2;
/** How much of an item's body is read: the lead says what happened, the rest wanders. */
const leadChars = 400;
/**
 * Words every item of a kind carries ("Rating: 4 out of 5 stars"), and words about the telling or
 * its day ("story", "found today"): they say nothing of which event.
 */
const formWords = new Set(
  'review rating star stars out post thread anyone else story stories news article report found today yesterday tomorrow'.split(
    ' ',
  ),
);

/**
 * What kind of event words tell of, as written or in their plain form (see wordForm): a price rise
 * and an outage of one company on one day share its name and its customers, never these words.
 */
const eventKinds: Record<string, readonly string[]> = {
  outage: [
    'outage',
    'downtime',
    'down',
    'offline',
    'unavailabl',
    'incident',
    'failover',
    'disruption',
    'degrad',
    'uptime',
    'operational',
    'status',
  ],
  price: [
    'price',
    'pric',
    'increas',
    'hike',
    'rose',
    'higher',
    'quot',
    'renewal',
    'tier',
    'seat',
    'cost',
    'expensiv',
    'cheaper',
  ],
  offer: ['discount', 'offer', 'promo', 'deal', 'free', 'migration', 'migrat', 'switch', 'incentiv', 'off'],
  launch: ['launch', 'introduc', 'unveil', 'releas', 'debut', 'rollout', 'announc', 'add', 'feature'],
  security: ['breach', 'hack', 'leak', 'vulnerability', 'ransomware', 'expos', 'attack', 'compromis'],
  merger: ['acquir', 'acquisition', 'merger', 'merg', 'buy', 'bought', 'takeover', 'consolidat'],
  people: ['appoint', 'hir', 'ceo', 'chief', 'resign', 'layoff', 'executiv', 'officer'],
  funding: ['funding', 'investor', 'valuation', 'ipo', 'round'],
  legal: ['lawsuit', 'sue', 'court', 'regulator', 'antitrust', 'fin', 'settlement'],
};
const kindOfWord = new Map(
  Object.entries(eventKinds).flatMap(([kind, words]) =>
    words.flatMap((word) => [[word, kind] as const, [wordForm(word), kind] as const]),
  ),
);
/** A kind told at least this share as often as the most told one is also the item's kind ("multi-year discount before your renewal"). */
const kindShare = 0.6;

type Terms = {
  weights: Map<string, number>;
  /** Every word it uses, in its plain form, its source's name too. */
  words: Set<string>;
  /** Its title's words written with a capital, in order. */
  titleCapitals: string[];
  kinds: Set<string>;
};

/** The kinds of event an item's words tell of, its title's words counting three times. */
function kindsOf(item: EventText, lead: string): Set<string> {
  const told = new Map<string, number>();
  const count = (text: string, weight: number) => {
    for (const token of tokenize(text)) {
      const kind = kindOfWord.get(token) ?? kindOfWord.get(wordForm(token));
      if (kind) told.set(kind, (told.get(kind) ?? 0) + weight);
    }
  };
  count(item.title, 3);
  count(lead, 1);
  const most = Math.max(0, ...told.values());
  return new Set([...told].filter(([, times]) => times >= kindShare * most).map(([kind]) => kind));
}

/** How the items given write their words: which in lower case, which with a capital inside a sentence. */
type Casing = { lowered: Set<string>; inner: Set<string> };

/**
 * What an item tells, as words: its title's count twice, its lead's once, each word in its plain
 * form, with each two words that follow one another ("status page", "service credit").
 */
function termsOf(item: EventText, casing: Casing): Terms {
  const key = `${item.title}\u0000${item.text.slice(0, leadChars)}\u0000${item.source ?? ''}`;
  let read = termsRead.get(key);
  if (!read) {
    read = readTerms(item);
    // Digests of many channels read the same items: each is read once, the cache kept small.
    if (termsRead.size >= termsCacheSize) termsRead.clear();
    termsRead.set(key, read);
  }
  for (const form of read.lowered) casing.lowered.add(form);
  for (const form of read.inner) casing.inner.add(form);
  return read.terms;
}

/** Items' words as read (see readTerms), by their title, lead and source. */
const termsRead = new Map<string, ReturnType<typeof readTerms>>();
const termsCacheSize = 5_000;

/** termsOf's reading of one item, with the words it writes in lower case and with a capital inside a sentence. */
function readTerms(item: EventText): { terms: Terms; lowered: string[]; inner: string[] } {
  const weights = new Map<string, number>();
  const words = new Set<string>();
  const titleCapitals: string[] = [];
  const lowered: string[] = [];
  const inner: string[] = [];
  const add = (text: string, weight: number, capitals?: string[]) => {
    let previous: string | null = null;
    for (const match of text.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'’%]*/gu)) {
      const plain = match[0].replace(/['’](?:s)?$/i, '');
      const [token] = tokenize(plain);
      if (!token || token.length < 2 || stopWords.has(token) || formWords.has(token) || /^\d$/.test(token)) {
        previous = null;
        continue;
      }
      const form = wordForm(token);
      words.add(form);
      if (!/^\p{Lu}/u.test(plain)) lowered.push(form);
      else {
        capitals?.push(form);
        // The first word of a sentence is written with a capital whatever it is.
        if (!/(?:^|[.!?:;]\s*["“'‘(]?)\s*$/.test(text.slice(0, match.index))) inner.push(form);
      }
      weights.set(form, Math.max(weights.get(form) ?? 0, weight));
      if (previous)
        weights.set(`${previous} ${form}`, Math.max(weights.get(`${previous} ${form}`) ?? 0, weight));
      previous = form;
    }
  };
  const lead = themeText(item.text.slice(0, leadChars));
  add(item.title, 2, titleCapitals);
  add(lead, 1);
  for (const token of tokenize(item.source ?? '')) words.add(wordForm(token));
  return { terms: { weights, words, titleCapitals, kinds: kindsOf(item, lead) }, lowered, inner };
}

/**
 * Groups items that tell one event, however worded: a news story, the forum threads, the reviews
 * and the post-incident report of one outage. Two items are alike by the rare words they share
 * (TF-IDF cosine, the rarity read among the items given), never when published more than
 * `eventWindowMs` apart, never unless they tell of one kind of event (eventKinds), name someone
 * in common (a word written with a capital inside a sentence and never in lower case: "Acme",
 * "EU"; a shared theme is no event) and share two words besides, and never when one is another's story: the first name in its title ("Globex
 * Assist hit by outage…") is nowhere in the other (nor its source's name). Groups merge by average
 * likeness, so a chain of loosely alike items never becomes one event. Items of one near-duplicate
 * cluster are always one.
 *
 * Returns, for each item, the index of its group's first item in the order given (the best ranked,
 * when given ranked): an item whose index is its own leads its event.
 */
export function groupEvents(items: readonly EventText[]): number[] {
  const pair = eventLikenesses(items);
  let groups = items.map((_, index) => [index]);
  for (;;) {
    let best = { score: eventLikeness, a: -1, b: -1 };
    for (let a = 0; a < groups.length; a++) {
      for (let b = a + 1; b < groups.length; b++) {
        let sum = 0;
        for (const x of groups[a] as number[])
          for (const y of groups[b] as number[]) sum += (pair[x] as number[])[y] as number;
        const average = sum / ((groups[a] as number[]).length * (groups[b] as number[]).length);
        if (average >= best.score) best = { score: average, a, b };
      }
    }
    if (best.a === -1) break;
    const merged = [...(groups[best.a] as number[]), ...(groups[best.b] as number[])].sort((x, y) => x - y);
    groups = groups.filter((_, at) => at !== best.a && at !== best.b).concat([merged]);
  }
  const lead = new Array<number>(items.length);
  for (const group of groups) for (const index of group) lead[index] = group[0] as number;
  return lead;
}

/** How alike each two items are as tellings of one event: 1 the same, 0 unlike, -Infinity too far apart in time. */
function eventLikenesses(items: readonly EventText[]): number[][] {
  const casing: Casing = { lowered: new Set(), inner: new Set() };
  const terms = items.map((item) => termsOf(item, casing));
  // A name is written with a capital inside a sentence, and never in lower case ("Acme", "EU"; not
  // "Agents could not…"). Whose story an item is: the first name of its title.
  const isName = (word: string) => casing.inner.has(word) && !casing.lowered.has(word);
  const whose = terms.map(({ titleCapitals }) => titleCapitals.find(isName));
  // The names each item writes (in its title or lead): an event is someone's.
  const names = terms.map(({ weights }) =>
    [...weights.keys()].filter((word) => !word.includes(' ') && isName(word)),
  );
  const documents = new Map<string, number>();
  for (const { weights } of terms)
    for (const word of weights.keys()) documents.set(word, (documents.get(word) ?? 0) + 1);
  const vectors = terms.map(({ weights }) => {
    const vector = new Map<string, number>();
    let norm = 0;
    for (const [word, weight] of weights) {
      const value = weight * Math.log(1 + items.length / (documents.get(word) ?? 1));
      vector.set(word, value);
      norm += value * value;
    }
    return { vector, norm: Math.sqrt(norm) };
  });
  const likeness = (a: number, b: number): number => {
    const left = items[a] as EventText;
    const right = items[b] as EventText;
    if (left.clusterId !== null && left.clusterId === right.clusterId) return 1;
    if (Math.abs(left.publishedAt - right.publishedAt) > eventWindowMs) return Number.NEGATIVE_INFINITY;
    const kindsA = (terms[a] as Terms).kinds;
    const kindsB = (terms[b] as Terms).kinds;
    // Items that tell of no kind of event (two praising reviews) are one story only as near-duplicates.
    if (![...kindsA].some((kind) => kindsB.has(kind))) return 0;
    // Another company's outage the same morning is another story, though it names Acme.
    const ownerA = whose[a];
    const ownerB = whose[b];
    if (
      (ownerA && !(terms[b] as Terms).words.has(ownerA)) ||
      (ownerB && !(terms[a] as Terms).words.has(ownerB))
    )
      return 0;
    // An event happens to someone: two pieces that name no one in common (an analysis of usage
    // pricing, a webinar on per-seat pricing) share a theme, not an event. A name one writes may be
    // the other's source ("Introducing Assist AI" on The Globex Blog).
    if (
      !(names[a] as string[]).some((name) => (terms[b] as Terms).words.has(name)) &&
      !(names[b] as string[]).some((name) => (terms[a] as Terms).words.has(name))
    )
      return 0;
    // Words of a kind of event say what kind it is, not which one: two prices changed are two
    // events unless more words tell of the same one ("Acme pricing goes up", "Globex price cut").
    let shared = 0;
    for (const word of (terms[a] as Terms).weights.keys())
      if (!word.includes(' ') && !kindOfWord.has(word) && (terms[b] as Terms).weights.has(word)) shared++;
    if (shared < sharedWords) return 0;
    const one = vectors[a] as { vector: Map<string, number>; norm: number };
    const other = vectors[b] as { vector: Map<string, number>; norm: number };
    if (one.norm === 0 || other.norm === 0) return 0;
    let dot = 0;
    for (const [word, value] of one.vector) dot += value * (other.vector.get(word) ?? 0);
    return dot / (one.norm * other.norm);
  };
  return items.map((_, a) => items.map((__, b) => (a === b ? 1 : likeness(a, b))));
}
