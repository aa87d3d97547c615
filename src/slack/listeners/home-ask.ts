import type { AllMiddlewareArgs, BlockPlainTextInputAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { runCommand } from '../../commands/index.ts';
import type { Deps } from '../../deps.ts';
import { immediate, type Limiter } from '../../limiter.ts';
import type { Message } from '../blocks/common.ts';
import { refreshHome } from '../home.ts';

/**
 * A line typed in App Home's box: read as `/brief` reads it, as whoever typed it, so "2" opens a
 * source of the last answer and "share" says how to share. App Home has no response URL, so the
 * progress note and the reply arrive as DMs (the app's Messages tab), and Home is redrawn to say so.
 */
export function createHomeAskHandler(deps: Deps, limiter: Limiter = immediate) {
  return async ({
    ack,
    body,
    action,
    client,
  }: SlackActionMiddlewareArgs<BlockPlainTextInputAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const line = (action.value ?? '').trim();
    if (!line) return;
    const userId = body.user.id;
    const send = async (message: Message): Promise<boolean> => {
      try {
        await deps.outbox.post(userId, { text: message.text, blocks: message.blocks });
        return true;
      } catch (error) {
        deps.logger.warn({ userId, error }, 'answer to an App Home question not delivered');
        return false;
      }
    };
    const reply = await limiter.run(() =>
      runCommand(deps, {
        userId,
        channelId: null,
        text: line,
        progress: async (message) => void (await send(message)),
      }),
    );
    const delivered = await send(reply);
    // Home itself says where the reply went (or that it could not), and shows what the line changed.
    await refreshHome(deps, client, userId, { asked: { line, delivered } });
  };
}
