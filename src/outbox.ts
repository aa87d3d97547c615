import type { Logger } from './logger.ts';
import type { Message } from './slack/blocks/common.ts';

/**
 * Where Briefbot's own messages go (alerts now; digests and nudges later): Slack when it is
 * connected, the terminal in the console. A user id as the channel means a direct message.
 */
export type Outbox = {
  /**
   * `marker`: a name for this post, stored with the message, by which `postedMarkers` finds it again.
   * `stillOurs`: asked last, right before the message is handed to Slack (after opening a DM and
   * any pacing); false posts nothing and throws PostError `superseded` (another send has it now).
   */
  post(
    channel: string,
    message: Message,
    options?: { threadTs?: string; marker?: string; stillOurs?: () => boolean },
  ): Promise<{ ts: string | null }>;
  /** Replaces a message Briefbot posted (a nudge claimed, answered, dismissed), for everyone. */
  update(channel: string, ts: string, message: Message): Promise<void>;
  /**
   * The markers of Briefbot's posts in a channel since a time (or in one thread), each with its
   * message's ts: whether a post whose outcome was not recorded (the process died, Slack's answer
   * was lost) reached the channel. Absent where there is no history to read; throws PostError when
   * Slack refuses (for instance without the history scopes).
   */
  postedMarkers?(channel: string, options: { since: Date; threadTs?: string }): Promise<Map<string, string>>;
};

/** Slack refused a post. Permanent ones (the bot is not in the channel, it was archived) need a person. */
export class PostError extends Error {
  /**
   * `retryAfterSec`: how long Slack asked to wait (the Retry-After of a 429), when it said.
   * `unsent`: it failed before the message was handed to Slack (its DM could not be opened), so
   * it cannot be there, whatever the failure.
   */
  constructor(
    readonly code: string,
    readonly permanent: boolean,
    readonly retryAfterSec?: number,
    readonly unsent = false,
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
  'user_disabled',
  'message_not_found',
  'cant_update_message',
]);

/** Slack's own codes for being busy or down, answered with a 200: worth another try. */
const transientPlatformErrors = new Set([
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
]);

/**
 * Whether a later try may succeed where this one failed: Slack rate limited it, was down, or its
 * answer was lost. Slack's other refusals (the channel gone, the message deleted, a bad request)
 * would be refused again.
 */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof PostError)) return true;
  return (
    error.code === 'ratelimited' ||
    error.code === 'request_error' ||
    error.code.startsWith('http_5') ||
    transientPlatformErrors.has(error.code)
  );
}

/** A failed post or redraw is tried this many times in all, then given up (logged). */
export const maxDeliveryAttempts = 12;

/**
 * How long after its nth failure a post or redraw is tried again: 1, 2, 4… minutes, at most an
 * hour; longer when Slack's 429 asked to wait longer (its Retry-After).
 */
export function retryDelayMs(failures: number, error?: unknown): number {
  const backoff = Math.min(60, 2 ** Math.max(0, failures - 1)) * 60_000;
  return Math.max(backoff, askedWaitMs(error) ?? 0);
}

/** Slack's Retry-After is waited at most this long: a bogus one does not hold a message for days. */
const maxAskedWaitMs = 60 * 60_000;

/**
 * How long Slack's 429 asked to wait before the next try (its Retry-After, at most an hour); null
 * when it named no wait (none, or 0: the client's own tries at once were refused already).
 */
export function askedWaitMs(error: unknown): number | null {
  if (!(error instanceof PostError) || !error.retryAfterSec || error.retryAfterSec < 0) return null;
  return Math.min(error.retryAfterSec * 1000, maxAskedWaitMs);
}

/**
 * Briefbot's posts in a channel (or thread) since a time, by marker; null when that cannot be told
 * (an outbox with no history, or Slack refuses: the caller then posts what it has not recorded).
 * `waitOutOutages`: Slack's failure for now (a 5xx, a 429) is thrown instead, for a later look.
 */
export async function earlierPosts(
  outbox: Outbox,
  logger: Logger,
  channel: string,
  options: { since: Date; threadTs?: string; waitOutOutages?: boolean },
): Promise<Map<string, string> | null> {
  if (!outbox.postedMarkers) return null;
  const { waitOutOutages, ...where } = options;
  try {
    return await outbox.postedMarkers(channel, where);
  } catch (error) {
    if (waitOutOutages && isTransient(error)) throw error;
    logger.warn(
      { channel, code: error instanceof PostError ? error.code : 'internal_error' },
      'cannot read the channel to see whether an interrupted post went out; posting it again',
    );
    return null;
  }
}

/**
 * Whether a failed post may have reached Slack all the same: its answer was lost (a 5xx, a broken
 * connection, a timeout), as opposed to Slack's own refusal, which posted nothing.
 */
export function mayHavePosted(error: unknown): boolean {
  return !(error instanceof PostError) || (!error.unsent && answerMayBeLost(error.code));
}

/** The same for a failure known only by its PostError code (as recorded for a retry). */
export function answerMayBeLost(code: string): boolean {
  return code === 'request_error' || code.startsWith('http_5');
}

/**
 * Calls `renew` every 15 s of real time (a quarter of the shortest hold, a minute) until the returned
 * stop is called: a send's hold on its message kept while Slack keeps it waiting. A renewal that
 * throws (the database closed for a shutdown) is skipped: the hold then runs out, and the next start sends it.
 */
export function keepRenewing(renew: () => unknown, everyMs = 15_000): () => void {
  const timer = setInterval(() => {
    try {
      renew();
    } catch {
      // Closed for a shutdown.
    }
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** What a post whose send lost its hold (`stillOurs` said no) throws: nothing was handed to Slack. */
export const superseded = () => new PostError('superseded', false, undefined, true);

/** Who may manage Briefbot beyond BRIEFBOT_ADMINS: Slack's workspace admins and owners. */
export type Directory = {
  isWorkspaceAdmin(userId: string): Promise<boolean>;
  /** The person's time zone as set in their profile (an IANA name), or null when unknown. */
  timeZone(userId: string): Promise<string | null>;
  /** The zone their profile gave when last looked up here, without asking Slack; undefined when never looked up. */
  knownTimeZone?(userId: string): string | null | undefined;
  /** Whether the person's Slack account is deactivated (users.info says `deleted`): they left; null when Slack cannot say. */
  hasLeft?(userId: string): Promise<boolean | null>;
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
