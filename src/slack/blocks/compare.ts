import type { KnownBlock } from '@slack/types';
import { toneRead } from '../../analysis/sentiment.ts';
import { type AnswerItem, sameStory } from '../../briefing/answer.ts';
import type { Comparison, PeriodFigures, Shift } from '../../briefing/compare.ts';
import { countOf } from '../../format.ts';
import type { FeedNames } from '../../monitor/feed-kind.ts';
import {
  context,
  divider,
  escapeText,
  fields,
  header,
  link,
  type Message,
  message,
  section,
} from './common.ts';

/** How an answer lists a story: numbered (with its button) for the period asked, plain for the one before. */
export type StoryBlock = (item: AnswerItem, numbered: boolean) => KnownBlock;

/**
 * "pricing this week vs last week": the change said first ("*Pricing talk doubled* in the last 7
 * days (24 vs 12 the 7 days before), mostly negative: “Acme's 18% price rise”"), then the two
 * periods side by side, what moved, and the stories behind each. Words carry every change: no
 * arrow or colour stands alone.
 */
export function comparisonMessage(
  comparison: Comparison,
  parts: {
    asked: KnownBlock[];
    actions: KnownBlock[];
    story: StoryBlock;
    /** The page's name for each feed, as its stories name it: "SaaS Ledger", not "SaaS Ledger: Customer Service Software". */
    names: FeedNames;
    sentiment: (figures: PeriodFigures) => string;
    /** What a period's count is of: "15 mentions", "8 customer posts (of 15 mentions)". */
    mentions: (figures: PeriodFigures) => string;
  },
): Message {
  const { later, earlier } = comparison;
  const lead = leadLine(comparison);
  const blocks: KnownBlock[] = [
    header(
      `${capitalised(comparison.label ?? 'everything followed')}: ${periodName(later)} vs ${periodName(earlier)}`,
    ),
    section(lead),
    ...parts.asked,
    ...lengthNote(comparison),
    fields([column(later, parts), column(earlier, parts)]),
    section(shiftsText(comparison)),
  ];
  for (const [figures, numbered] of [
    [later, true],
    [earlier, false],
  ] as const) {
    blocks.push(divider(), section(`*${capitalised(periodName(figures))}* · ${figures.dates}`));
    blocks.push(
      ...(figures.stories.length > 0
        ? figures.stories.map((item) => parts.story(item, numbered))
        : [context(`No mentions ${periodPhrase(figures)}.`)]),
    );
  }
  blocks.push(...parts.actions);
  return message(`${lead.replace(/\*/g, '')} ${columnWords(later)} ${columnWords(earlier)}`, blocks);
}

/**
 * "acme vs globex this week vs last week": who moved, said first ("*Who moved:* Globex rose 17-fold
 * (17 vs 1), Acme rose 40% (14 vs 10), in the last 7 days against the 7 days before"), then a card a
 * side with its change, the themes that moved most and its figures in both periods, then each side's
 * stories of the period asked and its top story of the period before. A competitor's own posts are
 * counted apart, as side by side counts them. `shape` "line": a line a side with its change;
 * "numbers": the cards alone.
 */
export function sidesComparisonMessage(
  sides: [Comparison, Comparison],
  parts: {
    title: string;
    asked: KnownBlock[];
    actions: KnownBlock[];
    story: StoryBlock;
    names: FeedNames;
    sentiment: (figures: PeriodFigures) => string;
    mentions: (figures: PeriodFigures) => string;
    shape?: 'line' | 'numbers';
  },
): Message {
  const [first] = sides;
  const { later, earlier } = first;
  const unequal = Math.abs(later.hours - earlier.hours) > 1;
  const name = (side: Comparison) => escapeText(capitalised(side.label ?? 'everything followed'));
  // Only its own posts in both periods: it was not quiet, no one else spoke of it.
  const change = (side: Comparison) =>
    side.later.counts.current + side.earlier.counts.current === 0 &&
    side.later.of.counts.current + side.earlier.of.counts.current > 0
      ? 'had no mentions by others in either'
      : changeWords(rate(side.later, unequal), rate(side.earlier, unequal));
  const moved = (side: Comparison) =>
    `${change(side)}${unequal && side.later.counts.current > 0 && side.earlier.counts.current > 0 ? ' a day' : ''} (${side.later.counts.current} vs ${side.earlier.counts.current})`;
  // The side that moved most comes first: a change of ratio either way, a quiet period counted as one mention.
  const size = (side: Comparison) =>
    Math.abs(Math.log((rate(side.later, unequal) + 1e-3) / (rate(side.earlier, unequal) + 1e-3)));
  const inOrder = [...sides].sort((a, b) => size(b) - size(a));
  const versus = `${periodPhrase(later)} against ${periodName(earlier)}`;
  const lead = `*Who moved:* ${inOrder.map((side) => `${name(side)} ${moved(side)}`).join(', ')}, ${versus}`;
  const shareMove = (side: Comparison) => {
    const [now, before] = [side.later.share, side.earlier.share];
    if (typeof now !== 'number' || typeof before !== 'number') return '';
    const points = now - before;
    return points === 0
      ? `, share of voice held at ${now}%`
      : `, share of voice ${points > 0 ? 'up' : 'down'} ${countOf(Math.abs(points), 'point')} (${now}%, from ${before}%)`;
  };
  // "*Globex*: rose 17-fold, 17 mentions in the last 7 days against 1 the 7 days before, mixed in tone."
  const lineOf = (side: Comparison) => {
    const tone = toneWords(side.later);
    const before = side.earlier.counts.current;
    const now = side.later.othersOnly ? countedWords(side.later) : parts.mentions(side.later);
    return `*${name(side)}*: ${moved(side).replace(/ \(\d+ vs \d+\)$/, '')}, ${now} ${periodPhrase(side.later)} against ${before === 0 ? 'none' : before}${ownPostsWords(side.earlier)} ${periodName(side.earlier)}${tone ? `, ${tone}` : ''}${shareMove(side)}.`;
  };
  const blocks: KnownBlock[] = [
    header(`${parts.title}: ${periodName(later)} vs ${periodName(earlier)}`),
    ...(parts.shape === 'line' ? [] : [section(lead)]),
    ...parts.asked,
    ...lengthNote(first),
  ];
  if (parts.shape === 'line') blocks.push(section(sides.map(lineOf).join('\n')));
  else {
    for (const side of sides)
      blocks.push({
        ...section(
          `*${name(side)}* ${moved(side)}${shareMove(side)}${side.shifts.length > 0 ? `\n${shiftsLine(side)}` : ''}`,
        ),
        // A card: its change and what moved as the text, both periods' figures as two columns under it.
        fields: fields([column(side.later, parts, true), column(side.earlier, parts, true)]).fields ?? [],
      });
    blocks.push(...ownPostsNote(sides));
  }
  if (parts.shape === undefined)
    for (const side of sides) {
      blocks.push(divider(), section(`*${name(side)}* · ${escapeText(periodName(side.later))}`));
      // A story the first side listed is, under the second, its number and where it is told.
      const told = (item: AnswerItem) =>
        side === first ? undefined : first.later.stories.find((theirs) => sameStory(item, theirs));
      blocks.push(
        ...(side.later.stories.length > 0
          ? side.later.stories.map((item) => {
              const above = told(item);
              return above
                ? context(`*[${item.number}]* Told above, under ${name(first)} [${above.number}]`)
                : parts.story(item, true);
            })
          : [context(`No mentions ${periodPhrase(side.later)}.`)]),
        context(thenLine(side.earlier, parts.names)),
      );
    }
  blocks.push(...parts.actions);
  return message(
    `${lead.replace(/\*/g, '')}. ${sides.map((side) => `${name(side)}: ${columnWords(side.later)} ${columnWords(side.earlier)}`).join(' ')}`,
    blocks,
  );
}

/** The change, said first: what moved, by how much, the counts, the tone, and the story that led. */
const heardWords = { customers: "Customers' talk", press: 'Press coverage' } as const;

function leadLine({ label, heard, later, earlier }: Comparison): string {
  const unequal = Math.abs(later.hours - earlier.hours) > 1;
  const subject = label ? escapeText(label) : null;
  const who = heard
    ? `${heardWords[heard]} ${subject ? `${heard === 'press' ? 'of' : 'about'} ${subject}` : 'about your topics'}`
    : subject
      ? `${capitalised(subject)} talk`
      : 'Talk about your topics';
  const top = later.stories[0];
  const tone = toneWords(later);
  const story = top ? `: “${escapeText(top.title)}”` : '';
  // "rose from none" reads backwards: the mentions are said first, then the quiet period.
  if (earlier.counts.current === 0 && later.counts.current > 0) {
    const whose = subject && !heard ? capitalised(subject) : who;
    return `*${whose}: ${countOf(later.counts.current, 'mention')}* ${periodPhrase(later)}, none ${periodPhrase(earlier)}${tone ? `, ${tone}` : ''}${story}`;
  }
  const change = changeWords(rate(later, unequal), rate(earlier, unequal));
  const perDay = unequal && later.counts.current > 0 && earlier.counts.current > 0 ? ' a day' : '';
  const counts = `(${later.counts.current} vs ${earlier.counts.current} ${periodPhrase(earlier)})`;
  return `*${who} ${change}${perDay}* ${periodPhrase(later)} ${counts}${tone ? `, ${tone}` : ''}${story}`;
}

function rate(figures: PeriodFigures, perHour: boolean): number {
  return perHour ? figures.counts.current / Math.max(1, figures.hours) : figures.counts.current;
}

/** "doubled", "rose 40%", "fell by half", "held steady": a change in words, never an arrow alone. */
export function changeWords(now: number, before: number): string {
  if (before === 0) return now === 0 ? 'was quiet in both' : 'rose from none';
  if (now === 0) return 'went quiet';
  const ratio = now / before;
  if (ratio >= 1.9 && ratio < 2.15) return 'doubled';
  if (ratio >= 2.85 && ratio < 3.15) return 'tripled';
  if (ratio >= 3.15) return `rose ${Math.round(ratio)}-fold`;
  if (ratio >= 0.45 && ratio <= 0.55) return 'halved';
  const change = Math.round((ratio - 1) * 100);
  if (Math.abs(change) < 10) return 'held steady';
  return change > 0 ? `rose ${change}%` : `fell ${-change}%`;
}

/** "mostly negative", "mixed": the tone of a period whose tone was read; empty otherwise. */
function toneWords(figures: PeriodFigures): string {
  const read = toneRead(figures.counts);
  if (read === 0) return '';
  const sides = (['negative', 'positive', 'neutral'] as const).map((tone) => ({
    tone,
    share: figures.counts.sentiment[tone] / read,
  }));
  const most = sides.reduce((best, side) => (side.share > best.share ? side : best));
  return most.share > 0.5 ? `mostly ${most.tone}` : 'mixed in tone';
}

/** Said when the two periods are not as long as each other: counts are totals, so the rate a day is given too. */
function lengthNote({ later, earlier }: Comparison): KnownBlock[] {
  if (Math.abs(later.hours - earlier.hours) <= 1) return [];
  const perDay = (figures: PeriodFigures) => {
    const value = figures.counts.current / Math.max(1 / 24, figures.hours / 24);
    return value >= 10 ? Math.round(value).toString() : value.toFixed(1);
  };
  return [
    context(
      `:straight_ruler: The periods are not the same length: ${periodName(later)} is ${lengthOf(later)}, ${periodName(earlier)} ${lengthOf(earlier)}. A day averages ${perDay(later)} mentions against ${perDay(earlier)}${later.counts.current > 0 && earlier.counts.current > 0 ? "; the change on top is a day's" : ''}.`,
    ),
  ];
}

function lengthOf(figures: PeriodFigures): string {
  return figures.hours < 48 ? countOf(figures.hours, 'hour') : countOf(Math.round(figures.hours / 24), 'day');
}

/** A period's column; `compact` (a side's card, two sides compared): its figures only, no top story or sources. */
function column(
  figures: PeriodFigures,
  parts: {
    names: FeedNames;
    sentiment: (figures: PeriodFigures) => string;
    mentions: (figures: PeriodFigures) => string;
  },
  compact = false,
): string {
  const head = `*${escapeText(capitalised(periodName(figures)))}* · ${figures.dates}`;
  if (figures.of.counts.current === 0) return `${head}\nNo mentions`;
  const top = figures.stories[0];
  return [
    head,
    parts.mentions(figures),
    // Only a competitor's own posts: no one else's words to read the tone of.
    figures.counts.current === 0 ? 'Tone: none by others' : parts.sentiment(figures),
    ...(figures.share === undefined
      ? []
      : [
          `Share of voice: ${figures.share === null ? 'none, as no one else mentioned them' : `${figures.share}%`}`,
        ]),
    ...(compact
      ? []
      : [
          ...(top ? [`Top story: ${link(top.url, top.title)}`] : []),
          `Sources: ${figures.sources.map((source) => `${escapeText(parts.names(source.label))} (${source.count})`).join(' · ') || 'none'}`,
        ]),
  ].join('\n');
}

/** A column in the fallback text, in words: "Last 7 days: 15 mentions, 60% neutral." */
function columnWords(figures: PeriodFigures): string {
  const tone = toneWords(figures);
  const share = typeof figures.share === 'number' ? `, ${figures.share}% share of voice` : '';
  return `${capitalised(periodName(figures))} (${figures.dates}): ${countedWords(figures)}${tone ? `, ${tone}` : ''}${share}.`;
}

/** "9 mentions", or, a competitor's own posts left out, "9 mentions by others (+8 own posts)". */
function countedWords(figures: PeriodFigures): string {
  return `${countOf(figures.counts.current, 'mention')}${figures.othersOnly ? ' by others' : ''}${ownPostsWords(figures)}`;
}

/** " (+8 own posts)": a competitor's own posts that its count, of what others said, left out. */
function ownPostsWords(figures: PeriodFigures): string {
  const own = figures.othersOnly ? (figures.of.ownPosts?.count ?? 0) : 0;
  return own > 0 ? ` (+${countOf(own, 'own post')})` : '';
}

/**
 * Under the cards, when a side is a competitor with posts of its own: "Who moved, what moved, tone and
 * share of voice leave out Globex's own posts." How many in each period, its card says.
 */
function ownPostsNote(sides: [Comparison, Comparison]): KnownBlock[] {
  const whose = sides.flatMap(({ later, earlier }) => {
    const by = later.of.ownPosts?.by ?? earlier.of.ownPosts?.by;
    return by && (later.othersOnly || earlier.othersOnly) ? [`${escapeText(by)}'s`] : [];
  });
  if (whose.length === 0) return [];
  return [
    context(
      `:information_source: Who moved, what moved, tone and share of voice leave out ${whose.join(' and ')} own posts.`,
    ),
  ];
}

/** A side's top story of the period before, a line under its stories: what was said then against now. */
function thenLine(figures: PeriodFigures, names: FeedNames): string {
  const top = figures.stories[0];
  const when = `*${capitalised(periodName(figures))}* (${figures.dates})`;
  if (!top) return `${when}: no mentions.`;
  const source = top.feedTitle ? ` · ${escapeText(names(top.feedTitle))}` : '';
  return `${when}, its top story: ${link(top.url, top.title)}${source}`;
}

const moves: Record<Shift['move'], string> = { new: 'New', up: 'Up', down: 'Down', gone: 'Gone quiet' };

/** "*What moved* New: renewal (6) · Up: discount (4, from 1)": the themes (or topics) that moved most. */
function shiftsText({ shifts, shiftsOf, earlier }: Comparison): string {
  const title = `*What moved* (${shiftsOf})`;
  if (shifts.length === 0)
    return `${title}\nNo ${shiftsOf === 'themes' ? 'theme' : 'topic'} moved by more than one mention.`;
  return `${title}\n${shifts.map((shift) => shiftWords(shift, `none ${periodPhrase(earlier)}`)).join(' · ')}`;
}

/** A side's card, on one line: "What moved: New: tickets (7, from none) · Up: ai (6, from 1)". */
function shiftsLine({ shifts }: Comparison): string {
  return `What moved: ${shifts.map((shift) => shiftWords(shift, 'from none')).join(' · ')}`;
}

/** "Up: discount (4, from 1)", "New: renewal (6, none the 7 days before)": `none` says a new one's before. */
function shiftWords(shift: Shift, none: string): string {
  const name = escapeText(shift.name);
  if (shift.move === 'new') return `New: ${name} (${shift.now}, ${none})`;
  if (shift.move === 'gone') return `Gone quiet: ${name} (none, from ${shift.before})`;
  return `${moves[shift.move]}: ${name} (${shift.now}, from ${shift.before})`;
}

/** A period as a title names it: "last 7 days", "the 7 days before", "April" (not "in April"). */
function periodName(figures: PeriodFigures): string {
  return figures.label.replace(/^in\s+/, '');
}

/** A period as a sentence says it: "in the last 7 days", "the 7 days before", "in April", "yesterday". */
function periodPhrase(figures: PeriodFigures): string {
  const label = figures.label;
  return /^(?:last|past)\b/.test(label) ? `in the ${label}` : label;
}

function capitalised(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}
