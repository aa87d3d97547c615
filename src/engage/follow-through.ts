import { isAdmin } from '../commands/access.ts';
import { type DeliveryInput, DeliveryKind, deliverToEach, recordDeliveries } from '../deliveries.ts';
import type { Deps } from '../deps.ts';
import { formatRelative } from '../format.ts';
import { message, section } from '../slack/blocks/common.ts';
import {
  claimantMessage,
  claimExpiredMessage,
  escalationMessage,
  requestExpiredMessage,
} from '../slack/blocks/nudge.ts';
import { expireNudge } from './claims.ts';
import {
  inBusinessHours,
  loadNudgeView,
  personTimeZone,
  refreshNudgeMessage,
  requestersOf,
  workingMsBetween,
} from './nudges.ts';

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
      // A claim has its full time from when it was claimed (or reassigned), not from the nudge; a
      // reopened conversation from its reopening.
      const since =
        nudge.state === 'claimed' && nudge.claimedAt !== null
          ? nudge.claimedAt
          : Math.max(nudge.createdAt, nudge.reopenedAt ?? 0);
      if (at - since >= config.NUDGE_EXPIRE_DAYS * 24 * hourMs) {
        // The DMs are owed before the expiry is stored: a process stopped in between loses none.
        const told = await expiryDeliveries(deps, nudge);
        for (const delivery of told) recordDeliveries(deps, delivery);
        await expireNudge(deps, nudge.id);
        await refreshNudgeMessage(deps, nudge.id);
        for (const delivery of told) await deliverToEach(deps, delivery);
        result.expired++;
        continue;
      }
      if (nudge.state === 'open' && nudge.postedAt !== null) {
        if (nudge.snoozedUntil !== null && nudge.snoozedUntil > at) continue;
        if (!inBusinessHours(deps, now)) continue;
        // Snoozing and releasing restart the clock (a release sets snoozed_until to its time).
        const since = new Date(Math.max(nudge.postedAt, nudge.snoozedUntil ?? 0));
        const open = workingMsBetween(deps, since, now);
        // The experts are reminded before anyone goes to the admins, even when both are due at once.
        if (
          nudge.remindedAt === null &&
          open >= config.NUDGE_REMIND_AFTER_HOURS * hourMs &&
          nudge.messageTs
        ) {
          const view = await loadNudgeView(deps, nudge.id);
          const who = view.smes.length ? view.smes.map((id) => `<@${id}>`).join(' ') : 'Anyone';
          const text = `${who}: this conversation is still waiting for someone to take it. Press *Claim* above.`;
          await owe(deps, nudge.id, 'reminded_at', {
            kind: DeliveryKind.ThreadReminder,
            subject: String(nudge.id),
            // A snooze or release restarts the clock: reminded again, it is a new delivery.
            episode: since.getTime(),
            recipients: [nudge.channelId],
            message: message(text, [section(text)]),
          });
          result.reminded++;
        }
        if (nudge.escalatedAt === null && open >= config.NUDGE_ESCALATE_AFTER_HOURS * hourMs) {
          const escalation = await escalationFor(deps, nudge, since.getTime());
          if (escalation) {
            await owe(deps, nudge.id, 'escalated_at', escalation);
            result.escalated++;
          }
        }
      } else if (
        nudge.state === 'claimed' &&
        nudge.claimantId &&
        nudge.claimedAt !== null &&
        nudge.claimantRemindedAt === null
      ) {
        const timeZone = await personTimeZone(deps, nudge.claimantId);
        if (!inBusinessHours(deps, now, timeZone)) continue;
        const waited = workingMsBetween(deps, new Date(nudge.claimedAt), now, timeZone);
        if (waited < config.NUDGE_REPLY_REMINDER_HOURS * hourMs) continue;
        const view = await loadNudgeView(deps, nudge.id);
        const reminder = claimantMessage(view, now);
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
  for (const requester of requestersOf(deps, view).filter((asked) => asked !== claimant))
    told.push({
      ...common,
      recipients: [requester],
      message: requestExpiredMessage(view, days, claimant, await isAdmin(deps, requester)),
    });
  return told;
}

/**
 * The admins' (or the alert channel's) alert, one delivery each: an admin Slack refuses for now is
 * tried again on their own, without DMing the others twice. Null when there is nobody to tell (the
 * next pass looks again).
 */
async function escalationFor(deps: Deps, nudge: OpenNudge, openSince: number): Promise<DeliveryInput | null> {
  const view = await loadNudgeView(deps, nudge.id);
  const recipients = deps.config.BRIEFBOT_ALERT_CHANNEL
    ? [deps.config.BRIEFBOT_ALERT_CHANNEL]
    : deps.config.BRIEFBOT_ADMINS;
  if (recipients.length === 0) {
    deps.logger.warn(
      { nudgeId: nudge.id },
      'nudge not escalated: set BRIEFBOT_ADMINS or BRIEFBOT_ALERT_CHANNEL',
    );
    return null;
  }
  return {
    kind: DeliveryKind.Escalation,
    subject: String(nudge.id),
    // A release or snooze restarts the clock: escalated again, it is a new delivery.
    episode: openSince,
    recipients,
    message: escalationMessage(view, nudge.channelId, deps.config.NUDGE_ESCALATE_AFTER_HOURS),
  };
}
