import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { runCommand } from '../../commands/index.ts';
import type { Deps } from '../../deps.ts';
import { immediate, type Limiter } from '../../limiter.ts';
import type { Message } from '../blocks/common.ts';

/** /brief: acknowledged at once; the reply follows through the response URL, to the asker only. */
export function createBriefCommandHandler(deps: Deps, limiter: Limiter = immediate) {
  return async ({ ack, command, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    let interim = false;
    const progress = async (message: Message) => {
      try {
        await respond({ response_type: 'ephemeral', text: message.text, blocks: message.blocks });
        interim = true;
      } catch (error) {
        deps.logger.warn({ userId: command.user_id, error }, 'progress message not delivered');
      }
    };
    const reply = await limiter.run(() =>
      runCommand(deps, {
        userId: command.user_id,
        channelId: command.channel_id,
        text: command.text,
        progress,
      }),
    );
    try {
      // The answer takes the place of "Looking at N sources…" when that was shown.
      await respond({
        response_type: reply.visibility,
        text: reply.text,
        blocks: reply.blocks,
        ...(interim && reply.visibility === 'ephemeral' ? { replace_original: true } : {}),
      });
    } catch (error) {
      deps.logger.warn({ userId: command.user_id, error }, 'reply to /brief not delivered');
    }
  };
}
