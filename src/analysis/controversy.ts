import Sentiment from 'sentiment';
import { tokenize } from './query.ts';

/** One reason a piece counts as controversial, in words a marketer reads, with its weight. */
export type ControversySignal = { reason: string; weight: number };
export type ControversyScore = { score: number; reasons: string[] };

type Provocation = {
  pattern: RegExp;
  reason: string;
  weight: number;
  /** The pattern is itself a question to the market, so the plain question signal would count it twice. */
  asks?: boolean;
};

// Matched against the headline with plain apostrophes. A weight of 0.5 or more flags a headline on
// its own at the default threshold; below that, a second signal (tone, criticism words) must agree.
const provocations: Provocation[] = [
  {
    // "Is SEO dead?", "Email is dead", "Is AI a bubble?"; "dead at 77" is an obituary.
    pattern:
      /\b(is|are)\s+([\w'-]+\s+){0,6}?(dead(?! at \d)|dying|doomed|finished|overrated|overhyped|a scam|a joke|a fad|a bubble)\b/i,
    reason: 'declares or asks whether something is dead, doomed or overrated',
    weight: 0.55,
  },
  {
    pattern: /\b(is|are)\s+([\w'-]+\s+){0,6}?(worth it|over)\s*\?/i,
    reason: 'asks whether something is worth it or over',
    weight: 0.5,
    asks: true,
  },
  {
    pattern: /\b(gone|go|goes|going|went) too far\b/i,
    reason: 'says or asks that something has gone too far',
    weight: 0.5,
    asks: true,
  },
  {
    // "Should brands leave X?", "Just another pretty face: should Hollywood stop …?"; not "What should you expect?".
    pattern: /(^|[:;.!–—-]\s*)should\b[^?]*\?/i,
    reason: 'asks what someone should do',
    weight: 0.5,
    asks: true,
  },
  {
    pattern:
      /\b(who|which|what)('s|\s+is|\s+are|\s+was)?\s+(the\s+)?(best|worst|greatest|better|worse)\b[^?]*\?/i,
    reason: 'asks which is best, a contest',
    weight: 0.5,
    asks: true,
  },
  { pattern: /\b(vs\.?|versus)\b/i, reason: 'pits one company or product against another', weight: 0.5 },
  {
    pattern: /\bwhy\b[^.?!]{0,80}\b(wrong|fail(s|ed|ing)?|broken|overrated|bad|hate|worse|sucks|dead)\b/i,
    reason: 'argues that something is wrong or failing',
    weight: 0.45,
  },
  {
    // A verdict in the headline itself: "Markets got it all wrong", "… makes things worse"; not "nothing wrong".
    pattern:
      /(?<!\b(nothing|not|never|n't)\s)\b(wrong|worse|worst(?!-case)|a mistake|a disaster|a failure|a flop|flopp?(s|ed)|fiasco|sucks)\b/i,
    reason: 'passes a harsh verdict',
    weight: 0.45,
  },
  {
    // Telling the reader to stop: "Stop using X", "Don't buy …", "Reasons you shouldn't …"; not the tips
    // imperatives ("Stop procrastinating", "Don't miss our webinar").
    pattern:
      /^(stop|quit)\s+(using|buying|doing|saying|calling|pretending|believing|blaming|chasing|trusting)\b|^(enough with|knock it off|forget)\b|^(don't|do not|never)\s+(buy|use|trust|believe|hire|upgrade|switch|invest)\b|\b(you|we)\s+(shouldn't|should not|must stop|need to stop|don't need)\b/i,
    reason: 'tells readers to stop or avoid something',
    weight: 0.5,
  },
  {
    // Bold predictions: "Robots will take your job", "AI will replace marketers", "Apple is ready to ditch the Mac";
    // not the advert's "take your marketing to the next level" or "Ditch your spreadsheets".
    pattern:
      /\b(will|won't|could|is going to|are going to|set to)\s+(kill|replace|take (your|our) jobs?|steal|destroy|ruin)\b|\b(ditch(es|ed|ing)|abandon(s|ed|ing)|kill(s|ed|ing)? off|to (ditch|abandon|kill off))\b/i,
    reason: 'predicts that something will kill, replace or drop something else',
    weight: 0.5,
  },
  {
    pattern: /\b(myths?|debunk(ed|ing)?|the truth about|lies|misleading)\b/i,
    reason: 'calls a claim a myth or misleading',
    weight: 0.4,
  },
  {
    pattern: /\b(backlash|outrage|uproar|furor|furore|boycott|petition)\b/i,
    reason: 'reports a backlash',
    weight: 0.55,
  },
  {
    // "fine" only as a penalty (not "fine-tune", "fine print", "works fine"); "probe" only of someone (not a space probe).
    pattern:
      /\b(lawsuits?|sues?|sued|suing|class action|regulators?|investigation|probes?\s+(into|over)|antitrust|subpoena(s|ed)?|defamation|gag order|fined)\b|\bfines?\s+(of|for|over|after)\b|\b(face|faces|facing|pay|pays|paid|hit with|issues?|issued|imposes?|imposed)\s+(a\s+)?([$€£]?[\d.,]+\s*(million|billion|m|bn)?\s+)?fines?\b|\b(judge|court)\s+(blocks|rules|orders|denies|halts|slaps|tosses|rejects|strikes down)\b/i,
    reason: 'involves a lawsuit, fine or investigation',
    weight: 0.5,
  },
  {
    // Not a "memory leak", a "growth hack" or "precision and recall".
    pattern:
      /\b(outages?|downtime|breach(es)?|(?<!memory\s)leak(ed|s)?|hacked|hackers?|vulnerabilit(y|ies)|(?<!precision[\s/&]*(and\s+)?)recall(s|ed)?)\b/i,
    reason: 'reports an outage, breach or failure',
    weight: 0.5,
  },
  {
    pattern:
      /\b(slams?|blasts?|critici[sz](es|ed|ism)|accus(es|ed|ations?)|controvers(y|ial)|debate|quarrel\w*|feud\w*|clash(es|ed)?|spat|disput(e|es|ed)|rift|standoff|snub(s|bed)?|rebuk(e|es|ed)|condemn(s|ed)?|denounc(es|ed)|protest(s|ers|ed)?|defy|defies|defied|defiance|scandals?|hypocris(y|ies)|cover-?up|discord|divisive|(divided|split)\s+(over|on))\b/i,
    reason: 'reports criticism or a debate',
    weight: 0.5,
  },
  {
    pattern:
      /\b(meets?|met|faces?|facing|draws?|drew|sparks?|sparked|triggers?|triggered|prompts?|prompted)\s+(\w+\s+)?(resistance|opposition|criticism|pushback|anger|fury|protests?|concerns?)\b|\b(will not|won't|refuses? to|refusing to)\s+comply\b/i,
    reason: 'reports opposition or defiance',
    weight: 0.5,
  },
  {
    pattern:
      /\b(resign(s|ed)?|steps? down|quits?)\s+(over|amid)\b|\b(calls?|want\w*|urge[sd]?|pressure[sd]?)\b[^.?!]{0,40}\bresign/i,
    reason: 'reports a resignation under pressure',
    weight: 0.5,
  },
  {
    pattern:
      /\b(bans?|banned|banning|censor(s|ed|ship)?|silenc(es|ed|ing)|crack(s|ed)? down|crackdown|blacklist(s|ed)?)\b/i,
    reason: 'reports a ban or a crackdown',
    weight: 0.45,
  },
  {
    pattern:
      /\b(price (hike|increase|rise)s?|raises? prices|layoffs?|cuts? jobs|shuts? down|discontinu(es|ed))\b/i,
    reason: 'reports a price rise, layoffs or a shutdown',
    weight: 0.35,
  },
];

const criticismWords = new Set(
  `angry anger furious frustrated frustration disappointed disappointing unacceptable complain complaint complaints
  criticism critics criticize criticise backlash outrage refund refunds cancel cancelling canceling churn switching
  misleading deceptive bait scam scams ripoff overpriced broken buggy unreliable worst terrible awful hate hated
  lawsuit lawsuits sue sued regulator regulators fine fined investigation breach outage outages downtime
  controversy controversial debate debated disagree disagreement wrong myth myths slammed blasted accused
  scandal protest protests protesters boycott petition dispute disputed feud quarrel resign resignation
  banned censorship defamation allegations accusations`
    .split(/\s+/)
    .filter(Boolean),
);

const analyzer = new Sentiment();

/**
 * What the text itself says about controversy, before anything is known of how it spreads:
 * provocations and questions in the title, criticism and debate vocabulary, strong negative
 * tone, and mixed polarity (praise and anger in the same piece).
 */
export function textSignals(title: string, text: string, sentimentScore: number): ControversySignal[] {
  const signals: ControversySignal[] = [];
  const headline = plainApostrophes(title).trim();
  let asks = false;
  for (const { pattern, reason, weight, asks: question } of provocations) {
    if (!pattern.test(headline)) continue;
    signals.push({ reason: `The headline ${reason}.`, weight });
    asks ||= question === true;
  }
  if (/\?\s*$/.test(headline) && !asks) {
    signals.push({ reason: 'The headline asks the market a question.', weight: 0.25 });
  }
  const tokens = tokenize(`${title} ${text.slice(0, 2000)}`);
  const critical = new Set(tokens.filter((token) => criticismWords.has(token)));
  if (critical.size >= 2) {
    signals.push({
      reason: `It uses criticism or debate words (${[...critical].slice(0, 4).join(', ')}).`,
      weight: Math.min(0.45, 0.12 * critical.size),
    });
  }
  if (sentimentScore <= -0.6) signals.push({ reason: 'Its tone is strongly negative.', weight: 0.3 });
  const { positive, negative } = polarity(`${title}. ${text.slice(0, 1200)}`);
  if (positive >= 4 && negative >= 4)
    signals.push({ reason: 'It mixes praise and criticism, a sign of debate.', weight: 0.2 });
  return signals;
}

function polarity(text: string): { positive: number; negative: number } {
  const result = analyzer.analyze(plainApostrophes(text));
  let positive = 0;
  let negative = 0;
  for (const entry of result.calculation as Array<Record<string, number>>) {
    for (const value of Object.values(entry)) {
      if (value > 0) positive += value;
      else negative -= value;
    }
  }
  return { positive, negative };
}

/** Publishers type typographic apostrophes ("shouldn’t"), which the patterns spell with "'". */
function plainApostrophes(text: string): string {
  return text.replace(/[\u2018\u2019\u02bc]/g, "'");
}

export type SpreadFacts = {
  commentCount: number | null;
  sourceCount: number;
  /** Items of the same story published in the last 24 hours. */
  recentStoryItems: number;
  /** The item matches a topic about the company or a competitor. */
  aboutCompanyOrCompetitor: boolean;
  sentimentScore: number;
};

/** How the conversation around it behaves: comments, several sources, fast spread, negativity about us. */
export function spreadSignals(facts: SpreadFacts): ControversySignal[] {
  const signals: ControversySignal[] = [];
  if ((facts.commentCount ?? 0) >= 50) {
    signals.push({
      reason: `It has ${facts.commentCount} comments.`,
      weight: Math.min(0.35, 0.1 * Math.log10(facts.commentCount ?? 1)),
    });
  }
  if (facts.sourceCount >= 3)
    signals.push({
      reason: `${facts.sourceCount} sources carry the story.`,
      weight: Math.min(0.35, 0.08 * facts.sourceCount),
    });
  if (facts.recentStoryItems >= 3)
    signals.push({ reason: `It is spreading: ${facts.recentStoryItems} pieces in 24 hours.`, weight: 0.2 });
  if (facts.aboutCompanyOrCompetitor && facts.sentimentScore <= -0.4) {
    signals.push({ reason: 'It is negative about the company or a competitor.', weight: 0.3 });
  }
  return signals;
}

/** The signals combined into 0–1 (each adds to the rest: 1 − Π(1 − weight)), strongest reasons first. */
export function combineSignals(signals: ControversySignal[]): ControversyScore {
  const score = 1 - signals.reduce((rest, signal) => rest * (1 - Math.min(0.95, signal.weight)), 1);
  return {
    score: Math.round(score * 1000) / 1000,
    reasons: [...signals].sort((a, b) => b.weight - a.weight).map((signal) => signal.reason),
  };
}

/** The score from the text alone (what a headline says), as the labelled set measures it. */
export function scoreText(title: string, text: string, sentimentScore: number): ControversyScore {
  return combineSignals(textSignals(title, text, sentimentScore));
}

export const defaultControversyThreshold = 0.5;
