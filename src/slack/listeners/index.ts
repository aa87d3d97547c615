import type {
  App,
  BlockButtonAction,
  BlockPlainTextInputAction,
  BlockUsersSelectAction,
  MessageShortcut,
  ViewSubmitAction,
} from '@slack/bolt';
import { FeedbackKind } from '../../briefing/feedback.ts';
import type { Deps } from '../../deps.ts';
import { immediate, type Limiter } from '../../limiter.ts';
import { Action, actionMatching, Event, Shortcut, SlashCommand, View } from '../ids.ts';
import { createAppHomeOpenedHandler } from './app-home-opened.ts';
import { createBriefCommandHandler } from './brief-command.ts';
import { createBriefMessageShortcutHandler } from './brief-message-shortcut.ts';
import { createDigestAddViewHandler } from './digest-add-view.ts';
import { createDigestFeedbackHandler } from './digest-feedback.ts';
import { createHomeAskHandler } from './home-ask.ts';
import { createHomeStoryHandler } from './home-story.ts';
import {
  createNudgeAssignSmeHandler,
  createNudgeClaimHandler,
  createNudgeDismissViewHandler,
  createNudgeDraftHandler,
  createNudgeMarkRepliedHandler,
  createNudgeMoveViewHandler,
  createNudgeNotMineHandler,
  createNudgeNotRelevantHandler,
  createNudgeReassignHandler,
  createNudgeReassignViewHandler,
  createNudgeReleaseHandler,
  createNudgeRepliedViewHandler,
  createNudgeSnoozeHandler,
} from './nudge-actions.ts';
import { createRunCommandActionHandler, type RunCommandAction } from './run-command-action.ts';

/** Every listener Briefbot registers; the manifest test reads this list. */
export const registered = {
  commands: [SlashCommand.Brief],
  actions: [
    Action.RunCommand,
    Action.DigestNotRelevant,
    Action.DigestMuteSource,
    Action.NudgeClaim,
    Action.NudgeNotRelevant,
    Action.NudgeSnooze,
    Action.NudgeNotMine,
    Action.NudgeAssignSme,
    Action.NudgeMarkReplied,
    Action.NudgeRelease,
    Action.NudgeDraft,
    Action.NudgeReassign,
    Action.HomeStory,
  ],
  events: [Event.AppHomeOpened],
  views: [View.DigestAdd, View.NudgeDismiss, View.NudgeReplied, View.NudgeReassign, View.NudgeMove],
  shortcuts: [Shortcut.BriefMessage],
} as const;

/** `limiter` paces the work behind commands (see createSlackApp: a few at a time, after the acknowledgements). */
export function registerListeners(app: App, deps: Deps, limiter: Limiter = immediate): void {
  app.command(SlashCommand.Brief, createBriefCommandHandler(deps, limiter));
  app.action<RunCommandAction>(
    actionMatching(Action.RunCommand),
    createRunCommandActionHandler(deps, limiter),
  );
  app.action<BlockButtonAction>(
    actionMatching(Action.DigestNotRelevant),
    createDigestFeedbackHandler(deps, FeedbackKind.NotRelevant),
  );
  app.action<BlockButtonAction>(
    actionMatching(Action.DigestMuteSource),
    createDigestFeedbackHandler(deps, FeedbackKind.MuteSource),
  );
  app.view<ViewSubmitAction>(View.DigestAdd, createDigestAddViewHandler(deps));
  app.action<BlockButtonAction>(actionMatching(Action.NudgeClaim), createNudgeClaimHandler(deps));
  app.action<BlockButtonAction>(actionMatching(Action.NudgeNotRelevant), createNudgeNotRelevantHandler(deps));
  app.action<BlockButtonAction>(actionMatching(Action.NudgeSnooze), createNudgeSnoozeHandler(deps));
  app.action<BlockButtonAction>(actionMatching(Action.NudgeNotMine), createNudgeNotMineHandler(deps));
  app.view<ViewSubmitAction>(View.NudgeMove, createNudgeMoveViewHandler(deps));
  app.action<BlockUsersSelectAction>(
    actionMatching(Action.NudgeAssignSme),
    createNudgeAssignSmeHandler(deps),
  );
  app.action<BlockButtonAction>(actionMatching(Action.NudgeMarkReplied), createNudgeMarkRepliedHandler(deps));
  app.action<BlockButtonAction>(actionMatching(Action.NudgeRelease), createNudgeReleaseHandler(deps));
  app.action<BlockButtonAction>(actionMatching(Action.NudgeDraft), createNudgeDraftHandler(deps));
  app.view<ViewSubmitAction>(View.NudgeReplied, createNudgeRepliedViewHandler(deps));
  app.view<ViewSubmitAction>(View.NudgeDismiss, createNudgeDismissViewHandler(deps));
  app.action<BlockButtonAction>(actionMatching(Action.NudgeReassign), createNudgeReassignHandler(deps));
  app.view<ViewSubmitAction>(View.NudgeReassign, createNudgeReassignViewHandler(deps));
  app.action<BlockPlainTextInputAction>(actionMatching(Action.HomeAsk), createHomeAskHandler(deps, limiter));
  app.action<BlockButtonAction>(actionMatching(Action.HomeStory), createHomeStoryHandler(deps));
  app.shortcut<MessageShortcut>(Shortcut.BriefMessage, createBriefMessageShortcutHandler(deps, limiter));
  app.event(Event.AppHomeOpened, createAppHomeOpenedHandler(deps));
  app.error(async (error) => {
    deps.logger.error({ error }, 'unhandled Slack listener error');
  });
}
