import { formatDateTime } from '../../format.ts';
import { feedNamedIn } from '../../monitor/discover.ts';
import { Action, BlockId } from '../ids.ts';
import {
  actions,
  button,
  context,
  escapeText,
  lineSections,
  link,
  type Message,
  message,
  section,
  truncate,
} from './common.ts';

export type FailingFeed = {
  id: number;
  url: string;
  title: string | null;
  lastError: string | null;
  failingSince: Date | null;
  consecutiveFailures: number;
};

const listedFeeds = 10;

/** Many feeds failing at once (a network outage, a publisher's platform down): one message, not one each. */
export function failingFeedsMessage(feeds: FailingFeed[]): Message {
  const shown = feeds.slice(0, listedFeeds);
  const more = feeds.length - shown.length;
  const text = `${feeds.length} feeds have started failing. /brief feeds list shows each one with its reason; resume a feed to retry it now, or pause it.`;
  const lines = shown.map(
    (feed) =>
      `• *${feed.id}* ${link(feed.url, truncate(feed.title ?? feed.url, 60))}: ${escapeText(truncate(feed.lastError ?? 'unknown error', 140))}`,
  );
  return message(text, [
    section(`:red_circle: *${feeds.length} feeds have started failing*`),
    // One section: long addresses make fewer lines fit, and the count of the others always shows.
    ...lineSections(
      lines,
      1,
      (hidden) => `…and ${hidden} more: \`/brief feeds list failing\` shows them all.`,
      more,
    ),
    context(
      '`/brief feeds list` shows every feed with its reason. `/brief feeds resume <id>` retries one now; `/brief feeds pause <id>` stops its checks.',
    ),
    actions(BlockId.FeedAlert, [button('List feeds', Action.RunCommand, 'feeds list', 'primary')]),
  ]);
}

/** A failure on the publisher's side (a 5xx, a 429, a feed too slow to read) that Briefbot retries by itself, as its reason says. */
function retriesItself(why: string): boolean {
  return /Briefbot will (?:try again later|wait before trying again)/.test(why);
}

/** Told once per failure episode to the admins: what broke, why, and the command to fix or pause it. */
export function feedFailingMessage(feed: FailingFeed, timeZone: string): Message {
  const name = feed.title ?? feed.url;
  const since = feed.failingSince ? formatDateTime(feed.failingSince, timeZone) : 'recently';
  const why = feed.lastError ?? 'unknown error';
  // The address now serves a web page naming the feed's new address: one press moves the feed there.
  const movedTo = feedNamedIn(feed.lastError);
  const next = movedTo
    ? `Move it there (/brief feeds move ${feed.id} ${movedTo}), or pause it (/brief feeds pause ${feed.id}).`
    : retriesItself(why)
      ? `Nothing to fix on your side: Briefbot keeps checking it. Retry now (/brief feeds resume ${feed.id}), or pause it if it lasts (/brief feeds pause ${feed.id}).`
      : `Fix the address and resume it (/brief feeds resume ${feed.id}), or pause it (/brief feeds pause ${feed.id}).`;
  const text = `Feed ${feed.id} (${name}) is failing since ${since}: ${why} ${next}`;
  return message(text, [
    section(
      `:red_circle: *Feed ${feed.id} is failing*: ${link(feed.url, name)}\nSince ${since}, ${feed.consecutiveFailures} attempts in a row: ${escapeText(why)}`,
    ),
    context(
      `If the feed moved: \`/brief feeds move ${feed.id} <new address>\` (it keeps its items). \`/brief feeds resume ${feed.id}\` retries now; \`/brief feeds pause ${feed.id}\` stops the checks.`,
    ),
    actions(BlockId.FeedAlert, [
      ...(movedTo
        ? [button('Use the new address', Action.RunCommand, `feeds move ${feed.id} ${movedTo}`, 'primary')]
        : []),
      button('Retry now', Action.RunCommand, `feeds resume ${feed.id}`, movedTo ? undefined : 'primary'),
      button('Pause feed', Action.RunCommand, `feeds pause ${feed.id}`, undefined, {
        label: `Pause feed ${feed.id}`,
        confirm: {
          title: `Pause feed ${feed.id}?`,
          text: `Briefbot stops checking feed ${feed.id} until an admin resumes it (/brief feeds resume ${feed.id}); what it publishes meanwhile may be missed.`,
          yes: 'Pause feed',
        },
      }),
    ]),
  ]);
}

/** "Feed 21 (Synth 20) works again": the end of a failure an admin was told of, with nothing left to do. */
export function feedsRecoveredMessage(
  feeds: { id: number; url: string; title: string | null; lastSuccessAt: Date | null }[],
  failingSince: Date,
  timeZone: string,
): Message {
  const since = formatDateTime(failingSince, timeZone);
  const [only] = feeds;
  const read = only?.lastSuccessAt ? ` (read ${formatDateTime(only.lastSuccessAt, timeZone)})` : '';
  const text =
    feeds.length === 1 && only
      ? `Feed ${only.id} (${only.title ?? only.url}) works again${read}, after failing since ${since}. Nothing to do: its new items are read as usual.`
      : `${feeds.length} feeds that failed since ${since} work again: ${feeds.map((feed) => `${feed.id} (${feed.title ?? feed.url})`).join(', ')}. Nothing to do: their new items are read as usual.`;
  return message(escapeText(text), [section(`:large_green_circle: ${escapeText(text)}`)]);
}
