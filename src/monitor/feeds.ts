import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { feedReaders, TopicKind } from '../analysis/topics.ts';
import { recordAudit } from '../db/audit.ts';
import { cachedStatement } from '../db/client.ts';
import { refreshFeedSource, storeItems } from '../db/items.ts';
import { describeFeedRemoval } from '../db/removals.ts';
import type { Deps } from '../deps.ts';
import { keepStoriesOfFeed } from '../engage/story.ts';
import { FeedError, FeedErrorCode, UserError } from '../errors.ts';
import { countOf, inWords, keptNotAnnounced } from '../format.ts';
import { feedAddressKey, typedFeedUrl, withoutFeedScheme, withoutTrackingParams } from './canonical-url.ts';
import { feedLinksInPage, knownSiteFeed } from './discover.ts';
import {
  competitorKey,
  competitorLabel,
  competitorOf,
  customerFeedKinds,
  FeedKind,
  feedKindOf,
  feedKinds,
  guessCompetitor,
  sameCompetitor,
} from './feed-kind.ts';
import { feedNumberGiven, feedNumberOf } from './feed-number.ts';
import { fetchFeed, lacksScheme, readWithoutScheme, validatorsToKeep } from './fetch.ts';
import { describeFeedHealth, FeedStatus, staleAfterMs } from './health.ts';
import { buildOpml, notAnOpmlList, OpmlError, parseOpml } from './opml.ts';
import { loadTopicQueries, markRecovered } from './poll.ts';
import { nextIntervalAfterSuccess, pollLimits } from './schedule.ts';

export { FeedKind, feedKindOf, feedKinds } from './feed-kind.ts';

export const FeedUrl = z
  .string()
  .trim()
  .min(1, { error: 'give the feed address, e.g. https://example.com/feed.xml' })
  .transform((value) => value.replace(/^<|>$/g, '').replace(/\|.*$/, ''))
  .transform(withoutFeedScheme)
  .transform((value) => (/^[a-z][a-z\d+.-]*:/i.test(value) ? value : `https://${value}`))
  .pipe(
    z.url({
      protocol: /^https?$/,
      error: 'a feed address must be an http(s) URL, e.g. https://example.com/feed.xml',
    }),
  );

export type FeedView = {
  id: number;
  url: string;
  /** The name an OPML list gave it (`listedTitle`), else its own title. */
  title: string | null;
  /** Its own title, when the list's name shown as `title` is another. */
  ownTitle?: string | null;
  kind: string;
  /** The competitor a feed of kind competitor stands for ("Initech"); null for other kinds. */
  competitor: string | null;
  status: string;
  health: string;
  items: number;
  /** The newest item's date (published), null before the first. */
  newestItemAt?: Date | null;
  lastError: string | null;
  /** What kept part of it from being read while it reads (a CDATA section never closed); null when read whole. */
  partialRead: string | null;
  failingSince: Date | null;
};

/**
 * `paused`: added paused (an OPML import of a feed exported paused). `anyway`: added even when it looks
 * like a watched feed under another address (see FeedLookalikeError).
 */
export type AddFeedInput = {
  url: string;
  kind?: FeedKind;
  /** The competitor a competitor's feed stands for, as named; else guessed from the topics and its title. */
  competitor?: string;
  /** The name a person listed the feed under (an OPML outline's text): read before its own title for the competitor. */
  listedTitle?: string;
  paused?: boolean;
  actorId: string;
  anyway?: boolean;
  /** Awaited once the feed is read, before it is stored: an import numbers its feeds in file order. */
  beforeStore?: () => Promise<void>;
  /** The OPML import it came with: `undo` removes that import's feeds together. */
  importId?: string;
};
/**
 * `foundOnPage`: the web page the user gave, when Briefbot subscribed to the feed that page names;
 * `schemeNote`: what an address typed without https:// or http:// was read as.
 */
export type AddFeedResult = {
  feed: FeedView;
  backlogItems: number;
  foundOnPage: string | null;
  schemeNote: string | null;
  /** The topic that would follow the competitor a new feed stands for, when no topic does yet. */
  topicToAdd: CompetitorTopic | null;
  /** A watched feed that already holds most of the new feed's items (a mirror): they count once, as its. */
  copiesOf: FeedCopies | null;
  /** No kind was typed: it was added as news, the default. */
  kindDefaulted?: boolean;
  /** Added as news, it looks like a company's own blog ("The Globex Blog"): that company's name. */
  ownBlogOf?: string | null;
};

/** `items` of a new feed's items are already read through `feed`, at the same links. */
export type FeedCopies = { feed: { id: number; title: string }; items: number };

type FetchedFeed = Extract<Awaited<ReturnType<typeof fetchFeed>>, { status: 'ok' }>;
type ReadFeed = {
  url: string;
  fetched: FetchedFeed;
  analyzed: Awaited<ReturnType<Deps['analyzer']['analyze']>>;
  foundOnPage: string | null;
  intervalSec: number;
};

/**
 * Fetches and reads a feed Briefbot does not watch yet, so a wrong address fails here, with the
 * reason. The address of a web page (a blog's home page) reads the feed the page names, as feed
 * readers do.
 */
async function readNewFeed(
  deps: Deps,
  address: string,
  foundOnPage: string | null = null,
  movingId?: number,
): Promise<ReadFeed> {
  const parsedUrl = FeedUrl.safeParse(address);
  if (!parsedUrl.success) {
    throw new UserError(
      'INVALID_FEED_URL',
      `That is not a feed address: ${parsedUrl.error.issues[0]?.message}.`,
    );
  }
  const url = withoutTrackingParams(parsedUrl.data);
  await assertNotWatched(deps, url, movingId);
  // A site whose feeds live at a known address: that feed first, the page itself if it fails.
  const siteFeed = foundOnPage === null ? knownSiteFeed(url) : null;
  if (siteFeed) {
    try {
      return await readNewFeed(deps, siteFeed, url, movingId);
    } catch (error) {
      if (alreadyWatched(error)) throw error;
    }
  }
  const fetched = await fetchFeed(url, {
    timeoutMs: deps.http.timeoutMs,
    maxBytes: deps.http.maxBytes,
    allowPrivate: deps.http.allowPrivate,
    ...(deps.http.resolve ? { resolve: deps.http.resolve } : {}),
  });
  if (fetched.status !== 'ok')
    throw new UserError('FEED_UNREADABLE', 'The server answered "not modified" to a first request.');
  const storedUrl = fetched.movedTo ?? url;
  if (storedUrl !== url) await assertNotWatched(deps, storedUrl, movingId);
  let analyzed: ReadFeed['analyzed'];
  try {
    analyzed = await deps.analyzer.analyze(fetched.body, fetched.finalUrl, loadTopicQueries(deps.db.sqlite));
  } catch (error) {
    const page =
      foundOnPage === null &&
      error instanceof FeedError &&
      error.code === FeedErrorCode.NotAFeed &&
      error.detail.feedLinks !== undefined;
    if (!page) throw error;
    const pageFeed = feedLinksInPage(fetched.body, fetched.finalUrl)[0];
    if (pageFeed) return readNewFeed(deps, pageFeed, url, movingId);
    return readUsualFeed(deps, fetched.finalUrl, url, error, movingId);
  }
  const intervalSec = nextIntervalAfterSuccess({
    previousSec: pollLimits.firstSec,
    newItems: analyzed.items.length,
    recentPublished: analyzed.items.flatMap((item) => (item.publishedAt ? [item.publishedAt.getTime()] : [])),
    fetchedAt: deps.clock.now().getTime(),
    ttlMinutes: analyzed.ttlMinutes,
    maxAgeSec: fetched.maxAgeSec,
    // Everything there now is back-catalogue: the feed's rhythm is learnt from what comes next.
    subscribedAt: deps.clock.now().getTime(),
  });
  return { url: storedUrl, fetched, analyzed, foundOnPage, intervalSec };
}

/** A feed address as typed: one without a scheme is read as https://, else http:// (see readWithoutScheme). */
async function readTypedFeed(
  deps: Deps,
  address: string,
  movingId?: number,
): Promise<ReadFeed & { schemeNote: string | null }> {
  if (!lacksScheme(address) || !address.trim())
    return { ...(await readNewFeed(deps, address, null, movingId)), schemeNote: null };
  const { result, note } = await readWithoutScheme(address, (url) => readNewFeed(deps, url, null, movingId));
  return { ...result, schemeNote: note };
}

// Where sites publish a feed their pages do not name: WordPress, Substack, Ghost, Tumblr, Jekyll,
// Hugo, Blogger, in that order of preference.
const usualFeedPaths = [
  '/feed',
  '/rss',
  '/feed.xml',
  '/index.xml',
  '/atom.xml',
  '/rss.xml',
  '/feeds/posts/default',
];

/**
 * A web page that names no feed: its site's feed at one of the usual addresses, tried side by side
 * (the first in order of preference that reads as a feed wins), else the page's own error.
 */
async function readUsualFeed(
  deps: Deps,
  pageUrl: string,
  given: string,
  pageError: FeedError,
  movingId?: number,
): Promise<ReadFeed> {
  const candidates = usualFeedPaths
    .map((path) => new URL(path, pageUrl).href)
    .filter((candidate) => candidate !== pageUrl);
  const outcomes = await Promise.allSettled(
    candidates.map((candidate) => readNewFeed(deps, candidate, given, movingId)),
  );
  for (const outcome of outcomes) {
    if (outcome.status === 'fulfilled') return outcome.value;
    // The site's feed at a more usual address is watched already: that is the answer.
    if (alreadyWatched(outcome.reason)) throw outcome.reason;
  }
  throw new FeedError(
    FeedErrorCode.NotAFeed,
    `${pageError.message.replace(/ Look for an RSS or Atom link on that page\.$/, '')} Nor does the site answer with a feed at the usual addresses (${usualFeedPaths.join(', ')}). Look for an RSS or Atom link on the site, or ask its publisher for one.`,
    pageError.detail,
  );
}

/**
 * Subscribes to a feed: fetched once now (so a wrong address fails here, with the reason),
 * its current items stored as backlog so nothing downstream floods channels with old news.
 * The address of a web page (a blog's home page) subscribes to the feed the page names, as feed
 * readers do.
 */
export async function addFeed(deps: Deps, input: AddFeedInput): Promise<AddFeedResult> {
  await refuseFeedNumber(deps, input.url, 'add');
  const {
    url: storedUrl,
    fetched,
    analyzed,
    foundOnPage,
    intervalSec,
    schemeNote,
  } = await readTypedFeed(deps, input.url).catch((error: unknown) => {
    // Adding a watched feed as another kind or competitor: say how to change it, which keeps its items.
    if (
      error instanceof FeedExistsError &&
      input.kind &&
      differsFrom(error.feed, input.kind, input.competitor)
    )
      throw new FeedKindDiffersError(error, input.kind, input.competitor);
    throw error;
  });
  await input.beforeStore?.();
  if (!input.anyway) refuseLookalike(deps, storedUrl, analyzed, input.kind, input.competitor);
  const { sqlite } = deps.db;
  const now = deps.clock.now();
  const named =
    input.kind === FeedKind.Competitor
      ? (input.competitor ??
        (await guessFeedCompetitor(deps, [input.listedTitle, analyzed.title], storedUrl, analyzed.link)))
      : undefined;
  const competitor = named ? await competitorSpelling(deps, named) : null;
  const feedId = sqlite.transaction(() => {
    const at = now.getTime();
    const id = Number(
      sqlite
        .prepare(
          `INSERT INTO feeds (url, title, listed_title, site_url, kind, competitor, weight, status, etag, last_modified, interval_sec,
             next_poll_at, last_fetched_at, last_success_at, last_new_item_at, consecutive_failures, added_by,
             created_at, updated_at, partial_read)
           VALUES (@url, @title, @listedTitle, @siteUrl, @kind, @competitor, 1, @status, @etag, @lastModified, @intervalSec,
             @nextPollAt, @at, @at, NULL, 0, @actorId, @at, @at, @readInPart)`,
        )
        .run({
          url: storedUrl,
          title: analyzed.title,
          listedTitle: listedTitleOf(input.listedTitle, analyzed.title),
          siteUrl: analyzed.link,
          kind: input.kind ?? FeedKind.News,
          competitor,
          status: input.paused ? FeedStatus.Paused : FeedStatus.Active,
          ...validatorsToKeep(fetched, analyzed),
          // Read only in part (a CDATA section never closed): its health says so from the start.
          readInPart: analyzed.readInPart ?? null,
          intervalSec,
          nextPollAt: at + intervalSec * 1000,
          at,
          actorId: input.actorId,
        }).lastInsertRowid,
    );
    storeItems(sqlite, analyzed.items, { feedId: id, backlog: true, now });
    return id;
  })();
  await recordAudit(deps.db, now, {
    actorId: input.actorId,
    action: 'feed.add',
    subjectType: 'feed',
    subjectId: feedId,
    detail: {
      url: storedUrl,
      title: analyzed.title,
      kind: input.kind ?? FeedKind.News,
      ...(competitor ? { competitor } : {}),
      ...(input.paused ? { paused: true } : {}),
      ...(foundOnPage ? { foundOnPage } : {}),
      ...(input.importId ? { importId: input.importId } : {}),
    },
  });
  const feed = (await listFeeds(deps, { ids: [feedId] }))[0];
  if (!feed) throw new Error('feed vanished after insert');
  const topicToAdd = competitor ? await untrackedCompetitorTopic(deps, competitor) : null;
  const copiesOf = feedCopies(deps, feedId, analyzed.items.length);
  // Added as news by default, a company's own blog most likely is a competitor's, whose posts are not news.
  const ownBlogOf = input.kind
    ? null
    : await ownBlogName(deps, [input.listedTitle, analyzed.title], storedUrl, analyzed.link);
  return {
    feed,
    backlogItems: analyzed.items.length,
    foundOnPage,
    schemeNote,
    topicToAdd,
    copiesOf,
    kindDefaulted: !input.kind,
    ownBlogOf,
  };
}

/**
 * The company whose own blog a feed looks like ("The Globex Blog", blog.globex.example), by the
 * names of its title and address; null for another feed, and for the company's own blog.
 */
async function ownBlogName(
  deps: Deps,
  titles: Array<string | null | undefined>,
  url: string,
  siteUrl: string | null,
): Promise<string | null> {
  const blog = /\bblog\b/i;
  const addresses = [url, siteUrl ?? ''].map((address) => (URL.canParse(address) ? new URL(address) : null));
  const looksLikeBlog =
    titles.some((title) => title && blog.test(title)) ||
    addresses.some((address) => address && blog.test(`${address.hostname} ${address.pathname}`));
  if (!looksLikeBlog) return null;
  const name = await guessFeedCompetitor(deps, titles, url, siteUrl);
  if (!name) return null;
  const company = await deps.db.prisma.topic.findFirst({
    where: { kind: TopicKind.Company },
    select: { name: true },
  });
  return company && sameCompetitor(company.name, name) ? null : name;
}

/**
 * The watched feed that stored most of a new feed's items first, at the same links (same story,
 * same address: what counts keep once, see firstAtItsLink), if more than half of them.
 */
function feedCopies(deps: Deps, feedId: number, items: number): FeedCopies | null {
  const row = cachedStatement(
    deps.db.sqlite,
    `SELECT f.id, COALESCE(f.title, f.url) AS title, COUNT(DISTINCT i.id) AS items
     FROM items i JOIN items o ON o.cluster_id = i.cluster_id AND o.url = i.url AND o.feed_id <> i.feed_id
       JOIN feeds f ON f.id = o.feed_id
     WHERE i.feed_id = ? GROUP BY f.id ORDER BY items DESC, f.id LIMIT 1`,
  )
    .safeIntegers(false)
    .get(feedId) as { id: number; title: string; items: number } | undefined;
  if (!row || row.items * 2 <= items) return null;
  return { feed: { id: row.id, title: row.title }, items: row.items };
}

/**
 * "All 5 of its items are already read through feed 5, Market News, …": said when a new feed
 * mirrors a watched one, with the command (`remove`) that drops it.
 */
export function feedCopiesText(copies: FeedCopies | null, total: number, remove: string): string {
  if (!copies) return '';
  const which =
    copies.items === total
      ? total === 1
        ? 'Its 1 item is'
        : `All ${total} of its items are`
      : `${copies.items} of its ${total} items are`;
  return `${which} already read through feed ${copies.feed.id}, ${copies.feed.title}, at the same links: each counts once, as feed ${copies.feed.id}'s. If it is the same publication under another address: ${remove}.`;
}

/** The competitor a new competitor's feed stands for, from the first of its names that gives one. */
async function guessFeedCompetitor(
  deps: Deps,
  titles: Array<string | null | undefined>,
  url: string,
  siteUrl: string | null,
): Promise<string | undefined> {
  const topics = await competitorTopics(deps);
  for (const title of titles) {
    const guess = title ? guessCompetitor({ title, url, siteUrl }, topics) : undefined;
    if (guess) return guess;
  }
  return undefined;
}

/**
 * `renamedFrom`: the feed's title before, when the new address calls it something else;
 * `competitor`: the competitor a competitor's feed stands for, which a new title never changes.
 */
export type MoveFeedResult = {
  feed: FeedView;
  from: string;
  /** How many items the new address lists, and how many of them the feed did not have yet. */
  listedItems: number;
  newItems: number;
  foundOnPage: string | null;
  renamedFrom: string | null;
  competitor: string | null;
};

/**
 * Points a feed at its new address (a publisher moved it): the new address is read once now, the
 * feed keeps its items, history, kind and settings, and what is new at the new address is kept as
 * backlog, as at subscription. A paused feed stays paused; a failing one is healthy again.
 */
export async function moveFeed(
  deps: Deps,
  idOrUrl: string,
  address: string,
  actorId: string,
  options: { anyway?: boolean } = {},
): Promise<MoveFeedResult> {
  const feed = await findFeed(deps, idOrUrl);
  await refuseFeedNumber(deps, address, 'move');
  if (!isWebAddress(address)) throw new FeedMoveReadError(notFeedAddress(address), feed, address);
  const { url, fetched, analyzed, foundOnPage, intervalSec } = await readTypedFeed(
    deps,
    address,
    feed.id,
  ).catch((error: unknown) => {
    if (error instanceof FeedExistsError) throw new FeedMoveTakenError(feed.id, error.feed);
    if (error instanceof FeedError || error instanceof UserError)
      throw new FeedMoveReadError(error, feed, address);
    throw error;
  });
  const { sqlite } = deps.db;
  // Another feed reads this publication already (under another address): its stories would count twice.
  const twin = lookalikeOf(deps, analyzed, feed.id);
  if (twin) throw new FeedMoveTwinError(feed, twin.feed, twin.shared, url);
  // Another title and no item in common: another publication, whose items would be credited to this one.
  const title = analyzed.title?.trim() || null;
  const renamed =
    title !== null && feed.title !== null && title.toLowerCase() !== feed.title.trim().toLowerCase();
  if (renamed && !options.anyway && sharedItems(sqlite, feed.id, analyzed) === 0)
    throw new FeedMoveElsewhereError(feed, title, url);
  const now = deps.clock.now();
  const at = now.getTime();
  // The digests its items went to, as the log keeps them: read before the new address's items come in.
  const readers = await feedReaders(deps, feed.id);
  // A competitor's feed named by its old title keeps that name: a new title is no new competitor.
  const competitor = competitorOf(feed) ?? null;
  const stored = sqlite.transaction(() => {
    if (competitor && !feed.competitor)
      cachedStatement(sqlite, 'UPDATE feeds SET competitor = ? WHERE id = ?').run(competitor, feed.id);
    cachedStatement(
      sqlite,
      `UPDATE feeds SET url = @url, etag = @etag, last_modified = @lastModified, interval_sec = @intervalSec,
         next_poll_at = @nextPollAt, last_fetched_at = @at, last_success_at = @at, consecutive_failures = 0,
         failing_since = NULL, failure_announced_at = NULL, last_error = NULL, last_error_code = NULL,
         partial_read = @readInPart, site_url = COALESCE(@siteUrl, site_url), title = COALESCE(@title, title), updated_at = @at
       WHERE id = @id`,
    ).run({
      id: feed.id,
      url,
      title,
      ...validatorsToKeep(fetched, analyzed),
      intervalSec,
      nextPollAt: at + intervalSec * 1000,
      at,
      siteUrl: analyzed.link,
      // The new address's body, read whole or not: the old one's note is no longer true.
      readInPart: analyzed.readInPart ?? null,
    });
    markRecovered(sqlite, feed.id);
    // Renamed: a competitor's items are indexed under its new name.
    refreshFeedSource(sqlite, feed.id);
    return storeItems(sqlite, analyzed.items, { feedId: feed.id, backlog: true, now });
  })();
  await recordAudit(deps.db, now, {
    actorId,
    action: 'feed.move',
    subjectType: 'feed',
    subjectId: feed.id,
    detail: {
      from: feed.url,
      to: url,
      title: feed.title,
      ...(competitor ? { competitor } : {}),
      ...(foundOnPage ? { foundOnPage } : {}),
      ...(renamed ? { fromTitle: feed.title, toTitle: title } : {}),
      ...readers,
    },
  });
  const view = (await listFeeds(deps, { ids: [feed.id] }))[0] as FeedView;
  return {
    feed: view,
    from: feed.url,
    listedItems: analyzed.items.length,
    newItems: stored.inserted.length,
    foundOnPage,
    renamedFrom: renamed ? feed.title : null,
    competitor,
  };
}

/**
 * What the new address of a moved feed lists, against what the feed had: "the new address lists 1
 * item, one feed 3 already had: nothing new", so a marketer checking the move sees it worked.
 */
export function movedItemsText({ feed, listedItems, newItems }: MoveFeedResult): string {
  if (listedItems === 0) return 'the new address lists no items yet';
  const listed = `the new address lists ${countOf(listedItems, 'item')}`;
  if (newItems === 0)
    return `${listed}, ${listedItems === 1 ? 'one' : 'all ones'} feed ${feed.id} already had: nothing new`;
  if (newItems === listedItems) return `${listed}, new to feed ${feed.id}: ${keptNotAnnounced}`;
  return `${listed}: ${newItems} new to feed ${feed.id} (${keptNotAnnounced}), ${listedItems - newItems} it already had`;
}

/** "It still stands for the competitor Globex …": said when a move renames a competitor's feed. */
export function movedCompetitorText(moved: MoveFeedResult, command: FeedSetCommand): string {
  if (!moved.renamedFrom || !moved.competitor) return '';
  return `It still stands for the competitor ${competitorLabel(moved.competitor)}, whatever its title; another: ${command(FeedKind.Competitor, '<name>')}.`;
}

/** The new address serves another publication; the message suggests adding it instead. */
export class FeedMoveElsewhereError extends UserError {
  /** What was found, without the commands (which the command line words its own way). */
  readonly found: string;
  constructor(
    readonly feed: { id: number; title: string | null },
    title: string,
    readonly url: string,
  ) {
    const found = `${url} is "${title}", not "${feed.title}", with no item in common: another publication, whose items would be credited to feed ${feed.id}. Nothing was moved.`;
    super(
      'FEED_MOVE_ELSEWHERE',
      `${found} To watch it as well: \`/brief feeds add ${typedFeedUrl(url)}\`. If it is the same publication under a new name: \`/brief feeds move ${feed.id} ${typedFeedUrl(url)} confirm\`.`,
    );
    this.found = found;
  }
}

/**
 * The new address serves a feed Briefbot watches already, under another address: moving there would
 * count its stories twice, even confirmed. The message suggests removing one of the two instead.
 */
export class FeedMoveTwinError extends UserError {
  /** What was found, without the commands (which the command line words its own way). */
  readonly found: string;
  constructor(
    readonly feed: { id: number; title: string | null },
    readonly twin: { id: number; url: string; title: string },
    shared: number,
    readonly url: string,
  ) {
    const found = `${url} looks like feed ${twin.id}, ${twin.title} (${twin.url}): the same title and ${countOf(shared, 'item')} in common. Moving feed ${feed.id} there would count that publication's stories twice. Nothing was moved.`;
    super(
      'FEED_MOVE_TWIN',
      `${found} If feed ${feed.id}'s own publication is gone: \`/brief feeds remove ${feed.id}\`. To keep feed ${feed.id}'s number and history at that address instead: \`/brief feeds remove ${twin.id}\`, then the move again.`,
    );
    this.found = found;
  }
}

/**
 * The new address could not be read as a feed: the feed still reads its old one, said so with the
 * next step (Slack's by default; the command line words its own from `reason`).
 */
export class FeedMoveReadError extends UserError {
  constructor(
    error: FeedError | UserError,
    readonly feed: { id: number; url: string },
    readonly address: string,
  ) {
    // Never the command that just failed: the next try needs another address.
    const next =
      error.code === 'INVALID_FEED_URL'
        ? `To move it: \`/brief feeds move ${feed.id} <url>\`.`
        : `Check that ${address} opens as a feed in a browser, or find the feed's new address, then: \`/brief feeds move ${feed.id} <url>\`.`;
    super(
      error.code,
      `${error.message} Nothing was changed; feed ${feed.id} still reads ${feed.url}. ${next}`,
    );
    this.reason = error.message;
  }
  /** What went wrong reading the new address, without the next step. */
  readonly reason: string;
}

/** Text that reads as a web address: an http(s) URL whose host has a dot, is localhost or an IPv6 address. */
function isWebAddress(address: string): boolean {
  const parsed = FeedUrl.safeParse(address);
  if (!parsed.success) return false;
  const host = new URL(parsed.data).hostname;
  return host.includes('.') || host === 'localhost' || host.startsWith('[');
}

function notFeedAddress(address: string): UserError {
  return new UserError(
    'INVALID_FEED_URL',
    `${address.trim()} isn't a feed address (e.g. https://example.com/feed.xml).`,
  );
}

/**
 * The same feed under an address no spelling rule can tell (localhost for 127.0.0.1, a mirror): a
 * watched feed with the same title and items in common. A title alone ("Blog") proves nothing.
 */
function refuseLookalike(
  deps: Deps,
  url: string,
  analyzed: ReadFeed['analyzed'],
  kind?: string,
  competitor?: string,
): void {
  const twin = lookalikeOf(deps, analyzed);
  if (twin) throw new FeedLookalikeError(twin.feed, twin.shared, url, kind, competitor);
}

/** The watched feed (other than `exceptId`) with a freshly read feed's title and items in common, if any. */
function lookalikeOf(
  deps: Deps,
  analyzed: ReadFeed['analyzed'],
  exceptId?: number,
): { feed: { id: number; url: string; title: string }; shared: number } | undefined {
  const title = analyzed.title?.trim();
  if (!title || analyzed.items.length === 0) return undefined;
  const { sqlite } = deps.db;
  const sameTitle = cachedStatement(
    sqlite,
    'SELECT id, url, title FROM feeds WHERE lower(trim(title)) = lower(?) ORDER BY id',
  )
    .safeIntegers(false)
    .all(title) as Array<{ id: number; url: string; title: string }>;
  for (const feed of sameTitle) {
    if (feed.id === exceptId) continue;
    const shared = sharedItems(sqlite, feed.id, analyzed);
    if (shared > 0) return { feed, shared };
  }
  return undefined;
}

/** How many of a feed's stored items a freshly read feed lists too (by key or link; its first 200). */
function sharedItems(sqlite: Deps['db']['sqlite'], feedId: number, analyzed: ReadFeed['analyzed']): number {
  const keys = analyzed.items.map((item) => item.key).slice(0, 200);
  const links = analyzed.items.flatMap((item) => (item.url ? [item.url] : [])).slice(0, 200);
  if (keys.length === 0) return 0;
  return sqlite
    .prepare(
      `SELECT COUNT(*) FROM items WHERE feed_id = ? AND (key IN (${keys.map(() => '?').join(', ')})${links.length ? ` OR url IN (${links.map(() => '?').join(', ')})` : ''})`,
    )
    .pluck()
    .safeIntegers(false)
    .get(feedId, ...keys, ...links) as number;
}

/** A new address whose feed is one Briefbot watches already under another; the message says how to add it anyway. */
export class FeedLookalikeError extends UserError {
  /** What was found, without the command to add it anyway (which the command line words its own way). */
  readonly found: string;
  constructor(
    feed: { id: number; url: string; title: string },
    shared: number,
    readonly url: string,
    /** The kind and competitor typed, kept in the command that adds it anyway. */
    readonly kind?: string,
    readonly competitor?: string,
  ) {
    const found = `That looks like feed ${feed.id}, ${feed.title} (${feed.url}): the same title and ${countOf(shared, 'item')} in common, under another address. Nothing was added.`;
    super(
      'FEED_LOOKALIKE',
      `${found} To add it anyway: \`/brief feeds add ${typedFeedUrl(url)}${kind ? ` kind=${kind}` : ''}${competitor ? ` as ${competitor}` : ''} confirm\`.`,
    );
    this.found = found;
  }
}

/** "3" where an address goes would be fetched as the host 0.0.0.3: say an address is needed instead. */
async function refuseFeedNumber(deps: Deps, address: string, command: 'add' | 'move'): Promise<void> {
  const number = feedNumberOf(address);
  if (number === null) return;
  const feed = await deps.db.prisma.feed.findUnique({
    where: { id: number },
    select: { id: true, title: true, url: true },
  });
  throw feedNumberGiven(address, feed, command);
}

/** The error assertNotWatched throws: the address is one of Briefbot's feeds already. */
function alreadyWatched(error: unknown): error is UserError {
  return error instanceof UserError && error.code === 'FEED_EXISTS';
}

/** The feed watched at this address, spelt as given or otherwise (see feedAddressKey). */
async function findWatched(deps: Deps, url: string): Promise<WatchedFeed | undefined> {
  const select = { id: true, url: true, kind: true, competitor: true } as const;
  const exact = await deps.db.prisma.feed.findUnique({ where: { url }, select });
  if (exact) return exact;
  const key = feedAddressKey(url);
  if (!URL.canParse(key)) return undefined;
  // Only feeds on the same host can be the same feed ("contains" is case-insensitive in SQLite).
  const sameHost = await deps.db.prisma.feed.findMany({
    where: { url: { contains: new URL(key).hostname } },
    select,
  });
  return sameHost.find((feed) => feedAddressKey(feed.url) === key);
}

/** `movingId`: the feed being moved, which may move to another spelling of its own address (http to https). */
async function assertNotWatched(deps: Deps, url: string, movingId?: number): Promise<void> {
  const existing = await findWatched(deps, url);
  if (existing && existing.id !== movingId) throw new FeedExistsError(existing);
}

type WatchedFeed = { id: number; url: string; kind: string; competitor: string | null };

/** The address is one of Briefbot's feeds already: which one, as what kind, and for which competitor. */
class FeedExistsError extends UserError {
  constructor(readonly feed: WatchedFeed) {
    const stands = feed.competitor ? `; it stands for ${competitorLabel(feed.competitor)}` : '';
    super(
      'FEED_EXISTS',
      `Briefbot already watches ${feed.url} (feed ${feed.id}, kind ${feed.kind}${stands}).`,
    );
  }
}

/** A watched feed added again as another kind, or for another competitor than the one it stands for. */
function differsFrom(feed: WatchedFeed, kind: FeedKind, competitor: string | undefined): boolean {
  return kind !== feed.kind || (competitor !== undefined && !sameCompetitor(competitor, feed.competitor));
}

/** A feed moved to an address another feed reads: which to keep, as the commands that do it. */
export class FeedMoveTakenError extends UserError {
  constructor(
    readonly movingId: number,
    readonly taken: { id: number; url: string },
    prefix = '/brief ',
  ) {
    // Slack shows commands as code; the command line prints them plain.
    const code = (command: string) =>
      prefix.startsWith('/') ? `\`${prefix}${command}\`` : `${prefix}${command}`;
    super(
      'FEED_EXISTS',
      `Feed ${taken.id} already reads ${taken.url}, so feed ${movingId} cannot move there; nothing changed. To keep feed ${taken.id} and drop feed ${movingId}: ${code(`feeds remove ${movingId}`)}. To keep feed ${movingId}'s history instead: ${code(`feeds remove ${taken.id}`)}, then ${code(`feeds move ${movingId} ${taken.url}`)}.`,
    );
  }
}

/**
 * A watched feed added again as another kind, or for another competitor; the message says the Slack
 * `feeds set` that changes it, and `advice` says it with another command (the command line's).
 */
export class FeedKindDiffersError extends UserError {
  readonly feed: WatchedFeed;
  constructor(
    readonly exists: FeedExistsError,
    readonly kind: FeedKind,
    readonly competitor?: string,
  ) {
    super('FEED_EXISTS', feedSetAdvice(exists, kind, competitor, slackFeedSet(exists.feed.id)));
    this.feed = exists.feed;
  }

  advice(command: FeedSetCommand): string {
    return feedSetAdvice(this.exists, this.kind, this.competitor, command);
  }
}

/** "…already watches… To make it stand for Hooli, keeping its items: <feeds set>." */
function feedSetAdvice(
  exists: FeedExistsError,
  kind: FeedKind,
  competitor: string | undefined,
  command: FeedSetCommand,
): string {
  const named = kind === FeedKind.Competitor ? competitor : undefined;
  const what = named ? `stand for ${competitorLabel(named)}` : kind;
  return `${exists.message} To make it ${what}, keeping its items: ${command(kind, named)}.`;
}

type FeedRow = {
  id: number;
  url: string;
  title: string | null;
  listedTitle: string | null;
  kind: string;
  competitor: string | null;
  siteUrl: string | null;
  status: string;
  lastSuccessAt: number | null;
  lastNewItemAt: number | null;
  lastFetchedAt: number | null;
  nextPollAt: number;
  consecutiveFailures: number;
  lastError: string | null;
  partialRead: string | null;
  failingSince: number | null;
};

const date = (value: number | null) => (value === null ? null : new Date(value));

/**
 * The name an OPML list gave a feed, kept when it is another than the feed's own title (a title the
 * list only repeats, in other capitals or with less, is no name of its own).
 */
function listedTitleOf(listed: string | undefined, own: string | null | undefined): string | null {
  const name = listed?.trim();
  if (!name) return null;
  return (own ?? '').toLowerCase().includes(name.toLowerCase()) ? null : name;
}

/** Feeds with their health; `failingFirst` puts failing feeds, then feeds whose last check failed, then stale feeds, first. */
export async function listFeeds(
  deps: Deps,
  /** `timeZone`: the reader's, for the times in each feed's health (DEFAULT_TIMEZONE unless given). */
  filter: { ids?: number[]; limit?: number; failingFirst?: boolean; timeZone?: string } = {},
): Promise<FeedView[]> {
  const columns = `id, url, title, listed_title AS listedTitle, kind, competitor, site_url AS siteUrl, status, last_success_at AS lastSuccessAt, last_new_item_at AS lastNewItemAt,
    last_fetched_at AS lastFetchedAt, next_poll_at AS nextPollAt, consecutive_failures AS consecutiveFailures,
    last_error AS lastError, partial_read AS partialRead, failing_since AS failingSince`;
  const select = (where: string, order: string, limit: number, ...params: unknown[]) =>
    cachedStatement(
      deps.db.sqlite,
      `SELECT ${columns} FROM feeds WHERE ${where} ORDER BY ${order} LIMIT ?`,
    ).all(...params, limit) as FeedRow[];
  const limit = filter.limit ?? -1;
  const remaining = (taken: number) => (limit < 0 ? -1 : Math.max(0, limit - taken));
  let rows: FeedRow[];
  if (filter.ids) {
    rows = select(`id IN (${filter.ids.map(() => '?').join(', ') || 'NULL'})`, 'id', limit, ...filter.ids);
  } else if (filter.failingFirst) {
    // Three indexed reads rather than a sort of every feed: failing, then recently failed, then the rest.
    rows = select("status = 'failing'", 'id', limit);
    if (remaining(rows.length) !== 0) {
      rows = rows.concat(
        select(
          "status != 'failing' AND consecutive_failures > 0",
          'consecutive_failures DESC, id',
          remaining(rows.length),
        ),
      );
    }
    // Then the stale ones (shown yellow), then the rest.
    const before = staleBefore(deps);
    if (remaining(rows.length) !== 0) {
      rows = rows.concat(select(staleWhere, 'newest_item_at, id', remaining(rows.length), before));
    }
    if (remaining(rows.length) !== 0) {
      rows = rows.concat(
        select(
          `status != 'failing' AND consecutive_failures = 0 AND NOT (${staleWhere})`,
          'id',
          remaining(rows.length),
          before,
        ),
      );
    }
  } else {
    rows = select('1 = 1', 'id', limit);
  }
  const counts = itemCounts(
    deps,
    rows.map((row) => row.id),
  );
  const now = deps.clock.now();
  return rows.map((row) => {
    const feed = {
      ...row,
      lastSuccessAt: date(row.lastSuccessAt),
      lastNewItemAt: date(row.lastNewItemAt),
      lastFetchedAt: date(row.lastFetchedAt),
      nextPollAt: new Date(row.nextPollAt),
      failingSince: date(row.failingSince),
    };
    const competitor = competitorOf(feed);
    const held = counts.get(feed.id);
    return {
      id: feed.id,
      url: feed.url,
      title: feed.listedTitle ?? feed.title,
      ...(feed.listedTitle ? { ownTitle: feed.title } : {}),
      kind: feed.kind,
      competitor: competitor ? competitorLabel(competitor) : null,
      status: feed.status,
      health: describeFeedHealth(
        { ...feed, newestItemAt: held?.newest ?? null },
        now,
        filter.timeZone ?? deps.config.DEFAULT_TIMEZONE,
      ),
      items: held?.n ?? 0,
      newestItemAt: held?.newest ?? null,
      lastError: feed.lastError,
      partialRead: feed.partialRead,
      failingSince: feed.failingSince,
    };
  });
}

/** `feeds list stale`: not a status a feed is stored with, a state its items put it in. */
const staleStatus = 'stale';

/** A narrower list: by state, by kind, or by words in the title or address. */
export type FeedFilter = { status?: string; kind?: string; text?: string; ids?: number[] };

/**
 * What a feeds list filter asks for, feed numbers included: "40", "2 5", "1-3" pick those feeds, as
 * `feeds remove|pause|resume` take them (a number is not looked for in titles and addresses, where
 * "2" is in every 127.0.0.1). A number with no feed is refused, with the numbers there are.
 */
export async function feedFilterIn(deps: Deps, text: string): Promise<FeedFilter> {
  if (!/^[#\d\s,\-\u2013]+$/.test(text.trim()) || !/\d/.test(text)) return feedFilterOf(text);
  const ids = (await feedTargetsIn(deps, text.trim().split(/\s+/))).map(Number);
  const there = new Set(
    (await deps.db.prisma.feed.findMany({ select: { id: true }, where: { id: { in: ids } } })).map(
      (feed) => feed.id,
    ),
  );
  const missing = ids.filter((id) => !there.has(id));
  if (missing.length) {
    const all = (await deps.db.prisma.feed.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).map(
      (feed) => feed.id,
    );
    throw new UserError('FEED_NOT_FOUND', `No feed ${missing.join(' or ')}. ${feedNumbersText(all)}`);
  }
  return { ids };
}

/** What "failing", "paused", "ok", "reviews" or "acme" asks for. */
export function feedFilterOf(text: string): FeedFilter {
  // "kind=review", as feeds add takes it, is the kind; so is "--kind review", as on the command line.
  const match = text
    .trim()
    .toLowerCase()
    .replace(/^(?:--kind\s+|(?:--)?kind=)/, '');
  if (match === 'failing' || match === 'paused') return { status: match };
  // Nothing new for 90 days: the yellow rows that are not retrying.
  if (match === 'stale') return { status: staleStatus };
  if (match === 'ok' || match === 'active') return { status: 'active' };
  // "news" is a kind as typed; "reviews" and "communities" are plurals of one.
  const kind = feedKindOf(match);
  if (kind) return { kind };
  return { text: match };
}

/** The feeds a filter keeps (failing first, at most `limit`), and how many it keeps in all. */
export async function findFeeds(
  deps: Deps,
  filter: FeedFilter,
  limit: number,
  offset = 0,
): Promise<{ feeds: FeedView[]; matched: number }> {
  const [where, params] = filter.ids
    ? [`id IN (${filter.ids.map(() => '?').join(', ')})`, filter.ids]
    : filter.status
      ? filter.status === staleStatus
        ? [staleWhere, [staleBefore(deps)]]
        : filter.status === FeedStatus.Failing
          ? // Failing includes a feed whose last checks failed, before enough of them mark it failing.
            [
              `(status = ? OR (status = '${FeedStatus.Active}' AND consecutive_failures > 0))`,
              [filter.status],
            ]
          : ['status = ?', [filter.status]]
      : filter.kind
        ? ['kind = ?', [filter.kind]]
        : // LIKE with the user's words escaped: % and _ in them are literal. "initech": the feeds standing for it too.
          [
            "(title LIKE ? ESCAPE '\\' OR listed_title LIKE ? ESCAPE '\\' OR url LIKE ? ESCAPE '\\' OR (kind = 'competitor' AND competitor LIKE ? ESCAPE '\\'))",
            Array(4).fill(`%${(filter.text ?? '').replace(/[\\%_]/g, '\\$&')}%`),
          ];
  const ids = deps.db.sqlite
    .prepare(
      `SELECT id FROM feeds WHERE ${where} ORDER BY status = 'failing' DESC, consecutive_failures DESC, id`,
    )
    .pluck()
    .safeIntegers(false)
    .all(...params) as number[];
  return { feeds: await listFeeds(deps, { ids: ids.slice(offset, offset + limit) }), matched: ids.length };
}

/** Each feed's item count and its newest item's date. */
function itemCounts(deps: Deps, feedIds: number[]): Map<number, { n: number; newest: Date | null }> {
  const counts = new Map<number, { n: number; newest: Date | null }>();
  const count = cachedStatement(
    deps.db.sqlite,
    'SELECT COUNT(*) AS n, MAX(published_at) AS newest FROM items WHERE feed_id = ?',
  );
  for (const id of feedIds) {
    const row = count.get(id) as { n: number; newest: number | null };
    counts.set(id, { n: Number(row.n), newest: date(row.newest === null ? null : Number(row.newest)) });
  }
  return counts;
}

/**
 * How many feeds are in each state. `stale` and `retrying` are active feeds shown yellow: stale, read
 * without fault but nothing new for 90 days (`staleAfterMs`); retrying, the last check failed.
 */
export async function summarizeFeeds(deps: Deps): Promise<FeedSummary> {
  // Kept by triggers (migration feed_counts): no count of every feed on each view.
  const rows = cachedStatement(
    deps.db.sqlite,
    'SELECT status, count AS n FROM feed_status_counts',
  ).all() as Array<{
    status: string;
    n: number;
  }>;
  const of = (status: string) => rows.find((row) => row.status === status)?.n ?? 0;
  // Both read an index (migration feed_newest_item), never every feed.
  const stale = cachedStatement(deps.db.sqlite, `SELECT COUNT(*) FROM feeds WHERE ${staleWhere}`)
    .pluck()
    .get(staleBefore(deps)) as number;
  const retrying = cachedStatement(deps.db.sqlite, `SELECT COUNT(*) FROM feeds WHERE ${retryingWhere}`)
    .pluck()
    .get() as number;
  return {
    total: rows.reduce((sum, row) => sum + row.n, 0),
    active: of(FeedStatus.Active),
    failing: of(FeedStatus.Failing),
    paused: of(FeedStatus.Paused),
    stale: Number(stale),
    retrying: Number(retrying),
  };
}

export type FeedSummary = {
  total: number;
  active: number;
  failing: number;
  paused: number;
  /** Active, read without fault, its newest item older than 90 days: "may no longer be updated". */
  stale: number;
  /** Active, its last check failed: retried before it is marked failing. */
  retrying: number;
};

// What describeFeedHealth calls stale, in SQL: `?` is staleBefore(deps).
const staleWhere = `status = '${FeedStatus.Active}' AND newest_item_at IS NOT NULL AND newest_item_at < ? AND consecutive_failures = 0 AND last_success_at IS NOT NULL`;
const retryingWhere = `status = '${FeedStatus.Active}' AND consecutive_failures > 0`;

function staleBefore(deps: Deps): number {
  return deps.clock.now().getTime() - staleAfterMs;
}

/** A feed named by its number ("3", "#3") or its address. */
export async function findFeed(deps: Deps, idOrUrl: string) {
  const text = idOrUrl.trim().replace(/^<|>$/g, '');
  const id = /^#?(\d{1,9})$/.exec(text)?.[1];
  const byUrl = async () => {
    const exact = await deps.db.prisma.feed.findFirst({
      where: { url: { in: [text, FeedUrl.safeParse(text).data ?? text] } },
    });
    if (exact) return exact;
    // Another spelling of a watched address (?utm_source=…, http for https), as feeds add knows it.
    const watched = await findWatched(deps, FeedUrl.safeParse(text).data ?? text);
    return watched ? deps.db.prisma.feed.findUnique({ where: { id: watched.id } }) : null;
  };
  const feed = id ? await deps.db.prisma.feed.findUnique({ where: { id: Number(id) } }) : await byUrl();
  if (!feed) {
    // A number an old button or message still holds: who removed it, and when.
    const removed = id ? await describeFeedRemoval(deps, Number(id)) : undefined;
    if (removed) throw new UserError('FEED_NOT_FOUND', removed.text);
    throw new UserError(
      'FEED_NOT_FOUND',
      `No feed "${text}".${id ? '' : await titleGuess(deps, text)} See the list of feeds and their numbers with \`/brief feeds list\`.`,
    );
  }
  return feed;
}

/** "globex" where a number or address goes: the feeds whose title holds the word, by number. */
async function titleGuess(deps: Deps, text: string): Promise<string> {
  if (!/^[\p{L}\p{N}][\p{L}\p{N} .&'-]*$/u.test(text)) return '';
  const { feeds, matched } = await findFeeds(deps, { text }, 3);
  const named = feeds.map((feed) => `feed ${feed.id} (${feed.title ?? feed.url})`);
  if (named.length === 0) return '';
  const more = matched > named.length ? `, …and ${matched - named.length} more` : '';
  return ` Feeds are named by number or address: did you mean ${named.join(' or ')}${more}?`;
}

/** `Not "x": why`, for one of several feeds named; a message that names it already stands alone. */
export function notTarget(target: string, message: string): string {
  return message.includes(`"${target}"`) ? message : `Not "${target}": ${message}`;
}

/** How a `feeds set` is undone or redone, in the words of where it was typed (Slack or the CLI). */
export type FeedSetCommand = (kind: string, competitor?: string | null) => string;

/** `feeds set` in Slack: "`/brief feeds set 5 kind=competitor as initech`". */
export function slackFeedSet(feedId: number): FeedSetCommand {
  return (kind, competitor) =>
    `\`/brief feeds set ${feedId} kind=${kind}${competitor ? ` as ${competitor}` : ''}\``;
}

/** "Feed 2 (StackRank) is now review (was news); its 1 item stays": a `feeds set` in words, for Slack and the CLI. */
export function kindChangeText(
  change: FeedKindChange,
  command: FeedSetCommand = slackFeedSet(change.feed.id),
  topicsAdd: TopicsAddCommand = slackTopicsAdd,
): string {
  const { feed, from, fromCompetitor } = change;
  const track = competitorTopicText(change.topicToAdd ? [change.topicToAdd] : [], topicsAdd);
  const tip = track ? ` ${track}` : '';
  const named = `Feed ${feed.id} (${feed.title ?? feed.url})`;
  if (from === feed.kind && feed.competitor && !sameCompetitor(feed.competitor, fromCompetitor)) {
    const label = competitorLabel(feed.competitor);
    const was = fromCompetitor ? ` (was ${competitorLabel(fromCompetitor)})` : '';
    return `${named} now stands for the competitor ${label}${was}: its ${countOf(feed.items, 'item')} count as ${label}'s own posts${fromCompetitor ? `, no longer ${competitorLabel(fromCompetitor)}'s` : ''}. To undo: ${command(from, fromCompetitor)}.${tip}`;
  }
  if (from === feed.kind) {
    const stands = feed.competitor ? ` and stands for ${competitorLabel(feed.competitor)}` : '';
    return `${named} is already ${feed.kind}${stands}; nothing changed.${feed.competitor ? ` Another competitor: ${command(FeedKind.Competitor, '<name>')}.` : ''}`;
  }
  const changed = `is now ${feed.kind} (was ${from}); its ${countOf(feed.items, 'item')} ${feed.items === 1 ? 'stays' : 'stay'}`;
  const competitor =
    competitorKindText(feed, from, command) || formerCompetitorText(feed, from, fromCompetitor, command);
  return `${named} ${changed}.${competitor ? ` ${competitor}` : ''}${tip}`;
}

/**
 * What a competitor's feed made another kind stops: its items are no longer that competitor's own
 * posts (they count as coverage of it, or as customer voices), and the command that makes it one again.
 */
function formerCompetitorText(
  feed: { kind: string; items: number },
  from: string,
  fromCompetitor: string | null,
  command: FeedSetCommand,
): string {
  if (from !== FeedKind.Competitor) return '';
  const whose = fromCompetitor ? `${competitorLabel(fromCompetitor)}'s` : 'a competitor’s';
  const now = customerFeedKinds.includes(feed.kind)
    ? 'they count as customer voices'
    : `they count as ${feed.kind}, as any other source's do`;
  return `Its ${countOf(feed.items, 'item')} no longer count as ${whose} own posts: ${now} (in answers and share of voice). To undo: ${command(FeedKind.Competitor, fromCompetitor)}.`;
}

/**
 * What making a feed a competitor's changes: the competitor it stands for, how to name another,
 * and that its items are that competitor's own posts, no longer customer voices. Empty for other kinds.
 * `from` undefined: the feed was just added, and `removeCommand` undoes that.
 */
export function competitorKindText(
  feed: { kind: string; items: number; competitor: string | null },
  from: string | undefined,
  command: FeedSetCommand,
  removeCommand?: string,
): string {
  if (feed.kind !== FeedKind.Competitor) return '';
  const named = feed.competitor ? competitorLabel(feed.competitor) : undefined;
  const who = named ? `the competitor ${named}` : 'a competitor (its title names none)';
  const own = named ? `${named}'s own posts` : 'a competitor’s own posts';
  const stands =
    from && customerFeedKinds.includes(from)
      ? `Warning: it stands for ${who} now, so its ${countOf(feed.items, 'item')} count as ${own} and no longer as customer voices (in answers and share of voice).`
      : `It stands for ${who} now: its items count as ${own}, not as customer voices.`;
  const rename = `${named ? 'Another competitor' : 'To name it'}: ${command(FeedKind.Competitor, '<name>')}.`;
  // Just added: it was never news, so the undo is removing it; another kind is a `feeds set`.
  const undo = from
    ? `To undo: ${command(from)}.`
    : `Not a competitor's feed? ${command(FeedKind.News)} (or another kind).${removeCommand ? ` To undo the add: ${removeCommand}.` : ''}`;
  return `${stands} ${rename} ${undo}`;
}

/**
 * A feed added with no kind typed: it was added as news, and how to change that; when it looks like
 * a company's own blog, the command that makes it that competitor's (its posts are not news about it).
 */
export function defaultKindText(
  { kindDefaulted, ownBlogOf }: Pick<AddFeedResult, 'kindDefaulted' | 'ownBlogOf'>,
  command: FeedSetCommand,
): string {
  if (!kindDefaulted) return '';
  if (ownBlogOf) {
    const name = competitorLabel(ownBlogOf);
    return `Added as news, the default kind. It looks like ${name}'s own blog: to count its posts as ${name}'s own, not as news, ${command(FeedKind.Competitor, name)}.`;
  }
  const others = feedKinds.filter((kind) => kind !== FeedKind.News).join(', ');
  return `Added as news, the default kind; another (${others}), e.g. ${command(FeedKind.Review)}.`;
}

/** A competitor no topic follows yet, and the topic that would: "initech initech". */
export type CompetitorTopic = { competitor: string; name: string; query: string };

/**
 * `topics add` for a competitor's topic, in the words of where the feed was added (Slack or the CLI);
 * `where` says where to type it when that is elsewhere ("in Slack").
 */
export type TopicsAddCommand = { (topic: CompetitorTopic): string; where?: string };

export const slackTopicsAdd: TopicsAddCommand = (topic) =>
  `\`/brief topics add ${topic.name} ${topic.query} kind=competitor\``;

/** The same command, said where it cannot be typed: the command line has no `topics` command. */
export const slackTopicsAddElsewhere: TopicsAddCommand = Object.assign(
  (topic: CompetitorTopic) => slackTopicsAdd(topic),
  {
    where: 'in Slack',
  },
);

/**
 * "Initech is no topic yet…": the next step after a competitor's feed no topic follows is added,
 * imported or made a competitor's; each competitor once.
 */
export function competitorTopicText(topics: CompetitorTopic[], topicsAdd: TopicsAddCommand): string {
  const unique = [...new Map(topics.map((topic) => [topic.name, topic])).values()];
  if (unique.length === 0) return '';
  const names = unique.map((topic) => competitorLabel(topic.competitor));
  const commands = inWords(unique.map((topic) => topicsAdd(topic)));
  const where = topicsAdd.where ? ` ${topicsAdd.where}` : '';
  if (unique.length === 1)
    return `${names[0]} is no topic yet, so answers, digests and experts do not follow it by name. To track it${where}: ${commands}.`;
  return `${inWords(names)} are no topics yet, so answers, digests and experts do not follow them by name. To track them${where}: ${commands}.`;
}

/**
 * The command that watches a removed feed again, as it was: its address and, when not news, its kind;
 * a competitor's feed with the competitor it stood for, which an add would otherwise guess again.
 */
export function readdArguments(feed: { url: string; kind: string; competitor?: string | null }): string {
  const kind = feed.kind === FeedKind.News ? '' : ` kind=${feed.kind}`;
  const name = feed.kind === FeedKind.Competitor && feed.competitor ? feed.competitor : '';
  return `feeds add ${typedFeedUrl(feed.url)}${kind}${name ? ` as ${/\s/.test(name) ? `"${name}"` : name}` : ''}`;
}

/**
 * Removes a feed and its items. The expert conversations on them stay, with their story's title, link
 * and source: the team's response record outlives a feed clean-up.
 */
export async function removeFeed(deps: Deps, idOrUrl: string, actorId: string): Promise<FeedChange> {
  const feed = await findFeed(deps, idOrUrl);
  const [view] = await listFeeds(deps, { ids: [feed.id] });
  const marks = await deps.db.prisma.channelFeedback.findMany({
    where: { feedId: feed.id },
    select: { channelId: true, kind: true },
  });
  const conversations = keepStoriesOfFeed(deps, feed.id);
  // Read before: its items, and so the topics they were posted under, go with it.
  const readers = await feedReaders(deps, feed.id);
  // Its items' numbers, as runs ("12-21 30"): an old Request a response button on one names its feed.
  const items = feedIdRuns(
    (
      cachedStatement(deps.db.sqlite, 'SELECT id FROM items WHERE feed_id = ?')
        .safeIntegers(false)
        .all(feed.id) as Array<{ id: number }>
    ).map((row) => row.id),
  );
  await deps.db.prisma.feed.delete({ where: { id: feed.id } });
  // A channel's mute or "not relevant" marks on it would name a feed that is no more.
  await deps.db.prisma.channelFeedback.deleteMany({ where: { feedId: feed.id } });
  // Each channel whose feedback went, and whether it was a mute: the log shows it under the channel.
  const feedbackCleared = [...new Set(marks.map((mark) => mark.channelId))].map((channelId) => ({
    channelId,
    muted: marks.some((mark) => mark.channelId === channelId && mark.kind === 'mute_source'),
  }));
  await recordAudit(deps.db, deps.clock.now(), {
    actorId,
    action: 'feed.remove',
    subjectType: 'feed',
    subjectId: feed.id,
    detail: {
      url: feed.url,
      title: feed.title,
      kind: feed.kind,
      ...(view?.competitor ? { competitor: view.competitor } : {}),
      ...(feedbackCleared.length ? { feedbackCleared } : {}),
      ...(conversations.kept ? { conversationsKept: conversations.kept } : {}),
      ...(items ? { items } : {}),
      ...readers,
    },
  });
  return { ...(view as FeedView), conversationsKept: conversations.kept };
}

/**
 * The feeds named that have items, which removing would delete: the ones to confirm first.
 * A name that is no feed is left out here; the removal itself reports it.
 */
export async function feedsLosingItems(deps: Deps, targets: string[]): Promise<FeedView[]> {
  const ids = new Set<number>();
  for (const target of targets) {
    const feed = await findFeed(deps, target).catch((error: unknown) => {
      if (error instanceof UserError) return undefined;
      throw error;
    });
    if (feed) ids.add(feed.id);
  }
  if (ids.size === 0) return [];
  return (await listFeeds(deps, { ids: [...ids] })).filter((feed) => feed.items > 0);
}

/** Pauses a feed; one paused already is left as it is, and `unchanged` says so. */
export async function pauseFeed(deps: Deps, idOrUrl: string, actorId: string): Promise<FeedChange> {
  const feed = await findFeed(deps, idOrUrl);
  if (feed.status === FeedStatus.Paused)
    return { ...((await listFeeds(deps, { ids: [feed.id] }))[0] as FeedView), unchanged: true };
  await deps.db.prisma.feed.update({ where: { id: feed.id }, data: { status: FeedStatus.Paused } });
  await recordAudit(deps.db, deps.clock.now(), {
    actorId,
    action: 'feed.pause',
    subjectType: 'feed',
    subjectId: feed.id,
    detail: { title: feed.title, ...(await feedReaders(deps, feed.id)) },
  });
  return (await listFeeds(deps, { ids: [feed.id] }))[0] as FeedView;
}

/**
 * Resumes a paused or failing feed and checks it at the next polling cycle. A failure stays on
 * record (and in `feeds list`) until a fetch succeeds: resuming fixes nothing at the address.
 * A feed neither paused nor failing is left as it is, and `unchanged` says so.
 */
export async function resumeFeed(deps: Deps, idOrUrl: string, actorId: string): Promise<FeedChange> {
  const feed = await findFeed(deps, idOrUrl);
  // Neither paused nor failing: there is nothing to resume, and it is checked on its schedule.
  if (feed.status === FeedStatus.Active)
    return { ...((await listFeeds(deps, { ids: [feed.id] }))[0] as FeedView), unchanged: true };
  await deps.db.prisma.feed.update({
    where: { id: feed.id },
    data: {
      status: feed.failingSince ? FeedStatus.Failing : FeedStatus.Active,
      nextPollAt: deps.clock.now(),
    },
  });
  await recordAudit(deps.db, deps.clock.now(), {
    actorId,
    action: 'feed.resume',
    subjectType: 'feed',
    subjectId: feed.id,
    detail: { title: feed.title, ...(await feedReaders(deps, feed.id)) },
  });
  return (await listFeeds(deps, { ids: [feed.id] }))[0] as FeedView;
}

/**
 * A `feeds set`: the feed after it, its kind before, the competitor it stood for before, and the
 * topic that would follow the competitor it stands for now, when no topic does yet.
 */
export type FeedKindChange = {
  feed: FeedView;
  from: string;
  fromCompetitor: string | null;
  topicToAdd?: CompetitorTopic | null;
};

/**
 * Changes what kind of source a feed is (it weighs answers and digests) and, for a competitor's
 * feed, which competitor it stands for (`competitor`; else the one it stood for, else a guess);
 * its items stay. Nothing changed: nothing is written.
 */
export async function setFeedKind(
  deps: Deps,
  idOrUrl: string,
  kind: FeedKind,
  actorId: string,
  competitor?: string,
): Promise<FeedKindChange> {
  const feed = await findFeed(deps, idOrUrl);
  const fromCompetitor = competitorOf(feed) ?? null;
  // "as GLOBEX" for a feed that stands for Globex: the same competitor, so nothing changes.
  const named =
    kind === FeedKind.Competitor
      ? (competitor ?? fromCompetitor ?? guessCompetitor(feed, await competitorTopics(deps)))
      : undefined;
  const toCompetitor = !named
    ? null
    : sameCompetitor(named, fromCompetitor)
      ? fromCompetitor
      : await competitorSpelling(deps, named);
  const view = async () => (await listFeeds(deps, { ids: [feed.id] }))[0] as FeedView;
  if (feed.kind === kind && toCompetitor === fromCompetitor)
    return { feed: await view(), from: feed.kind, fromCompetitor };
  await deps.db.prisma.feed.update({ where: { id: feed.id }, data: { kind, competitor: toCompetitor } });
  // To or from a competitor's own feed: its items count for the competitor by source, or no longer.
  refreshFeedSource(deps.db.sqlite, feed.id);
  await recordAudit(deps.db, deps.clock.now(), {
    actorId,
    action: 'feed.kind',
    subjectType: 'feed',
    subjectId: feed.id,
    detail: {
      from: feed.kind,
      kind,
      title: feed.title,
      ...(toCompetitor === fromCompetitor ? {} : { fromCompetitor, competitor: toCompetitor }),
    },
  });
  const topicToAdd = toCompetitor ? await untrackedCompetitorTopic(deps, toCompetitor) : null;
  return { feed: await view(), from: feed.kind, fromCompetitor, topicToAdd };
}

/**
 * How a competitor named for a feed is stored: as another feed or a competitor topic spells it
 * already, else as typed, with a capital ("initech": "Initech"): one spelling in replies, lists,
 * JSON, OPML and the changes log.
 */
async function competitorSpelling(deps: Deps, name: string): Promise<string> {
  const stored = cachedStatement(
    deps.db.sqlite,
    'SELECT competitor FROM feeds WHERE competitor IS NOT NULL ORDER BY id',
  )
    .pluck()
    .all() as string[];
  const topics = (await competitorTopics(deps)).map((topic) => topic.name);
  return competitorLabel([...stored, ...topics].find((known) => sameCompetitor(known, name)) ?? name.trim());
}

/** "initech initech": the topic to add for a competitor no topic is named for; null when one is. */
async function untrackedCompetitorTopic(deps: Deps, competitor: string): Promise<CompetitorTopic | null> {
  const names = await deps.db.prisma.topic.findMany({ select: { name: true } });
  if (names.some((topic) => sameCompetitor(topic.name, competitor))) return null;
  const key = competitorKey(competitor);
  if (!key) return null;
  return { competitor, name: key.replace(/ /g, '-'), query: key.includes(' ') ? `"${key}"` : key };
}

/** The competitor topics, oldest first: a new competitor's feed is matched to one of them. */
async function competitorTopics(deps: Deps): Promise<Array<{ name: string; query: string; kind: string }>> {
  return deps.db.prisma.topic.findMany({
    where: { kind: FeedKind.Competitor },
    select: { name: true, query: true, kind: true },
    orderBy: { id: 'asc' },
  });
}

/**
 * The feeds a command names: "2 3", "2,3" and "#2" each name feeds 2 and 3, "1-3" (also "1 - 3",
 * "1–3", "1-3,5") feeds 1 to 3; a name given twice counts once. A range is checked against the
 * feeds there are: one that runs backwards, or starts or ends at a number that is no feed, is
 * refused with the numbers there are, and nothing is done; a number inside it with no feed (one
 * removed) is passed over.
 */
export async function feedTargetsIn(deps: Deps, words: string[]): Promise<string[]> {
  const joined = words.join(' ').replace(/(\d)\s*[-\u2013]\s*(#?\d)/g, '$1-$2');
  const parts = joined
    .split(/\s+/)
    .flatMap((word) => (/^[#\d,\-\u2013]+$/.test(word) ? word.split(',') : [word]))
    .map((part) => part.replace(/^#/, ''))
    .filter((part) => part !== '');
  const ranges = parts.flatMap((part) => {
    const range = /^(\d{1,9})[-\u2013]#?(\d{1,9})$/.exec(part);
    return range ? [{ typed: part, from: Number(range[1]), to: Number(range[2]) }] : [];
  });
  const ids = ranges.length
    ? (await deps.db.prisma.feed.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).map(
        (feed) => feed.id,
      )
    : [];
  const targets = parts.flatMap((part) => {
    const range = ranges.find((entry) => entry.typed === part);
    if (!range) return [part];
    if (range.from > range.to)
      throw new UserError(
        'USAGE',
        `"${part}" runs backwards: write the lower number first, ${range.to}-${range.from}. ${feedNumbersText(ids)}`,
      );
    const missing = [range.from, range.to].filter((id) => !ids.includes(id));
    if (missing.length)
      throw new UserError(
        'FEED_NOT_FOUND',
        `"${part}" goes past the feeds there are: there is no feed ${missing.join(' or ')}. ${feedNumbersText(ids)} Nothing was changed.`,
      );
    return ids.filter((id) => id >= range.from && id <= range.to).map(String);
  });
  return [...new Set(targets)];
}

/** "The feeds are numbered 1-4, 7 and 9 (see `/brief feeds list`)." Runs of numbers in one, long lists cut short. */
function feedNumbersText(ids: number[]): string {
  if (ids.length === 0) return 'There are no feeds yet; add one with `/brief feeds add <url>`.';
  const runs: string[] = [];
  let start = ids[0] as number;
  ids.forEach((id, index) => {
    const next = ids[index + 1];
    if (next === id + 1) return;
    runs.push(start === id ? `${id}` : `${start}-${id}`);
    start = next as number;
  });
  if (ids.length === 1) return `The only feed is number ${ids[0]} (see \`/brief feeds list\`).`;
  const shown =
    runs.length > 8
      ? `${runs.slice(0, 8).join(', ')} and more, up to ${ids.at(-1)}`
      : runs.length === 1
        ? runs[0]
        : `${runs.slice(0, -1).join(', ')} and ${runs.at(-1)}`;
  return `The feeds are numbered ${shown} (see \`/brief feeds list\`).`;
}

/** A feed after an action; `unchanged`: it was so already ("feeds pause 2" on a paused feed). */
export type FeedChange = FeedView & {
  unchanged?: boolean;
  /** Removed: the expert conversations on its items, which stay. */
  conversationsKept?: number;
};

/** Why an action left a feed as it was: "was already paused", or nothing to resume. */
export function unchangedFeedText(feed: FeedView): string {
  return feed.status === FeedStatus.Paused
    ? 'was already paused; nothing changed'
    : 'is not paused, so there was nothing to resume; it is checked on its schedule';
}

/** What an action did to one of the feeds named: the feed, or why it was not done. */
export type FeedActionOutcome = { target: string; feed: FeedChange } | { target: string; error: UserError };

/**
 * Removes, pauses or resumes each feed named ("feeds remove 2 3"): every one is tried, and each
 * gets its own outcome, so one unknown number never stops the others.
 */
export async function applyToFeeds(
  deps: Deps,
  targets: string[],
  action: (deps: Deps, idOrUrl: string, actorId: string) => Promise<FeedChange>,
  actorId: string,
): Promise<FeedActionOutcome[]> {
  const outcomes: FeedActionOutcome[] = [];
  for (const target of targets) {
    try {
      outcomes.push({ target, feed: await action(deps, target, actorId) });
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      outcomes.push({ target, error });
    }
  }
  return outcomes;
}

/** `listedTwice`: the file names a feed it named before (`listedBefore`), which was read once. */
export type ImportOutcome = {
  url: string;
  status: 'added' | 'exists' | 'failed' | 'listedTwice';
  /** Where the file listed it first, for a feed listed twice. */
  listedBefore?: string;
  message: string;
  /** The feed added, or the one already watching the address. */
  feedId?: number;
  /** Added paused, as the list had it. */
  paused?: boolean;
  /** The kind a feed was added as, and the list's folder it came from. */
  kind?: FeedKind;
  /** The competitor a competitor's feed stands for, and whether Briefbot guessed it (the list named none). */
  competitor?: string;
  competitorGuessed?: boolean;
  folder?: string;
  /** Added as news because its folder ("Tech") names no kind. */
  unknownFolder?: string;
  /** The name the list gave it, when its feed calls itself otherwise. */
  listedAs?: string;
  /** The topic that would follow its competitor, when no topic does yet. */
  topicToAdd?: CompetitorTopic;
  /** A feed watched already that holds most of its items (a mirror). */
  copiesOf?: FeedCopies;
  /** Not added: it looks like a feed watched under another address (added with the import's confirm). */
  lookalike?: boolean;
};

/** An OPML import in words: totals, then each feed added and each one skipped with why. */
export type ImportReport = { summary: string; added: string[]; skipped: string[] };

/**
 * The report of an import; each list is cut at `limit` lines with "…and N more" (Slack's limits).
 * `resume`: how to resume a feed, in the words of where the import was typed.
 */
export function importReport(
  outcomes: ImportOutcome[],
  commands: {
    resume: string;
    setKind: string;
    setCompetitor: string;
    topicsAdd?: TopicsAddCommand;
    /** How to remove feeds, with `<ids>` for the import's: its undo. */
    remove?: string;
    /** The import again, adding the look-alikes it skipped too. */
    importAnyway?: string;
    /** Where every line of a list cut at `limit` can be seen. */
    seeAll?: string;
  },
  limit = Infinity,
): ImportReport {
  const { resume } = commands;
  const added = outcomes.filter((outcome) => outcome.status === 'added');
  // Suggested commands name a feed of the import itself: the one meant, or the first of several.
  const forFeed = (command: string, of: ImportOutcome[]) =>
    command.replace('<id>', String(of[0]?.feedId ?? '<id>'));
  const folders = [...new Set(added.flatMap((outcome) => outcome.unknownFolder ?? []))];
  const inFolders = added.filter((outcome) => outcome.unknownFolder).length;
  // Folders are read for kinds only when named like one ("Reviews"); any other is said, with the fix.
  const foldersNote = folders.length
    ? ` ${folders.length === 1 ? 'Folder' : 'Folders'} ${folders.map((folder) => `"${folder}"`).join(', ')} ${folders.length === 1 ? 'names' : 'name'} no kind, so ${inFolders === 1 ? 'its feed was' : `their ${inFolders} feeds were`} added as news; ${inFolders === 1 ? 'to change it' : 'to change one'}: ${forFeed(
        commands.setKind,
        added.filter((outcome) => outcome.unknownFolder),
      )} (kinds: ${feedKinds.join(', ')}).`
    : '';
  const skipped = outcomes.filter((outcome) => outcome.status !== 'added');
  const watched = skipped.filter((outcome) => outcome.status === 'exists').length;
  const failed = skipped.filter((outcome) => outcome.status === 'failed').length;
  const twice = skipped.length - watched - failed;
  const pausedFeeds = added.filter((outcome) => outcome.paused);
  const paused = pausedFeeds.length;
  // Every feed added paused is named: a resume of the first alone leaves the others paused unseen.
  const pausedNote = paused
    ? ` (${paused} paused, as in the list; resume with ${resume.replace('<id>', feedIdRuns(pausedFeeds.flatMap((outcome) => outcome.feedId ?? [])))})`
    : '';
  const guessedFeeds = added.filter((outcome) => outcome.competitorGuessed);
  const guessed = guessedFeeds.length;
  // The list named no competitor, so the name is a guess from its words: say so, with the fix.
  const guessedNote = guessed
    ? ` ${guessed === 1 ? `The competitor marked "guessed" (feed ${guessedFeeds[0]?.feedId}) was read from the feed's name; to correct it` : `The ${guessed} competitors marked "guessed" (feeds ${guessedFeeds.map((outcome) => outcome.feedId).join(', ')}) were read from the feeds' names; to correct one`}: ${forFeed(commands.setCompetitor, guessedFeeds)}.`
    : '';
  // A competitor's feeds imported before its topic: the one next step, as `feeds add` gives it.
  const track = competitorTopicText(
    added.flatMap((outcome) => outcome.topicToAdd ?? []),
    commands.topicsAdd ?? slackTopicsAdd,
  );
  const ids = added.flatMap((outcome) => outcome.feedId ?? []);
  const undo =
    commands.remove && ids.length
      ? ` To undo the import: ${commands.remove.replace('<ids>', feedIdRuns(ids))}.`
      : '';
  const lookalikes = skipped.filter((outcome) => outcome.lookalike).length;
  const anyway =
    commands.importAnyway && lookalikes
      ? ` To add ${lookalikes === 1 ? 'the look-alike' : `the ${lookalikes} look-alikes`} too: ${commands.importAnyway}.`
      : '';
  const capped = (lines: string[]) =>
    lines.length > limit
      ? [
          ...lines.slice(0, limit),
          `…and ${lines.length - limit} more.${commands.seeAll ? ` ${commands.seeAll}` : ''}`,
        ]
      : lines;
  return {
    summary: `Imported ${countOf(added.length, 'feed')}${pausedNote}; ${watched} already watched; ${failed} could not be added${twice ? `; ${twice} listed twice in the file, read once` : ''}.${foldersNote}${guessedNote}${track ? ` ${track}` : ''}${undo}${anyway}`,
    added: capped(
      added.map(
        (outcome) =>
          `${outcome.feedId} ${outcome.message === outcome.url ? outcome.url : `${outcome.message} (${outcome.listedAs ? `listed as "${outcome.listedAs}", ` : ''}${outcome.url})`}${outcome.kind ? `: ${outcome.kind}` : ''}${outcome.competitor ? ` (${competitorLabel(outcome.competitor)}${outcome.competitorGuessed ? ', guessed' : ''})` : ''}${outcome.folder ? `, from folder "${outcome.folder}"` : ''}${outcome.paused ? ', paused' : ''}${outcome.copiesOf ? `; ${countOf(outcome.copiesOf.items, 'item')} already read through feed ${outcome.copiesOf.feed.id}, at the same links (counted once)` : ''}`,
      ),
    ),
    skipped: capped(
      skipped.map((outcome) =>
        outcome.status === 'exists'
          ? `${outcome.url}: already watched${outcome.feedId === undefined ? '' : ` as feed ${outcome.feedId}`}`
          : outcome.status === 'listedTwice'
            ? `${outcome.url}${outcome.message === outcome.url ? '' : ` ("${outcome.message}")`}: listed twice in the file${outcome.listedBefore === outcome.url ? '' : ` (first as ${outcome.listedBefore})`}; read once, as listed first`
            : `${outcome.url}: ${outcome.message}`,
      ),
    ),
  };
}

/** "5-7", "2 5-7": feed numbers as `feeds remove` takes them, in runs. */
export function feedIdRuns(ids: number[]): string {
  const runs: string[] = [];
  for (const id of [...ids].sort((a, b) => a - b)) {
    const last = runs.at(-1)?.split('-');
    if (last && Number(last.at(-1)) === id - 1) runs[runs.length - 1] = `${last[0]}-${id}`;
    else runs.push(String(id));
  }
  return runs.join(' ');
}

/** Adds every feed of an OPML document; one bad feed is reported, never a reason to stop. */
export async function importOpml(
  deps: Deps,
  opml: string,
  actorId: string,
  options: {
    concurrency?: number;
    source?: 'address' | 'file';
    addCommand?: string;
    /** Add feeds that look like ones watched under another address too (feeds add's confirm, --yes). */
    anyway?: boolean;
    /** The command that adds a look-alike anyway, where the import was typed; Slack's by default. */
    addAnyway?: (error: FeedLookalikeError) => string;
    /** At most this many feeds, else nothing is imported and `instead` says where a bigger list goes. */
    maxFeeds?: { limit: number; instead: string };
  } = {},
): Promise<ImportOutcome[]> {
  let entries: ReturnType<typeof parseOpml>;
  try {
    entries = parseOpml(opml);
  } catch (error) {
    if (error instanceof OpmlError)
      throw notAnOpmlList(error, options.source ?? 'address', options.addCommand);
    throw error;
  }
  if (options.maxFeeds && entries.length > options.maxFeeds.limit)
    throw new UserError(
      'OPML_TOO_BIG',
      `That list has ${entries.length} feeds; an import here takes ${options.maxFeeds.limit} at most, so nothing was imported. ${options.maxFeeds.instead}`,
    );
  const outcomes: ImportOutcome[] = new Array(entries.length);
  const importId = randomUUID();
  // Feeds are read side by side but stored one after the other, so their numbers follow the file.
  const stored = entries.map(() => {
    let resolve = () => {};
    const promise = new Promise<void>((done) => {
      resolve = done;
    });
    return { promise, resolve };
  });
  let next = 0;
  async function lane(): Promise<void> {
    while (next < entries.length) {
      const index = next++;
      const entry = entries[index] as (typeof entries)[number];
      const kind = feedKinds.includes(entry.kind as FeedKind) ? (entry.kind as FeedKind) : undefined;
      if (entry.listedBefore !== undefined) {
        outcomes[index] = {
          url: entry.url,
          status: 'listedTwice',
          message: entry.title ?? entry.url,
          listedBefore: entry.listedBefore,
        };
        stored[index]?.resolve();
        continue;
      }
      if (entry.problem) {
        outcomes[index] = { url: entry.url, status: 'failed', message: `Not added: ${entry.problem}.` };
        stored[index]?.resolve();
        continue;
      }
      try {
        const { feed, topicToAdd, copiesOf } = await addFeed(deps, {
          url: entry.url,
          actorId,
          ...(kind ? { kind } : {}),
          ...(entry.competitor ? { competitor: entry.competitor } : {}),
          ...(entry.title ? { listedTitle: entry.title } : {}),
          ...(entry.paused ? { paused: true } : {}),
          ...(options.anyway ? { anyway: true } : {}),
          beforeStore: async () => await stored[index - 1]?.promise,
          importId,
        });
        outcomes[index] = {
          url: entry.url,
          status: 'added',
          message: feed.ownTitle ?? feed.title ?? feed.url,
          feedId: feed.id,
          kind: feed.kind as FeedKind,
          ...(feed.competitor ? { competitor: feed.competitor } : {}),
          ...(feed.competitor && !entry.competitor ? { competitorGuessed: true } : {}),
          ...(entry.folder && kind ? { folder: entry.folder } : {}),
          ...(entry.unknownFolder ? { unknownFolder: entry.unknownFolder } : {}),
          // The list's own name for it ("Initech News"), unless the feed's title says it already.
          ...(entry.title &&
          !(feed.ownTitle ?? feed.title ?? '').toLowerCase().includes(entry.title.toLowerCase())
            ? { listedAs: entry.title }
            : {}),
          ...(entry.paused ? { paused: true } : {}),
          ...(topicToAdd ? { topicToAdd } : {}),
          ...(copiesOf ? { copiesOf } : {}),
        };
      } catch (error) {
        if (alreadyWatched(error)) {
          const watched = 'feed' in error ? (error.feed as { id: number }).id : undefined;
          outcomes[index] = {
            url: entry.url,
            status: 'exists',
            message: error.message,
            ...(watched === undefined ? {} : { feedId: watched }),
          };
        } else if (error instanceof FeedLookalikeError) {
          outcomes[index] = {
            url: entry.url,
            status: 'failed',
            message: options.addAnyway
              ? `${error.found} To add it anyway: ${options.addAnyway(error)}`
              : error.message,
            lookalike: true,
          };
        } else if (error instanceof UserError || error instanceof FeedError) {
          outcomes[index] = { url: entry.url, status: 'failed', message: error.message };
        } else {
          deps.logger.error({ error }, 'opml import entry failed unexpectedly');
          outcomes[index] = { url: entry.url, status: 'failed', message: 'Unexpected error; see the logs.' };
        }
      } finally {
        stored[index]?.resolve();
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 8, entries.length) }, lane));
  return outcomes;
}

export async function exportOpml(deps: Deps): Promise<{ opml: string; count: number }> {
  const feeds = await deps.db.prisma.feed.findMany({ orderBy: { id: 'asc' } });
  const opml = buildOpml(
    feeds.map((feed) => ({
      ...feed,
      // The list's own name for it, as it was imported: a round trip keeps a marketer's names.
      title: feed.listedTitle ?? feed.title,
      competitor: competitorOf(feed) ?? null,
      paused: feed.status === FeedStatus.Paused,
    })),
    { title: 'Briefbot feeds', now: deps.clock.now() },
  );
  return { opml, count: feeds.length };
}

/** When Briefbot last read any feed (null: never): how current what it shows is. */
export function lastPollAt(deps: Deps): Date | null {
  const at = cachedStatement(deps.db.sqlite, 'SELECT MAX(last_fetched_at) FROM feeds')
    .pluck()
    .safeIntegers(false)
    .get() as number | null;
  return at === null ? null : new Date(at);
}
