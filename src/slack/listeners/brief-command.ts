import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { runCommand } from '../../commands/index.ts';
import type { Deps } from '../../deps.ts';
import { immediate, type Limiter } from '../../limiter.ts';

/** /brief: acknowledged at once; the reply follows through the response URL, to the asker only. */
export function createBriefCommandHandler(deps: Deps, limiter: Limiter = immediate) {
  return async ({ ack, command, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const reply = await limiter.run(() =>
      runCommand(deps, { userId: command.user_id, channelId: command.channel_id, text: command.text }),
    );
    try {
      await respond({ response_type: reply.visibility, text: reply.text, blocks: reply.blocks });
    } catch (error) {
      deps.logger.warn({ userId: command.user_id, error }, 'reply to /brief not delivered');
    }
  };
}
