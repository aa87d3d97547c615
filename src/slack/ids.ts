/** Every Slack identifier Briefbot uses, once. A test checks these against manifest.yml. */
export const SlashCommand = { Brief: '/brief' } as const;

export const Action = {
  /** A button whose value is a /brief command to run as the person who pressed it. */
  RunCommand: 'run_command',
  DigestNotRelevant: 'digest_not_relevant',
  DigestMuteSource: 'digest_mute_source',
  NudgeClaim: 'nudge_claim',
  NudgeNotRelevant: 'nudge_not_relevant',
  NudgeSnooze: 'nudge_snooze',
  /** "Not mine" on a nudge: a form picks the beat it belongs to, as `nudge move` does. */
  NudgeNotMine: 'nudge_not_mine',
  NudgeAssignSme: 'nudge_assign_sme',
  NudgeMarkReplied: 'nudge_mark_replied',
  NudgeRelease: 'nudge_release',
  /** On the claimant's DM: a first draft of their reply (the model's), or the points to answer. */
  NudgeDraft: 'nudge_draft',
  /** An admin's button on App Home: opens the form that gives a conversation to someone. */
  NudgeReassign: 'nudge_reassign',
  /** The question box in App Home (Enter sends it); the answer comes as a DM. */
  HomeAsk: 'home_ask',
  /** A top story's Open button on App Home (value: the item's id): the story opened, in a modal. */
  HomeStory: 'home_story',
} as const;

/** What a listener matches: the action id, or its numbered form ("run_command:2") when a block holds it more than once. */
export function actionMatching(actionId: string): RegExp {
  return new RegExp(`^${actionId}(?::\\d+)?$`);
}

/** The action a button's id stands for: "run_command:2" is "run_command". */
export function actionOf(actionId: string): string {
  return actionId.replace(/:\d+$/, '');
}

export const View = {
  /** The modal of "/brief digest add" without arguments. */
  DigestAdd: 'digest_add',
  /** "Not relevant" on a nudge asks why. */
  NudgeDismiss: 'nudge_dismiss',
  /** "Mark replied" asks for the reply's URL. */
  NudgeReplied: 'nudge_replied',
  /** "Reassign" on App Home asks whom to give the conversation to. */
  NudgeReassign: 'nudge_reassign',
  /** "Not mine" on a nudge asks which beat it belongs to. */
  NudgeMove: 'nudge_move',
} as const;

export const BlockId = {
  AnswerActions: 'answer_actions',
  /** The questions a note offers ("the outage": Initech's or Globex's), one button each. */
  AnswerChoices: 'answer_choices',
  FeedAlert: 'feed_alert',
  HelpActions: 'help_actions',
  HomeActions: 'home_actions',
  HomeAsk: 'home_ask',
  StatsActions: 'stats_actions',
} as const;

export const Event = { AppHomeOpened: 'app_home_opened' } as const;

/** The block of a conversation's buttons on App Home: `home_nudge_12`. */
export function homeNudgeBlockId(nudgeId: number): string {
  return `home_nudge_${nudgeId}`;
}

/** The block of a nudge's expert picker carries the nudge's id: `nudge_assign_12`. */
export function nudgeAssignBlockId(nudgeId: number): string {
  return `nudge_assign_${nudgeId}`;
}

/** The nudge id in a picker's block id, or undefined for any other block. */
export function nudgeIdOfAssignBlock(blockId: string | undefined): string | undefined {
  return /^nudge_assign_(\d+)$/.exec(blockId ?? '')?.[1];
}

/** Message shortcuts (a message's ⋯ menu). */
export const Shortcut = {
  /** "Brief me on this": what the market says about the message's subject. */
  BriefMessage: 'brief_message',
} as const;

/** Bot scopes, each for what the code calls. */
export const BotScopes = [
  'commands', // the /brief command
  'chat:write', // replies, alerts and posts
  'im:write', // conversations.open, to DM admins about failing feeds
  'users:read', // users.info, to recognise workspace admins and owners
  // conversations.history / .replies, when a digest run resumes: did its interrupted post go out?
  'channels:history',
  'groups:history',
  'im:history',
] as const;
