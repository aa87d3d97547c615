import { adminsToAsk, isAdmin } from '../commands/access.ts';
import { cachedStatement } from '../db/client.ts';
import type { Deps } from '../deps.ts';
import { countOf, formatDay, inWords } from '../format.ts';
import { FeedStatus, staleAfterMs } from '../monitor/health.ts';

/** What a fresh install still lacks, counted once for answers, topics, digests, help and Home. */
export type Setup = {
  feeds: number;
  /** Feeds Briefbot polls now: neither paused nor failing. */
  reading: number;
  paused: number;
  failing: number;
  /** The newest item any feed brought, or null before the first. */
  newest: Date | null;
  topics: number;
  experts: number;
  /** Channel digests; a follow (a digest in someone's DMs) is not one. */
  digests: number;
};

export async function readSetup(deps: Deps): Promise<Setup> {
  // One statement on the database's own connection: every answer and Home reads this, and six
  // Prisma queries (a count of every item among them) cost 10–40 ms at a million items. No count
  // of the items: only the note of feeds gone quiet says how many, and counts them then.
  const row = cachedStatement(
    deps.db.sqlite,
    `SELECT (SELECT json_group_object(status, count) FROM (SELECT status, COUNT(*) AS count FROM feeds GROUP BY status)) AS byStatus,
       (SELECT MAX(published_at) FROM items) AS newest, (SELECT COUNT(*) FROM topics) AS topics,
       (SELECT COUNT(*) FROM smes) AS experts, (SELECT COUNT(*) FROM digest_schedules WHERE user_id IS NULL) AS digests`,
  ).get() as { byStatus: string; newest: number | null; topics: number; experts: number; digests: number };
  const byStatus = JSON.parse(row.byStatus) as Record<string, number>;
  const feeds = Object.values(byStatus).reduce((sum, count) => sum + count, 0);
  const paused = byStatus[FeedStatus.Paused] ?? 0;
  const failing = byStatus[FeedStatus.Failing] ?? 0;
  return {
    feeds,
    reading: feeds - paused - failing,
    paused,
    failing,
    newest: row.newest === null ? null : new Date(row.newest),
    topics: row.topics,
    experts: row.experts,
    digests: row.digests,
  };
}

/** Whether every item Briefbot holds is older than `staleAfterMs` (and there is one). */
export function isStale(setup: Setup, now: Date): boolean {
  return setup.newest !== null && now.getTime() - setup.newest.getTime() > staleAfterMs;
}

/**
 * Why Briefbot has nothing to answer from, worded for whoever reads it: an admin gets the command
 * to type, anyone else whom to ask. Null when some feed is read and has brought something recent.
 */
export async function missingFeedsText(deps: Deps, userId: string, setup?: Setup): Promise<string | null> {
  const state = setup ?? (await readSetup(deps));
  const now = deps.clock.now();
  if (state.feeds > 0 && state.reading > 0 && state.newest && !isStale(state, now)) return null;
  const admin = await isAdmin(deps, userId);
  if (state.feeds === 0) {
    const next = admin
      ? 'Add one: `/brief feeds add https://example.com/feed.xml` (or a whole list: `/brief feeds import https://example.com/feeds.opml`).'
      : `Ask ${await adminsToAsk(deps)} to add some.`;
    return `Briefbot reads no feeds yet, so there is nothing to search. ${next}`;
  }
  if (state.reading === 0) {
    const why = inWords([
      ...(state.paused ? [`${state.paused} paused`] : []),
      ...(state.failing ? [`${state.failing} failing`] : []),
    ]);
    const next = admin
      ? 'See `/brief feeds list` to resume or fix them, or add another with `/brief feeds add <url>`.'
      : `Ask ${await adminsToAsk(deps)} to look at them.`;
    return `Briefbot reads none of its ${countOf(state.feeds, 'feed')} right now (${why}). ${next}`;
  }
  if (!state.newest) {
    const whose = state.feeds === 1 ? "Briefbot's 1 feed has" : `Briefbot's ${state.feeds} feeds have`;
    return `${whose} brought no items yet. See \`/brief feeds list\` for when they are next checked.`;
  }
  const newest = formatDay(state.newest);
  const next = admin
    ? 'They may no longer be updated: see `/brief feeds list`, or add a current source with `/brief feeds add <url>`.'
    : `They may no longer be updated: ask ${await adminsToAsk(deps)} to add a current source.`;
  const whose = state.feeds === 1 ? 'Your 1 feed has' : `Your ${state.feeds} feeds have`;
  const items = await deps.db.prisma.item.count();
  return `${whose} ${countOf(items, 'item')}, the newest from ${newest}. ${next}`;
}

/** What an empty answer says of the feeds searched; `problem` when they are its cause. */
export type SourcesNote = { text: string; problem: boolean };

export async function sourcesNote(deps: Deps, userId: string, setup?: Setup): Promise<SourcesNote> {
  const state = setup ?? (await readSetup(deps));
  const problem = await missingFeedsText(deps, userId, state);
  if (problem) return { text: problem, problem: true };
  const searched = `Briefbot searches the ${countOf(state.reading, 'feed')} it reads`;
  const text = (await isAdmin(deps, userId))
    ? `${searched}; add sources with \`/brief feeds add <url>\`.`
    : `${searched}; for more sources, ask ${await adminsToAsk(deps)}.`;
  return { text, problem: false };
}

/**
 * Why a search since `period` (a day, or a number of days back) found nothing, when the cause is the feeds and not the words searched:
 * none read (`missingFeedsText`), or none brought anything since then. Null: the words are to blame.
 */
export async function emptySearchCause(
  deps: Deps,
  userId: string,
  period: Date | number,
): Promise<string | null> {
  const since =
    typeof period === 'number' ? new Date(deps.clock.now().getTime() - period * 24 * 3600_000) : period;
  const state = await readSetup(deps);
  const missing = await missingFeedsText(deps, userId, state);
  if (missing) return missing;
  const held = await deps.db.prisma.item.count({ where: { publishedAt: { gte: since } } });
  if (held > 0 || !state.newest) return null;
  const whose = state.feeds === 1 ? 'Your 1 feed has' : `Your ${state.feeds} feeds have`;
  return `${whose} nothing from this period (the newest item is from ${formatDay(state.newest)}), so no query can match yet.`;
}

/**
 * " Briefbot reads no feeds and follows no topics yet, so this digest has nothing to post until…":
 * what a digest or follow waits for, worded for whoever set it up; "" when feeds and topics are there.
 */
export async function nothingToPostText(deps: Deps, userId: string, what: string): Promise<string> {
  const state = await readSetup(deps);
  const noFeeds = state.reading === 0;
  const noTopics = state.topics === 0;
  if (!noFeeds && !noTopics) return '';
  const feeds =
    state.feeds === 0 ? 'reads no feeds' : `reads none of its ${countOf(state.feeds, 'feed')} right now`;
  const missing =
    noFeeds && noTopics
      ? `${feeds} and follows no topics yet`
      : noFeeds
        ? `${feeds} yet`
        : 'follows no topics yet';
  const commands = [
    ...(noFeeds ? [state.feeds === 0 ? '`/brief feeds add <url>`' : '`/brief feeds list`'] : []),
    ...(noTopics ? ['`/brief topics add <name> <query>`'] : []),
  ];
  const things = [...(noFeeds ? ['feeds'] : []), ...(noTopics ? ['topics'] : [])].join(' and ');
  const next = (await isAdmin(deps, userId))
    ? `until you set ${commands.length > 1 ? 'them' : 'it'} up: ${commands.join(', then ')}`
    : `yet: ask ${await adminsToAsk(deps)} to set up ${things}`;
  return ` Briefbot ${missing}, so ${what} has nothing to post ${next}.`;
}

/**
 * How something only admins add gets added, worded for whoever reads it: an admin the command
 * ("Add one: `…`"), anyone else whom to ask ("Ask @marketer or a workspace admin to add one.").
 */
export async function addOneHint(deps: Deps, userId: string, command: string): Promise<string> {
  return (await isAdmin(deps, userId))
    ? `Add one: \`${command}\``
    : `Ask ${await adminsToAsk(deps)} to add one.`;
}

/** Who reads a note about a follow that finds nothing: an admin, or whom to ask; and which topics an admin edited. */
export type FollowReader = { admin: boolean; ask: string; edited: ReadonlySet<number> };

export async function followReader(deps: Deps, userId: string): Promise<FollowReader> {
  const admin = await isAdmin(deps, userId);
  const edits = await deps.db.prisma.auditEvent.findMany({
    where: { action: 'topic.edit', subjectType: 'topic' },
    select: { subjectId: true },
  });
  return {
    admin,
    ask: admin ? '' : await adminsToAsk(deps),
    edited: new Set(edits.map((edit) => Number(edit.subjectId))),
  };
}

/** Before feeds or topics: a fresh install, whose help and Home lead with setting it up. */
export function isFresh(setup: Setup): boolean {
  return setup.feeds === 0 || setup.topics === 0;
}

/**
 * "*Get started*" and the set-up order with each command, each step ticked when done (for an admin);
 * for anyone else, what to expect and whom to ask. Null once feeds and topics are there.
 */
export async function gettingStartedText(deps: Deps, userId: string, setup?: Setup): Promise<string | null> {
  const state = setup ?? (await readSetup(deps));
  if (!isFresh(state)) return null;
  if (!(await isAdmin(deps, userId)))
    return `*Briefbot isn't set up yet.* Once an admin adds feeds and topics, you can ask about your market here and follow topics in your DMs. Ask ${await adminsToAsk(deps)} to set it up.`;
  const steps: Array<[boolean, string]> = [
    [
      state.feeds > 0,
      'Add the feeds to read: `/brief feeds add https://example.com/feed.xml` (or a whole list: `/brief feeds import https://example.com/feeds.opml`)',
    ],
    [
      state.topics > 0,
      // The topic step 4 names (pricing) is added here, so every step can be typed in order.
      'Add your company and topics: `/brief topics add acme acme OR "acme desk" kind=company`, then `/brief topics add pricing pricing OR discount*`',
    ],
    [state.digests > 0, 'Schedule a digest: `/brief digest add #market-news daily 08:00`'],
    [
      state.experts > 0,
      'Name experts to nudge: `/brief sme add @maria pricing`, then `/brief topics set pricing channel=#market-news`',
    ],
  ];
  const lines = steps.map(
    // A done step keeps its number, so "step 2" still reads as step 2 once step 1 is ticked.
    ([done, text], index) => `${index + 1}. ${done ? `:white_check_mark: ~${text}~` : text}`,
  );
  return `*Get started*\n${lines.join('\n')}`;
}
