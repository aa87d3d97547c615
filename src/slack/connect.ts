import { setTimeout as sleep } from 'node:timers/promises';
import {
  WebAPIHTTPError,
  WebAPIPlatformError,
  WebAPIRateLimitedError,
  WebAPIRequestError,
} from '@slack/web-api';
import type { Logger } from '../logger.ts';

/**
 * Slack could not be reached (no network, 429, 5xx): worth trying again, after `retryAfterMs` when
 * Slack named a wait. A refusal (a bad token, a missing scope) is not: that is a SlackSetupError.
 */
export class SlackUnreachableError extends Error {
  readonly code = 'SLACK_UNREACHABLE';
  constructor(
    readonly reason: string,
    readonly retryAfterMs?: number,
  ) {
    super(`Cannot reach Slack (${reason})`);
    this.name = 'SlackUnreachableError';
  }
}

/** Slack's error codes that name the token itself: Briefbot cannot start until it is replaced. */
const refusedTokenCodes = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'user_removed_from_team',
  'team_disabled',
  'not_allowed_token_type',
]);

/** Slack's own words for "not now": its side failed or it is busy. */
const passingCodes = new Set([
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
  'ratelimited',
]);

export class SlackSetupError extends Error {
  readonly code = 'SLACK_SETUP';
}

function networkReason(original: Error, apiUrl: string): string {
  const cause = (original as { cause?: { code?: string; hostname?: string } }).cause;
  const host = cause?.hostname ?? new URL(apiUrl).host;
  switch (cause?.code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `${host} not found; is this machine online?`;
    case 'ECONNREFUSED':
      return `${host} refused the connection`;
    case 'ECONNRESET':
      return `${host} closed the connection`;
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return `${host} did not answer in time`;
    default:
      return `network error${cause?.code ? ` ${cause.code}` : ''} reaching ${host}`;
  }
}

/**
 * A failed call to Slack at start: an outage to wait out (no network, 429, 5xx), or a SlackSetupError
 * saying what to fix. `token` names the setting the call used.
 */
export function classifySlackFailure(
  error: unknown,
  token: 'SLACK_BOT_TOKEN' | 'SLACK_APP_TOKEN',
  apiUrl: string,
): SlackUnreachableError | SlackSetupError {
  if (error instanceof SlackSetupError || error instanceof SlackUnreachableError) return error;
  if (error instanceof WebAPIRateLimitedError)
    return new SlackUnreachableError('Slack is rate-limiting Briefbot (429)', error.retryAfter * 1000);
  if (error instanceof WebAPIRequestError)
    return new SlackUnreachableError(networkReason(error.original, apiUrl));
  if (error instanceof WebAPIHTTPError) {
    const seconds = Number(error.headers['retry-after']);
    const wait = Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined;
    if (error.statusCode >= 500 || error.statusCode === 429 || error.statusCode === 408)
      return new SlackUnreachableError(`Slack answered HTTP ${error.statusCode}`, wait);
    return new SlackSetupError(
      `Slack's API at ${apiUrl} answered HTTP ${error.statusCode}. Check SLACK_API_URL (normally https://slack.com/api/, or leave it unset).`,
    );
  }
  if (error instanceof WebAPIPlatformError) {
    const code = error.data.error;
    if (passingCodes.has(code)) return new SlackUnreachableError(`Slack answered ${code}`);
    if (refusedTokenCodes.has(code))
      return new SlackSetupError(
        token === 'SLACK_BOT_TOKEN'
          ? `Slack refused SLACK_BOT_TOKEN (${code}). Copy the Bot User OAuth Token (xoxb-…) again from OAuth & Permissions, and reinstall the app if you changed its scopes.`
          : `Slack refused SLACK_APP_TOKEN (${code}). Copy the app-level token (xapp-…, with the connections:write scope) again from Basic Information > App-Level Tokens, and check that Socket Mode is on.`,
      );
    return new SlackSetupError(
      `Slack refused to connect Briefbot (${code}). Check the app's settings at api.slack.com/apps (Socket Mode, scopes), reinstall it, then start again.`,
    );
  }
  // Socket Mode's client ends a try whose websocket closed before Slack's hello with no error at all.
  if (error === undefined) return new SlackUnreachableError('the Socket Mode connection closed as it opened');
  // Not a Web API call's failure (the Socket Mode websocket, say): worth another try, named as it came.
  return new SlackUnreachableError(
    `the connection failed: ${error instanceof Error ? error.message : String(error)}`,
  );
}

/** The wait before the next attempt: Slack's Retry-After, else doubling from `firstMs` up to five minutes. */
export function slackRetryDelayMs(failures: number, firstMs: number, error: SlackUnreachableError): number {
  return error.retryAfterMs ?? Math.min(firstMs * 2 ** (failures - 1), maxRetryDelayMs);
}

const maxRetryDelayMs = 5 * 60_000;

/** "20 ms", "5 s": a wait as the one-line messages say it. */
export function waitText(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}

/** Waits `ms`; true when `stopped` resolved first. */
async function stoppedWithin(ms: number, stopped: Promise<void> | undefined): Promise<boolean> {
  const waiting = new AbortController();
  const waited = sleep(ms, false, { signal: waiting.signal }).catch(() => true);
  stopped?.then(() => waiting.abort());
  return waited;
}

export type RetryOptions = {
  token: 'SLACK_BOT_TOKEN' | 'SLACK_APP_TOKEN';
  apiUrl: string;
  /** The first wait after a failed try; each next one doubles up to five minutes (Slack's Retry-After wins). */
  firstDelayMs: number;
  print?: (line: string) => void;
  /** Resolves when the process is asked to stop: trying ends there (null). */
  stopped?: Promise<void>;
  /** Called on each failed try that will be tried again, before the wait, with why it failed. */
  onFailure?: (why: string) => void;
  /** Running already: a refusal (a revoked token) is said with what to fix and tried again too. */
  keepTryingWhenRefused?: boolean;
};

/**
 * Calls `connect` until it succeeds, one line per failed try saying why and how long until the next;
 * null when `stopped` came first. Throws SlackSetupError when Slack refuses, unless keepTryingWhenRefused.
 */
export async function connectWithRetries<T>(
  connect: () => Promise<T>,
  options: RetryOptions,
): Promise<T | null> {
  for (let failures = 1; ; failures++) {
    try {
      return await connect();
    } catch (error) {
      const problem = classifySlackFailure(error, options.token, options.apiUrl);
      if (problem instanceof SlackSetupError && !options.keepTryingWhenRefused) throw problem;
      options.onFailure?.(
        problem instanceof SlackUnreachableError ? `Cannot reach Slack (${problem.reason})` : problem.message,
      );
      const waitMs =
        problem instanceof SlackUnreachableError
          ? slackRetryDelayMs(failures, options.firstDelayMs, problem)
          : maxRetryDelayMs;
      // A refusal while running: the settings are read at start, so a new token needs a restart.
      const line =
        problem instanceof SlackUnreachableError
          ? `Cannot reach Slack (${problem.reason}); trying again in ${waitText(waitMs)}`
          : `${problem.message.replace(/,? then start again\.$|\.$/, '')}, then restart Briefbot. Meanwhile trying again in ${waitText(waitMs)}`;
      options.print?.(`${line} (attempt ${failures + 1}). Feeds are still monitored.`);
      if (await stoppedWithin(waitMs, options.stopped)) return null;
    }
  }
}

/** What connectWithRetries needs of @slack/socket-mode's SocketModeClient (Bolt's receiver.client). */
export type SocketModeConnection = {
  start(): Promise<unknown>;
  on(event: 'disconnected', listener: () => void): unknown;
  off(event: 'disconnected', listener: () => void): unknown;
};

/**
 * Keeps Socket Mode connected while Briefbot runs: the client's own reconnection gives up for good
 * when Slack cannot be reached for a while (and only logs it), so it is off (autoReconnectEnabled:
 * false) and this reconnects instead, with connectWithRetries' waits, one line per change.
 */
export function keepSocketModeConnected(
  client: SocketModeConnection,
  options: Omit<RetryOptions, 'token' | 'stopped' | 'keepTryingWhenRefused'> & {
    logger: Logger;
    /** Each change: connected again, or not connected and why (for `npx briefbot status`). */
    onState?: (connected: boolean, detail: string) => void;
  },
): { stop(): void } {
  let stopping = false;
  let reconnecting = false;
  let stop = () => {};
  const stopped = new Promise<void>((resolve) => {
    stop = resolve;
  });
  const lost = () => {
    // A try that fails also ends in 'disconnected': the loop already running handles it.
    if (stopping || reconnecting) return;
    reconnecting = true;
    options.logger.warn({}, 'socket mode connection closed');
    options.print?.('The Socket Mode connection to Slack closed; reconnecting. Feeds are still monitored.');
    options.onState?.(false, 'the Socket Mode connection closed');
    connectWithRetries(() => client.start(), {
      ...options,
      onFailure: (why) => {
        options.logger.warn({ reason: why }, 'socket mode reconnection try failed');
        options.onState?.(false, why);
      },
      token: 'SLACK_APP_TOKEN',
      stopped,
      keepTryingWhenRefused: true,
    })
      .then((connected) => {
        if (connected === null || stopping) return;
        options.logger.info({}, 'socket mode reconnected');
        options.onState?.(true, 'connected in Socket Mode');
        options.print?.('Briefbot is connected to Slack in Socket Mode again.');
      })
      .catch((error: unknown) => options.logger.error({ err: error }, 'socket mode reconnection failed'))
      .finally(() => {
        reconnecting = false;
      });
  };
  client.on('disconnected', lost);
  return {
    stop() {
      stopping = true;
      client.off('disconnected', lost);
      stop();
    },
  };
}
