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

/** The kind a word names, in the singular or plural ("reviews", "communities"), as folder names are read. */
export function feedKindOf(word: string): FeedKind | undefined {
  return kindNamed(word, feedKinds);
}

/** Which of `kinds` a word names, in the singular or plural ("reviews", "communities", "companies"). */
export function kindNamed<Kind extends string>(word: string, kinds: readonly Kind[]): Kind | undefined {
  const text = word.trim().toLowerCase();
  return [text, text.replace(/ies$/, 'y'), text.replace(/s$/, '')].find((form): form is Kind =>
    (kinds as readonly string[]).includes(form),
  );
}
