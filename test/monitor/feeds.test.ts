import { describe, expect, it } from 'vitest';
import { type FeedView, kindChangeText } from '../../src/monitor/feeds.ts';

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
});
