import type { HomeView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { listTopics, othersOnly, topicLabel } from '../analysis/topics.ts';
import { topStories } from '../briefing/answer.ts';
import { askedByPeople, openItem } from '../briefing/drill.ts';
import { sinceLastLook } from '../briefing/last-look.ts';
import {
  emptyFollowNote,
  followName,
  followSettings,
  listSchedules,
  ScheduleStatus,
  type ScheduleView,
  topicsText,
} from '../briefing/schedules.ts';
import { followReader, gettingStartedText, missingFeedsText, readSetup } from '../briefing/setup.ts';
import { formatSlot } from '../briefing/slots.ts';
import { adminsToAsk, roleOf } from '../commands/access.ts';
import { timeZoneName } from '../commands/dates.ts';
import { followsSummary, lastRunText } from '../commands/digest.ts';
import {
  holding,
  nobodyToAsk,
  reopenedFlag,
  snoozeFlag,
  snoozeHint,
  statsLine,
  waitingOnBeatLines,
} from '../commands/nudge.ts';
import type { Deps } from '../deps.ts';
import { claimantNote } from '../engage/follow-through.ts';
import { responseStats } from '../engage/metrics.ts';
import { ownTimeZone } from '../engage/nudges.ts';
import { listSmes } from '../engage/smes.ts';
import { storyColumns, storyLink, storyOf } from '../engage/story.ts';
import { countOf, formatRelative, formatUntilDay } from '../format.ts';
import { feedNames } from '../monitor/feed-kind.ts';
import { lastPollAt, listFeeds, summarizeFeeds } from '../monitor/feeds.ts';
import { itemLine, pageFeedTitles } from './blocks/answer.ts';
import { escapeText, type Message } from './blocks/common.ts';
import { type AskedOnHome, buildHomeView, homeStoryGone, homeStoryMessage } from './blocks/home.ts';
import { waitingLine } from './blocks/nudge.ts';
import { slackOutageText } from './status.ts';

/**
 * Redraws someone's App Home after they did something there (asked, followed, reassigned), so it
 * shows the change; a failure is logged, never the reply's: Home is redrawn again when opened.
 */
export async function refreshHome(
  deps: Deps,
  client: { views: Pick<WebClient['views'], 'publish'> },
  userId: string,
  options: { asked?: AskedOnHome } = {},
): Promise<void> {
  try {
    await client.views.publish({ user_id: userId, view: await buildHome(deps, userId, options) });
  } catch (error) {
    deps.logger.warn({ userId, error }, 'App Home not refreshed');
  }
}

/**
 * A top story's Open button pressed (value "<item id>:<its number on Home>"): the story as an
 * answer's source opens, by its id, so a question asked since never changes which story opens.
 */
export async function homeStoryReply(deps: Deps, value: string, userId: string): Promise<Message> {
  const [id = 0, number = 1] = value.split(':').map(Number);
  const opened = Number.isInteger(id) && id > 0 ? openItem(deps, id) : null;
  if (!opened) return homeStoryGone;
  // Its times in the reader's zone, as Home's are.
  const zone = (await ownTimeZone(deps, userId)) ?? deps.config.DEFAULT_TIMEZONE;
  return homeStoryMessage({ ...opened, number }, deps.clock.now(), zone);
}

/** Gathers what one viewer's App Home shows, and builds it. */
export async function buildHome(
  deps: Deps,
  userId: string,
  /** `asked`: the line just typed in Home's box, and whether its reply reached the Messages tab. */
  options: { asked?: AskedOnHome } = {},
): Promise<HomeView> {
  // The top stories are read on the evidence workers while this thread reads the rest.
  const [{ stories, counts }, role, feeds, topics, lastLook, ownZone] = await Promise.all([
    topStories(deps, { days: 7, count: 3 }),
    roleOf(deps, userId),
    summarizeFeeds(deps),
    listTopics(deps).then((listed) => othersOnly(deps, listed)),
    sinceLastLook(deps, userId),
    ownTimeZone(deps, userId),
  ]);
  // Home's times are the viewer's (their Slack profile's zone), else Briefbot's, named as such.
  const zone = ownZone ?? deps.config.DEFAULT_TIMEZONE;
  // The red and yellow rows of `feeds list`: failing, retrying, and stale (nothing new for 90 days).
  const troubled = (await listFeeds(deps, { limit: 10, failingFirst: true, timeZone: zone })).filter(
    (feed) => feed.status === 'failing' || /failed|may no longer be updated/.test(feed.health),
  );
  const since = new Date(deps.clock.now().getTime() - 7 * 24 * 3600_000);
  const asks = await deps.db.prisma.askLog.groupBy({
    by: ['userId'],
    where: { at: { gte: since }, ...askedByPeople },
    _count: { _all: true },
  });
  const usage = { asks7d: asks.reduce((sum, entry) => sum + entry._count._all, 0), askers7d: asks.length };
  const everySchedule = await listSchedules(deps);
  const schedules = role === 'admin' ? everySchedule : [];
  const latestDigest = latestDigestText(everySchedule, userId);
  // Others' follows are counted by topic, never whose, as `digest list` counts them.
  const othersFollows = followsSummary(
    schedules.filter(
      (schedule) =>
        schedule.personal && schedule.channelId !== userId && schedule.status !== ScheduleStatus.NoTopics,
    ),
    '',
  );
  const digests =
    role === 'admin'
      ? schedules
          .filter((schedule) => !schedule.personal)
          .map((schedule) => {
            const last = lastRunText(schedule);
            const where = `<#${schedule.channelId}>`;
            const failed = schedule.lastRun?.status === 'failed' ? ':red_circle: ' : '';
            return `${failed}*${schedule.id}* ${where} ${schedule.when} · ${last}${restartText(schedule)}`;
          })
      : [];
  if (othersFollows) digests.push(othersFollows);
  // A follow whose topic went before follows ended with their topic has nothing to show or stop.
  const reader = await followReader(deps, userId);
  const follows = (await listSchedules(deps, { userId }))
    .filter((schedule) => schedule.status !== ScheduleStatus.NoTopics)
    .map((schedule) => ({
      id: schedule.id,
      topic: topicsText(schedule),
      name: followName(schedule),
      when: `${schedule.when}${followSettings(schedule)}`,
      note: emptyFollowNote(schedule, topics, reader),
    }));
  const claims = await deps.db.prisma.nudge.findMany({
    where: { claimantId: userId, state: 'claimed' },
    include: { item: { select: { title: true, url: true } } },
    orderBy: { claimedAt: 'asc' },
  });
  const myClaims = claims.map((nudge) => {
    const snoozed = snoozeHint(deps, nudge, deps.clock.now(), zone, ' · ');
    return {
      id: nudge.id,
      line: `• *${nudge.id}* ${storyLink(nudge)} in <#${nudge.channelId}>${snoozed} · once replied: \`/brief nudge replied ${nudge.id} <link>\` · or give it back: \`/brief nudge release ${nudge.id}\``,
    };
  });
  const team =
    role === 'admin'
      ? responseStats(deps, 30).bySme.map(
          (row) => `<@${row.label}>: ${statsLine(row, { expert: true, brief: true })}`,
        )
      : [];
  // An expert's own month, in the words of `/brief stats`: what they are measured on.
  const own = role === 'sme' ? responseStats(deps, 30, { claimant: userId }).overall : null;
  const myFigures =
    own && own.nudges > 0 ? statsLine(own, { expert: true, brief: true, you: true }) : undefined;
  const conversations = role === 'member' ? undefined : conversationCounts(deps, userId);
  const now = deps.clock.now();
  // An admin hands out the work: the ones waiting and the ones held, with who holds them.
  const handOut =
    role === 'admin' && conversations && conversations.waiting + conversations.claimed > 0
      ? await conversationsToHandOut(deps, now, zone)
      : { lines: [], stranded: 0 };
  const teamConversations = handOut.lines;
  // Those with nobody to ask are counted apart, as `nudge list` heads them: an admin must act.
  if (conversations && handOut.stranded > 0) {
    conversations.waiting -= handOut.stranded;
    conversations.stranded = handOut.stranded;
  }
  const waitingOnBeats =
    role !== 'admin' && conversations && conversations.onBeat > 0
      ? await waitingOnBeatLines(deps, userId, now)
      : [];
  const [sme] = role === 'member' ? [] : await listSmes(deps, userId);
  const beats = sme && {
    topics: sme.labels,
    awayUntil: sme.awayUntil && sme.awayUntil >= now ? formatUntilDay(sme.awayUntil, zone, now) : null,
    // An absence set ahead: shown with its first day, nudges still coming until then.
    awayFrom:
      sme.awayUntil && sme.awayFrom && sme.awayFrom > now
        ? formatUntilDay(sme.awayFrom, zone, now).replace(/ \(.*\)$/, '')
        : null,
  };
  const setup = await readSetup(deps);
  const slackOutage = role === 'admin' ? slackOutageText(deps.db.sqlite, now) : null;
  const names = feedNames(pageFeedTitles(stories));
  return buildHomeView({
    userId,
    role,
    gettingStarted: await gettingStartedText(deps, userId, setup),
    week: { counts, problem: await missingFeedsText(deps, userId, setup), newest: setup.newest },
    lastLook,
    ...(options.asked ? { asked: options.asked } : {}),
    ...(latestDigest ? { latestDigest } : {}),
    updated: { at: now, timeZone: zone, ownZone: ownZone !== null, lastPoll: lastPollAt(deps) },
    // A feed added but none read (all failing or paused): there is nothing to ask about yet.
    readsFeeds: setup.reading > 0,
    feeds,
    troubledFeeds: troubled,
    ...(role !== 'admin' && troubled.length > 0 ? { feedsFixedBy: await adminsToAsk(deps) } : {}),
    topics,
    usage,
    digests,
    myClaims,
    follows,
    team,
    ...(myFigures ? { myFigures } : {}),
    // A story that came out since the viewer last looked says so, first.
    topStories: stories.map((item) => ({
      line: `${lastLook && item.publishedAt > lastLook.at ? '*New* · ' : ''}${itemLine(item, now, names, false)}`,
      itemId: item.id,
      title: item.title,
    })),
    ...(conversations ? { conversations } : {}),
    ...(waitingOnBeats.length ? { waitingOnBeats } : {}),
    ...(teamConversations.length ? { teamConversations } : {}),
    ...(beats ? { beats } : {}),
    ...(slackOutage ? { slackOutage } : {}),
  });
}

/**
 * " · resume it: `/brief digest resume 1`": how an admin starts a stopped digest again, from Home
 * (one with no topics left gets them back with an edit, which starts it).
 */
function restartText(schedule: ScheduleView): string {
  if (schedule.status === ScheduleStatus.Paused)
    return ` · :double_vertical_bar: posts nothing until resumed: \`/brief digest resume ${schedule.id}\``;
  if (schedule.status === ScheduleStatus.NoTopics)
    return ` · :double_vertical_bar: its topics were removed; give it some: \`/brief digest edit ${schedule.id} topics: <topic>\``;
  return '';
}

/**
 * "*Latest digest:* #market-news · Tue 24 Nov 08:00 UTC · 8 items": the last digest posted that the
 * viewer can open (a channel's, or one of their own follows in their DMs), or null before any.
 */
function latestDigestText(schedules: ScheduleView[], userId: string): string | null {
  const [latest] = schedules
    .filter(
      (schedule) =>
        (!schedule.personal || schedule.channelId === userId) &&
        schedule.lastRun?.status === 'posted' &&
        schedule.lastRun.items > 0,
    )
    .sort((a, b) => (b.lastRun?.at.getTime() ?? 0) - (a.lastRun?.at.getTime() ?? 0));
  if (!latest?.lastRun) return null;
  const where = latest.personal
    ? `your follow of ${escapeText(topicsText(latest))}, in this app’s *Messages* tab`
    : `<#${latest.channelId}>`;
  const at = `${formatSlot(latest.lastRun.at, latest.timeZone)} ${timeZoneName(latest.timeZone)}`;
  return `*Latest digest:* ${where} · ${at} · ${countOf(latest.lastRun.items, 'item')}`;
}

/**
 * For an admin: each conversation waiting for a claim (posted) or claimed and not answered, oldest
 * first, with since when, who holds it, and the command that gives it to someone (Reassign, on Home).
 */
async function conversationsToHandOut(
  deps: Deps,
  now: Date,
  zone: string,
): Promise<{ lines: Array<{ id: number; line: string }>; stranded: number }> {
  const nudges = await deps.db.prisma.nudge.findMany({
    where: { OR: [{ state: 'open', postedAt: { not: null } }, { state: 'claimed' }] },
    select: {
      id: true,
      state: true,
      claimantId: true,
      claimedAt: true,
      postedAt: true,
      snoozedUntil: true,
      reopenedAt: true,
      topicId: true,
      ...storyColumns,
      topic: { select: { name: true, displayName: true } },
    },
    orderBy: { id: 'asc' },
  });
  const lines: Array<{ id: number; line: string }> = [];
  let stranded = 0;
  for (const nudge of nudges) {
    const line = waitingLine({
      id: nudge.id,
      ...storyOf(nudge),
      topic: nudge.topic ? topicLabel(nudge.topic) : null,
    });
    // An away claimant is the main reason to reassign, so their line says so, as `nudge list` does.
    const nobody = await nobodyToAsk(deps, nudge, zone);
    if (nobody) stranded += 1;
    const where =
      nudge.state === 'claimed'
        ? `<@${nudge.claimantId}>${await claimantNote(deps, nudge.claimantId, zone)} ${holding(deps, nudge, now)}`
        : `posted ${nudge.postedAt ? formatRelative(nudge.postedAt, now) : ''}, ${nobody ? `nobody to ask: ${nobody}` : 'waiting for a claim'}`;
    lines.push({
      id: nudge.id,
      line: `• ${[line, where, ...reopenedFlag(deps, nudge, now), ...snoozeFlag(deps, nudge, now), `\`/brief nudge reassign ${nudge.id} @someone\``].join(' · ')}`,
    });
  }
  return { lines, stranded };
}

/** Conversations not finished, team-wide, and how many of those waiting are on the viewer's beats. */
function conversationCounts(
  deps: Deps,
  userId: string,
): { waiting: number; claimed: number; onBeat: number; stranded?: number } {
  return deps.db.sqlite
    .prepare(
      `SELECT
         COALESCE(SUM(n.state = 'open' AND n.posted_at IS NOT NULL), 0) AS waiting,
         COALESCE(SUM(n.state = 'claimed'), 0) AS claimed,
         COALESCE(SUM(n.state = 'open' AND n.posted_at IS NOT NULL AND n.topic_id IN (
           SELECT b.topic_id FROM beats b JOIN smes s ON s.id = b.sme_id WHERE s.user_id = ?)), 0) AS onBeat
       FROM nudges n WHERE n.state IN ('open', 'claimed')`,
    )
    .safeIntegers(false)
    .get(userId) as { waiting: number; claimed: number; onBeat: number };
}
