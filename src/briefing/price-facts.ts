import { splitSentences } from '../analysis/text-stats.ts';
import { sameCompetitor } from '../monitor/feed-kind.ts';

/** One figure a source gives about a price: its words, the source's number, and whether it is the competitor's own claim. */
export type PriceFact = { text: string; number: number; own: boolean };

/** What a source names as a price fact: the item's number on the page, its words, its kind and whose feed it is. */
type PricedSource = {
  number: number;
  title: string;
  excerpt: string;
  feedKind: string;
  feedCompetitor?: string | null;
};

const factsPerSide = 2;
/** Words a price fact is said in at most; longer clauses are cut around their figure. */
const clauseWords = 12;

const figure = /[$€£]\s?\d[\d,.]*|\b\d+(?:\.\d+)?\s?(?:%|percent\b|per\s+cent\b)/i;
const priceWord =
  /[$€£]|\b(?:prices?|pricing|priced|discounts?|off|costs?|charges?|fees?|quotes?|renewals?|rises?|raises?|increases?|higher|lower|cheaper|per\s+(?:seat|user|agent|month|year|resolution|resolved))\b/i;
/** Where a sentence's clauses part: commas, semicolons, dashes, and joining words. */
const clauseBreak = /\s*[,;:]\s+|\s+[-–—]\s+|\s+(?:and|but|as|while|which|whereas|after|because)\s+/i;

/**
 * "is globex cheaper than us": the figures the side's sources give about prices ("the quote … is 17%
 * higher", "$0.90 per resolved conversation"), one a source, what others say before the
 * competitor's own claims; at most two a side. Questions asked in passing are no facts. `subject`:
 * the side's competitor, whose own claims are only those of its feeds (another's are what others say).
 */
export function priceFactsOf(sources: PricedSource[], subject?: string): PriceFact[] {
  const facts = sources.flatMap((source) => {
    const sentences = [source.title, source.excerpt]
      .flatMap(splitSentences)
      .filter((sentence) => !sentence.trim().endsWith('?'));
    for (const sentence of sentences) {
      const clause = sentence.split(clauseBreak).find((part) => figure.test(part) && priceWord.test(part));
      if (clause) return [{ text: shortened(clause), number: source.number, own: ownClaim(source, subject) }];
    }
    return [];
  });
  return [...facts.filter((fact) => !fact.own), ...facts.filter((fact) => fact.own)].slice(0, factsPerSide);
}

function ownClaim(source: PricedSource, subject: string | undefined): boolean {
  return (
    source.feedKind === 'competitor' &&
    (subject === undefined || sameCompetitor(source.feedCompetitor, subject))
  );
}

/** A clause as quoted: its closing stop left off, and cut to the words around its figure when long. */
function shortened(clause: string): string {
  const words = clause
    .replace(/[.!…]+$/, '')
    .trim()
    .split(/\s+/);
  if (words.length <= clauseWords) return words.join(' ');
  const at = Math.max(
    0,
    words.findIndex((word) => /\d/.test(word)),
  );
  // What the figure is of comes before it ("the renewal quote … is 25% higher"): most of the words are taken from there.
  const start = Math.max(0, Math.min(at - 7, words.length - clauseWords));
  const cut = words.slice(start, start + clauseWords).join(' ');
  return `${start > 0 ? '…' : ''}${cut}${start + clauseWords < words.length ? '…' : ''}`;
}
