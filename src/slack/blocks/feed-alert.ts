import { formatDateTime } from '../../format.ts';
import { Action, BlockId } from '../ids.ts';
import { actions, button, context, escapeText, link, type Message, message, section } from './common.ts';

export type FailingFeed = {
  id: number;
  url: string;
  title: string | null;
  lastError: string | null;
  failingSince: Date | null;
  consecutiveFailures: number;
};

/** Told once per failure episode to the admins: what broke, why, and the command to fix or pause it. */
export function feedFailingMessage(feed: FailingFeed, timeZone: string): Message {
  const name = feed.title ?? feed.url;
  const since = feed.failingSince ? formatDateTime(feed.failingSince, timeZone) : 'recently';
  const why = feed.lastError ?? 'unknown error';
  const text = `Feed ${feed.id} (${name}) is failing since ${since}: ${why} Fix the address and resume it (/brief feeds resume ${feed.id}), or pause it (/brief feeds pause ${feed.id}).`;
  return message(text, [
    section(
      `:red_circle: *Feed ${feed.id} is failing*: ${link(feed.url, name)}\nSince ${since}, ${feed.consecutiveFailures} attempts in a row: ${escapeText(why)}`,
    ),
    context(
      `If the feed moved, remove it and add the new address. \`/brief feeds resume ${feed.id}\` retries now; \`/brief feeds pause ${feed.id}\` stops the checks.`,
    ),
    actions(BlockId.FeedAlert, [
      button('Retry now', Action.RunCommand, `feeds resume ${feed.id}`, 'primary'),
      button('Pause feed', Action.RunCommand, `feeds pause ${feed.id}`),
    ]),
  ]);
}
