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

/**
 * AFINN-165 lexicon scoring (the `sentiment` package; a word after a negator such as "not" or
 * "wasn't" counts the other way), squashed VADER-style into -1..1 so long and short texts compare.
 */
export function scoreSentiment(title: string, text: string): SentimentResult {
  const titleScore = analyzer.analyze(plainApostrophes(title), { language }).score;
  const bodyScore = text
    ? analyzer.analyze(plainApostrophes(text.slice(0, bodyChars)), { language }).score
    : 0;
  const raw = titleScore * titleWeight + bodyScore;
  const score = Math.round((raw / Math.sqrt(raw * raw + 15)) * 1000) / 1000;
  const label =
    score >= threshold
      ? SentimentLabel.Positive
      : score <= -threshold
        ? SentimentLabel.Negative
        : SentimentLabel.Neutral;
  return { label, score };
}
