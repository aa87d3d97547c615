import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { noSubjectText, questionOfMessage } from '../../briefing/message-subject.ts';
import type { Deps } from '../../deps.ts';
import { immediate, type Limiter } from '../../limiter.ts';
import { noticeMessage } from '../blocks/replies.ts';
import { respondWithCommand } from './respond-command.ts';

/**
 * "Brief me on this" on a message: what the market says about that message's subject (the topic it
 * matches, else its most distinctive words), answered like `/brief ask`, to the person who asked.
 */
export function createBriefMessageShortcutHandler(deps: Deps, limiter: Limiter = immediate) {
  return async ({
    ack,
    shortcut,
    respond,
  }: SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const userId = shortcut.user.id;
    const subject = questionOfMessage(deps.db.sqlite, messageText(shortcut.message), deps.clock.now());
    if (!subject) {
      try {
        const reply = noticeMessage(noSubjectText(deps.db.sqlite));
        await respond({ response_type: 'ephemeral', text: reply.text, blocks: reply.blocks });
      } catch (error) {
        deps.logger.warn({ userId, error }, 'reply to a message shortcut not delivered');
      }
      return;
    }
    await respondWithCommand(deps, limiter, respond, {
      userId,
      channelId: shortcut.channel.id,
      text: `ask --message ${subject}`,
    });
  };
}

/** A message's words: its text, and the text of what it attaches (a shared link's preview, a bot's card). */
function messageText(message: MessageShortcut['message']): string {
  const attachments = (message.attachments ?? []) as Array<{
    title?: string;
    text?: string;
    fallback?: string;
  }>;
  return [
    message.text ?? '',
    ...attachments.map((entry) => `${entry.title ?? ''} ${entry.text ?? entry.fallback ?? ''}`),
  ]
    .join('\n')
    .trim();
}
