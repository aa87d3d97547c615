import Sentiment from 'sentiment';

export const SentimentLabel = { Positive: 'positive', Neutral: 'neutral', Negative: 'negative' } as const;
export type SentimentLabel = (typeof SentimentLabel)[keyof typeof SentimentLabel];

export type SentimentResult = { label: SentimentLabel; score: number };

const analyzer = new Sentiment();
// Enough body to judge the tone; long articles would otherwise drown a clear headline.
const bodyChars = 400;
const titleWeight = 1.5;
const threshold = 0.3;

/**
 * AFINN-165 lexicon scoring (the `sentiment` package, which flips a word after a negator such as
 * "not" or "don't"), squashed VADER-style into -1..1 so long and short texts compare.
 */
export function scoreSentiment(title: string, text: string): SentimentResult {
  const titleScore = analyzer.analyze(title).score;
  const bodyScore = text ? analyzer.analyze(text.slice(0, bodyChars)).score : 0;
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
