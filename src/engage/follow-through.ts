import { adminsToAskFor } from '../commands/access.ts';
import {
  type DeliveryInput,
  DeliveryKind,
  deliverToEach,
  recordDeliveries,
  sentAbout,
} from '../deliveries.ts';
import type { Deps } from '../deps.ts';
import { formatDayTime, formatRelative, formatTheirTime, formatUntilDay } from '../format.ts';
import { escapeText, type Message, message, section } from '../slack/blocks/common.ts';
import {
  awayClause,
  awayList,
  claimantMessage,
  claimExpiredMessage,
  claimedInvitation,
  endedInvitation,
  escalationMessage,
  leftClause,
  type NudgeView,
  requestExpiredMessage,
} from '../slack/blocks/nudge.ts';
import { alertRecipients } from './accounts.ts';
import { expireNudge } from './claims.ts';
import {
  expiryOf,
  expiryTime,
  inBusinessHours,
  loadNudgeView,
  personTimeZone,
  refreshNudgeMessage,
  requestersOf,
  workingMsBetween,
} from './nudges.ts';
import { awayUntilOf, awayWhenRemoved, wasRemoved } from './smes.ts';

const hourMs = 3600_000;

type OpenNudge = {
  id: number;
  channelId: string;
  messageTs: string | null;
  state: string;
  claimantId: string | null;
  postedAt: number | null;
  claimedAt: number | null;
  remindedAt: number | null;
  escalatedAt: number | null;
  claimantRemindedAt: number | null;
  snoozedUntil: number | null;
  reopenedAt: number | null;
  createdAt: number;
};

/**
 * Keeps nudges moving, in working hours only, and counting working hours only (a nudge posted
 * late on Friday is not overdue on Monday morning): an unclaimed one gets a reminder in its
 * thread after NUDGE_REMIND_AFTER_HOURS, then goes to the admins after NUDGE_ESCALATE_AFTER_HOURS;
 * a claimed one without a reply gets a DM to its claimant after NUDGE_REPLY_REMINDER_HOURS of the
 * claimant's working hours, in their time zone; anything left after NUDGE_EXPIRE_DAYS (a claim:
 * from its claiming) expires, and its claimant is told.
 */
export async function followThrough(
  deps: Deps,
): Promise<{ reminded: number; escalated: number; nudgedClaimants: number; expired: number }> {
  const { config } = deps;
  const now = deps.clock.now();
  const at = now.getTime();
  const rows = deps.db.sqlite
    .prepare(
      `SELECT id, channel_id AS channelId, message_ts AS messageTs, state, claimant_id AS claimantId, posted_at AS postedAt,
         claimed_at AS claimedAt, reminded_at AS remindedAt, escalated_at AS escalatedAt,
         claimant_reminded_at AS claimantRemindedAt, snoozed_until AS snoozedUntil, reopened_at AS reopenedAt,
         created_at AS createdAt
       FROM nudges WHERE state IN ('open', 'claimed') ORDER BY id`,
    )
    .safeIntegers(false)
    .all() as OpenNudge[];
  const result = { reminded: 0, escalated: 0, nudgedClaimants: 0, expired: 0 };
  for (const nudge of rows) {
    try {
      if (at >= expiryTime(deps, nudge)) {
        // The DMs are owed before the expiry is stored: a process stopped in between loses none.
        const told = await expiryDeliveries(deps, nudge);
        for (const delivery of told) recordDeliveries(deps, delivery);
        await expireNudge(deps, nudge.id);
        await refreshNudgeMessage(deps, nudge.id);
        await redrawInvitations(deps, nudge.id);
        for (const delivery of told) await deliverToEach(deps, delivery);
        result.expired++;
        continue;
      }
      if (nudge.state === 'open' && nudge.postedAt !== null) {
        if (nudge.snoozedUntil !== null && nudge.snoozedUntil > at) continue;
        // Snoozing and releasing restart the clock (a release sets snoozed_until to its time).
        const since = new Date(Math.max(nudge.postedAt, nudge.snoozedUntil ?? 0));
        const open = workingMsBetween(deps, since, now);
        // The experts are reminded before anyone goes to the admins, even when both are due at once.
        let remindedAt = nudge.remindedAt;
        if (
          nudge.remindedAt === null &&
          open >= config.NUDGE_REMIND_AFTER_HOURS * hourMs &&
          nudge.messageTs
        ) {
          const text = await threadReminderNow(deps, await loadNudgeView(deps, nudge.id), now);
          // Nobody to remind in their own working hours yet: held, and the admins hear only after it.
          if (text === null) continue;
          await owe(deps, nudge.id, 'reminded_at', {
            kind: DeliveryKind.ThreadReminder,
            subject: String(nudge.id),
            // A snooze or release restarts the clock: reminded again, it is a new delivery.
            episode: since.getTime(),
            recipients: [nudge.channelId],
            message: message(text, [section(text)]),
          });
          result.reminded++;
          remindedAt = at;
        }
        if (!inBusinessHours(deps, now)) continue;
        // After the reminder, the experts get the hours between the two delays to take it: woken after
        // days asleep, Briefbot reminds now and escalates later, not both at once.
        const afterReminder = Math.max(
          0,
          config.NUDGE_ESCALATE_AFTER_HOURS - config.NUDGE_REMIND_AFTER_HOURS,
        );
        if (
          nudge.escalatedAt === null &&
          open >= config.NUDGE_ESCALATE_AFTER_HOURS * hourMs &&
          (remindedAt === null || workingMsBetween(deps, new Date(remindedAt), now) >= afterReminder * hourMs)
        ) {
          const escalation = await escalationFor(deps, nudge, since.getTime());
          if (escalation) {
            await owe(deps, nudge.id, 'escalated_at', escalation);
            result.escalated++;
          }
        }
      } else if (nudge.state === 'claimed' && nudge.claimantId && nudge.claimedAt !== null) {
        // The claimant snoozed their reminder: nothing until then, and it counts from then.
        if (nudge.snoozedUntil !== null && nudge.snoozedUntil > at) continue;
        const timeZone = await personTimeZone(deps, nudge.claimantId);
        if (!inBusinessHours(deps, now, timeZone)) continue;
        const since = new Date(Math.max(nudge.claimedAt, nudge.snoozedUntil ?? 0));
        // A claimant marked away would not read a reminder: the admins hear when it would have come
        // (back before it expires, they are reminded then).
        // One whose Slack account was deactivated (they left) would never read it either.
        const away =
          nudge.claimantRemindedAt === null &&
          ((await claimantAwayNote(deps, nudge.claimantId)) !== '' ||
            (await hasLeft(deps, nudge.claimantId)));
        if (nudge.claimantRemindedAt !== null || away) {
          // Still no reply a working day after the reminder: the admins hear, once, before it expires.
          if (nudge.escalatedAt !== null) continue;
          const [from, hours] = away
            ? [since, config.NUDGE_REPLY_REMINDER_HOURS]
            : [new Date(nudge.claimantRemindedAt as number), config.NUDGE_ESCALATE_AFTER_HOURS];
          if (workingMsBetween(deps, from, now, timeZone) < hours * hourMs) continue;
          const escalation = await claimEscalationFor(deps, nudge, nudge.claimantId, away);
          if (escalation) {
            await owe(deps, nudge.id, 'escalated_at', escalation);
            result.escalated++;
          }
          continue;
        }
        const waited = workingMsBetween(deps, since, now, timeZone);
        if (waited < config.NUDGE_REPLY_REMINDER_HOURS * hourMs) continue;
        const view = await loadNudgeView(deps, nudge.id);
        // This is the reminder: its by-when line speaks of what comes after it.
        const followUp = view.followUp ? { ...view.followUp, claimantReminded: true } : null;
        const reminder = claimantMessage({ ...view, followUp, timeZone }, now);
        await owe(deps, nudge.id, 'claimant_reminded_at', {
          kind: DeliveryKind.ClaimantReminder,
          subject: String(nudge.id),
          episode: nudge.claimedAt,
          recipients: [nudge.claimantId],
          message: {
            text: `A reminder: no reply is recorded yet on conversation ${view.id}. ${reminder.text}`,
            blocks: [
              section(
                `:alarm_clock: A reminder: you claimed conversation ${view.id} ${formatRelative(new Date(nudge.claimedAt), now)} and no reply is recorded yet.`,
              ),
              ...reminder.blocks,
            ],
          },
        });
        result.nudgedClaimants++;
      }
    } catch (error) {
      deps.logger.warn({ nudgeId: nudge.id, error }, 'nudge follow-through failed; will retry');
    }
  }
  return result;
}

/**
 * The thread reminder: to the experts on the beat; with none available (no expert covers the
 * topic, all away, no topic), to the admins, who pick someone with the message's menu.
 */
function threadReminderText(deps: Deps, view: NudgeView): string {
  if (view.smes.length)
    return `${view.smes.map((id) => `<@${id}>`).join(' ')}: this conversation is still waiting for someone to take it. Press *Claim* above.`;
  return `${adminMentions(deps)}: this conversation is still waiting, and ${noExpertReason(view)}. Pick someone with the menu above.`;
}

/**
 * The thread reminder as it can go out `now`: it @-mentions only the experts in their own working
 * hours (a mention at 03:00 where they live wakes them) and whose Slack account is still active;
 * null while none of them is (it waits for the first one's morning). With no expert to ask, the
 * admins' reminder goes in DEFAULT_TIMEZONE's working hours.
 */
async function threadReminderNow(deps: Deps, view: NudgeView, now: Date): Promise<string | null> {
  if (!view.smes.length) return inBusinessHours(deps, now) ? threadReminderText(deps, view) : null;
  const reachable: string[] = [];
  for (const id of view.smes) {
    if (await hasLeft(deps, id)) continue;
    if (inBusinessHours(deps, now, await personTimeZone(deps, id))) reachable.push(id);
  }
  if (!reachable.length) return null;
  const others = view.smes.length - reachable.length;
  const rest = others
    ? ` (${others === 1 ? 'The other expert on this beat is' : `The ${others} other experts on this beat are`} not pinged now: outside their working hours, or no longer in Slack.)`
    : '';
  // An expert DMed about this conversation (their morning DM, or one as they joined its beat, came back
  // or it moved to them) is not @-mentioned again within a
  // reminder interval: one notification per conversation at a time, whichever way it came.
  const dms = new Map<string, { when: string; sent: boolean }>();
  for (const id of reachable) {
    const dm = await recentDm(deps, view.id, id, now);
    if (dm) dms.set(id, dm);
  }
  const asked = reachable.filter((id) => dms.has(id));
  const pinged = reachable.filter((id) => !dms.has(id));
  if (!asked.length) return `${threadReminderText(deps, { ...view, smes: reachable })}${rest}`;
  const one = asked.length === 1;
  const who = pinged.length
    ? one
      ? 'One other expert on this beat'
      : `${asked.length} other experts on this beat`
    : one
      ? 'the expert on this beat'
      : `the ${asked.length} experts on this beat`;
  const each = asked.map((id) => dms.get(id) as { when: string; sent: boolean });
  const whens = new Set(each.map((dm) => dm.when));
  const when = whens.size === 1 ? (each[0] as { when: string }).when : 'as their working day started';
  // Sent already, or going out with this reminder (owed, due now or within the hour).
  const byDm = each.every((dm) => dm.sent)
    ? `${who} ${one ? 'was' : 'were'} sent a DM about it ${when}, so ${one ? 'is' : 'are'} not pinged again`
    : each.every((dm) => !dm.sent)
      ? `${who} ${one ? 'gets' : 'get'} a DM about it ${when} instead of a ping`
      : `${who} ${one ? 'is' : 'are'} asked by DM ${when} instead of a ping`;
  return pinged.length
    ? `${threadReminderText(deps, { ...view, smes: pinged })} (${byDm}.)${rest}`
    : `This conversation is still waiting for someone to take it: ${byDm}. Press *Claim* above.${rest}`;
}

/** How soon before its due time an expert's morning DM still owed counts as theirs: it goes out with the reminder. */
const morningDmAheadMs = hourMs;

/**
 * When `userId` last got (`sent`) or is about to get a DM about this conversation, said for the thread
 * ("at 09:00 their time (Mon 23 Nov 14:00 UTC)"): the morning DM owed to an expert not pinged at the
 * post, or one sent as something happened (added to its beat, back from away, or it moved
 * to their beat); if that was within the last NUDGE_REMIND_AFTER_HOURS of their working hours (or is
 * due within the hour). Else null: a reminder now would be their one notification about it in that interval.
 */
async function recentDm(
  deps: Deps,
  nudgeId: number,
  userId: string,
  now: Date,
): Promise<{ when: string; sent: boolean } | null> {
  const dm = deps.db.sqlite
    .prepare(
      `SELECT COALESCE(sent_at, due_at) AS at, sent_at IS NOT NULL AS sent FROM deliveries
       WHERE kind IN (?, ?) AND subject = ? AND recipient = ? AND COALESCE(sent_at, due_at) <= ?
       ORDER BY at DESC LIMIT 1`,
    )
    .safeIntegers(false)
    .get(
      DeliveryKind.MorningNudge,
      DeliveryKind.ConversationDm,
      String(nudgeId),
      userId,
      now.getTime() + morningDmAheadMs,
    ) as { at: number; sent: number } | undefined;
  if (!dm) return null;
  const at = new Date(dm.at);
  const zone = await personTimeZone(deps, userId);
  const recent =
    at.getTime() > now.getTime()
      ? at.getTime() - now.getTime() <= morningDmAheadMs
      : workingMsBetween(deps, at, now, zone) < deps.config.NUDGE_REMIND_AFTER_HOURS * hourMs;
  return recent
    ? { when: formatTheirTime(at, zone, deps.config.DEFAULT_TIMEZONE), sent: dm.sent === 1 }
    : null;
}

/** Why nobody is asked to claim: no topic, everyone on the beat away, or nobody on it. */
function noExpertReason(view: NudgeView): string {
  const topic = view.topic ? escapeText(view.topic) : null;
  return !topic
    ? 'this story is on no topic, so no expert was asked'
    : view.away.length
      ? awayClause(view.away.length, view.topic as string)
      : view.left?.length
        ? leftClause(view.left, view.topic as string)
        : `no expert covers ${topic}`;
}

/** The admins, @-mentioned, for a thread notice only they can act on. */
function adminMentions(deps: Deps): string {
  return deps.config.BRIEFBOT_ADMINS.length
    ? deps.config.BRIEFBOT_ADMINS.map((id) => `<@${id}>`).join(' ')
    : 'Admins';
}

/**
 * A conversation open again (`released` by its claimant or an admin, `reopened` by an admin, with its reason), said in
 * its thread with the experts available @-mentioned: the redrawn message notifies nobody. Owed like
 * a reminder; dropped if it is claimed or closed first. Nothing when it was never posted.
 */
export async function postOpenAgainNotice(
  deps: Deps,
  nudgeId: number,
  actorId: string,
  how: 'released' | 'reopened' | 'undid',
  { from = null, reason = null }: { from?: string | null; reason?: string | null } = {},
): Promise<void> {
  const view = await loadNudgeView(deps, nudgeId);
  // Neither who gave it back nor whose claim an admin released (told they need not reply) is asked;
  // an expert who undid their own dismissal still may take it.
  const others = view.smes.filter((id) => (how === 'undid' || id !== actorId) && id !== from);
  const ask = askToTake(deps, view, others);
  const what = from && from !== actorId ? `<@${from}>'s claim on this conversation` : 'this conversation';
  // Why it was reopened, so the experts asked again need not hunt for it.
  const why = reason ? ` (“${escapeText(reason)}”)` : '';
  const done = how === 'undid' ? `took back their dismissal of this conversation` : `${how} ${what}`;
  await postInThread(deps, nudgeId, `<@${actorId}> ${done}${why}; it is open again. ${ask}`);
}

/**
 * Who the thread asks to take a conversation: `others`, the experts available who did not just give
 * it up; with none of those but some who did, the admins, to find someone else, as the message says.
 */
function askToTake(deps: Deps, view: NudgeView, others: string[]): string {
  if (others.length)
    return `${others.map((id) => `<@${id}>`).join(' ')}, can ${others.length === 1 ? 'you' : 'one of you'} take it? Press *Claim* above.`;
  if (!view.smes.length) return threadReminderText(deps, view);
  return `${adminMentions(deps)}: ${view.smes.map((id) => `<@${id}>`).join(' ')} ${view.smes.length === 1 ? 'is the only expert' : 'are the only experts'} available${view.topic ? ` on ${escapeText(view.topic)}` : ''}, so reassign it (\`/brief nudge reassign ${view.id} @someone\`)${view.topic ? ` or add an expert (\`/brief sme add @someone ${escapeText(view.topic)}\`)` : ''}.`;
}

/**
 * A conversation sent to another beat (`nudge move`), said in its thread with why and its new
 * experts @-mentioned (with none available, the admins, as the thread reminder does). `gaveBack`:
 * its holder gave it back as they moved it, which the thread's readers saw claimed.
 */
export async function postMovedNotice(
  deps: Deps,
  nudgeId: number,
  actorId: string,
  from: string | null,
  reason: string | null,
  gaveBack = false,
): Promise<void> {
  const view = await loadNudgeView(deps, nudgeId);
  const why = reason ? ` (“${escapeText(reason)}”)` : '';
  // Who gave it back as they moved it is not asked to take it (on the new beat too): it is not theirs.
  const ask = askToTake(
    deps,
    view,
    view.smes.filter((id) => !gaveBack || id !== actorId),
  );
  await postInThread(
    deps,
    nudgeId,
    `<@${actorId}> ${gaveBack ? 'gave this conversation back and moved it' : 'moved this conversation'} ${from ? `from ${escapeText(from)} ` : ''}to ${escapeText(view.topic ?? '')}${why}. ${ask}`,
  );
}

/**
 * A waiting conversation whose last available expert just went off duty (away, off the beat): the
 * admins are told in its thread, since the redrawn message notifies nobody.
 */
export async function postStrandedNotice(deps: Deps, nudgeId: number): Promise<void> {
  const view = await loadNudgeView(deps, nudgeId);
  if (view.smes.length) return;
  await postInThread(
    deps,
    nudgeId,
    `${adminMentions(deps)}: this conversation has nobody to ask now: ${noExpertReason(view)}${view.away.length ? `: ${awayList(view.away, view.timeZone)}` : ''}. Pick someone with the menu above, or \`/brief nudge reassign ${view.id} @someone\`.`,
  );
}

/**
 * A conversation that had nobody to ask, taken after all (claimed, or given to someone): its
 * thread's last word asked the admins to act, so it says nothing more is needed.
 */
export async function postTakenNotice(
  deps: Deps,
  nudgeId: number,
  actorId: string,
  to: string,
): Promise<void> {
  const who =
    actorId === to ? `<@${to}> took this conversation` : `<@${actorId}> gave this conversation to <@${to}>`;
  await postInThread(
    deps,
    nudgeId,
    `${who}; nothing more is needed from the admins.`,
    DeliveryKind.TakenNotice,
  );
}

/**
 * A claimant who marked themself away past their claim's expiry: the admins are told in its thread
 * (naming the experts in, who could take it), or the claim would run out unnoticed while they are out.
 */
export async function postClaimantAwayNotice(
  deps: Deps,
  nudgeId: number,
  claimantId: string,
  until: Date,
): Promise<void> {
  const zone = deps.config.DEFAULT_TIMEZONE;
  await postInThread(
    deps,
    nudgeId,
    `${adminMentions(deps)}: <@${claimantId}>, who has this conversation, is away until ${formatUntilDay(until, zone)}, and the claim expires ${formatDayTime(expiryOf(deps, nudgeId), zone)}, before they are back. Give it to someone else: ${await handOnCommand(deps, nudgeId, claimantId)}.`,
    DeliveryKind.ClaimantAway,
  );
}

/**
 * The reassignment that hands a conversation on from `claimantId`, naming the one expert in on its
 * beat (with those in, when several): "`/brief nudge reassign 12 @U2` (@U2 covers outages and is in)".
 */
export async function handOnCommand(deps: Deps, nudgeId: number, claimantId: string): Promise<string> {
  const view = await loadNudgeView(deps, nudgeId);
  const others = view.smes.filter((id) => id !== claimantId);
  const to = others.length === 1 ? others[0] : 'someone';
  const inNow = others.length
    ? ` (${others.map((id) => `<@${id}>`).join(', ')} ${others.length === 1 ? 'covers' : 'cover'} ${escapeText(view.topic ?? '')} and ${others.length === 1 ? 'is' : 'are'} in)`
    : '';
  return `\`/brief nudge reassign ${nudgeId} @${to}\`${inNow}`;
}

/** A notice in the conversation's thread, owed until Slack takes it; nothing when it was never posted. */
async function postInThread(
  deps: Deps,
  nudgeId: number,
  text: string,
  kind: DeliveryKind = DeliveryKind.ThreadNotice,
): Promise<void> {
  const nudge = deps.db.sqlite
    .prepare('SELECT channel_id AS channelId, message_ts AS messageTs FROM nudges WHERE id = ?')
    .get(nudgeId) as { channelId: string; messageTs: string | null } | undefined;
  if (!nudge?.messageTs) return;
  await deliverToEach(deps, {
    kind,
    subject: String(nudgeId),
    episode: deps.clock.now().getTime(),
    recipients: [nudge.channelId],
    message: message(text, [section(text)]),
  });
}

/**
 * A reminder or escalation, owed to each recipient before the nudge is marked as having had it (a
 * process stopped in between loses no one's), then sent. One Slack refuses for now is sent again by
 * the background cycle with backoff (`sendDueDeliveries`), not by the next pass here.
 */
async function owe(deps: Deps, nudgeId: number, column: string, delivery: DeliveryInput): Promise<void> {
  recordDeliveries(deps, delivery);
  deps.db.sqlite
    .prepare(`UPDATE nudges SET ${column} = ? WHERE id = ?`)
    .run(deps.clock.now().getTime(), nudgeId);
  await deliverToEach(deps, delivery);
}

/**
 * The DMs an expiry brings, owed until Slack takes them (dropped if the conversation is reopened or
 * answered first): to the claimant, that their claim expired; to whoever asked for the response
 * (unless that is the claimant), that it expired unanswered, and what they can do.
 */
async function expiryDeliveries(deps: Deps, nudge: OpenNudge): Promise<DeliveryInput[]> {
  const view = await loadNudgeView(deps, nudge.id);
  const days = deps.config.NUDGE_EXPIRE_DAYS;
  const claimant = nudge.state === 'claimed' ? nudge.claimantId : null;
  const common = {
    kind: DeliveryKind.ClaimExpired,
    subject: String(nudge.id),
    episode: (claimant ? nudge.claimedAt : null) ?? Math.max(nudge.createdAt, nudge.reopenedAt ?? 0),
  };
  const told: DeliveryInput[] = [];
  if (claimant) told.push({ ...common, recipients: [claimant], message: claimExpiredMessage(view, days) });
  for (const requester of requestersOf(deps, view).filter((asked) => asked !== claimant)) {
    // Only an admin reopens it: anyone else is told whom to ask, by name.
    const ask = await adminsToAskFor(deps, requester);
    told.push({
      ...common,
      recipients: [requester],
      message: requestExpiredMessage(view, days, claimant, ask === undefined, ask),
    });
  }
  return told;
}

/**
 * The admins' (or the alert channel's) alert, one delivery each: an admin Slack refuses for now is
 * tried again on their own, without DMing the others twice. Null when there is nobody to tell (the
 * next pass looks again).
 */
async function escalationFor(deps: Deps, nudge: OpenNudge, openSince: number): Promise<DeliveryInput | null> {
  const view = await loadNudgeView(deps, nudge.id);
  // A release or snooze restarts the clock: escalated again, it is a new delivery.
  return toAdmins(deps, nudge.id, DeliveryKind.Escalation, openSince, (timeZone) =>
    escalationMessage({ ...view, timeZone }, nudge.channelId, deps.config.NUDGE_ESCALATE_AFTER_HOURS),
  );
}

/** " (away until Wed 2 Dec)" after a claimant marked away, so an admin knows to hand the claim on; else ''. */
export async function claimantAwayNote(
  deps: Deps,
  userId: string | null,
  zone = deps.config.DEFAULT_TIMEZONE,
): Promise<string> {
  if (!userId) return '';
  const away = await awayUntilOf(deps, userId);
  return away ? ` (away until ${untilDay(away, zone)})` : '';
}

/**
 * How admin views mark a conversation's holder: away (" (away until Fri 27 Nov)"), or taken off
 * every beat since the claim (" (no longer an expert; away until Fri 27 Nov)"), so it is handed on.
 */
export async function claimantNote(
  deps: Deps,
  userId: string | null,
  zone = deps.config.DEFAULT_TIMEZONE,
): Promise<string> {
  if (!userId || !(await wasRemoved(deps, userId))) return claimantAwayNote(deps, userId, zone);
  const away = await awayWhenRemoved(deps, userId);
  return ` (no longer an expert${away ? `; away until ${untilDay(away, zone)}` : ''})`;
}

/** Whether Slack says the person's account is deactivated; unknown (no Slack) is "no". */
async function hasLeft(deps: Deps, userId: string): Promise<boolean> {
  return (await deps.directory.hasLeft?.(userId)) ?? false;
}

/** The day alone: "(end of day, UTC)" would nest a second parenthesis. */
function untilDay(until: Date, zone: string): string {
  return formatUntilDay(until, zone).replace(/ \(.*\)$/, '');
}

/**
 * A claim with no reply a working day after its claimant's reminder (or, with its claimant `away`,
 * when the reminder would have come), to the admins: whose it is, when it expires, and how to hand
 * it on. Null when there is nobody to tell.
 */
async function claimEscalationFor(
  deps: Deps,
  nudge: OpenNudge,
  claimantId: string,
  away = false,
): Promise<DeliveryInput | null> {
  const view = await loadNudgeView(deps, nudge.id);
  const now = deps.clock.now();
  const claimed = formatRelative(new Date(nudge.claimedAt as number), now);
  const left = await hasLeft(deps, claimantId);
  const why = left
    ? `, and their Slack account is deactivated (they may have left), so they ${away ? 'were not reminded and ' : ''}will not reply`
    : away
      ? ', and, being away, was not reminded'
      : ' a working day after their reminder';
  const handOn = left
    ? await handOnCommand(deps, nudge.id, claimantId)
    : `\`/brief nudge reassign ${nudge.id} @someone\``;
  // Each admin reads the away day and the expiry in their own time zone.
  const note = left ? async () => '' : (zone: string) => claimantNote(deps, claimantId, zone);
  return toAdmins(deps, nudge.id, DeliveryKind.ClaimEscalation, nudge.claimedAt as number, async (zone) => {
    const expires = formatDayTime(new Date(expiryTime(deps, nudge)), zone);
    const text = `<@${claimantId}>${await note(zone)} claimed "${view.title}" (conversation ${nudge.id}) in <#${nudge.channelId}> ${claimed} and has recorded no reply${why}. Their claim expires ${expires}, and the conversation with it. Give it to someone else: ${handOn}, or open it to all: \`/brief nudge release ${nudge.id}\`.`;
    return message(text, [section(`:rotating_light: ${text}`)]);
  });
}

/**
 * An alert for the admins (or the alert channel), one delivery each, worded for each admin's own time
 * zone (the alert channel, with many readers, in DEFAULT_TIMEZONE); null when nobody is set to get it.
 */
async function toAdmins(
  deps: Deps,
  nudgeId: number,
  kind: DeliveryKind,
  episode: number,
  alert: (timeZone: string) => Message | Promise<Message>,
): Promise<DeliveryInput | null> {
  const recipients = alertRecipients(deps);
  if (recipients.length === 0) {
    deps.logger.warn({ nudgeId }, 'nudge not escalated: set BRIEFBOT_ADMINS or BRIEFBOT_ALERT_CHANNEL');
    return null;
  }
  const messageFor: Record<string, Message> = {};
  for (const recipient of recipients)
    messageFor[recipient] = await alert(
      recipient === deps.config.BRIEFBOT_ALERT_CHANNEL
        ? deps.config.DEFAULT_TIMEZONE
        : await personTimeZone(deps, recipient),
    );
  return {
    kind,
    subject: String(nudgeId),
    episode,
    recipients,
    message: await alert(deps.config.DEFAULT_TIMEZONE),
    messageFor,
  };
}

/** The DMs that invited experts to claim a conversation, kept where Slack put them. */
const invitations = [DeliveryKind.ConversationDm, DeliveryKind.MorningNudge] as const;

/** Whether the conversation was ever moved to another beat (`nudge move`, or Not mine). */
function isMoved(deps: Deps, nudgeId: number): boolean {
  return (
    deps.db.sqlite
      .prepare(
        "SELECT 1 FROM audit_events WHERE subject_type = 'nudge' AND subject_id = ? AND action = 'nudge.move' LIMIT 1",
      )
      .get(String(nudgeId)) !== undefined
  );
}

/**
 * Once a conversation is claimed, the DMs that invited experts to claim it are redrawn: its Claim
 * gives way to who has it, as does that of every other conversation such a DM lists that is claimed
 * now (redrawn from the DM as sent, so it names who holds each now). Given back (open again), they
 * offer its Claim again. Dismissed, expired or answered, its Claim gives way to that; moved to another
 * beat, to where it went, for those not on that beat (those on it keep Claim, and get a new DM).
 * One Slack refuses is logged: Claim there still says why it cannot be claimed.
 */
export async function redrawInvitations(deps: Deps, nudgeId: number): Promise<void> {
  const stateOf = deps.db.sqlite.prepare('SELECT state, claimant_id AS claimantId FROM nudges WHERE id = ?');
  const views = new Map<number, Promise<NudgeView>>();
  const viewOf = (id: number) => {
    if (!views.has(id)) views.set(id, loadNudgeView(deps, id));
    return views.get(id) as Promise<NudgeView>;
  };
  for (const sent of sentAbout(deps, invitations, String(nudgeId))) {
    let redrawn: Message | null = null;
    for (const subject of sent.subjects) {
      const id = Number(subject);
      const now = stateOf.get(id) as { state: string; claimantId: string | null } | undefined;
      if (!now) continue;
      const from: Message = redrawn ?? sent.message;
      if (now.state === 'claimed' && now.claimantId)
        redrawn = claimedInvitation(from, id, now.claimantId, sent.recipient) ?? redrawn;
      else if (now.state === 'dismissed' || now.state === 'expired' || now.state === 'replied')
        redrawn = endedInvitation(from, id, { kind: now.state }) ?? redrawn;
      else if (now.state === 'open') {
        const view = await viewOf(id);
        if (!view.smes.includes(sent.recipient) && isMoved(deps, id))
          redrawn = endedInvitation(from, id, { kind: 'moved', topic: view.topic }) ?? redrawn;
        // Open again on their beat: the DM as sent (with the other conversations drawn in), its Claim back.
        else if (id === nudgeId) redrawn ??= sent.message;
      }
    }
    if (!redrawn) continue;
    await deps.outbox
      .update(sent.recipient, sent.ts, redrawn)
      .catch((error: unknown) =>
        deps.logger.warn({ nudgeId, recipient: sent.recipient, error }, 'invitation DM not redrawn'),
      );
  }
}
