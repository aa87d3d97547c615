import { findTopic, topicLabel, topicNameKey } from '../analysis/topics.ts';
import { parsePeriod } from '../briefing/ask-parse.ts';
import { noRecentAnswer, openSourceOfLastAnswer } from '../briefing/drill.ts';
import { recordAudit } from '../db/audit.ts';
import { DeliveryKind, deliverToEach, recordSent } from '../deliveries.ts';
import type { Deps } from '../deps.ts';
import {
  afterReplied,
  beatJoinedWith,
  canUndoOwnDismissal,
  claimNudge,
  correctReplyUrl,
  creditReply,
  DismissReason,
  describeEarlier,
  dismissalOf,
  dismissNudge,
  finishedState,
  givenBy,
  heldBefore,
  isReplyNote,
  isStoryLink,
  markReplied,
  moveNudgeToTopic,
  notClaimantText,
  ReplyNote,
  ReplyUrl,
  type RunningSnooze,
  readNudge,
  reassignNudge,
  releasedFrom,
  releaseNudge,
  reopeningOf,
  reopenNudge,
  replyWords,
  snoozeNudge,
  storyLinkRefusal,
  unsnoozeNudge,
} from '../engage/claims.ts';
import { draftReply } from '../engage/draft.ts';
import {
  claimantNote,
  handOnCommand,
  postClaimantAwayNotice,
  postMovedNotice,
  postOpenAgainNotice,
  postStrandedNotice,
  postTakenNotice,
  redrawInvitations,
} from '../engage/follow-through.ts';
import { olderConversations, type ResponseStats, responseStats } from '../engage/metrics.ts';
import {
  afterWorkingMs,
  beatExperts,
  controversyScores,
  expiryOf,
  feedItemAt,
  feedItemRefusal,
  inBusinessHours,
  inQuietHours,
  loadNudgeView,
  otherClaimsOf,
  owedMorningDms,
  personTimeZone,
  postedTodayCounter,
  refreshNudgeMessage,
  requestersOf,
  requestResponse,
  snoozedBy,
  workingMsBetween,
} from '../engage/nudges.ts';
import { addSme, inAt, isAwayAt, listSmes, topicsWithoutExpert } from '../engage/smes.ts';
import { storyColumns, storyLink, storyOf } from '../engage/story.ts';
import { UserError } from '../errors.ts';
import {
  countOf,
  formatDayTime,
  formatRelative,
  formatUntilDay,
  formatWait,
  namesWithin,
} from '../format.ts';
import {
  type Continued,
  context,
  escapeText,
  fields,
  howReplied,
  limits,
  type Message,
  message,
  section,
  truncateMrkdwn,
} from '../slack/blocks/common.ts';
import { draftReplyMessage } from '../slack/blocks/draft.ts';
import {
  alsoHolding,
  awayClause,
  awayList,
  claimantMessage,
  claimedNote,
  closedClaimantMessage,
  evenIfAwayLabel,
  type NudgeView,
  nudgeMessage,
  reopenedMessage,
  statsShareBlocks,
  type WaitingConversation,
  waitingForYouMessage,
  waitingLine,
} from '../slack/blocks/nudge.ts';
import { groupHelpMessage, helpPage, noticeMessage } from '../slack/blocks/replies.ts';
import {
  adminsToAsk,
  adminsToAskFor,
  isAdmin,
  isExpertOn,
  Role,
  requireAdmin,
  requireExpertOrAdmin,
  roleOf,
} from './access.ts';
import { localDate, parseUntilDate, startOfLocalDay, timeZoneName, zonedTime } from './dates.ts';
import { nudgeSettings, serverSettingRefusal } from './nudge-settings.ts';
import { closest, firstWord, parseChannel, parsePerson, plainText, suggested, words } from './text.ts';

const dayMs = 24 * 3600_000;

/** /brief claims: the conversations I claimed and have not answered yet. */
export async function myClaims(deps: Deps, userId: string, filter = ''): Promise<Message> {
  if (plainText(filter))
    throw new UserError(
      'USAGE',
      `\`/brief claims\` takes no filter ("${escapeText(plainText(filter))}"): it shows every conversation you hold. One conversation: \`/brief nudge <number>\`; the whole team's: \`/brief nudge list\`.`,
    );
  const nudges = await deps.db.prisma.nudge.findMany({
    where: { claimantId: userId, state: 'claimed' },
    include: { item: true },
    orderBy: { claimedAt: 'asc' },
  });
  if (nudges.length === 0)
    return noticeMessage(
      (await roleOf(deps, userId)) === Role.Member
        ? `You have no open conversations: they are claimed by the experts on a beat. \`/brief sme list\` shows who covers what; ask ${await adminsToAsk(deps)} to put you on a beat.`
        : `You have no open conversations. ${waitingOnBeats(deps, userId)}`,
    );
  const now = deps.clock.now();
  const zone = await personTimeZone(deps, userId);
  const lines = nudges.map(
    (nudge) =>
      `• *${nudge.id}* ${storyLink(nudge)} in <#${nudge.channelId}>, ${heldSince(deps, nudge, now, 'you')}${snoozeHint(deps, nudge, now, zone, ', ')} — mark it replied from your DM, or \`/brief nudge release ${nudge.id}\``,
  );
  return message(`You have ${countOf(nudges.length, 'open conversation')}`, [
    section(`*Your open conversations (${nudges.length})*`),
    section(lines.join('\n')),
  ]);
}

/** What an expert holding none can take: the conversations waiting for a claim on their beats, oldest first. */
function waitingOnBeats(deps: Deps, userId: string): string {
  const waiting = deps.db.sqlite
    .prepare(
      `SELECT DISTINCT n.id FROM nudges n JOIN beats b ON b.topic_id = n.topic_id JOIN smes s ON s.id = b.sme_id
       WHERE s.user_id = ? AND n.state = 'open' ORDER BY n.id`,
    )
    .pluck()
    .safeIntegers(false)
    .all(userId) as number[];
  if (!waiting.length)
    return 'Claim one from a nudge in a channel, or see those waiting: `/brief nudge list`.';
  const shown = waiting.slice(0, 3).map((id) => `\`/brief nudge claim ${id}\``);
  const more = waiting.length > shown.length ? ` (and ${waiting.length - shown.length} more)` : '';
  return `${countOf(waiting.length, 'conversation')} on your beats ${waiting.length === 1 ? 'waits' : 'wait'} for a claim: ${shown.join(', ')}${more}. Every one in progress: \`/brief nudge list\`.`;
}

/**
 * "snoozed until Fri 27 Nov 01:12 UTC": a claim whose reminder to reply is snoozed, with the expiry
 * when the snooze leaves no room for a reminder before it; '' when it is not snoozed.
 */
function snoozedUntil(
  deps: Deps,
  nudge: { id: number; snoozedUntil: Date | null },
  now: Date,
  zone: string,
): string {
  if (!nudge.snoozedUntil || nudge.snoozedUntil <= now) return '';
  const expires = expiryOf(deps, nudge.id);
  const lapses = leavesNoReminder(deps, reminderClock(deps, nudge.id), nudge.snoozedUntil, expires)
    ? `, so no reminder comes before the claim expires ${formatDayTime(expires, zone)}`
    : '';
  return `snoozed until ${formatDayTime(nudge.snoozedUntil, zone)}${lapses}`;
}

type ReminderClock = { from: number; hours: number; zone: string };

/** Where a conversation's reminder clock counts from (its claim, else its post), after how many working hours, in whose zone. */
function reminderClock(deps: Deps, nudgeId: number): ReminderClock {
  const facts = deps.db.sqlite
    .prepare(
      `SELECT n.state, COALESCE(n.claimed_at, 0) AS claimedAt, COALESCE(n.posted_at, n.created_at) AS postedAt, s.timezone
       FROM nudges n LEFT JOIN smes s ON s.user_id = n.claimant_id WHERE n.id = ?`,
    )
    .safeIntegers(false)
    .get(nudgeId) as { state: string; claimedAt: number; postedAt: number; timezone: string | null };
  const claimed = facts.state === 'claimed';
  return {
    from: claimed ? facts.claimedAt : facts.postedAt,
    hours: claimed ? deps.config.NUDGE_REPLY_REMINDER_HOURS : deps.config.NUDGE_REMIND_AFTER_HOURS,
    zone: (claimed && facts.timezone) || deps.config.DEFAULT_TIMEZONE,
  };
}

/**
 * "09:00-18:00, weekdays": the hours reminders count, with their time zone when the reader's is
 * another ("09:00-18:00 UTC, weekdays"), so "until Mon 30 Nov 04:00 GMT-5" does not read as outside them.
 */
function workingHoursText(deps: Deps, clockZone: string, readerZone: string): string {
  const zone = clockZone === readerZone ? '' : ` ${timeZoneName(clockZone)}`;
  return `${deps.config.BUSINESS_HOURS}${zone}, weekdays`;
}

/**
 * Whether a snooze ending `until` leaves no reminder before the expiry: reminders count working
 * hours only (the claimant's, for a claim) from the later of the snooze's end and the claim or post.
 */
function leavesNoReminder(deps: Deps, clock: ReminderClock, until: Date, expires: Date): boolean {
  const since = new Date(Math.max(clock.from, until.getTime()));
  return afterWorkingMs(deps, since, clock.hours * 3600_000, expires, clock.zone) === null;
}

/** ", snoozed until … (`/brief nudge unsnooze 3` ends it)": a claim's snoozed reminder, for its claimant, after `lead`. */
export function snoozeHint(
  deps: Deps,
  nudge: { id: number; snoozedUntil: Date | null },
  now: Date,
  zone: string,
  lead: string,
): string {
  const until = snoozedUntil(deps, nudge, now, zone);
  return until ? `${lead}${until} (\`/brief nudge unsnooze ${nudge.id}\` ends it)` : '';
}

/**
 * The words for conversations in progress, as `nudge list` heads them and stats split them:
 * "1 with nobody to ask, 2 waiting for a claim, 1 claimed and awaiting a reply, 1 not posted yet".
 */
export function inProgressParts(counts: {
  stranded: number;
  waiting: number;
  claimed: number;
  unposted: number;
}): string[] {
  return [
    ...(counts.stranded ? [`${counts.stranded} with nobody to ask`] : []),
    ...(counts.waiting ? [`${counts.waiting} waiting for a claim`] : []),
    ...(counts.claimed ? [`${counts.claimed} claimed and awaiting a reply`] : []),
    ...(counts.unposted ? [`${counts.unposted} not posted yet`] : []),
  ];
}

const listedPerGroup = 10;
/** A conversation's line in a list: room for a long story title, never the whole section. */
const listLineLength = 1000;

/**
 * One group of the team's conversations on page `page`: a heading, then oldest first as many lines as one
 * section holds (10 at most), the rest counted with `rest`, where to see them ("…and 40 more: `/brief more`
 * shows the next"); null when none is on this page.
 */
function conversationGroup(heading: string, lines: string[], page: number, rest: string): string | null {
  const from = (page - 1) * listedPerGroup;
  const onPage = lines.slice(from, from + listedPerGroup);
  if (onPage.length === 0) return null;
  const which = page > 1 ? `, ${from + 1}–${from + onPage.length}` : '';
  const title = `*${heading} (${lines.length}${which})*`;
  const more = (hidden: number) => (hidden > 0 ? [`…and ${hidden} more${rest}`] : []);
  const shown: string[] = [];
  for (const line of onPage.map((entry) => truncateMrkdwn(entry, listLineLength))) {
    const text = [title, ...shown, line, ...more(lines.length - from - shown.length - 1)].join('\n');
    // Room left for escaping: a group never reaches Slack's cut, which would drop its last lines silently.
    if (text.length > limits.sectionText - 100) break;
    shown.push(line);
  }
  return [title, ...shown, ...more(lines.length - from - shown.length)].join('\n');
}

/** Why a nudge found by the monitor is not in its channel yet (postPendingNudges' rules), per channel. */
function heldReasons(deps: Deps, now: Date): (channelId: string) => string {
  const quiet = inQuietHours(deps, now);
  const postedToday = postedTodayCounter(deps, now);
  return (channelId) => {
    if (quiet) return `held until quiet hours (${deps.config.NUDGE_QUIET_HOURS}) end`;
    return postedToday(channelId) >= deps.config.NUDGE_DAILY_LIMIT
      ? `held until tomorrow: the channel had its ${deps.config.NUDGE_DAILY_LIMIT} nudges today`
      : 'posted within a minute';
  };
}

/**
 * /brief nudge list [<topic>] [page N]: every conversation not finished yet, team-wide (or one topic's),
 * so nothing is left unanswered; each group pages by ten, and a bare "more" shows the next page.
 */
export async function teamConversations(
  deps: Deps,
  userId: string,
  page = 1,
  topic: { id: number; name: string; displayName?: string | null } | null = null,
): Promise<Message & Continued> {
  const nudges = await deps.db.prisma.nudge.findMany({
    where: { state: { in: ['open', 'claimed'] }, ...(topic ? { topicId: topic.id } : {}) },
    include: {
      item: { select: { title: true, url: true } },
      topic: { select: { name: true, displayName: true } },
    },
    orderBy: { createdAt: 'asc' },
  });
  if (nudges.length === 0 && topic)
    return noticeMessage(
      `No conversations in progress on ${escapeText(topicLabel(topic))}. Every topic's: \`/brief nudge list\`.`,
    );
  if (nudges.length === 0)
    return noticeMessage(
      (await deps.db.prisma.nudge.count()) === 0
        ? 'No conversations yet. Briefbot asks the experts on a beat when one of its topics turns controversial (`/brief topics set <topic> channel=#…` says where); `/brief nudge <item link>` asks them now, and the *Request a response…* menu on answers does too.'
        : 'No conversations are waiting: every nudge was answered, dismissed or expired. `/brief stats 30d` shows how fast the team responded.',
    );
  const now = deps.clock.now();
  const heldBecause = heldReasons(deps, now);
  const ago = (at: Date | null) => (at ? formatRelative(at, now) : '');
  const describe = (nudge: (typeof nudges)[number], detail: string[]) =>
    [
      `• *${nudge.id}* ${storyLink(nudge)} in <#${nudge.channelId}>`,
      ...(nudge.topic ? [escapeText(topicLabel(nudge.topic))] : []),
      ...detail,
    ].join(' · ');
  const admin = (await roleOf(deps, userId)) === Role.Admin;
  // An away day is said in the viewer's zone, as `sme list` and Home say it.
  const zone = await personTimeZone(deps, userId);
  const held: string[] = [];
  const stranded: string[] = [];
  const waiting: string[] = [];
  const claimed: string[] = [];
  for (const nudge of nudges) {
    const snoozed = [...reopenedFlag(deps, nudge, now), ...snoozeFlag(deps, nudge, now)];
    const nobody = nudge.postedAt ? await nobodyToAsk(deps, nudge, zone) : null;
    if (nudge.state === 'claimed') {
      const away = await claimantNote(deps, nudge.claimantId, zone);
      claimed.push(
        describe(nudge, [`<@${nudge.claimantId}>${away} ${holding(deps, nudge, now)}`, ...snoozed]),
      );
    } else if (!nudge.postedAt) {
      held.push(describe(nudge, [`found ${ago(nudge.createdAt)}`, heldBecause(nudge.channelId)]));
    } else if (nobody) {
      // Nobody sees these but the admins: each says why, and how to give it to someone.
      stranded.push(
        describe(nudge, [
          `nobody to ask: ${nobody}`,
          `posted ${ago(nudge.postedAt)}`,
          ...followUps(nudge),
          ...snoozed,
          ...(admin ? [`\`/brief nudge reassign ${nudge.id} @someone\``] : []),
        ]),
      );
    } else {
      waiting.push(describe(nudge, [`posted ${ago(nudge.postedAt)}`, ...followUps(nudge), ...snoozed]));
    }
  }
  const summary = inProgressParts({
    stranded: stranded.length,
    waiting: waiting.length,
    claimed: claimed.length,
    unposted: held.length,
  });
  const rest = `: \`/brief more\` shows the next${topic ? '' : "; one topic's: `/brief nudge list <topic>`"}`;
  const groups = [
    conversationGroup('Nobody to ask: an admin gives these to someone', stranded, page, rest),
    conversationGroup('Waiting for a claim', waiting, page, rest),
    conversationGroup('Claimed, awaiting a reply', claimed, page, rest),
    conversationGroup('Not posted yet', held, page, rest),
  ].filter((group): group is string => group !== null);
  const longest = Math.max(stranded.length, waiting.length, claimed.length, held.length);
  const pages = Math.ceil(longest / listedPerGroup);
  const onPage = page > 1 ? ` (page ${page} of ${pages})` : '';
  const on = topic ? ` on ${escapeText(topicLabel(topic))}` : '';
  const listed = `nudge list${topic ? ` ${topic.name}` : ''}`;
  return {
    ...message(`Conversations in progress${on}${onPage}: ${summary.join(', ')}`, [
      section(`*Conversations in progress${on}${onPage}:* ${summary.join(', ')}`),
      ...(groups.length
        ? groups.map((group) => section(group))
        : [section(`All of them are on the first ${countOf(pages, 'page')}: \`/brief ${listed}\`.`)]),
      context(listFooter(await roleOf(deps, userId), waiting.length + stranded.length > 0)),
    ]),
    continues: page < pages ? `${listed} page ${page + 1}` : null,
  };
}

/** How far back `nudge list closed` looks. */
const closedDays = 30;

/** The words `nudge list` takes for finished conversations, and the states each shows. */
const closedFilters: Record<string, string[]> = {
  closed: ['replied', 'dismissed', 'expired'],
  finished: ['replied', 'dismissed', 'expired'],
  done: ['replied', 'dismissed', 'expired'],
  all: ['replied', 'dismissed', 'expired'],
  replied: ['replied'],
  answered: ['replied'],
  dismissed: ['dismissed'],
  expired: ['expired'],
};

/**
 * `/brief nudge list closed` (replied, dismissed, expired): the conversations finished in the last 30
 * days, newest first, with how each ended and, for an admin, the command that reopens it.
 */
export async function closedConversations(deps: Deps, userId: string, states: string[]): Promise<Message> {
  const now = deps.clock.now();
  const nudges = await deps.db.prisma.nudge.findMany({
    where: { state: { in: states }, updatedAt: { gte: new Date(now.getTime() - closedDays * dayMs) } },
    select: {
      id: true,
      state: true,
      channelId: true,
      claimantId: true,
      replyUrl: true,
      replyNote: true,
      dismissReason: true,
      updatedAt: true,
      topic: { select: { name: true, displayName: true } },
      ...storyColumns,
    },
    orderBy: { updatedAt: 'desc' },
  });
  const which = states.length === 1 ? states[0] : 'closed';
  if (nudges.length === 0)
    return noticeMessage(
      `No conversations ${which === 'closed' ? 'finished' : which} in the last ${closedDays} days. In progress: \`/brief nudge list\`; older ones: \`/brief changes nudges\`.`,
    );
  const admin = await isAdmin(deps, userId);
  const ended = (nudge: (typeof nudges)[number]) =>
    nudge.state === 'replied'
      ? `replied by <@${nudge.claimantId}>${howReplied(nudge.replyUrl, nudge.replyNote)}`
      : nudge.state === 'dismissed'
        ? `dismissed${dismissedBy(deps, nudge.id)}${nudge.dismissReason ? ` (${escapeText(nudge.dismissReason)})` : ''}`
        : 'expired without a recorded reply';
  const lines = nudges.map((nudge) =>
    [
      `• *${nudge.id}* ${storyLink(nudge)} in <#${nudge.channelId}>`,
      ...(nudge.topic ? [escapeText(topicLabel(nudge.topic))] : []),
      `${ended(nudge)} ${formatRelative(nudge.updatedAt, now)}`,
      ...(admin || canUndoOwnDismissal(deps, nudge, userId) ? [`\`/brief nudge reopen ${nudge.id}\``] : []),
    ].join(' · '),
  );
  const heading = `Conversations ${which === 'closed' ? 'finished' : which} in the last ${closedDays} days`;
  return message(`${heading}: ${nudges.length}`, [
    section(
      conversationGroup(
        heading,
        lines,
        1,
        `; fewer at a time: ${states.length > 1 ? '`/brief nudge list replied` (or `dismissed`, `expired`); ' : ''}every change to them: \`/brief changes nudges\``,
      ) ?? heading,
    ),
    context(
      `In progress: \`/brief nudge list\` · who did what, and older ones: \`/brief changes nudges\`${admin ? '' : ' · an admin reopens one'}`,
    ),
  ]);
}

/**
 * Why no expert can be asked about a waiting conversation, as its message tells the admins ("the
 * expert on outages is away (@U1 until Fri 27 Nov)", or the only one available gave it back);
 * null when one can be, or it is not waiting.
 */
export async function nobodyToAsk(
  deps: Deps,
  nudge: {
    id: number;
    state: string;
    topicId: number | null;
    topic: { name: string; displayName?: string | null } | null;
    /** The topic it was asked on, kept when that topic was removed: its key, and its name as typed. */
    topicName?: string | null;
    topicLabel?: string | null;
  },
  zone = deps.config.DEFAULT_TIMEZONE,
): Promise<string | null> {
  if (nudge.state !== 'open') return null;
  const { smes, away } = await beatExperts(deps, nudge.topicId);
  const [only] = smes;
  // As typed ("Économie"), never its key.
  const topic = nudge.topic ? topicLabel(nudge.topic) : null;
  if (smes.length === 1 && releasedFrom(deps, nudge.id) === only)
    return `<@${only}>, the only expert on ${escapeText(topic ?? 'this beat')}, no longer has it`;
  if (smes.length) return null;
  const removed = nudge.topicId === null ? (nudge.topicLabel ?? nudge.topicName) : null;
  return removed
    ? `its topic ${escapeText(removed)} was removed`
    : noExpertReason(deps, { topic, away }, zone);
}

/**
 * "snoozed until Thu 26 Nov 04:54 UTC"; a snooze cut short by the expiry, or a claim's ending
 * too near it for a reminder, says the expiry: "snoozed until it expires Tue 1 Dec 01:12 UTC",
 * "snoozed until Mon 30 Nov 09:00 UTC, no reminder before the claim expires Tue 1 Dec …". None when not snoozed.
 */
export function snoozeFlag(
  deps: Deps,
  nudge: { id: number; state?: string; snoozedUntil: Date | null },
  now: Date,
): string[] {
  if (!nudge.snoozedUntil || nudge.snoozedUntil <= now) return [];
  const expires = expiryOf(deps, nudge.id);
  const zone = deps.config.DEFAULT_TIMEZONE;
  if (nudge.snoozedUntil >= expires) return [`snoozed until it expires ${formatDayTime(expires, zone)}`];
  // The snooze's end, as every view writes it: never "due again", as reminders count working hours only.
  const until = `snoozed until ${formatDayTime(nudge.snoozedUntil, zone)}`;
  if (
    nudge.state === 'claimed' &&
    leavesNoReminder(deps, reminderClock(deps, nudge.id), nudge.snoozedUntil, expires)
  )
    return [`${until}, no reminder before the claim expires ${formatDayTime(expires, zone)}`];
  return [until];
}

/** What the list's reader can do next: a claim hint only for who can claim, and only when one waits. */
function listFooter(role: Role, waiting: boolean): string {
  const stats = '`/brief stats 30d` how fast the team responds';
  if (role === Role.Admin)
    return `\`/brief nudge reassign <number> @someone\` gives one to an expert · ${stats}`;
  if (role === Role.Member)
    return `The experts on each beat claim these (\`/brief sme list\` shows who); \`/brief nudge <number>\` where one stands · ${stats}`;
  return `${waiting ? '`/brief nudge claim <number>` takes one on your beats · ' : ''}\`/brief nudge <number>\` where one stands · ${stats}`;
}

/**
 * Gives a conversation to an expert, as `/brief nudge reassign` and the expert picker do: the
 * message shows the new claimant, who gets the DM a claim brings (Mark replied and Release live
 * only there), and the one it was taken from is told they no longer need to reply. Someone off
 * the topic's beat joins it, as the picker's choice does. Returns whom it was taken from, the
 * beat they joined, if any, and whether that made them an expert (they were none before).
 */
export async function reassignAndNotify(
  deps: Deps,
  nudgeId: number,
  actorId: string,
  to: string,
  /** Given to them though they are marked away (the admin typed `confirm`). */
  evenIfAway = false,
): Promise<{ from: string | null; joined: string | null; newExpert: boolean; lapse: AwayLapse | null }> {
  // Refused to the admin in their own zone's days.
  const refusal = reassignRefusal(
    deps,
    nudgeId,
    actorId,
    to,
    evenIfAway,
    await personTimeZone(deps, actorId),
  );
  if (refusal) throw new UserError(refusal.code, refusal.text);
  const nudge = readNudge(deps, nudgeId);
  const previous = nudge.claimantId;
  const joined =
    nudge.topicId !== null && !isOnBeat(deps, nudge.topicId, to) ? topicName(deps, nudge.topicId) : null;
  // Read before they join its beat, which gives it someone to ask.
  const stranded = await strandedBefore(deps, nudgeId);
  const newExpert =
    joined !== null && (await deps.db.prisma.sme.findUnique({ where: { userId: to } })) === null;
  if (joined) await addSme(deps, { userId: to, topics: [joined], actorId });
  const previousDm = claimantDm(deps, nudgeId);
  await reassignNudge(deps, nudgeId, actorId, to, joined ? { joined, newExpert } : null);
  await refreshNudgeMessage(deps, nudgeId);
  await redrawInvitations(deps, nudgeId);
  if (stranded) await tellTaken(deps, nudgeId, actorId, to);
  const view = await loadNudgeView(deps, nudgeId);
  const lapse = awayLapse(deps, to, expiryOf(deps, nudgeId));
  // Their own days and hours: the DM is theirs to read.
  const zone = await personTimeZone(deps, to);
  // Given to someone away past its expiry: they know to reply before then, or to give it back.
  const lapseNote = lapse
    ? `You are marked away until ${formatUntilDay(lapse.until, zone)}, and this claim expires ${formatDayTime(lapse.expires, zone)}, before you are back: reply before then, or give it back so someone else can: \`/brief nudge release ${nudgeId}\`.`
    : undefined;
  await postClaimantDm(
    deps,
    nudgeId,
    to,
    claimantMessage(
      { ...view, timeZone: await personTimeZone(deps, to) },
      deps.clock.now(),
      actorId === to ? undefined : actorId,
      joined,
      lapseNote,
    ),
  );
  if (previous && previous !== to) {
    const text = `<@${actorId}> reassigned "${escapeText(view.title)}" to <@${to}>: you no longer need to reply to it.`;
    await closeClaimantDm(deps, nudgeId, previous, previousDm, closedNote);
    await directMessage(deps, nudgeId, previous, message(text, [section(text)]));
    return { from: previous, joined, newExpert, lapse };
  }
  return { from: null, joined, newExpert, lapse };
}

/**
 * Reassigns as `/brief nudge reassign` and the Home form do, and says to the admin what changed:
 * who was told, the beat it put them on (with its undo), and a claim that lapses while they are away.
 */
export async function reassignAndReport(
  deps: Deps,
  nudgeId: number,
  adminId: string,
  to: string,
  evenIfAway: boolean,
): Promise<Message> {
  const { from, joined, newExpert, lapse } = await reassignAndNotify(deps, nudgeId, adminId, to, evenIfAway);
  // Whoever held it was told by DM: said, as release and unsnooze say it.
  const told = from ? `; <@${from}>, who had it, was told` : '';
  // Made an expert by it: the undo ends that too, not only the beat, or they stay an expert without one.
  const beat = !joined
    ? ''
    : newExpert
      ? ` They become an expert on the ${escapeText(joined)} beat too, so they are asked about its next stories (${suggested(leaveBeatCommand(to, joined, true))} makes them no expert again).`
      : ` They join the ${escapeText(joined)} beat too, so they are asked about its next stories (${suggested(leaveBeatCommand(to, joined, false))} takes them off it).`;
  // The admin who reassigned it reads the days in their own zone.
  const zone = await personTimeZone(deps, adminId);
  const lapsing = lapse
    ? ` They are away until ${formatUntilDay(lapse.until, zone)}, and the claim expires ${formatDayTime(lapse.expires, zone)}, before they are back; their DM says so. If they cannot reply by then, give it to someone else: ${await handOnCommand(deps, nudgeId, to)}.`
    : '';
  return noticeMessage(
    `Conversation ${nudgeId} is now <@${to}>'s${told}.${beat}${lapsing} \`/brief nudge ${nudgeId}\` shows where it stands.`,
  );
}

/** Whether a conversation waits with nobody to ask (its thread asked the admins to act). */
async function strandedBefore(deps: Deps, nudgeId: number): Promise<boolean> {
  const nudge = await deps.db.prisma.nudge.findUniqueOrThrow({
    where: { id: nudgeId },
    select: {
      id: true,
      state: true,
      postedAt: true,
      topicId: true,
      topic: { select: { name: true, displayName: true } },
    },
  });
  return nudge.postedAt !== null && (await nobodyToAsk(deps, nudge)) !== null;
}

/**
 * A conversation that had nobody to ask, taken after all: its thread says so, and whoever asked
 * for it (told it had nobody to ask) hears that nothing is needed, so no admin reassigns it away.
 */
async function tellTaken(deps: Deps, nudgeId: number, actorId: string, to: string): Promise<void> {
  await postTakenNotice(deps, nudgeId, actorId, to);
  const nudge = await deps.db.prisma.nudge.findUniqueOrThrow({
    where: { id: nudgeId },
    select: { id: true, channelId: true, requestedBy: true, ...storyColumns },
  });
  await tellRequester(
    deps,
    nudge,
    [actorId, to],
    `Conversation ${nudge.id}, ${storyLink(nudge)} in <#${nudge.channelId}>, which had nobody to ask, is now <@${to}>'s: nothing is needed from you.`,
    () => '',
    DeliveryKind.Taken,
  );
}

/** A claim that would run out while its holder is marked away: until when they are away, and when it expires. */
type AwayLapse = { until: Date; expires: Date };

/** When `userId` is marked away past `expires`, a claim of theirs would lapse unanswered while they are out. */
function awayLapse(deps: Deps, userId: string, expires: Date): AwayLapse | null {
  const until = awayUntilOf(deps, userId);
  if (!until || expires >= until) return null;
  return { until, expires };
}

/**
 * The command that takes someone off a beat a reassign put them on: off being an expert at all
 * when it is their only beat (`only`), else off that beat.
 */
export function leaveBeatCommand(userId: string, topic: string, only: boolean): string {
  return only ? `/brief sme remove @${userId}` : `/brief sme remove @${userId} ${escapeText(topic)}`;
}

/**
 * A reassign that put its claimant on a beat leaves them there once the conversation is released:
 * said to an admin, with the command that takes them off it.
 */
async function keptOnBeatNote(
  deps: Deps,
  joined: { userId: string; topic: string } | null,
  actorId: string,
): Promise<string> {
  if (!joined || !(await isAdmin(deps, actorId))) return '';
  const [sme] = await listSmes(deps, joined.userId);
  if (!sme?.topics.includes(joined.topic)) return '';
  const remove = leaveBeatCommand(joined.userId, joined.topic, sme.topics.length === 1);
  return ` <@${joined.userId}> is still on the ${escapeText(joined.topic)} beat, which they joined when given this conversation, so they are asked about its next stories: ${suggested(remove)} takes them off it.`;
}

/** Why a reassignment is refused before anything changes: the command's words, and the Home form's (plain text). */
export type ReassignRefusal = { code: string; text: string; field: string };

const closedWords: Record<string, string> = {
  replied: 'was answered',
  dismissed: 'was dismissed as not relevant',
  expired: 'expired',
};

/**
 * What refuses giving conversation `nudgeId` to `to`, read before anything changes (the command and
 * the Home form both ask): a finished conversation, someone who has it already, an admin off its
 * beat giving it to themselves, and, unless confirmed, someone marked away.
 */
export function reassignRefusal(
  deps: Deps,
  nudgeId: number,
  actorId: string,
  to: string,
  evenIfAway: boolean,
  /** The zone the refusal gives days in: the admin's own where it was looked up. */
  zone = deps.config.DEFAULT_TIMEZONE,
): ReassignRefusal | null {
  const nudge = readNudge(deps, nudgeId);
  const finished = finishedState(deps, nudge, true, actorId);
  if (finished)
    return {
      code: 'ILLEGAL_TRANSITION',
      text: finished,
      field: `Conversation ${nudgeId} ${closedWords[nudge.state] ?? 'is closed'} meanwhile, so nothing was changed. To ask again, reopen it: /brief nudge reopen ${nudgeId}`,
    };
  if (nudge.state === 'claimed' && nudge.claimantId === to)
    return {
      code: 'ALREADY_THEIRS',
      text: `Conversation ${nudgeId} is already <@${to}>'s: nothing was sent. \`/brief nudge ${nudgeId}\` shows where it stands.`,
      field: 'It is already theirs: pick someone else, or Cancel.',
    };
  if (nudge.topicId !== null && to === actorId && !isOnBeat(deps, nudge.topicId, to))
    return {
      code: 'NOT_EXPERT',
      text: `To take conversation ${nudgeId} yourself, claim it: \`/brief nudge claim ${nudgeId}\` (admins may claim any conversation).`,
      field: `You are not on its beat: to take it yourself, claim it (/brief nudge claim ${nudgeId}); admins may claim any conversation.`,
    };
  return evenIfAway ? null : awayRefusal(deps, nudgeId, to, zone);
}

/** Someone marked away would get the conversation while out: the admin confirms, or picks someone else. */
function awayRefusal(deps: Deps, nudgeId: number, to: string, zone: string): ReassignRefusal | null {
  const until = awayUntilOf(deps, to);
  if (!until) return null;
  const now = deps.clock.now();
  // A reassignment is a claim from now: it expires NUDGE_EXPIRE_DAYS later.
  const lapse = awayLapse(deps, to, new Date(now.getTime() + deps.config.NUDGE_EXPIRE_DAYS * dayMs));
  const lapsing = lapse
    ? ` Their claim would expire ${formatDayTime(lapse.expires, zone)}, before they are back.`
    : '';
  const away = `is away until ${formatUntilDay(until, zone, now)}, so nothing was changed.${lapsing}`;
  return {
    code: 'EXPERT_AWAY',
    text: `<@${to}> ${away} Give it to them anyway: ${suggested(`/brief nudge reassign ${nudgeId} @${to} confirm`)}; or pick someone else (\`/brief sme list\` shows who is in).`,
    field: `They ${away.replace(/^is/, 'are')} To give it to them anyway, tick “${evenIfAwayLabel}” below; or pick someone else.`,
  };
}

/** Until when `userId` is marked away, if they are now. */
function awayUntilOf(deps: Deps, userId: string): Date | null {
  const until = deps.db.sqlite
    .prepare('SELECT away_until FROM smes WHERE user_id = ? AND (away_from IS NULL OR away_from <= ?)')
    .pluck()
    .safeIntegers(false)
    .get(userId, deps.clock.now().getTime()) as number | null | undefined;
  return until && until > deps.clock.now().getTime() ? new Date(until) : null;
}

/** Whether `userId` is an expert on the topic's beat. */
function isOnBeat(deps: Deps, topicId: number, userId: string): boolean {
  return (
    deps.db.sqlite
      .prepare('SELECT 1 FROM beats b JOIN smes s ON s.id = b.sme_id WHERE b.topic_id = ? AND s.user_id = ?')
      .get(topicId, userId) !== undefined
  );
}

function topicName(deps: Deps, topicId: number): string {
  return deps.db.sqlite.prepare('SELECT name FROM topics WHERE id = ?').pluck().get(topicId) as string;
}

/**
 * How its claimant came to hold a conversation: "claimed 2 h ago", or, when an admin gave it to them,
 * "given to you by @dana 2 h ago" (`to` 'you'; none: "given by @dana").
 */
export function heldSince(
  deps: Deps,
  nudge: { id: number; claimedAt: Date | null },
  now: Date,
  to = '',
): string {
  const when = nudge.claimedAt ? ` ${formatRelative(nudge.claimedAt, now)}` : '';
  const admin = givenBy(deps, nudge.id);
  return admin ? `given ${to ? `to ${to} ` : ''}by <@${admin}>${when}` : `claimed${when}`;
}

/** The same after the claimant's name: "claimed it 2 h ago", "was given it by @dana 2 h ago". */
export function holding(deps: Deps, nudge: { id: number; claimedAt: Date | null }, now: Date): string {
  const held = heldSince(deps, nudge, now);
  return held.startsWith('given')
    ? `was ${held.replace('given', 'given it')}`
    : held.replace('claimed', 'claimed it');
}

/** The ts of the DM with Mark replied and Release its claimant got last, if any. */
function claimantDm(deps: Deps, nudgeId: number): string | null {
  return (
    (deps.db.sqlite.prepare('SELECT claimant_dm_ts FROM nudges WHERE id = ?').pluck().get(nudgeId) as
      | string
      | null
      | undefined) ?? null
  );
}

/** The claimant's DM, whose ts is kept so it can be closed when the conversation is taken from them. */
async function postClaimantDm(deps: Deps, nudgeId: number, userId: string, body: Message): Promise<boolean> {
  return deps.outbox
    .post(userId, body)
    .then(({ ts }) => {
      deps.db.sqlite.prepare('UPDATE nudges SET claimant_dm_ts = ? WHERE id = ?').run(ts, nudgeId);
      return true;
    })
    .catch((error: unknown) => {
      deps.logger.warn({ nudgeId, userId, error }, 'conversation DM not sent');
      return false;
    });
}

/** What a former claimant's old DM says when a new DM tells them why: one notification, not two alike. */
const closedNote = 'No longer yours to reply to: the message below says why.';

/**
 * A former claimant's DM loses its buttons, so Mark replied and Release no longer look live; it
 * keeps the story, with `note` in place of the instructions.
 */
async function closeClaimantDm(
  deps: Deps,
  nudgeId: number,
  userId: string,
  ts: string | null,
  note: string,
  headline?: string,
): Promise<void> {
  if (!ts) return;
  const view = await loadNudgeView(deps, nudgeId);
  await deps.outbox
    .update(userId, ts, closedClaimantMessage(view, deps.clock.now(), note, headline))
    .catch((error: unknown) => deps.logger.warn({ nudgeId, userId, error }, 'claimant DM not closed'));
}

/**
 * The expert an admin picked for a nudge nobody covered: on a topic, they join its beat and get the
 * nudge, with Claim, in a DM; on no topic, it is theirs (the claimant's DM). Returns what the admin is told.
 */
export async function assignSmeAndNotify(
  deps: Deps,
  nudgeId: number,
  actorId: string,
  userId: string,
): Promise<string> {
  const nudge = await deps.db.prisma.nudge.findUniqueOrThrow({
    where: { id: nudgeId },
    include: { topic: true },
  });
  if (!nudge.topic) {
    await reassignAndNotify(deps, nudgeId, actorId, userId);
    return `<@${userId}> has this conversation now; they got a DM with *Mark replied* and *Release*.`;
  }
  await addSme(deps, { userId, topics: [nudge.topic.name], actorId });
  await refreshNudgeMessage(deps, nudgeId);
  const nudgeView = nudgeMessage(await loadNudgeView(deps, nudgeId), deps.clock.now());
  const intro = `<@${actorId}> added you to the ${escapeText(topicLabel(nudge.topic))} beat for this conversation. Press *Claim* to take it.`;
  await directMessage(deps, nudgeId, userId, message(nudgeView.text, [section(intro), ...nudgeView.blocks]));
  return `<@${userId}> joins the ${escapeText(topicLabel(nudge.topic))} beat and got this conversation in a DM, with *Claim*.`;
}

/** Replied, dismissed or expired: a refused move's next step may name `nudge reopen`, for admins. */
function isFinished(state: string): boolean {
  return !['open', 'claimed'].includes(state);
}

/**
 * A DM about conversations (`about`: their ids, none for one about beats alone): the move it follows
 * is done, so a DM Slack refuses is logged, not an error. One Slack took is recorded in deliveries,
 * so the thread reminder counts it as the expert's notification about each of them.
 */
async function directMessage(
  deps: Deps,
  about: number | readonly number[],
  userId: string,
  body: Message,
): Promise<void> {
  const ids = typeof about === 'number' ? [about] : about;
  await deps.outbox
    .post(userId, body)
    .then(({ ts }) =>
      recordSent(deps, {
        kind: DeliveryKind.ConversationDm,
        subjects: ids.map(String),
        recipients: [userId],
        message: body,
        ts,
      }),
    )
    .catch((error: unknown) =>
      deps.logger.warn({ nudgeIds: ids, userId, error }, 'conversation DM not sent'),
    );
}

/**
 * An admin reopens a finished conversation: the message offers Claim again, and the expert who had
 * replied, whose claim expired or was dismissed, or who dismissed it unclaimed, gets one DM, owed
 * until Slack takes it, naming the admin and why. Returns who was told, if anyone, and how they had it.
 */
export async function reopenAndNotify(
  deps: Deps,
  nudgeId: number,
  adminId: string,
  reason: string | null,
): Promise<{ userId: string; who: 'had it' | 'dismissed it' } | null> {
  const before = deps.db.sqlite
    .prepare(
      'SELECT state, claimant_id AS claimantId, reply_url AS replyUrl, reply_note AS replyNote, dismiss_reason AS dismissReason FROM nudges WHERE id = ?',
    )
    .get(nudgeId) as
    | {
        state: string;
        claimantId: string | null;
        replyUrl: string | null;
        replyNote: string | null;
        dismissReason: string | null;
      }
    | undefined;
  // An expert taking back their own dismissal: undone, not overruled, and still theirs to take.
  const undone = before?.state === 'dismissed' && !(await isAdmin(deps, adminId));
  // Who had given its claimant the conversation, read before the reopening changes who holds it.
  const given = before?.claimantId ? givenBy(deps, nudgeId) : null;
  const reopened = await reopenNudge(deps, nudgeId, adminId, reason);
  await refreshNudgeMessage(deps, nudgeId);
  await redrawInvitations(deps, nudgeId);
  await postOpenAgainNotice(deps, nudgeId, adminId, undone ? 'undid' : 'reopened', { reason });
  // A dismissal overruled is its author's to hear about; a claimant whose claim someone else dismissed
  // was told they no longer need to reply, so they hear it is back.
  const dismisser = before?.state === 'dismissed' ? dismissalOf(deps, nudgeId)?.by : undefined;
  const expert = before?.claimantId ?? dismisser;
  const told =
    before && expert && expert !== adminId && ['replied', 'expired', 'dismissed'].includes(before.state)
      ? expert
      : null;
  // An expert who also asked for it gets their own DM below, not the askers' one too.
  if (before) await tellRequestersReopened(deps, nudgeId, adminId, before, reason, told);
  if (!before || !told) return null;
  const view = await loadNudgeView(deps, nudgeId);
  await deliverToEach(deps, {
    kind: DeliveryKind.Reopened,
    subject: String(reopened.id),
    episode: deps.clock.now().getTime(),
    recipients: [told],
    message: reopenedMessage(view, {
      adminId,
      reason,
      was: before.state as 'replied' | 'expired' | 'dismissed',
      replyUrl: before.replyUrl,
      replyNote: before.replyNote,
      dismissReason: before.dismissReason,
      dismissedBy: dismisser && dismisser !== told ? dismisser : null,
      givenBy: told === before.claimantId ? given : null,
      // The thread post asks the available experts on the beat: the DM agrees with it.
      asked: view.smes.includes(told),
    }),
  });
  return { userId: told, who: before.claimantId === told ? 'had it' : 'dismissed it' };
}

/** Whoever asked for a response was told how it ended: a line that it no longer stands, and that the new outcome follows. */
async function tellRequestersReopened(
  deps: Deps,
  nudgeId: number,
  adminId: string,
  before: { state: string; replyUrl: string | null; replyNote: string | null },
  reason: string | null,
  expert: string | null,
): Promise<void> {
  const view = await loadNudgeView(deps, nudgeId);
  const recipients = requestersOf(deps, view).filter(
    (requester) => requester !== adminId && requester !== expert,
  );
  if (recipients.length === 0) return;
  const was =
    before.state === 'replied' && (before.replyUrl || before.replyNote)
      ? `the reply (${before.replyUrl ?? escapeText(before.replyNote ?? '')}) no longer stands`
      : `it is no longer ${before.state === 'dismissed' ? 'dismissed' : 'expired'}`;
  const text = `<@${adminId}> reopened "${escapeText(view.title)}", the conversation you asked for (${view.id})${reason ? ` (${escapeText(reason)})` : ''}: ${was}. You'll get a DM with the new outcome.`;
  await deliverToEach(deps, {
    kind: DeliveryKind.Reopened,
    subject: String(view.id),
    episode: deps.clock.now().getTime(),
    recipients,
    message: message(text, [section(text)]),
  });
}

/**
 * Claim, as the Claim button does: the message shows the claimant, whose DM gets the link, Mark
 * replied and Release. Returns a note for a claimant marked away (they still get no nudges), else ''.
 */
export async function claimAndNotify(
  deps: Deps,
  nudgeId: number,
  userId: string,
): Promise<{ away: string; dmSent: boolean }> {
  const { state, claimantId } = readNudge(deps, nudgeId);
  // Someone else's already: said first ("Already claimed by …"), whoever asks.
  const taken = state === 'claimed' && claimantId !== userId;
  if (!taken) await requireExpertOrAdmin(deps, nudgeId, userId, 'claim');
  // Whether they are an admin (a Slack call, for a workspace admin) only words a refusal.
  // (An expert on the beat is not asked about: their refusal is the same, and it saves a Slack call.)
  const asAdmin =
    (isFinished(state) || (taken && !(await isExpertOn(deps, nudgeId, userId)))) &&
    (await isAdmin(deps, userId));
  const stranded = await strandedBefore(deps, nudgeId);
  await claimNudge(deps, nudgeId, userId, asAdmin);
  await refreshNudgeMessage(deps, nudgeId);
  await redrawInvitations(deps, nudgeId);
  if (stranded) await tellTaken(deps, nudgeId, userId, userId);
  const dmSent = await postClaimantDm(
    deps,
    nudgeId,
    userId,
    // Its dates in the claimant's own time zone: the DM is theirs alone.
    claimantMessage(
      { ...(await loadNudgeView(deps, nudgeId)), timeZone: await personTimeZone(deps, userId) },
      deps.clock.now(),
    ),
  );
  return { away: await awayNote(deps, userId), dmSent };
}

/** For an expert marked away who acts on a conversation: they still get no nudges, and how to end it. */
async function awayNote(deps: Deps, userId: string): Promise<string> {
  const sme = await deps.db.prisma.sme.findUnique({
    where: { userId },
    select: { awayUntil: true, awayFrom: true },
  });
  if (!sme?.awayUntil || !isAwayAt(sme, deps.clock.now())) return '';
  // Their own day: they set it in their own time zone.
  const zone = await personTimeZone(deps, userId);
  return `You are marked away until ${formatUntilDay(sme.awayUntil, zone, deps.clock.now())}, so you get no other nudges until then. Back sooner? \`/brief sme away me back\``;
}

/**
 * Release, by the claimant or an admin: the message offers Claim again, and a claimant whose claim
 * an admin released is told by whom, and how to take it back.
 */
export async function releaseAndNotify(deps: Deps, nudgeId: number, userId: string): Promise<void> {
  const previous = readNudge(deps, nudgeId).claimantId;
  const previousDm = claimantDm(deps, nudgeId);
  await releaseNudge(deps, nudgeId, userId, await isAdmin(deps, userId));
  await refreshNudgeMessage(deps, nudgeId);
  // The invitations that said who had it offer Claim again.
  await redrawInvitations(deps, nudgeId);
  await postOpenAgainNotice(deps, nudgeId, userId, 'released', { from: previous });
  // The only expert available gave it back: whoever asked for it is told, as when they go away.
  await tellRequestersStranded(deps, nudgeId, userId);
  // Their own release: the DM's Mark replied and Release are no longer theirs to press.
  if (previous === userId) {
    // The only expert available gave it back: "open for the experts" would promise someone.
    const alone = (await loadNudgeView(deps, nudgeId)).smes.every((expert) => expert === userId);
    await closeClaimantDm(
      deps,
      nudgeId,
      userId,
      previousDm,
      alone
        ? `You released conversation ${nudgeId}, and you no longer need to reply. Nobody else is available on its beat, so the admins are asked to give it to someone.`
        : `You released conversation ${nudgeId}: it is open for the experts again, and you no longer need to reply.`,
    );
  }
  if (previous && previous !== userId) {
    const view = await loadNudgeView(deps, nudgeId);
    const text = `<@${userId}> released your claim on "${escapeText(view.title)}": it is open for the experts again, and you no longer need to reply. To take it back, press *Claim* on the nudge, or send \`/brief nudge claim ${nudgeId}\`.`;
    await closeClaimantDm(deps, nudgeId, previous, previousDm, closedNote);
    await directMessage(deps, nudgeId, previous, message(text, [section(text)]));
  }
}

/**
 * The reply's link recorded, as Mark replied does; an admin may record it for the claimant, who is
 * then told. Given again for a replied conversation, it replaces the link (a wrong one pasted):
 * 'corrected'; an admin naming another expert for it moves the credit to them: 'credited'
 * (`creditedFrom`: whom it was taken from, also told). `onBehalfOf`: the claimant whose reply an
 * admin recorded.
 */
export async function recordReply(
  deps: Deps,
  nudgeId: number,
  userId: string,
  url: string,
  expertId?: string,
): Promise<{
  outcome: 'recorded' | 'corrected' | 'credited' | 'unchanged';
  onBehalfOf: string | null;
  claimed: boolean;
  creditedFrom: string | null;
}> {
  if (isStoryLink(deps, nudgeId, url)) throw new UserError('STORY_LINK', storyLinkRefusal);
  const same = await sameReplyUrl(deps, nudgeId, userId, url, expertId);
  if (same) return { outcome: 'unchanged', onBehalfOf: same.onBehalfOf, claimed: false, creditedFrom: null };
  const forExpert =
    expertId && expertId !== userId ? await claimForExpert(deps, nudgeId, userId, expertId, url) : null;
  const claimed = forExpert ? forExpert === 'claimed' : await claimToRecord(deps, nudgeId, userId);
  const creditedFrom =
    forExpert === 'credit' && expertId
      ? (await creditReply(deps, nudgeId, userId, expertId, url)).from
      : null;
  const nudge = readNudge(deps, nudgeId);
  const onBehalf = nudge.claimantId !== userId && (await isAdmin(deps, userId));
  const outcome = creditedFrom ? 'credited' : nudge.state === 'replied' ? 'corrected' : 'recorded';
  if (outcome === 'corrected') await correctReplyUrl(deps, nudgeId, userId, url, onBehalf);
  else if (outcome === 'recorded')
    await markReplied(
      deps,
      nudgeId,
      userId,
      url,
      onBehalf,
      onBehalf && nudge.claimantId ? { expertId: nudge.claimantId, claimed } : undefined,
    );
  await refreshNudgeMessage(deps, nudgeId);
  // Their own reply: the DM's Mark replied and Release are done with, as after a dismissal.
  if (outcome === 'recorded' && !onBehalf && nudge.claimantId === userId)
    await closeClaimantDm(
      deps,
      nudgeId,
      userId,
      claimantDm(deps, nudgeId),
      `You replied${afterReplied(url)}. ${isReplyNote(url) ? 'Wrong?' : 'A wrong link?'} Send \`/brief nudge replied ${nudgeId} &lt;link to your reply | how you replied&gt;\`.`,
      `You replied to conversation ${nudgeId}${afterReplied(url)}`,
    );
  const onBehalfOf = onBehalf ? nudge.claimantId : null;
  const shown = replyWords(url);
  if (creditedFrom) {
    const view = await loadNudgeView(deps, nudgeId);
    const text = `<@${userId}> credited the reply to "${escapeText(view.title)}" to <@${nudge.claimantId}> instead of you: nothing more to do.`;
    await directMessage(deps, nudgeId, creditedFrom, message(text, [section(text)]));
  }
  if (onBehalfOf) {
    const view = await loadNudgeView(deps, nudgeId);
    const text =
      outcome === 'corrected'
        ? `<@${userId}> corrected ${isReplyNote(url) ? 'how you replied to' : 'the link to your reply to'} "${escapeText(view.title)}": it is now ${shown}. Nothing more to do.`
        : claimed || outcome === 'credited'
          ? `<@${userId}> recorded your reply to "${escapeText(view.title)}" (${shown}) for you, as yours: nothing more to do.`
          : `<@${userId}> recorded your reply to "${escapeText(view.title)}" (${shown}): nothing more to do, and *Mark replied* and *Release* in your DM are no longer needed.`;
    await closeClaimantDm(deps, nudgeId, onBehalfOf, claimantDm(deps, nudgeId), closedNote);
    await directMessage(deps, nudgeId, onBehalfOf, message(text, [section(text)]));
  }
  const view = await loadNudgeView(deps, nudgeId);
  const replier = view.claimantId ?? userId;
  await tellRequester(
    deps,
    view,
    [userId, replier],
    outcome !== 'corrected'
      ? `<@${replier}> replied to "${escapeText(view.title)}", the conversation you asked for (${view.id})${isReplyNote(url) ? `, ${shown}` : `: ${url}`}`
      : `Corrected link: <@${replier}>'s reply to "${escapeText(view.title)}", the conversation you asked for (${view.id}), is ${shown} (not the one sent before).`,
  );
  return { outcome, onBehalfOf, claimed, creditedFrom };
}

/**
 * The link already recorded, sent again (a double submit, or `www.…` then `https://www.…`): by the
 * one who replied or an admin, it is a no-op, with nothing re-announced. `onBehalfOf`: the replier,
 * when an admin sent it.
 */
async function sameReplyUrl(
  deps: Deps,
  nudgeId: number,
  userId: string,
  url: string,
  expertId?: string,
): Promise<{ onBehalfOf: string | null } | null> {
  const nudge = deps.db.sqlite
    .prepare(
      'SELECT state, claimant_id AS claimantId, coalesce(reply_url, reply_note) AS reply FROM nudges WHERE id = ?',
    )
    .get(nudgeId) as { state: string; claimantId: string | null; reply: string | null } | undefined;
  if (nudge?.state !== 'replied' || nudge.reply !== url) return null;
  if (expertId && expertId !== nudge.claimantId) return null;
  if (nudge.claimantId === userId) return { onBehalfOf: null };
  return (await isAdmin(deps, userId)) ? { onBehalfOf: nudge.claimantId } : null;
}

/**
 * An admin records the reply an expert on its beat made without claiming (`nudge replied 12 <link>
 * @maria`): an open conversation is claimed for them, with no "please reply" DM ('claimed'); one
 * answered by someone else is credited to them instead ('credit': the wrong expert was named). Anyone
 * who is not an expert on its beat, and a conversation held by someone else, are refused.
 */
async function claimForExpert(
  deps: Deps,
  nudgeId: number,
  adminId: string,
  expertId: string,
  url: string,
): Promise<'claimed' | 'credit' | 'theirs'> {
  await requireAdmin(deps, adminId, 'record a reply for someone else');
  const nudge = readNudge(deps, nudgeId);
  if (!(await isExpertOn(deps, nudgeId, expertId))) {
    const topic = nudge.topicId
      ? (await deps.db.prisma.topic.findUnique({ where: { id: nudge.topicId }, select: { name: true } }))
          ?.name
      : undefined;
    throw new UserError(
      'NOT_EXPERT',
      topic
        ? `<@${expertId}> is not an expert on ${escapeText(topic)}, so nothing was recorded. Put them on its beat first: \`/brief sme add @${expertId} ${escapeText(topic)}\`, then send this command again.`
        : `<@${expertId}> is not an expert, so nothing was recorded. Make them one first: \`/brief sme add @${expertId} <topic>\`, then send this command again.`,
    );
  }
  if (nudge.state === 'open') {
    await claimNudge(deps, nudgeId, expertId, true, adminId);
    return 'claimed';
  }
  if (nudge.state === 'replied' && nudge.claimantId !== expertId) return 'credit';
  if (nudge.claimantId && nudge.claimantId !== expertId && nudge.state === 'claimed')
    throw new UserError(
      'NOT_CLAIMANT',
      // Recording it for the claimant is offered only if they wrote it: their stats would count it.
      `Conversation ${nudgeId} is claimed by <@${nudge.claimantId}>, not <@${expertId}>, so nothing was recorded. If <@${expertId}> wrote the reply, give it to them first: \`/brief nudge reassign ${nudgeId} @${expertId}\`, then send this command again. Only if <@${nudge.claimantId}> wrote it, record it as theirs: \`/brief nudge replied ${nudgeId} ${replyWords(url)}\`.`,
    );
  return 'theirs';
}

/**
 * A reply given for a conversation nobody claimed: an expert on its beat has replied already, so it
 * is claimed for them (true). An admin is pointed to the claim or the reassignment the reply needs.
 */
async function claimToRecord(deps: Deps, nudgeId: number, userId: string): Promise<boolean> {
  if (readNudge(deps, nudgeId).state !== 'open') return false;
  if (await isExpertOn(deps, nudgeId, userId)) {
    await claimNudge(deps, nudgeId, userId);
    return true;
  }
  if (await isAdmin(deps, userId))
    throw new UserError(
      'NOT_CLAIMED',
      `Nobody has claimed conversation ${nudgeId} yet. If an expert replied, record it as theirs: \`/brief nudge replied ${nudgeId} <link> @them\`. If the reply is yours, claim it first (\`/brief nudge claim ${nudgeId}\`), then send this command again.`,
    );
  await requireExpertOrAdmin(deps, nudgeId, userId, 'record a reply to');
  return false;
}

/** Not relevant, with the reason: the message says so for everyone. */
export async function dismissAndRefresh(deps: Deps, nudgeId: number, userId: string, reason: string) {
  const before = readNudge(deps, nudgeId);
  // Its claimant may dismiss it even off the beat now: the one replying found it is not relevant.
  if (before.claimantId !== userId) await requireExpertOrAdmin(deps, nudgeId, userId, 'dismiss');
  const previousDm = claimantDm(deps, nudgeId);
  // Given by an admin, not claimed: said as given, as everywhere the claim shows.
  const given = before.state === 'claimed' ? givenBy(deps, nudgeId) : null;
  const admin = before.state !== 'open' && before.claimantId !== userId && (await isAdmin(deps, userId));
  await dismissNudge(deps, nudgeId, userId, reason, admin);
  await refreshNudgeMessage(deps, nudgeId);
  // The DMs inviting experts to claim it: nothing to claim now.
  await redrawInvitations(deps, nudgeId);
  const view = await loadNudgeView(deps, nudgeId);
  if (before.claimantId) {
    const text =
      before.claimantId === userId
        ? `You dismissed "${escapeText(view.title)}" as not relevant: nothing more to do.`
        : `<@${userId}> dismissed "${escapeText(view.title)}", ${given ? `which ${given === userId ? 'they' : `<@${given}>`} had given you` : 'which you had claimed'}, as not relevant (${escapeText(reason)}): you no longer need to reply.`;
    await closeClaimantDm(
      deps,
      nudgeId,
      before.claimantId,
      previousDm,
      before.claimantId === userId ? text : closedNote,
    );
    if (before.claimantId !== userId)
      await directMessage(deps, nudgeId, before.claimantId, message(text, [section(text)]));
  }
  await tellRequester(
    deps,
    view,
    [userId],
    `<@${userId}> dismissed "${escapeText(view.title)}", the conversation you asked for (${view.id}), as not relevant: ${escapeText(reason)}${/[.!?…]$/.test(reason) ? '' : '.'}`,
    // Only an admin can take a dismissal back: anyone else is told whom to ask.
    (admin, ask) =>
      admin
        ? ` Disagree? \`/brief nudge reopen ${view.id} <why>\` asks the experts again.`
        : ` Disagree? Ask ${ask} to reopen it (\`/brief nudge reopen ${view.id} <why>\`).`,
  );
}

/** Someone else asks for a response the experts were already asked for: they hear the outcome too. */
async function addRequester(deps: Deps, nudgeId: number, userId: string): Promise<void> {
  const { requestedBy } = await deps.db.prisma.nudge.findUniqueOrThrow({
    where: { id: nudgeId },
    select: { requestedBy: true },
  });
  if (requestersOf(deps, { id: nudgeId, requestedBy }).includes(userId)) return;
  await recordAudit(deps.db, deps.clock.now(), {
    actorId: userId,
    action: 'nudge.request',
    subjectType: 'nudge',
    subjectId: nudgeId,
  });
}

/**
 * Whoever asked for a response hears the outcome once (unless they brought it about themselves);
 * `next`, the step after it, which may differ for admins and everyone else.
 */
async function tellRequester(
  deps: Deps,
  view: { id: number; requestedBy: string | null },
  actors: string[],
  text: string,
  /** What the requester can do next: an admin's own command, or whom to ask (`ask`, by name). */
  next: (admin: boolean, ask: string) => string = () => '',
  kind: DeliveryKind = DeliveryKind.Outcome,
): Promise<void> {
  const recipients = requestersOf(deps, view).filter((requester) => !actors.includes(requester));
  const admins = new Set<string>();
  for (const recipient of recipients) if (await isAdmin(deps, recipient)) admins.add(recipient);
  for (const admin of [true, false]) {
    const group = recipients.filter((recipient) => admins.has(recipient) === admin);
    if (group.length === 0) continue;
    const told = `${text}${next(admin, admin ? '' : await adminsToAsk(deps))}`;
    await deliverToEach(deps, {
      kind,
      subject: String(view.id),
      episode: deps.clock.now().getTime(),
      recipients: group,
      message: message(told, [section(told)]),
    });
  }
}

/**
 * Snooze (a day, unless `until` says): no reminders until then; a claimant snoozes their reminder
 * to reply. A snooze never outlasts the conversation: it ends when the conversation expires, and
 * `note` says so (or that it expires within a day of the snooze's end). `until` is when it ends,
 * as the one who snoozed reads the time (their time zone).
 */
export async function snoozeADay(
  deps: Deps,
  nudgeId: number,
  userId: string,
  asked = new Date(deps.clock.now().getTime() + 24 * 3600_000),
  { keepLonger = false } = {},
): Promise<{
  until: string;
  note: string;
  claimed: boolean;
  kept?: boolean;
  unchanged?: boolean;
  /** No working hours before its end: reminders would not have counted until then anyway. */
  idle?: boolean;
  /** The claimant, told by DM that an admin snoozed their reminder to reply. */
  told?: string;
}> {
  const nudge = readNudge(deps, nudgeId);
  const claimed = nudge.state === 'claimed' && nudge.claimantId === userId;
  if (!claimed) await requireExpertOrAdmin(deps, nudgeId, userId, 'snooze');
  const admin = !claimed && nudge.state !== 'open' && (await isAdmin(deps, userId));
  const expires = expiryOf(deps, nudgeId);
  // A minute's grace: a week asked for a conversation found a moment ago is not "cut short".
  const capped = asked.getTime() - expires.getTime() > 60_000;
  const clock = reminderClock(deps, nudgeId);
  // Reminders count working hours only: a snooze ending outside them (Saturday) runs to the next of them (Monday 09:00).
  const workStart = capped ? null : afterWorkingMs(deps, asked, 0, expires, clock.zone);
  const until = capped ? expires : workStart && workStart > asked ? workStart : asked;
  const earlier = await runningSnooze(deps, nudgeId);
  const zone = await personTimeZone(deps, userId);
  // A button meant to quiet reminders never brings them forward: a longer snooze stays.
  if (keepLonger && earlier && earlier.until >= until)
    return {
      until: `${formatDayTime(earlier.until, zone)}, by ${earlier.by === userId ? 'you' : `<@${earlier.by}>`}`,
      note: '',
      claimed: nudge.state === 'claimed',
      kept: true,
    };
  // The same end typed another way ("36h" after "1d12h"): nothing changes, and nothing is recorded.
  if (earlier && Math.abs(earlier.until.getTime() - until.getTime()) < 60_000)
    return {
      until: `${formatDayTime(earlier.until, zone)}${earlier.by === userId ? '' : `, by <@${earlier.by}>`}`,
      note: '',
      claimed: nudge.state === 'claimed',
      unchanged: true,
    };
  // Reminders count working hours only: a snooze over none of them (posted at 05:00, "until 9am") changes nothing.
  if (!keepLonger && !earlier && workingMsBetween(deps, new Date(clock.from), until, clock.zone) === 0)
    return { until: formatDayTime(until, zone), note: '', claimed: nudge.state === 'claimed', idle: true };
  await snoozeNudge(deps, nudgeId, userId, until, admin, earlier);
  await refreshNudgeMessage(deps, nudgeId);
  // A snooze replaces the one running: said, and its author told when it was someone else's.
  const was = earlier
    ? ` (was until ${formatDayTime(earlier.until, zone)}, by ${earlier.by === userId ? 'you' : `<@${earlier.by}>`})`
    : '';
  if (earlier && earlier.by !== userId) {
    const text = `<@${userId}> changed your snooze of conversation ${nudgeId}: no reminders until ${formatDayTime(until, await personTimeZone(deps, earlier.by))} (was until ${formatDayTime(earlier.until, await personTimeZone(deps, earlier.by))}). \`/brief nudge ${nudgeId}\` shows where it stands.`;
    await directMessage(deps, nudgeId, earlier.by, message(text, [section(text)]));
  }
  // An admin snoozed someone's reminder to reply: their schedule changed, so they hear it (unless told above).
  const claimant = nudge.state === 'claimed' && !claimed ? nudge.claimantId : null;
  const told = claimant && claimant !== earlier?.by ? claimant : undefined;
  if (told)
    await tellClaimantSnoozed(
      deps,
      nudgeId,
      userId,
      told,
      until,
      leavesNoReminder(deps, clock, until, expires) ? expires : null,
    );
  const keep = claimed
    ? `reply before then: \`/brief nudge replied ${nudgeId} <link to your reply>\``
    : `to keep it, claim it: \`/brief nudge claim ${nudgeId}\``;
  // "It" would read as the snooze: the claim or the conversation is named, and what its expiry does.
  const expiring = nudge.state === 'claimed' ? 'The claim' : 'The conversation';
  const moved =
    until > asked
      ? ` Reminders count working hours only (${workingHoursText(deps, clock.zone, zone)}), so it runs to the first of them after the ${formatDayTime(asked, zone)} you asked for.`
      : '';
  const note =
    until < asked
      ? ` ${expiring} expires then (${deps.config.NUDGE_EXPIRE_DAYS} days after ${expiryStart(deps, nudge)}), before the ${formatDayTime(asked, zone)} you asked for: ${keep}.`
      : leavesNoReminder(deps, clock, until, expires)
        ? nudge.state === 'claimed'
          ? ` No reminder will come before the claim expires ${formatDayTime(expires, zone)}: unless a reply is recorded by then, it ends unanswered.${shorterSnooze(deps, nudgeId, clock, expires)}`
          : ` ${expiring} expires ${formatDayTime(expires, zone)} unless someone claims it.`
        : '';
  return {
    until: `${formatDayTime(until, zone)}${was}`,
    note: `${moved}${note}`,
    claimed: nudge.state === 'claimed',
    ...(told ? { told } : {}),
  };
}

/**
 * The claimant of a conversation an admin snoozed: until when (their time), how to undo it, and,
 * when no reminder comes before the claim expires (`expires`), that too.
 */
async function tellClaimantSnoozed(
  deps: Deps,
  nudgeId: number,
  adminId: string,
  claimantId: string,
  until: Date,
  expires: Date | null,
): Promise<void> {
  const zone = await personTimeZone(deps, claimantId);
  const view = await loadNudgeView(deps, nudgeId);
  const lapse = expires
    ? ` No reminder comes before your claim expires ${formatDayTime(expires, zone)}: reply before then (\`/brief nudge replied ${nudgeId} <link to your reply>\`).`
    : '';
  const text = `<@${adminId}> snoozed your reminder to reply to "${escapeText(view.title)}" (${nudgeId}) until ${formatDayTime(until, zone)}: no reminder to reply until then.${lapse} To be reminded as before: \`/brief nudge unsnooze ${nudgeId}\`.`;
  await directMessage(deps, nudgeId, claimantId, message(text, [section(text)]));
}

/**
 * A snooze ended by `userId`: the one who set it, when someone else, and the claimant whose reminder to
 * reply it held back, when neither, are told by DM. Returns the reply, saying whose snooze it was.
 */
async function tellUnsnoozed(
  deps: Deps,
  nudgeId: number,
  userId: string,
  earlier: RunningSnooze | null,
): Promise<string> {
  const { state, claimantId } = readNudge(deps, nudgeId);
  const claimant = state === 'claimed' ? claimantId : null;
  const told = [earlier?.by, claimant].filter(
    (person, index, all): person is string =>
      Boolean(person) && person !== userId && all.indexOf(person) === index,
  );
  for (const person of told) {
    const zone = await personTimeZone(deps, person);
    const was = earlier ? ` (it was until ${formatDayTime(earlier.until, zone)})` : '';
    const text =
      person === earlier?.by
        ? `<@${userId}> ended your snooze of conversation ${nudgeId}${was}: ${person === claimant ? 'your reminder to reply counts' : 'its reminders count'} ${countingFrom(deps, nudgeId, zone)}. \`/brief nudge ${nudgeId}\` shows where it stands.`
        : `<@${userId}> ended the snooze of your reminder to reply to conversation ${nudgeId}${was}: your reminder to reply counts ${countingFrom(deps, nudgeId, zone)}. \`/brief nudge ${nudgeId}\` shows where it stands.`;
    await directMessage(deps, nudgeId, person, message(text, [section(text)]));
  }
  // Someone else's snooze ended: said whose, and that they were told, as when a snooze is replaced.
  const whose =
    earlier && earlier.by !== userId
      ? ` (it was snoozed until ${formatDayTime(earlier.until, await personTimeZone(deps, userId))} by <@${earlier.by}>, who was told)`
      : '';
  const claimantTold =
    claimant && claimant !== userId && claimant !== earlier?.by
      ? ` <@${claimant}>, who has it, was told.`
      : '';
  const from = countingFrom(deps, nudgeId, await personTimeZone(deps, userId));
  return `Conversation ${nudgeId} is no longer snoozed${whose}: its reminders count ${from}.${claimantTold}`;
}

/**
 * "from now", or, outside working hours (those of whoever the reminders go to), "working hours only
 * (09:00-18:00, weekdays), from Tue 24 Nov 09:00 UTC" in `zone`: where a conversation's reminders
 * count from once they restart now, as the nudge's own reply says it.
 */
function countingFrom(deps: Deps, nudgeId: number, zone: string): string {
  const clock = reminderClock(deps, nudgeId);
  const now = deps.clock.now();
  const start = inBusinessHours(deps, now, clock.zone) ? null : nextWorkingStart(deps, now, clock.zone);
  return start
    ? `working hours only (${workingHoursText(deps, clock.zone, zone)}), from ${formatDayTime(start, zone)}`
    : 'from now';
}

/** "the experts are reminded from now", or, outside working hours, from when their reminders count. */
function remindedFrom(deps: Deps, nudgeId: number, zone: string): string {
  const from = countingFrom(deps, nudgeId, zone);
  return from === 'from now' ? 'the experts are reminded from now' : `its reminders count ${from}`;
}

/** The longest snooze in whole days that still leaves a working-hours reminder before the claim expires; or none. */
function shorterSnooze(deps: Deps, nudgeId: number, clock: ReminderClock, expires: Date): string {
  const now = deps.clock.now().getTime();
  for (let days = Math.floor((expires.getTime() - now) / (24 * 3600_000)); days >= 1; days--)
    if (!leavesNoReminder(deps, clock, new Date(now + days * 24 * 3600_000), expires))
      return ` To be reminded first, snooze it for less: \`/brief nudge snooze ${nudgeId} ${days}d\`.`;
  return leavesNoReminder(deps, clock, new Date(now), expires)
    ? ''
    : ` To be reminded first, end the snooze: \`/brief nudge unsnooze ${nudgeId}\`.`;
}

/** A longer snooze kept by Snooze a day: until when and whose, and how to shorten it on purpose. */
export function keptSnoozeText(nudgeId: number, until: string): string {
  return `Already snoozed until ${until}: no reminders about it until then, so that snooze stays. A shorter one on purpose: \`/brief nudge snooze ${nudgeId} 1d\`.`;
}

/** The snooze running on a conversation, if any: until when, and who set it. */
async function runningSnooze(deps: Deps, nudgeId: number): Promise<RunningSnooze | null> {
  const until = deps.db.sqlite
    .prepare('SELECT snoozed_until FROM nudges WHERE id = ?')
    .pluck()
    .safeIntegers(false)
    .get(nudgeId) as number | null | undefined;
  if (!until || until <= deps.clock.now().getTime()) return null;
  return { until: new Date(until), by: await snoozedBy(deps, nudgeId) };
}

/** What a conversation's expiry counts from, in words: its claim, its reopening, or the experts being asked. */
function expiryStart(deps: Deps, nudge: { id: number; state: string }): string {
  if (nudge.state === 'claimed') return 'it was claimed';
  const reopened = deps.db.sqlite
    .prepare('SELECT reopened_at FROM nudges WHERE id = ?')
    .pluck()
    .get(nudge.id);
  return reopened ? 'it was reopened' : 'the experts were asked';
}

const nudgeVerbs =
  'claim <id> · replied <id> <link, or how you replied> · release <id> · snooze <id> · dismiss <id> <why> · move <id> <topic>';

/** What anyone can do: ask for a response and see where conversations stand. */
const readersUsage = 'nudge <item link> · nudge item <number> · nudge list · nudge <id> · nudge settings';

const everyonesUsage = `${readersUsage} · nudge claim <id> · nudge replied <id> <link, or how you replied> [@expert] · nudge release <id> · nudge snooze <id> [2d|12h|1w|until monday|until 9am] · nudge unsnooze <id> · nudge dismiss <id> <why> · nudge move <id> <topic> [why] · nudge draft <id>`;

const statsUsage = 'stats [7d|30d|this week|last month] [topic] [@expert|me]';

/** Every /brief nudge command, for its help. */
export const nudgeUsage = `${everyonesUsage} · nudge reassign <id> <@user> [confirm] · nudge reopen <id> [why] · claims · ${statsUsage}`;

/**
 * "/brief nudge help": the admins' verbs only to admins; an expert, their own and one line that
 * admins can do more; someone on no beat, what they can do and how to get a beat.
 */
export async function nudgeHelp(deps: Deps, userId: string): Promise<Message> {
  const role = await roleOf(deps, userId);
  if (role === Role.Admin) return groupHelpMessage('nudge', nudgeUsage);
  if (role === Role.Member)
    return groupHelpMessage(
      'nudge',
      `${readersUsage} · claims · ${statsUsage}`,
      `The experts on a beat claim conversations and reply: ask ${await adminsToAsk(deps)} to put you on one (\`/brief sme add @you <topic>\`) to claim them too.`,
    );
  return groupHelpMessage(
    'nudge',
    `${everyonesUsage} · claims · ${statsUsage}`,
    `Admins can also give a conversation to an expert, reopen a finished one and release anyone's claim: ask ${await adminsToAsk(deps)}.`,
  );
}

/** "/brief stats help": what each figure and period means. */
export function statsHelp(): Message {
  return helpPage('stats', [
    `\`/brief ${statsUsage}\` — how fast conversations are answered, for the team, a topic or an expert (\`me\`): the last 30 days unless you say.`,
    '*Periods*: `7d`, `2w`, `30d` (the last days, 365 at most) · `today` · `this week` (since Monday) · `last week` (the last 7 days) · `last month` (the whole month before this one).',
    '*The figures*, counted in conversations (one asked about or acted on in the period):',
    '• *claimed*: taken by an expert themselves; *(3 claims)* when one was claimed again after a release, so the releases add up.',
    '• *reassigned by an admin* (on an expert’s row: *to them*): given by an admin, not claimed (an expert who was only given theirs shows no “0 claimed”) · *reassigned away by an admin*: an admin gave an expert’s conversation to someone else.',
    '• *released*: given back by the expert, *(2 releases)* when one was given back twice · *released by an admin*: an admin took the claim back (*(2 times)*: twice) · *dismissed by an admin* (on an expert’s row): an admin dismissed their claim as not relevant. All stay counted whatever happened next; *dismissed by an admin, then reopened*: a dismissal an admin took back, so the conversation is in progress again, not dismissed.',
    '• *replied (80% of the 5 that needed one)*: the share is over those replied or expired; a dismissed one owed no reply, one in progress is not a miss yet.',
    '• *recorded by an admin*: replies an admin recorded for the expert: counted, but not timed.',
    '• *reopened by an admin*: a reply or dismissal an admin reopened (the conversation is in progress again): a reply still counts as replied, as it was made; a dismissal no longer stands; the claim stays.',
    '• *dismissed as not relevant* · *expired* (nobody replied in time) · *in progress*, in the words of `nudge list`: *with nobody to ask* (an admin gives it to someone), *waiting for a claim*, *claimed and awaiting a reply*, *not posted yet*.',
    '• On an expert’s row: *asked 2 · 0 claimed* for an expert asked who did nothing; *waiting on them*: on their beat, waiting for a claim they can make; *lapsed*: on their beat, expired with nobody ever holding it. After their conversations, *1 of these waiting on them again* is one of those counted (reopened, say), and *2 more waiting on them* or *1 more lapsed* are not among them, so the parts add up.',
    '• *claim in* / *reply in*: median times. A claim counts from the post (or the reopening, or the release before it); a reply, for the team and a topic from the post, on an expert’s row from their claim.',
  ]);
}

/** "/brief claims help": claiming, snoozing and giving back. */
export function claimsHelp(deps: Deps): Message {
  const { NUDGE_REPLY_REMINDER_HOURS: hours, NUDGE_EXPIRE_DAYS: days, BUSINESS_HOURS: working } = deps.config;
  return helpPage('claims', [
    '`/brief claims` — the conversations you hold and have not answered yet, oldest first.',
    '*Claim* one with the button on its message or `/brief nudge claim <id>`: it is yours to reply to, and the other experts are no longer asked.',
    '*Replied?* Press *Mark replied* in your DM or send `/brief nudge replied <id> <link to your reply>`; with no link (by email, by phone, in a private forum), say how: `/brief nudge replied <id> by email`.',
    `*Reminders*: a DM after ${hours} of your working hours (${working}, weekdays) without a reply; \`/brief nudge snooze <id> [2d | until monday]\` holds it back, \`/brief nudge unsnooze <id>\` ends the snooze.`,
    `*Expiry*: a claim with no reply ends ${days} days after it was claimed.`,
    '*Give it back*: *Release* in your DM or `/brief nudge release <id>`: it is open for the other experts again.',
    '`/brief nudge <id>` shows where one stands; `/brief nudge help`, every nudge command.',
  ]);
}

/** The words after /brief nudge, for "did you mean" on a typo. */
const nudgeWords = [
  'list',
  'item',
  'claim',
  'replied',
  'release',
  'snooze',
  'dismiss',
  'reassign',
  'reopen',
  'unsnooze',
  'move',
  'draft',
] as const;

/**
 * "/brief claim 1" or "/brief replied 1 <link>": a nudge verb typed without "nudge" is refused with
 * the command meant (links as typed), rather than searched for as a question.
 */
export function refuseGroupLessNudgeVerb(deps: Deps, userId: string, text: string): void {
  // "mark replied 1 <link>": the button's words typed mean the verb.
  const unmarked = text.trim().replace(/^mark\s+(?:it\s+|as\s+)?(?=replied\b)/i, '');
  const [typedVerb, typedRest] = firstWord(spokenVerbs(unmarked));
  const rest = withoutConversationWord(typedRest);
  const lower = nudgeVerbFor(typedVerb);
  if (lower === 'list' || lower === 'item' || !(nudgeWords as readonly string[]).includes(lower)) return;
  // "replied <link>", "mark replied": the number left out, never a news search on the link's words.
  const [first = ''] = words(plainText(rest));
  if (lower === 'replied' && (isLinkWord(first) || (unmarked !== text.trim() && !/^#?\d/.test(first))))
    throw new UserError('USAGE', whichConversation(deps, userId, 'replied', rest));
  if (!/^#?\d{1,9}(\s|$)/.test(rest.trim())) return;
  // "take 5 minutes to …": another word for a verb is read so only before a number alone (and done's link).
  const [, after = ''] = words(plainText(rest));
  if (
    lower !== typedVerb.toLowerCase() &&
    (words(plainText(rest)).length > 2 || (after && !isLinkWord(after)))
  )
    return;
  // Slack wraps a pasted link as <https://…> or <https://…|label>: the link itself is what was typed.
  const typed = rest.trim().replace(/<((?:https?|mailto):[^|>]+)(?:\|[^>]*)?>/g, '$1');
  throw new UserError('UNKNOWN_COMMAND', `Did you mean \`/brief nudge ${lower} ${escapeText(typed)}\`?`);
}

/** "give back 12", "give it back": one word for release, so the verbs read it. */
function spokenVerbs(text: string): string {
  return text.replace(/^give\s+(?:it\s+)?back\b/i, 'giveback');
}

/** "claim conversation 12": Briefbot's own word for what the number is, no part of it. */
function withoutConversationWord(rest: string): string {
  return rest.replace(/^\s*(?:conversation|convo|conv)\.?\s+(?=#?\d)/i, '');
}

/**
 * "claim conversation 12", "conversation 12", "give back 12": said as Briefbot says it, read as the
 * verb and its number; a link or a phrase after `nudge` is left as typed.
 */
function readSpokenNudge(spoken: string): string {
  const said = withoutConversationWord(spokenVerbs(spoken));
  const [verb, rest] = firstWord(said);
  const isVerb =
    (nudgeWords as readonly string[]).includes(verb.toLowerCase()) ||
    Object.hasOwn(nudgeSynonyms, verb.toLowerCase());
  return isVerb ? `${verb} ${withoutConversationWord(rest)}`.trim() : said;
}

/** The nudge verb a word means: itself, or the verb a synonym ("take", "unclaim", "done") stands for. */
function nudgeVerbFor(word: string): string {
  const lower = word.toLowerCase();
  const synonym = Object.hasOwn(nudgeSynonyms, lower) ? nudgeSynonyms[lower] : undefined;
  return synonym?.startsWith('nudge ') ? synonym.slice('nudge '.length) : lower;
}

/**
 * "/brief nudge 12": conversation 12, as the lists number them: where it stands and what to do
 * next, for whoever asks.
 */
export async function conversationStatus(deps: Deps, nudgeId: number, userId: string): Promise<Message> {
  const nudge = await deps.db.prisma.nudge.findUnique({
    where: { id: nudgeId },
    include: { item: true, topic: { select: { name: true, displayName: true } } },
  });
  if (!nudge)
    throw new UserError(
      'NUDGE_NOT_FOUND',
      `There is no conversation ${nudgeId}: the numbers are those in \`/brief nudge list\` and \`/brief claims\`. To ask the experts about an item, give its link: \`/brief nudge <item link>\`, or press *Request a response* on an answer.`,
    );
  const now = deps.clock.now();
  const about = `Conversation ${nudge.id}, ${storyLink(nudge)} in <#${nudge.channelId}>,`;
  const claimant = nudge.claimantId ? `<@${nudge.claimantId}>` : 'nobody';
  const yours = nudge.claimantId === userId;
  // Away holding it: the admin can hand it on.
  const zone = await personTimeZone(deps, userId);
  const awayClaimant =
    nudge.state === 'claimed' && !yours ? await claimantNote(deps, nudge.claimantId, zone) : '';
  const admin = await isAdmin(deps, userId);
  const ask = admin ? '' : await adminsToAsk(deps);
  const reminder = nudge.state === 'claimed' ? snoozedUntil(deps, nudge, now, zone) : '';
  // Its holder away: the expert in on its beat is named, as its thread names them to the admins.
  const reassignTo =
    awayClaimant && nudge.claimantId
      ? await handOnCommand(deps, nudge.id, nudge.claimantId)
      : `\`/brief nudge reassign ${nudge.id} @someone\``;
  const snoozed =
    nudge.state === 'open' && nudge.snoozedUntil && nudge.snoozedUntil > now
      ? `; snoozed by <@${await snoozedBy(deps, nudge.id)}> until ${formatDayTime(nudge.snoozedUntil, zone)}, no reminders until then`
      : '';
  const nobody = nudge.postedAt ? await nobodyToAsk(deps, nudge, zone) : null;
  const take = nobody
    ? admin
      ? `Give it to someone: \`/brief nudge reassign ${nudge.id} @someone\` (they join its beat), or take it: \`/brief nudge claim ${nudge.id}\`.`
      : (await isExpertOn(deps, nudge.id, userId))
        ? `Take it: \`/brief nudge claim ${nudge.id}\`.`
        : await whoPicks(deps, nudge.id, userId)
    : admin || (await isExpertOn(deps, nudge.id, userId))
      ? `Take it: \`/brief nudge claim ${nudge.id}\`${admin ? `, or give it to someone: \`/brief nudge reassign ${nudge.id} @someone\`` : ''}.`
      : await whoCanClaim(deps, nudge.topicId);
  const waitingFor = nobody ? `is waiting with nobody to ask: ${nobody}` : 'is waiting for a claim';
  const next: Record<string, string> = {
    open: nudge.postedAt
      ? `${waitingFor} (posted ${formatRelative(nudge.postedAt, now)}${waitingFlags(deps, nudge, now)}${snoozed}). ${take}`
      : `is not posted yet (${heldReasons(deps, now)(nudge.channelId)}). ${take}`,
    claimed: yours
      ? `is yours (${heldSince(deps, nudge, now, 'you')}${snoozeHint(deps, nudge, now, zone, '; your reminder to reply is ')}). Once you have replied: \`/brief nudge replied ${nudge.id} <link to your reply | how you replied>\`; to give it back: \`/brief nudge release ${nudge.id}\`.`
      : `is claimed by ${claimant}${awayClaimant}${reminder ? ` (their reminder to reply is ${reminder})` : ''}, who will reply; you can help them in its thread${admin ? `, or reassign it: ${reassignTo}` : ''}.`,
    replied: `was answered by ${claimant}${howReplied(nudge.replyUrl, nudge.replyNote)}. ${yours ? (nudge.replyNote ? `Wrong? Give the right words, or the link: \`/brief nudge replied ${nudge.id} <link to your reply | how you replied>\`.` : `A wrong link? Give the right one: \`/brief nudge replied ${nudge.id} <link to your reply>\`.`) : 'Nothing more to do.'}`,
    dismissed: `was dismissed as not relevant${dismissedBy(deps, nudge.id)}${nudge.dismissReason ? ` (${escapeText(nudge.dismissReason)})` : ''}. To ask the experts after all, ${admin || canUndoOwnDismissal(deps, nudge, userId) ? `reopen it: \`/brief nudge reopen ${nudge.id}\`` : `ask ${ask} to reopen it (\`/brief nudge reopen ${nudge.id} <why>\`)`}.`,
    expired: yours
      ? `expired without a recorded reply. If you did reply: \`/brief nudge replied ${nudge.id} <link to your reply>\`.`
      : `expired without a recorded reply. To ask the experts again, ${admin ? `reopen it: \`/brief nudge reopen ${nudge.id}\`` : `ask ${ask} to reopen it`}.`,
  };
  // Reopened: what was said or decided before, so the next expert need not start blind.
  const reopening =
    nudge.reopenedAt && ['open', 'claimed'].includes(nudge.state) ? reopeningOf(deps, nudge.id) : null;
  const earlier = reopening
    ? `\nEarlier: ${describeEarlier(reopening.was)}, reopened by <@${reopening.by}>${reopening.reason ? `: “${escapeText(reopening.reason)}”` : ''}.`
    : '';
  return noticeMessage(`${about} ${next[nudge.state] ?? `is ${nudge.state}.`}${earlier}`);
}

/** How far the follow-through went with a waiting conversation: escalated, or reminded. */
function followUps(nudge: { remindedAt: Date | null; escalatedAt: Date | null }): string[] {
  return nudge.escalatedAt ? ['escalated to the admins'] : nudge.remindedAt ? ['reminded'] : [];
}

/**
 * "; reopened just now by <@U…>; escalated to the admins": what happened to a waiting conversation
 * since it was posted, in the words `nudge list` uses.
 */
function waitingFlags(
  deps: Deps,
  nudge: { id: number; reopenedAt: Date | null; remindedAt: Date | null; escalatedAt: Date | null },
  now: Date,
): string {
  return [...reopenedFlag(deps, nudge, now), ...followUps(nudge)].map((flag) => `; ${flag}`).join('');
}

/**
 * "reopened just now by <@U…>": a reopened conversation is no fresh one (a reply or dismissal was
 * withdrawn), so every list says so. None when it was never reopened.
 */
export function reopenedFlag(
  deps: Deps,
  nudge: { id: number; reopenedAt: Date | null },
  now: Date,
): string[] {
  if (!nudge.reopenedAt) return [];
  const by = reopeningOf(deps, nudge.id)?.by;
  return [`reopened ${formatRelative(nudge.reopenedAt, now)}${by ? ` by <@${by}>` : ''}`];
}

/** " by <@U…>", who dismissed a conversation, when the trail knows. */
function dismissedBy(deps: Deps, nudgeId: number): string {
  const dismissal = dismissalOf(deps, nudgeId);
  return dismissal ? ` by <@${dismissal.by}>` : '';
}

/** For someone who can't claim: whom to ask instead. */
async function whoCanClaim(deps: Deps, topicId: number | null): Promise<string> {
  const topic = topicId
    ? await deps.db.prisma.topic.findUnique({
        where: { id: topicId },
        include: { beats: { include: { sme: { select: { userId: true } } } } },
      })
    : null;
  const experts = topic?.beats.map((beat) => `<@${beat.sme.userId}>`) ?? [];
  if (topic && experts.length)
    return `The experts on ${escapeText(topicLabel(topic))} (${experts.join(', ')}) can take it: ask them in its thread, or ask ${await adminsToAsk(deps)} to put you on the beat.`;
  return `The experts claim it; ask ${await adminsToAsk(deps)} to put you on its beat or give it to you.`;
}

/** The conversation number a verb acts on, or the usage of that verb. */
function nudgeNumber(word: string | undefined, usage: string): number {
  // "one", "1.5", "-1": a word given, but no conversation's number.
  if (word && !/^\d{1,9}$/.test(word.replace(/^#/, '')))
    throw new UserError('USAGE', `${notAConversationNumber(word)} Usage: /brief nudge ${usage}`);
  if (!word || !/^\d{1,9}$/.test(word.replace(/^#/, '')))
    throw new UserError('USAGE', `Usage: /brief nudge ${usage} (numbers in /brief nudge list)`);
  return Number(word.replace(/^#/, ''));
}

/** "-1", "1.5", "+3": meant as a number, but no conversation's. */
function looksNumeric(word: string): boolean {
  return /^#?[-+]?\d*[.,]?\d+$/.test(word);
}

function notAConversationNumber(word: string): string {
  return `"${escapeText(word)}" is not a conversation number: they are whole numbers, as in \`/brief nudge list\` (e.g. \`/brief nudge 12\`). For an item, give its link or \`/brief nudge item <number>\`.`;
}

/**
 * "nudge replied <link>" or "nudge release" with no number: which conversation is meant, named from
 * the sender's own claims, in the command to send (what they typed kept in it); nothing is done.
 */
function whichConversation(deps: Deps, userId: string, verb: 'replied' | 'release', typed: string): string {
  const link = plainText(typed)
    .trim()
    .replace(/<((?:https?|mailto):[^|>]+)(?:\|[^>]*)?>/g, '$1');
  const after = verb === 'replied' ? ` ${link ? escapeText(link) : '<link to your reply>'}` : '';
  const held = otherClaimsOf(deps, userId, 0);
  const nothing = verb === 'replied' ? 'Nothing was recorded.' : 'Nothing was done.';
  const [only] = held;
  if (only !== undefined && held.length === 1)
    return `Which conversation? Yours is ${only}: \`/brief nudge ${verb} ${only}${after}\`. ${nothing}`;
  if (only !== undefined)
    return `Which conversation? You hold conversations ${held.slice(0, -1).join(', ')} and ${held.at(-1)} (\`/brief claims\` lists them): put its number first, e.g. \`/brief nudge ${verb} ${only}${after}\`. ${nothing}`;
  return `Which conversation? Put its number first: \`/brief nudge ${verb} <number>${after}\` (the numbers are in \`/brief nudge list\`; you hold none now). ${nothing}`;
}

/** The one conversation number a verb takes: "claim one" and "claim 1 2" are refused, saying why. */
function onlyNudgeNumber(rest: string, verb: string): number {
  const [first, ...more] = words(rest);
  const id = nudgeNumber(first, `${verb} <id>`);
  if (more.length > 0)
    throw new UserError(
      'USAGE',
      /^#?\d{1,9}$/.test(more[0] ?? '')
        ? `One conversation at a time: \`/brief nudge ${verb} ${id}\`, then \`/brief nudge ${verb} ${more[0]?.replace(/^#/, '')}\`. Nothing was done.`
        : `\`/brief nudge ${verb}\` takes only the conversation's number: \`/brief nudge ${verb} ${id}\`. Nothing was done.`,
    );
  return id;
}

/** Whom a conversation is reassigned to: a mention, or a bare user id as in the console. */
function reassignee(word: string | undefined, id: number): string {
  const person = word ? parsePerson(word) : null;
  if (person) return person;
  if (!word)
    throw new UserError('USAGE', `To whom? Mention the expert: \`/brief nudge reassign ${id} @someone\`.`);
  throw new UserError(
    'USAGE',
    `"${escapeText(word)}" is not someone Slack recognised: mention them with @ and pick them from the list Slack shows as you type (\`/brief nudge reassign ${id} @someone\`).`,
  );
}

/** A snooze's end: a day by default, or "2d", "12h", "until monday", at most a week. */
function snoozeEnd(deps: Deps, text: string, id: number, zone: string): Date {
  const now = deps.clock.now();
  // "for 2 days" is "2 days".
  const value = text
    .trim()
    .toLowerCase()
    .replace(/^for\s+/, '')
    // "tomorrow morning": a day, whose snooze runs to its working hours' start; "next week", to Monday's.
    .replace(/^(until\s+)?(\S+)\s+morning$/, '$1$2')
    .replace(/^(?:until\s+)?next\s+week$/, 'until monday');
  const length = snoozeLengthMs(value);
  const until = !value
    ? new Date(now.getTime() + 24 * 3600_000)
    : length !== undefined
      ? new Date(now.getTime() + length)
      : snoozeUntil(deps, value.replace(/^until\s+/, ''), now, zone);
  const how = `\`/brief nudge snooze ${id} 2d\`, \`12h\`, \`90m\`, \`1d12h\`, \`1w\`, \`until monday\` or \`until 9am\` (a day if you give none; a week at most)`;
  if (!until)
    throw new UserError('USAGE', `I can't read "${escapeText(text)}" as a snooze length. Try ${how}.`);
  // "0h" gives no time at all, not one that has passed.
  if (length === 0) throw new UserError('USAGE', `A snooze needs a length: try ${how}.`);
  if (until <= now) throw new UserError('USAGE', `That time has passed. Try ${how}.`);
  // To the end of the day a week from today, so "until monday" on a Monday is a week.
  const latest = parseUntilDate('in 7 days', now, zone) as Date;
  if (until > latest)
    throw new UserError(
      'USAGE',
      `A snooze lasts a week at most, so the experts are not forgotten. Try ${how}; to drop the conversation, dismiss it: \`/brief nudge dismiss ${id} <why>\`.`,
    );
  return until;
}

/** "2d", "90m", "6d20h", "1d 12h", "1.5d", "a week": the length in milliseconds, or undefined when it is not one. */
function snoozeLengthMs(value: string): number | undefined {
  const part =
    /(\d{1,3}(?:\.\d{1,2})?\s*|an?\s+)(m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?)(?![a-z])\s*/g;
  if (!new RegExp(`^(?:${part.source})+$`).test(value)) return undefined;
  const unitMs: Record<string, number> = { m: 60_000, h: 3600_000, d: 24 * 3600_000, w: 7 * 24 * 3600_000 };
  let total = 0;
  for (const [, count, unit] of value.matchAll(part))
    total += (/^a/.test(count ?? '') ? 1 : Number(count)) * (unitMs[(unit as string)[0] as string] as number);
  return Math.round(total);
}

/**
 * "until monday": reminders resume when that day's working hours start (BUSINESS_HOURS, in the
 * snoozer's zone); "until 9am", "until tomorrow 14:30": at that time (today's, else tomorrow's).
 */
function snoozeUntil(deps: Deps, value: string, now: Date, zone: string): Date | undefined {
  const time = /(?:^|\s)(?:at\s+)?(\d{1,2})(?::(\d{2}))?\s*(am|pm)?$/.exec(value);
  const clock = time && (time[2] !== undefined || time[3] !== undefined) ? time : null;
  let hour = Number(deps.config.BUSINESS_HOURS.slice(0, 2));
  let minute = Number(deps.config.BUSINESS_HOURS.slice(3, 5));
  if (clock) {
    hour = (Number(clock[1]) % (clock[3] ? 12 : 24)) + (clock[3] === 'pm' ? 12 : 0);
    minute = Number(clock[2] ?? 0);
    if (Number(clock[1]) > (clock[3] ? 12 : 23) || minute > 59) return undefined;
  }
  const dayWords = clock ? value.slice(0, clock.index).trim() : value;
  const day = parseUntilDate(dayWords || 'today', now, zone);
  if (!day) return undefined;
  const date = localDate(day, zone);
  const at = zonedTime(date.year, date.month, date.day, hour, minute, zone);
  // A time alone that has passed today is tomorrow's; a day whose working hours began is to its end.
  if (at <= now && clock && !dayWords) return new Date(at.getTime() + 24 * 3600_000);
  return at <= now && !clock ? day : at;
}

/** Words people type for a nudge verb or another command: suggested, never run. */
const nudgeSynonyms: Record<string, string> = {
  reply: 'nudge replied',
  replies: 'nudge replied',
  answered: 'nudge replied',
  done: 'nudge replied',
  take: 'nudge claim',
  grab: 'nudge claim',
  unclaim: 'nudge release',
  giveback: 'nudge release',
  drop: 'nudge release',
  stats: 'stats',
  stat: 'stats',
  statistics: 'stats',
};

/** /brief nudge <item link> | item <n> | <conversation> | list | claim, replied, release, snooze, dismiss, reassign <conversation> … */
export async function nudgeCommand(
  deps: Deps,
  userId: string,
  channelId: string | null,
  spoken: string,
): Promise<Message & Continued> {
  const args = readSpokenNudge(spoken);
  const [verb, rest] = firstWord(args);
  const lower = verb.toLowerCase();
  const listPage = /^page\s+(\d{1,4})$/i.exec(rest.trim())?.[1];
  // "nudge list open" is the list in progress, as "nudge open" is: the opposite of "list closed".
  const openList = lower === 'list' && plainText(rest).trim().toLowerCase() === 'open';
  if ((lower === 'list' || lower === 'open') && (!rest || listPage || openList))
    return teamConversations(deps, userId, Math.max(1, Number(listPage ?? 1)));
  if ((lower === 'settings' || lower === 'policy') && !rest) return nudgeSettings(deps);
  const closedFilter = lower === 'list' ? closedFilters[plainText(rest).toLowerCase()] : undefined;
  if (closedFilter) return closedConversations(deps, userId, closedFilter);
  // "nudge list pricing page 2": the page a bare "more" after one topic's list asks for.
  const topicPaged = /^(.*?)\s+page\s+(\d{1,4})$/i.exec(plainText(rest).trim());
  const listedTopic =
    lower === 'list'
      ? await deps.db.prisma.topic.findUnique({
          where: { name: topicNameKey(topicPaged?.[1] ?? plainText(rest)) },
        })
      : null;
  if (listedTopic)
    return teamConversations(deps, userId, Math.max(1, Number(topicPaged?.[2] ?? 1)), listedTopic);
  if (lower === 'list')
    throw new UserError(
      'USAGE',
      `\`/brief nudge list\` shows every conversation in progress, \`/brief nudge list <topic>\` those of one topic; \`/brief nudge list closed\` (or \`replied\`, \`dismissed\`, \`expired\`) those finished in the last ${closedDays} days. I can't filter by "${escapeText(plainText(rest))}". Yours: \`/brief claims\`; one conversation: \`/brief nudge <number>\`; who did what: \`/brief changes nudges\`.`,
    );
  // A number is a conversation, as every list shows them; an item is "item <n>" or its link.
  const conversation = /^#?(\d{1,9})$/.exec(args.trim())?.[1];
  if (conversation) return conversationStatus(deps, Number(conversation), userId);
  if (lower === 'item') {
    // "item 5 the CEO wants our take": the words after the number are why, shown to the experts.
    const [number, reason] = firstWord(plainText(rest));
    // "item <link>": the story's link, as `nudge <link>` takes it.
    if (number && isLinkWord(number))
      return requestAndTell(deps, number, userId, channelId, reason.trim() || null);
    if (!number || !/^#?\d{1,9}$/.test(number))
      throw new UserError(
        'USAGE',
        'Usage: /brief nudge item <number> [why it matters] — the number of a source in your last answer or digest ([2] there: `/brief nudge item 2`); or give its link: /brief nudge <item link> [why it matters]',
      );
    const item = number.startsWith('#')
      ? number
      : await shownItem(deps, userId, channelId, Number(number), reason.trim());
    return requestAndTell(deps, item, userId, channelId, reason.trim() || null);
  }
  if (lower === 'reassign') {
    await requireAdmin(deps, userId, 'reassign conversations');
    const [first, who, ...after] = words(rest);
    const id = nudgeNumber(first, 'reassign <id> <@user>');
    const to = reassignee(who, id);
    const confirmed = after.at(-1)?.toLowerCase() === 'confirm';
    const more = confirmed ? after.slice(0, -1) : after;
    if (more.length > 0)
      throw new UserError(
        'USAGE',
        `One person at a time: \`/brief nudge reassign ${id} @someone\` (I did not read "${escapeText(more.join(' '))}").`,
      );
    return reassignAndReport(deps, id, userId, to, confirmed);
  }
  if (lower === 'claim') {
    const id = onlyNudgeNumber(rest, 'claim');
    const { away, dmSent } = await claimAndNotify(deps, id, userId);
    const holding = alsoHolding(otherClaimsOf(deps, userId, id));
    return noticeMessage(`${claimedNote(id, dmSent)}${holding}${away ? `\n${away}` : ''}`);
  }
  if (lower === 'replied') {
    const [first, link, ...given] = words(plainText(rest));
    // "replied <link>": the number left out; the sender's own conversations name the command meant, the link kept.
    if (!first || isLinkWord(first))
      throw new UserError('USAGE', whichConversation(deps, userId, 'replied', rest));
    const id = nudgeNumber(
      first,
      'replied <id> <link to your reply | how you replied> [@expert, for an admin]',
    );
    // "confirm" last: a post of a feed Briefbot follows recorded as the reply after all.
    const confirmed = given.at(-1)?.toLowerCase() === 'confirm';
    const others = confirmed ? given.slice(0, -1) : given;
    // "… <link> @maria": an admin recording the reply an expert made.
    const expertId = (others.length === 1 && parsePerson(others[0] as string)) || undefined;
    const extra = expertId ? [] : others;
    // "replied 3 by email": replied where there is no link (email, phone, a private forum), said in words.
    const reply =
      link && !looksLikeLink(link)
        ? noteReply(id, [link, ...given])
        : linkReply(deps, id, { link, extra, expertId, confirmed });
    const shown = replyWords(reply.reply);
    const isNote = isReplyNote(reply.reply);
    const { outcome, onBehalfOf, claimed, creditedFrom } = await recordReply(
      deps,
      id,
      userId,
      reply.reply,
      reply.expertId,
    );
    const recordedAs = isNote ? `says you replied “${shown}”` : `links to ${shown}`;
    const fix = isNote
      ? 'Replied by a link after all, or said it wrong? Send the command again with the link or the right words.'
      : 'To correct the link, send the command again with the right one.';
    if (outcome === 'unchanged')
      return noticeMessage(
        `Already recorded: ${onBehalfOf ? `<@${onBehalfOf}>'s` : 'the'} reply to conversation ${id} ${isNote ? `says “${shown}”` : `links to ${shown}`}. Nothing changed; ${isNote ? 'to correct it, send the command again with the link or the right words.' : 'to correct the link, send the command again with the right one.'}`,
      );
    if (creditedFrom)
      return noticeMessage(
        `Conversation ${id}'s reply is now credited to <@${onBehalfOf}>, not <@${creditedFrom}> (${shown}); both were told.`,
      );
    if (claimed && onBehalfOf)
      return noticeMessage(
        `Recorded <@${onBehalfOf}>'s reply to conversation ${id} (${shown}): nobody had claimed it, so it is theirs now, and they were told. ${fix}`,
      );
    if (claimed)
      return noticeMessage(
        `Nobody had claimed conversation ${id}, so it is yours now, and your reply is recorded (${shown}). ${fix}`,
      );
    if (onBehalfOf)
      return noticeMessage(
        outcome === 'corrected'
          ? `Corrected: <@${onBehalfOf}>'s reply to conversation ${id} now ${isNote ? `says “${shown}”` : `links to ${shown}`}; they were told.`
          : `Recorded <@${onBehalfOf}>'s reply to conversation ${id} (${shown}); they were told. ${fix}`,
      );
    return noticeMessage(
      outcome === 'corrected'
        ? `Corrected: the reply to conversation ${id} now ${recordedAs}. Nothing more to do.`
        : `Thank you: your reply to conversation ${id} is recorded (${shown})${isNote ? ': no reminders or escalation about it any more' : ''}. ${fix}`,
    );
  }
  if (lower === 'snooze') {
    const [first, length] = firstWord(plainText(rest));
    const id = nudgeNumber(first || undefined, 'snooze <id> [2d | 12h | until monday]');
    // With no length it is the Snooze a day button typed: a longer snooze stays, as there.
    const snoozed = await snoozeADay(
      deps,
      id,
      userId,
      snoozeEnd(deps, length, id, await personTimeZone(deps, userId)),
      { keepLonger: !length.trim() },
    );
    if (snoozed.kept) return noticeMessage(keptSnoozeText(id, snoozed.until));
    if (snoozed.idle)
      return noticeMessage(
        `Reminders about conversation ${id} count working hours only (${workingHoursText(deps, reminderClock(deps, id).zone, await personTimeZone(deps, userId))}), and none come before ${snoozed.until} anyway: nothing changed. A longer snooze: \`/brief nudge snooze ${id} 1d\`.`,
      );
    if (snoozed.unchanged)
      return noticeMessage(
        `Already snoozed until ${snoozed.until}: nothing changed. \`/brief nudge unsnooze ${id}\` ends it.`,
      );
    const what = snoozed.claimed ? 'no reminder to reply to' : 'no reminders about';
    const told = snoozed.told ? ` <@${snoozed.told}>, who has it, was told.` : '';
    return noticeMessage(
      `Snoozed: ${what} conversation ${id} until ${snoozed.until}.${snoozed.note}${told} Snoozed by mistake? \`/brief nudge unsnooze ${id}\``,
    );
  }
  if (lower === 'unsnooze') {
    const id = onlyNudgeNumber(rest, 'unsnooze');
    if (readNudge(deps, id).claimantId !== userId) await requireExpertOrAdmin(deps, id, userId, 'unsnooze');
    const earlier = await runningSnooze(deps, id);
    await unsnoozeNudge(deps, id, userId, earlier, await isAdmin(deps, userId));
    await refreshNudgeMessage(deps, id);
    return noticeMessage(await tellUnsnoozed(deps, id, userId, earlier));
  }
  if (lower === 'dismiss') {
    const [first, ...why] = words(rest);
    const id = nudgeNumber(first, 'dismiss <id> <why it is not relevant>');
    const reason = DismissReason.safeParse(plainText(why.join(' ')));
    // Where it stands first: a finished conversation needs no reason.
    const ask = await adminsToAskFor(deps, userId);
    const finished = finishedState(deps, readNudge(deps, id), ask === undefined, userId, ask);
    if (finished) throw new UserError('ILLEGAL_TRANSITION', finished);
    if (!reason.success)
      throw new UserError(
        'USAGE',
        `${reason.error.issues[0]?.message} E.g. \`/brief nudge dismiss ${id} old news, answered last year\``,
      );
    await dismissAndRefresh(deps, id, userId, reason.data);
    return noticeMessage(
      `Conversation ${id} is dismissed: ${escapeText(reason.data).replace(/[.!?]+$/, '')}. ${(await isAdmin(deps, userId)) ? `To bring it back: \`/brief nudge reopen ${id}\`.` : `Dismissed by mistake? \`/brief nudge reopen ${id}\` brings it back (within a day; after that, ask ${await adminsToAsk(deps)}).`}`,
    );
  }
  if (lower === 'reopen') {
    const [first, ...why] = words(rest);
    const id = nudgeNumber(first, 'reopen <id> [why]');
    const admin = await isAdmin(deps, userId);
    // An expert undoes their own dismissal (the wrong story), for a day; anything else is the admins'.
    const own = !admin && canUndoOwnDismissal(deps, readNudge(deps, id), userId);
    if (!admin && !own) {
      if (dismissalOf(deps, id)?.by === userId && readNudge(deps, id).state === 'dismissed')
        throw new UserError(
          'NOT_ALLOWED',
          `You dismissed conversation ${id} more than a day ago, so only an admin can reopen it now: ask ${await adminsToAsk(deps)} to send \`/brief nudge reopen ${id} <why>\`.`,
        );
      await requireAdmin(deps, userId, 'reopen conversations');
    }
    const told = await reopenAndNotify(deps, id, userId, plainText(why.join(' ')).slice(0, 300) || null);
    const { channelId: where } = readNudge(deps, id);
    const view = await loadNudgeView(deps, id);
    const toldLine = told ? ` <@${told.userId}>, who ${told.who}, was told${why.length ? ' why' : ''}.` : '';
    if (own)
      return noticeMessage(
        `Conversation ${id} is open again, as before your dismissal: its message in <#${where}> offers *Claim*. Take it: \`/brief nudge claim ${id}\`.`,
      );
    // Nobody to remind: say so, and how to get someone, rather than promise reminders.
    if (view.smes.length === 0 && view.topic)
      return noticeMessage(
        `Conversation ${id} is open again: its message in <#${where}> offers *Claim*.${toldLine} Nobody is reminded, as ${noExpertReason(deps, view)}: add an expert (\`/brief sme add @someone ${escapeText(view.topic)}\`) or give it to someone: \`/brief nudge reassign ${id} @someone\`.`,
      );
    return noticeMessage(
      `Conversation ${id} is open again: its message in <#${where}> offers *Claim*, and ${remindedFrom(deps, id, await personTimeZone(deps, userId))}.${toldLine} \`/brief nudge reassign ${id} @someone\` gives it to an expert of your choice.`,
    );
  }
  if (lower === 'draft') {
    const id = onlyNudgeNumber(rest, 'draft');
    return draftReplyMessage(await draftReply(deps, id, userId));
  }
  if (lower === 'move') {
    const [first, topicName, ...why] = words(rest);
    const id = nudgeNumber(first, 'move <id> <topic> [why]');
    // Typed by its holder: given back as it moves, as Not mine on the claim DM does.
    return moveAndTell(deps, id, userId, topicName ? plainText(topicName) : '', plainText(why.join(' ')), {
      giveBack: true,
    });
  }
  if (lower === 'release') {
    if (!rest.trim()) throw new UserError('USAGE', whichConversation(deps, userId, 'release', ''));
    const id = onlyNudgeNumber(rest, 'release');
    const previous = readNudge(deps, id).claimantId;
    const joined = beatJoinedWith(deps, id);
    await releaseAndNotify(deps, id, userId);
    const kept = await keptOnBeatNote(deps, joined, userId);
    const released =
      previous && previous !== userId
        ? `You released <@${previous}>'s claim on conversation ${id}; they were told`
        : `You released conversation ${id}`;
    const view = await loadNudgeView(deps, id);
    // The one who let it go is no one to pick it up: with nobody else, say so and how to get someone.
    if (view.topic && view.smes.every((expert) => expert === previous)) {
      const nobody = previous ? `Nobody but ${previous === userId ? 'you' : `<@${previous}>`}` : 'No expert';
      const next = (await isAdmin(deps, userId))
        ? `give it to someone (\`/brief nudge reassign ${id} @someone\`) or add an expert (\`/brief sme add @someone ${escapeText(view.topic)}\`)`
        : `ask ${await adminsToAsk(deps)} to give it to someone`;
      return noticeMessage(
        `${released}. ${nobody} covers ${escapeText(view.topic)}, so nobody else is reminded: ${next}.${kept}`,
      );
    }
    return noticeMessage(
      `${released}${previous && previous !== userId ? ', and' : ';'} it is open for the experts again.${kept}`,
    );
  }
  const reference = plainText(args);
  if (!reference)
    throw new UserError(
      'USAGE',
      `Which item? Usage: /brief nudge <item link> — or press "Request a response" on an answer. \`/brief nudge list\` shows the conversations in progress; then: ${nudgeVerbs}, or \`/brief nudge <number>\` for where one stands.`,
    );
  if (looksNumeric(reference) && !/^#?\d{1,9}$/.test(reference))
    throw new UserError('USAGE', notAConversationNumber(reference));
  const synonym = nudgeSynonyms[lower];
  if (synonym)
    throw new UserError(
      'UNKNOWN_COMMAND',
      `I don't know "/brief nudge ${escapeText(lower === 'giveback' ? 'give back' : verb)}". Did you mean \`/brief ${synonym}${rest ? ` ${escapeText(plainText(rest))}` : synonym === 'stats' ? ' 30d' : ''}\`?`,
    );
  // A mistyped verb ("calim") is not an item to look for; a link or a phrase is.
  const guess = rest === '' || /^\d/.test(rest) ? closest(lower, nudgeWords) : undefined;
  if (guess)
    throw new UserError(
      'UNKNOWN_COMMAND',
      `I don't know "/brief nudge ${verb}". Did you mean \`/brief nudge ${guess}${rest ? ` ${rest}` : ''}\`? Usage: ${nudgeVerbs}.`,
    );
  // "<link> CEO wants our take": a link, then why it matters.
  const [link, why] = firstWord(reference);
  if (why.trim() && isLinkWord(link)) return requestAndTell(deps, link, userId, channelId, why.trim());
  return requestAndTell(deps, reference, userId, channelId);
}

/**
 * "Not mine, wrong beat": `nudge move 12 security [why]` sends a conversation waiting for a claim to
 * another topic's experts (experts on its beat and admins): its message names them, its thread asks
 * them and says why, and each gets a DM with Claim, since they may not be in its channel.
 */
export async function moveAndTell(
  deps: Deps,
  id: number,
  userId: string,
  topicName: string,
  reason: string,
  /** Its holder (Not mine on the claim DM, or the command typed): given back and moved in one step. */
  { giveBack = false }: { giveBack?: boolean } = {},
): Promise<Message> {
  if (!topicName)
    throw new UserError(
      'USAGE',
      `To which beat? \`/brief nudge move ${id} <topic> [why]\`, e.g. \`/brief nudge move ${id} security not pricing, a security flaw\`; \`/brief topics list\` names the topics.`,
    );
  await requireExpertOrAdmin(deps, id, userId, 'move');
  const topic = await findTopic(deps, topicName);
  const to = topicLabel(topic);
  const before = await loadNudgeView(deps, id);
  if (before.topic && topicNameKey(before.topic) === topic.name)
    throw new UserError(
      'USAGE',
      `Conversation ${id} is already on ${escapeText(to)}: name the topic whose experts should answer it.`,
    );
  const held = giveBack && before.state === 'claimed' && before.claimantId === userId;
  const heldDm = held ? claimantDm(deps, id) : null;
  if (held) await releaseNudge(deps, id, userId);
  await moveNudgeToTopic(
    deps,
    id,
    userId,
    { topicId: topic.id, from: before.topic, to, reason: reason || null },
    await isAdmin(deps, userId),
  );
  await refreshNudgeMessage(deps, id);
  await postMovedNotice(deps, id, userId, before.topic, reason || null, held);
  // Before the new beat's DMs go: the old beat's invitations say where it went.
  await redrawInvitations(deps, id);
  if (held)
    await closeClaimantDm(
      deps,
      id,
      userId,
      heldDm,
      `You gave conversation ${id} back and sent it to ${escapeText(to)}: you no longer need to reply.`,
    );
  const view = await loadNudgeView(deps, id);
  const told = view.smes.filter((expert) => expert !== userId);
  for (const expert of told)
    await directMessage(
      deps,
      id,
      expert,
      waitingForYouMessage([{ id, title: view.title, url: view.url, topic: view.topic }]),
    );
  // Given back by its holder, who is on the new beat too: not asked to take what they just gave back.
  const asks = held ? told : view.smes;
  const asked = asks.length
    ? `its message and thread now ask ${asks.map((expert) => `<@${expert}>`).join(' ')}${told.length ? `, who ${told.length === 1 ? 'got' : 'each got'} a DM with *Claim*` : ''}`
    : view.smes.length
      ? `you are the only expert available on ${escapeText(to)}, so its message and thread ask the admins to give it to someone`
      : `no expert is available on ${escapeText(to)}, so its message asks the admins to pick someone`;
  return noticeMessage(
    `${held ? `You gave conversation ${id} back. ` : ''}Conversation ${id} is now on ${escapeText(to)}${before.topic ? ` (was ${escapeText(before.topic)})` : ''}: ${asked}. It stays in <#${readNudge(deps, id).channelId}>; its reminders count from now.`,
  );
}

/** A word that is a link ("https://…", "www.…", "acme.com/news/…"), not a number or a phrase. */
/** `replied 3 <link> [@expert] [confirm]`: the link checked as Mark replied checks it. */
function linkReply(
  deps: Deps,
  id: number,
  given: { link: string | undefined; extra: string[]; expertId: string | undefined; confirmed: boolean },
): { reply: string; expertId: string | undefined } {
  const { link, extra, expertId, confirmed } = given;
  const url = ReplyUrl.safeParse(link ?? '');
  if (!url.success)
    throw new UserError(
      'USAGE',
      link
        ? `${url.error.issues[0]?.message}, e.g. \`/brief nudge replied ${id} https://www.linkedin.com/posts/…\``
        : `Paste the link to your reply, starting with https://, or say how you replied where there is no link: \`/brief nudge replied ${id} https://www.linkedin.com/posts/…\` or \`/brief nudge replied ${id} by email\`.`,
    );
  // Words after the link are no part of it: refused, so the link executives click is the one meant.
  const links = extra.filter((word) => /^<?(https?:\/\/|www\.)/i.test(word)).length;
  if (extra.length > 0)
    throw new UserError(
      'USAGE',
      // Nothing is recorded, and said first: the first link is not taken for the one meant.
      links > 0
        ? `Nothing was recorded: send one link, the one to your reply (you sent ${links + 1}). For the first: \`/brief nudge replied ${id} ${url.data}\`.`
        : `Nothing was recorded: give only the link to your reply after the number (I did not read "${escapeText(extra.join(' '))}"): \`/brief nudge replied ${id} ${url.data}\`.`,
    );
  // A story Briefbot itself follows is news, not the expert's reply: asked about, not announced.
  const story = confirmed || isStoryLink(deps, id, url.data) ? null : feedItemAt(deps, url.data);
  if (story)
    throw new UserError(
      'FEED_STORY',
      feedItemRefusal(
        story,
        `\`/brief nudge replied ${id} ${url.data}${expertId ? ` @${expertId}` : ''} confirm\``,
      ),
    );
  return { reply: url.data, expertId };
}

/** `replied 3 by email [@expert]`: how they replied, in their words, when there is no link to give. */
function noteReply(id: number, said: string[]): { reply: string; expertId: string | undefined } {
  // "… by phone @maria": an admin recording how an expert replied.
  const last = said.at(-1);
  const expertId = (said.length > 1 && last && parsePerson(last)) || undefined;
  const note = ReplyNote.safeParse((expertId ? said.slice(0, -1) : said).join(' '));
  if (!note.success)
    throw new UserError(
      'USAGE',
      `Nothing was recorded: ${note.error.issues[0]?.message} E.g. \`/brief nudge replied ${id} by email\` or \`/brief nudge replied ${id} https://www.linkedin.com/posts/…\`.`,
    );
  return { reply: note.data, expertId };
}

/** A word meant as a link, even a broken one ("https:/x", "linkedin.com"): checked as a link, never taken for a note. */
const looksLikeLink = (word: string): boolean =>
  isLinkWord(word) || /^<?(https?:|www\.)|:\/\/|^[^\s/]+\.[a-z]{2,}(\/|$)/i.test(word);

const isLinkWord = (word: string): boolean => /^(https?:\/\/|www\.)|^[a-z0-9-]+(\.[a-z0-9-]+)+\//i.test(word);

/**
 * "nudge item 2", typed: the [2] of the answer or digest on screen (as `tell me more about 2` opens
 * it), as "#<item id>"; the buttons send "#<item id>" themselves. A number that answer does not list
 * is refused with the numbers it does, and a number with no recent answer at all is refused too:
 * read as an item's own id, it would ask about another story. An item's own id is "#5".
 */
async function shownItem(
  deps: Deps,
  userId: string,
  channelId: string | null,
  number: number,
  reason: string,
): Promise<string> {
  const why = reason ? ` ${escapeText(reason)}` : '';
  try {
    const source = await openSourceOfLastAnswer(deps, userId, { number, command: 'nudge item' }, channelId);
    if (source) return `#${source.item.id}`;
  } catch (error) {
    if (!(error instanceof UserError && error.code === noRecentAnswer)) throw shownItemRefusal(error);
  }
  throw new UserError(
    'USAGE',
    `No recent answer or digest of yours lists a [${number}], so nothing was asked. Ask first (\`/brief pricing\`) and use its *Request a response…* menu, or give the story's link: \`/brief nudge item <link>${why}\`, or, if ${number} is the story's own id: \`/brief nudge item #${number}${why}\`.`,
  );
}

/** A number the answer on screen does not list: refused with its numbers, and the link form. */
function shownItemRefusal(error: unknown): unknown {
  return error instanceof UserError
    ? new UserError(
        error.code,
        `${error.message} Or give the story's link: \`/brief nudge <item link>\`. Nothing was asked.`,
      )
    : error;
}

async function requestAndTell(
  deps: Deps,
  reference: string,
  userId: string,
  channelId: string | null,
  reason: string | null = null,
): Promise<Message> {
  const result = await requestResponse(deps, reference, userId, channelId, reason);
  // The experts were asked before: their message keeps the reasons it had, so the reason goes to its thread.
  const unheard =
    reason && !result.created
      ? ' Your reason was not added to it, as the experts were asked before: say it in its thread.'
      : '';
  const view = result.created ? await loadNudgeView(deps, result.nudgeId) : null;
  // An old button on a story shown under a topic removed since: why it is filed under none.
  const unfiled = result.created && result.topicRemoved ? `${result.topicRemoved} ` : '';
  if (view && view.smes.length === 0)
    return noticeMessage(
      `${unfiled}Posted conversation ${result.nudgeId} in <#${result.channelId}>, but no expert was asked: ${noExpertReason(deps, view)}. ${await whoPicks(deps, result.nudgeId, userId)}`,
    );
  const nudge = readNudge(deps, result.nudgeId);
  // Asked again while it still waits for someone to be picked: no expert was asked, so none is said to be.
  const waiting =
    !result.created && nudge.state === 'open' ? await loadNudgeView(deps, result.nudgeId) : null;
  if (waiting && waiting.smes.length === 0) {
    await addRequester(deps, result.nudgeId, userId);
    return noticeMessage(
      `Conversation ${result.nudgeId} in <#${result.channelId}> was already posted about this story, but no expert was asked: ${noExpertReason(deps, waiting)}. ${await whoPicks(deps, result.nudgeId, userId)}${unheard}`,
    );
  }
  // An expert on its beat asking: theirs to take, not to wait for; they asked, so they hear the outcome.
  const yours =
    nudge.state === 'open' && (await isExpertOn(deps, result.nudgeId, userId))
      ? ` ${nudge.topicId === null ? 'You are an expert' : `You cover ${escapeText((await loadNudgeView(deps, result.nudgeId)).topic ?? '')}`}: take it with \`/brief nudge claim ${result.nudgeId}\`; if another expert does, you'll get a DM with the outcome.`
      : '';
  if (result.created) {
    // On a phone: what happened and what to do in one line; when the others are asked, below, smaller.
    const detail = `${await morningNote(deps, result.nudgeId, userId)}${quietHoursNote(deps)}${dailyLimitNote(deps, result.channelId)}`;
    return noticeMessage(
      `${unfiled}Asked the experts in <#${result.channelId}> to respond (conversation ${result.nudgeId})${await pingedNote(deps, result.nudgeId)}. \`/brief nudge ${result.nudgeId}\` shows where it stands.${yours}`,
      detail.trim(),
    );
  }
  const already = `The experts in <#${result.channelId}> were already asked about this story (conversation ${result.nudgeId}).`;
  // Finished: how, and (for an admin) the command that asks the experts again.
  const ask = await adminsToAskFor(deps, userId);
  const finished = finishedState(deps, nudge, ask === undefined, userId, ask);
  if (finished) return noticeMessage(`${already} ${finished}${unheard}`);
  await addRequester(deps, result.nudgeId, userId);
  return noticeMessage(
    `${already} ${
      yours
        ? yours.trim()
        : `You'll get a DM with the outcome (answered, dismissed or expired); \`/brief nudge ${result.nudgeId}\` shows where it stands.`
    }${unheard}`,
  );
}

/**
 * The experts on the beat not pinged at the post (outside their working hours), each with when
 * their morning DM comes, in their time and the asker's: "@mei in Singapore gets a DM at 09:00
 * their time on Tue 15 Dec (Tue 15 Dec 01:00 GMT your time)". '' when everyone was pinged.
 */
async function morningNote(deps: Deps, nudgeId: number, askerId: string): Promise<string> {
  const mornings = owedMorningDms(deps, nudgeId).filter((row) => row.recipient !== askerId);
  if (mornings.length === 0) return '';
  const askerZone = await personTimeZone(deps, askerId);
  // Experts in one place owed the DM at one time are named together: "@a, @b (UTC) get a DM at 09:00…".
  const byWhen = new Map<string, { place: string; when: string; recipients: string[] }>();
  for (const { recipient, dueAt } of mornings) {
    const zone = await personTimeZone(deps, recipient);
    const at = new Date(dueAt);
    // "Tue 15 Dec 09:00 GMT+8": the clock, then the day, where they are.
    const [, day, clock] = /^(.*) (\d\d:\d\d) /.exec(formatDayTime(at, zone)) ?? [];
    const place = zone.includes('/') && !zone.startsWith('Etc/') ? `in ${placeOf(zone)}` : `(${zone})`;
    const yours = zone === askerZone ? '' : ` (${formatDayTime(at, askerZone)} your time)`;
    const when = `at ${clock} their time on ${day}${yours}`;
    const group = byWhen.get(`${place} ${when}`) ?? { place, when, recipients: [] };
    group.recipients.push(`<@${recipient}>`);
    byWhen.set(`${place} ${when}`, group);
  }
  const each = [...byWhen.values()].map(
    ({ place, when, recipients }) =>
      `${recipients.join(', ')} ${place} ${recipients.length === 1 ? 'gets' : 'get'} a DM ${when}`,
  );
  return ` ${each.join('; ')}, unless someone claims it first.`;
}

/** "; nobody is pinged now, …" or ": <@ray> pinged now, …" when some experts on the beat were left unpinged at the post; else ''. */
async function pingedNote(deps: Deps, nudgeId: number): Promise<string> {
  const owed = new Set(owedMorningDms(deps, nudgeId).map((row) => row.recipient));
  if (owed.size === 0) return '';
  const pinged = (await loadNudgeView(deps, nudgeId)).smes.filter((id) => !owed.has(id));
  return pinged.length
    ? `: ${pinged.map((id) => `<@${id}>`).join(', ')} pinged now; the others are outside their working hours`
    : '; nobody is pinged now, as it is outside their working hours';
}

/** "Singapore", "New York": the place an IANA zone is named for. */
function placeOf(zone: string): string {
  return (zone.split('/').at(-1) ?? zone).replace(/_/g, ' ');
}

/** Who picks an expert for a conversation that asked none: an admin does it with the menu; anyone else waits for the admins. */
async function whoPicks(deps: Deps, nudgeId: number, userId: string): Promise<string> {
  if (await isAdmin(deps, userId)) return 'Pick someone with the menu on its message.';
  const admins = deps.config.BRIEFBOT_ADMINS.map((id) => `<@${id}>`).join(', ');
  return `Its message asks the admins${admins ? ` (${admins})` : ''} to pick someone; you'll get a DM with the outcome, and \`/brief nudge ${nudgeId}\` shows where it stands.`;
}

/** Why a conversation asked no expert: no topic, its experts away, or none yet. */
function noExpertReason(
  deps: Deps,
  view: Pick<NudgeView, 'topic' | 'away'>,
  zone = deps.config.DEFAULT_TIMEZONE,
): string {
  if (!view.topic) return 'the story is on no topic';
  if (!view.away.length) return `no expert covers ${escapeText(view.topic)} yet`;
  return `${awayClause(view.away.length, view.topic)} (${awayList(view.away, zone, deps.clock.now())})`;
}

/**
 * A requested nudge posted during quiet hours (a request is never held): said so, and that its
 * reminders wait for working hours.
 */
function quietHoursNote(deps: Deps): string {
  const now = deps.clock.now();
  if (!inQuietHours(deps, now)) return '';
  const start = nextWorkingStart(deps, now);
  return ` Quiet hours now (${deps.config.NUDGE_QUIET_HOURS} ${deps.config.DEFAULT_TIMEZONE}): posted anyway, as you asked${start ? `; reminders count working hours (${deps.config.BUSINESS_HOURS}) from ${formatDayTime(start, deps.config.DEFAULT_TIMEZONE)}` : ''}.`;
}

/**
 * A requested nudge is never held by the channel's daily limit either: past it (counting every
 * conversation posted there today), the reply says so.
 */
function dailyLimitNote(deps: Deps, channelId: string): string {
  const limit = deps.config.NUDGE_DAILY_LIMIT;
  const today = startOfLocalDay(deps.clock.now(), deps.config.DEFAULT_TIMEZONE).getTime();
  const posted = Number(
    deps.db.sqlite
      .prepare('SELECT COUNT(*) FROM nudges WHERE channel_id = ? AND posted_at >= ?')
      .pluck()
      .get(channelId, today),
  );
  if (posted <= limit) return '';
  return ` It is the ${ordinal(posted)} conversation in <#${channelId}> today, beyond the channel's limit of ${limit} a day: posted as you asked.`;
}

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** The next minute in working hours (BUSINESS_HOURS on weekdays), within a week; null if none. */
function nextWorkingStart(deps: Deps, from: Date, zone = deps.config.DEFAULT_TIMEZONE): Date | null {
  const minute = 60_000;
  const first = Math.ceil(from.getTime() / minute) * minute;
  for (let at = first; at < first + 8 * 24 * 60 * minute; at += minute)
    if (inBusinessHours(deps, new Date(at), zone)) return new Date(at);
  return null;
}

/** /brief topics set <name> channel=<#channel> threshold=<0-1>: where a topic's nudges go, how sensitive. */
export async function setTopicNudges(deps: Deps, userId: string, args: string): Promise<Message> {
  await requireAdmin(deps, userId, 'change topics');
  const [name, ...given] = words(args);
  const confirmed = given.some((word) => /^(?:confirm|--yes|-y)$/i.test(word));
  const options = given.filter((word) => !/^(?:confirm|--yes|-y)$/i.test(word));
  if (!name || options.length === 0)
    throw new UserError('USAGE', 'Usage: /brief topics set <name> channel=<#channel> threshold=<0-1>');
  const topic = await findTopic(deps, name);
  const data: { channelId?: string | null; threshold?: number | null } = {};
  for (const option of options) {
    const [key, value = ''] = option.split('=');
    if (key === 'channel') {
      data.channelId =
        value === 'none'
          ? null
          : parseChannel(value, 'channel= takes a channel, e.g. channel=#market-talk (or channel=none)');
    } else if (key === 'threshold') {
      // Number('') is 0, which would nudge on every item: only a written-out decimal counts.
      const threshold = /^(\d+(\.\d*)?|\.\d+)$/.test(value) ? Number(value) : Number.NaN;
      if (value === 'default') data.threshold = null;
      else if (Number.isFinite(threshold) && threshold >= 0 && threshold <= 1) data.threshold = threshold;
      else
        throw new UserError(
          'USAGE',
          'threshold= takes a number from 0 (every item) to 1 (almost none), e.g. threshold=0.6',
        );
    } else {
      throw new UserError(
        'USAGE',
        serverSettingRefusal(key ?? '') ??
          `I don't know "${key}". Usage: /brief topics set <name> channel=<#channel> threshold=<0-1>. The rest of the nudge policy (quiet hours, reminders, escalations, the daily limit) is the server's: \`/brief nudge settings\` shows it.`,
      );
    }
  }
  // A new threshold: what it would have nudged this week, and one that nudges most items asked about first.
  const before = topic.threshold ?? deps.config.NUDGE_THRESHOLD;
  const after = data.threshold === undefined ? before : (data.threshold ?? deps.config.NUDGE_THRESHOLD);
  const effect = after === before ? null : await thresholdEffect(deps, topic.id, before, after);
  if (effect && !confirmed && floods(effect, after))
    throw new UserError(
      'CONFIRM',
      `Threshold ${after} would nudge ${after === 0 ? 'every new item' : 'most new items'} on ${escapeText(topicLabel(topic))}: ${effect.over} of its ${countOf(effect.items, 'item')} of the last 7 days would have been (${effect.was} at ${before}), each asking its experts, up to ${deps.config.NUDGE_DAILY_LIMIT} a day per channel. If that is what you want: \`/brief topics set ${escapeText(topicLabel(topic))} ${options.join(' ')} confirm\`. Nothing was changed.`,
    );
  const updated = await deps.db.prisma.topic.update({ where: { id: topic.id }, data });
  await recordAudit(deps.db, deps.clock.now(), {
    actorId: userId,
    action: 'topic.set',
    subjectType: 'topic',
    subjectId: topic.id,
    detail: {
      ...data,
      name: topic.name,
      ...(data.threshold === undefined ? {} : { fromThreshold: topic.threshold }),
    },
  });
  // A threshold set with no channel is kept for when a channel is given: said, so it does not look lost.
  const saved =
    data.threshold === undefined
      ? ''
      : ` threshold ${data.threshold ?? `back to the default (${deps.config.NUDGE_THRESHOLD})`} saved; nudges are off until you give it a channel:`;
  if (!updated.channelId)
    return noticeMessage(
      saved
        ? `Topic *${escapeText(topicLabel(updated))}*:${saved} \`/brief topics set ${updated.name} channel=#…\`.`
        : `Topic *${escapeText(topicLabel(updated))}*: nudges are off. Turn them on with \`/brief topics set ${updated.name} channel=#…\`.`,
    );
  return noticeMessage(
    `Topic *${escapeText(topicLabel(updated))}*: nudges go to <#${updated.channelId}> when an item scores ${updated.threshold ?? deps.config.NUDGE_THRESHOLD} or more for controversy${effect ? ` (was ${before}). ${effectNote(effect, updated.name, after, before)}` : '.'}`,
  );
}

/** Of a topic's items of the last 7 days, how many score `before` and `after` for controversy. */
type ThresholdEffect = { items: number; was: number; over: number };

async function thresholdEffect(
  deps: Deps,
  topicId: number,
  before: number,
  after: number,
): Promise<ThresholdEffect> {
  const scores = await itemScores(deps, topicId);
  return {
    items: scores.length,
    was: scores.filter((score) => score >= before).length,
    over: scores.filter((score) => score >= after).length,
  };
}

/** The controversy scores of a topic's items of the last 7 days. */
async function itemScores(deps: Deps, topicId: number): Promise<number[]> {
  const ids = deps.db.sqlite
    .prepare(
      `SELECT i.id FROM item_topics it JOIN items i ON i.id = it.item_id
       WHERE it.topic_id = ? AND i.published_at >= ?`,
    )
    .pluck()
    .safeIntegers(false)
    .all(topicId, deps.clock.now().getTime() - 7 * dayMs) as number[];
  return [...(await controversyScores(deps, ids)).values()];
}

/** A threshold of 0, or one that would have nudged most of a week's (at least 4) scored items: asked about first. */
function floods(effect: ThresholdEffect, threshold: number): boolean {
  return threshold === 0 || (effect.over >= 4 && effect.over > effect.items / 2 && effect.over > effect.was);
}

/** "At 0.6, 4 of its last 7 days' 15 items would have been nudged (1 at 0.9)". */
function effectNote(effect: ThresholdEffect, topic: string, after: number, before: number): string {
  if (effect.items === 0) return 'It had no items in the last 7 days to say what that changes.';
  return `At ${after}, ${effect.over} of its last 7 days' ${countOf(effect.items, 'item')} would have been nudged (${effect.was} at ${before}); \`/brief topics test ${escapeText(topic)}\` shows each item's score.`;
}

/**
 * A stats line, counted in conversations throughout. `expert`: an expert's row, which counts the
 * conversations they did something with, not those their beats were asked about. `brief`: App Home's shorter line, without the count
 * and the time to claim.
 */
export function statsLine(
  stats: ResponseStats,
  shape: { expert?: boolean; brief?: boolean; you?: boolean } = {},
): string {
  // The share is over the conversations that needed a reply and are finished: one claimed a minute ago
  // is not a miss, and neither is one an expert judged not relevant.
  const owed = stats.replied + stats.expired;
  const replied = owed
    ? `${stats.replied} replied (${repliedPercent(stats)}% of the ${owed} that needed one)`
    : // Handed on or released, nothing is left to finish: no reply is owed from them.
      stats.inProgress && !stats.finished
      ? `${stats.replied} replied (none finished yet)`
      : `${stats.replied} replied`;
  // An expert asked who did nothing: what was asked of them, and where it stands.
  if (shape.expert && stats.nudges === 0)
    return [`asked ${stats.asked}`, '0 claimed', ...askedParts(stats, shape.you)].join(' · ');
  return [
    ...(shape.brief ? [] : [countOf(stats.nudges, 'conversation')]),
    // Claimed again after a release: the claims are counted too, so the releases add up. An expert
    // who only had them given claimed none: "0 claimed · 1 released" would read as a contradiction.
    ...(shape.expert && stats.claimed === 0 && stats.reassigned > 0
      ? []
      : [`${stats.claimed} claimed${stats.claims > stats.claimed ? ` (${stats.claims} claims)` : ''}`]),
    // One reassignment in one wording: "reassigned" on the team's line, "to them" (on Home's "You:", "to you") or "away" on an expert's.
    ...(stats.reassigned
      ? [
          `${stats.reassigned} reassigned ${shape.expert ? (shape.you ? 'to you ' : 'to them ') : ''}by an admin`,
        ]
      : []),
    ...(stats.handedOn ? [`${stats.handedOn} reassigned away by an admin`] : []),
    // Given back twice (claimed again in between): the releases are counted, as the claims are.
    ...(stats.released
      ? [
          `${stats.released} released${stats.releases > stats.released ? ` (${stats.releases} releases)` : ''}`,
        ]
      : []),
    ...(stats.releasedByAdmin
      ? [
          `${stats.releasedByAdmin} released by an admin${stats.adminReleases > stats.releasedByAdmin ? ` (${stats.adminReleases} times)` : ''}`,
        ]
      : []),
    ...(stats.dismissedByAdmin
      ? [`${stats.dismissedByAdmin} dismissed by an admin${thenReopened(stats)}`]
      : []),
    replied,
    ...(stats.recorded ? [`${stats.recorded} recorded by an admin`] : []),
    ...(stats.reopened ? [`${stats.reopened} reopened by an admin`] : []),
    ...(stats.dismissed ? [`${stats.dismissed} dismissed as not relevant${byAnAdmin(stats)}`] : []),
    ...(stats.expired ? [`${stats.expired} expired`] : []),
    // Claims count as they happened: one reopened since is claimed in the past, and waits for a claim now.
    ...(stats.inProgress ? [`${stats.inProgress} in progress${inProgressSplit(stats)}`] : []),
    ...askedParts(stats, shape.you, !shape.brief),
    ...(shape.brief ? [] : [medianWait('claim', stats.medianClaimMinutes)]),
    `${medianWait('reply', stats.medianReplyMinutes)}${untimedReplies(stats)}`,
  ].join(' · ');
}

/** "claim in 45 min"; with nothing to time, "no claim timed" (a dash alone is read aloud as "em dash"). */
function medianWait(what: 'claim' | 'reply', minutes: number | null): string {
  return minutes === null ? `no ${what} timed` : `${what} in ${formatWait(minutes)}`;
}

/** The share replied of the finished conversations that needed a reply; null when none did. */
export function repliedPercent(stats: ResponseStats): number | null {
  const owed = stats.replied + stats.expired;
  return owed ? Math.round((stats.replied / owed) * 100) : null;
}

/** " (1 with nobody to ask, 1 waiting for a claim)": in `nudge list`'s words, unless all are claimed. */
function inProgressSplit(stats: ResponseStats): string {
  if (!stats.stranded && !stats.waiting && !stats.unposted) return '';
  const claimed = stats.inProgress - stats.stranded - stats.waiting - stats.unposted;
  return ` (${inProgressParts({ ...stats, claimed }).join(', ')})`;
}

/**
 * On an expert's row, what was asked of them and not taken. Alone ("asked 2 · 0 claimed"): "1 waiting
 * on them · 1 lapsed". After their conversations, so the parts add up: "1 of these waiting on them
 * again" (one of those counted, reopened say), "2 more waiting on them" and "1 more lapsed" (not counted).
 */
function askedParts(stats: ResponseStats, you = false, counted = false): string[] {
  const whom = you ? 'you' : 'them';
  const more = stats.waitingOnThem - stats.waitingAgain;
  const waiting = !counted
    ? `${stats.waitingOnThem} waiting on ${whom}`
    : !more
      ? `${stats.waitingAgain} of these waiting on ${whom} again`
      : !stats.waitingAgain
        ? `${more} more waiting on ${whom}`
        : `${stats.waitingOnThem} waiting on ${whom} (${stats.waitingAgain} of these again, ${more} more)`;
  return [
    ...(stats.waitingOnThem ? [waiting] : []),
    ...(stats.lapsed ? [`${stats.lapsed}${counted ? ' more' : ''} lapsed`] : []),
  ];
}

/** Which of an admin's dismissals were reopened since: all of them, or how many (those count as in progress, not dismissed). */
function thenReopened(stats: ResponseStats): string {
  if (!stats.dismissalsReopened) return '';
  return stats.dismissalsReopened === stats.dismissedByAdmin
    ? ', then reopened'
    : ` (${stats.dismissalsReopened} then reopened)`;
}

/** Which of the dismissals were an admin's: all of them, or how many. */
function byAnAdmin(stats: ResponseStats): string {
  if (!stats.adminDismissed) return '';
  return stats.adminDismissed === stats.dismissed ? ' by an admin' : ` (${stats.adminDismissed} by an admin)`;
}

/** Why a reply time is a dash when replies there were: an admin recorded each, and those are not timed. */
function untimedReplies(stats: ResponseStats): string {
  if (stats.medianReplyMinutes !== null || stats.replied === 0 || stats.recorded < stats.replied) return '';
  const all = stats.replied === 1 ? 'the 1 reply was' : `the ${stats.replied} replies were`;
  return ` (${all} recorded by an admin, and those are not timed)`;
}

/**
 * A stats period (30 days when none is given): "7d", "2w", "last month", "today" (since midnight), "this week" (since Monday),
 * in DEFAULT_TIMEZONE. `days` may be a fraction (today so far); `note` says when a number was clamped.
 */
export function statsPeriod(
  deps: Deps,
  text: string,
): { since: Date; until: Date; days: number; label: string; note: string } | null {
  const value = text.trim().toLowerCase();
  const now = deps.clock.now();
  const zone = deps.config.DEFAULT_TIMEZONE;
  const upToNow = (start: Date, label: string, note = '') => ({
    since: start,
    until: now,
    days: (now.getTime() - start.getTime()) / dayMs,
    label,
    note,
  });
  if (value === 'today') return upToNow(startOfLocalDay(now, zone), 'today');
  if (value === 'this week')
    return upToNow(
      startOfLocalDay(now, zone, -((localDate(now, zone).weekday + 6) % 7)),
      'this week (since Monday)',
    );
  // No period: the 30 days App Home's team figures cover; "last week" is the last 7 days, as in questions.
  const named: Record<string, number> = { '': 30, week: 7, month: 30 };
  const rolling = value.replace(/^past\s+/, '').replace(/^last\s+(?=\d|week$)/, '');
  const amount = /^(\d{1,4})\s*(d|days?|w|wks?|weeks?)?$/.exec(rolling);
  const asked =
    named[rolling] ?? (amount ? Number(amount[1]) * (amount[2]?.startsWith('w') ? 7 : 1) : undefined);
  if (asked === undefined) {
    // "last month", "last quarter", "yesterday": the whole period, as a question reads it.
    // A month named alone ("november") reads as "in november".
    const period = parsePeriod(value, now, zone) ?? parsePeriod(`in ${value}`, now, zone);
    return period && { ...upToNow(period.since, period.label), until: period.until };
  }
  const days = Math.min(365, Math.max(1, asked));
  const note =
    days === asked ? '' : ` (you asked for ${asked}; ${asked < 1 ? 'a day at least' : '365 at most'})`;
  return upToNow(new Date(now.getTime() - days * dayMs), `last ${days} ${days === 1 ? 'day' : 'days'}`, note);
}

/**
 * What `/brief stats` was asked for, in any order: a period, a topic by name, an expert (`@someone`,
 * or `me`/`my`). "for", "on" and "by" are read as filler ("stats for me on pricing last month").
 */
function statsScope(
  deps: Deps,
  userId: string,
  args: string,
): { period: string; topic?: string; label?: string; expert?: string; unknown: string[] } {
  // A removed topic's conversations keep its name: "stats pricing" still finds them. A topic is
  // named by its key or as typed ("economie", "Économie"), and shown as typed.
  const topics = deps.db.sqlite
    .prepare(
      `SELECT name, COALESCE(display_name, name) AS label FROM topics
       UNION SELECT topic_name, COALESCE(topic_label, topic_name) FROM nudges
       WHERE topic_name IS NOT NULL AND topic_name NOT IN (SELECT name FROM topics)`,
    )
    .all() as Array<{ name: string; label: string }>;
  const scope: { topic?: string; label?: string; expert?: string } = {};
  const rest: string[] = [];
  for (const word of words(args)) {
    const topic = topics.find((entry) => entry.name.toLowerCase() === topicNameKey(word));
    const person = topic ? null : parsePerson(word);
    if (person) scope.expert = person;
    else if (['me', 'my', 'mine'].includes(word.toLowerCase())) scope.expert = userId;
    else if (topic && scope.topic === undefined)
      Object.assign(scope, { topic: topic.name, label: topic.label });
    else if (!['for', 'on', 'by', 'about', 'in', 'over'].includes(word.toLowerCase())) rest.push(word);
  }
  const period = rest.join(' ');
  // Words that are no period: named back with the topics there are, not only the periods.
  const unknown = statsPeriod(deps, period) === null ? rest : [];
  return { period, ...scope, unknown };
}

/**
 * /brief stats [7d|30d|2w|today|this week] [topic] [@expert|me]: how fast the company responds,
 * per expert and per topic, or for one topic or one expert.
 */
export function statsCommand(
  deps: Deps,
  userId: string,
  typed: string,
  channelId: string | null = null,
): Message & { visibility?: 'in_channel' } {
  // "stats --post 7d": the Share to channel button, posting the stats its presser was shown.
  const post = /^--post(?:\s+|$)/i.exec(typed);
  const args = post ? typed.slice(post[0].length) : typed;
  const scope = statsScope(deps, userId, plainText(args));
  const asked = statsPeriod(deps, scope.period);
  if (asked === null) {
    const topics = deps.db.sqlite.prepare('SELECT name FROM topics ORDER BY name').pluck().all() as string[];
    // A mistyped topic: the same command with the name mended.
    const typo = scope.unknown.find((word) => closest(word, topics));
    const mended = typo
      ? plainText(args)
          .split(/\s+/)
          .map((word) => (word === typo ? closest(word, topics) : word))
          .join(' ')
      : '';
    const named = topics
      .slice(0, 6)
      .map((name) => escapeText(name))
      .join(', ');
    throw new UserError(
      'USAGE',
      `I can't read "${escapeText(scope.period)}" as a period${topics.length ? ' or a topic' : ''}.${
        typo ? ` Did you mean \`/brief stats ${escapeText(mended)}\`?` : ''
      } Try \`/brief stats 7d\`, \`/brief stats 2w\`, \`/brief stats this week\` or \`/brief stats today\` (any number of days up to 365)${
        topics.length
          ? `, narrowed to a topic (${named}${topics.length > 6 ? ', …' : ''}) or an expert: \`/brief stats 30d ${escapeText(topics[0] as string)}\`, \`/brief stats 30d me\`, \`/brief stats @someone\``
          : ''
      }.`,
    );
  }
  const { days, note } = asked;
  const period = `${asked.label.startsWith('last') ? 'the ' : ''}${asked.label}`;
  const stats = responseStats(deps, asked, { topic: scope.topic, claimant: scope.expert });
  const whose = [
    ...(scope.expert ? [`for <@${scope.expert}>`] : []),
    ...(scope.label ? [`on ${escapeText(scope.label)}`] : []),
  ].join(' ');
  if (stats.overall.nudges === 0 && stats.overall.asked === 0) {
    const older = whose ? { count: 0, oldestDays: 0 } : olderConversations(deps, days);
    const further =
      older.count && older.oldestDays <= 365
        ? ` \`/brief stats ${older.oldestDays}d\` covers the ${countOf(older.count, 'conversation')} from before.`
        : '';
    const when = `${period.startsWith('the') ? 'in ' : ''}${period}${note}`;
    // A whole past period or a short one: the last 30 days may have some, offered with the command.
    const someoneElse = scope.expert !== undefined && scope.expert !== userId;
    const recent =
      asked.until < deps.clock.now() || days < 30
        ? responseStats(deps, 30, { topic: scope.topic, claimant: scope.expert }).overall.nudges
        : 0;
    const narrowed = [
      scope.topic && escapeText(scope.topic),
      scope.expert && (someoneElse ? `@${scope.expert}` : 'me'),
    ]
      .filter(Boolean)
      .join(' ');
    const lately = recent
      ? ` The last 30 days have ${countOf(recent, 'conversation')}: \`/brief stats 30d${narrowed ? ` ${narrowed}` : ''}\`.`
      : '';
    // Everyone's figures are offered only when they hold something: in the period, else the last 30 days.
    const team = whose && responseStats(deps, asked).overall.nudges > 0 ? scope.period || '30d' : '';
    const teamLately = whose && !team && responseStats(deps, 30).overall.nudges > 0 ? '30d' : '';
    // Asked about themselves: told so, with where their conversations stand.
    if (scope.expert === userId && !scope.topic)
      return noticeMessage(
        `You have no conversations ${when}.${lately} \`/brief claims\` shows the ones you hold${
          team ? `; \`/brief stats ${team}\` the team's figures` : ''
        }.`,
      );
    return noticeMessage(
      `No conversations ${whose ? `${whose} ` : ''}${when}.${
        whose
          ? lately || (team || teamLately ? ` \`/brief stats ${team || teamLately}\` shows everyone's.` : '')
          : further || lately || noNudgeChannelNote(deps)
      }`,
    );
  }
  const heading = `Responses${whose ? ` ${whose}` : ''}, ${period.replace(/^the /, '')}`;
  const byExpert = `*By expert*\n${
    stats.bySme
      .slice(0, 8)
      .map((row) => `<@${row.label}>: ${statsLine(row, { expert: true })}`)
      .join('\n') || 'None yet: no expert has claimed, replied to or dismissed one.'
  }`;
  const byTopic = `*By topic*\n${
    stats.byTopic
      .slice(0, 8)
      .map((row) => `${escapeText(row.label)}: ${statsLine(row, { expert: scope.expert !== undefined })}`)
      .join('\n') || 'none'
  }`;
  // One expert's figures split by topic; one topic's by expert; both at once need no split.
  // An expert asked who did nothing has no topic to split by: their line says it all.
  const split = [
    ...(scope.expert ? [] : [byExpert]),
    ...(scope.topic || (scope.expert && stats.byTopic.length === 0) ? [] : [byTopic]),
  ];
  // A topic's figures take in its stories asked on another topic: said where.
  const elsewhere = [...stats.alsoAsked];
  const filedNote = elsewhere.length
    ? `\nIncludes ${
        elsewhere.length === 1
          ? `${countOf(elsewhere[0]?.[1] ?? 0, 'conversation')} asked on ${escapeText(elsewhere[0]?.[0] ?? '')}`
          : `conversations asked on other topics (${elsewhere.map(([topic, count]) => `${count} on ${escapeText(topic)}`).join(', ')})`
      } whose stories match ${escapeText(scope.label ?? '')} too.`
    : '';
  const overall = statsLine(stats.overall, {
    expert: scope.expert !== undefined,
    you: scope.expert === userId,
  });
  const reply = message(`${heading}${note}: ${overall}`, [
    section(`*${heading}${note}*\n${overall}${filedNote}`),
    ...(split.length ? [fields(split)] : []),
    context('Times to claim and to reply are medians, wall-clock.'),
    context(conversationsBehind(stats.overall, scope)),
    // In a channel only: App Home opens replies in a modal, with nowhere to post.
    ...(post || channelId !== null ? statsShareBlocks(plainText(args), post ? userId : null) : []),
  ]);
  return post ? { ...reply, visibility: 'in_channel' } : reply;
}

/**
 * The commands that list the conversations behind a stats reply's counts: `nudge list` and its
 * closed lists for the team's, the change log (which narrows to a topic or a person) for one topic's or expert's.
 */
function conversationsBehind(stats: ResponseStats, scope: { topic?: string; expert?: string }): string {
  if (scope.topic !== undefined || scope.expert !== undefined) {
    const narrowed = scope.topic !== undefined ? escapeText(scope.topic) : `@${scope.expert}`;
    return `The conversations behind these, with who did what: \`/brief changes ${narrowed}\`${stats.inProgress || stats.waitingOnThem ? ' · in progress, team-wide: `/brief nudge list`' : ''}`;
  }
  const finished = [
    ...(stats.replied ? ['replied: `/brief nudge list replied`'] : []),
    ...(stats.dismissed ? ['dismissed: `/brief nudge list dismissed`'] : []),
    ...(stats.expired ? ['expired: `/brief nudge list expired`'] : []),
  ];
  return `The conversations behind these: ${[
    ...(stats.inProgress ? ['in progress: `/brief nudge list`'] : []),
    ...(finished.length ? [`${finished.join(' · ')} (those finished in the last ${closedDays} days)`] : []),
    'who did what: `/brief changes nudges`',
  ].join(' · ')}`;
}

/**
 * For a reply that takes an expert off duty (away, off a beat): the conversations they still
 * hold, who else covers their topics, and how to hand them on. `off.topicIds`: only those on the
 * beats just taken from them, named; `off.awayUntil`: any, each that expires before they are back
 * said so (and, when they mark themselves newly away, in its thread, to the admins).
 */
export async function heldClaimsNote(
  deps: Deps,
  userId: string,
  actorId: string,
  off: { topicIds: number[]; why: string } | { awayUntil: Date; newly: boolean },
): Promise<string> {
  const held = await deps.db.prisma.nudge.findMany({
    where: {
      claimantId: userId,
      state: 'claimed',
      ...('topicIds' in off ? { topicId: { in: off.topicIds } } : {}),
    },
    select: {
      id: true,
      claimedAt: true,
      topicId: true,
      topic: { select: { name: true, displayName: true } },
    },
    orderBy: { id: 'asc' },
  });
  const [first] = held;
  if (!first) return '';
  const now = deps.clock.now();
  // Read by the expert alone (their reply, or their DM): the days in their own zone.
  const zone = await personTimeZone(deps, userId);
  const list = held.map((nudge) => `${nudge.id} (${heldSince(deps, nudge, now)})`).join(', ');
  const plural = held.length > 1;
  const which = plural ? '<number>' : String(first.id);
  const them = plural ? 'one' : 'it';
  // Away past a claim's expiry: it would lapse unanswered while they are out.
  const lapsing =
    'awayUntil' in off
      ? held
          .map((nudge) => ({ id: nudge.id, expires: expiryOf(deps, nudge.id) }))
          .filter((claim) => claim.expires < off.awayUntil)
      : [];
  const expiring = lapsing
    .map(
      (claim) =>
        `${plural ? `conversation ${claim.id}` : 'it'} expires ${formatDayTime(claim.expires, zone)}, before ${actorId === userId ? 'you are' : 'they are'} back`,
    )
    .join('; ');
  const colleagues = await colleaguesOn(
    deps,
    userId,
    held.flatMap((nudge) => (nudge.topicId === null ? [] : [nudge.topicId])),
  );
  const nextStep = expiring
    ? `${expiring}. Reply before ${actorId === userId ? 'you go' : 'then'}, or release ${lapsing.length > 1 ? 'them' : 'it'}: \`/brief nudge release ${which}\`.`
    : `reply as planned, or hand ${plural ? (actorId === userId ? 'one' : 'them') : 'it'} back: \`/brief nudge release ${which}\`.`;
  const takers = colleagues
    ? ` ${colleagues} and can take ${plural ? 'them' : 'it'} once you release ${plural ? 'them' : 'it'}.`
    : '';
  // Marked away by themselves: told in the reply, not by a DM about what they just did; the
  // admins, who were not, hear of each claim that would lapse in its thread.
  if (actorId === userId) {
    const tell = 'awayUntil' in off && off.newly ? lapsing : [];
    for (const claim of tell)
      if ('awayUntil' in off) await postClaimantAwayNotice(deps, claim.id, userId, off.awayUntil);
    const told = tell.length
      ? ` The admins were told in ${tell.length > 1 ? 'their threads' : 'its thread'}.`
      : '';
    return ` You still hold conversation${plural ? 's' : ''} ${list}: ${nextStep}${takers}${told}`;
  }
  const why =
    'awayUntil' in off
      ? `<@${actorId}> marked you away until ${await awayDayForExpert(deps, off.awayUntil, zone, actorId)}`
      : off.why;
  const dm = `${why}; you still hold conversation${plural ? 's' : ''} ${list}: ${nextStep}${takers}`;
  await directMessage(
    deps,
    held.map((nudge) => nudge.id),
    userId,
    message(dm, [section(dm)]),
  );
  return ` <@${userId}> still holds conversation${plural ? 's' : ''} ${list} and was told by DM: \`/brief nudge reassign ${which} @someone\` gives ${them} to another expert${colleagues ? ` (${colleagues})` : ''}, \`/brief nudge release ${which}\` opens ${them} to all.`;
}

/**
 * The last day of an absence, told to the expert whom `actorId` marked away: in the expert's zone, and
 * "(end of day, your time, GMT+8)" when the admin's zone is another, so the day typed reads as theirs.
 */
export async function awayDayForExpert(
  deps: Deps,
  until: Date,
  zone: string,
  actorId: string,
): Promise<string> {
  const day = formatUntilDay(until, zone, deps.clock.now());
  return zone === (await personTimeZone(deps, actorId))
    ? day
    : day.replace('(end of day, ', '(end of day, your time, ');
}

/** The experts in now on these topics, other than `userId`: "<@U2> covers outages; <@U3> and <@U4> cover pricing"; '' with none. */
export async function colleaguesOn(
  deps: Deps,
  userId: string,
  topicIds: number[],
  at = deps.clock.now(),
): Promise<string> {
  const now = at;
  const beats = await deps.db.prisma.beat.findMany({
    where: {
      topicId: { in: topicIds },
      sme: { userId: { not: userId }, ...inAt(now) },
    },
    select: { sme: { select: { userId: true } }, topic: { select: { name: true, displayName: true } } },
    orderBy: [{ topic: { name: 'asc' } }, { sme: { userId: 'asc' } }],
  });
  const byTopic = new Map<string, string[]>();
  for (const { sme, topic } of beats)
    byTopic.set(topic.name, [...(byTopic.get(topic.name) ?? []), `<@${sme.userId}>`]);
  return [...byTopic]
    .map(
      ([topic, people]) =>
        `${people.length > 1 ? `${people.slice(0, -1).join(', ')} and ${people.at(-1)} cover` : `${people[0]} covers`} ${escapeText(topic)}`,
    )
    .join('; ');
}

/**
 * The conversations waiting for a claim on the named topics (or on `userId`'s beats, posted ones
 * only, as App Home counts them), oldest first.
 */
export async function waitingOnTopics(
  deps: Deps,
  on: { names: string[] } | { userId: string },
): Promise<Array<WaitingConversation & { snoozedUntil: Date | null; reopenedAt: Date | null }>> {
  const rows = await deps.db.prisma.nudge.findMany({
    where:
      'names' in on
        ? { state: 'open', topic: { name: { in: on.names } } }
        : {
            state: 'open',
            postedAt: { not: null },
            topic: { beats: { some: { sme: { userId: on.userId } } } },
          },
    select: {
      id: true,
      snoozedUntil: true,
      reopenedAt: true,
      ...storyColumns,
      topic: { select: { name: true, displayName: true } },
    },
    orderBy: { id: 'asc' },
  });
  return rows.map((row) => ({
    id: row.id,
    ...storyOf(row),
    topic: row.topic?.name ?? null,
    snoozedUntil: row.snoozedUntil,
    reopenedAt: row.reopenedAt,
  }));
}

/** The conversations on an expert's beats waiting for a claim, one line each, as Home and "what's waiting for me" list them. */
export async function waitingOnBeatLines(
  deps: Deps,
  userId: string,
  now: Date,
): Promise<Array<{ id: number; line: string }>> {
  return (await waitingOnTopics(deps, { userId })).map((conversation) => ({
    id: conversation.id,
    line: `• ${[waitingLine(conversation), ...reopenedFlag(deps, conversation, now), ...snoozeFlag(deps, conversation, now), `\`/brief nudge claim ${conversation.id}\``].join(' · ')}`,
  }));
}

/**
 * An expert newly on duty for topics (added to their beats, or back from away): the conversations
 * there waiting for a claim are redrawn naming them, they get one DM listing them, and the admin's
 * reply says which wait. `topics`: the topic names; none: every beat they cover.
 */
export async function waitingForExpertNote(
  deps: Deps,
  userId: string,
  actorId: string,
  topics?: string[],
): Promise<string> {
  const names =
    topics ??
    (
      await deps.db.prisma.beat.findMany({
        where: { sme: { userId } },
        select: { topic: { select: { name: true, displayName: true } } },
      })
    ).map((beat) => beat.topic.name);
  const waiting = await waitingOnTopics(deps, { names });
  const [first] = waiting;
  if (!first) return '';
  for (const nudge of waiting) await refreshNudgeMessage(deps, nudge.id);
  const list = namesWithin(
    waiting.map((nudge) => `${nudge.id} (${escapeText(nudge.topic ?? '')})`),
    500,
    ' (`/brief nudge list` has them all)',
  );
  const plural = waiting.length > 1;
  const which = plural ? '<number>' : String(first.id);
  // Back by their own command: told in the reply, with no DM about it.
  if (actorId === userId)
    return ` Conversation${plural ? 's' : ''} ${list} ${plural ? 'are' : 'is'} waiting: \`/brief nudge claim ${which}\` takes ${plural ? 'one' : 'it'}.`;
  await directMessage(
    deps,
    waiting.map((nudge) => nudge.id),
    userId,
    waitingForYouMessage(waiting),
  );
  return ` Waiting for a claim: conversation${plural ? 's' : ''} ${list}; ${plural ? 'their messages' : 'its message'} now name${plural ? '' : 's'} <@${userId}>, who got a DM (${suggested(`/brief nudge reassign ${which} @${userId}`)} gives ${plural ? 'one' : 'it'} to them).`;
}

/**
 * For an expert marked away: the conversations waiting for a claim whose running snooze they set,
 * which keep the experts still in from being reminded, with how to end one; '' when there are none.
 */
export async function awaySnoozesNote(deps: Deps, userId: string, actorId: string): Promise<string> {
  const now = deps.clock.now();
  const snoozed = await deps.db.prisma.nudge.findMany({
    where: { state: 'open', snoozedUntil: { gt: now } },
    select: { id: true, topicId: true },
    orderBy: { id: 'asc' },
  });
  const theirs = [];
  for (const nudge of snoozed) if ((await snoozedBy(deps, nudge.id)) === userId) theirs.push(nudge);
  const [first] = theirs;
  if (!first) return '';
  const topicIds = theirs.flatMap((nudge) => (nudge.topicId === null ? [] : [nudge.topicId]));
  const others = await deps.db.prisma.sme.findMany({
    where: {
      userId: { not: userId },
      beats: { some: { topicId: { in: topicIds } } },
      ...inAt(now),
    },
    select: { userId: true },
    orderBy: { userId: 'asc' },
  });
  const whom = others.length ? others.map((sme) => `<@${sme.userId}>`).join(', ') : 'the experts on the beat';
  const list = theirs.map((nudge) => nudge.id).join(', ');
  const plural = theirs.length > 1;
  return ` ${actorId === userId ? 'Your' : `<@${userId}>'s`} snooze${plural ? 's' : ''} on conversation${plural ? 's' : ''} ${list} keep${plural ? '' : 's'} ${whom} from being reminded: \`/brief nudge unsnooze ${plural ? '<number>' : first.id}\` ends ${plural ? 'one' : 'it'}.`;
}

/**
 * An expert off duty on topics (taken off their beats, marked away): the conversations waiting
 * there are redrawn (no longer naming them), and the reply says which topics have no expert
 * available now, and which conversations wait there with nobody to ask.
 */
export async function offDutyNote(
  deps: Deps,
  topicIds: number[],
  actorId: string,
  wasAvailable = true,
): Promise<string> {
  const waiting = await deps.db.prisma.nudge.findMany({
    where: { state: 'open', topicId: { in: topicIds } },
    select: { id: true, topicId: true, topic: { select: { name: true, displayName: true } } },
    orderBy: { id: 'asc' },
  });
  for (const { id } of waiting) await refreshNudgeMessage(deps, id);
  const uncovered = await topicsWithoutExpert(deps, topicIds);
  if (uncovered.length === 0) return '';
  // Said to whoever made the change: the away days in their own zone.
  const zone = await personTimeZone(deps, actorId);
  const ask = await adminsToAskFor(deps, actorId);
  // Topics left alike ("@x is away until …" on each) are said once: "outages or pricing".
  const alike = new Map<string, string[]>();
  for (const { name, away } of uncovered) {
    const why =
      away.length === 0
        ? 'none'
        : away.every((sme) => sme.userId === actorId)
          ? 'self'
          : away
              .map(
                (sme) =>
                  `<@${sme.userId}> is away until ${formatUntilDay(sme.until, zone, deps.clock.now())}`,
              )
              .join(', ');
    alike.set(why, [...(alike.get(why) ?? []), escapeText(name)]);
  }
  const either = (names: string[]) =>
    names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
  const topics = [...alike].map(([why, names]) =>
    why === 'none'
      ? `no expert covers ${either(names)} now`
      : why === 'self'
        ? // Their own absence: what happens meanwhile, and how a cover is added.
          `nobody else covers ${either(names)}, so ${names.length > 1 ? 'their' : 'its'} new nudges ask the admins to pick someone until you are back; ${ask ? `ask ${ask} to add a cover` : 'add a cover'}: \`/brief sme add @someone ${names.length > 1 ? '<topic>' : names[0]}\``
        : `no expert is available on ${either(names)} now: ${why}`,
  );
  const stranded = waiting.filter((nudge) => uncovered.some((topic) => topic.id === nudge.topicId));
  const plural = stranded.length > 1;
  const list = stranded.map((nudge) => `${nudge.id} (${escapeText(nudge.topic?.name ?? '')})`).join(', ');
  // Newly left with nobody to ask: the admins are told in the thread (a redrawn message notifies nobody).
  if (wasAvailable)
    for (const { id } of stranded) {
      await postStrandedNotice(deps, id);
      await tellRequestersStranded(deps, id, actorId);
    }
  const told = wasAvailable ? ` and ${plural ? 'their threads tell' : 'its thread tells'} them so` : '';
  const conversations = stranded.length
    ? ` Left without an available expert: conversation${plural ? 's' : ''} ${list}; ${plural ? 'their messages now ask' : 'its message now asks'} the admins to pick someone with the menu on ${plural ? 'them' : 'it'}${told}.`
    : '';
  const said = topics.join('; ');
  return ` ${said.charAt(0).toUpperCase()}${said.slice(1)}.${conversations}`;
}

/**
 * Whoever asked for a response to a conversation just left with nobody to ask hears it by DM: its
 * thread's notice reaches only those who watch the channel, and the story would wait unseen.
 */
async function tellRequestersStranded(deps: Deps, nudgeId: number, actorId: string): Promise<void> {
  const nudge = await deps.db.prisma.nudge.findUniqueOrThrow({
    where: { id: nudgeId },
    select: {
      id: true,
      state: true,
      channelId: true,
      requestedBy: true,
      topicId: true,
      topic: { select: { name: true, displayName: true } },
      ...storyColumns,
    },
  });
  const nobody = await nobodyToAsk(deps, nudge);
  if (!nobody) return;
  await tellRequester(
    deps,
    nudge,
    [actorId],
    `Conversation ${nudge.id}, ${storyLink(nudge)} in <#${nudge.channelId}>, which you asked for, has nobody to ask now: ${nobody}.`,
    (admin) =>
      admin
        ? ` Give it to someone: \`/brief nudge reassign ${nudge.id} @someone\` (they join its beat), or pick with the menu on its message.`
        : ` The admins are asked to pick someone; \`/brief nudge ${nudge.id}\` shows where it stands.`,
    DeliveryKind.Stranded,
  );
}

/** The conversations in progress on a topic, read before it is removed (they then belong to no topic). */
export async function conversationsOnTopic(
  deps: Deps,
  topicName: string,
): Promise<Array<{ id: number; claimantId: string | null }>> {
  return deps.db.prisma.nudge.findMany({
    where: { topic: { name: topicName }, state: { in: ['open', 'claimed'] } },
    select: { id: true, claimantId: true },
    orderBy: { id: 'asc' },
  });
}

/** After a topic is removed: its conversations' messages redrawn (no beat now), and what the admin is told. */
export async function topicConversationsNote(
  deps: Deps,
  conversations: Array<{ id: number; claimantId: string | null }>,
): Promise<string> {
  for (const { id } of conversations) await refreshNudgeMessage(deps, id);
  if (conversations.length === 0) return '';
  const list = conversations
    .map(
      ({ id, claimantId }) => `${id} (${claimantId ? `claimed by <@${claimantId}>` : 'waiting for a claim'})`,
    )
    .join(', ');
  return ` Its conversations in progress are on no topic now: their messages ask the admins to pick who answers (any expert may still claim one): ${list}. \`/brief nudge reassign <number> @someone\` gives one to an expert.`;
}

/** An expert taken off beats by an admin, told by DM (`why`: by whom, and what they still cover). */
export async function tellTakenOffBeats(deps: Deps, userId: string, why: string): Promise<void> {
  await directMessage(deps, [], userId, message(`${why}.`, [section(`${why}.`)]));
}

/**
 * After a topic is removed: each expert who had it as a beat gets a DM naming it and the admin, and
 * the claims they still hold on it with how to hand them back.
 */
export async function tellBeatRemoved(
  deps: Deps,
  topicName: string,
  experts: string[],
  conversations: Array<{ id: number; claimantId: string | null }>,
  actorId: string,
): Promise<void> {
  for (const userId of experts.filter((id) => id !== actorId)) {
    const held = conversations
      .filter((conversation) => conversation.claimantId === userId)
      .map(({ id }) => id);
    const which = held.length > 1 ? '<number>' : String(held[0]);
    const still = held.length
      ? ` You still hold conversation${held.length > 1 ? 's' : ''} ${held.join(', ')} from it (now on no topic): reply as planned, or hand ${held.length > 1 ? 'one' : 'it'} back: \`/brief nudge release ${which}\`.`
      : '';
    const text = `<@${actorId}> removed the topic ${escapeText(topicName)}, so it is no longer your beat.${still}`;
    await directMessage(deps, held, userId, message(text, [section(text)]));
  }
}

/**
 * Before the Not relevant form opens: refused now, with the reason, rather than after a reason
 * was typed. Who may dismiss: the experts on the beat and admins, or the claimant of a claimed one.
 */
export async function checkCanDismiss(deps: Deps, nudgeId: number, userId: string): Promise<void> {
  const nudge = readNudge(deps, nudgeId);
  const admin = await isAdmin(deps, userId);
  const finished = finishedState(deps, nudge, admin, userId, admin ? undefined : await adminsToAsk(deps));
  if (finished) throw new UserError('ILLEGAL_TRANSITION', finished);
  if (nudge.claimantId === userId) return;
  await requireExpertOrAdmin(deps, nudgeId, userId, 'dismiss');
  if (nudge.state === 'claimed' && !admin)
    throw new UserError(
      'NOT_CLAIMANT',
      notClaimantText(nudge.claimantId ?? '', 'dismiss it', await adminsToAsk(deps)),
    );
}

/**
 * Before the Not mine form opens: for the experts on its beat and admins, and a conversation waiting
 * for a claim, or held by whoever pressed it (the form gives it back as it moves it), so no beat is
 * picked in vain. The topics it can go to, and whether the presser holds it.
 */
export async function checkCanMove(
  deps: Deps,
  nudgeId: number,
  userId: string,
): Promise<{ topics: Array<{ name: string; label: string }>; held: boolean }> {
  const nudge = readNudge(deps, nudgeId);
  const admin = await isAdmin(deps, userId);
  const finished = finishedState(deps, nudge, admin, userId, admin ? undefined : await adminsToAsk(deps));
  if (finished) throw new UserError('ILLEGAL_TRANSITION', finished);
  await requireExpertOrAdmin(deps, nudgeId, userId, 'move');
  const held = nudge.state === 'claimed' && nudge.claimantId === userId;
  if (nudge.state === 'claimed' && !held)
    throw new UserError(
      'ILLEGAL_TRANSITION',
      heldBefore(deps, nudgeId, userId)
        ? `Conversation ${nudgeId} is <@${nudge.claimantId}>'s now, so it is no longer yours to move: nothing more to do.`
        : `Conversation ${nudgeId} is claimed by <@${nudge.claimantId}>: only a conversation waiting for a claim moves to another beat.`,
    );
  const topics = await deps.db.prisma.topic.findMany({ orderBy: { name: 'asc' } });
  return {
    topics: topics
      .filter((topic) => topic.id !== nudge.topicId)
      .map((topic) => ({ name: topic.name, label: topicLabel(topic) })),
    held,
  };
}

/** Before the Reassign form opens: only for an admin, and a conversation still open or claimed. */
export async function checkCanReassign(deps: Deps, nudgeId: number, userId: string): Promise<void> {
  await requireAdmin(deps, userId, 'reassign conversations');
  const finished = finishedState(deps, readNudge(deps, nudgeId), true, userId);
  if (finished) throw new UserError('ILLEGAL_TRANSITION', finished);
}

/**
 * Before the Mark replied form opens: only for a conversation waiting for this person's reply
 * (or one they may correct), or an admin recording it for the claimant.
 */
export async function checkCanMarkReplied(deps: Deps, nudgeId: number, userId: string): Promise<void> {
  const nudge = readNudge(deps, nudgeId);
  const theirs = nudge.claimantId === userId;
  // An expired claim still takes its claimant's link; a replied one takes a corrected link.
  if (theirs && ['claimed', 'expired', 'replied'].includes(nudge.state)) return;
  if (nudge.state === 'claimed' && (await isAdmin(deps, userId))) return;
  // A claim taken from this person is no longer theirs to answer; anyone else gets the command's refusal.
  if (nudge.state === 'claimed')
    throw new UserError(
      'NOT_CLAIMANT',
      !nudge.claimantId || heldBefore(deps, nudgeId, userId)
        ? `This conversation is <@${nudge.claimantId}>'s now, so it is no longer waiting for your reply: nothing more to do. \`/brief claims\` lists the ones that are.`
        : notClaimantText(nudge.claimantId, 'mark it as replied', await adminsToAsk(deps)),
    );
  throw new UserError(
    'ILLEGAL_TRANSITION',
    finishedState(deps, nudge, await isAdmin(deps, userId), userId, await adminsToAsk(deps)) ??
      `Conversation ${nudgeId} is not waiting for your reply. \`/brief claims\` lists the ones that are.`,
  );
}

/**
 * Why the team's figures are empty when no topic has a channel for its nudges: Briefbot asks no one on its
 * own until one does (`nudge settings` says "nudges off (no channel)"); the command that starts them.
 */
function noNudgeChannelNote(deps: Deps): string {
  const topics = deps.db.sqlite
    .prepare('SELECT name, channel_id FROM topics ORDER BY name')
    .raw()
    .all() as Array<[string, string | null]>;
  const [first] = topics;
  if (!first || topics.some(([, channelId]) => channelId)) return '';
  return ` No topic has a channel for its nudges yet, so Briefbot asks the experts only when someone requests a response. To have it ask on its own: \`/brief topics set ${escapeText(first[0])} channel=#market-talk\` (\`/brief nudge settings\` shows the whole policy).`;
}
