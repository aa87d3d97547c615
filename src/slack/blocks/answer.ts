import type { Button, KnownBlock, StaticSelect } from '@slack/types';
import { languageName } from '../../analysis/language.ts';
import { toneLanguagesShort, toneRead } from '../../analysis/sentiment.ts';
import { customerKinds, type Summary } from '../../analysis/summarize.ts';
import {
  type Answer,
  type AnswerItem,
  itselfSaid,
  type PremiseAsked,
  pageStep,
  type SubjectAnswer,
  sameStory,
  totalOf,
  weekSoFar,
} from '../../briefing/answer.ts';
import { type AskRequest, asksToneChange } from '../../briefing/ask-parse.ts';
import type { CountedOf, PeriodFigures } from '../../briefing/compare.ts';
import { longPeriodWords, trendBuckets, trendCaption } from '../../briefing/trend.ts';
import type { EvidenceCounts, Tally, TopicVolume } from '../../db/search.ts';
import { changeText, countOf, formatAgo, inWords, trendArrow, windowPhrase } from '../../format.ts';
import { competitorLabel, type FeedNames, feedKindOf, feedNames } from '../../monitor/feed-kind.ts';
import { Action, BlockId } from '../ids.ts';
import {
  actions,
  button,
  citedSentences,
  context,
  divider,
  escapeFeedText,
  escapeText,
  fields,
  header,
  languageTag,
  limits,
  link,
  type Message,
  message,
  section,
  sentimentMark,
  toneLead,
  toneMark,
  toneNotReadText,
  truncate,
} from './common.ts';
import { comparisonMessage, sidesComparisonMessage } from './compare.ts';
import { requestOrSee } from './source.ts';

const bars = '▁▂▃▄▅▆▇█';

function barsOf(points: number[]): string {
  const max = Math.max(...points);
  return points
    .map((value) => (max === 0 ? bars[0] : bars[Math.round((value / max) * (bars.length - 1))]))
    .join('');
}

/**
 * A period's volume as bars of the unit its length reads in, named after them when it is not days:
 * "`▁▃█▅` per day", "`▁▃█` by week, from 3 Nov". The counts they draw are said once, in the
 * message's text (`volumeCounts`), which screen readers read: the bars alone read as "lower one
 * eighth block", and shown beside them the counts took a phone's screen to say it twice.
 */
export function volumeBars(daily: number[], since: Date): string {
  if (daily.length === 0) return '';
  const buckets = trendBuckets(daily, since);
  const caption = trendCaption(buckets) || 'per day';
  // Bars of mentions a day: a first week of 2 days, or a month 4 days in, is no dip.
  const rates = buckets.counts.map((count, index) => count / (buckets.days[index] ?? 1));
  return `\`${barsOf(rates)}\` ${caption}`;
}

/** The counts the volume bars draw, grouped as they group them: "Mentions per day, oldest first: 0, 1, 3, 2." */
export function volumeCounts(daily: number[], since: Date): string {
  if (daily.length === 0) return '';
  const buckets = trendBuckets(daily, since);
  const caption = trendCaption(buckets) || 'per day';
  return `Mentions ${caption}, oldest first: ${buckets.counts.join(', ')}.`;
}

/** "▲ up from 2 in the same part of last week": this week so far, against last week up to the same day and hour. */
const sameTimeLastWeek = 'the same part of last week';

/** A window's length in days, or the window itself ("this week", 25 hours into it). */
type Span = number | { since: Date; until: Date; label?: string };

/**
 * The window of the same length just before one, as its length reads: "the previous 7 days", "the
 * day before", "the 25 hours before" (this week on a Tuesday morning), "the 4 days and 1 hour before".
 */
export function periodBefore(span: Span): string {
  // "This week" so far is counted against the same part of last week (see evidenceWindow).
  if (typeof span !== 'number' && weekSoFar(span)) return sameTimeLastWeek;
  const hours =
    typeof span === 'number'
      ? span * 24
      : Math.max(1, Math.round((span.until.getTime() - span.since.getTime()) / 3600_000));
  // Weeks, months and years from two weeks on: "the previous 3 years and 11 months", never "the 1423 days and 20 hours before".
  const long = longPeriodWords(hours);
  if (long) return `the previous ${long.replace(/^a /, '')}`;
  const days = Math.round(hours / 24);
  // A calendar week across a clock change is a week, an hour more or less.
  if (days > 0 && Math.abs(hours - days * 24) <= (days >= 7 ? 1 : 0))
    return days === 1 ? 'the day before' : `the previous ${days} days`;
  if (hours < 72) return `the ${countOf(hours, 'hour')} before`;
  return `the ${Math.floor(hours / 24)} days and ${countOf(hours % 24, 'hour')} before`;
}

/** The change against the window of the same length just before: "▲ up 25% vs the previous 7 days (12)". */
export function trendText(counts: EvidenceCounts, span: Span): string {
  return changeText(counts.current, counts.previous, periodBefore(span));
}

/**
 * An answer's Volume in a phone's line, its change's direction and the count before: "15 · ▲ up from
 * 1 the week before", "150 · ▼ down from 200 the week before", "15 · steady vs the week before".
 * The percentage (from a base of 10) is said in the message's text, as `trendText` says it.
 */
export function volumeText(counts: EvidenceCounts, span: Span): string {
  // "the week before", "the day before"; "in the previous 30 days", "in the same part of last week".
  const period = periodBefore(span).replace(/^the previous 7 days$/, 'the week before');
  const before = period.endsWith(' before') ? period : `in ${period}`;
  const { current, previous } = counts;
  if (previous === 0)
    return `${current} · ${current === 0 ? `none in ${before} either` : `${trendArrow(true)} from none ${before}`}`;
  if (current === previous) return `${current} · steady vs ${before}`;
  return `${current} · ${trendArrow(current > previous)} from ${previous} ${before}`;
}

/** Mentions each window needs before their negative shares are compared. */
const toneShiftMinimum = 5;

/**
 * "why is sentiment down": whether it is, from the negative share against the period before, said
 * first ("Sentiment on Acme is not measurably down: the previous 7 days had no mentions to compare
 * with. 36% negative (8 of 22 mentions) in the last 7 days."), then which side comes first below.
 */
export function premiseNote(answer: Answer, asked: PremiseAsked): string {
  const { window, overview, customers } = answer.request;
  const period = periodBefore(window);
  const here = windowPhrase(window.label);
  const unit = customers ? 'customer post' : 'mention';
  const checked = answer.subjects.map((subject) => {
    const on = overview ? 'Sentiment' : `Sentiment on ${subject.label}`;
    const { current, previous, sentiment, previousSentiment } = subject.counts;
    if (current === 0) return `${on}: no ${unit}s ${here}, so nothing to compare.`;
    // Shares of the mentions whose tone was read: those in other languages are neither side.
    const read = toneRead({ sentiment });
    const now = Math.round((sentiment.negative / (read || 1)) * 100);
    const ofRead = read < current ? `${countOf(read, unit)} whose tone was read` : countOf(current, unit);
    const shown = `${now}% negative (${sentiment.negative} of ${ofRead}) ${here}`;
    if (previous < toneShiftMinimum || current < toneShiftMinimum) {
      const few =
        previous < toneShiftMinimum
          ? `${period} had ${previous === 0 ? `no ${unit}s` : `only ${countOf(previous, unit)}`} to compare with`
          : `${countOf(current, unit)} ${here} are too few to compare`;
      return `${on} is not measurably ${asked}: ${few}. ${shown.charAt(0).toUpperCase()}${shown.slice(1)}.`;
    }
    const before = Math.round(
      (previousSentiment.negative / (toneRead({ sentiment: previousSentiment }) || 1)) * 100,
    );
    if (Math.abs(now - before) < 5)
      return `${on} is not ${asked}: ${shown}, about the same as ${period} (${before}%).`;
    const moved: PremiseAsked = now > before ? 'down' : 'up';
    const said =
      moved === asked
        ? `Yes, ${on.charAt(0).toLowerCase()}${on.slice(1)} is ${asked}`
        : `${on} is ${moved}, not ${asked}`;
    return `${said}: ${shown}, from ${before}% ${period}.`;
  });
  const first = asked === 'down' ? 'negative' : 'positive';
  const listed = answer.subjects.some((subject) => subject.counts.current > 0)
    ? ` The ${first} ${unit}s come first below.`
    : '';
  return `${checked.join(' ')}${listed}`;
}

/**
 * How the negative share moved against the window before ("Negative share ▲ up from 20% the previous 7
 * days"), when both windows have enough mentions to say; empty otherwise.
 */
export function toneShiftText(counts: EvidenceCounts, span: Span, asked = false): string {
  const period = periodBefore(span);
  const now = Math.round((counts.sentiment.negative / (toneRead(counts) || 1)) * 100);
  // A past window's share is no "now": "0% negative in the 7 days before those (10–16 Nov)".
  const when = typeof span !== 'number' && span.label ? windowPhrase(span.label) : 'now';
  // Asked how the tone moved ("is sentiment on pricing getting worse"), too little is an answer too.
  if (counts.current < toneShiftMinimum || counts.previous < toneShiftMinimum)
    return asked && counts.current > 0
      ? `Too little ${period} to compare (${counts.previous === 0 ? 'no mentions' : countOf(counts.previous, 'mention')}); ${now}% negative ${when}`
      : '';
  const before = Math.round(
    (counts.previousSentiment.negative / (toneRead({ sentiment: counts.previousSentiment }) || 1)) * 100,
  );
  if (Math.abs(now - before) < 5) return `Negative share steady (${before}% ${period})`;
  return `Negative share ${trendArrow(now > before)} from ${before}% ${period}`;
}

/**
 * Whether the conversation is dying down or picking up, from its 24-hour periods counted back from
 * now (`EvidenceCounts.toEnd`; the last is the last 24 hours): "Fading: none in the last 24 h,
 * against 5 at its peak, 2 days ago"; empty when neither.
 */
export function momentumText(daily: number[]): string {
  if (daily.length < 3) return '';
  const last = daily[daily.length - 1] ?? 0;
  const earlier = daily.slice(0, -1);
  const peak = Math.max(...earlier);
  const ago = daily.length - 1 - earlier.lastIndexOf(peak);
  if (peak >= 3 && last <= peak * 0.2)
    return `Fading: ${last === 0 ? 'none' : last} in the last 24 h, against ${peak} ${ago === 1 ? 'in the 24 h before (its peak)' : `at its peak, ${ago} days ago`}`;
  const mean = earlier.reduce((sum, value) => sum + value, 0) / earlier.length;
  if (last >= 3 && last > peak && last >= 2 * mean)
    return `Building: ${last} in the last 24 h, the busiest day of the period`;
  return '';
}

/**
 * The tones of the mentions read, as shares of those; the ones in other languages said apart, never
 * counted neutral. `short` (an answer's Sentiment, a side-by-side card): a phone's line, the two tones
 * that matter named in words, not by colour alone (screen readers and colour-blind readers), the
 * neutral share between them: "🟢 20% positive · ⚪ 60% · 🔴 20% negative".
 */
export function sentimentText(counts: EvidenceCounts, short = false): string {
  const read = toneRead(counts);
  const unread = counts.current - read;
  // Named as digests name them: "in French, German and Arabic".
  const languages = Object.keys(counts.unreadLanguages ?? {})
    .map(languageName)
    .sort();
  const notRead =
    unread > 0 ? toneNotReadText(unread, `the ${countOf(counts.current, 'mention')}`, languages) : '';
  if (read === 0 && unread > 0) return notRead;
  const share = (value: number) => `${Math.round((value / (read || 1)) * 100)}%`;
  const { positive, neutral, negative } = counts.sentiment;
  const shares = short
    ? `${sentimentMark.positive} ${share(positive)} positive · ${sentimentMark.neutral} ${share(neutral)} · ${sentimentMark.negative} ${share(negative)} negative`
    : `${toneMark('positive')} ${share(positive)} (${positive}) · ${toneMark('neutral')} ${share(neutral)} (${neutral}) · ${toneMark('negative')} ${share(negative)} (${negative})`;
  return notRead ? `${shares}\n${notRead}` : shares;
}

/**
 * "Up from none in the previous 7 days; 25% positive, 50% neutral, 25% negative.": an answer's
 * Volume and Sentiment as the plain-text fallback says them, arrows and dots left out.
 */
function figuresInWords(counts: EvidenceCounts, span: Span): string {
  const trend = trendText(counts, span).replace(/^[▲▼] /, '');
  const read = toneRead(counts);
  const tones = (['positive', 'neutral', 'negative'] as const).map(
    (tone) => `${Math.round((counts.sentiment[tone] / (read || 1)) * 100)}% ${tone}`,
  );
  return `${capitalised(trend)}${read > 0 ? `; ${tones.join(', ')}` : ''}.`;
}

/** The feed titles a page shows: its items' and, where given, Top sources'. */
export function pageFeedTitles(items: AnswerItem[], sources: Tally[] = []): string[] {
  return [
    ...items.flatMap((item) => (item.feedTitle ? [item.feedTitle] : [])),
    ...sources.map((tally) => tally.label),
  ];
}

/** Sources as Top sources names them, by the page's names ("StackRank (5) · SaaS Ledger (4)"). */
export function shortSourceNames(
  tallies: Tally[],
  names: FeedNames = feedNames(pageFeedTitles([], tallies)),
): Tally[] {
  return tallies.map((tally) => ({ ...tally, label: names(tally.label) }));
}

/**
 * An item as answers list it, in two lines: number (which the summary cites; none
 * where nothing cites it) and title, linked; then its tone, source (by the page's name for it,
 * `names`) and kind, age, other sources: "🔴 negative · SaaS Ledger (news) · 26h ago", a phone's
 * 42 characters. A source whose name says its kind is not told it again: "The Globex Blog · 2d ago".
 */
export function itemLine(item: AnswerItem, now: Date, names: FeedNames, numbered = true): string {
  const more =
    item.otherSources > 0 ? ` · +${item.otherSources} source${item.otherSources === 1 ? '' : 's'}` : '';
  const name = item.feedTitle ? names(item.feedTitle) : item.feedKind;
  const kind = name.split(/\s+/).some((word) => feedKindOf(word) === item.feedKind)
    ? ''
    : ` (_${item.feedKind}_)`;
  return `${numbered ? `*[${item.number}]* ` : ''}${link(item.url, item.title)}\n${toneLead(item.sentiment)}${escapeFeedText(name)}${languageTag(item.language)}${kind} · ${formatAgo(item.publishedAt, now)}${more}`;
}

/**
 * One "Request a response…" menu for a page's sources, not a button under each: five buttons made
 * an answer twice as long on a phone. An option a source, by its number and title; one about which a
 * conversation is under way says so ("[2] See conversation 12: …") and opens it instead.
 */
export function requestPicker(items: AnswerItem[]): StaticSelect[] {
  const options = items
    .filter((item) => item.number > 0)
    .slice(0, limits.selectOptions)
    .map((item) => {
      const { text, command } = requestOrSee(item.id, item.conversation ?? null);
      const what = text === 'Request a response' ? '' : `${text}: `;
      return {
        text: {
          type: 'plain_text' as const,
          text: truncate(`[${item.number}] ${what}${item.title}`, limits.optionText),
          emoji: false,
        },
        value: command,
      };
    });
  if (options.length === 0) return [];
  return [
    {
      type: 'static_select',
      action_id: Action.RunCommand,
      placeholder: { type: 'plain_text', text: 'Request a response…' },
      options,
    },
  ];
}

/** An answer's *Top sources* and *Voices* fields: where and by whom it is said. */
function whoFields(answer: Answer, subject: SubjectAnswer, names: FeedNames): string[] {
  const label = voicesLabel(answer);
  return [
    `*Top sources*\n${tallyText(shortSourceNames(subject.sources.slice(0, sourcesShown), names))}`,
    // "What globex says itself": its staff first, then the people saying something about it.
    subject.speaker?.about === itselfSaid && ownVoicesText(subject)
      ? `*${label}*\n${ownVoicesText(subject)}${lineIf(`Others: ${voiceList(subject.voices)}`)}`
      : // A side's voices are of others: a competitor's own posts are no complaint nor praise.
        `*${label}*\n${voicesText(subject, voicesRoom - `${label}: `.length)}${lineIf(subject.sideWho ? '' : ownVoicesText(subject))}`,
  ];
}

/** "pricing 15 ▲ up, globex 9, outages 2 ▼ down": each topic's mentions, with the way they moved. */
function topicVolumeText(volumes: TopicVolume[]): string {
  const shown = volumes.slice(0, 8).map((volume) => {
    const arrow =
      volume.current === volume.previous ? '' : ` ${trendArrow(volume.current > volume.previous)}`;
    return `${escapeText(volume.name)} ${volume.current}${arrow}`;
  });
  const more = volumes.length > shown.length ? `, +${volumes.length - shown.length} more` : '';
  return `${shown.join(', ')}${more}`;
}

/**
 * Themes and top sources read on a phone: the first three, a line or two; each source is named
 * again under its items, and `who is saying it` lists five.
 */
const themesShown = 3;
const sourcesShown = 3;

/** Voices read on a phone: the most frequent three, short, and how many more. */
const voicesShown = 3;

/** The Voices line's room, its label's included: two lines of a phone, of 42 characters each. */
const voicesRoom = 2 * 42;

/**
 * "Priya Raman (3) · Support Manager · IT Manager, and 4 more": a reviewer's profile ("Support
 * Manager, Computer Software, 51-200 employees") by its title, a count only when it is more than one;
 * fewer than three when three would take a third line of a phone (`room`), the rest counted.
 */
function voicesText(subject: SubjectAnswer, room = voicesRoom): string {
  // A side asked for ("complaints about globex"): only those who said it of the subject itself.
  const voices = subject.sideWho?.voices ?? subject.voices;
  const total = subject.sideWho ? voices.length : Math.max(subject.voicesTotal, voices.length);
  if (voices.length === 0) return 'none';
  const names = voices.slice(0, voicesShown).map((voice) => {
    const label =
      voice.label.split(', ').length > 2 ? (voice.label.split(', ')[0] ?? voice.label) : voice.label;
    return voiceText({ ...voice, label });
  });
  const line = (shown: string[]) =>
    `${shown.join(' · ')}${total > shown.length ? `, and ${total - shown.length} more` : ''}`;
  let shown = names;
  while (shown.length > 1 && line(shown).length > room) shown = shown.slice(0, -1);
  return line(shown);
}

/** A voice as every Voices line shows it: its count only when it said more than one thing, "Lena Ortiz · Priya Raman (2)". */
function voiceText(voice: { label: string; count: number }): string {
  return `${escapeText(voice.label)}${voice.count > 1 ? ` (${voice.count})` : ''}`;
}

/** As many voices as the Voices line shows, and how many more: "Marcus Lee, VP Sales (2) · Sofia Brandt, CEO · Globex Events, and 2 more". */
function voiceList(voices: Array<{ label: string; count: number }>): string {
  if (voices.length === 0) return 'none';
  const more = voices.length - voicesShown;
  return `${voices.slice(0, voicesShown).map(voiceText).join(' · ')}${more > 0 ? `, and ${more} more` : ''}`;
}

function tallyText(tallies: Array<{ label: string; count: number }>): string {
  return tallies.length
    ? // " · " between them: a label may hold commas ("Support Manager, Computer Software").
      tallies.map((tally) => `${escapeText(tally.label)} (${tally.count})`).join(' · ')
    : 'none';
}

/**
 * The button values re-run the same question: "More" from the next page, "Share" into the
 * channel (only where there is one: not for a question asked from App Home).
 */
function answerActions(
  answer: Answer,
  hasMore: boolean,
  options: AnswerOptions,
  /** The Request a response menu, first: the sources it asks about are just above. */
  picker: StaticSelect[] = [],
): KnownBlock[] {
  const question = answer.request.question;
  // Whose question a page continues: shared on, it is still credited to them, and read from a
  // message, it still says so.
  const askedBy = options.askedBy ?? options.sharedBy;
  // Re-shared by a colleague (Share on a page of someone else's answer): who posted it, so More reads
  // on from the page this message shows (its log is kept as theirs in the channel), not by position.
  const resharedBy =
    options.sharedBy && askedBy !== options.sharedBy ? `--shared-by ${options.sharedBy} ` : '';
  const by = `${askedBy ? `--by ${askedBy} ` : ''}${options.fromMessage ? '--message ' : ''}`;
  // Shared from a later page, the page on screen is what is posted.
  const from = answer.offset > 0 ? `--from ${answer.offset} ` : '';
  // A shared answer keeps More: whoever presses it gets the next page, for them alone.
  const buttons: Array<Button | StaticSelect> = [
    ...(options.sharedBy ? [] : picker),
    ...((options.shareable ?? true) && !options.sharedBy
      ? [button('Share to channel', Action.RunCommand, `share --post ${from}${by}${question}`)]
      : []),
  ];
  const step = pageStep(answer.request, answer.subjects.length);
  if (hasMore)
    buttons.push(
      button(
        'More',
        Action.RunCommand,
        `ask --from ${answer.offset + step} ${resharedBy}${by}${question}`,
        undefined,
        {
          label: `More of this answer: ${question}`,
        },
      ),
    );
  return buttons.length > 0 ? [actions(BlockId.AnswerActions, buttons)] : [];
}

/**
 * Who asked a shared answer, and who shared it when that was a colleague re-sharing it; a question
 * read from a message by Brief me on this is no one's words, so it says where it came from.
 */
function sharedLine(
  question: string,
  sharedBy: string,
  askedBy: string | undefined,
  fromMessage: boolean,
): string {
  const quoted = `“${escapeText(question)}”`;
  if (fromMessage)
    return askedBy && askedBy !== sharedBy
      ? `Shared by <@${sharedBy}> from <@${askedBy}>'s *Brief me on this* on a message, read as ${quoted}`
      : `<@${sharedBy}> used *Brief me on this* on a message, read as ${quoted}`;
  return askedBy && askedBy !== sharedBy
    ? `Shared by <@${sharedBy}> from <@${askedBy}>'s answer to ${quoted}`
    : `Asked by <@${sharedBy}>: ${quoted}`;
}

/**
 * What the reading changed, a line each, then the questions a note offers as buttons ("Since
 * Initech's outage (1 Nov)"), each asked for whoever presses it; the note keeps them as text too.
 */
function requestNotes(request: AskRequest): KnownBlock[] {
  const choices = request.choices ?? [];
  return [
    ...(request.notes ?? []).map((note) => context(`:information_source: ${escapeText(note)}`)),
    ...(choices.length > 0
      ? [
          actions(
            BlockId.AnswerChoices,
            choices.map((choice) =>
              button(choice.label, Action.RunCommand, `ask ${choice.question}`, undefined, {
                label: `Ask: ${choice.question}`,
              }),
            ),
          ),
        ]
      : []),
  ];
}

/**
 * `sharedBy`: posted in the channel by them; `askedBy`: whose question it was; `fromMessage`: a
 * question read from a message by Brief me on this.
 */
type AnswerOptions = { sharedBy?: string; shareable?: boolean; askedBy?: string; fromMessage?: boolean };

export function answerMessage(answer: Answer, now: Date, options: AnswerOptions = {}): Message {
  const asked = [
    ...(options.sharedBy
      ? [
          context(
            sharedLine(
              answer.request.question,
              options.sharedBy,
              options.askedBy,
              options.fromMessage === true,
            ),
          ),
        ]
      : []),
    ...(answer.widenedFrom ? [context(`:calendar: ${widenedNote(answer)}`)] : []),
    ...(answer.splitFrom
      ? [
          context(
            `:information_source: ${answer.subjects.map((subject) => escapeText(subject.subject)).join(' and ')} are two topics, so here they are side by side.`,
          ),
        ]
      : []),
    ...(answer.namedIn
      ? [
          context(
            `:information_source: Nothing matches the whole question, so this is about the ${answer.subjects.length > 1 ? 'topics' : 'topic'} it names: ${answer.subjects.map((subject) => escapeText(subject.subject)).join(' and ')}. For something narrower, ask in a few words, e.g. \`/brief ${escapeText(answer.subjects[0]?.subject ?? 'pricing')} last 30 days\`.`,
          ),
        ]
      : []),
    // What the reading changed is said once, on the first page, not on each More.
    ...(answer.offset === 0 ? requestNotes(answer.request) : []),
    // More after two periods side by side: whose stories go on, on every page.
    ...(answer.laterPeriod ? [context(`:information_source: ${escapeText(answer.laterPeriod)}`)] : []),
    ...correctedNote(answer),
    ...droppedNote(answer),
    ...alsoSearchedNote(answer),
    ...leftOutNote(answer),
    ...toneNote(answer),
  ];
  // A period's count, a competitor's own posts said apart (customers' posts are never its own).
  const periodMentions = (figures: PeriodFigures) =>
    `${mentionsText(answer, figures.of)}${answer.request.customers ? '' : ownPostsText(figures.of)}`;
  // Two sides and two periods: a card a side with both periods, when any of the four holds something.
  const sides = answer.offset === 0 ? answer.sidesCompared : undefined;
  if (sides?.some((side) => side.later.of.counts.current + side.earlier.of.counts.current > 0)) {
    // Each side's stories of the period asked, and its top story of the period before.
    const names = feedNames(
      sides.flatMap((side) => pageFeedTitles([...side.later.stories, ...side.earlier.stories.slice(0, 1)])),
    );
    return sidesComparisonMessage(sides, {
      // Each side named as its card names it: "Pricing vs Outages", as "Acme vs Globex".
      title: `${versusLead(answer.request)}${answer.subjects.map((subject) => capitalised(subject.label)).join(' vs ')}`,
      asked,
      actions: answerActions(
        answer,
        answer.subjects.some((subject) => subject.hasMore),
        options,
      ),
      story: (item) => section(itemLine(item, now, names)),
      names,
      sentiment: (figures) => sentimentText(figures.counts),
      mentions: periodMentions,
      ...(answer.request.shape ? { shape: answer.request.shape } : {}),
    });
  }
  const compared = answer.comparison;
  // Two periods side by side: shown when either holds something, the quiet one said to be.
  if (compared && compared.later.counts.current + compared.earlier.counts.current > 0) {
    const names = feedNames(
      [compared.later, compared.earlier].flatMap((figures) =>
        pageFeedTitles(figures.stories, figures.sources),
      ),
    );
    return comparisonMessage(compared, {
      asked,
      actions: answerActions(
        answer,
        (answer.subjects[0]?.hasMore ?? false) || answer.earlierHasMore === true,
        options,
        // The later period's sources are numbered, and asked about; the earlier one's are context.
        requestPicker(compared.later.stories),
      ),
      story: (item, numbered) => section(itemLine(item, now, names, numbered)),
      names,
      sentiment: (figures) => sentimentText(figures.counts),
      mentions: periodMentions,
    });
  }
  const total = answer.subjects.reduce((sum, subject) => sum + subject.counts.current, 0);
  if (total === 0) return emptyAnswerMessage(answer);
  if (answer.subjects.length === 2) return versusMessage(answer, now, asked, options);
  const subject = answer.subjects[0] as SubjectAnswer;
  const who = answer.request.customers
    ? 'customers are'
    : answer.request.press
      ? 'the press is'
      : 'people are';
  const overview = answer.request.overview;
  // "what's the biggest story (about globex)": one story a page, and More the next biggest.
  const single = answer.request.count === 1;
  const biggest = `The ${answer.offset > 0 ? 'next ' : ''}biggest story`;
  const asAsked = overview
    ? single
      ? biggest
      : `What ${who} saying`
    : subject.speaker
      ? subject.speaker.about === itselfSaid
        ? `What ${capitalised(subject.speaker.who)} says itself`
        : `What ${capitalised(subject.speaker.who)} is saying about ${subject.speaker.about}`
      : subject.author
        ? `What ${subject.author} is saying`
        : subject.together && !single
          ? `What ${who} saying about ${subject.together.map(competitorLabel).join(' and ')} together`
          : single
            ? `${biggest} about ${subject.label}`
            : `What ${who} saying about ${subject.label}`;
  // More after two periods compared: still the comparison, by its title.
  const periods = answer.earlierPage;
  const names = feedNames(
    pageFeedTitles(
      [...subject.items, ...subject.besides, ...(periods?.items ?? [])],
      subject.sources.slice(0, sourcesShown),
    ),
  );
  const title = periods
    ? `${capitalised(overview ? 'everything followed' : subject.label)}: ${periodOf(periods.later.label)} vs ${periodOf(periods.label)}`
    : asAsked;
  const across = overview ? ` across ${escapeText(subject.subject)}` : '';
  const story = subject.items[0];
  // Only a story several sources tell says how many, and in how many mentions: a lone item claims nothing.
  const toldBy =
    single && story && story.otherSources > 0
      ? ` · told by ${countOf(story.otherSources + 1, 'source')}${(story.mentions ?? 1) > story.otherSources + 1 ? ` in ${countOf(story.mentions ?? 1, 'mention')}` : ''}`
      : '';
  // One story a page is told in full on every page; other later pages show no summary, so they do
  // not say how it was written.
  const summed = answer.offset === 0 || single;
  const { shape } = answer.request;
  const method = !summed
    ? 'more of the sources'
    : shape === 'numbers'
      ? 'counts only'
      : subject.summary.method === 'model'
        ? 'summary by the model'
        : 'summary from the sources';
  const counted = countedKinds(answer, subject);
  // "pricing in one line": the figures in words and the first point; "just the numbers": no summary.
  const line = shape === 'line' && answer.offset === 0 && !single;
  // With the figures, how many of the mentions are customers' is said in the header, not again in an
  // Evidence field two lines of a phone lower: "15 mentions, 8 from customers".
  const fromCustomers =
    !counted && answer.offset === 0 && !single && !line ? `, ${customersShare(subject)}` : '';
  // A later page names its sources by the numbers they show ("sources 6–10"): "items" is the index's word.
  const page =
    answer.offset > 0 && !single && subject.items.length > 0
      ? `sources ${answer.offset + 1}–${answer.offset + subject.items.length}`
      : '';
  const blocks: KnownBlock[] = [
    header(title),
    ...asked,
    context(
      // The biggest story is one of the window's mentions: the count says what it was chosen from.
      `${answer.request.window.label}${inLanguageText(answer)}${toldBy} · ${single ? 'chosen from ' : ''}${mentionsText(answer, subject)}${subject.speaker ? '' : ownPostsText(subject)}${across}${fromCustomers} · ${page || method}`,
    ),
  ];
  const [first] = subject.summary.sentences;
  if (line)
    blocks.push(
      section(
        `${countOf(subject.counts.current, 'mention')}, ${figuresInWords(subject.counts, answer.request.window).replace(/^./, (letter) => letter.toLowerCase())}${first ? ` ${citedSentences({ ...subject.summary, sentences: [first] })}` : ''}`,
      ),
    );
  else if (summed && shape !== 'numbers' && subject.summary.sentences.length > 0)
    blocks.push(
      // One story asked for is told in full; the points of a whole answer are cut to a phone's lines.
      section(
        citedSentences(single ? pointPerLine(subject.summary) : shortPoints(pointPerLine(subject.summary))),
      ),
      ...notFromCustomersNote(subject, answer.request.tone),
    );
  // Said whether or not there is a summary: the figures count the news, or customers' words. Under
  // the figures, not above them: the header says whose words already ("4 customer posts (of 9
  // mentions)"), and an executive reads the answer and its figures first.
  const split = countedNote(answer, subject);
  const splitSaid = split.length > 0;
  if (answer.offset === 0 && subject.speaker) blocks.push(context(speakerNote(subject.speaker, answer)));
  if (answer.offset === 0 && subject.together)
    blocks.push(
      context(
        `:information_source: Each on its own, side by side: \`/brief ${escapeText(subject.together.join(' vs '))} ${escapeText(answer.request.window.label)}\``,
      ),
    );
  // The window's figures are not the story's: one story asked for shows its own sources only.
  if (answer.offset === 0 && !single && !line) {
    const whoSaid = answer.request.who === true;
    // Whether it is fading is read from the last 24 hours, whatever the volume bars show.
    const endsNow = answer.request.window.until.getTime() >= now.getTime() - 60_000;
    blocks.push(
      fields([
        `*Volume*\n${volumeText(subject.counts, answer.request.window)}\n${volumeBars(subject.counts.daily, answer.request.window.since)}${lineIf(endsNow ? momentumText(subject.counts.toEnd) : '')}`,
        ...(subject.byTopic.length > 1 ? [`*By topic*\n${topicVolumeText(subject.byTopic)}`] : []),
        `*Sentiment*\n${sentimentText(subject.counts, true)}${lineIf(toneShiftText(subject.counts, answer.request.window, asksToneChange.test(answer.request.question)))}`,
        `*Themes*\n${subject.themes.slice(0, themesShown).map(escapeText).join(', ') || 'none'}`,
        // Atop a who-question, *Who is saying it* names them with their counts and tones: not twice on a phone.
        ...(whoSaid ? [] : whoFields(answer, subject, names)),
        // The note under them says which mentions are counted and which come after; or the header does.
        ...(counted && !splitSaid ? [`*Evidence*\n${countedEvidence(counted, answer.request.tone)}`] : []),
      ]),
    );
  }
  blocks.push(...split);
  blocks.push(
    divider(),
    ...(periods
      ? [section(`*${capitalised(escapeText(periodOf(periods.later.label)))}* · ${periods.later.dates}`)]
      : []),
    ...subject.items.flatMap((item, at) => [
      ...(at === firstUncounted(subject, counted) ? restNote(subject, counted) : []),
      section(itemLine(item, now, names)),
    ]),
    ...besidesLines(subject, now, names),
    ...earlierPageBlocks(answer, subject, now, names),
    ...(subject.allFeeds && answer.offset === 0 ? [context(noTopicsHint)] : []),
    ...answerActions(
      answer,
      subject.hasMore || answer.earlierPage?.hasMore === true,
      options,
      requestPicker(subject.items),
    ),
  );
  // The fallback text is read as mrkdwn too: feed text in it is escaped like in the blocks.
  const summary = escapeText(subject.summary.sentences.map((sentence) => sentence.text).join(' '));
  const note = answer.widenedFrom ? ` ${widenedNote(answer)}` : '';
  // A notification is all some read: the trend and tone the fields show, in words.
  const figures =
    answer.offset === 0 && !single && !line
      ? ` ${figuresInWords(subject.counts, answer.request.window)} ${volumeCounts(subject.counts.daily, answer.request.window.since)}`.trimEnd()
      : answer.offset === 0 && !single
        ? ` ${figuresInWords(subject.counts, answer.request.window)}`
        : '';
  return message(
    `${escapeText(title)} (${answer.request.window.label}): ${mentionsText(answer, subject)}.${figures}${note} ${summary}`.trim(),
    blocks,
  );
}

/**
 * A later page of two periods compared: the later period's next stories are numbered on above, then
 * the earlier period's next three, linked as on the first page; a period with none left says so.
 */
function earlierPageBlocks(
  answer: Answer,
  subject: SubjectAnswer,
  now: Date,
  names: FeedNames,
): KnownBlock[] {
  const earlier = answer.earlierPage;
  if (!earlier) return [];
  // "the last 7 days", "the 7 days before", "October", "this week".
  const period = (label: string) =>
    escapeText(/^(?:last|past)\b/.test(label) ? `the ${label}` : periodOf(label));
  return [
    ...(subject.items.length === 0 ? [context(`No more stories of ${period(earlier.later.label)}.`)] : []),
    divider(),
    section(`*${capitalised(escapeText(periodOf(earlier.label)))}* · ${earlier.dates}`),
    ...(earlier.items.length > 0
      ? earlier.items.map((item) => section(itemLine(item, now, names, false)))
      : [context(`No more stories of ${period(earlier.label)}.`)]),
  ];
}

/** A period as a title names it: "last 7 days", "the 7 days before", "April" (not "in April"). */
function periodOf(label: string): string {
  return label.replace(/^in\s+/, '');
}

function versusMessage(answer: Answer, now: Date, asked: KnownBlock[], options: AnswerOptions): Message {
  const shared = Boolean(options.sharedBy);
  const [a, b] = answer.subjects as [SubjectAnswer, SubjectAnswer];
  // Share of voice is what others said: a competitor's own posts are shown apart, not counted.
  const others = (subject: SubjectAnswer) => cardCounts(subject).current;
  // No one else said anything about either side: there is no share to show, only their own posts.
  const nobodyElse = others(a) + others(b) === 0;
  const total = others(a) + others(b) || 1;
  const share = (subject: SubjectAnswer) =>
    nobodyElse ? '' : ` · ${Math.round((others(subject) / total) * 100)}% share of voice`;
  const column = (subject: SubjectAnswer) =>
    !mentioned(subject)
      ? `*${escapeText(subject.label)}*\nNo mentions ${windowPhrase(answer.request.window.label)}${subject.counts.previous > 0 ? ` (${subject.counts.previous} in the period before)` : ''}`
      : subject.counts.current === 0
        ? // Customers' words side by side: a side none of whose mentions is a customer's has no share of theirs.
          `*${escapeText(subject.label)}*\n${mentionsText(answer, subject)}${share(subject)}`
        : [
            `*${escapeText(subject.label)}*`,
            `${mentionsText(answer, subject)}${ownPostsText(subject)}${share(subject)}`,
            trendText(cardCounts(subject), answer.request.window),
            volumeBars(cardCounts(subject).daily, answer.request.window.since),
            sentimentText(cardCounts(subject), true),
          ].join('\n');
  // "Only reviews", "complaints about…": the title says whose words, or which side, these are.
  const title = `${versusLead(answer.request)}${a.label} vs ${b.label}`;
  const { shape, window } = answer.request;
  // "acme vs globex in one line": a line a side (its figures in words and its first point), then
  // their sources; "just the numbers": the cards and the sources, no summaries.
  const line = shape === 'line' && answer.offset === 0;
  const summed = answer.offset === 0 && shape === undefined;
  // A side in a line: what its card says, in words, and the first point of its summary.
  const sideLine = (subject: SubjectAnswer) => {
    if (!mentioned(subject))
      return `*${escapeText(subject.label)}*: no mentions ${windowPhrase(window.label)}.`;
    if (subject.counts.current === 0)
      return `*${escapeText(subject.label)}*: ${mentionsText(answer, subject)}${share(subject)}.`;
    const [first] = subject.summary.sentences;
    const point = first ? ` ${citedSentences(shortPoints({ ...subject.summary, sentences: [first] }))}` : '';
    // Its trend and tone count what others said, as its card's do.
    const figures = figuresInWords(cardCounts(subject), window);
    return `*${escapeText(subject.label)}*: ${mentionsText(answer, subject)}${ownPostsText(subject)}${share(subject)}. ${subject.ownPosts ? `What others said: ${figures.replace(/^./, (letter) => letter.toLowerCase())}` : figures}${point}`;
  };
  // A story both sides list is named once, here; each side's summary says what is its own.
  const names = feedNames(pageFeedTitles([...a.items, ...b.items]));
  const both = summed ? sharedStories(a, b, now, names) : [];
  // A column's item told above, under Both: its number, a line, not the story again.
  const toldAbove = new Set(both.flatMap((story) => story.items));
  const blocks: KnownBlock[] = line
    ? [
        header(title),
        ...asked,
        context(`${window.label}${inLanguageText(answer)} · side by side, a line each`),
        section([a, b].map(sideLine).join('\n')),
      ]
    : [
        header(title),
        ...asked,
        context(
          `${window.label}${inLanguageText(answer)} · side by side${shape === 'numbers' ? ' · counts only' : ''}`,
        ),
        ...priceLead(answer),
        ...raceLead(answer, nobodyElse ? null : (subject) => Math.round((others(subject) / total) * 100)),
        fields([column(a), column(b)]),
        ...(nobodyElse
          ? [context(nobodyElseNote(a, b, answer.request.window.label))]
          : a.ownPosts || b.ownPosts
            ? [context(ownPostsNote(a, b))]
            : []),
        ...versusCountedNote(answer, a, b),
        ...both.map((story) => section(story.line)),
      ];
  for (const subject of [a, b]) {
    if (!mentioned(subject)) continue;
    // Later pages (More) show the next sources of each side, without the summaries.
    // Its points cut for a phone as a single answer's are; the message's text keeps them whole.
    const points = sidePoints(subject);
    const said = summed && points.sentences.length ? ` — ${citedSentences(shortPoints(points))}` : '';
    blocks.push(divider(), section(`*${escapeText(subject.label)}*${said}`));
    if (answer.offset === 0 && !line) blocks.push(...sideNote(answer, subject));
    if (answer.offset === 0 && said) blocks.push(...notFromCustomersNote(subject, answer.request.tone));
    const counted = countedKinds(answer, subject);
    blocks.push(
      ...(subject.items.length > 0
        ? subject.items.flatMap((item, at) => [
            ...(at === firstUncounted(subject, counted) ? restNote(subject, counted) : []),
            toldAbove.has(item)
              ? context(`*[${item.number}]* Listed by both: see *Both* above`)
              : section(itemLine(item, now, names)),
          ])
        : [context(`No more sources about ${escapeText(subject.label)}.`)]),
    );
  }
  // Both columns number from 1: how to open one column's source.
  const opener =
    [a, b].find((subject) => subject.items.length > 1) ?? [a, b].find((subject) => subject.items.length);
  if (!shared && opener?.items[0])
    blocks.push(
      context(
        `\`/brief tell me more about ${escapeText(opener.subject)} ${opener.items[opener.items.length > 1 ? 1 : 0]?.number}\` opens one of ${escapeText(opener.subject)}'s sources.`,
      ),
    );
  blocks.push(...answerActions(answer, a.hasMore || b.hasMore, options));
  const unit =
    answer.request.customers && (a.otherVoices > 0 || b.otherVoices > 0) ? 'customer posts' : 'mentions';
  // Each card's trend and tone in words and the counts its bars draw, for a screen reader (the
  // cards show arrows, dots and bars alone).
  const drawn = [a, b]
    .filter((subject) => !line && mentioned(subject) && subject.counts.current > 0)
    .map(
      (subject) =>
        ` ${escapeText(subject.label)}: ${figuresInWords(cardCounts(subject), answer.request.window)} ${volumeCounts(cardCounts(subject).daily, answer.request.window.since)}`,
    )
    .join('');
  // A point cut on the card is read whole in the text, as notifications and screen readers read it.
  const shown = (subject: SubjectAnswer) =>
    summed ? subject.summary.sentences : line ? subject.summary.sentences.slice(0, 1) : [];
  // So are a side's points past the two its card gives.
  const whole = [a, b]
    .filter(
      (subject) =>
        shown(subject).some((point) => shortPoint(point.text) !== point.text) ||
        (summed && beyondTitles(subject.summary, subject.items).length > sidePointsShown),
    )
    .map(
      (subject) =>
        ` ${escapeText(subject.label)}: ${escapeText(
          shown(subject)
            .map((point) => point.text)
            .join(' '),
        )}`,
    )
    .join('');
  return message(
    `${escapeText(title)} (${answer.request.window.label}): ${a.counts.current} vs ${b.counts.current} ${unit}.${drawn}${whole}`,
    blocks,
  );
}

/** Mentioned at all in the window, whoever's words were counted. */
function mentioned(subject: SubjectAnswer): boolean {
  return totalOf(subject.counts.byKind) > 0;
}

/**
 * The figures of a side-by-side card, all on one basis: what others said (a competitor's own posts
 * left out, as from its share of voice).
 */
function cardCounts(subject: SubjectAnswer): SubjectAnswer['counts'] {
  if (subject.othersCounts) return subject.othersCounts;
  // Without the counts of others, their number still is the mentions but the own posts.
  return { ...subject.counts, current: subject.counts.current - (subject.ownPosts?.count ?? 0) };
}

/** Fewer mentions than this in the period before, both sides together, call no trend. */
const raceMinimum = 5;

/**
 * "is globex gaining on us", "are we winning": the answer first, in a line: each side's share of
 * voice (`share`, null when no one else spoke of either), then whether the other side's part of the
 * mentions grew against the period before, or that too few were there to say.
 */
function raceLead(answer: Answer, share: ((subject: SubjectAnswer) => number) | null): KnownBlock[] {
  const { race } = answer.request;
  // The side asked about ("is globex gaining"), then the other.
  const [them, us] = race === 0 ? answer.subjects : [...answer.subjects].reverse();
  if (race === undefined || answer.subjects.length !== 2 || !us || !them || answer.offset > 0) return [];
  const [ours, theirs] = [us, them].map((subject) => `*${escapeText(subject.label)}*`);
  const period = periodBefore(answer.request.window);
  const now = share
    ? `${theirs} has a ${share(them)}% share of voice, ${ours} ${share(us)}% (${answer.request.window.label})`
    : `${theirs} has ${countOf(them.counts.current, 'mention')}, ${ours} ${them.counts.current === us.counts.current ? 'as many' : us.counts.current} (${answer.request.window.label})`;
  const [ourCounts, theirCounts] = [cardCounts(us), cardCounts(them)];
  const before = ourCounts.previous + theirCounts.previous;
  const counted = (subject: SubjectAnswer) => {
    const { previous } = cardCounts(subject);
    return `${previous === 0 ? 'none' : previous} for ${escapeText(subject.label)}`;
  };
  if (before < raceMinimum)
    return [
      section(
        `*In short:* ${now}. ${period.charAt(0).toUpperCase()}${period.slice(1)} had too few mentions to call a trend (${before === 0 ? 'none' : `${counted(them)}, ${counted(us)}`}), so it is too early to say who is gaining.`,
      ),
    ];
  const part = (subject: SubjectAnswer, previous: boolean) => {
    const [mine, all] = previous
      ? [cardCounts(subject).previous, before]
      : [cardCounts(subject).current, ourCounts.current + theirCounts.current];
    return Math.round((mine / (all || 1)) * 100);
  };
  const [was, is] = [part(them, true), part(them, false)];
  const moved =
    Math.abs(is - was) < 5
      ? `neither side is gaining: ${theirs} has ${is}% of all mentions, against ${was}% ${period}`
      : `${is > was ? theirs : ours} is gaining: ${theirs} has ${is}% of all mentions, against ${was}% ${period}`;
  return [section(`*In short:* ${now}; ${moved}.`)];
}

/**
 * "is globex cheaper than us": the answer first, as far as the sources give it: each side's price
 * figures, quoted and cited, and plainly that what is said is compared, not list prices.
 */
function priceLead(answer: Answer): KnownBlock[] {
  if (!answer.priceFacts) return [];
  const sides = answer.priceFacts.map(({ subject, facts }) => {
    const said = facts
      .map(
        (fact) =>
          `“${escapeFeedText(fact.text)}” [${fact.number}]${fact.own ? ` (${escapeText(subject)}'s own claim)` : ''}`,
      )
      .join('; ');
    return `*${escapeText(subject)}:* ${said || 'no source gives a figure'}`;
  });
  const anyFact = answer.priceFacts.some(({ facts }) => facts.length > 0);
  return [
    ...(anyFact ? [section(`*On price, the sources say* — ${sides.join(' · ')}`)] : []),
    context(
      anyFact
        ? ':information_source: Briefbot compares what the sources say, not list prices.'
        : ':information_source: No source here gives a price figure, and Briefbot compares what is said, not list prices: below is what each side’s sources say.',
    ),
  ];
}

/** ", 8 of them Globex's own posts", ", all Globex's own posts", ", Globex's own post": in a column. */
function ownPostsText(subject: Pick<SubjectAnswer, 'ownPosts' | 'counts'>): string {
  if (!subject.ownPosts) return '';
  const { count, by } = subject.ownPosts;
  const whose = `${escapeText(by)}'s own`;
  if (count < totalOf(subject.counts.byKind))
    return `, ${count} of them ${whose} ${count === 1 ? 'post' : 'posts'}`;
  return count === 1 ? `, ${whose} post` : `, all ${whose} posts`;
}

/** "Globex's own: Marcus Lee, VP Sales (2) · Sofia Brandt, CEO": a competitor's staff, apart from the voices. */
function ownVoicesText(subject: SubjectAnswer): string {
  if (!subject.ownPosts || subject.ownVoices.length === 0) return '';
  return `${escapeText(subject.ownPosts.by)}'s own: ${voiceList(subject.ownVoices)}`;
}

/**
 * "Share of voice, trend and sentiment leave out Globex's own posts.": how many, the card says
 * ("17 mentions, 8 of them Globex's own posts"); said once, in two lines of a phone.
 */
function ownPostsNote(a: SubjectAnswer, b: SubjectAnswer): string {
  const whose = [a, b].flatMap((subject) =>
    subject.ownPosts ? [`${escapeText(subject.ownPosts.by)}'s`] : [],
  );
  return `Share of voice, trend and sentiment leave out ${whose.join(' and ')} own posts.`;
}

/**
 * A customers side by side counts customers' own words: "Only customers’ own words … are counted:
 * 13 of Acme's 22 mentions and 6 of Globex's 18; the rest come after them."
 */
function versusCountedNote(answer: Answer, a: SubjectAnswer, b: SubjectAnswer): KnownBlock[] {
  // Neither side has a customer's words: every mention is counted, as the columns say.
  if (!answer.request.customers || answer.offset > 0 || (a.otherVoices === 0 && b.otherVoices === 0))
    return [];
  if (a.customerVoices === 0 && b.customerVoices === 0) return [];
  const parts = [a, b].map(
    (subject) =>
      `${subject.customerVoices || 'none'} of ${escapeText(subject.label)}'s ${countOf(totalOf(subject.counts.byKind), 'mention')}`,
  );
  return [
    context(
      `:information_source: Only customers’ own words (reviews, forums, communities) are counted, in the figures and the share of voice: ${parts.join(' and ')}; the rest come after them.`,
    ),
  ];
}

/** "No one else mentioned acme or globex from 10 Nov to 16 Nov; Globex published 1 post of its own." */
function nobodyElseNote(a: SubjectAnswer, b: SubjectAnswer, label: string): string {
  const own = [a, b].flatMap((subject) =>
    subject.ownPosts
      ? [`${escapeText(subject.ownPosts.by)} published ${countOf(subject.ownPosts.count, 'post')} of its own`]
      : [],
  );
  return `No one else mentioned ${escapeText(a.label)} or ${escapeText(b.label)} ${windowPhrase(label)}, so there is no share of voice to show${own.length > 0 ? `; ${own.join(' and ')}` : ''}.`;
}

/** "Globex's own posts first (1 of the 6 mentions); after them, coverage: what others said." */
function speakerNote(speaker: NonNullable<SubjectAnswer['speaker']>, answer: Answer): string {
  const who = escapeText(capitalised(speaker.who));
  const total = answer.subjects[0]?.counts.current ?? 0;
  const on = speaker.about === itselfSaid ? 'of its own' : `on ${escapeText(speaker.about)}`;
  return speaker.own === 0
    ? `${who} posted nothing ${on} ${windowPhrase(answer.request.window.label)}: these are coverage, what others said.`
    : `${who}'s own ${speaker.own === 1 ? 'post' : 'posts'} first (${speaker.own} of the ${countOf(total, 'mention')}); after ${speaker.own === 1 ? 'it' : 'them'}, coverage: what others said.`;
}

function capitalised(name: string): string {
  return `${name.charAt(0).toUpperCase()}${name.slice(1)}`;
}

/** "8 from customers", "none from customers", "all from customers": how many of the mentions are customers' own. */
function customersShare(subject: SubjectAnswer): string {
  if (subject.customerVoices === 0) return 'none from customers';
  return subject.otherVoices === 0 ? 'all from customers' : `${subject.customerVoices} from customers`;
}

/** "17 customer posts (of 34 mentions)": a customers answer never reads every mention as a customer's. */
function mentionsText(answer: Answer, subject: CountedOf): string {
  const news = subject.counts.byKind.news ?? 0;
  const total = totalOf(subject.counts.byKind);
  // The press's figures count the news: "8 news mentions (of 22)".
  if (answer.request.press && news > 0 && news < total)
    return `${countOf(news, 'news mention')} (of ${total})`;
  const all = subject.together
    ? `${countOf(total, 'item')} ${total === 1 ? 'names' : 'name'} both`
    : countOf(total, 'mention');
  if (!answer.request.customers || subject.otherVoices === 0) return all;
  // None a customer's: counted none (a side by side's other side has some), or every mention counted.
  if (subject.customerVoices === 0)
    return subject.counts.current === 0 ? `No customer posts (of ${all})` : `${all}, none a customer's`;
  return `${countOf(subject.customerVoices, 'customer post')} (of ${all})`;
}

/** "What customers say: ", "Complaints: ": a side by side asked of customers' words or of one side. */
function versusLead(request: Answer['request']): string {
  const side = request.tone === 'negative' ? 'Complaints' : request.tone === 'positive' ? 'Praise' : null;
  if (request.customers) return side ? `${side} from customers: ` : 'What customers say: ';
  return side ? `${side}: ` : '';
}

/**
 * The stories both sides list, each told once: "*Both* (acme [3], globex [2]): Price war? Globex
 * offers…", linked, with its source and age; each column names it by its number only.
 */
function sharedStories(
  a: SubjectAnswer,
  b: SubjectAnswer,
  now: Date,
  names: FeedNames,
): Array<{ line: string; items: AnswerItem[] }> {
  return a.items.flatMap((item) => {
    const theirs = b.items.find((other) => sameStory(item, other));
    if (!theirs) return [];
    return [
      {
        line: `*Both* (${escapeText(a.label)} [${item.number}], ${escapeText(b.label)} [${theirs.number}]): ${itemLine(item, now, names, false)}`,
        items: [item, theirs],
      },
    ];
  });
}

/** A customers question whose summary could use no customer's own words says so. */
function notFromCustomersNote(subject: SubjectAnswer, tone: string | undefined): KnownBlock[] {
  if (!subject.summaryNotFromCustomers) return [];
  const none = tone
    ? `No customer’s own words (a review, forum or community post) among these sources are ${tone} about ${escapeText(subject.label)}`
    : 'None of these sources is a customer’s own words (a review, forum or community post)';
  return [context(`:information_source: ${none}, so the summary is from the press and other sources.`)];
}

/** What the mentions not counted are, in the words an answer uses for them, in the order listed. */
const kindsInWords: Record<string, string> = {
  news: 'news',
  review: 'reviews',
  forum: 'forum posts',
  community: 'community posts',
  blog: 'blog posts',
  competitor: 'a competitor’s own posts',
};

/** The kinds whose mentions an answer counts, the rest listed after them: the press's, or customers'. */
type Counted = {
  kinds: string[];
  count: number;
  total: number;
  words: string;
  /** Which kinds `words` are, where the words do not say it. */
  detail: string;
  unit: string;
  none: string;
};

/**
 * The press's figures count the news, a customers answer's customers' own words, when some but not
 * all of the mentions are theirs (with none, everything is counted; with all, there is no rest).
 */
function countedKinds(answer: Answer, subject: SubjectAnswer): Counted | null {
  const { byKind } = subject.counts;
  const total = totalOf(byKind);
  if (answer.request.press) {
    const count = byKind.news ?? 0;
    return {
      kinds: ['news'],
      count,
      total,
      words: 'news',
      detail: '',
      unit: 'news mention',
      none: 'No news',
    };
  }
  if (!answer.request.customers) return null;
  return {
    kinds: [...customerKinds],
    count: subject.customerVoices,
    total,
    words: 'customers’ own words',
    detail: ' (reviews, forums, communities)',
    unit: 'customer voice',
    none: 'No customer voices',
  };
}

/** The Evidence line: "8 news mentions counted; 14 other mentions come after them." */
function countedEvidence(counted: Counted, tone: string | undefined): string {
  const { count, total, unit, detail } = counted;
  const what = `${countOf(count, unit)}${detail}`;
  if (count === 0) return `${counted.none}${detail}: ${countOf(total, 'other mention')}.`;
  if (count === total) return `${what}.`;
  // A side asked for is listed by its tone, not by kind.
  if (tone) return `${what} counted, of ${countOf(total, 'mention')}.`;
  const rest = total - count;
  return `${what} counted; ${countOf(rest, 'other mention')} ${rest === 1 ? 'comes' : 'come'} after them.`;
}

/** "news, blog posts and a competitor’s own posts": the kinds of the mentions not counted. */
function restNamed(counted: Counted, byKind: Record<string, number>): string {
  const order = Object.keys(kindsInWords);
  const rest = Object.keys(byKind)
    .filter((kind) => !counted.kinds.includes(kind) && (byKind[kind] ?? 0) > 0)
    .sort((a, b) => (order.indexOf(a) + 1 || order.length + 1) - (order.indexOf(b) + 1 || order.length + 1))
    .map((kind) => kindsInWords[kind] ?? `${kind} posts`);
  return inWords(rest);
}

/**
 * Not every mention counted, under the figures: "Counted: news only; reviews and forum posts
 * follow." (the summary and the figures count them; the others are listed after them).
 */
function countedNote(answer: Answer, subject: SubjectAnswer): KnownBlock[] {
  const counted = countedKinds(answer, subject);
  if (!counted || answer.offset > 0) return [];
  const { count, total } = counted;
  if (count === total) return [];
  // No customer's words: the summary's own note says so.
  if (count === 0 && answer.request.customers) return [];
  const named = restNamed(counted, subject.counts.byKind);
  // One short sentence on a phone: the header says how many of each already ("8 customer posts (of
  // 15 mentions)"), and each source its kind. A side asked for is listed by tone, not after them.
  const rest = answer.request.tone ? `, not ${named}` : `; ${named} follow`;
  const note =
    count === 0
      ? `None of the ${countOf(total, 'mention')} is ${counted.words}${counted.detail}: these are ${named}.`
      : `Counted: ${counted.words} only${rest}.`;
  return [context(`:information_source: ${note}`)];
}

/**
 * Where on this page the mentions not counted begin, when every item after them is one too (-1:
 * nowhere): a side asked for is listed by its tone, not by kind.
 */
function firstUncounted(subject: SubjectAnswer, counted: Counted | null): number {
  if (!counted || counted.count === 0) return -1;
  const isCounted = (item: AnswerItem) => counted.kinds.includes(item.feedKind);
  const at = subject.items.findIndex((item) => !isCounted(item));
  return at > -1 && !subject.items.slice(at).some(isCounted) ? at : -1;
}

/** "From [13] on, not customers’ own words: news and a competitor’s own posts." */
function restNote(subject: SubjectAnswer, counted: Counted | null): KnownBlock[] {
  const item = subject.items[firstUncounted(subject, counted)];
  if (!counted || !item) return [];
  return [
    context(
      `:information_source: From [${item.number}] on, not ${counted.words}: ${restNamed(counted, subject.counts.byKind)}.`,
    ),
  ];
}

/** "Top 3 stories" by rank alone: "Also, the best positive story: …", the side they leave out. */
function besidesLines(subject: SubjectAnswer, now: Date, names: FeedNames): KnownBlock[] {
  return subject.besides.map((item) =>
    section(`*Also, the best ${item.sentiment} story:* ${itemLine(item, now, names, false)}`),
  );
}

/** "Nothing says “pricng”, so this is the topic pricing." */
function correctedNote(answer: Answer): KnownBlock[] {
  return answer.subjects.flatMap((subject) =>
    subject.correctedFrom
      ? [
          context(
            `:information_source: Nothing says “${escapeText(subject.correctedFrom)}”, so this is the topic ${escapeText(subject.correctedTo ?? subject.subject)}.`,
          ),
        ]
      : [],
  );
}

/**
 * "No item says “changes”, so this is what the other words find."; with the other phrasings of such
 * a word, which were searched too: "No item says “layoffs” (nor laid off, job cuts…), so …".
 */
function droppedNote(answer: Answer): KnownBlock[] {
  const dropped = [...new Set(answer.subjects.flatMap((subject) => subject.dropped))];
  if (dropped.length === 0) return [];
  const words = dropped.map((word) => `“${escapeText(word)}”`).join(', ');
  const also = [...new Set(answer.subjects.flatMap((subject) => subject.droppedAlso))];
  const nor = also.length > 0 ? ` (nor ${escapeText(also.join(', '))})` : '';
  return [context(`:information_source: No item says ${words}${nor}, so this is what the other words find.`)];
}

/**
 * "Also searched: price increase, price hike.": the other phrasings of the subject the search took
 * in; side by side, for which side ("For price hike, also searched: …").
 */
function alsoSearchedNote(answer: Answer): KnownBlock[] {
  const sides = answer.subjects.filter((subject) => subject.alsoSearched.length > 0);
  return sides.map((subject) => {
    const also = escapeText(subject.alsoSearched.join(', '));
    return context(
      answer.subjects.length > 1
        ? `:information_source: For ${escapeText(subject.label)}, also searched: ${also}.`
        : `:information_source: Also searched: ${also}.`,
    );
  });
}

/** "Side by side compares two at a time, so “initech” is left out: ask `/brief acme vs initech`…" */
function leftOutNote(answer: Answer): KnownBlock[] {
  const { leftOut = [], subjects } = answer.request;
  if (leftOut.length === 0) return [];
  const names = leftOut.map((name) => `“${escapeText(name)}”`).join(', ');
  return [
    context(
      `:information_source: Side by side compares two at a time, so ${names} ${leftOut.length === 1 ? 'is' : 'are'} left out: ask \`/brief ${escapeText(subjects[0] ?? '')} vs ${escapeText(leftOut[0] ?? '')}\` for it.`,
    ),
  ];
}

/** "Negative first: 8 of the 22 mentions." for "complaints about acme"; or that there are none. */
function toneNote(answer: Answer): KnownBlock[] {
  const subject = answer.subjects[0];
  if (!subject || answer.subjects.length !== 1 || answer.offset > 0) return [];
  return sideNote(answer, subject);
}

/** A side asked for, of one subject: how many mentions take it, and which shown come after and why. */
function sideNote(answer: Answer, subject: SubjectAnswer): KnownBlock[] {
  const { tone } = answer.request;
  if (!tone) return [];
  // Side by side, a competitor's card counts what others said: the note counts the same mentions.
  const figures = subject.othersCounts ?? subject.counts;
  const { current, sentiment } = figures;
  // A post that only asks ("Is Globex worth it?") reads as positive, but is no praise.
  const asking = Math.min(subject.sideAsking, sentiment[tone]);
  // A competitor's own posts of that tone are set aside: "Globex's own 2 positive posts come after: …".
  const own = subject.ownPosts
    ? Math.min(
        subject.sideOwn,
        subject.counts.sentiment[tone] - Math.min(subject.sideAsking, subject.counts.sentiment[tone]),
      )
    : 0;
  const count = sentiment[tone] - asking - (subject.othersCounts ? 0 : own);
  const ownAside =
    own > 0 && subject.ownPosts
      ? ` ${escapeText(subject.ownPosts.by)}'s own ${own === 1 ? '' : `${own} `}${tone} ${own === 1 ? 'post comes' : 'posts come'} after: its own words, not ${tone === 'negative' ? 'complaints' : 'praise'}.`
      : '';
  if (current === 0) return [];
  // Customers' own words counted, the side is of theirs.
  const unit =
    countedKinds(answer, subject)?.count === current && answer.request.customers
      ? 'customer post'
      : 'mention';
  // "3 of the 9 mentions by others": the card's count, not the 17 with the competitor's own.
  const many = (number: number) => `${countOf(number, unit)}${subject.othersCounts ? ' by others' : ''}`;
  const mark = tone === 'negative' ? ':small_red_triangle_down:' : ':white_check_mark:';
  const about = escapeText(subject.label);
  const elsewhere = subject.sideElsewhere;
  // "([6] is negative, but not about globex)": which items of this page, and why they come after.
  const numbers = subject.sideElsewhereNumbers.slice(0, 3).map((number) => `[${number}]`);
  const named =
    numbers.length > 1 ? `${numbers.slice(0, -1).join(', ')} and ${numbers.at(-1)} are` : `${numbers[0]} is`;
  const whose = subject.sideElsewhereAbout ? `about ${escapeText(subject.sideElsewhereAbout)}` : null;
  const why =
    numbers.length > 0
      ? ` (${named} ${tone}, but ${whose ?? `not about ${about}`})`
      : elsewhere > 0 && whose
        ? ` (${elsewhere} of them, ${whose}, ${elsewhere === 1 ? 'comes' : 'come'} after)`
        : '';
  const read = toneRead(figures);
  const note =
    read === 0
      ? `Briefbot reads tone in ${toneLanguagesShort}, and none of the ${many(current)} is in one of them, so these are the most relevant.`
      : count + own === 0
        ? `None of the ${read < current ? `${many(read)} whose tone was read (of ${current})` : many(current)} reads as ${tone}, so these are the most relevant.`
        : (elsewhere > 0 || own > 0) && subject.sideTowards === 0
          ? `None of the ${many(current)} is ${tone} about ${about} itself${numbers.length > 0 ? ` (${named} ${tone} ${whose ?? `about something else ${elsewhere === 1 ? 'it names' : 'they name'}`})` : ''}, so these are the most relevant.${ownAside}`
          : `${tone === 'negative' ? 'Negative' : 'Positive'} first: ${count} of the ${many(current)}${why}.${asking > 0 ? ` ${asking === 1 ? 'One other only asks a question' : `${asking} others only ask questions`}, so ${asking === 1 ? 'it is' : 'they are'} no praise.` : ''}${ownAside}`;
  return [context(`${mark} ${note}`)];
}

/** A summary longer than a phone's few lines: one point a line, to scan and forward. */
const paragraphMost = 240;

function pointPerLine(summary: Summary): Summary {
  const length = summary.sentences.reduce((sum, sentence) => sum + sentence.text.length, 0);
  return summary.sentences.length > 1 && length > paragraphMost ? { ...summary, bullets: true } : summary;
}

/** A point of an answer's summary on a phone: about four lines of one at most, with its citation. */
export const pointMost = 140;

/** Where a sentence may be cut and still say its point: after a comma, colon or dash, or before a joining word. */
const clauseEnd =
  /[,;:](?=\s)|\s[—–]\s|\s(?=(?:and|but|with|while|which|who|where|after|because|although|though|so|yet)\s)/g;

/**
 * A long point cut at its last clause that fits, the quote closed ("A 2-star reviewer says: “The
 * product is fine, but the account team sent a renewal quote 25% higher with no heads-up…”"); at a
 * word only when no clause ends past half of it. The whole sentence stays in the message's text.
 */
export function shortPoint(text: string, most = pointMost): string {
  if (text.length <= most) return text;
  // A stale "now" keeps its age, "(said 31 h ago)", whatever is cut before it.
  const age = / \(said [^)]+ ago\)/.exec(text)?.[0] ?? '';
  if (age) {
    const cut = shortPoint(text.replace(age, ''), most - age.length);
    return cut.endsWith('…') || cut.endsWith('…”') ? cut.replace(/…(”?)$/, `…${age}$1`) : text;
  }
  const opened = text.indexOf('“');
  // Room for "…”", the quote closed when the cut is inside it.
  const room = most - 2;
  const head = text.slice(0, room + 1);
  // Never inside the attribution, "A 2-star reviewer says:", nor so early that little is left.
  const from = Math.max(Math.floor(most / 2), opened + 1);
  const clauseEnds = [...text.matchAll(clauseEnd)].map((match) => match.index);
  const ends = clauseEnds.filter((at) => at >= from && at <= room);
  const space = head.lastIndexOf(' ');
  const clauseCut = ends.at(-1) ?? (space > opened + 1 ? space : room);
  // The figure the point is about, its first number, percentage or price, is never cut off: past
  // the cut, the point is cut at the end of the figure's clause, or a word after the figure, when
  // either fits; else it keeps that clause whole, a little longer than most.
  const figure = figureEnd(text, opened + 1);
  const figureClause = clauseEnds.find((at) => at >= figure) ?? text.length;
  const cut =
    figure <= clauseCut
      ? clauseCut
      : figureClause <= room
        ? figureClause
        : space > figure
          ? space
          : figureClause;
  if (cut >= text.length) return text;
  const kept = text.slice(0, cut).replace(/[\s,;:—–-]+$/, '');
  const inQuote = opened > -1 && !kept.slice(opened).includes('”');
  return `${kept}…${inQuote ? '”' : ''}`;
}

/** Where a point's first figure ("40%", "$0.90", "12") ends, looked for from `from` (past an attribution); 0 if none. */
function figureEnd(text: string, from: number): number {
  const figure = /[$€£]?\d+(?:[.,]\d+)*%?/g;
  figure.lastIndex = from;
  const found = figure.exec(text);
  return found ? found.index + found[0].length : 0;
}

/**
 * A summary's points but those that only say the title of the one source they cite: that source is
 * listed right under them ("Globex launches Assist AI, …" said twice on a phone).
 */
function beyondTitles(summary: Summary, items: AnswerItem[]): Summary['sentences'] {
  const words = (text: string) =>
    text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
  const sentences = summary.sentences.filter((point) => {
    const [only, ...more] = point.citations;
    const cited = more.length === 0 ? items.find((item) => item.number === only) : undefined;
    return !cited || words(cited.title) !== words(point.text);
  });
  return sentences;
}

/** A side's points on a phone: two a side, each side's sources listed under them. */
const sidePointsShown = 2;

/**
 * A side's points on its card: the first two that say more than their source's title; its
 * summary as it is when every point is a title (a side of one source says what it is).
 */
function sidePoints(subject: SubjectAnswer): Summary {
  const beyond = beyondTitles(subject.summary, subject.items);
  const points = beyond.length > 0 ? beyond : subject.summary.sentences;
  return { ...subject.summary, sentences: points.slice(0, sidePointsShown) };
}

function shortPoints(summary: Summary): Summary {
  return {
    ...summary,
    sentences: summary.sentences.map((sentence) => ({ ...sentence, text: shortPoint(sentence.text) })),
  };
}

/** "\nFading: …", or nothing for an empty line. */
function lineIf(text: string): string {
  return text ? `\n${text}` : '';
}

function voicesLabel(answer: Answer): string {
  const whose = answer.request.customers ? 'customer voices' : 'voices';
  if (answer.request.tone === 'negative') return `Critical ${whose}`;
  if (answer.request.tone === 'positive') return `Positive ${whose}`;
  return answer.request.customers ? 'Customer voices' : 'Voices';
}

function widenedNote(answer: Answer): string {
  const period = answer.widenedFrom ?? '';
  // "in October", read from "last month": a whole past period, not one still to fill.
  if (/^in\s/.test(period)) return `Nothing ${period}, so this covers the ${answer.request.window.label}.`;
  if (answer.widenedSoFar === 0)
    return `Nothing yet ${period}, so this covers the ${answer.request.window.label}.`;
  return `${period.charAt(0).toUpperCase()}${period.slice(1)} has only just begun (${countOf(answer.widenedSoFar, 'mention')} so far), so this covers the ${answer.request.window.label}.`;
}

const noTopicsHint =
  'No topics yet, so this is everything your feeds brought in. Topics sort it and add a *By topic* breakdown: `/brief topics add pricing pricing OR "price increase"`.';

/** " · in German sources": an answer asked in one language says so where it names its period. */
function inLanguageText(answer: Answer): string {
  const { language } = answer.request;
  return language ? ` · in ${languageName(language)} sources` : '';
}

/** "No German sources about nestle in the last 7 days; 12 in English, 3 in French." */
function languageMissMessage(answer: Answer, language: string): Message {
  const about = answer.request.overview
    ? ''
    : ` about ${answer.subjects.map((subject) => subject.label).join(' or ') || answer.request.subjects.join(' or ')}`;
  const others = (answer.otherLanguages ?? []).map(
    ({ language: other, count }) => `${count} in ${languageName(other)}`,
  );
  const text = `No ${languageName(language)} sources${about} ${windowPhrase(answer.request.window.label)}${others.length > 0 ? `; ${others.join(', ')}` : ', nor in any other language'}.`;
  const tries = answer.suggestions.map((suggestion) => `• \`${escapeText(suggestion)}\``).join('\n');
  return message(escapeText(text), [
    section(`:mag: ${escapeText(text)}${tries ? `\nIn every language:\n${tries}` : ''}`),
  ]);
}

function emptyAnswerMessage(answer: Answer): Message {
  if (answer.request.language) return languageMissMessage(answer, answer.request.language);
  const about = answer.request.overview
    ? answer.subjects[0]?.allFeeds
      ? 'Nothing in your feeds'
      : 'Nothing in the topics Briefbot follows'
    : // The subjects as searched: "we" is the company's name, "pricng" the topic pricing.
      `Nothing about ${answer.subjects.map((subject) => subject.label).join(' or ') || answer.request.subjects.join(' or ')}`;
  const text = `${about} ${periodsPhrase(answer.request.window)}.`;
  const tries = answer.suggestions.map((suggestion) => `• \`${escapeText(suggestion)}\``).join('\n');
  // "and last week?": which week it was, and what the calendar week held.
  const notes = requestNotes(answer.request);
  if (answer.recent) return quietPeriodMessage(answer, answer.recent, tries, notes);
  return message(escapeText(text), [
    section(`:mag: ${escapeText(text)}${tries ? `\nYou could try:\n${tries}` : ''}`),
    ...notes,
    ...alsoSearchedNote(answer),
    context(
      answer.sourcesNote
        ? `${answer.sourcesNote.problem ? ':warning: ' : ''}${answer.sourcesNote.text}`
        : 'Briefbot searches the feeds it reads: `/brief feeds list` shows them.',
    ),
  ]);
}

/** A past period that held nothing, while the recent days did: that is the answer, not a miss. */
function quietPeriodMessage(
  answer: Answer,
  recent: { count: number; label: string },
  tries: string,
  notes: KnownBlock[],
): Message {
  const about = answer.request.overview
    ? 'in the topics Briefbot follows'
    : `of ${answer.subjects.map((subject) => subject.label).join(' or ')}`;
  const period = periodsPhrase(answer.request.window);
  // "in the 7 days before those (10–16 Nov)" has its dates in brackets already.
  const since = `${recent.count} in the ${recent.label}`;
  const text = `No mentions ${about} ${period}${period.endsWith(')') ? `; ${since}.` : ` (${since}).`}`;
  return message(escapeText(text), [
    section(`:information_source: ${escapeText(text)}${tries ? `\nTo see them:\n${tries}` : ''}`),
    ...notes,
  ]);
}

export function lookingMessage(feeds: number, question: string): Message {
  const text = `Looking at ${feeds} source${feeds === 1 ? '' : 's'} for “${question}”…`;
  return message(escapeText(text), [context(`:hourglass_flowing_sand: ${escapeText(text)}`)]);
}

/** The period asked, and the one set beside it, as they read in a sentence: "in April or in March". */
function periodsPhrase(window: Answer['request']['window']): string {
  return `${windowPhrase(window.label)}${window.before ? ` or ${windowPhrase(window.before.label)}` : ''}`;
}
