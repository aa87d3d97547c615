import { topicLabel } from '../analysis/topics.ts';
import { DeliveryKind, deliverToEach } from '../deliveries.ts';
import type { Deps } from '../deps.ts';
import { expertLeftMessage } from '../slack/blocks/nudge.ts';

/**
 * An expert's Slack account is looked up again (users.info) before a nudge names them once this old:
 * often enough that a nudge posted the afternoon someone left no longer names them.
 */
const accountCheckMs = 6 * 3600_000;
/** At most this many look-ups before one nudge (the longest unchecked first): a big beat is not a burst of calls. */
const accountChecksPerNudge = 5;

/** Where alerts for the admins go: BRIEFBOT_ALERT_CHANNEL alone, else each of BRIEFBOT_ADMINS. */
export function alertRecipients(deps: Deps): string[] {
  return deps.config.BRIEFBOT_ALERT_CHANNEL
    ? [deps.config.BRIEFBOT_ALERT_CHANNEL]
    : deps.config.BRIEFBOT_ADMINS;
}

/**
 * Before a nudge on `topicId` names its experts: whether each one's Slack account is still active,
 * asked of Slack when last asked over 6 hours ago (a few a nudge) and kept on their record. A deactivated one (they
 * left) is left out of nudges from then on (`beatExperts`), and the admins are told once. When Slack
 * cannot say (a 429, a 500, a missing scope), nothing is recorded: they are named as before.
 */
export async function checkExpertAccounts(deps: Deps, topicId: number | null): Promise<void> {
  const hasLeft = deps.directory.hasLeft;
  if (topicId === null || !hasLeft) return;
  const now = deps.clock.now();
  const due = await deps.db.prisma.sme.findMany({
    where: {
      beats: { some: { topicId } },
      OR: [{ slackCheckedAt: null }, { slackCheckedAt: { lt: new Date(now.getTime() - accountCheckMs) } }],
    },
    select: { id: true, userId: true, deactivatedAt: true },
    // Never looked up first, then the longest ago.
    orderBy: [{ slackCheckedAt: { sort: 'asc', nulls: 'first' } }, { id: 'asc' }],
    take: accountChecksPerNudge,
  });
  for (const sme of due) {
    const left = await hasLeft(sme.userId);
    if (left === null) continue;
    const deactivatedAt = left ? (sme.deactivatedAt ?? now) : null;
    await deps.db.prisma.sme.update({
      where: { id: sme.id },
      data: { slackCheckedAt: now, deactivatedAt },
    });
    if (left && !sme.deactivatedAt) await tellAdminsExpertLeft(deps, sme.userId, now);
  }
}

/** The admins' one message about an expert whose account is deactivated: owed once per deactivation. */
async function tellAdminsExpertLeft(deps: Deps, userId: string, since: Date): Promise<void> {
  const recipients = alertRecipients(deps);
  if (!recipients.length) {
    deps.logger.warn({ userId }, 'expert deactivated in Slack: set BRIEFBOT_ADMINS to be told');
    return;
  }
  const beats = await deps.db.prisma.beat.findMany({
    where: { sme: { userId } },
    include: { topic: { include: { beats: { include: { sme: true } } } } },
  });
  const topics = beats
    .map(({ topic }) => ({
      name: topicLabel(topic),
      covers: topic.beats
        .map((beat) => beat.sme)
        .filter((sme) => sme.userId !== userId && sme.deactivatedAt === null)
        .map((sme) => sme.userId),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
  await deliverToEach(deps, {
    kind: DeliveryKind.ExpertLeft,
    subject: userId,
    episode: since.getTime(),
    recipients,
    message: expertLeftMessage(userId, topics),
  });
}
