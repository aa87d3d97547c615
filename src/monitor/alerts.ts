import type { Deps } from '../deps.ts';
import { postToEach } from '../outbox.ts';
import { failingFeedsMessage, feedFailingMessage } from '../slack/blocks/feed-alert.ts';

/** More feeds than this failing at once are told in one message, not one message each. */
const oneByOneUpTo = 3;

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
  const markAnnounced = (ids: number[]) =>
    // Conditional: a feed that recovered meanwhile keeps its (cleared) state.
    deps.db.prisma.feed.updateMany({
      where: { id: { in: ids }, status: 'failing', failureAnnouncedAt: null },
      data: { failureAnnouncedAt: deps.clock.now() },
    });
  if (feeds.length > oneByOneUpTo) {
    const alert = failingFeedsMessage(feeds);
    const context = { feeds: feeds.length };
    if ((await postToEach(deps.outbox, deps.logger, recipients, alert, context)) === 0) {
      deps.logger.warn(context, 'failing feeds alert not delivered; will retry');
      return 0;
    }
    await markAnnounced(feeds.map((feed) => feed.id));
    return feeds.length;
  }
  let announced = 0;
  for (const feed of feeds) {
    const alert = feedFailingMessage(feed, deps.config.DEFAULT_TIMEZONE);
    // Marked once anyone got it: a retry would DM the others again.
    if ((await postToEach(deps.outbox, deps.logger, recipients, alert, { feedId: feed.id })) === 0) {
      deps.logger.warn({ feedId: feed.id }, 'failing feed alert not delivered; will retry');
      continue;
    }
    await markAnnounced([feed.id]);
    announced++;
  }
  return announced;
}
