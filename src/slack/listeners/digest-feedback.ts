import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import { type FeedbackKind, parseFeedbackValue, recordFeedback } from '../../briefing/feedback.ts';
import type { Deps } from '../../deps.ts';
import { userMessage } from '../../errors.ts';
import { escapePlaceholders } from '../blocks/common.ts';
import { acknowledgeFeedback } from '../blocks/digest.ts';

/** "Not relevant" and "Mute source" on a digest item: recorded, and acknowledged in the message itself. */
export function createDigestFeedbackHandler(deps: Deps, kind: FeedbackKind) {
  return async ({
    ack,
    body,
    action,
    respond,
  }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    await ack();
    try {
      const feedback = parseFeedbackValue(action.value);
      const note = await recordFeedback(deps, feedback, kind, body.user.id);
      const blocks = (body.message?.blocks ?? []) as KnownBlock[];
      await respond({
        replace_original: true,
        text: String(body.message?.text ?? ''),
        blocks: acknowledgeFeedback(blocks, feedback.i, note),
      });
    } catch (error) {
      deps.logger.warn({ userId: body.user.id, error }, 'digest feedback not recorded');
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        // Our own texts: a refusal's <@admin> mentions must stay mentions.
        text: escapePlaceholders(userMessage(error)),
      }).catch(() => {});
    }
  };
}
