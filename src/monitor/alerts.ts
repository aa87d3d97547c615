import {
  type DeliveryInput,
  DeliveryKind,
  deliverToEach,
  feedsWorking,
  recordDeliveries,
} from '../deliveries.ts';
import type { Deps } from '../deps.ts';
import {
  failingFeedsMessage,
  feedFailingMessage,
  feedsRecoveredMessage,
} from '../slack/blocks/feed-alert.ts';

/** More feeds than this failing at once are told in one message, not one message each. */
const oneByOneUpTo = 3;

/**
 * Tells the admins, once, about each feed that has started failing. The mark is cleared when the
 * feed recovers (see poll.ts), so a feed that fails anew is announced anew.
 */
export async function announceFailingFeeds(deps: Deps, alertChannel?: string): Promise<number> {
  await announceRecoveredFeeds(deps);
  const recipients = alertChannel ? [alertChannel] : deps.config.BRIEFBOT_ADMINS;
  const feeds = await deps.db.prisma.feed.findMany({
    where: { status: 'failing', failureAnnouncedAt: null },
    orderBy: { id: 'asc' },
  });
  if (feeds.length === 0) return 0;
  if (recipients.length === 0) {
    deps.logger.warn(
      { feeds: feeds.length },
      'failing feeds not announced: set BRIEFBOT_ADMINS or BRIEFBOT_ALERT_CHANNEL',
    );
    return 0;
  }
  const markAnnounced = (ids: number[]) =>
    // Conditional: a feed that recovered meanwhile keeps its (cleared) state.
    deps.db.sqlite
      .prepare(
        `UPDATE feeds SET failure_announced_at = ?
         WHERE id IN (SELECT value FROM json_each(?)) AND status = 'failing' AND failure_announced_at IS NULL`,
      )
      .run(deps.clock.now().getTime(), JSON.stringify(ids));
  // One delivery per admin, recorded before the feeds are marked: an admin Slack refuses for now is
  // tried again by the background cycle on their own, and nobody is told twice.
  const announce = async (ids: number[], alert: DeliveryInput['message']) => {
    const failingSince = feeds
      .filter((feed) => ids.includes(feed.id))
      .map((feed) => feed.failingSince?.getTime() ?? 0);
    const delivery: DeliveryInput = {
      kind: DeliveryKind.FeedFailing,
      subject: ids.join(','),
      episode: Math.max(0, ...failingSince),
      recipients,
      message: alert,
    };
    recordDeliveries(deps, delivery);
    markAnnounced(ids);
    await deliverToEach(deps, delivery);
  };
  if (feeds.length > oneByOneUpTo) {
    await announce(
      feeds.map((feed) => feed.id),
      failingFeedsMessage(feeds),
    );
    return feeds.length;
  }
  for (const feed of feeds) await announce([feed.id], feedFailingMessage(feed, deps.config.DEFAULT_TIMEZONE));
  return feeds.length;
}

/**
 * Tells whoever was told a feed was failing, once, that it works again: the alert's Retry and Pause
 * buttons would otherwise be the last word. Feeds removed or paused meanwhile are not announced.
 */
async function announceRecoveredFeeds(deps: Deps): Promise<void> {
  const { sqlite } = deps.db;
  const told = sqlite
    .prepare(
      `SELECT subject, episode, json_group_array(recipient) AS recipients FROM deliveries f
       WHERE kind = ? AND sent_at IS NOT NULL AND NOT EXISTS (
         SELECT 1 FROM deliveries r WHERE r.kind = ? AND r.subject = f.subject AND r.episode = f.episode)
       GROUP BY subject, episode`,
    )
    .safeIntegers(false)
    .all(DeliveryKind.FeedFailing, DeliveryKind.FeedRecovered) as {
    subject: string;
    episode: number;
    recipients: string;
  }[];
  for (const alert of told) {
    if (!feedsWorking(sqlite, alert.subject)) continue;
    const feeds = await deps.db.prisma.feed.findMany({
      where: { id: { in: alert.subject.split(',').map(Number) } },
      orderBy: { id: 'asc' },
    });
    const delivery: DeliveryInput = {
      kind: DeliveryKind.FeedRecovered,
      subject: alert.subject,
      episode: alert.episode,
      recipients: JSON.parse(alert.recipients) as string[],
      message: feedsRecoveredMessage(feeds, new Date(alert.episode), deps.config.DEFAULT_TIMEZONE),
    };
    await deliverToEach(deps, delivery);
  }
}
