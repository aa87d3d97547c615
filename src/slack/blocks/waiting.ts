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

/** A conversation an expert holds: its line (story, channel, since when) and what comes when without a reply. */
export type HeldConversation = { id: number; line: string; due: string };

export type ExpertQueue = {
  held: HeldConversation[];
  /** The conversations on their beats waiting for a claim, each one line. */
  waiting: Array<{ id: number; line: string }>;
  /** Their beats' names, to say where nothing waits. */
  beats: string[];
};

/** How many of each list the reply shows with a button; `/brief claims` and `/brief nudge list` have the rest. */
const queueShown = 10;

function moreLine(hidden: number, command: string): KnownBlock[] {
  return hidden > 0 ? [context(`…and ${hidden} more: \`${command}\``)] : [];
}

/**
 * An expert's "what's waiting for me": the conversations they hold, each with what comes when
 * without a reply and Mark replied, then those on their beats waiting for a claim, with Claim.
 */
export function expertQueueMessage(queue: ExpertQueue): Message {
  const { held, waiting } = queue;
  const title = 'Waiting for you';
  const counted = `${countOf(held.length, 'conversation')} you hold · ${countOf(waiting.length, 'conversation')} on your beats waiting for a claim`;
  const blocks: KnownBlock[] = [header(title), context(counted)];
  if (held.length > 0) {
    blocks.push(
      section(`*Yours to reply to (${held.length})*, the oldest claim first`),
      ...held.slice(0, queueShown).map(({ id, line, due }) =>
        section(
          `${line}\n:hourglass_flowing_sand: ${due}`,
          button(`Mark ${id} replied`, Action.NudgeMarkReplied, String(id), 'primary', {
            label: `Mark conversation ${id} replied`,
          }),
        ),
      ),
      ...moreLine(held.length - queueShown, '/brief claims'),
    );
  } else blocks.push(section('*Yours to reply to:* none, you hold no conversation.'));
  blocks.push(divider());
  if (waiting.length > 0) {
    blocks.push(
      section(`*Waiting for a claim on your beats (${waiting.length})*`),
      ...waiting.slice(0, queueShown).map(({ id, line }) =>
        section(
          line,
          button(`Claim ${id}`, Action.NudgeClaim, String(id), undefined, {
            label: `Claim conversation ${id}`,
          }),
        ),
      ),
      ...moreLine(waiting.length - queueShown, '/brief nudge list'),
    );
  } else
    blocks.push(
      section(
        `*Waiting for a claim on your beats:* none${queue.beats.length ? ` on ${escapeText(queue.beats.join(', '))}` : ''}.`,
      ),
    );
  blocks.push(
    context(
      '`/brief claims` lists what you hold · `/brief nudge list` every conversation in progress · `/brief what needs a response` the whole team’s, with the negative stories nobody was asked about',
    ),
  );
  return message(`${title}: ${counted}.`, blocks);
}
