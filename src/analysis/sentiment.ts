import { createRequire } from 'node:module';
import Sentiment from 'sentiment';
import { verdictOfScore } from './rating.ts';
import { isToneLanguage, lexiconScore } from './sentiment-languages.ts';

export const SentimentLabel = {
  Positive: 'positive',
  Neutral: 'neutral',
  Negative: 'negative',
  /** Written in a language whose tone is not read (see `readsTone`). */
  Unread: 'unread',
} as const;
export type SentimentLabel = (typeof SentimentLabel)[keyof typeof SentimentLabel];

/**
 * Whether an item's tone is read: English, or a text too short to tell its language (read as
 * English, as before languages were told), and German, French, Spanish, Italian, Dutch,
 * Portuguese, Polish, Swedish, Danish, Norwegian, Czech, Slovak, Romanian, Finnish, Turkish,
 * Russian and Japanese, each by its own lexicon (German "die" is no death, nor French "pour" a pour).
 */
export function readsTone(language: string | null): boolean {
  return readsEnglish(language) || isToneLanguage(language);
}

/** English, or too short to tell: what the English-only readings (headline patterns, criticism words) read. */
export function readsEnglish(language: string | null): boolean {
  return language === null || language === 'en';
}

/** The languages whose tone is read, English first. */
export const toneLanguages = [
  'English',
  'German',
  'French',
  'Spanish',
  'Italian',
  'Dutch',
  'Portuguese',
  'Polish',
  'Swedish',
  'Danish',
  'Norwegian',
  'Czech',
  'Slovak',
  'Romanian',
  'Finnish',
  'Turkish',
  'Russian',
  'Japanese',
];

/** "English, German, French, … and Romanian": the languages whose tone is read. */
export const toneLanguagesText = `${toneLanguages.slice(0, -1).join(', ')} and ${toneLanguages.at(-1)}`;

/**
 * "English and 17 other languages (`/brief help languages` lists them)": the languages whose tone
 * is read, short enough for a note on a phone, pointing to the list.
 */
export const toneLanguagesShort = `English and ${toneLanguages.length - 1} other languages (\`/brief help languages\` lists them)`;

/** How many mentions of a count had their tone read (the rest are in other languages). */
export function toneRead(counts: {
  sentiment: { positive: number; neutral: number; negative: number };
}): number {
  const { positive, neutral, negative } = counts.sentiment;
  return positive + neutral + negative;
}

export type SentimentResult = { label: SentimentLabel; score: number };

// The `sentiment` package's English: its AFINN-165 lexicon as published, with a wider negation rule.
const englishLabels = createRequire(import.meta.url)('sentiment/languages/en/labels.json') as Record<
  string,
  number
>;
const negators = new Set([
  // "No" and "without" are handled apart: "no warning" is no praise.
  ...['not', 'never', 'non', 'cannot'],
  ...[
    'cant',
    'dont',
    'doesnt',
    'isnt',
    'wont',
    'wasnt',
    'werent',
    'arent',
    'didnt',
    'hasnt',
    'havent',
    'hadnt',
  ],
  ...['shouldnt', 'wouldnt', 'couldnt', 'aint', 'mustnt', 'neednt'],
  ...[
    "can't",
    "don't",
    "doesn't",
    "isn't",
    "won't",
    "wasn't",
    "weren't",
    "aren't",
    "didn't",
    "hasn't",
    "haven't",
  ],
  ...["hadn't", "shouldn't", "wouldn't", "couldn't", "ain't", "mustn't", "needn't"],
]);
/**
 * Market and product news, and the forums about products, where AFINN reads some words off:
 * "support", "free", "shares" and "increase" are nouns of the trade there, not praise ("support tickets pile up", "the free tier is
 * retired", "shares plunge", "a price increase"), and "cut" is as often good news ("cut response
 * times") as bad ("cuts jobs"); and AFINN lacks words the trade judges by
 * ("downtime", "layoffs", "churn", "glitches", "overpriced", "painless"). Checked against a labelled
 * set of such sentences (test/fixtures/sentiment/b2b.json).
 */
const tradeLabels: Record<string, number> = {
  ...Object.fromEntries(
    [
      'support',
      'supports',
      'supported',
      'free',
      'share',
      'shares',
      'increase',
      'accepting',
      'cut',
      'cuts',
      // "No hidden fees", "renewals never rise": which way these lean depends on what they qualify.
      'no',
      'rise',
      'rises',
      // Forum courtesy and laughter: "Please help, thanks in advance" asks about a problem, and
      // "went up 30% lol" is no joke; "helps", "helpful" and "thankful" keep their scores.
      'help',
      'please',
      'thanks',
      'thank',
      'lol',
      'lmao',
      'rofl',
    ].map((word) => [word, 0]),
  ),
  // "Read the fine print": a caveat, not praise (the phrase is joined into one word before scoring).
  'fine-print': -1,
  downtime: -2,
  layoff: -2,
  layoffs: -2,
  churn: -2,
  backlash: -2,
  glitch: -2,
  glitches: -2,
  glitchy: -2,
  bug: -1,
  bugs: -1,
  issue: -1,
  issues: -1,
  // AFINN has "crash" and "leak" but not these forms.
  crashes: -2,
  leaks: -1,
  buggy: -2,
  slow: -1,
  sluggish: -2,
  slowdown: -2,
  unusable: -3,
  unreliable: -2,
  faulty: -2,
  recall: -1,
  regression: -2,
  stalls: -2,
  slump: -2,
  slumps: -2,
  slumped: -2,
  plunge: -2,
  plunges: -2,
  plunged: -2,
  overpriced: -2,
  expensive: -1,
  pricey: -1,
  hike: -1,
  hikes: -1,
  hiked: -1,
  sting: -2,
  stings: -2,
  dealbreaker: -3,
  downgrade: -2,
  downgrades: -2,
  downgraded: -2,
  painfully: -2,
  misses: -1,
  scrutiny: -1,
  deprecated: -1,
  painless: 2,
  intuitive: 2,
  seamless: 2,
  seamlessly: 2,
  smoothly: 2,
  satisfaction: 2,
  soar: 2,
  soars: 2,
  soared: 2,
  surge: 1,
  surges: 1,
  surged: 1,
  outperform: 2,
  outperforms: 2,
  beats: 1,
  milestone: 1,
  // Company news: regulators, courts, markets and plans, words AFINN lacks.
  fined: -2,
  fines: -2,
  investigation: -1,
  investigations: -1,
  inquiry: -1,
  probe: -1,
  probes: -1,
  probed: -1,
  tumble: -2,
  tumbles: -2,
  tumbled: -2,
  slides: -1,
  slid: -1,
  sinks: -2,
  sank: -2,
  slows: -1,
  slowed: -1,
  slowing: -1,
  delay: -1,
  delays: -1,
  delayed: -1,
  postpones: -1,
  postponed: -1,
  discontinue: -1,
  discontinues: -1,
  discontinued: -1,
  sunsets: -1,
  sunsetting: -1,
  loses: -2,
  // Phrases joined into one word before scoring (see businessPhrases).
  'laid-off': -2,
  'job-cuts': -2,
  'class-action': -2,
  'guidance-down': -2,
  'growth-slows': -2,
  'guidance-up': 2,
  'funding-round': 2,
  'record-results': 2,
  'named-leader': 2,
  'partners-with': 1,
  'price-rise': -1,
  'flock-to': 2,
};

/**
 * Company events that several words tell and no single word does: "lays off", "cuts 200 jobs",
 * "lowers its guidance", "raises $50M", "record revenue", "named a Leader", "class action".
 */
const businessPhrases: Array<[RegExp, string]> = [
  [/\bfine\s+print\b/, 'fine-print'],
  [/\b(?:lays?|laid|laying)\s+off\b/, 'laid-off'],
  [
    /\b(?:job\s+cuts|(?:cut|cuts|cutting|slash|slashes|slashed|eliminates?)\s+(?:[\d,.]+%?\s+|(?:its|the)\s+)?(?:of\s+(?:its\s+)?)?(?:jobs|roles|positions|staff|workforce|headcount|employees))\b/,
    'job-cuts',
  ],
  [/\bclass[-\s]action\b/, 'class-action'],
  [
    /\b(?:cuts?|lowers?|lowered|slash(?:es|ed)?|trims?|trimmed|reduces?|reduced)\s+(?:its\s+)?(?:full[-\s]year\s+|annual\s+|quarterly\s+|revenue\s+|profit\s+|sales\s+)*(?:guidance|forecasts?|outlook)\b/,
    'guidance-down',
  ],
  [
    /\b(?:raises?|raised|boosts?|boosted|lifts?|lifted|ups)\s+(?:its\s+)?(?:full[-\s]year\s+|annual\s+|quarterly\s+|revenue\s+|profit\s+|sales\s+)*(?:guidance|forecasts?|outlook)\b/,
    'guidance-up',
  ],
  [/\bgrowth\s+(?:slows|slowed|slowing|stalls|stalled)\b/, 'growth-slows'],
  [
    /\b(?:raises?|raised|secures?|secured|closes?|closed|lands?|landed)\s+(?:an?\s+)?[$€£]\s?[\d.,]+\s*(?:[mb]n?|million|billion)?\b/,
    'funding-round',
  ],
  [
    /\brecord\s+(?:quarterly\s+|annual\s+|first[-\s]quarter\s+)?(?:revenue|profits?|sales|earnings|growth|results|quarter|year)\b/,
    'record-results',
  ],
  [/\b(?:named|recognized|recognised)\s+(?:as\s+)?(?:an?\s+|the\s+)?leader\b/, 'named-leader'],
  [/\bpartners\s+with\b/, 'partners-with'],
  // What customers pay going up ("raises prices", "raises Acme Desk prices", "a price increase",
  // "prices went up", "our quote went up"): bad news for them; "increase" alone is neutral.
  [
    /\b(?:(?:raises?|raised|raising|hikes?|hiked|hiking|increases?|increased|increasing|ups|lifts?)\s+(?:[\w'-]+\s+){0,2}prices?|price\s+(?:increases?|rises?|hikes?)|(?:quote|bill|invoice|renewal|costs?|fees?)\s+(?:went|goes|is\s+going|has\s+gone)\s+up|(?:quote|bill|invoice|costs?|fees?)\s+(?:rose|jumped|doubled|tripled)|prices\s+(?:rise|rose|risen|jump(?:ed)?|climb(?:ed)?|(?:go|went|are\s+going)\s+up))\b/,
    'price-rise',
  ],
  [/\bflock(?:s|ing|ed)?\s+to\b/, 'flock-to'],
];

// Trouble that "no" or "without" makes worse, not better: "with no warning", "without notice".
const surprises = new Set(['warning', 'notice', 'explanation', 'reason', 'consent']);

/**
 * Verbs that report trouble dealt with: the trouble after them is good news ("fixed the bugs that
 * plagued them", "patched the flaw"). Only done or doing-now forms: "working to resolve the outage"
 * or "fixing" is trouble still there, and "didn't fix" is caught by the negators.
 */
const remedies = new Set([
  ...['fixed', 'fixes', 'resolved', 'resolves', 'solved', 'solves', 'patched', 'patches'],
  ...['eliminated', 'eliminates', 'eradicated', 'eradicates', 'mitigated', 'mitigates'],
  ...['tackled', 'tackles', 'eased', 'eases', 'squashed', 'squashes', 'prevents', 'prevented'],
]);
// How far back a remedy reaches: "plagued" in "fixed the sync bugs that plagued them" is five words on.
const remedyReach = 5;
// Put between sentences before scoring, so neither a remedy nor a negator reaches across.
const sentenceBreak = 'xsentencebreakx';

/**
 * VADER's contrast rule: in a sentence with "but", what follows it is what the writer means ("solid
 * ticketing, but the new pricing stings"): words after it weigh 1.5, words before it 0.5.
 */
function contrastWeight(tokens: string[], cursor: number): number {
  for (let index = cursor - 1; index >= 0 && tokens[index] !== sentenceBreak; index--)
    if (tokens[index] === 'but') return 1.5;
  for (let index = cursor + 1; index < tokens.length && tokens[index] !== sentenceBreak; index++)
    if (tokens[index] === 'but') return 0.5;
  return 1;
}

/** -1 when the word counts the other way: negated, denied, or trouble remedied. */
function direction(tokens: string[], cursor: number, score: number): 1 | -1 {
  if (negated(tokens, cursor)) return -1;
  if (score < 0 && remedied(tokens, cursor)) return -1;
  const before = [tokens[cursor - 1], tokens[cursor - 2]];
  const denied =
    !surprises.has(tokens[cursor] ?? '') && before.some((token) => token === 'no' || token === 'without');
  return denied ? -1 : 1;
}

/** A negator one or two words before the word at `at`: "not good", "not very good". */
function negated(tokens: string[], at: number): boolean {
  return [tokens[at - 1], tokens[at - 2]].some((token) => token !== undefined && negators.has(token));
}

function remedied(tokens: string[], cursor: number): boolean {
  for (let back = 1; back <= remedyReach; back++) {
    const token = tokens[cursor - back];
    if (token === undefined || token === sentenceBreak) return false;
    if (remedies.has(token)) return !negated(tokens, cursor - back);
  }
  return false;
}

const language = 'en-briefbot';
const analyzer = new Sentiment();
analyzer.registerLanguage(language, {
  labels: { ...englishLabels, ...tradeLabels },
  scoringStrategy: {
    // A negator up to two words before flips the word: "not good", "not very good", "never really good".
    // "No" and "without" flip it too ("no downtime", "without a glitch", "no good options",
    // "without success"), except surprises: "with no warning" is no comfort.
    // Trouble after a remedy ("fixed the bugs") is good news.
    apply(tokens: string[], cursor: number, score: number) {
      return contrastWeight(tokens, cursor) * direction(tokens, cursor, score) * score;
    },
  },
});

/**
 * Text as the scorer reads it: typographic apostrophes ("isn’t", as publishers type them) plain, as
 * the lexicon's tokens spell them, "fine print" and the business phrases as one word each, and
 * sentence ends marked.
 */
function forScoring(text: string): string {
  return text
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[.!?;]+(?:\s|$)/g, ` ${sentenceBreak} `)
    .replace(phrasePattern, phraseWord);
}

// All phrases in one pass (one regular expression, a group each; only each pattern's source is
// used): a third of the cost of one pass each.
const phrasePattern = new RegExp(businessPhrases.map(([pattern]) => `(${pattern.source})`).join('|'), 'gi');
const phraseWords = businessPhrases.map(([, word]) => word);

function phraseWord(match: string, ...groups: unknown[]): string {
  const index = groups.findIndex((group) => typeof group === 'string');
  return phraseWords[index] ?? match;
}
// Enough body to judge the tone; long articles would otherwise drown a clear headline.
const bodyChars = 400;
const titleWeight = 1.5;
const threshold = 0.3;

// A review's own score: "(2/5 stars)", "4 out of 5 stars", "Rating: 2 out of 5", "Rated 4/5", "★★☆☆☆".
const starRating = /\b(\d(?:[.,]\d)?)\s*(?:\/|out of)\s*(5|10)\s*stars?\b/i;
const labelledRating = /\brat(?:ing|ed)\s*:?\s*(\d(?:[.,]\d)?)\s*(?:\/|out of)\s*(5|10)\b/i;
const starGlyphs = /(★+)(☆*)/;
/** How much a review's own score counts against what its words say. */
const ratingWeight = 0.7;

/** A review's score as -1..1 (1 of 5 is -1, 3 of 5 is 0, 5 of 5 is 1), or null when it gives none. */
export function reviewRating(title: string, text: string): number | null {
  const head = `${title} ${text.slice(0, 200)}`;
  let value: number | undefined;
  let max: number | undefined;
  const numeric = starRating.exec(head) ?? labelledRating.exec(head);
  if (numeric) {
    value = Number((numeric[1] ?? '').replace(',', '.'));
    max = Number(numeric[2]);
  } else {
    const glyphs = starGlyphs.exec(head);
    if (glyphs && (glyphs[1] ?? '').length + (glyphs[2] ?? '').length === 5) {
      value = (glyphs[1] ?? '').length;
      max = 5;
    }
  }
  if (value === undefined || max === undefined) return null;
  return verdictOfScore(value, max);
}

/**
 * AFINN-165 lexicon scoring (the `sentiment` package; a word after a negator such as "not" or
 * "wasn't" counts the other way), squashed VADER-style into -1..1 so long and short texts compare.
 * A review that gives its score ("2/5 stars") is judged mostly by it: "Solid ticketing, but the new
 * pricing stings (3/5 stars)" is mixed, not praise. `written`: the text's language (ISO 639-1);
 * German, French, Spanish, Italian, Dutch, Portuguese, Polish, Swedish, Danish, Norwegian, Czech,
 * Slovak, Romanian, Finnish, Turkish, Russian and Japanese are read by their own lexicons
 * (sentiment-languages.ts), any other (or null) as English.
 */
export function scoreSentiment(
  title: string,
  text: string,
  givenRating: number | null = null,
  written: string | null = null,
): SentimentResult {
  const score = (part: string): number =>
    isToneLanguage(written)
      ? lexiconScore(part, written)
      : analyzer.analyze(forScoring(part), { language }).score;
  const titleScore = score(title);
  const bodyScore = text ? score(text.slice(0, bodyChars)) : 0;
  const raw = titleScore * titleWeight + bodyScore;
  const lexical = raw / Math.sqrt(raw * raw + 15);
  const rating = givenRating ?? reviewRating(title, text);
  const blended = rating === null ? lexical : ratingWeight * rating + (1 - ratingWeight) * lexical;
  const rounded = Math.round(blended * 1000) / 1000;
  const label =
    rounded >= threshold
      ? SentimentLabel.Positive
      : rounded <= -threshold
        ? SentimentLabel.Negative
        : SentimentLabel.Neutral;
  return { label, score: rounded };
}
