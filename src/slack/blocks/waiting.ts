import type { KnownBlock } from '@slack/types';
import type { AnswerItem } from '../../briefing/answer.ts';
import { countOf, formatRelative } from '../../format.ts';
import { feedNames } from '../../monitor/feed-kind.ts';
import { Action, BlockId } from '../ids.ts';
import { itemLine, pageFeedTitles } from './answer.ts';
import {
  actions,
  button,
  context,
  divider,
  escapeText,
  header,
  link,
  type Message,
  message,
  section,
} from './common.ts';
import { requestOrSeeButton } from './source.ts';

/** A conversation not finished yet: `nobody` has no expert to ask, `held` is not posted yet. */
export type OpenConversation = {
  id: number;
  story: { title: string; url: string | null };
  topic: string | null;
  channelId: string;
  claimantId: string | null;
  since: Date;
  stands: 'waiting' | 'nobody' | 'claimed' | 'held';
};

export type WaitingOnUs = {
  question: string;
  window: string;
  conversations: OpenConversation[];
  stories: AnswerItem[];
  admin: boolean;
  shareable: boolean;
  now: Date;
  sharedBy?: string;
};

function standing(conversation: OpenConversation, now: Date): string {
  const since = formatRelative(conversation.since, now);
  if (conversation.stands === 'claimed')
    return `<@${conversation.claimantId}> is replying (claimed ${since})`;
  if (conversation.stands === 'nobody') return `nobody to ask: an admin gives it to an expert`;
  if (conversation.stands === 'held') return 'not posted yet';
  return `waiting for an expert to claim it (asked ${since})`;
}

function conversationLine(conversation: OpenConversation, now: Date): string {
  return [
    `• *${conversation.id}* ${link(conversation.story.url, conversation.story.title)}`,
    ...(conversation.topic ? [escapeText(conversation.topic)] : []),
    standing(conversation, now),
    `\`/brief nudge ${conversation.id}\``,
  ].join(' · ');
}

/**
 * "Anything I need to respond to": the conversations waiting on the company first, then the
 * negative stories nobody has been asked about, each with Request a response.
 */
export function waitingMessage(waiting: WaitingOnUs): Message {
  const { conversations, stories, now } = waiting;
  const names = feedNames(pageFeedTitles(stories));
  const title = 'What is waiting for a response';
  const counted = `${countOf(conversations.length, 'conversation')} in progress · ${countOf(stories.length, 'negative story', 'negative stories')} nobody has been asked about`;
  const blocks: KnownBlock[] = [
    header(title),
    ...(waiting.sharedBy
      ? [context(`Asked by <@${waiting.sharedBy}>: “${escapeText(waiting.question)}”`)]
      : []),
    context(`${escapeText(waiting.window)} · ${counted}`),
    section(
      conversations.length > 0
        ? `*Conversations waiting on us (${conversations.length})*\n${conversations.map((conversation) => conversationLine(conversation, now)).join('\n')}`
        : '*Conversations waiting on us:* none in progress.',
    ),
    divider(),
    section(
      stories.length > 0
        ? `*Negative stories nobody has been asked to respond to (${stories.length})*`
        : `*Negative stories nobody has been asked to respond to:* none in the ${escapeText(waiting.window)}.`,
    ),
    ...stories.map((item) =>
      section(
        itemLine(item, now, names, false),
        waiting.sharedBy ? undefined : requestOrSeeButton(item.id, null),
      ),
    ),
    context(
      `\`/brief nudge list\` shows every conversation in progress${waiting.admin && !waiting.sharedBy ? ' · `/brief nudge reassign <number> @someone` gives one to an expert' : ''} · *Request a response* asks the experts on a story's beat`,
    ),
    ...(waiting.shareable && !waiting.sharedBy
      ? [
          actions(BlockId.AnswerActions, [
            button('Share to channel', Action.RunCommand, `share --post ${waiting.question}`),
          ]),
        ]
      : []),
  ];
  const lines = conversations.map((conversation) => `${conversation.id} ${conversation.story.title}`);
  return message(`${title}: ${counted}.${lines.length ? ` ${escapeText(lines.join('; '))}` : ''}`, blocks);
}
