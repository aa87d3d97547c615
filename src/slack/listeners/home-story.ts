import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../deps.ts';
import { capBlocks, limits } from '../blocks/common.ts';
import { homeStoryReply } from '../home.ts';

/**
 * Open on one of App Home's top stories: the story as `/brief tell me more about 2` opens a source
 * (its words, the other sources telling it, related coverage), in a modal over Home.
 */
export function createHomeStoryHandler(deps: Deps) {
  return async ({
    ack,
    body,
    action,
    client,
  }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const reply = await homeStoryReply(deps, action.value ?? '', body.user.id);
    try {
      await client.views.open({
        trigger_id: body.trigger_id,
        view: {
          type: 'modal',
          title: { type: 'plain_text', text: 'Briefbot' },
          close: { type: 'plain_text', text: 'Close' },
          blocks: capBlocks(reply.blocks, limits.homeBlocks),
        },
      });
    } catch (error) {
      deps.logger.warn({ userId: body.user.id, error }, 'story from App Home not opened');
    }
  };
}
