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
export const feedTitleWords =
  /^(?:blog|news|newsroom|feed|updates?|press|events?|official|engineering|product|releases?|announcements?|inside|insights?|weekly|daily|digest|changelog|rss|atom|xml|title|inc|ltd|llc|gmbh|hq)$/;

/** A feed as it names a competitor: its title, addresses, and the name stored (`feeds set … as initech`). */
export type CompetitorFeed = {
  kind: string;
  title: string | null;
  competitor?: string | null;
  url?: string;
  siteUrl?: string | null;
};

/** How two names of a competitor compare: "Help Scout", "help-scout" and "help scout" are one. */
export function competitorKey(name: string): string {
  return tokenize(name).join(' ');
}

export function sameCompetitor(a: string | null | undefined, b: string | null | undefined): boolean {
  return Boolean(a && b) && competitorKey(a as string) === competitorKey(b as string);
}

/**
 * "Initech" for "initech" and for "INITECH" (typed in capitals, a name is not shouted back in running
 * text); a name with capitals of its own ("HubSpot", "SaaS") or an acronym ("IBM", "NASA") as it is.
 */
export function competitorLabel(name: string): string {
  if (name === name.toLowerCase()) return `${name.charAt(0).toUpperCase()}${name.slice(1)}`;
  const shouted = name === name.toUpperCase() && /\p{Lu}{5}/u.test(name);
  return shouted
    ? name.toLowerCase().replace(/(^|[\s-])(\p{L})/gu, (_, at, first) => `${at}${first.toUpperCase()}`)
    : name;
}

/** Words that end a typed command, never a company's name: "as initech please". */
const commandTailWords = new Set([
  'please',
  'pls',
  'thanks',
  'thank',
  'thx',
  'instead',
  'today',
  'again',
  'too',
]);

/** A competitor's name as it may be typed: letters, digits, spaces and . & ' -, up to 40. */
const competitorNamePattern = /^[\p{L}\p{N}][\p{L}\p{N} .&'-]{0,39}$/u;

/**
 * A typed competitor's name checked, for Slack and the command line alike: null when it is no
 * name, else the name and the command words typed after it ("as Initech please"), which callers refuse.
 */
export function checkCompetitorName(typed: string): { name: string; tail: string } | null {
  return competitorNamePattern.test(typed) ? splitCompetitorName(typed) : null;
}

/**
 * A typed competitor's name and the words at its end that name no company ("Initech please now":
 * Initech and "please now"; tail '' when there are none). The first word is always the name's.
 */
function splitCompetitorName(typed: string): { name: string; tail: string } {
  const words = typed.trim().split(/\s+/);
  let end = words.length;
  while (end > 1 && isCommandTail(words[end - 1] ?? '')) end--;
  return { name: words.slice(0, end).join(' '), tail: words.slice(end).join(' ') };
}

function isCommandTail(word: string): boolean {
  const lower = word.toLowerCase().replace(/[.!,]+$/, '');
  return stopWords.has(lower) || commandTailWords.has(lower);
}

/**
 * The competitor a feed of kind competitor stands for: the name stored, else (a feed made one before
 * names were stored) the first word its title gives, as answers have always named it.
 */
export function competitorOf(
  feed: Pick<CompetitorFeed, 'kind' | 'title' | 'competitor'>,
): string | undefined {
  if (feed.kind !== FeedKind.Competitor) return undefined;
  return feed.competitor?.trim() || competitorOfTitle(feed.title);
}

/**
 * The competitor a feed's title names, with its capitals ("HubSpot Product Updates": "HubSpot"):
 * words that spell a label of the feed's web address come first ("Help Scout" at helpscout.net).
 */
function competitorOfTitle(title: string | null, labels: string[] = []): string | undefined {
  const words = (title ?? '').match(/[\p{L}\p{N}]+/gu) ?? [];
  for (let start = 0; start < words.length; start++) {
    for (let end = start + 1; end <= Math.min(words.length, start + 3); end++) {
      const run = words.slice(start, end);
      if (labels.includes(run.join('').toLowerCase()) && namesCompany(run.join('').toLowerCase()))
        return brandOf(run.join(' '));
    }
  }
  const word = words.find((candidate) => namesCompany(candidate.toLowerCase()));
  return word ? brandOf(word) : undefined;
}

/**
 * The competitor a feed stands for when it is made one: the competitor topic whose name or query
 * words its title or address names ("Initech Newsroom" and the topic initech), else its title's.
 */
export function guessCompetitor(
  feed: Omit<CompetitorFeed, 'kind'>,
  topics: Array<{ name: string; query: string; kind: string }>,
): string | undefined {
  const title = ` ${competitorKey(feed.title ?? '')} `;
  const labels = hostLabels(feed);
  const topic = topics.find(
    (candidate) =>
      candidate.kind === FeedKind.Competitor &&
      [candidate.name, ...queryNames(candidate.query)].some((name) => {
        const key = competitorKey(name);
        return key.length >= 3 && (title.includes(` ${key} `) || labels.includes(key.replace(/ /g, '')));
      }),
  );
  return topic?.name ?? competitorOfTitle(feed.title, labels);
}

function namesCompany(word: string): boolean {
  return /^\p{L}[\p{L}\p{N}]{2,}$/u.test(word) && !stopWords.has(word) && !feedTitleWords.test(word);
}

/** "initech" is "Initech"; a word with capitals inside ("HubSpot", "SaaS") or all capitals keeps them. */
function brandOf(words: string): string {
  return words
    .split(' ')
    .map((word) => (word === word.toLowerCase() ? `${word.charAt(0).toUpperCase()}${word.slice(1)}` : word))
    .join(' ');
}

/** "blog.helpscout.net": ["blog", "helpscout"], the labels of a feed's addresses before the top level. */
function hostLabels(feed: { url?: string; siteUrl?: string | null }): string[] {
  return [feed.siteUrl, feed.url].flatMap((address) => {
    const host = URL.canParse(address ?? '') ? new URL(address as string).hostname : '';
    return host
      .split('.')
      .slice(0, -1)
      .filter((label) => label !== 'www' && /\p{L}/u.test(label));
  });
}

/** The names a topic's query searches for: `globex OR "globex assist"` gives globex and "globex assist". */
function queryNames(query: string): string[] {
  return (query.match(/"[^"]+"|[^\s()"]+/g) ?? [])
    .filter((term) => !/^(?:OR|AND|NOT)$/.test(term) && !term.startsWith('-'))
    .map((term) => term.replace(/"/g, '').replace(/\*$/, ''));
}

/** Kinds whose items are customers' own words. */
export const customerFeedKinds: readonly string[] = [FeedKind.Review, FeedKind.Forum, FeedKind.Community];

/** Words of a feed title's part that say what it lists, not whose it is: "latest topics", "Blog". */
const listingWords =
  /^(?:the|a|an|latest|recent|all|top|new|topics?|posts?|reviews?|articles?|stories|comments?|on|for|of|and|from|home|feeds?)$/;

/** Where a feed's title goes on from its name to its section: "SaaS Ledger: Customer Service Software". */
const feedTitleBreak = /:\s+|\s+[-–—|·»]\s+/;

/**
 * A feed's name as a source line shows it on a phone: the part of its title that names it
 * ("SaaS Ledger: Customer Service Software" is SaaS Ledger, "StackRank: latest Help Desk Software
 * reviews" StackRank, "Blog – Help Scout" Help Scout); a title of one part stays whole.
 * `who is saying it` and the source's own detail (`tell me more about 1`) keep the whole title.
 */
export function shortFeedName(title: string): string {
  const parts = title
    .split(feedTitleBreak)
    .map((part) => part.trim())
    .filter(Boolean);
  if (parts.length < 2) return title;
  const names = (part: string) =>
    part
      .toLowerCase()
      .split(/\s+/)
      .map((word) => word.replace(/[^\p{L}\p{N}]/gu, ''))
      .some((word) => word.length > 0 && !feedTitleWords.test(word) && !listingWords.test(word));
  return parts.find(names) ?? title;
}

/** What a page calls each feed it names: the same name in Top sources and under each source. */
export type FeedNames = (title: string) => string;

/**
 * The names of a page's feeds (`titles`: every feed title it shows), each its short name
 * ("StackRank", "SaaS Ledger"), unless two of them would read the same: "SaaS Ledger: CRM" and
 * "SaaS Ledger: Support" stay whole, in Top sources and in every source line alike.
 */
export function feedNames(titles: Iterable<string>): FeedNames {
  const short = new Map([...new Set(titles)].map((title) => [title, shortFeedName(title)]));
  const named = [...short.values()];
  return (title) => {
    const name = short.get(title) ?? shortFeedName(title);
    return named.filter((other) => other === name).length > 1 ? title : name;
  };
}
