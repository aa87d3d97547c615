import { type Logger as SlackLogger, LogLevel as SlackLogLevel } from '@slack/logger';
import type { WebClient } from '@slack/web-api';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import { type Directory, type Outbox, PostError, permanentPostErrors } from '../outbox.ts';

const adminCacheMs = 10 * 60 * 1000;

/** Workspace admins and owners, from users.info, remembered for 10 minutes per user. */
export function createSlackDirectory(client: WebClient, logger: Logger, clock: Clock): Directory {
  const cache = new Map<string, { admin: boolean; at: number }>();
  return {
    async isWorkspaceAdmin(userId) {
      const cached = cache.get(userId);
      const now = clock.now().getTime();
      if (cached && now - cached.at < adminCacheMs) return cached.admin;
      try {
        const { user } = await client.users.info({ user: userId });
        const admin = Boolean(user?.is_admin || user?.is_owner || user?.is_primary_owner);
        cache.set(userId, { admin, at: now });
        return admin;
      } catch (error) {
        // Unknown means "not an admin" for now; BRIEFBOT_ADMINS still works.
        logger.warn({ userId, error }, 'users.info failed');
        return false;
      }
    },
  };
}

/** Posts to a channel, or to a person's DM when given a user id. */
export function createSlackOutbox(client: WebClient): Outbox {
  const dms = new Map<string, string>();
  return {
    async post(channel, message) {
      let target = channel;
      if (/^[UW]/.test(channel)) {
        target = dms.get(channel) ?? '';
        if (!target) {
          const opened = await client.conversations.open({ users: channel });
          target = opened.channel?.id ?? channel;
          dms.set(channel, target);
        }
      }
      const posted = await client.chat.postMessage({
        channel: target,
        text: message.text,
        blocks: message.blocks,
      });
      return { ts: posted.ts ?? null };
    },
  };
}

/** Bolt's and the Web API's logs, through Briefbot's logger (static messages, no payloads). */
export function createSlackLogger(logger: Logger): SlackLogger {
  let level = SlackLogLevel.INFO;
  const text = (parts: unknown[]) =>
    parts
      .map((part) => (part instanceof Error ? part.message : typeof part === 'string' ? part : ''))
      .filter(Boolean)
      .join(' ')
      .slice(0, 500);
  return {
    debug: (...parts) => logger.debug({ detail: text(parts) }, 'slack'),
    info: (...parts) => logger.info({ detail: text(parts) }, 'slack'),
    warn: (...parts) => logger.warn({ detail: text(parts) }, 'slack'),
    error: (...parts) => logger.error({ detail: text(parts) }, 'slack'),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
