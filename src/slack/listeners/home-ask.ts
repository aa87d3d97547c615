import type { AllMiddlewareArgs, BlockPlainTextInputAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { runCommand } from '../../commands/index.ts';
import type { Deps } from '../../deps.ts';
import { immediate, type Limiter } from '../../limiter.ts';
import type { Message } from '../blocks/common.ts';

/**
 * A question typed in App Home's box: answered like `/brief ask`, as whoever typed it. App Home
 * has no response URL, so the progress note and the answer arrive as DMs (the app's Messages tab).
 */
export function createHomeAskHandler(deps: Deps, limiter: Limiter = immediate) {
  return async ({
    ack,
    body,
    action,
  }: SlackActionMiddlewareArgs<BlockPlainTextInputAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const question = (action.value ?? '').trim();
    if (!question) return;
    const userId = body.user.id;
    const send = async (message: Message) => {
      try {
        await deps.outbox.post(userId, { text: message.text, blocks: message.blocks });
      } catch (error) {
        deps.logger.warn({ userId, error }, 'answer to an App Home question not delivered');
      }
    };
    const reply = await limiter.run(() =>
      runCommand(deps, { userId, channelId: null, text: `ask ${question}`, progress: send }),
    );
    await send(reply);
  };
}
