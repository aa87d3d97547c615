import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { isAdmin } from '../../commands/access.ts';
import type { Deps } from '../../deps.ts';
import { immediate, type Limiter } from '../../limiter.ts';
import { digestAddModal } from '../blocks/digest-modal.ts';
import { respondWithCommand } from './respond-command.ts';

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
    await respondWithCommand(deps, limiter, respond, {
      userId: command.user_id,
      channelId: command.channel_id,
      text: command.text,
    });
  };
}
