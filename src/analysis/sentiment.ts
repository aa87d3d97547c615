import { createRequire } from 'node:module';
import Sentiment from 'sentiment';

export const SentimentLabel = { Positive: 'positive', Neutral: 'neutral', Negative: 'negative' } as const;
export type SentimentLabel = (typeof SentimentLabel)[keyof typeof SentimentLabel];

export type SentimentResult = { label: SentimentLabel; score: number };

// The `sentiment` package's English: its AFINN-165 lexicon as published, with a wider negation rule.
const englishLabels = createRequire(import.meta.url)('sentiment/languages/en/labels.json') as Record<
  string,
  number
>;
const negators = new Set([
  // Not "no" or "without": "no warning" and "without delay" are not praise.
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
const language = 'en-briefbot';
const analyzer = new Sentiment();
analyzer.registerLanguage(language, {
  labels: { ...englishLabels },
  scoringStrategy: {
    // A negator up to two words before flips the word: "not good", "not very good", "never really good".
    apply(tokens: string[], cursor: number, score: number) {
      const before = [tokens[cursor - 1], tokens[cursor - 2]];
      return before.some((token) => token !== undefined && negators.has(token)) ? -score : score;
    },
  },
});

/** Publishers type typographic apostrophes ("isn’t"), which the lexicon's tokens spell with "'". */
function plainApostrophes(text: string): string {
  return text.replace(/[\u2018\u2019\u02bc]/g, "'");
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
  if (value === undefined || !max || value > max) return null;
  return Math.max(-1, Math.min(1, (value / max - 0.6) / 0.4));
}

/**
 * AFINN-165 lexicon scoring (the `sentiment` package; a word after a negator such as "not" or
 * "wasn't" counts the other way), squashed VADER-style into -1..1 so long and short texts compare.
 * A review that gives its score ("2/5 stars") is judged mostly by it: "Solid ticketing, but the new
 * pricing stings (3/5 stars)" is mixed, not praise.
 */
export function scoreSentiment(title: string, text: string): SentimentResult {
  const titleScore = analyzer.analyze(plainApostrophes(title), { language }).score;
  const bodyScore = text
    ? analyzer.analyze(plainApostrophes(text.slice(0, bodyChars)), { language }).score
    : 0;
  const raw = titleScore * titleWeight + bodyScore;
  const lexical = raw / Math.sqrt(raw * raw + 15);
  const rating = reviewRating(title, text);
  const blended = rating === null ? lexical : ratingWeight * rating + (1 - ratingWeight) * lexical;
  const score = Math.round(blended * 1000) / 1000;
  const label =
    score >= threshold
      ? SentimentLabel.Positive
      : score <= -threshold
        ? SentimentLabel.Negative
        : SentimentLabel.Neutral;
  return { label, score };
}
