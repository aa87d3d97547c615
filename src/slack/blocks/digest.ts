import type { KnownBlock } from '@slack/types';
import { languageName } from '../../analysis/language.ts';
import { SentimentLabel } from '../../analysis/sentiment.ts';
import type { Summary } from '../../analysis/summarize.ts';
import { bestStories, type DigestItem, threadTopicOf } from '../../briefing/digest.ts';
import type { SourceConversation } from '../../briefing/drill.ts';
import { formatSlot } from '../../briefing/slots.ts';
import { timeZoneName } from '../../commands/dates.ts';
import { changeText, countOf, formatRelative } from '../../format.ts';
import { Action } from '../ids.ts';
import {
  actions,
  button,
  citedSentences,
  context,
  escapeFeedText,
  escapeText,
  languageTag,
  limits,
  link,
  type Message,
  message,
  section,
  sentimentMark,
  toneLead,
  toneNotReadText,
} from './common.ts';
import { requestOrSeeButton } from './source.ts';

/** Two blocks per item (the item, its buttons) and a heading: at most 24 items fit one message. */
export const itemsPerThreadMessage = 20;

/** `gist`: the model's two sentences on the top items, when there is a model. */
export type DigestHeading = {
  title: string;
  /** The channel it is for, named after the title (a preview's). */
  channelId?: string;
  since: Date;
  /** The digest's own zone: its window is said on its clock ("since Mon 23 Nov 02:52 UTC"). */
  timeZone: string;
  previousCount: number | null;
  gist?: Summary | null;
  /** The stories the window held, when more than fit the digest's size: "top 2 of 22". */
  total?: number;
  /** The command that shows more of them next time (`digest edit 3 max 22`), for a channel digest. */
  raiseWith?: string;
  /** The size `raiseWith` sets: every story of the window, or (a busy one) twice the digest's size. */
  raisedTo?: number;
  /** How many of the window's stories (all of them, not only those shown) were published in it. */
  recent?: number;
  /** A scheduled digest posted late (Briefbot was not running at its time), and the digests missed before it. */
  late?: LateDigest;
};

export type LateDigest = { due: Date; missed: number; late: boolean };

/**
 * "Posted late: it was due Wed 18 Nov 08:00, when Briefbot was not running; it covers everything since
 * Sun 15 Nov 08:00, including the 2 scheduled digests that did not go out." (on time, the second half alone).
 */
export function lateDigestText(late: LateDigest, since: Date, timeZone: string): string {
  const covers =
    late.missed === 0
      ? ''
      : `it covers everything since ${windowStartText(since, timeZone)}, including ${late.missed === 1 ? 'the scheduled digest' : `the ${late.missed} scheduled digests`} that did not go out`;
  if (!late.late) return `${covers.charAt(0).toUpperCase()}${covers.slice(1)}.`;
  return `Posted late: it was due ${windowStartText(late.due, timeZone)}, when Briefbot was not running${covers ? `; ${covers}` : ''}.`;
}

/**
 * "Mon 23 Nov 02:52 UTC": where a digest's window starts, on the digest's own clock, its zone named;
 * one form in a reply and in the channel, which may scroll back days later.
 */
export function windowStartText(since: Date, timeZone: string): string {
  return `${formatSlot(since, timeZone)} ${timeZoneName(timeZone)}`;
}

function feedbackValue(channelId: string, item: DigestItem): string {
  return JSON.stringify({ c: channelId, i: item.id, f: item.feedId });
}

/**
 * Mute source keeps a source out of every digest in the channel, for everyone there: it asks first, as
 * it sits beside Not relevant on a phone, and says how it is undone.
 */
function muteButton(channelId: string, item: DigestItem) {
  return button('Mute source', Action.DigestMuteSource, feedbackValue(channelId, item), undefined, {
    label: `Mute source ${item.feedTitle}`,
    confirm: {
      title: 'Mute this source?',
      // No feed text in the dialog: the item above it names the source.
      text: "This source's stories are left out of this channel's digests, for everyone here, until an admin lets them back (/brief digest unmute).",
      yes: 'Mute source',
    },
  });
}

/** `since`: the digest's window; an item published before it (found late) is marked so. */
function itemText(item: DigestItem, number: number, now: Date, since: Date | undefined): string {
  const more =
    item.otherSources > 0 ? ` · +${item.otherSources} other source${item.otherSources === 1 ? '' : 's'}` : '';
  const earlier = since && toldAt(item) < since ? ' · older, arrived late' : '';
  const summary = item.summary ? `\n${escapeFeedText(item.summary)}` : '';
  return `${number}. ${toneLead(item.sentiment)}${link(item.url, item.title)}${summary}\n_${escapeFeedText(item.feedTitle)}${languageTag(item.language)} · ${formatRelative(item.publishedAt, now)}${earlier}${more}_`;
}

/** "3 negative · 4 neutral · 1 positive · pricing 5, globex 3": the digest's mood and mix at a glance. */
function toneLine(items: DigestItem[]): string {
  const tally = (key: (item: DigestItem) => string) => {
    const counts = new Map<string, number>();
    for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
    return counts;
  };
  const tone = tally((item) => item.sentiment);
  const mood = (['negative', 'neutral', 'positive'] as const)
    .filter((sentiment) => tone.get(sentiment))
    .map((sentiment) => `${sentimentMark[sentiment]} ${tone.get(sentiment)} ${sentiment}`)
    .concat(unreadText(items))
    .filter(Boolean)
    .join(' · ');
  // Grouped as the thread groups them: by each item's first topic.
  const topics = [...tally((item) => item.topicLabel ?? item.topics[0] ?? 'other')]
    .sort((a, b) => b[1] - a[1])
    .map(([topic, n]) => `${escapeText(topic)} ${n}`);
  return topics.length > 1 ? `${mood} · ${topics.join(', ')}` : mood;
}

/** "tone not read for 2 of the 8 items, in French and German (…)": the items in other languages, never counted neutral. */
function unreadText(items: DigestItem[]): string {
  const unread = items.filter((item) => item.sentiment === SentimentLabel.Unread);
  if (unread.length === 0) return '';
  const languages = [
    ...new Set(unread.flatMap((item) => (item.language ? [languageName(item.language)] : []))),
  ];
  return toneNotReadText(unread.length, `the ${countOf(items.length, 'item')}`, languages.sort());
}

/**
 * The window's count, what is new first: "4 new since Mon 23 Nov 08:00 UTC; 8 shown, 4 of them older
 * stories that arrived late". New is published in the window, as answers count, so a daily digest never
 * counts more than the week does; older stories the fetch found only now are said apart, when there are
 * any. A resumed run does not know how many were new: it says what came in.
 */
function arrivalsText(heading: DigestHeading, items: DigestItem[], total: number): string {
  const start = windowStartText(heading.since, heading.timeZone);
  const count = items.length;
  const recent =
    heading.recent ??
    (total === count ? items.filter((item) => toldAt(item) >= heading.since).length : undefined);
  if (recent === undefined)
    return `${total > count ? `top ${count} of ${total} items` : stories(count, 'item')} that came in since ${start}`;
  const lateShown = items.filter((item) => toldAt(item) < heading.since).length;
  // Only late arrivals: what is delivered is counted first, never under "nothing new".
  if (recent === 0)
    return `${stories(count, 'story', 'stories')} that reached Briefbot since ${start}, ${count === 1 ? 'an older one' : 'all older ones'} that arrived late`;
  const older =
    lateShown === 1 && count > 1
      ? '1 of them an older story'
      : `${lateShown === count ? 'all' : lateShown} of them older stories`;
  const late = lateShown ? `, ${older} that arrived late` : '';
  return `${recent} new since ${start}${count === recent && total === recent ? '' : `; ${count} shown${late}`}`;
}

/** When an item's story was last told: a new thread on an older story makes it new, not late. */
function toldAt(item: DigestItem): Date {
  return item.toldAt ?? item.publishedAt;
}

/** "1 item", "3 items". */
function stories(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * "The other 16 of the 24 that came in are left out (older stories that arrived late), and no later
 * digest brings them back; …": which kind they are, so a left-out new story is not taken for old news,
 * and that they are gone for good, on a line of its own under the mood (the one line to act on).
 */
function leftOutText(heading: DigestHeading, items: DigestItem[], total: number): string {
  const count = items.length;
  const left = total - count;
  const newShown = items.filter((item) => toldAt(item) >= heading.since).length;
  const newLeft = heading.recent === undefined ? undefined : heading.recent - newShown;
  const kind =
    newLeft === undefined
      ? ''
      : newLeft === 0
        ? ` (${left === 1 ? 'an older story' : 'older stories'} that arrived late)`
        : newLeft === left
          ? ` (${left === 1 ? 'a new story' : 'all new'})`
          : ` (${newLeft} new, ${left - newLeft} older that arrived late)`;
  const raise = heading.raiseWith
    ? `; ${raiseText(heading.raisedTo, total)}: \`/brief ${heading.raiseWith}\``
    : '';
  const one = left === 1;
  return `The other ${left} of the ${total} that came in ${one ? 'is' : 'are'} left out${kind}, and no later digest brings ${one ? 'it' : 'them'} back${raise}.`;
}

/**
 * The top stories, one a line. Numbered as in the thread (which runs by topic), so "5" opens one there;
 * when those numbers would skip ("1. 5. 6."), listed as points that each say their number in the thread.
 */
function headlinesText(items: DigestItem[]): string {
  const best = bestStories(items);
  const skips = best.some(({ number }, index) => number !== index + 1);
  return best
    .map(({ item, number }) => {
      const line = `${link(item.url, item.title)} — ${escapeFeedText(item.feedTitle)}`;
      return skips ? `• ${line} · item ${number} in the thread` : `${number}. ${line}`;
    })
    .join('\n');
}

/** The short parent message: how many, the top three in a line each, and the trend. */
export function digestParentMessage(heading: DigestHeading, items: DigestItem[]): Message {
  const count = items.length;
  const total = heading.total ?? count;
  // Window against window ("of 7" vs the last one's "of 3"): items shown are capped by the size.
  const trend =
    heading.previousCount === null || heading.previousCount === 0
      ? ''
      : ` · ${changeText(total, heading.previousCount, 'the previous digest')}`;
  const best = bestStories(items);
  const found = arrivalsText(heading, items, total);
  const byTopic = new Set(items.map((item) => item.topics[0])).size > 1;
  const text = `${heading.title}: ${found}`;
  const forChannel = heading.channelId ? ` for <#${heading.channelId}>` : '';
  return message(escapeText(`${text}. ${best.map(({ item }) => item.title).join(' · ')}`), [
    section(`*${escapeText(heading.title)}*${forChannel} — ${found}${trend}`),
    ...(heading.gist?.sentences.length ? [section(citedSentences(heading.gist))] : []),
    section(headlinesText(items)),
    context(
      `${toneLine(items)} · ${count === 1 ? 'the item is' : `the ${count} items${byTopic ? ', by topic,' : ''} are`} in the thread.`,
    ),
    ...(total > count ? [context(leftOutText(heading, items, total))] : []),
    ...(heading.late ? [context(lateDigestText(heading.late, heading.since, heading.timeZone))] : []),
  ]);
}

/**
 * The thread: items grouped by topic (given in thread order, see inThreadOrder, so numbers run down it),
 * each with its feedback buttons, split to fit Slack's limits.
 */
export function digestThreadMessages(
  channelId: string,
  items: DigestItem[],
  now: Date,
  options: {
    feedback: boolean;
    since?: Date;
    conversations?: ReadonlyMap<number, SourceConversation>;
  } = { feedback: true },
): Array<{ message: Message; itemIds: number[] }> {
  const groups = new Map<string, DigestItem[]>();
  for (const item of items) {
    const topic = threadTopicOf(item);
    groups.set(topic, [...(groups.get(topic) ?? []), item]);
  }
  const messages: Array<{ message: Message; itemIds: number[] }> = [];
  for (const [key, grouped] of groups) {
    const topic = grouped[0]?.topicLabel ?? key;
    for (let start = 0; start < grouped.length; start += itemsPerThreadMessage) {
      const chunk = grouped.slice(start, start + itemsPerThreadMessage);
      const part =
        grouped.length > itemsPerThreadMessage
          ? ` (${start + 1}–${start + chunk.length} of ${grouped.length})`
          : '';
      const blocks: KnownBlock[] = [section(`*${escapeText(topic)}*${part}`)];
      for (const item of chunk) {
        blocks.push(
          section(itemText(item, items.indexOf(item) + 1, now, options.since)),
          actions(`digest_item_${item.id}`, [
            ...(options.feedback
              ? [
                  button(
                    'Not relevant',
                    Action.DigestNotRelevant,
                    feedbackValue(channelId, item),
                    undefined,
                    {
                      label: `Not relevant: ${item.title}`,
                    },
                  ),
                  muteButton(channelId, item),
                ]
              : []),
            // A story already asked about offers its conversation, as answers do.
            requestOrSeeButton(item.id, options.conversations?.get(item.id) ?? null, item.title),
          ]),
        );
      }
      messages.push({
        message: message(
          escapeText(`${topic}${part}: ${chunk.map((item) => item.title).join(' · ')}`),
          blocks.slice(0, limits.blocks),
        ),
        itemIds: chunk.map((item) => item.id),
      });
    }
  }
  return messages;
}

/**
 * "Digest: initech: nothing new since Mon 23 Nov 08:00 UTC.": the title names the topics already. When
 * the feeds were all added after the window's start (`readingFrom`), it says that reading began then,
 * and that what the feeds already held is in answers, not in digests.
 */
export function quietDayMessage(
  title: string,
  since: Date,
  timeZone: string,
  late?: LateDigest,
  readingFrom?: Date,
): Message {
  const note = late ? ` ${lateDigestText(late, since, timeZone)}` : '';
  const start = readingFrom
    ? `Briefbot began reading its feeds (${windowStartText(readingFrom, timeZone)}). What they held before is not posted as news; \`/brief what’s new\` sums it up`
    : windowStartText(since, timeZone);
  const text = `${title}: nothing new since ${start}.${note}`;
  return message(escapeText(text), [context(escapeText(text))]);
}

/**
 * The same thread message with one item's buttons replaced by who said what: the feedback is
 * acknowledged in place, for everyone in the channel.
 */
export function acknowledgeFeedback(blocks: KnownBlock[], itemId: number, note: string): KnownBlock[] {
  return blocks.map((block) =>
    block.type === 'actions' && block.block_id === `digest_item_${itemId}` ? context(note) : block,
  );
}

/**
 * "to take them all each time", or on a busy day "to take 16 of the 24": out of all of them, as
 * "to take 16" beside "the other 16 are left out" reads as taking those 16.
 */
function raiseText(raisedTo: number | undefined, total: number): string {
  if (raisedTo === undefined) return 'to get more each time';
  return raisedTo >= total ? 'to take them all each time' : `to take ${raisedTo} of the ${total} each time`;
}
