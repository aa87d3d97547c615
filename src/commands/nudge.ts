import { findTopic } from '../analysis/topics.ts';
import { recordAudit } from '../db/audit.ts';
import { DeliveryKind, deliverToEach } from '../deliveries.ts';
import type { Deps } from '../deps.ts';
import {
  claimNudge,
  correctReplyUrl,
  DismissReason,
  dismissNudge,
  isStoryLink,
  markReplied,
  ReplyUrl,
  readNudge,
  reassignNudge,
  releaseNudge,
  reopenNudge,
  snoozeNudge,
  storyLinkRefusal,
} from '../engage/claims.ts';
import { type ResponseStats, responseStats } from '../engage/metrics.ts';
import {
  inQuietHours,
  loadNudgeView,
  personTimeZone,
  postedTodayCounter,
  refreshNudgeMessage,
  requestResponse,
  snoozedBy,
} from '../engage/nudges.ts';
import { addSme } from '../engage/smes.ts';
import { UserError } from '../errors.ts';
import { formatDateTime, formatRelative } from '../format.ts';
import { context, escapeText, fields, link, type Message, message, section } from '../slack/blocks/common.ts';
import { claimantMessage, nudgeMessage, reopenedMessage } from '../slack/blocks/nudge.ts';
import { groupHelpMessage, noticeMessage } from '../slack/blocks/replies.ts';
import { isAdmin, requireAdmin, requireExpertOrAdmin } from './access.ts';
import { closest, firstWord, parseChannel, parseMention, plainText, words } from './text.ts';

/** /brief claims: the conversations I claimed and have not answered yet. */
export async function myClaims(deps: Deps, userId: string): Promise<Message> {
  const nudges = await deps.db.prisma.nudge.findMany({
    where: { claimantId: userId, state: 'claimed' },
    include: { item: true },
    orderBy: { claimedAt: 'asc' },
  });
  if (nudges.length === 0)
    return noticeMessage('You have no open conversations. Claim one from a nudge in a channel.');
  const now = deps.clock.now();
  const lines = nudges.map(
    (nudge) =>
      `• *${nudge.id}* ${link(nudge.item.url, nudge.item.title)} in <#${nudge.channelId}>, claimed ${nudge.claimedAt ? formatRelative(nudge.claimedAt, now) : ''} — mark it replied from your DM, or \`/brief nudge release ${nudge.id}\``,
  );
  return message(`You have ${nudges.length} open conversations`, [
    section(`*Your open conversations (${nudges.length})*`),
    section(lines.join('\n')),
  ]);
}

const listedPerGroup = 10;

/** One group of the team's conversations: a heading, oldest first, the rest counted. */
function conversationGroup(heading: string, lines: string[]): string | null {
  if (lines.length === 0) return null;
  const more = lines.length > listedPerGroup ? `\n…and ${lines.length - listedPerGroup} more` : '';
  return `*${heading} (${lines.length})*\n${lines.slice(0, listedPerGroup).join('\n')}${more}`;
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

/** /brief nudge list: every conversation not finished yet, team-wide, so nothing is left unanswered. */
export async function teamConversations(deps: Deps, userId: string): Promise<Message> {
  const nudges = await deps.db.prisma.nudge.findMany({
    where: { state: { in: ['open', 'claimed'] } },
    include: { item: { select: { title: true, url: true } }, topic: { select: { name: true } } },
    orderBy: { createdAt: 'asc' },
  });
  if (nudges.length === 0)
    return noticeMessage(
      (await deps.db.prisma.nudge.count()) === 0
        ? 'No conversations yet. Briefbot asks the experts on a beat when one of its topics turns controversial (`/brief topics set <topic> channel=#…` says where); `/brief nudge <item link or number>` asks them now, and the Request a response buttons on answers do too.'
        : 'No conversations are waiting: every nudge was answered, dismissed or expired. `/brief stats 30d` shows how fast the team responded.',
    );
  const now = deps.clock.now();
  const heldBecause = heldReasons(deps, now);
  const ago = (at: Date | null) => (at ? formatRelative(at, now) : '');
  const describe = (nudge: (typeof nudges)[number], detail: string[]) =>
    [
      `• *${nudge.id}* ${link(nudge.item.url, nudge.item.title)} in <#${nudge.channelId}>`,
      ...(nudge.topic ? [escapeText(nudge.topic.name)] : []),
      ...detail,
    ].join(' · ');
  const held: string[] = [];
  const waiting: string[] = [];
  const claimed: string[] = [];
  for (const nudge of nudges) {
    const snoozed =
      nudge.snoozedUntil && nudge.snoozedUntil > now
        ? [`snoozed, back ${formatRelative(nudge.snoozedUntil, now)}`]
        : [];
    if (nudge.state === 'claimed') {
      claimed.push(describe(nudge, [`<@${nudge.claimantId}> claimed it ${ago(nudge.claimedAt)}`]));
    } else if (!nudge.postedAt) {
      held.push(describe(nudge, [`found ${ago(nudge.createdAt)}`, heldBecause(nudge.channelId)]));
    } else {
      const flags = nudge.escalatedAt ? ['escalated to the admins'] : nudge.remindedAt ? ['reminded'] : [];
      waiting.push(describe(nudge, [`posted ${ago(nudge.postedAt)}`, ...flags, ...snoozed]));
    }
  }
  const summary = [
    waiting.length ? `${waiting.length} waiting for a claim` : '',
    claimed.length ? `${claimed.length} claimed and awaiting a reply` : '',
    held.length ? `${held.length} not posted yet` : '',
  ].filter(Boolean);
  const groups = [
    conversationGroup('Waiting for a claim', waiting),
    conversationGroup('Claimed, awaiting a reply', claimed),
    conversationGroup('Not posted yet', held),
  ].filter((group): group is string => group !== null);
  return message(`Conversations in progress: ${summary.join(', ')}`, [
    section(`*Conversations in progress:* ${summary.join(', ')}`),
    ...groups.map((group) => section(group)),
    context(
      (await isAdmin(deps, userId))
        ? '`/brief nudge reassign <number> @someone` gives one to an expert · `/brief stats 30d` how fast the team responds'
        : '`/brief nudge claim <number>` takes one · `/brief nudge <number>` where one stands · `/brief stats 30d` how fast the team responds',
    ),
  ]);
}

/**
 * Gives a conversation to an expert, as `/brief nudge reassign` and the expert picker do: the
 * message shows the new claimant, who gets the DM a claim brings (Mark replied and Release live
 * only there), and the one it was taken from is told they no longer need to reply.
 */
export async function reassignAndNotify(
  deps: Deps,
  nudgeId: number,
  actorId: string,
  to: string,
): Promise<void> {
  const nudge = readNudge(deps, nudgeId);
  const previous = nudge.claimantId;
  if (nudge.state === 'claimed' && previous === to)
    throw new UserError(
      'ALREADY_THEIRS',
      `Conversation ${nudgeId} is already <@${to}>'s: nothing was sent. \`/brief nudge ${nudgeId}\` shows where it stands.`,
    );
  if (nudge.topicId !== null) {
    const topic = await deps.db.prisma.topic.findUniqueOrThrow({
      where: { id: nudge.topicId },
      include: { beats: { where: { sme: { userId: to } }, select: { smeId: true } } },
    });
    if (topic.beats.length === 0)
      throw new UserError(
        'NOT_EXPERT',
        `<@${to}> is not an expert on ${escapeText(topic.name)}. Put them on its beat first: \`/brief sme add @name ${escapeText(topic.name)}\`, then \`/brief nudge reassign ${nudgeId} @name\` again.`,
      );
  }
  await reassignNudge(deps, nudgeId, actorId, to);
  await refreshNudgeMessage(deps, nudgeId);
  const view = await loadNudgeView(deps, nudgeId);
  await directMessage(
    deps,
    nudgeId,
    to,
    claimantMessage(view, deps.clock.now(), actorId === to ? undefined : actorId),
  );
  if (previous && previous !== to) {
    const text = `<@${actorId}> reassigned "${escapeText(view.title)}" to <@${to}>: you no longer need to reply to it.`;
    await directMessage(deps, nudgeId, previous, message(text, [section(text)]));
  }
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
  const intro = `<@${actorId}> added you to the ${escapeText(nudge.topic.name)} beat for this conversation. Press *Claim* to take it.`;
  await directMessage(deps, nudgeId, userId, message(nudgeView.text, [section(intro), ...nudgeView.blocks]));
  return `<@${userId}> joins the ${escapeText(nudge.topic.name)} beat and got this conversation in a DM, with *Claim*.`;
}

/** A DM about a conversation: the move it follows is done, so a DM Slack refuses is logged, not an error. */
async function directMessage(deps: Deps, nudgeId: number, userId: string, body: Message): Promise<void> {
  await deps.outbox
    .post(userId, body)
    .then(() => undefined)
    .catch((error: unknown) => deps.logger.warn({ nudgeId, userId, error }, 'conversation DM not sent'));
}

/**
 * An admin reopens a finished conversation: the message offers Claim again, and the expert who had
 * replied (or whose claim expired) gets one DM, owed until Slack takes it, naming the admin and
 * why. Returns who was told, if anyone.
 */
export async function reopenAndNotify(
  deps: Deps,
  nudgeId: number,
  adminId: string,
  reason: string | null,
): Promise<string | null> {
  const before = deps.db.sqlite
    .prepare('SELECT state, claimant_id AS claimantId, reply_url AS replyUrl FROM nudges WHERE id = ?')
    .get(nudgeId) as { state: string; claimantId: string | null; replyUrl: string | null } | undefined;
  const reopened = await reopenNudge(deps, nudgeId, adminId, reason);
  await refreshNudgeMessage(deps, nudgeId);
  const expert = before?.claimantId;
  if (!before || !expert || expert === adminId || !['replied', 'expired'].includes(before.state)) return null;
  const view = await loadNudgeView(deps, nudgeId);
  await deliverToEach(deps, {
    kind: DeliveryKind.Reopened,
    subject: String(reopened.id),
    episode: deps.clock.now().getTime(),
    recipients: [expert],
    message: reopenedMessage(view, {
      adminId,
      reason,
      was: before.state as 'replied' | 'expired',
      replyUrl: before.replyUrl,
    }),
  });
  return expert;
}

/** Claim, as the Claim button does: the message shows the claimant, whose DM gets the link, Mark replied and Release. */
export async function claimAndNotify(deps: Deps, nudgeId: number, userId: string): Promise<void> {
  await requireExpertOrAdmin(deps, nudgeId, userId, 'claim');
  await claimNudge(deps, nudgeId, userId);
  await refreshNudgeMessage(deps, nudgeId);
  await directMessage(
    deps,
    nudgeId,
    userId,
    claimantMessage(await loadNudgeView(deps, nudgeId), deps.clock.now()),
  );
}

/**
 * Release, by the claimant or an admin: the message offers Claim again, and a claimant whose claim
 * an admin released is told by whom, and how to take it back.
 */
export async function releaseAndNotify(deps: Deps, nudgeId: number, userId: string): Promise<void> {
  const previous = readNudge(deps, nudgeId).claimantId;
  await releaseNudge(deps, nudgeId, userId, await isAdmin(deps, userId));
  await refreshNudgeMessage(deps, nudgeId);
  if (previous && previous !== userId) {
    const view = await loadNudgeView(deps, nudgeId);
    const text = `<@${userId}> released your claim on "${escapeText(view.title)}": it is open for the experts again, and you no longer need to reply. To take it back, press *Claim* on the nudge, or send \`/brief nudge claim ${nudgeId}\`.`;
    await directMessage(deps, nudgeId, previous, message(text, [section(text)]));
  }
}

/**
 * The reply's link recorded, as Mark replied does; an admin may record it for the claimant, who is
 * then told. Given again for a replied conversation, it replaces the link (a wrong one pasted):
 * 'corrected'. `onBehalfOf`: the claimant whose reply an admin recorded.
 */
export async function recordReply(
  deps: Deps,
  nudgeId: number,
  userId: string,
  url: string,
): Promise<{ outcome: 'recorded' | 'corrected'; onBehalfOf: string | null }> {
  if (isStoryLink(deps, nudgeId, url)) throw new UserError('STORY_LINK', storyLinkRefusal);
  // Replied without claiming first: an expert on its beat (or an admin) claims it with the link.
  if (readNudge(deps, nudgeId).state === 'open') {
    await requireExpertOrAdmin(deps, nudgeId, userId, 'record a reply to');
    await claimNudge(deps, nudgeId, userId);
  }
  const nudge = readNudge(deps, nudgeId);
  const onBehalf = nudge.claimantId !== userId && (await isAdmin(deps, userId));
  const outcome = nudge.state === 'replied' ? 'corrected' : 'recorded';
  if (outcome === 'corrected') await correctReplyUrl(deps, nudgeId, userId, url, onBehalf);
  else await markReplied(deps, nudgeId, userId, url, onBehalf);
  await refreshNudgeMessage(deps, nudgeId);
  const onBehalfOf = onBehalf ? nudge.claimantId : null;
  if (onBehalfOf) {
    const view = await loadNudgeView(deps, nudgeId);
    const text =
      outcome === 'corrected'
        ? `<@${userId}> corrected the link to your reply to "${escapeText(view.title)}": it is now ${url}. Nothing more to do.`
        : `<@${userId}> recorded your reply to "${escapeText(view.title)}" (${url}): nothing more to do, and *Mark replied* and *Release* in your DM are no longer needed.`;
    await directMessage(deps, nudgeId, onBehalfOf, message(text, [section(text)]));
  }
  if (outcome === 'recorded') {
    const view = await loadNudgeView(deps, nudgeId);
    const replier = view.claimantId ?? userId;
    await tellRequester(
      deps,
      view,
      [userId, replier],
      `<@${replier}> replied to "${escapeText(view.title)}", the conversation you asked for (${view.id}): ${url}`,
    );
  }
  return { outcome, onBehalfOf };
}

/** Not relevant, with the reason: the message says so for everyone. */
export async function dismissAndRefresh(deps: Deps, nudgeId: number, userId: string, reason: string) {
  await requireExpertOrAdmin(deps, nudgeId, userId, 'dismiss');
  await dismissNudge(deps, nudgeId, userId, reason);
  await refreshNudgeMessage(deps, nudgeId);
  const view = await loadNudgeView(deps, nudgeId);
  await tellRequester(
    deps,
    view,
    [userId],
    `<@${userId}> dismissed "${escapeText(view.title)}", the conversation you asked for (${view.id}), as not relevant: ${escapeText(reason)}`,
  );
}

/** Who asked for a response hears the outcome once (unless they brought it about themselves). */
async function tellRequester(
  deps: Deps,
  view: { id: number; requestedBy: string | null },
  actors: string[],
  text: string,
): Promise<void> {
  if (!view.requestedBy || actors.includes(view.requestedBy)) return;
  await deliverToEach(deps, {
    kind: DeliveryKind.Outcome,
    subject: String(view.id),
    episode: deps.clock.now().getTime(),
    recipients: [view.requestedBy],
    message: message(text, [section(text)]),
  });
}

/** Snooze a day: no reminders until then. Returns when it ends, as the one who snoozed reads the time (their time zone). */
export async function snoozeADay(deps: Deps, nudgeId: number, userId: string): Promise<string> {
  await requireExpertOrAdmin(deps, nudgeId, userId, 'snooze');
  const until = new Date(deps.clock.now().getTime() + 24 * 3600_000);
  await snoozeNudge(deps, nudgeId, userId, until);
  await refreshNudgeMessage(deps, nudgeId);
  return formatDateTime(until, await personTimeZone(deps, userId));
}

const nudgeVerbs = 'claim <id> · replied <id> <link> · release <id> · snooze <id> · dismiss <id> <why>';

const everyonesUsage = `nudge <item link> · nudge item <number> · nudge list · nudge <id> · nudge ${nudgeVerbs.replaceAll(' · ', ' · nudge ')}`;

/** Every /brief nudge command, for its help. */
export const nudgeUsage = `${everyonesUsage} · nudge reassign <id> <@user> · nudge reopen <id> [why] · claims · stats [30d]`;

/** "/brief nudge help": the admins' verbs only to admins; anyone else learns in one line that admins can do more. */
export async function nudgeHelp(deps: Deps, userId: string): Promise<Message> {
  if (await isAdmin(deps, userId)) return groupHelpMessage('nudge', nudgeUsage);
  return groupHelpMessage(
    'nudge',
    `${everyonesUsage} · claims · stats [30d]`,
    "Admins can also give a conversation to an expert, reopen a finished one and release anyone's claim: ask a Briefbot admin.",
  );
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
] as const;

/**
 * "/brief nudge 12": conversation 12, as the lists number them: where it stands and what to do
 * next, for whoever asks.
 */
export async function conversationStatus(deps: Deps, nudgeId: number, userId: string): Promise<Message> {
  const nudge = await deps.db.prisma.nudge.findUnique({ where: { id: nudgeId }, include: { item: true } });
  if (!nudge)
    throw new UserError(
      'NUDGE_NOT_FOUND',
      `There is no conversation ${nudgeId}: the numbers are those in \`/brief nudge list\` and \`/brief claims\`. To ask the experts about an item, give its link: \`/brief nudge <item link>\`, or press *Request a response* on an answer.`,
    );
  const now = deps.clock.now();
  const about = `Conversation ${nudge.id}, ${link(nudge.item.url, nudge.item.title)} in <#${nudge.channelId}>,`;
  const claimant = nudge.claimantId ? `<@${nudge.claimantId}>` : 'nobody';
  const yours = nudge.claimantId === userId;
  const admin = await isAdmin(deps, userId);
  const snoozed =
    nudge.state === 'open' && nudge.snoozedUntil && nudge.snoozedUntil > now
      ? `; snoozed by <@${await snoozedBy(deps, nudge.id)}> until ${formatDateTime(nudge.snoozedUntil, await personTimeZone(deps, userId))}, no reminders until then`
      : '';
  const next: Record<string, string> = {
    open: nudge.postedAt
      ? `is waiting for a claim (posted ${formatRelative(nudge.postedAt, now)}${snoozed}). Take it: \`/brief nudge claim ${nudge.id}\`${admin ? `, or give it to someone: \`/brief nudge reassign ${nudge.id} @someone\`` : ''}.`
      : `is not posted yet (${heldReasons(deps, now)(nudge.channelId)}). Take it now: \`/brief nudge claim ${nudge.id}\`.`,
    claimed: yours
      ? `is yours (claimed ${nudge.claimedAt ? formatRelative(nudge.claimedAt, now) : ''}). Once you have replied: \`/brief nudge replied ${nudge.id} <link to your reply>\`; to give it back: \`/brief nudge release ${nudge.id}\`.`
      : `is claimed by ${claimant}, who will reply; you can help them in its thread${admin ? `, or reassign it: \`/brief nudge reassign ${nudge.id} @someone\`` : ''}.`,
    replied: `was answered by ${claimant}: ${link(nudge.replyUrl, nudge.replyUrl ?? 'the reply')}. ${yours ? `A wrong link? Give the right one: \`/brief nudge replied ${nudge.id} <link to your reply>\`.` : 'Nothing more to do.'}`,
    dismissed: `was dismissed as not relevant${nudge.dismissReason ? ` (${escapeText(nudge.dismissReason)})` : ''}. To ask the experts after all, ${admin ? `reopen it: \`/brief nudge reopen ${nudge.id}\`` : 'ask an admin to reopen it'}.`,
    expired: yours
      ? `expired without a recorded reply. If you did reply: \`/brief nudge replied ${nudge.id} <link to your reply>\`.`
      : `expired without a recorded reply. To ask the experts again, ${admin ? `reopen it: \`/brief nudge reopen ${nudge.id}\`` : 'ask an admin to reopen it'}.`,
  };
  return noticeMessage(`${about} ${next[nudge.state] ?? `is ${nudge.state}.`}`);
}

/** The conversation number a verb acts on, or the usage of that verb. */
function nudgeNumber(word: string | undefined, usage: string): number {
  if (word && looksNumeric(word) && !/^\d{1,9}$/.test(word.replace(/^#/, '')))
    throw new UserError('USAGE', notAConversationNumber(word));
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

/** Words people type for a nudge verb or another command: suggested, never run. */
const nudgeSynonyms: Record<string, string> = {
  reply: 'nudge replied',
  replies: 'nudge replied',
  answered: 'nudge replied',
  stats: 'stats',
  stat: 'stats',
  statistics: 'stats',
};

/** /brief nudge <item link> | item <n> | <conversation> | list | claim, replied, release, snooze, dismiss, reassign <conversation> … */
export async function nudgeCommand(
  deps: Deps,
  userId: string,
  channelId: string | null,
  args: string,
): Promise<Message> {
  const [verb, rest] = firstWord(args);
  const lower = verb.toLowerCase();
  if ((lower === 'list' || lower === 'open') && !rest) return teamConversations(deps, userId);
  // A number is a conversation, as every list shows them; an item is "item <n>" or its link.
  const conversation = /^#?(\d{1,9})$/.exec(args.trim())?.[1];
  if (conversation) return conversationStatus(deps, Number(conversation), userId);
  if (lower === 'item') {
    const [number] = words(rest);
    if (!number || !/^#?\d{1,9}$/.test(number) || words(rest).length > 1)
      throw new UserError(
        'USAGE',
        'Usage: /brief nudge item <number> — the item numbers are in the Request a response buttons; or give its link: /brief nudge <item link>',
      );
    return requestAndTell(deps, number, userId, channelId);
  }
  if (lower === 'reassign') {
    await requireAdmin(deps, userId, 'reassign conversations');
    const [id, who] = words(rest);
    const mention = who ? parseMention(who) : null;
    if (!id || !/^\d+$/.test(id) || mention?.kind !== 'user')
      throw new UserError('USAGE', 'Usage: /brief nudge reassign <id> <@user>');
    await reassignAndNotify(deps, Number(id), userId, mention.id);
    return noticeMessage(
      `Conversation ${id} is now <@${mention.id}>'s. \`/brief nudge ${id}\` shows where it stands.`,
    );
  }
  if (lower === 'claim') {
    const id = nudgeNumber(words(rest)[0], 'claim <id>');
    await claimAndNotify(deps, id, userId);
    return noticeMessage(
      `You claimed conversation ${id}. Your DM has the link, *Mark replied* and *Release*; or, once you have replied: \`/brief nudge replied ${id} <link to your reply>\``,
    );
  }
  if (lower === 'replied') {
    const [first, link] = words(plainText(rest));
    const id = nudgeNumber(first, 'replied <id> <link to your reply>');
    const url = ReplyUrl.safeParse(link ?? '');
    if (!url.success)
      throw new UserError(
        'USAGE',
        `${url.error.issues[0]?.message}, e.g. \`/brief nudge replied ${id} https://www.linkedin.com/posts/…\``,
      );
    const { outcome, onBehalfOf } = await recordReply(deps, id, userId, url.data);
    if (onBehalfOf)
      return noticeMessage(
        outcome === 'corrected'
          ? `Corrected: <@${onBehalfOf}>'s reply to conversation ${id} now links to ${url.data}; they were told.`
          : `Recorded <@${onBehalfOf}>'s reply to conversation ${id} (${url.data}); they were told. To correct the link, send the command again with the right one.`,
      );
    return noticeMessage(
      outcome === 'corrected'
        ? `Corrected: the reply to conversation ${id} now links to ${url.data}. Nothing more to do.`
        : `Thank you: your reply to conversation ${id} is recorded (${url.data}). To correct the link, send the command again with the right one.`,
    );
  }
  if (lower === 'snooze') {
    const id = nudgeNumber(words(rest)[0], 'snooze <id>');
    const until = await snoozeADay(deps, id, userId);
    return noticeMessage(`Snoozed: no reminders about conversation ${id} until ${until}.`);
  }
  if (lower === 'dismiss') {
    const [first, ...why] = words(rest);
    const id = nudgeNumber(first, 'dismiss <id> <why it is not relevant>');
    const reason = DismissReason.safeParse(plainText(why.join(' ')));
    if (!reason.success)
      throw new UserError(
        'USAGE',
        `${reason.error.issues[0]?.message} E.g. \`/brief nudge dismiss ${id} old news, answered last year\``,
      );
    await dismissAndRefresh(deps, id, userId, reason.data);
    return noticeMessage(
      `Conversation ${id} is dismissed: ${escapeText(reason.data).replace(/[.!?]+$/, '')}. ${(await isAdmin(deps, userId)) ? `To bring it back: \`/brief nudge reopen ${id}\`.` : 'An admin can bring it back.'}`,
    );
  }
  if (lower === 'reopen') {
    await requireAdmin(deps, userId, 'reopen conversations');
    const [first, ...why] = words(rest);
    const id = nudgeNumber(first, 'reopen <id> [why]');
    const told = await reopenAndNotify(deps, id, userId, plainText(why.join(' ')).slice(0, 300) || null);
    const { channelId: where } = readNudge(deps, id);
    return noticeMessage(
      `Conversation ${id} is open again: its message in <#${where}> offers *Claim*, and the experts are reminded from now.${told ? ` <@${told}>, who had it, was told${why.length ? ' why' : ''}.` : ''} \`/brief nudge reassign ${id} @someone\` gives it to one of them.`,
    );
  }
  if (lower === 'release') {
    const [id] = words(rest);
    if (!id || !/^\d+$/.test(id))
      throw new UserError('USAGE', 'Usage: /brief nudge release <id> (numbers in /brief claims)');
    const previous = readNudge(deps, Number(id)).claimantId;
    await releaseAndNotify(deps, Number(id), userId);
    return noticeMessage(
      previous && previous !== userId
        ? `You released <@${previous}>'s claim on conversation ${id}; they were told, and it is open for the experts again.`
        : `You released conversation ${id}; it is open for the experts again.`,
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
      `I don't know "/brief nudge ${escapeText(verb)}". Did you mean \`/brief ${synonym}${rest ? ` ${escapeText(plainText(rest))}` : synonym === 'stats' ? ' 30d' : ''}\`?`,
    );
  // A mistyped verb ("calim") is not an item to look for; a link or a phrase is.
  const guess = rest === '' || /^\d/.test(rest) ? closest(lower, nudgeWords) : undefined;
  if (guess)
    throw new UserError(
      'UNKNOWN_COMMAND',
      `I don't know "/brief nudge ${verb}". Did you mean \`/brief nudge ${guess}${rest ? ` ${rest}` : ''}\`? Usage: ${nudgeVerbs}.`,
    );
  return requestAndTell(deps, reference, userId, channelId);
}

async function requestAndTell(
  deps: Deps,
  reference: string,
  userId: string,
  channelId: string | null,
): Promise<Message> {
  const result = await requestResponse(deps, reference, userId, channelId);
  const view = result.created ? await loadNudgeView(deps, result.nudgeId) : null;
  if (view && view.smes.length === 0) {
    const why = !view.topic
      ? 'the story is on no topic'
      : view.away.length
        ? `the ${view.away.length === 1 ? 'expert' : 'experts'} on ${escapeText(view.topic)} ${view.away.length === 1 ? 'is' : 'are'} away (${view.away.map((sme) => `<@${sme.userId}> until ${formatDateTime(sme.until, deps.config.DEFAULT_TIMEZONE)}`).join(', ')})`
        : `no expert covers ${escapeText(view.topic)} yet`;
    return noticeMessage(
      `Posted conversation ${result.nudgeId} in <#${result.channelId}>, but no expert was asked: ${why}. Pick someone with the menu on its message.`,
    );
  }
  return noticeMessage(
    result.created
      ? `Asked the experts in <#${result.channelId}> to respond (conversation ${result.nudgeId}). \`/brief nudge ${result.nudgeId}\` shows where it stands.`
      : `The experts in <#${result.channelId}> were already asked about this story (conversation ${result.nudgeId}). \`/brief nudge ${result.nudgeId}\` shows where it stands.`,
  );
}

/** /brief topics set <name> channel=<#channel> threshold=<0-1>: where a topic's nudges go, how sensitive. */
export async function setTopicNudges(deps: Deps, userId: string, args: string): Promise<Message> {
  await requireAdmin(deps, userId, 'change topics');
  const [name, ...options] = words(args);
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
        `I don't know "${key}". Usage: /brief topics set <name> channel=<#channel> threshold=<0-1>`,
      );
    }
  }
  const updated = await deps.db.prisma.topic.update({ where: { id: topic.id }, data });
  await recordAudit(deps.db, deps.clock.now(), {
    actorId: userId,
    action: 'topic.set',
    subjectType: 'topic',
    subjectId: topic.id,
    detail: data,
  });
  if (!updated.channelId)
    return noticeMessage(
      `Topic *${updated.name}*: nudges are off. Turn them on with \`/brief topics set ${updated.name} channel=#…\`.`,
    );
  return noticeMessage(
    `Topic *${updated.name}*: nudges go to <#${updated.channelId}> when an item scores ${updated.threshold ?? deps.config.NUDGE_THRESHOLD} or more for controversy.`,
  );
}

function statsLine(stats: ResponseStats): string {
  const share = stats.nudges ? Math.round((stats.replied / stats.nudges) * 100) : 0;
  const minutes = (value: number | null) =>
    value === null ? '—' : value < 120 ? `${value} min` : `${Math.round(value / 60)} h`;
  return `${stats.nudges} ${stats.nudges === 1 ? 'nudge' : 'nudges'} · ${stats.claimed} claimed · ${stats.replied} replied (${share}%) · claim in ${minutes(stats.medianClaimMinutes)} · reply in ${minutes(stats.medianReplyMinutes)}`;
}

/** /brief stats [7d|30d]: how fast the company responds, per expert and per topic. */
export function statsCommand(deps: Deps, args: string): Message {
  const asked = /^(\d{1,3})\s*d?/.exec(args.trim())?.[1];
  const days = asked ? Math.min(365, Math.max(1, Number(asked))) : 7;
  const stats = responseStats(deps, days);
  if (stats.overall.nudges === 0) return noticeMessage(`No nudges in the last ${days} days.`);
  return message(`Responses, last ${days} days: ${statsLine(stats.overall)}`, [
    section(`*Responses, last ${days} days* (medians)\n${statsLine(stats.overall)}`),
    fields([
      `*By expert*\n${
        stats.bySme
          .slice(0, 8)
          .map((row) => `<@${row.label}>: ${statsLine(row)}`)
          .join('\n') || '—'
      }`,
      `*By topic*\n${
        stats.byTopic
          .slice(0, 8)
          .map((row) => `${escapeText(row.label)}: ${statsLine(row)}`)
          .join('\n') || '—'
      }`,
    ]),
  ]);
}
