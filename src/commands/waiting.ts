import { topicLabel } from '../analysis/topics.ts';
import { type AnswerItem, answerQuestion } from '../briefing/answer.ts';
import { type AskRequest, parseAsk } from '../briefing/ask-parse.ts';
import { conversationAbout } from '../briefing/drill.ts';
import type { Deps } from '../deps.ts';
import { afterWorkingMs, expiryOf, personTimeZone } from '../engage/nudges.ts';
import { listSmes } from '../engage/smes.ts';
import { storyColumns, storyLink, storyOf } from '../engage/story.ts';
import { formatDayTime, formatRelative } from '../format.ts';
import type { Message } from '../slack/blocks/common.ts';
import { expertQueueMessage, type OpenConversation, waitingMessage } from '../slack/blocks/waiting.ts';
import { Role, roleOf } from './access.ts';
import { heldSince, nobodyToAsk, snoozeHint, waitingOnBeatLines } from './nudge.ts';

/** How many of the negative stories an answer ranks are looked through for those nobody was asked about. */
const storiesLookedAt = 10;
const storiesShown = 5;

/** Every conversation not finished yet, oldest first, with where it stands. */
async function openConversations(deps: Deps): Promise<OpenConversation[]> {
  const nudges = await deps.db.prisma.nudge.findMany({
    where: { state: { in: ['open', 'claimed'] } },
    include: { item: storyColumns.item, topic: { select: { name: true, displayName: true } } },
    orderBy: { createdAt: 'asc' },
  });
  const open: OpenConversation[] = [];
  for (const nudge of nudges) {
    const stands =
      nudge.state === 'claimed'
        ? 'claimed'
        : !nudge.postedAt
          ? 'held'
          : (await nobodyToAsk(deps, nudge))
            ? 'nobody'
            : 'waiting';
    open.push({
      id: nudge.id,
      story: storyOf(nudge),
      topic: nudge.topic ? topicLabel(nudge.topic) : (nudge.topicLabel ?? nudge.topicName),
      channelId: nudge.channelId,
      claimantId: nudge.claimantId,
      since: nudge.claimedAt ?? nudge.postedAt ?? nudge.createdAt,
      stands,
    });
  }
  return open;
}

/** The question "what needs a response" asks, for words that mean it without its shape ("anything for me?"). */
export function waitingOnUsAsk(deps: Deps): AskRequest {
  return parseAsk('what needs a response', deps.clock.now(), deps.config.DEFAULT_TIMEZONE);
}

/**
 * "Anything I need to respond to": the conversations waiting on the company, then the negative
 * stories of the window that nobody has been asked to respond to yet (never a search for "respond").
 */
export async function waitingOnUsMessage(
  deps: Deps,
  request: AskRequest,
  userId: string,
  shown: { shareable: boolean; sharedBy?: string },
): Promise<Message> {
  const conversations = await openConversations(deps);
  const answer = await answerQuestion(
    deps,
    { ...request, tone: 'negative', count: storiesLookedAt },
    { userId },
  );
  const stories: AnswerItem[] = (answer.subjects[0]?.items ?? [])
    .filter((item) => item.sentiment === 'negative')
    .filter((item) => !conversationAbout(deps, item.id, item.clusterId))
    .slice(0, storiesShown);
  return waitingMessage({
    question: request.question,
    window: answer.request.window.label,
    conversations,
    stories,
    admin: (await roleOf(deps, userId)) === Role.Admin,
    ...shown,
    now: deps.clock.now(),
  });
}

/**
 * What comes, without a reply, to a claim: the claimant's reminder (in their working hours) unless it
 * came or is snoozed, then the claim's expiry: "reminder Thu 26 Nov 10:00 UTC · expires Wed 2 Dec 15:04 UTC".
 */
function claimDue(
  deps: Deps,
  nudge: { id: number; claimedAt: Date | null; snoozedUntil: Date | null; claimantRemindedAt: Date | null },
  now: Date,
  zone: string,
): string {
  const expires = expiryOf(deps, nudge.id);
  const snoozed = snoozeHint(deps, nudge, now, zone, '').replace(/^, /, '');
  const from = new Date(Math.max(nudge.claimedAt?.getTime() ?? 0, nudge.snoozedUntil?.getTime() ?? 0));
  const reminder = nudge.claimantRemindedAt
    ? `reminded ${formatRelative(nudge.claimantRemindedAt, now)}`
    : snoozed ||
      ((at) => (at ? `a reminder ${formatDayTime(at, zone)} unless a reply is recorded` : ''))(
        afterWorkingMs(deps, from, deps.config.NUDGE_REPLY_REMINDER_HOURS * 3600_000, expires, zone),
      );
  return [reminder, `the claim expires ${formatDayTime(expires, zone)}`].filter(Boolean).join(' · ');
}

/**
 * "What's waiting for me" from an expert: the conversations they hold, with what is due when, then
 * those on their beats waiting for a claim. Anyone else asking gets what waits on the team.
 */
export async function expertQueue(deps: Deps, userId: string): Promise<Message> {
  const now = deps.clock.now();
  const zone = await personTimeZone(deps, userId);
  const claims = await deps.db.prisma.nudge.findMany({
    where: { claimantId: userId, state: 'claimed' },
    include: { item: storyColumns.item },
    orderBy: [{ claimedAt: 'asc' }, { id: 'asc' }],
  });
  const held = claims.map((nudge) => ({
    id: nudge.id,
    line: `• *${nudge.id}* ${storyLink(nudge)} in <#${nudge.channelId}>, ${heldSince(deps, nudge, now, 'you')}`,
    due: claimDue(deps, nudge, now, zone),
  }));
  const waiting = await waitingOnBeatLines(deps, userId, now);
  const [sme] = await listSmes(deps, userId);
  return expertQueueMessage({ held, waiting, beats: sme?.labels ?? [] });
}
