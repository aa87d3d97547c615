/** Stable error codes: logs, tests and `feeds check --json` rely on them. */
export const FeedErrorCode = {
  NotAFeed: 'NOT_A_FEED',
  Malformed: 'MALFORMED',
  HttpStatus: 'HTTP_STATUS',
  Timeout: 'TIMEOUT',
  TooLarge: 'TOO_LARGE',
  BlockedAddress: 'BLOCKED_ADDRESS',
  Unreachable: 'UNREACHABLE',
} as const;
export type FeedErrorCode = (typeof FeedErrorCode)[keyof typeof FeedErrorCode];

/** A feed could not be fetched or read; the message is written for the marketer who added it. */
export class FeedError extends Error {
  constructor(
    readonly code: FeedErrorCode,
    message: string,
    readonly detail: {
      status?: number;
      retryAfterSec?: number;
      feedLinks?: string[];
      /** The network error's code (ECONNREFUSED, EPROTO) when no connection could be made. */
      network?: string;
    } = {},
  ) {
    super(message);
    this.name = 'FeedError';
  }
}

/** Something a user asked for cannot be done; the message says what to do instead. */
export class UserError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

/**
 * The code of a UserError that is no fault, only what Briefbot cannot tell ("why?"): shown with the
 * information mark, not the warning one.
 */
export const notAFault = 'NOT_A_FAULT';

export const UserText = {
  internal: 'Something went wrong on our side and it has been logged. Please try again in a minute.',
  notAllowed: (who: string) => `Only Briefbot admins can change this. Ask ${who}.`,
} as const;

/** The message to show for any error: our own texts as written, anything else as a fixed apology. */
export function userMessage(error: unknown): string {
  if (error instanceof UserError || error instanceof FeedError) return error.message;
  return UserText.internal;
}
