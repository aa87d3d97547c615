import type { Logger } from './logger.ts';
import type { Message } from './slack/blocks/common.ts';

/**
 * Where Briefbot's own messages go (alerts now; digests and nudges later): Slack when it is
 * connected, the terminal in the console. A user id as the channel means a direct message.
 */
export type Outbox = {
  post(channel: string, message: Message, options?: { threadTs?: string }): Promise<{ ts: string | null }>;
  /** Replaces a message Briefbot posted (a nudge claimed, answered, dismissed), for everyone. */
  update(channel: string, ts: string, message: Message): Promise<void>;
};

/** Slack refused a post. Permanent ones (the bot is not in the channel, it was archived) need a person. */
export class PostError extends Error {
  constructor(
    readonly code: string,
    readonly permanent: boolean,
  ) {
    super(`Slack refused the message: ${code}`);
    this.name = 'PostError';
  }
}

export const permanentPostErrors = new Set([
  'not_in_channel',
  'channel_not_found',
  'is_archived',
  'restricted_action',
  'missing_scope',
  'invalid_auth',
  'account_inactive',
  'cannot_dm_bot',
  'user_not_found',
]);

/** Who may manage Briefbot beyond BRIEFBOT_ADMINS: Slack's workspace admins and owners. */
export type Directory = {
  isWorkspaceAdmin(userId: string): Promise<boolean>;
  /** The person's time zone as set in their profile (an IANA name), or null when unknown. */
  timeZone(userId: string): Promise<string | null>;
};

export const noDirectory: Directory = { isWorkspaceAdmin: async () => false, timeZone: async () => null };

/** Without Slack or a console, messages are logged (without their content) so nothing vanishes silently. */
export function createLogOutbox(logger: Logger): Outbox {
  return {
    async post(channel, message) {
      logger.info({ channel, chars: message.text.length }, 'message not sent: Slack is not connected');
      return { ts: null };
    },
    async update(channel) {
      logger.info({ channel }, 'message not updated: Slack is not connected');
    },
  };
}
