import type {
  AllMiddlewareArgs,
  BlockAction,
  ButtonAction,
  SlackActionMiddlewareArgs,
  StaticSelectAction,
} from '@slack/bolt';
import { runCommand } from '../../commands/index.ts';
import type { Deps } from '../../deps.ts';
import { immediate, type Limiter } from '../../limiter.ts';
import { capBlocks, limits, truncate } from '../blocks/common.ts';
import { refreshHome } from '../home.ts';
import { respondOrSendLater } from './respond-command.ts';

/** A button's command, or the one of the option picked in a menu (an answer's Request a response…). */
export type RunCommandAction = BlockAction<ButtonAction | StaticSelectAction>;

function commandOf(action: ButtonAction | StaticSelectAction): string {
  return (action.type === 'static_select' ? action.selected_option?.value : action.value) ?? '';
}

/**
 * A button (or a menu's option) whose value is a /brief command ("feeds pause 3"), run as whoever pressed it, with
 * the same permission checks as typing it. In a message the reply is ephemeral; in App Home,
 * which has no response URL, it opens in a modal, and Home is redrawn behind it.
 */
export function createRunCommandActionHandler(deps: Deps, limiter: Limiter = immediate) {
  return async ({
    ack,
    body,
    action,
    respond,
    client,
  }: SlackActionMiddlewareArgs<RunCommandAction> & AllMiddlewareArgs) => {
    await ack();
    const command = commandOf(action);
    const reply = await limiter.run(() =>
      runCommand(deps, {
        userId: body.user.id,
        channelId: body.channel?.id ?? null,
        // Request a response buttons carry the item's own id: "nudge <n>" before "nudge item <n>" existed,
        // "nudge item <n>" before "#<n>"; typed, "nudge item <n>" is the [n] of an answer.
        text: command.replace(/^nudge (?:item )?(\d+)$/, 'nudge item #$1'),
      }),
    );
    if (body.container?.type !== 'view') {
      await respondOrSendLater(deps, respond, reply, {
        userId: body.user.id,
        channelId: body.channel?.id ?? null,
        text: command,
        args: {
          response_type: reply.visibility,
          replace_original: false,
          text: truncate(reply.text, 3000),
          blocks: reply.blocks,
        },
      });
      return;
    }
    try {
      const view = {
        type: 'modal' as const,
        title: { type: 'plain_text' as const, text: 'Briefbot' },
        close: { type: 'plain_text' as const, text: 'Close' },
        blocks: capBlocks(reply.blocks, limits.homeBlocks),
      };
      // Pressed in a modal (a story opened from Home): Slack opens no second modal over it, so the
      // reply goes on its stack (Back returns); past Slack's two pushes, it takes the modal's place.
      const modal = body.view?.type === 'modal' ? body.view.id : null;
      if (!modal) await client.views.open({ trigger_id: body.trigger_id, view });
      else
        await client.views
          .push({ trigger_id: body.trigger_id, view })
          .catch(() => client.views.update({ view_id: modal, view }));
    } catch (error) {
      deps.logger.warn({ userId: body.user.id, error }, 'reply to a button not delivered');
    }
    // Pressed on App Home (Follow, Claim…): Home is redrawn behind the reply, showing the change.
    if (body.view?.type === 'home') await refreshHome(deps, client, body.user.id);
  };
}
