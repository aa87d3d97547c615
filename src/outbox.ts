import type { Logger } from './logger.ts';
import type { Message } from './slack/blocks/common.ts';

/**
 * Where Briefbot's own messages go (alerts now; digests and nudges later): Slack when it is
 * connected, the terminal in the console. A user id as the channel means a direct message.
 */
export type Outbox = {
  post(channel: string, message: Message): Promise<{ ts: string | null }>;
};

/** Who may manage Briefbot beyond BRIEFBOT_ADMINS: Slack's workspace admins and owners. */
export type Directory = {
  isWorkspaceAdmin(userId: string): Promise<boolean>;
};

export const noDirectory: Directory = { isWorkspaceAdmin: async () => false };

/** Without Slack or a console, messages are logged (without their content) so nothing vanishes silently. */
export function createLogOutbox(logger: Logger): Outbox {
  return {
    async post(channel, message) {
      logger.info({ channel, chars: message.text.length }, 'message not sent: Slack is not connected');
      return { ts: null };
    },
  };
}
