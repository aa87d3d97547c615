import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { noteHomeOpened } from '../../briefing/last-look.ts';
import type { Deps } from '../../deps.ts';
import { buildHome } from '../home.ts';

export function createAppHomeOpenedHandler(deps: Deps) {
  return async ({ event, client }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs) => {
    if (event.tab !== 'home') return;
    // Noted first: "since you last looked" counts from the visit before this one.
    await noteHomeOpened(deps, event.user);
    await client.views.publish({ user_id: event.user, view: await buildHome(deps, event.user) });
  };
}
