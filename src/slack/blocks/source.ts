import type { KnownBlock } from '@slack/types';
import {
  digestSharer,
  type OpenedItem,
  type OpenedSource,
  type SourceConversation,
} from '../../briefing/drill.ts';
import { NudgeState } from '../../engage/claims.ts';
import { countOf, formatDayTime, formatRelative, namesWithin } from '../../format.ts';
import { Action, BlockId } from '../ids.ts';
import {
  actions,
  button,
  context,
  escapeFeedText,
  escapeText,
  howReplied,
  limits,
  lineSections,
  link,
  type Message,
  message,
  section,
  sentimentMark,
  toneLead,
  toneWord,
  truncate,
} from './common.ts';

/** "SaaS Ledger (news) · 26 h ago": where an item comes from, and when. */
function whereFrom(item: OpenedItem, now: Date): string {
  const source = item.feedTitle ? escapeFeedText(item.feedTitle) : item.feedKind;
  return `${source} (_${item.feedKind}_) · ${formatRelative(item.publishedAt, now)}`;
}

/** The longest title a bullet of the same story or related coverage shows. */
const bulletTitle = 300;

function itemBullet(item: OpenedItem, now: Date): string {
  // A title of thousands of characters would leave room for one story: each keeps a headline's length.
  return `• ${toneLead(item.sentiment)}${link(item.url, truncate(item.title, bulletTitle))} — ${whereFrom(item, now)}`;
}

/**
 * "/brief tell me more about 2": one source of the last answer, opened. Its words, tone, where and
 * when, the topics it counts for, the same story from other sources and related coverage, and the
 * Request a response and (in a channel) Share to channel buttons; posted by Share, who shared it.
 */
export function sourceMessage(
  opened: OpenedSource,
  now: Date,
  timeZone: string,
  options: { sharedBy?: string; shareable?: boolean } = {},
): Message {
  const { item } = opened;
  const facts = [
    `${sentimentMark[item.sentiment] ?? ''} ${toneWord(item.sentiment)}`,
    whereFrom(item, now),
    ...(item.author ? [`by ${escapeFeedText(item.author)}`] : []),
    formatDayTime(item.publishedAt, timeZone),
    // "312 points · 140 comments": as the forum it was posted on counts them.
    ...(item.points !== null ? [countOf(item.points, 'point')] : []),
    ...(item.commentCount !== null ? [countOf(item.commentCount, 'comment')] : []),
  ];
  const words = opened.text
    ? `>${escapeFeedText(opened.text)}${opened.cut ? `\n_The rest at the link._` : ''}`
    : '_The feed gives no text for it: the link has the story._';
  // Each list in one section, the stories that do not fit counted: Slack's cut would drop them unsaid.
  const storyList = (heading: string, items: OpenedItem[]) =>
    items.length
      ? lineSections(
          [heading, ...items.map((other) => itemBullet(other, now))],
          1,
          (hidden) => `…and ${countOf(hidden, 'more story', 'more stories')}.`,
        )
      : [];
  const sameStory = storyList(
    `*The same story, also told by ${countOf(opened.sameStory.length, 'other source')}*`,
    opened.sameStory,
  );
  const related = storyList('*Related coverage* (other stories sharing its key words)', opened.related);
  const alone =
    sameStory.length + related.length === 0
      ? [context('No other source tells this story (Briefbot looked two weeks either side of it).')]
      : [];
  const blocks: KnownBlock[] = [
    section(`*[${opened.number}]* ${link(item.url, item.title)}`),
    context(facts.join(' · ')),
    section(words),
    ...(opened.topics.length
      ? [context(`Counts for: ${namesWithin(opened.topics.map(escapeText), limits.sectionText - 100)}`)]
      : []),
    ...sameStory,
    ...related,
    ...alone,
    ...(opened.conversation ? [context(conversationLine(opened.conversation))] : []),
  ];
  if (options.sharedBy) {
    blocks.push(
      context(
        `<@${options.sharedBy}> shared source ${opened.number}${opened.side ? ` of ${escapeText(opened.side)}` : ''} ${
          opened.listedBy === digestSharer
            ? 'in the digest'
            : opened.listedBy
              ? `in <@${opened.listedBy}>'s answer to`
              : `${opened.side ? 'in' : 'of'} their answer to`
        } “${escapeText(opened.question)}”.`,
      ),
    );
    return message(`[${opened.number}] ${item.title} — ${item.feedTitle ?? item.feedKind}`, blocks);
  }
  blocks.push(
    actions(BlockId.AnswerActions, [
      requestOrSeeButton(item.id, opened.conversation),
      ...(options.shareable
        ? [button('Share to channel', Action.RunCommand, shareSourceCommand(opened))]
        : []),
    ]),
    context(
      [
        `${opened.afterMiss ? `Your last question found nothing ${escapeText(opened.afterMiss)}; this is s` : 'S'}ource ${opened.number}${opened.side ? ` of ${escapeText(opened.side)}` : ''}${opened.shownIn ? ` in ${opened.shownIn} (“${escapeText(opened.question)}”)` : ` in your answer to ${opened.asked ?? `“${escapeText(opened.question)}”`}`}${
          opened.alsoAbout
            ? `, a story about ${escapeText(opened.alsoAbout)} too: \`/brief ${escapeText(opened.alsoAbout)}\` answers about ${escapeText(opened.alsoAbout)} alone`
            : ''
        }.`,
        ...(opened.next
          ? [
              `\`/brief tell me more about ${opened.side ? `${escapeText(opened.side)} ` : ''}${opened.next}\` opens the next source.`,
            ]
          : []),
        ...(opened.hasMore ? ['`/brief more` continues that answer.'] : []),
      ].join(' '),
    ),
  );
  return message(`[${opened.number}] ${item.title} — ${item.feedTitle ?? item.feedKind}`, blocks);
}

/**
 * Once a response was requested and is still under way or answered, the button shows that conversation
 * instead of asking again. `about`: the story, as a screen reader names the button among its neighbours'.
 */
export function requestOrSeeButton(itemId: number, conversation: SourceConversation | null, about?: string) {
  const { text, command } = requestOrSee(itemId, conversation);
  return button(text, Action.RunCommand, command, undefined, {
    label: `${text}${about ? `: ${about}` : ''}`,
  });
}

/**
 * What asking about a story does now: "Request a response" (`nudge item #31`), or "See conversation
 * 12" (`nudge #12`) while one about it is open, claimed or replied, so nobody asks twice unknowing.
 */
export function requestOrSee(
  itemId: number,
  conversation: SourceConversation | null,
): { text: string; command: string } {
  const live: string[] = [NudgeState.Open, NudgeState.Claimed, NudgeState.Replied];
  return conversation && live.includes(conversation.state)
    ? // "#": a bare "nudge 3" from a button is read as an older Request a response's item number.
      { text: `See conversation ${conversation.id}`, command: `nudge #${conversation.id}` }
    : // "#": the item's own id, never read as the [n] of an answer, as a typed number is.
      { text: 'Request a response', command: `nudge item #${itemId}` };
}

/** The Share to channel button's command: the story, its number, and whose list (and column) it is in. */
function shareSourceCommand(opened: OpenedSource): string {
  return [
    `share --post --source ${opened.item.id} ${opened.number}`,
    ...(opened.side ? [`--side ${encodeURIComponent(opened.side)}`] : []),
    ...(opened.listedBy ? [`--by ${opened.listedBy}`] : []),
    opened.question,
  ].join(' ');
}

/** Where a response already requested about the story stands, so nobody asks twice unknowing. */
function conversationLine(conversation: SourceConversation): string {
  const { id, channelId, state, claimantId, replyUrl, replyNote } = conversation;
  const where = `conversation ${id} in <#${channelId}>`;
  const standing =
    state === NudgeState.Claimed && claimantId
      ? `<@${claimantId}> is on it`
      : state === NudgeState.Replied
        ? `${claimantId ? `<@${claimantId}>` : 'an expert'} replied${replyUrl || replyNote ? howReplied(replyUrl, replyNote) : ''}`
        : state === NudgeState.Dismissed
          ? 'it was dismissed'
          : state === NudgeState.Expired
            ? 'it expired with no reply'
            : 'waiting for an expert to claim it';
  return `:speech_balloon: A response was requested (${where}): ${standing}. \`/brief nudge ${id}\` shows where it stands.`;
}
