import type { Deps } from '../deps.ts';
import { countOf } from '../format.ts';
import { link } from '../slack/blocks/common.ts';

/** The story a conversation is about, as a line shows it. */
type Story = { title: string; url: string | null };

/**
 * A conversation's story: its item's title and link or, once the item's feed was removed, the ones
 * kept on the conversation.
 */
export function storyOf(nudge: {
  item: { title: string; url: string | null } | null;
  storyTitle: string | null;
  storyUrl: string | null;
}): Story {
  if (nudge.item) return { title: nudge.item.title, url: nudge.item.url };
  return { title: nudge.storyTitle ?? 'a story whose feed was removed', url: nudge.storyUrl };
}

/** The columns `storyOf` reads, for a Prisma select of conversations. */
export const storyColumns = {
  item: { select: { title: true, url: true } },
  storyTitle: true,
  storyUrl: true,
} as const;

/** A conversation's story as a Slack link. */
export function storyLink(nudge: Parameters<typeof storyOf>[0]): string {
  const story = storyOf(nudge);
  return link(story.url, story.title);
}

/**
 * Before a feed's items go: its conversations keep their story's title, link, source and date, so
 * they stay in `nudge`, `stats` and `changes` with the response record. Returns how many, and how
 * many were replied.
 */
export function keepStoriesOfFeed(deps: Deps, feedId: number): { kept: number; replied: number } {
  const kept = deps.db.sqlite
    .prepare(
      `UPDATE nudges SET
         story_title = (SELECT i.title FROM items i WHERE i.id = nudges.item_id),
         story_url = (SELECT i.url FROM items i WHERE i.id = nudges.item_id),
         story_source = (SELECT COALESCE(f.title, f.url) FROM items i JOIN feeds f ON f.id = i.feed_id
           WHERE i.id = nudges.item_id),
         story_published_at = (SELECT i.published_at FROM items i WHERE i.id = nudges.item_id)
       WHERE item_id IN (SELECT id FROM items WHERE feed_id = ?)
       RETURNING state`,
    )
    .all(feedId) as { state: string }[];
  return { kept: kept.length, replied: kept.filter((row) => row.state === 'replied').length };
}

/** The conversations on the items of `feedIds`, which removing the feeds keeps: how many, how many replied. */
export function conversationsOnFeeds(
  deps: Deps,
  feedIds: number[],
): { conversations: number; replied: number } {
  if (feedIds.length === 0) return { conversations: 0, replied: 0 };
  const row = deps.db.sqlite
    .prepare(
      `SELECT COUNT(*) AS conversations, COALESCE(SUM(n.state = 'replied'), 0) AS replied
       FROM nudges n JOIN items i ON i.id = n.item_id
       WHERE i.feed_id IN (${feedIds.map(() => '?').join(', ')})`,
    )
    .safeIntegers(false)
    .get(...feedIds) as { conversations: number; replied: number };
  return row;
}

/** After "Removed feed 3 (…) and its 10 items": the conversations that stayed; '' when none. */
export function conversationsKeptNote(kept: number): string {
  return kept
    ? ` (${kept === 1 ? 'its expert conversation stays' : `its ${kept} expert conversations stay`}, with the story's title and link)`
    : '';
}

/** Before a removal: what becomes of the conversations on the feeds' items; '' when there are none. */
export function conversationsStayText(on: { conversations: number; replied: number }): string {
  if (on.conversations === 0) return '';
  const one = on.conversations === 1;
  return ` ${one ? 'The expert conversation' : `The ${countOf(on.conversations, 'expert conversation')}`} on those items (${on.replied} replied) ${one ? 'stays, with its' : 'stay, with each'} story's title and link, in \`/brief stats\` and \`/brief nudge\`.`;
}
