import type { Deps } from '../deps.ts';
import { feedFailingMessage } from '../slack/blocks/feed-alert.ts';

/**
 * Tells the admins, once, about each feed that has started failing. The mark is cleared when the
 * feed recovers (see poll.ts), so a feed that fails anew is announced anew.
 */
export async function announceFailingFeeds(deps: Deps, alertChannel?: string): Promise<number> {
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
  let announced = 0;
  for (const feed of feeds) {
    const alert = feedFailingMessage(feed, deps.config.DEFAULT_TIMEZONE);
    try {
      for (const recipient of recipients) await deps.outbox.post(recipient, alert);
      // Conditional: a feed that recovered meanwhile keeps its (cleared) state.
      await deps.db.prisma.feed.updateMany({
        where: { id: feed.id, status: 'failing', failureAnnouncedAt: null },
        data: { failureAnnouncedAt: deps.clock.now() },
      });
      announced++;
    } catch (error) {
      deps.logger.warn({ feedId: feed.id, error }, 'failing feed alert not delivered; will retry');
    }
  }
  return announced;
}
