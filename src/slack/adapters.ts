import { type Logger as SlackLogger, LogLevel as SlackLogLevel } from '@slack/logger';
import {
  ErrorCode,
  type WebAPIHTTPError,
  type WebAPIPlatformError,
  type WebAPIRateLimitedError,
  type WebAPIRequestError,
  type WebClient,
} from '@slack/web-api';
import type { Clock } from '../clock.ts';
import { isTimeZone } from '../format.ts';
import type { Logger } from '../logger.ts';
import { type Directory, type Outbox, PostError, permanentPostErrors, superseded } from '../outbox.ts';

const adminCacheMs = 10 * 60 * 1000;

/** Workspace admins and owners, from users.info, remembered for 10 minutes per user. */
export function createSlackDirectory(client: WebClient, logger: Logger, clock: Clock): Directory {
  type Profile = { admin: boolean; timeZone: string | null; left: boolean };
  const cache = new Map<string, Profile & { at: number }>();
  // A zone seldom changes: the last one seen is kept past the cache's 10 minutes, for answers that cannot wait on Slack.
  const zones = new Map<string, string | null>();
  // One users.info per person at a time: App Home asks their role and their zone together.
  const asking = new Map<string, Promise<Profile | null>>();
  async function profile(userId: string): Promise<Profile | null> {
    const cached = cache.get(userId);
    if (cached && clock.now().getTime() - cached.at < adminCacheMs) return cached;
    const pending = asking.get(userId) ?? fetchProfile(userId);
    asking.set(userId, pending);
    try {
      return await pending;
    } finally {
      asking.delete(userId);
    }
  }
  async function fetchProfile(userId: string): Promise<Profile | null> {
    const now = clock.now().getTime();
    try {
      const { user } = await client.users.info({ user: userId });
      const found = {
        admin: Boolean(user?.is_admin || user?.is_owner || user?.is_primary_owner),
        timeZone: user?.tz && isTimeZone(user.tz) ? user.tz : null,
        left: user?.deleted === true,
      };
      cache.set(userId, { ...found, at: now });
      zones.set(userId, found.timeZone);
      return found;
    } catch (error) {
      logger.warn({ userId, error }, 'users.info failed');
      return null;
    }
  }
  return {
    // Unknown means "not an admin" for now; BRIEFBOT_ADMINS still works.
    isWorkspaceAdmin: async (userId) => (await profile(userId))?.admin ?? false,
    timeZone: async (userId) => (await profile(userId))?.timeZone ?? null,
    knownTimeZone: (userId) => zones.get(userId),
    // Unknown (null) means "still here": only Slack's own word that the account is deactivated counts.
    hasLeft: async (userId) => (await profile(userId))?.left ?? null,
  };
}

/** The message metadata type under which Briefbot names its posts (see Outbox.postedMarkers). */
const markerEvent = 'briefbot_post';
/** Enough history for a digest or two; a channel busier than that is not searched further. */
const maxHistoryPages = 5;

/** Slack accepts about one message per second per channel; faster bursts are rate limited. */
const defaultMinIntervalMs = 1_000;

/** A Web API error as a PostError: Slack's own error code, permanent when a person has to act. */
function toPostError(error: unknown): unknown {
  if (!(error instanceof Error) || !('code' in error)) return error;
  if (error.code === ErrorCode.PlatformError) {
    const code = String((error as WebAPIPlatformError).data?.error ?? 'unknown_error');
    return new PostError(code, permanentPostErrors.has(code));
  }
  if (error.code === ErrorCode.RateLimitedError)
    return new PostError('ratelimited', false, (error as WebAPIRateLimitedError).retryAfter);
  if (error.code === ErrorCode.HTTPError)
    return new PostError(`http_${(error as WebAPIHTTPError).statusCode}`, false);
  if (error.code === ErrorCode.RequestError) {
    // The client waits out a 429 itself; out of retries, it reports one as a request error naming the Retry-After.
    const limited = /rate limit was exceeded.*retry-after: (\d+)/i.exec(
      (error as WebAPIRequestError).original?.message ?? '',
    );
    return limited
      ? new PostError('ratelimited', false, Number(limited[1]))
      : new PostError('request_error', false);
  }
  return error;
}

/**
 * Posts to a channel, or to a person's DM when given a user id; in a thread when asked. Posts to
 * one channel are spaced `minIntervalMs` apart; Slack's errors surface as PostError.
 */
export function createSlackOutbox(client: WebClient, options: { minIntervalMs?: number } = {}): Outbox {
  const minIntervalMs = options.minIntervalMs ?? defaultMinIntervalMs;
  const dms = new Map<string, string>();
  /** A user id is their DM with Briefbot, opened once. */
  const conversationOf = async (channel: string) => {
    if (!/^[UW]/.test(channel)) return channel;
    let target = dms.get(channel);
    if (!target) {
      const opened = await client.conversations.open({ users: channel });
      target = opened.channel?.id ?? channel;
      dms.set(channel, target);
    }
    return target;
  };
  const nextAt = new Map<string, number>();
  // Wall time on purpose: pacing is about Slack's real rate limit, not the injected clock.
  const pace = async (channel: string) => {
    const now = performance.now();
    const at = Math.max(now, nextAt.get(channel) ?? 0);
    // Reserved before waiting, so concurrent posts to one channel queue up one interval apart.
    nextAt.set(channel, at + minIntervalMs);
    if (at > now) await new Promise((resolve) => setTimeout(resolve, Math.ceil(at - now)));
  };
  return {
    async update(channel, ts, message) {
      try {
        await client.chat.update({ channel, ts, text: message.text, blocks: message.blocks });
      } catch (error) {
        throw toPostError(error);
      }
    },
    async post(channel, message, postOptions = {}) {
      let target: string;
      try {
        target = await conversationOf(channel);
      } catch (error) {
        // The DM could not be opened: nothing was handed to Slack, whatever the answer was.
        const refused = toPostError(error);
        throw refused instanceof PostError
          ? new PostError(refused.code, refused.permanent, refused.retryAfterSec, true)
          : refused;
      }
      try {
        await pace(target);
        // Asked last, with no wait before the call: a send that lost its hold meanwhile posts nothing.
        if (postOptions.stillOurs && !postOptions.stillOurs()) throw superseded();
        const posted = await client.chat.postMessage({
          channel: target,
          text: message.text,
          blocks: message.blocks,
          ...(postOptions.threadTs ? { thread_ts: postOptions.threadTs } : {}),
          ...(postOptions.marker
            ? { metadata: { event_type: markerEvent, event_payload: { marker: postOptions.marker } } }
            : {}),
        });
        return { ts: posted.ts ?? null };
      } catch (error) {
        throw toPostError(error);
      }
    },
    // Reads the channel's history (or the thread's replies) with their message metadata: needs
    // channels:history, groups:history or im:history for the kind of conversation.
    async postedMarkers(channel, { since, threadTs }) {
      try {
        const target = await conversationOf(channel);
        const found = new Map<string, string>();
        let cursor: string | undefined;
        for (let page = 0; page < maxHistoryPages; page++) {
          const common = {
            channel: target,
            include_all_metadata: true,
            limit: 200,
            ...(cursor ? { cursor } : {}),
          };
          const result = threadTs
            ? await client.conversations.replies({ ...common, ts: threadTs })
            : await client.conversations.history({ ...common, oldest: (since.getTime() / 1000).toFixed(6) });
          for (const posted of result.messages ?? []) {
            const payload =
              posted.metadata?.event_type === markerEvent ? posted.metadata.event_payload : null;
            const marker = (payload as Record<string, unknown> | null | undefined)?.marker;
            if (typeof marker === 'string' && posted.ts) found.set(marker, posted.ts);
          }
          cursor = result.response_metadata?.next_cursor || undefined;
          if (!cursor) break;
        }
        return found;
      } catch (error) {
        throw toPostError(error);
      }
    },
  };
}

/**
 * What the Socket Mode client says as a connection drops or a reconnection try fails ("WebSocket
 * error occurred: ", "Failed to retrieve a new WSS URL", a missed pong): Briefbot logs each such
 * change itself, once, in words (keepSocketModeConnected), so these are debug lines, not errors.
 */
const connectionNoise =
  /^(WebSocket error|Failed to retrieve a new WSS URL|A p[io]ng wasn't received|Peer did not complete the close handshake)/;

/** Bolt's and the Web API's logs, through Briefbot's logger (static messages, no payloads). */
export function createSlackLogger(logger: Logger): SlackLogger {
  let level = SlackLogLevel.INFO;
  const text = (parts: unknown[]) =>
    parts
      .map((part) => (part instanceof Error ? part.message : typeof part === 'string' ? part : ''))
      .filter(Boolean)
      .join(' ')
      .slice(0, 500);
  const say = (level: 'warn' | 'error', detail: string) =>
    connectionNoise.test(detail) ? logger.debug({ detail }, 'slack') : logger[level]({ detail }, 'slack');
  return {
    debug: (...parts) => logger.debug({ detail: text(parts) }, 'slack'),
    info: (...parts) => logger.info({ detail: text(parts) }, 'slack'),
    warn: (...parts) => say('warn', text(parts)),
    error: (...parts) => say('error', text(parts)),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
