import { tokenize } from '../analysis/query.ts';
import { stopWords } from '../analysis/text-stats.ts';

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

/** Words of a feed's title that name no company ("The Globex Blog": "globex" is the name). */
const feedTitleWords =
  /^(?:blog|news|newsroom|feed|updates?|press|events?|official|engineering|product|releases?|announcements?|inc|ltd|llc|gmbh|hq)$/;

/** The competitor a feed of kind competitor stands for, named by its title ("The Globex Blog": "globex"). */
export function competitorOfTitle(title: string | null): string | undefined {
  return tokenize(title ?? '').find(
    (word) => /^\p{L}{3,}$/u.test(word) && !stopWords.has(word) && !feedTitleWords.test(word),
  );
}

/** Kinds whose items are customers' own words. */
export const customerFeedKinds: readonly string[] = [FeedKind.Review, FeedKind.Forum, FeedKind.Community];
