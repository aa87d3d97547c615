import { describe, expect, it } from 'vitest';
import {
  competitorKindText,
  competitorTopicText,
  type FeedView,
  feedCopiesText,
  feedIdRuns,
  kindChangeText,
  type MoveFeedResult,
  movedItemsText,
  slackFeedSet,
  slackTopicsAdd,
} from '../../src/monitor/feeds.ts';

describe('feedIdRuns', () => {
  it('gives feed numbers in runs, as feeds remove takes them', () => {
    expect(feedIdRuns([7, 5, 6])).toBe('5-7');
    expect(feedIdRuns([2, 5, 6, 7, 9])).toBe('2 5-7 9');
    expect(feedIdRuns([4])).toBe('4');
  });
});

describe('kindChangeText', () => {
  const feed = {
    id: 2,
    title: 'StackRank',
    url: 'https://stackrank.example/rss',
    kind: 'review',
    competitor: null,
  } as FeedView;
  const change = (view: Partial<FeedView>, from: string, fromCompetitor: string | null = null) => ({
    feed: { ...feed, ...view } as FeedView,
    from,
    fromCompetitor,
  });

  it('agrees with the count: one item stays, several stay', () => {
    expect(kindChangeText(change({ items: 1 }, 'news'))).toBe(
      'Feed 2 (StackRank) is now review (was news); its 1 item stays.',
    );
    expect(kindChangeText(change({ items: 4 }, 'news'))).toBe(
      'Feed 2 (StackRank) is now review (was news); its 4 items stay.',
    );
    expect(kindChangeText(change({ items: 4 }, 'review'))).toBe(
      'Feed 2 (StackRank) is already review; nothing changed.',
    );
  });

  it('made a competitor: names the competitor, says how to name another, warns when customer voices go, and gives the undo', () => {
    const forum = {
      id: 4,
      title: 'Support Ops Community',
      url: 'https://x.example/rss',
      kind: 'competitor',
      competitor: 'Support',
      items: 9,
    };
    expect(kindChangeText(change(forum, 'forum'))).toBe(
      "Feed 4 (Support Ops Community) is now competitor (was forum); its 9 items stay. Warning: it stands for the competitor Support now, so its 9 items count as Support's own posts and no longer as customer voices (in answers and share of voice). Another competitor: `/brief feeds set 4 kind=competitor as <name>`. To undo: `/brief feeds set 4 kind=forum`.",
    );
    expect(
      kindChangeText(
        change({ ...forum, title: 'The HubSpot Blog', competitor: 'HubSpot' }, 'news'),
        (kind, name) => `feeds set 4 --kind ${kind}${name ? ` --competitor ${name}` : ''}`,
      ),
    ).toBe(
      "Feed 4 (The HubSpot Blog) is now competitor (was news); its 9 items stay. It stands for the competitor HubSpot now: its items count as HubSpot's own posts, not as customer voices. Another competitor: feeds set 4 --kind competitor --competitor <name>. To undo: feeds set 4 --kind news.",
    );
    // Just added: it was never news; the add is undone by removing it.
    expect(
      competitorKindText(
        { ...forum, competitor: null },
        undefined,
        slackFeedSet(4),
        '`/brief feeds remove 4`',
      ),
    ).toBe(
      "It stands for a competitor (its title names none) now: its items count as a competitor’s own posts, not as customer voices. To name it: `/brief feeds set 4 kind=competitor as <name>`. Not a competitor's feed? `/brief feeds set 4 kind=news` (or another kind). To undo the add: `/brief feeds remove 4`.",
    );
    // Another kind: nothing about competitors.
    expect(competitorKindText({ ...forum, kind: 'news' }, 'forum', slackFeedSet(4))).toBe('');
    expect(kindChangeText(change(forum, 'competitor', 'Support'))).toBe(
      'Feed 4 (Support Ops Community) is already competitor and stands for Support; nothing changed. Another competitor: `/brief feeds set 4 kind=competitor as <name>`.',
    );
  });

  it('made another kind from competitor: says what stops, whose posts they were, and the way back', () => {
    const initech = { id: 5, title: 'Initech Newsroom', competitor: null, items: 2 };
    expect(kindChangeText(change({ ...initech, kind: 'blog' }, 'competitor', 'initech'))).toBe(
      "Feed 5 (Initech Newsroom) is now blog (was competitor); its 2 items stay. Its 2 items no longer count as Initech's own posts: they count as blog, as any other source's do (in answers and share of voice). To undo: `/brief feeds set 5 kind=competitor as initech`.",
    );
    expect(
      kindChangeText(
        change({ ...initech, kind: 'review' }, 'competitor', 'Help Scout'),
        (kind, name) => `feeds set 5 --kind ${kind}${name ? ` --competitor "${name}"` : ''}`,
      ),
    ).toBe(
      'Feed 5 (Initech Newsroom) is now review (was competitor); its 2 items stay. Its 2 items no longer count as Help Scout\'s own posts: they count as customer voices (in answers and share of voice). To undo: feeds set 5 --kind competitor --competitor "Help Scout".',
    );
  });

  it('another competitor named: says whose own posts they are now and gives the way back', () => {
    expect(
      kindChangeText(
        change(
          { id: 5, title: 'Inside Intercom', kind: 'competitor', competitor: 'intercom', items: 2 },
          'competitor',
          'Inside',
        ),
      ),
    ).toBe(
      "Feed 5 (Inside Intercom) now stands for the competitor Intercom (was Inside): its 2 items count as Intercom's own posts, no longer Inside's. To undo: `/brief feeds set 5 kind=competitor as Inside`.",
    );
  });
});

describe('competitorTopicText', () => {
  it('names each competitor no topic follows once, with the topic to add for each', () => {
    const initech = { competitor: 'Initech', name: 'initech', query: 'initech' };
    const hooli = { competitor: 'hooli xyz', name: 'hooli-xyz', query: '"hooli xyz"' };
    expect(competitorTopicText([], slackTopicsAdd)).toBe('');
    expect(competitorTopicText([initech, hooli, initech], slackTopicsAdd)).toBe(
      'Initech and Hooli xyz are no topics yet, so answers, digests and experts do not follow them by name. To track them: `/brief topics add initech initech kind=competitor` and `/brief topics add hooli-xyz "hooli xyz" kind=competitor`.',
    );
  });
});

describe('feedCopiesText', () => {
  const market = { id: 5, title: 'Market News' };
  it('says how many of a new feed’s items another feed holds, how they count, and how to drop it', () => {
    expect(feedCopiesText({ feed: market, items: 5 }, 5, '`/brief feeds remove 6`')).toBe(
      "All 5 of its items are already read through feed 5, Market News, at the same links: each counts once, as feed 5's. If it is the same publication under another address: `/brief feeds remove 6`.",
    );
    expect(feedCopiesText({ feed: market, items: 3 }, 4, 'x')).toMatch(/^3 of its 4 items are already read/);
    expect(feedCopiesText({ feed: market, items: 1 }, 1, 'x')).toMatch(/^Its 1 item is already read/);
    expect(feedCopiesText(null, 4, 'x')).toBe('');
  });
});

describe('movedItemsText', () => {
  const moved = (listedItems: number, newItems: number) =>
    ({ feed: { id: 3 }, listedItems, newItems }) as MoveFeedResult;
  it('counts what the new address lists against what the feed had, so an empty address is told from a known one', () => {
    expect(movedItemsText(moved(1, 0))).toBe(
      'the new address lists 1 item, one feed 3 already had: nothing new',
    );
    expect(movedItemsText(moved(4, 0))).toBe(
      'the new address lists 4 items, all ones feed 3 already had: nothing new',
    );
    expect(movedItemsText(moved(2, 2))).toBe(
      'the new address lists 2 items, new to feed 3: kept, not announced',
    );
    expect(movedItemsText(moved(5, 2))).toBe(
      'the new address lists 5 items: 2 new to feed 3 (kept, not announced), 3 it already had',
    );
    expect(movedItemsText(moved(0, 0))).toBe('the new address lists no items yet');
  });
});
