import { topicLabel } from '../analysis/topics.ts';
import { type AnswerItem, answerQuestion } from '../briefing/answer.ts';
import type { AskRequest } from '../briefing/ask-parse.ts';
import { conversationAbout } from '../briefing/drill.ts';
import type { Deps } from '../deps.ts';
import { storyColumns, storyOf } from '../engage/story.ts';
import type { Message } from '../slack/blocks/common.ts';
import { type OpenConversation, waitingMessage } from '../slack/blocks/waiting.ts';
import { Role, roleOf } from './access.ts';
import { nobodyToAsk } from './nudge.ts';

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
