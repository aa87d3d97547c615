import type { AllMiddlewareArgs, BlockPlainTextInputAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { runCommand } from '../../commands/index.ts';
import { DeliveryKind, deliverToEach } from '../../deliveries.ts';
import type { Deps } from '../../deps.ts';
import { immediate, type Limiter } from '../../limiter.ts';
import type { Message } from '../blocks/common.ts';

/**
 * A line typed in App Home's box: read as `/brief` reads it, as whoever typed it, so "2" opens a
 * source of the last answer and "share" says how to share. App Home has no response URL, so the
 * progress note and the reply arrive as DMs (the app's Messages tab); a reply Slack refuses for now
 * is owed, and sent once Slack takes it.
 */
export function createHomeAskHandler(deps: Deps, limiter: Limiter = immediate) {
  return async ({
    ack,
    body,
    action,
  }: SlackActionMiddlewareArgs<BlockPlainTextInputAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const line = (action.value ?? '').trim();
    if (!line) return;
    const userId = body.user.id;
    const send = async (message: Message) => {
      try {
        await deps.outbox.post(userId, { text: message.text, blocks: message.blocks });
      } catch (error) {
        deps.logger.warn({ userId, error }, 'answer to an App Home question not delivered');
      }
    };
    const reply = await limiter.run(() =>
      runCommand(deps, { userId, channelId: null, text: line, progress: send }),
    );
    // Owed until Slack takes it: an answer Slack refuses for now (a 429, a 500) is sent again, once.
    await deliverToEach(deps, {
      kind: DeliveryKind.Reply,
      subject: `home:${line}`.slice(0, 300),
      episode: deps.clock.now().getTime(),
      recipients: [userId],
      message: { text: reply.text, blocks: reply.blocks },
    });
  };
}
