import type { AllMiddlewareArgs, BlockPlainTextInputAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { runCommand } from '../../commands/index.ts';
import { DeliveryKind, deliverToEach, stillOwed } from '../../deliveries.ts';
import type { Deps } from '../../deps.ts';
import { immediate, type Limiter } from '../../limiter.ts';
import type { Message } from '../blocks/common.ts';
import { refreshHome } from '../home.ts';

/**
 * A line typed in App Home's box: read as `/brief` reads it, as whoever typed it, so "2" opens a
 * source of the last answer and "share" says how to share. App Home has no response URL, so the
 * progress note and the reply arrive as DMs (the app's Messages tab), and Home is redrawn to say so;
 * a reply Slack refuses for now is owed, and sent once Slack takes it.
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
    // Owed until Slack takes it: an answer Slack refuses for now (a 429, a 500) is sent again, once.
    const delivery = {
      kind: DeliveryKind.Reply,
      subject: `home:${line}`.slice(0, 300),
      episode: deps.clock.now().getTime(),
    };
    const delivered =
      (await deliverToEach(deps, {
        ...delivery,
        recipients: [userId],
        message: { text: reply.text, blocks: reply.blocks },
      })) > 0;
    // Home itself says where the reply went (or that it is on its way, or could not go), and shows what the line changed.
    await refreshHome(deps, client, userId, {
      asked: { line, delivered, ...(delivered ? {} : { owed: stillOwed(deps, delivery) }) },
    });
  };
}
