/** What kind of voice a feed is: it weighs how its items count (customers' voices, news, competitors). */
export const FeedKind = {
  News: 'news',
  Blog: 'blog',
  Forum: 'forum',
  Review: 'review',
  Competitor: 'competitor',
  Community: 'community',
} as const;
export type FeedKind = (typeof FeedKind)[keyof typeof FeedKind];
export const feedKinds = Object.values(FeedKind);
