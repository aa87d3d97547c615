import { describe, expect, it } from 'vitest';
import { competitorKindText, type FeedView, kindChangeText } from '../../src/monitor/feeds.ts';

describe('kindChangeText', () => {
  const feed = {
    id: 2,
    title: 'StackRank',
    url: 'https://stackrank.example/rss',
    kind: 'review',
  } as FeedView;

  it('agrees with the count: one item stays, several stay', () => {
    expect(kindChangeText({ ...feed, items: 1 }, 'news')).toBe(
      'Feed 2 (StackRank) is now review (was news); its 1 item stays.',
    );
    expect(kindChangeText({ ...feed, items: 4 }, 'news')).toBe(
      'Feed 2 (StackRank) is now review (was news); its 4 items stay.',
    );
    expect(kindChangeText({ ...feed, items: 4 }, 'review')).toBe(
      'Feed 2 (StackRank) is already review; nothing changed.',
    );
  });

  it('made a competitor: names the competitor from the title, warns when customer voices go, and gives the undo', () => {
    const forum = {
      id: 4,
      title: 'Support Ops Community',
      url: 'https://x.example/rss',
      kind: 'competitor',
      items: 9,
    };
    expect(kindChangeText(forum as FeedView, 'forum')).toBe(
      "Feed 4 (Support Ops Community) is now competitor (was forum); its 9 items stay. Warning: it stands for the competitor Support (named from its title) now, so its 9 items count as Support's own posts and no longer as customer voices (in answers and share of voice). To undo: `/brief feeds set 4 kind=forum`.",
    );
    expect(
      kindChangeText(
        { ...forum, title: 'The Globex Blog' } as FeedView,
        'news',
        (was) => `feeds set 4 --kind ${was}`,
      ),
    ).toBe(
      "Feed 4 (The Globex Blog) is now competitor (was news); its 9 items stay. It stands for the competitor Globex (named from its title) now: its items count as Globex's own posts, not as customer voices. To undo: feeds set 4 --kind news.",
    );
    expect(competitorKindText({ ...forum, title: 'The Blog' }, undefined, 'x')).toBe(
      'It stands for a competitor (its title names none) now: its items count as a competitor’s own posts, not as customer voices. To undo: x.',
    );
    // Another kind, or no change: nothing about competitors.
    expect(competitorKindText({ ...forum, kind: 'news' }, 'forum', 'x')).toBe('');
    expect(kindChangeText(forum as FeedView, 'competitor')).toBe(
      'Feed 4 (Support Ops Community) is already competitor; nothing changed.',
    );
  });
});
