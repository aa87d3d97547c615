import { listSchedules } from '../briefing/schedules.ts';
import { formatSlot } from '../briefing/slots.ts';
import { consoleChannelId } from '../console/channel.ts';
import type { Deps } from '../deps.ts';
import { countOf, formatRelative } from '../format.ts';
import { summarizeFeeds } from '../monitor/feeds.ts';
import type { Message } from '../slack/blocks/common.ts';
import { escapeText } from '../slack/blocks/common.ts';
import { feedCountsText, noticeMessage } from '../slack/blocks/replies.ts';
import { slackOutageText, slackStatusText, undeliveredText } from '../slack/status.ts';
import { requireAdmin } from './access.ts';

/**
 * `/brief status` (admins): what `npx briefbot status` says of Slack, the last outage of the past day,
 * the messages Slack would not take meanwhile, and feed and digest health, in one short message.
 */
export async function statusCommand(deps: Deps, userId: string, channelId: string | null): Promise<Message> {
  await requireAdmin(deps, userId, "see Briefbot's status");
  const now = deps.clock.now();
  const { sqlite } = deps.db;
  const where = channelId === consoleChannelId ? 'console' : 'command line';
  const slack = slackStatusText(sqlite, now, deps.config.DEFAULT_TIMEZONE, where).text;
  const outage = slackOutageText(sqlite, now);
  const undelivered = undeliveredText(sqlite, now, deps.config.DEFAULT_TIMEZONE);
  const feeds = await summarizeFeeds(deps);
  const lastPoll = sqlite
    .prepare('SELECT MAX(last_fetched_at) FROM feeds')
    .pluck()
    .safeIntegers(false)
    .get() as number | null;
  const feedLine =
    feeds.total === 0
      ? '*Feeds:* none yet: `/brief feeds add <url>`'
      : `*Feeds:* ${feeds.total} (${feedCountsText(feeds)})${feeds.failing ? ' · `/brief feeds list failing`' : ''} · last poll ${lastPoll ? formatRelative(new Date(lastPoll), now) : 'not yet'}`;
  const schedules = (await listSchedules(deps)).filter((schedule) => schedule.nextRun);
  const [next] = schedules.sort((a, b) => (a.nextRun?.getTime() ?? 0) - (b.nextRun?.getTime() ?? 0));
  const failed = schedules.filter((schedule) => schedule.lastRun?.status === 'failed').length;
  const digestLine = next?.nextRun
    ? `*Digests:* next due ${formatSlot(next.nextRun, next.timeZone)} ${next.timeZone} (digest ${next.id}, ${next.personal ? 'a follow in DMs' : `<#${next.channelId}>`})${failed ? ` · ${countOf(failed, 'digest')} failed last time: \`/brief digest list\`` : ''}`
    : '*Digests:* none scheduled: `/brief digest add`';
  const lines = [
    '*Briefbot status*',
    escapeText(slack),
    ...(outage ? [escapeText(outage)] : []),
    ...(undelivered ? [escapeText(undelivered)] : []),
    feedLine,
    digestLine,
  ];
  return noticeMessage(lines.join('\n'));
}
