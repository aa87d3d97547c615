import { z } from 'zod';
import { parseAsk } from '../briefing/ask-parse.ts';
import { FeedbackKind } from '../briefing/feedback.ts';
import { followScheduleWords, ScheduleStatus } from '../briefing/schedules.ts';
import { describeTiming } from '../briefing/slots.ts';
import { closest } from '../commands/text.ts';
import { recordAudit } from '../db/audit.ts';
import { cachedStatement, type Sqlite } from '../db/client.ts';
import {
  firstAtItsLink,
  linkRecentItems,
  type SearchHit,
  searchRecent,
  topicWindowCounts,
} from '../db/search.ts';
import type { Deps } from '../deps.ts';
import { UserError } from '../errors.ts';
import { inWords, topicNamesWithin } from '../format.ts';
import { type CompetitorFeed, competitorOf, kindNamed, sameCompetitor } from '../monitor/feed-kind.ts';
import { assertOperatorsInCapitals, compileQuery, foldText, QueryError } from './query.ts';

export const TopicKind = {
  Company: 'company',
  Competitor: 'competitor',
  Theme: 'theme',
  Product: 'product',
} as const;
export type TopicKind = (typeof TopicKind)[keyof typeof TopicKind];
export const topicKinds = Object.values(TopicKind);

/** The topic kind a word names, in the singular or plural ("competitors", "companies"), as feed kinds are read. */
export function topicKindOf(word: string): TopicKind | undefined {
  return kindNamed(word, topicKinds);
}

/**
 * A topic's name as stored and looked up: lower case, accents dropped and ß as ss, so `nestlé`
 * and `zürich-ag` name the topics nestle and zurich-ag, with or without their accents.
 */
export function topicNameKey(name: string): string {
  return foldText(name.trim());
}

/** A topic's name as typed ("Économie"), shown wherever a person reads it; its key ("economie") where none was kept. */
export function topicLabel(topic: { name: string; displayName?: string | null }): string {
  return topic.displayName ?? topic.name;
}

/** The same in SQL, for a query reading topics as `alias`: `COALESCE(t.display_name, t.name)`. */
export function topicLabelSql(alias: string): string {
  return `COALESCE(${alias}.display_name, ${alias}.name)`;
}

/** Topic keys ("economie") as typed ("Économie"), in order; a key no topic has any more stays as it is. */
export function topicLabelsOf(sqlite: Sqlite, names: string[]): string[] {
  const labelOf = cachedStatement(
    sqlite,
    'SELECT COALESCE(display_name, name) FROM topics WHERE name = ?',
  ).pluck();
  return names.map((name) => (labelOf.get(name) as string | undefined) ?? name);
}

export const TopicName = z
  .string()
  .transform(topicNameKey)
  .pipe(
    z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, {
      error:
        'a topic name is one word of letters a–z, digits, - or _ (at most 40; accents are dropped, so nestlé is nestle), e.g. pricing or acme-outages',
    }),
  );

/** First words of /brief commands: a topic named so could not be asked about with `/brief <topic>`. */
export const reservedTopicNames = new Set([
  ...['help', 'ask', 'share', 'more', 'list', 'digest', 'digests', 'follow', 'unfollow', 'claims'],
  ...['nudge', 'nudges', 'stats', 'feeds', 'feed', 'topics', 'topic', 'sme', 'smes', 'expert', 'experts'],
  ...['changes', 'audit', 'my'],
]);

const dayMs = 24 * 3600 * 1000;
const backfillDays = 30;

// Words of a time window a question may end with: a topic so named would be read as the window.
const windowName =
  /^(?:\d{4}|today|yesterday|tomorrow|now|week|weekly|month|monthly|quarter|year|ytd|mtd|qtd|wtd|q[1-4]|h[12]|fy\d{2,4}|\d+[dwmy])$/;

/**
 * How `/brief <name>` would read a name instead of as the topic: as a time window ("2026", "today",
 * "q3") or as a question on its own ("news", "overview"); undefined when it would ask about the topic.
 */
export function nameMisread(name: string, now: Date): { window: string } | { question: true } | undefined {
  const read = parseAsk(name, now, 'UTC');
  const asTopic = read.subjects.includes(name);
  if (windowName.test(name) || (!asTopic && read.window.label !== 'last 7 days'))
    return { window: read.window.label };
  return asTopic ? undefined : { question: true };
}

/** Compiles a query or says, in words, where it is wrong. */
export function validateQuery(query: string) {
  try {
    const compiled = compileQuery(query);
    assertOperatorsInCapitals(query);
    return compiled;
  } catch (error) {
    if (error instanceof QueryError)
      throw new InvalidQuery(`That query does not work: ${placeInWords(query, error)}.`, query, error.fixed);
    throw error;
  }
}

/** A query refused; `fixed`: the query as surely meant, for the command to send instead. */
export class InvalidQuery extends UserError {
  constructor(
    message: string,
    readonly typed: string,
    readonly fixed?: { query: string; operators: string[] },
  ) {
    super('INVALID_QUERY', message);
  }
}

/** A query mistake's place in words, not as an index: "at the start", "after `pricing OR`". */
function placeInWords(query: string, error: QueryError): string {
  if (error.position === null) return error.message;
  const before = query.slice(0, error.position).trim();
  // The last words before it, whole: a word cut in two would read as another word.
  const tail = before.slice(-30);
  const whole = /\s/.test(before.charAt(before.length - 31)) ? tail : tail.replace(/^\S*\s+/, '');
  const shown = before.length > 30 ? `…${whole.trimStart()}` : before;
  return error.message.replace(
    ` at position ${error.position}`,
    before ? ` after \`${shown}\`` : ' at the start',
  );
}

/** A topic with its volume: the last 7 days, and the 7 days before (for the trend). */
export type TopicView = {
  id: number;
  /** The key commands and questions match: lower case, no accents ("economie"). */
  name: string;
  /** The name as it was typed, shown wherever the topic is ("Économie"). */
  label: string;
  query: string;
  kind: string;
  /** Where its nudges go (none without a channel), and the controversy score that starts one (null: the default). */
  channelId: string | null;
  threshold: number | null;
  items7d: number;
  itemsPrevious7d: number;
};

export async function addTopic(
  deps: Deps,
  input: { name: string; query: string; kind?: TopicKind; actorId: string },
): Promise<{ topic: TopicView; linked: number }> {
  const name = TopicName.safeParse(input.name);
  if (!name.success)
    throw new UserError('INVALID_TOPIC', `That topic name does not work: ${name.error.issues[0]?.message}.`);
  if (reservedTopicNames.has(name.data))
    throw new UserError(
      'INVALID_TOPIC',
      `"${name.data}" is a /brief command word, so \`/brief ${name.data}\` would not ask about the topic; pick another name, e.g. ${name.data}-news.`,
    );
  const misread = nameMisread(name.data, deps.clock.now());
  if (misread) {
    const word = input.query.match(/[a-z0-9]+/i)?.[0]?.toLowerCase();
    const example = word && word !== name.data ? `${word}-${name.data}` : `${name.data}-news`;
    throw new UserError(
      'INVALID_TOPIC',
      'window' in misread
        ? `"${name.data}" reads as a time window${misread.window === 'last 7 days' ? '' : ` (${misread.window})`}, so \`/brief ${name.data}\` would not ask about the topic; pick a name with a word in it, e.g. ${example}.`
        : `"${name.data}" reads as a question of its own, so \`/brief ${name.data}\` would not ask about the topic; pick another name, e.g. ${example}.`,
    );
  }
  const compiled = validateQuery(input.query);
  const existing = await deps.db.prisma.topic.findUnique({ where: { name: name.data } });
  if (existing) {
    throw new UserError(
      'TOPIC_EXISTS',
      `There is already a topic "${name.data}" (${existing.query}). Use \`/brief topics edit ${name.data} <query>\` to change it (it keeps experts, channel and digests).`,
    );
  }
  const topic = await deps.db.prisma.topic.create({
    data: {
      name: name.data,
      displayName: input.name.trim(),
      query: compiled.source.trim(),
      kind: input.kind ?? TopicKind.Theme,
      createdBy: input.actorId,
    },
  });
  const now = deps.clock.now();
  const linked = linkRecentItems(
    deps.db.sqlite,
    topic.id,
    compiled.toFts(),
    new Date(now.getTime() - backfillDays * dayMs),
  );
  await recordAudit(deps.db, now, {
    actorId: input.actorId,
    action: 'topic.add',
    subjectType: 'topic',
    subjectId: topic.id,
    detail: { name: topic.name, query: topic.query, kind: topic.kind },
  });
  return { topic: (await listTopics(deps, [topic.id]))[0] as TopicView, linked };
}

/**
 * Gives a topic a new query in place: its experts, channel, threshold and digests stay. The last 30
 * days are matched again with the new query; older links stay as they were.
 */
export async function editTopic(
  deps: Deps,
  input: { name: string; query: string; kind?: TopicKind; actorId: string },
): Promise<{ topic: TopicView; linked: number; from: string }> {
  const topic = await findTopic(deps, input.name);
  const compiled = validateQuery(input.query);
  const query = compiled.source.trim();
  await deps.db.prisma.topic.update({
    where: { id: topic.id },
    data: { query, ...(input.kind ? { kind: input.kind } : {}) },
  });
  const now = deps.clock.now();
  const since = new Date(now.getTime() - backfillDays * dayMs);
  const { sqlite } = deps.db;
  const linked = sqlite.transaction(() => {
    sqlite
      .prepare(
        'DELETE FROM item_topics WHERE topic_id = ? AND item_id IN (SELECT id FROM items WHERE published_at >= ?)',
      )
      .run(topic.id, since.getTime());
    return linkRecentItems(sqlite, topic.id, compiled.toFts(), since);
  })();
  await recordAudit(deps.db, now, {
    actorId: input.actorId,
    action: 'topic.edit',
    subjectType: 'topic',
    subjectId: topic.id,
    detail: {
      name: topic.name,
      from: topic.query,
      query,
      ...(input.kind ? { kind: input.kind } : {}),
      digests: await channelDigestsReading(deps, topic.name),
      follows: await personalFollowsReading(deps, topic.name),
    },
  });
  return { topic: (await listTopics(deps, [topic.id]))[0] as TopicView, linked, from: topic.query };
}

/** Changes only a topic's kind; its query and links stay. */
export async function setTopicKind(
  deps: Deps,
  name: string,
  kind: TopicKind,
  actorId: string,
): Promise<{ topic: TopicView; from: string }> {
  const topic = await findTopic(deps, name);
  await deps.db.prisma.topic.update({ where: { id: topic.id }, data: { kind } });
  await recordAudit(deps.db, deps.clock.now(), {
    actorId,
    action: 'topic.edit',
    subjectType: 'topic',
    subjectId: topic.id,
    detail: {
      name: topic.name,
      kind,
      fromKind: topic.kind,
      digests: await channelDigestsReading(deps, topic.name),
    },
  });
  return { topic: (await listTopics(deps, [topic.id]))[0] as TopicView, from: topic.kind };
}

/** The channel digests that post (not stopped for want of topics), with their topics ([] for all). */
export async function listChannelDigests(
  deps: Deps,
): Promise<Array<{ id: number; channelId: string; topics: string[] }>> {
  const schedules = await deps.db.prisma.digestSchedule.findMany({
    where: { userId: null, status: { not: ScheduleStatus.NoTopics } },
    select: { id: true, channelId: true, topics: true },
    orderBy: { id: 'asc' },
  });
  return schedules.map((schedule) => ({ ...schedule, topics: JSON.parse(schedule.topics) as string[] }));
}

/**
 * The channel digests that post a topic's items (named, or "all topics"): what a change to the
 * topic changes too, kept in its change-log entry so `changes #channel` finds it.
 */
export async function channelDigestsReading(
  deps: Deps,
  topicName: string,
): Promise<Array<{ id: number; channelId: string }>> {
  return (await listChannelDigests(deps))
    .filter((digest) => digest.topics.length === 0 || digest.topics.includes(topicName))
    .map(({ id, channelId }) => ({ id, channelId }));
}

/**
 * The personal follows that post a topic's items: those naming it and those of every topic
 * (`everything`). A change to the topic's query changes what their followers are sent.
 */
export async function personalFollowsReading(
  deps: Deps,
  topicName: string,
): Promise<Array<{ id: number; userId: string; everything: boolean; topics: string[] }>> {
  const follows = await deps.db.prisma.digestSchedule.findMany({
    where: { userId: { not: null } },
    select: { id: true, userId: true, topics: true },
    orderBy: { id: 'asc' },
  });
  return follows.flatMap(({ id, userId, topics }) => {
    const named = JSON.parse(topics) as string[];
    if (!userId || (named.length > 0 && !named.includes(topicName))) return [];
    return [{ id, userId, everything: named.length === 0, topics: named }];
  });
}

/** Each feed's topics over the last 7 days: the topics its items were posted under. */
export function topicsOfFeeds(deps: Deps, feedIds: number[]): Map<number, string[]> {
  const since = deps.clock.now().getTime() - 7 * dayMs;
  const rows = deps.db.sqlite
    .prepare(
      `SELECT DISTINCT i.feed_id AS feedId, t.name AS name FROM item_topics it JOIN items i ON i.id = it.item_id
       JOIN topics t ON t.id = it.topic_id WHERE i.feed_id IN (${feedIds.map(() => '?').join(',') || 'NULL'}) AND i.published_at >= ?`,
    )
    .all(...feedIds, since) as Array<{ feedId: number; name: string }>;
  const topics = new Map<number, string[]>();
  for (const row of rows) {
    const id = Number(row.feedId);
    topics.set(id, [...(topics.get(id) ?? []), row.name]);
  }
  return topics;
}

/** A personal follow a change reaches, as its change-log entry keeps it. */
export type FollowReading = Awaited<ReturnType<typeof personalFollowsReading>>[number];

/** The channel digests and personal follows a change reaches: kept in its change-log entry so `changes #channel` finds it. */
export type Readers = { digests: Array<{ id: number; channelId: string }>; follows: FollowReading[] };

/**
 * The channel digests and personal follows that post any of these topics (named, or all topics;
 * `skippedChannels` aside): what a change to the topics' items reaches.
 */
export async function readersOfTopics(
  deps: Deps,
  topicNames: string[],
  skippedChannels: ReadonlySet<string> = new Set(),
): Promise<Readers> {
  if (topicNames.length === 0) return { digests: [], follows: [] };
  const reads = (named: string[]) => named.length === 0 || named.some((name) => topicNames.includes(name));
  const digests = (await listChannelDigests(deps))
    .filter((digest) => reads(digest.topics) && !skippedChannels.has(digest.channelId))
    .map(({ id, channelId }) => ({ id, channelId }));
  const follows = new Map<number, FollowReading>();
  for (const name of topicNames)
    for (const follow of await personalFollowsReading(deps, name)) follows.set(follow.id, follow);
  return { digests, follows: [...follows.values()].sort((a, b) => a.id - b.id) };
}

/**
 * The digests and follows that posted a feed's items in the last 7 days: those of the topics its
 * items were posted under, but a channel that muted it (which never posted them). Read before the change.
 */
export async function feedReaders(deps: Deps, feedId: number): Promise<Readers> {
  const mutes = await deps.db.prisma.channelFeedback.findMany({
    where: { feedId, kind: FeedbackKind.MuteSource },
    select: { channelId: true },
  });
  const muted = new Set(mutes.map((mute) => mute.channelId));
  return readersOfTopics(deps, topicsOfFeeds(deps, [feedId]).get(feedId) ?? [], muted);
}

/** Each reader in words: "digest 1 (<#C1>)", "<@U1>'s follow of pricing (digest 2)". */
export function readerNames(readers: Readers): string[] {
  return [
    ...readers.digests.map((digest) => `digest ${digest.id} (<#${digest.channelId}>)`),
    ...readers.follows.map(followReadingText),
  ];
}

/**
 * "digest 1 (<#C1>) and <@U1>'s follow (digest 2)": the channel digests and personal follows that post
 * any of these topics (named, or all topics; `skippedChannels` aside), "" for none. What a change to the topics' items reaches.
 */
export async function digestsReadingText(
  deps: Deps,
  topicNames: string[],
  skippedChannels: ReadonlySet<string> = new Set(),
): Promise<string> {
  return inWords(readerNames(await readersOfTopics(deps, topicNames, skippedChannels)));
}

/** "<@U1>'s follow of pricing (digest 2)", "<@U1>'s follow of every topic (digest 3)": a follow a change reaches. */
export function followReadingText(follow: {
  id: number;
  userId: string;
  everything?: boolean;
  topics?: string[];
}): string {
  const of = follow.everything
    ? ' of every topic'
    : follow.topics?.length
      ? ` of ${follow.topics.join(', ')}`
      : '';
  return `<@${follow.userId}>'s follow${of} (digest ${follow.id})`;
}

export async function listTopics(deps: Deps, ids?: number[]): Promise<TopicView[]> {
  const topics = await deps.db.prisma.topic.findMany({
    ...(ids ? { where: { id: { in: ids } } } : {}),
    orderBy: { name: 'asc' },
  });
  const since = deps.clock.now().getTime() - 7 * dayMs;
  // The last 7 days, items dated ahead included, against the 7 before.
  const counts = new Map(
    topicWindowCounts(deps.db.sqlite, {
      previousSince: since - 7 * dayMs,
      since,
      until: Number.MAX_SAFE_INTEGER,
    }).map((row) => [row.topicId, row]),
  );
  return topics.map((topic) => ({
    id: topic.id,
    name: topic.name,
    label: topicLabel(topic),
    query: topic.query,
    kind: topic.kind,
    channelId: topic.channelId,
    threshold: topic.threshold,
    items7d: counts.get(topic.id)?.current ?? 0,
    itemsPrevious7d: counts.get(topic.id)?.previous ?? 0,
  }));
}

/** The other topics that search the same query as this one (case and spacing aside): they match the same items. */
export async function topicsWithSameQuery(
  deps: Deps,
  topic: { id: number; query: string },
): Promise<string[]> {
  const key = (query: string) => query.trim().replace(/\s+/g, ' ').toLowerCase();
  const topics = await deps.db.prisma.topic.findMany({ select: { id: true, name: true, query: true } });
  return topics
    .filter((other) => other.id !== topic.id && key(other.query) === key(topic.query))
    .map((other) => other.name)
    .sort();
}

export async function findTopic(deps: Deps, name: string) {
  const topic = await deps.db.prisma.topic.findUnique({ where: { name: topicNameKey(name) } });
  if (!topic) {
    // Shown as typed: `Économie` names it as well as its key does.
    const names = (
      await deps.db.prisma.topic.findMany({
        select: { name: true, displayName: true },
        orderBy: { name: 'asc' },
      })
    ).map(topicLabel);
    throw new UserError(
      'TOPIC_NOT_FOUND',
      names.length
        ? unknownTopicText([name], names)
        : `No topic "${name}": there are no topics yet. Add one with /brief topics add <name> <query>.`,
    );
  }
  return topic;
}

/** 'No topic "pricng". Did you mean “pricing”? The topics are: …': the one meant, when a name is close. */
export function unknownTopicText(typed: string[], labels: string[]): string {
  const keys = labels.map((label) => foldText(label));
  const meant = typed
    .map((name) => closest(foldText(name), keys))
    .map((key) => (key === undefined ? undefined : labels[keys.indexOf(key)]))
    .filter((label): label is string => label !== undefined);
  const guess = meant.length ? ` Did you mean ${meant.map((label) => `“${label}”`).join(', ')}?` : '';
  return `No topic ${typed.map((name) => `"${name}"`).join(', ')}.${guess} The topics are: ${topicNamesWithin(labels) || 'none yet'}.`;
}

/**
 * What removing a topic changed: the experts who lost it as a beat, the digests that named it, and
 * the personal follows of it, which end with it (`timing`: when each came, for the follower's DM).
 */
export type TopicRemoval = {
  topic: TopicView;
  experts: string[];
  digests: Array<{ id: number; channelId: string; personal: boolean; paused: boolean }>;
  /** `again`: the words after `/brief follow <topic>` that set the follow up again as it was. */
  follows: Array<{ id: number; userId: string; timing: string; again: string }>;
  /** A channel digest that would then post what another one of its channel posts, at the same time. */
  twins: Array<{ id: number; twinOf: number; channelId: string; topics: string[]; timing: string }>;
};

/**
 * Removes a topic, its beats and its place in every digest's topic list. A channel digest left with
 * no topic stops as "no topics" (an empty list means "all topics", which is not what it was set up
 * for); a personal follow left with none ends, as its follower would end it with unfollow.
 */
export async function removeTopic(deps: Deps, name: string, actorId: string): Promise<TopicRemoval> {
  const topic = await findTopic(deps, name);
  const [view] = await listTopics(deps, [topic.id]);
  const { beats, schedules, twins } = await topicDependents(deps, topic);
  const { digests, follows } = splitDependents(schedules, topic.name);
  const ended = new Set(follows.map((entry) => entry.id));
  await deps.db.prisma.$transaction(async (tx) => {
    for (const schedule of schedules) {
      if (ended.has(schedule.id)) {
        await tx.digestSchedule.delete({ where: { id: schedule.id } });
        continue;
      }
      const topics = (JSON.parse(schedule.topics) as string[]).filter((entry) => entry !== topic.name);
      await tx.digestSchedule.update({
        where: { id: schedule.id },
        data: {
          topics: JSON.stringify(topics),
          ...(topics.length === 0 ? { status: ScheduleStatus.NoTopics } : {}),
        },
      });
    }
    // Its conversations stay filed under its name in stats and changes: matched by key, shown as typed.
    await tx.nudge.updateMany({
      where: { topicId: topic.id },
      data: { topicName: topic.name, topicLabel: topicLabel(topic) },
    });
    await tx.topic.delete({ where: { id: topic.id } });
  });
  const experts = beats.map((beat) => beat.sme.userId);
  await recordAudit(deps.db, deps.clock.now(), {
    actorId,
    action: 'topic.remove',
    subjectType: 'topic',
    subjectId: topic.id,
    detail: {
      name: topic.name,
      label: topicLabel(topic),
      query: topic.query,
      kind: topic.kind,
      // Its nudge settings, for undo to give them back: the log is the only record left of a removed topic.
      channelId: topic.channelId,
      threshold: topic.threshold,
      experts,
      digests: digests.map((digest) => digest.id),
      // Where each channel digest posts and whether it stopped: the log shows them under the digest and channel.
      digestsChanged: digests
        .filter((digest) => !digest.personal)
        .map((digest) => ({ id: digest.id, channelId: digest.channelId, stopped: digest.paused })),
      followsEnded: follows.map((entry) => ({ id: entry.id, userId: entry.userId, again: entry.again })),
    },
  });
  return { topic: view as TopicView, experts, digests, follows, twins };
}

/** The digests that keep going (or stop with no topics) and the follows that end with the topic. */
function splitDependents(
  schedules: Awaited<ReturnType<typeof topicDependents>>['schedules'],
  topicName: string,
): Pick<TopicRemoval, 'digests' | 'follows'> {
  const digests: TopicRemoval['digests'] = [];
  const follows: TopicRemoval['follows'] = [];
  for (const schedule of schedules) {
    const left = (JSON.parse(schedule.topics) as string[]).filter((entry) => entry !== topicName);
    if (schedule.userId !== null && left.length === 0)
      follows.push({
        id: schedule.id,
        userId: schedule.userId,
        timing: describeTiming(schedule),
        again: followScheduleWords(schedule),
      });
    else
      digests.push({
        id: schedule.id,
        channelId: schedule.channelId,
        personal: schedule.userId !== null,
        paused: left.length === 0,
      });
  }
  return { digests, follows };
}

/** The beats and digests that name a topic, and the digests that would then be twins of another. */
async function topicDependents(deps: Deps, topic: { id: number; name: string }) {
  const beats = await deps.db.prisma.beat.findMany({ where: { topicId: topic.id }, include: { sme: true } });
  const all = await deps.db.prisma.digestSchedule.findMany({ orderBy: { id: 'asc' } });
  const schedules = all.filter((schedule) => (JSON.parse(schedule.topics) as string[]).includes(topic.name));
  return { beats, schedules, twins: twinsAfterRemoval(all, topic.name) };
}

/** Channel digests that name the topic and, without it, post the same topics as another of their channel at the same time. */
function twinsAfterRemoval(
  all: Array<
    Parameters<typeof describeTiming>[0] & {
      id: number;
      userId: string | null;
      channelId: string;
      topics: string;
    }
  >,
  topicName: string,
): TopicRemoval['twins'] {
  const after = all
    .filter((schedule) => schedule.userId === null)
    .map((schedule) => {
      const topics = JSON.parse(schedule.topics) as string[];
      const left = topics.filter((entry) => entry !== topicName);
      return { schedule, named: topics.length !== left.length, left, timing: describeTiming(schedule) };
    })
    .filter((entry) => entry.left.length > 0 || !entry.named);
  const key = (entry: (typeof after)[number]) =>
    JSON.stringify([
      entry.schedule.channelId,
      entry.timing,
      entry.left.map((topic) => topic.toLowerCase()).sort(),
    ]);
  return after.flatMap((entry) => {
    const twin = entry.named && after.find((other) => other !== entry && key(other) === key(entry));
    return twin
      ? [
          {
            id: entry.schedule.id,
            twinOf: twin.schedule.id,
            channelId: entry.schedule.channelId,
            topics: entry.left,
            timing: entry.timing,
          },
        ]
      : [];
  });
}

/** What removing a topic would change, changing nothing: for the reply that asks to confirm. */
export async function topicRemovalImpact(deps: Deps, name: string): Promise<TopicRemoval> {
  const topic = await findTopic(deps, name);
  const [view] = await listTopics(deps, [topic.id]);
  const { beats, schedules, twins } = await topicDependents(deps, topic);
  return {
    topic: view as TopicView,
    experts: beats.map((beat) => beat.sme.userId),
    ...splitDependents(schedules, topic.name),
    twins,
  };
}

/** The longest window `topics test` looks back: what the feeds keep. */
export const testWindowMaxDays = 365;

/**
 * "acme last 30 days" is the query `acme` over 30 days: the window words a test may end with
 * (`last|past N days|weeks|months`, `last week|month|quarter|year`), taken off; 7 days without them.
 */
function takeTestWindow(text: string): { query: string; days: number } {
  const match =
    /\s+(?:in\s+|over\s+|for\s+)?(?:the\s+)?(?:last|past)\s+(?:(\d+)\s*)?(days?|weeks?|months?|quarter|year)$/i.exec(
      text,
    );
  if (!match || (match[1] === undefined && /s$/i.test(match[2] ?? ''))) return { query: text, days: 7 };
  const unit = (match[2] ?? '').toLowerCase().replace(/s$/, '');
  const perUnit: Record<string, number> = { day: 1, week: 7, month: 30, quarter: 91, year: 365 };
  const days = Number(match[1] ?? 1) * (perUnit[unit] ?? 1);
  return { query: text.slice(0, match.index).trim(), days: Math.min(Math.max(days, 1), testWindowMaxDays) };
}

/** How many matches one page of `topics test` lists. */
export const testPageSize = 10;

/**
 * "acme last 30 days page 2": the window (see takeTestWindow) and the page of matches asked for
 * (the first unless said), in either order at the end; the query is the rest.
 */
export function takeTestOptions(text: string): { query: string; days: number; page: number } {
  const pageAt = /\s+page\s+(\d+)$/i;
  const last = pageAt.exec(text);
  const { query, days } = takeTestWindow(last ? text.slice(0, last.index) : text);
  const before = last ? null : pageAt.exec(query);
  const page = last ?? before;
  return {
    query: before ? query.slice(0, before.index).trim() : query,
    days,
    page: page ? Math.max(Number(page[1]), 1) : 1,
  };
}

/**
 * What a query would have matched in the last `window` days (a week unless said) or in a period
 * ("since monday"), `page` by page of ten, newest first: to tune it before saving it.
 */
export function testQuery(
  deps: Deps,
  query: string,
  window: number | { since: Date; until: Date } = 7,
  page = 1,
): { total: number; hits: SearchHit[]; fts: string } {
  const compiled = validateQuery(query);
  const fts = compiled.toFts();
  const now = deps.clock.now();
  const { since, until } =
    typeof window === 'number' ? { since: new Date(now.getTime() - window * dayMs), until: now } : window;
  const offset = (page - 1) * testPageSize;
  // A period up to now keeps what was published a moment later (feeds' clocks run ahead).
  const ended = until.getTime() < now.getTime() ? { until } : {};
  return { ...searchRecent(deps.db.sqlite, fts, { since, ...ended, limit: testPageSize, offset }), fts };
}

/** A topic as Home and `topics list` count it: a competitor's own posts of the last 7 days kept apart. */
export type OthersOnlyTopic = TopicView & { ownPosts7d?: number };

/**
 * Competitor topics counted as `acme vs globex` counts them: what others said, the competitor's own
 * posts (its feeds of kind competitor) left out of both weeks, and the 7 days' own posts kept apart.
 */
export function othersOnly(deps: Deps, topics: TopicView[]): OthersOnlyTopic[] {
  const since = deps.clock.now().getTime() - 7 * dayMs;
  const own = deps.db.sqlite.prepare(
    `SELECT f.kind, f.title, f.competitor, SUM(i.published_at >= @since) AS current, SUM(i.published_at < @since) AS previous
     FROM item_topics it JOIN items i ON i.id = it.item_id JOIN feeds f ON f.id = i.feed_id
     WHERE it.topic_id = @topic AND f.kind = 'competitor' AND i.published_at >= @previousSince AND ${firstAtItsLink}
     GROUP BY f.id`,
  );
  return topics.map((topic) => {
    if (topic.kind !== 'competitor') return topic;
    const rows = (
      own.safeIntegers(false).all({ topic: topic.id, since, previousSince: since - 7 * dayMs }) as Array<
        Pick<CompetitorFeed, 'kind' | 'title' | 'competitor'> & { current: number; previous: number }
      >
    ).filter((row) => sameCompetitor(competitorOf(row), topic.name));
    const current = rows.reduce((sum, row) => sum + row.current, 0);
    const previous = rows.reduce((sum, row) => sum + row.previous, 0);
    return {
      ...topic,
      items7d: topic.items7d - current,
      itemsPrevious7d: topic.itemsPrevious7d - previous,
      ownPosts7d: current,
    };
  });
}
