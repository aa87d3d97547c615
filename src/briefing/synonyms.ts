import { freeTextToFts, isStopWord, searchedWords, tokenize } from '../analysis/query.ts';
import { splitSentences } from '../analysis/text-stats.ts';

/**
 * Business news says one thing in several ways: a price rise is also a "price increase", "price
 * hike" or "raised prices". A free-text subject that uses one of these phrasings is also searched
 * for the others of its group, so `price rise` finds the posts that only say "price increase".
 * Topics' own queries are the marketer's exact words and are never expanded.
 *
 * A phrasing's pattern: words separated by spaces are said together in that order; `~` joins
 * phrases said within two words of each other, in any order ("raises Acme Desk prices"); `|`
 * separates the forms of one word (never of a phrase: "went up" besides "rose" is a phrasing of
 * its own, under the same label); a form ending in `*` is a prefix ("pric*": price, prices,
 * pricing). Forms are spelled out where a prefix would reach another meaning: "redundancy" is a
 * server's, "redundancies" people's; "breach" alone is an SLA's, so it needs "data" or "security"
 * beside it; "went down" is said of prices too, so it needs a duration after it. After `!`, a
 * phrase that undoes it where said ("roles and cut the noise": a cut of something else); FTS5 reads
 * neither sentences nor commas, so the items such a phrasing alone finds are read again in code
 * (`recheckOf`): one counts only when a clause of it says the phrasing and not what undoes it
 * ("cut 200 roles" does, "assign roles, cut the noise" does not). A phrasing marked
 * `typed` is read when typed but never searched for another: "acquisition" is also marketing's
 * ("customer acquisition", "acquisition of new customers"), so `merger` does not search it. Each
 * phrasing costs full-text time, most those with common words ("went up"): keep the forms few.
 */
const groups: ReadonlyArray<ReadonlyArray<readonly [label: string, pattern: string, only?: 'typed']>> = [
  [
    ['price rise', 'pric* ~ rise*|rising|rose'],
    ['price increase', 'pric* ~ increas*'],
    ['price hike', 'pric* ~ hike*'],
    ['raised prices', 'rais* ~ pric*'],
    ['prices went up', 'pric* ~ went|gone up'],
    ['prices climb', 'pric* ~ climb*|soar*'],
    [
      'prices edge up',
      'pric* ~ edge|edges|edged|edging|inch|inches|inched|inching|creep|creeps|crept|creeping up',
    ],
    ['prices tick up', 'pric* ~ tick|ticks|ticked|ticking up|higher'],
    ['higher renewal quotes', 'quote* ~ higher|rose'],
    ['higher renewal quotes', 'quote* ~ went up'],
  ],
  [
    ['outage', 'outage|outages'],
    ['downtime', 'downtime'],
    ['service disruption', 'service|services disruption|disruptions'],
    ['went down for hours', 'went down ~ hour*|minutes'],
    ['went down for hours', 'down for ~ hour*|minutes'],
    ['post-incident', 'post incident'],
    ['degraded performance', 'degraded performance|service|services'],
    ['service degradation', 'service|services|performance degradation'],
    // "went down" alone is said of prices too: read when typed, searched only with a duration (above).
    ['went down', 'went|goes|go|going down', 'typed'],
  ],
  [
    ['layoffs', 'layoff*'],
    ['laid off', 'laid off'],
    ['job cuts', 'job* ~ cut|cuts|cutting|slash*'],
    // "assign roles and cut the noise": roles and a cut of something else, no layoff.
    ['cut roles', 'cut|cuts|cutting|slash* ~ roles|positions ! roles|positions and cut|cuts|cutting|slash*'],
    ['redundancies', 'redundancies'],
    ['workforce reduction', 'workforce|headcount ~ reduc*'],
    // Not "staff": a tool "cuts staff workload".
    [
      'trims its workforce',
      'trim|trims|trimmed|trimming|cut|cuts|cutting|slash*|shrink*|shrank ~ workforce|headcount',
    ],
    ['sheds jobs', 'shed|sheds|shedding ~ jobs|roles|positions|staff|workers'],
    // "lets 200 staff go", never "lets staff go home early" said alone: "go" must end the phrase and follow within two words.
    ['lets staff go', 'let|lets|letting ~ staff|workers|employees|people go'],
  ],
  [
    ['churn', 'churn*'],
    ['switching from', 'switch|switches|switched|switching from|away'],
    ['customers leaving for', 'customers|teams|users|clients leaving for'],
    ['teams leaving', 'teams ~ leaving|quitting|ditching'],
    ['evaluating alternatives', 'evaluat*|consider*|exploring|looking ~ alternatives'],
    ['cancelled subscriptions', 'cancel*|cancellation|cancellations ~ subscription*|contract|contracts'],
    ['moving off', 'move|moves|moved|moving|migrat* off'],
    // "ditch the spreadsheet": read when typed ("ditching acme"), never searched for `churn`.
    ['ditching', 'ditch|ditches|ditched|ditching', 'typed'],
  ],
  [
    ['acquisition', 'acquisition|acquisitions', 'typed'],
    ['acquires', 'acquires'],
    ['acquired by', 'acquired by'],
    ['merger', 'merger|mergers'],
    ['takeover', 'takeover|takeovers'],
    ['buys', 'buys'],
  ],
  [
    ['lawsuit', 'lawsuit|lawsuits'],
    ['sued', 'sued|sues|suing'],
    ['litigation', 'litigation'],
    ['legal action', 'legal action|actions'],
    ['class action', 'class action'],
  ],
  [
    ['funding', 'funding'],
    ['fundraising', 'fundraising|fundraise'],
    ['funding round', 'seed|investment round'],
    ['series A–D', 'series a|b|c|d'],
    ['raised … million', 'raise|raises|raised|raising ~ million|billion'],
  ],
  [
    ['security breach', 'security ~ breach|breaches|breached'],
    ['data breach', 'data ~ breach|breaches|breached'],
    ['data leak', 'data ~ leak|leaks|leaked|leaking'],
    ['hacked', 'hacked|hackers'],
    ['cyberattack', 'cyberattack|cyberattacks'],
    ['ransomware', 'ransomware'],
  ],
];

/** How many words may stand between the phrases of a `~` pattern (FTS5's NEAR distance). */
const nearDistance = 2;

/** One word's forms; one phrase's words, in order; a phrasing's phrases, said near each other. */
type Slot = readonly string[];
type Phrase = readonly Slot[];
/** `unless`: phrases that undo the phrasing where said ("roles and cut"). */
type Phrasing = { label: string; phrases: readonly Phrase[]; unless: readonly Phrase[]; typedOnly: boolean };

const phraseOf = (words: string): Phrase =>
  words
    .trim()
    .split(/\s+/)
    .map((slot) => slot.split('|'));

const phrasingGroups: ReadonlyArray<readonly Phrasing[]> = groups.map((group) =>
  group.map(([label, pattern, only]) => {
    const [said = '', ...unless] = pattern.split('!');
    return {
      label,
      typedOnly: only === 'typed',
      phrases: said.split('~').map(phraseOf),
      unless: unless.map(phraseOf),
    };
  }),
);

function formMatches(form: string, token: string): boolean {
  return form.endsWith('*') ? token.startsWith(form.slice(0, -1)) : token === form;
}

function slotMatches(slot: Slot, token: string | undefined): boolean {
  return token !== undefined && slot.some((form) => formMatches(form, token));
}

/** The words of a phrasing a subject would type: those the search does not leave out. */
function typedSlots(phrasing: Phrasing): Slot[] {
  return phrasing.phrases.flat().filter((slot) => !slot.every(isStopWord));
}

/** Whether `run` is the phrasing's words, each once, in any order ("increase in price": price increase). */
function runIs(run: readonly string[], slots: readonly Slot[]): boolean {
  if (run.length !== slots.length) return false;
  const matchFrom = (at: number, used: ReadonlySet<number>): boolean =>
    at === run.length ||
    slots.some(
      (slot, index) =>
        !used.has(index) && slotMatches(slot, run[at]) && matchFrom(at + 1, new Set([...used, index])),
    );
  return matchFrom(0, new Set());
}

/** The ways of writing each slot's forms one after another, as FTS5 phrases. */
function ftsPhrases(phrase: Phrase): string[] {
  const quoted = (form: string) => (form.endsWith('*') ? `"${form.slice(0, -1)}"*` : `"${form}"`);
  return phrase.reduce<string[]>(
    (starts, slot) =>
      starts.flatMap((start) => slot.map((form) => (start ? `${start} + ` : '') + quoted(form))),
    [''],
  );
}

function phrasingFts(phrasing: Phrasing): string {
  const [only, ...more] = phrasing.phrases;
  if (only && more.length === 0) return ftsPhrases(only).join(' OR ');
  const combinations = phrasing.phrases.reduce<string[][]>(
    (sets, phrase) => sets.flatMap((set) => ftsPhrases(phrase).map((each) => [...set, each])),
    [[]],
  );
  return combinations.map((set) => `NEAR(${set.join(' ')}, ${nearDistance})`).join(' OR ');
}

/** Where a phrase's words are said, in order, in `tokens`: the positions it starts at. */
function phraseStarts(tokens: readonly string[], phrase: Phrase): number[] {
  return tokens.flatMap((_, at) =>
    phrase.every((slot, offset) => slotMatches(slot, tokens[at + offset])) ? [at] : [],
  );
}

/** The matcher's reading of a phrasing, as FTS5 reads NEAR: few words between the first phrase's end and the last's start. */
function says(tokens: readonly string[], phrasing: Phrasing): boolean {
  if (phrasing.unless.some((phrase) => phraseStarts(tokens, phrase).length > 0)) return false;
  const places = phrasing.phrases.map((phrase) =>
    phraseStarts(tokens, phrase).map((at) => ({ at, end: at + phrase.length })),
  );
  if (places.some((starts) => starts.length === 0)) return false;
  if (places.length === 1) return true;
  const choices = places.reduce<Array<Array<{ at: number; end: number }>>>(
    (sets, starts) => sets.flatMap((set) => starts.map((start) => [...set, start])),
    [[]],
  );
  return choices.some((set) => {
    const first = set.reduce((a, b) => (b.at < a.at ? b : a));
    const last = Math.max(...set.map((place) => place.at));
    return last - first.end <= nearDistance && set.every((place) => place === first || place.at >= first.end);
  });
}

/** The phrasings that something said may undo ("cut roles"): the search finds them loosely, code reads them clause by clause. */
const rechecked = phrasingGroups.flat().filter((phrasing) => phrasing.unless.length > 0);

/** How a rechecked phrasing stands in a segment's search (`segmentsOf`): one of its others. */
const inSegment = (phrasing: Phrasing) => ` OR (${phrasingFts(phrasing)})`;

/** A text's clauses, as `tokenize` splits them: its sentences cut at commas, semicolons, colons and dashes ("1,200" stays whole). */
function clausesOf(text: string): string[][] {
  return splitSentences(text)
    .flatMap((sentence) => sentence.split(/[,;:]\s+|\s+[-–—]\s+/))
    .map(tokenize);
}

/** Whether a clause of a text says one of the phrasings. */
function clauseSays(text: string, phrasings: readonly Phrasing[]): boolean {
  return clausesOf(text).some((tokens) => phrasings.some((phrasing) => says(tokens, phrasing)));
}

export type Recheck = {
  /** The FTS5 expression of the items found only by the rechecked phrasings. */
  candidates: string;
  /** Whether a clause of a text (a title, a body) says one of them. */
  says: (text: string) => boolean;
};

/**
 * For a search (any expression built from `expandSubject`, narrowed or not) with a phrasing that
 * something said undoes (`layoffs`: "cut roles"): the items it finds only through that phrasing,
 * and whether one says it where it counts. Null when the search has none.
 */
export function recheckOf(fts: string): Recheck | null {
  const inside = rechecked.filter((phrasing) => fts.includes(inSegment(phrasing)));
  if (inside.length === 0) return null;
  const without = inside.reduce((rest, phrasing) => rest.replaceAll(inSegment(phrasing), ''), fts);
  return {
    candidates: `(${fts}) NOT (${without})`,
    says: (text) => clauseSays(text, inside),
  };
}

export type Expansion = {
  /** The FTS5 expression: the words as typed (`freeTextToFts`) and, for a phrasing, its listed forms and its group's others. */
  fts: string;
  /** The phrasings searched besides the one typed, as the answer names them ("price increase"). */
  also: string[];
  /** Whether a clause of a text (a sentence) uses a phrasing searched (the one typed, in its listed forms, or another): "roles, cut the noise" does not. */
  says: (text: string) => boolean;
  /** The words of those phrasings ("increase", "hike", "migrat"): the subject's, never a theme of its own. */
  words: string[];
};

/**
 * A run of the subject's words: searched as typed and, when it is a phrasing of a group, in that
 * phrasing's listed forms ("moving off": "migrated off") and as the group's others.
 */
type Segment = { words: string[]; fts: string; typed: Phrasing[]; others: Phrasing[] };

function segmentsOf(subject: string): Segment[] | null {
  const words = searchedWords(subject);
  if (words.every(isStopWord)) return null;
  const segments: Segment[] = [];
  for (let at = 0; at < words.length; ) {
    const found = longestPhrasingAt(words, at);
    const typed = words.slice(at, at + (found?.length ?? 1));
    const asTyped = freeTextToFts(typed.join(' '), { inflections: true });
    if (asTyped === null) return null;
    const others = found
      ? found.group.filter((phrasing) => phrasing !== found.phrasing && !phrasing.typedOnly)
      : [];
    const listed = found && others.length > 0 ? [found.phrasing] : [];
    const fts = [asTyped, ...[...listed, ...others].map(phrasingFts)].map((part) => `(${part})`).join(' OR ');
    segments.push({ words: typed, fts: others.length > 0 ? `(${fts})` : fts, typed: listed, others });
    at += typed.length;
  }
  return segments;
}

/**
 * A free-text subject with a phrasing of a group (`price rise`, `acme layoffs`): searched as typed
 * and, for that phrasing, in its listed forms (`moving off`: "migrated off") and as the group's
 * others too. Null when it uses none.
 */
export function expandSubject(subject: string): Expansion | null {
  const segments = segmentsOf(subject);
  const besides = (segments ?? []).flatMap((segment) => segment.others);
  if (!segments || besides.length === 0) return null;
  const searched = segments.flatMap((segment) => [...segment.typed, ...segment.others]);
  return {
    fts: segments.map((segment) => segment.fts).join(' AND '),
    also: labelsOf(besides),
    says: (text) => clauseSays(text, searched),
    // A form of two or three letters ("up") would keep every word it begins ("update") out of the themes.
    words: [
      ...new Set(
        searched.flatMap((phrasing) =>
          typedSlots(phrasing).flatMap((slot) =>
            slot.map((form) => form.replace(/\*$/, '')).filter((form) => form.length >= 4),
          ),
        ),
      ),
    ],
  };
}

/**
 * The runs of a subject's words that are a phrasing of a group ("price hike" in "price hike
 * widgets"), each with its search: such a run is kept or left out whole, never word by word.
 */
export function expandedRuns(subject: string): Array<{ words: string[]; fts: string; also: string[] }> {
  return (segmentsOf(subject) ?? [])
    .filter((segment) => segment.others.length > 0)
    .map(({ words, fts, others }) => ({ words, fts, also: labelsOf(others) }));
}

function labelsOf(phrasings: readonly Phrasing[]): string[] {
  return [...new Set(phrasings.map((phrasing) => phrasing.label))];
}

/** The phrasing of the most words that the subject's words from `at` on are, and its group. */
function longestPhrasingAt(
  words: readonly string[],
  at: number,
): { group: readonly Phrasing[]; phrasing: Phrasing; length: number } | undefined {
  for (let length = Math.min(4, words.length - at); length > 0; length--) {
    const run = words.slice(at, at + length);
    for (const group of phrasingGroups) {
      const phrasing = group.find((each) => runIs(run, typedSlots(each)));
      if (phrasing) return { group, phrasing, length };
    }
  }
  return undefined;
}
