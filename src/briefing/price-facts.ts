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
  publishedAt?: Date;
};

const factsPerSide = 2;
/** Words a price fact is said in at most; longer clauses are cut around their figure. */
const clauseWords = 12;

const figure = /[$€£]\s?\d[\d,.]*|\b\d+(?:\.\d+)?\s?(?:%|percent\b|per\s+cent\b)/i;
const priceWord =
  /[$€£]|\b(?:prices?|pricing|priced|discounts?|off|costs?|charges?|fees?|quotes?|renewals?|rises?|raises?|increases?|higher|lower|cheaper|per\s+(?:seat|user|agent|month|year|resolution|resolved))\b/i;
/** Words that state a price or its change ("raises prices", "charges $0.90 per resolution"), not only an offer ("40% discount"). */
const priceStatement =
  /[$€£]\s?\d|\b(?:prices?|pricing|priced|costs?|charges?|charging|fees?|quotes?|renewals?|rais(?:es|ed|ing)|ris(?:es|ing)|rose|increas(?:es|ed|ing)|hikes?|hiked|higher|lower|cheaper|per\s+(?:seat|user|agent|month|year|resolution|resolved))\b/i;
/** Where a sentence's clauses part: commas, semicolons, dashes, and joining words. */
const clauseBreak = /\s*[,;:]\s+|\s+[-–—]\s+|\s+(?:and|but|as|while|which|whereas|after|because)\s+/i;

/**
 * "is globex cheaper than us": the figures the side's sources give about prices ("the quote … is 17%
 * higher", "$0.90 per resolved conversation"), one a source, what others say before the
 * competitor's own claims; at most two a side. Questions asked in passing are no facts. A source
 * gives its first clause that names the side, else its first; the sources that say the side's price
 * most directly come first: naming the side ("Acme raises … prices" before "the quote … is 17% higher"), stating a
 * price or its change rather than an offer ("charges $0.90 per resolved conversation" before "offers
 * 40% discount"), newer before older, then as ranked. `subject`: the side ("globex pricing"), whose
 * competitor's own claims are only those of its feeds (another's are what others say).
 */
export function priceFactsOf(sources: PricedSource[], subject?: string): PriceFact[] {
  const names = subject === undefined ? [] : namesOf(subject);
  const facts = sources.flatMap((source, rank) => {
    const clauses = [source.title, source.excerpt]
      .flatMap(splitSentences)
      .filter((sentence) => !sentence.trim().endsWith('?'))
      .flatMap((sentence) => sentence.split(clauseBreak))
      .filter((part) => figure.test(part) && priceWord.test(part));
    // Within a source, the first clause that names the side, else its first: a later "It costs 40% less" says less than its title.
    const best = clauses.find((clause) => directness(clause, names).names > 0) ?? clauses[0];
    if (!best) return [];
    const own = ownClaim(source, subject);
    const fact = { text: shortened(best), number: source.number, own };
    return [{ fact, own, rank, when: source.publishedAt?.getTime() ?? 0, ...directness(best, names) }];
  });
  return facts
    .sort(
      (a, b) =>
        Number(a.own) - Number(b.own) ||
        b.names - a.names ||
        b.states - a.states ||
        b.when - a.when ||
        a.rank - b.rank,
    )
    .slice(0, factsPerSide)
    .map(({ fact }) => fact);
}

/** The words of a side that name it ("globex" of "globex pricing"): its words but those of price. */
function namesOf(subject: string): string[] {
  return subject
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length >= 2 && !priceWord.test(word) && !/^pric/.test(word));
}

/** How directly a clause says the side's price: whether it names the side, whether it states a price or its change. */
function directness(clause: string, names: readonly string[]): { names: number; states: number } {
  const words = clause.toLowerCase().split(/[^\p{L}\p{N}]+/u);
  return {
    names: Number(names.some((name) => words.includes(name))),
    states: Number(priceStatement.test(clause)),
  };
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
