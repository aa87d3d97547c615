import { type EvidenceCounts, firstAtItsLink, searchRecent, type Tally } from '../db/search.ts';
import type { Deps } from '../deps.ts';
import { cachedDateFormat, type DateFormat } from '../format.ts';
import { competitorOf, sameCompetitor } from '../monitor/feed-kind.ts';
import type { AnswerItem, SubjectAnswer } from './answer.ts';
import type { AskWindow } from './ask-parse.ts';

/** What an answer's count is of: all mentions, customers' posts among them, items naming both. */
export type CountedOf = Pick<
  SubjectAnswer,
  'counts' | 'together' | 'otherVoices' | 'customerVoices' | 'ownPosts'
>;

/** One of the two periods set side by side: its figures, its top stories and who told them. */
export type PeriodFigures = {
  label: string;
  /** The days it covers, as a calendar reads them: "17–24 Nov", "1–31 Mar". */
  dates: string;
  hours: number;
  /** What the change and tone are counted on: two sides compared, a competitor's own posts left out. */
  counts: EvidenceCounts;
  /**
   * Two sides compared, a competitor's side: `counts` are what others said, its own posts (`of.ownPosts`)
   * left out, as side by side counts them; false when `counts` hold every mention.
   */
  othersOnly: boolean;
  /** What its count is of, as an answer says it ("8 customer posts (of 15 mentions)"). */
  of: CountedOf;
  /** Its biggest stories, the first the top story. */
  stories: AnswerItem[];
  sources: Tally[];
  /**
   * The subject's share of all mentions of the company and its competitors (0–100); null when no one
   * else mentioned any of them, absent when the subject is neither.
   */
  share?: number | null;
};

/** A theme (or, for everything, a topic) that appeared, rose, fell or went quiet from one period to the next. */
export type Shift = { name: string; now: number; before: number; move: 'new' | 'up' | 'down' | 'gone' };

export type Comparison = {
  /** The subject as running text names it ("Pricing"), or null for everything followed. */
  label: string | null;
  /** Whose words were counted, when asked: "what are customers saying about pricing this week vs last week". */
  heard: 'customers' | 'press' | null;
  later: PeriodFigures;
  earlier: PeriodFigures;
  /** What moved: the themes of a subject, the topics of everything; biggest moves first. */
  shifts: Shift[];
  shiftsOf: 'themes' | 'topics';
};

/** Mentions a theme or topic needs, in one period or the other, before its move is named. */
const shiftMinimum = 2;
const shiftsShown = 4;
/** A side's card of two sides compared names its few biggest moves, on one line. */
export const sideShiftsShown = 3;
/** The period before lists its top 3 stories, and each More its next 3; the period asked, its whole page. */
export const earlierStoriesShown = 3;
const storiesShown = earlierStoriesShown;

/**
 * "pricing this week vs last week": the subject's two answers, one a period, made into the figures
 * set side by side, and what moved between them (themes counted in each period with the subject's
 * own search, so both columns count alike).
 */
export function comparePeriods(
  deps: Deps,
  input: {
    later: SubjectAnswer;
    earlier: SubjectAnswer;
    windows: [AskWindow, AskWindow];
    fts: string | null;
    /** Everything followed: what moved is its topics, not a subject's themes. */
    overview: boolean;
    heard: Comparison['heard'];
    /** How many moves are named: two sides' cards name fewer, a line each. */
    shifts?: number;
  },
): Comparison {
  const { later, earlier, windows, fts, overview, heard } = input;
  const zone = deps.config.DEFAULT_TIMEZONE;
  const parties = partiesOf(deps, later.topicName);
  const figures = (answer: SubjectAnswer, window: AskWindow, stories: number): PeriodFigures => ({
    label: window.label,
    dates: daysOf(window, zone),
    hours: Math.round((window.until.getTime() - window.since.getTime()) / 3600_000),
    // Side by side counts a competitor's card on what others said: its launch post is no praise of it.
    counts: answer.othersCounts ?? answer.counts,
    othersOnly: answer.othersCounts !== null,
    of: answer,
    stories: answer.items.slice(0, stories),
    sources: answer.sources.slice(0, storiesShown),
    ...(parties ? { share: shareOf(deps, window, parties) } : {}),
  });
  return {
    label: overview ? null : later.label,
    heard,
    later: figures(later, windows[0], later.items.length),
    earlier: figures(earlier, windows[1], storiesShown),
    shifts: overview
      ? topicShifts(later, earlier, input.shifts)
      : themeShifts(deps, later, earlier, windows, fts, input.shifts),
    shiftsOf: overview ? 'topics' : 'themes',
  };
}

/**
 * More after two periods side by side: both periods' next stories, said so, with their days ("More
 * stories of the two periods compared: the last 7 days (17–24 Nov), numbered on, then the 7 days
 * before (10–17 Nov).").
 */
export function laterPeriodNote(window: AskWindow, zone: string, sides = false): string | null {
  const { before } = window;
  if (!before) return null;
  // "the last 7 days", but "since 19 November", "this week", "October": never "the since 19 November".
  const rolling = /^(?:last|past)\b/.test(window.label);
  // Two sides: More goes on with each side's stories of the later period; the cards were the first page's.
  if (sides)
    return `More stories of each side ${rolling ? `in the ${window.label}` : window.label} (${daysOf(window, zone)}), the later of the two periods compared, numbered on; the cards above count that period alone.`;
  return `More stories of the two periods compared: ${rolling ? 'the ' : ''}${window.label.replace(/^in /, '')} (${daysOf(window, zone)}), numbered on, then ${before.label.replace(/^in /, '')} (${daysOf(before, zone)}).`;
}

/**
 * A later page (More) of two periods compared: both periods named, with their days, and the earlier
 * one's next stories (the later one's are the page's own).
 */
export type EarlierPage = {
  later: { label: string; dates: string };
  label: string;
  dates: string;
  items: AnswerItem[];
  hasMore: boolean;
};

export function earlierPage(later: AskWindow, earlier: SubjectAnswer, zone: string): EarlierPage | undefined {
  const { before } = later;
  if (!before) return undefined;
  return {
    later: { label: later.label, dates: daysOf(later, zone) },
    label: before.label,
    dates: daysOf(before, zone),
    items: earlier.items,
    hasMore: earlier.hasMore,
  };
}

/** The topics of everything followed, each period's mentions, joined by name. */
function topicShifts(later: SubjectAnswer, earlier: SubjectAnswer, shown = shiftsShown): Shift[] {
  const before = new Map(earlier.byTopic.map((topic) => [topic.name, topic.current]));
  const names = new Set([...later.byTopic.map((topic) => topic.name), ...before.keys()]);
  const now = new Map(later.byTopic.map((topic) => [topic.name, topic.current]));
  return shifted(
    [...names].map((name) => ({ name, now: now.get(name) ?? 0, before: before.get(name) ?? 0 })),
    shown,
  );
}

/** The themes of either period, each counted in both with the subject's search and the theme's words. */
function themeShifts(
  deps: Deps,
  later: SubjectAnswer,
  earlier: SubjectAnswer,
  windows: [AskWindow, AskWindow],
  fts: string | null,
  shown = shiftsShown,
): Shift[] {
  const themes = [...new Set([...later.themes, ...earlier.themes])];
  // A competitor's card counts what others said (see PeriodFigures.othersOnly): its themes too.
  const own =
    later.othersCounts || earlier.othersCounts ? (later.ownPosts ?? earlier.ownPosts)?.by : undefined;
  const count = (theme: string, window: AskWindow) => {
    const phrase = `"${theme.replace(/"/g, '').trim()}"`;
    const found = searchRecent(deps.db.sqlite, fts ? `(${fts}) AND ${phrase}` : phrase, {
      since: window.since,
      until: window.until,
      limit: 0,
      ...(own ? { notOwnPostsOf: own } : {}),
    });
    return found.total;
  };
  const counted: Array<Omit<Shift, 'move'>> = [];
  for (const name of themes) {
    try {
      counted.push({ name, now: count(name, windows[0]), before: count(name, windows[1]) });
    } catch (error) {
      // A theme the full-text syntax cannot take is left out of what moved, never the answer.
      deps.logger.warn({ theme: name, error: String(error) }, 'theme count failed');
    }
  }
  return shifted(counted, shown);
}

function shifted(counts: Array<Omit<Shift, 'move'>>, shown: number): Shift[] {
  return counts
    .filter(({ now, before }) => Math.max(now, before) >= shiftMinimum && now !== before)
    .map((shift) => ({ ...shift, move: moveOf(shift.now, shift.before) }))
    .filter(
      (shift) => shift.move === 'new' || shift.move === 'gone' || Math.abs(shift.now - shift.before) >= 2,
    )
    .sort((a, b) => Math.abs(b.now - b.before) - Math.abs(a.now - a.before) || a.name.localeCompare(b.name))
    .slice(0, shown);
}

function moveOf(now: number, before: number): Shift['move'] {
  if (before === 0) return 'new';
  if (now === 0) return 'gone';
  return now > before ? 'up' : 'down';
}

/** The company and competitor topics, when the subject is one of them: whose share of voice is asked. */
function partiesOf(deps: Deps, topicName: string | null): string[] | null {
  if (!topicName) return null;
  const parties = deps.db.sqlite
    .prepare(`SELECT name FROM topics WHERE kind IN ('company', 'competitor')`)
    .pluck()
    .all() as string[];
  return parties.includes(topicName) && parties.length > 1
    ? [topicName, ...parties.filter((name) => name !== topicName)]
    : null;
}

/**
 * The first party's share of the mentions of all of them in a window, in whole percent, as side by
 * side counts it: what others said, a competitor's own posts left out of its count.
 */
function shareOf(deps: Deps, window: AskWindow, parties: string[]): number | null {
  const rows = deps.db.sqlite
    .prepare(
      `SELECT t.name AS topic, f.kind, f.title, f.competitor
       FROM item_topics it JOIN items i ON i.id = it.item_id JOIN topics t ON t.id = it.topic_id
       JOIN feeds f ON f.id = i.feed_id
       WHERE t.name IN (${parties.map(() => '?').join(', ')}) AND i.published_at >= ? AND i.published_at < ?
         AND ${firstAtItsLink}`,
    )
    .all(...parties, window.since.getTime(), window.until.getTime()) as Array<{
    topic: string;
    kind: string;
    title: string | null;
    competitor: string | null;
  }>;
  const said = rows.filter((row) => !sameCompetitor(competitorOf(row), row.topic));
  if (said.length === 0) return null;
  return Math.round((said.filter((row) => row.topic === parties[0]).length / said.length) * 100);
}

const dayMonth: DateFormat = { locale: 'en-GB', options: { day: 'numeric', month: 'short' } };

/** "17–24 Nov", "28 Oct–3 Nov", "1–31 Mar": the first and last day a window covers, in the time zone. */
function daysOf(window: AskWindow, zone: string): string {
  const format = cachedDateFormat(dayMonth, zone);
  const day = (at: Date) => {
    const parts = format.formatToParts(at);
    const part = (type: string) => parts.find((entry) => entry.type === type)?.value ?? '';
    return { day: part('day'), month: part('month') };
  };
  const first = day(window.since);
  // The last moment it covers: a window ending at midnight ends the day before.
  const last = day(new Date(Math.max(window.since.getTime(), window.until.getTime() - 1)));
  if (first.day === last.day && first.month === last.month) return `${first.day} ${first.month}`;
  return first.month === last.month
    ? `${first.day}–${last.day} ${last.month}`
    : `${first.day} ${first.month}–${last.day} ${last.month}`;
}
