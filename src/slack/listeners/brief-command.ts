import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { isAdmin } from '../../commands/access.ts';
import { runCommand } from '../../commands/index.ts';
import type { Deps } from '../../deps.ts';
import { immediate, type Limiter } from '../../limiter.ts';
import type { Message } from '../blocks/common.ts';
import { digestAddModal } from '../blocks/digest-modal.ts';

/** /brief: acknowledged at once; the reply follows through the response URL, to the asker only. */
export function createBriefCommandHandler(deps: Deps, limiter: Limiter = immediate) {
  return async ({
    ack,
    command,
    respond,
    client,
  }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    // "/brief digest add" alone opens the form; the trigger expires in 3 seconds, so it comes first.
    if (/^digests?\s+add\s*$/i.test(command.text.trim()) && (await isAdmin(deps, command.user_id))) {
      const topics = (
        await deps.db.prisma.topic.findMany({ select: { name: true }, orderBy: { name: 'asc' } })
      ).map((topic) => topic.name);
      await client.views.open({
        trigger_id: command.trigger_id,
        view: digestAddModal(topics, {
          timezone: deps.config.DEFAULT_TIMEZONE,
          channelId: command.channel_id,
        }),
      });
      return;
    }
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
      // Sending is work too: it waits, like the command did, for the acknowledgements still due.
      await limiter.quiet();
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
