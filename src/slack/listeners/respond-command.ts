import type { RespondFn } from '@slack/bolt';
import { runCommand } from '../../commands/index.ts';
import type { Deps } from '../../deps.ts';
import type { Limiter } from '../../limiter.ts';
import type { Message } from '../blocks/common.ts';

/**
 * Runs a /brief command as `userId` and answers through a response URL, to that person only: a
 * progress note first when the work takes a while ("Looking at N sources…"), then the reply in its
 * place.
 */
export async function respondWithCommand(
  deps: Deps,
  limiter: Limiter,
  respond: RespondFn,
  command: { userId: string; channelId: string; text: string },
): Promise<void> {
  let interim = false;
  const progress = async (message: Message) => {
    try {
      await respond({ response_type: 'ephemeral', text: message.text, blocks: message.blocks });
      interim = true;
    } catch (error) {
      deps.logger.warn({ userId: command.userId, error }, 'progress message not delivered');
    }
  };
  const reply = await limiter.run(() => runCommand(deps, { ...command, progress }));
  try {
    // Sending is work too: it waits, like the command did, for the acknowledgements still due.
    await limiter.quiet();
    await respond({
      response_type: reply.visibility,
      text: reply.text,
      blocks: reply.blocks,
      ...(interim && reply.visibility === 'ephemeral' ? { replace_original: true } : {}),
    });
  } catch (error) {
    deps.logger.warn({ userId: command.userId, error }, 'reply not delivered');
  }
}
