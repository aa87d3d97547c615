import type { Deps } from '../deps.ts';
import { formatDateTime } from '../format.ts';
import { typedFeedUrl } from '../monitor/canonical-url.ts';
import { competitorLabel } from '../monitor/feed-kind.ts';
import { escapeText } from '../slack/blocks/common.ts';

/** A removal the audit log recorded: who, when, and what the subject was then. */
export type Removal = { actorId: string; at: Date; detail: Record<string, unknown> };

/** The latest removal of a feed, topic or digest by its number, if the log has one. */
export async function findRemoval(
  deps: Deps,
  action: 'feed.remove' | 'topic.remove' | 'digest.remove',
  subjectId: string | number,
): Promise<Removal | undefined> {
  const event = await deps.db.prisma.auditEvent.findFirst({
    where: { action, subjectId: String(subjectId) },
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
  });
  return event ? { actorId: event.actorId, at: event.at, detail: readDetail(event.detail) } : undefined;
}

/** The latest removal of a topic by its name: its number is gone with it. */
export async function findTopicRemoval(deps: Deps, name: string): Promise<Removal | undefined> {
  const events = await deps.db.prisma.auditEvent.findMany({
    where: { action: 'topic.remove', detail: { contains: JSON.stringify(name) } },
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
  });
  const event = events.find((entry) => readDetail(entry.detail).name === name);
  return event ? { actorId: event.actorId, at: event.at, detail: readDetail(event.detail) } : undefined;
}

/** The removal of the feed an item was in, when the log kept its items' numbers ("12-21 30"). */
export async function findItemFeedRemoval(
  deps: Deps,
  itemId: number,
): Promise<(Removal & { feedId: number }) | undefined> {
  const events = await deps.db.prisma.auditEvent.findMany({
    where: { action: 'feed.remove', detail: { contains: '"items":' } },
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
  });
  for (const event of events) {
    const detail = readDetail(event.detail);
    if (typeof detail.items !== 'string' || !inRuns(detail.items, itemId)) continue;
    return { actorId: event.actorId, at: event.at, detail, feedId: Number(event.subjectId) };
  }
  return undefined;
}

/** Whether "12-21 30" holds the number. */
function inRuns(runs: string, id: number): boolean {
  return runs.split(' ').some((run) => {
    const [from, to = from] = run.split('-').map(Number);
    return from !== undefined && to !== undefined && id >= from && id <= to;
  });
}

/**
 * "pricing is no longer a topic (removed by @maria on …)", "pricing's query changed (by @maria on …)":
 * the topics among `names` removed or edited after `since`, which an answer read then relied on.
 */
export async function topicChangesSince(deps: Deps, names: string[], since: Date): Promise<string[]> {
  const wanted = new Set(names.map((name) => name.toLowerCase()));
  const events = await deps.db.prisma.auditEvent.findMany({
    where: { action: { in: ['topic.remove', 'topic.edit'] }, at: { gt: since } },
    orderBy: [{ at: 'asc' }, { id: 'asc' }],
  });
  const said = new Map<string, string>();
  for (const event of events) {
    const { name } = readDetail(event.detail);
    if (typeof name !== 'string' || !wanted.has(name.toLowerCase())) continue;
    const removal = { actorId: event.actorId, at: event.at, detail: {} };
    said.set(
      name,
      event.action === 'topic.remove'
        ? `${escapeText(name)} is no longer a topic (removed ${removedBy(removal)})`
        : `topic ${escapeText(name)} was changed (${removedBy(removal)})`,
    );
  }
  return [...said.values()];
}

/**
 * "#news has no digest now (digest 1 removed by @maria on …)": for feedback given in a channel whose
 * digests are gone, which is kept for a digest added there later. Nothing when one posts there.
 */
export async function noDigestHereText(deps: Deps, channelId: string): Promise<string | undefined> {
  const posting = await deps.db.prisma.digestSchedule.findFirst({
    where: { channelId, userId: null },
    select: { id: true },
  });
  if (posting) return undefined;
  const events = await deps.db.prisma.auditEvent.findMany({
    where: { action: 'digest.remove', detail: { contains: JSON.stringify(channelId) } },
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
  });
  const event = events.find((entry) => readDetail(entry.detail).channelId === channelId);
  const removed = event
    ? ` (digest ${event.subjectId} removed ${removedBy({ actorId: event.actorId, at: event.at, detail: {} })})`
    : '';
  return `<#${channelId}> has no digest now${removed}`;
}

/**
 * "Your pricing follow ended on 24 Nov 2026 07:02 UTC when @maria removed the topic", and once the topic
 * is back, "pricing is back; follow it again with `/brief follow pricing daily 07:00 UTC`": a person's
 * follows that ended with their topic, latest first, one per topic (of `topic` alone, when named).
 */
export async function endedFollowsText(deps: Deps, userId: string, topic?: string): Promise<string[]> {
  const events = await deps.db.prisma.auditEvent.findMany({
    where: { action: 'topic.remove', detail: { contains: JSON.stringify(userId) } },
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
  });
  const said = new Map<string, string>();
  for (const event of events) {
    const detail = readDetail(event.detail);
    const { name } = detail;
    if (typeof name !== 'string' || said.has(name) || (topic && name !== topic)) continue;
    const ended = (Array.isArray(detail.followsEnded) ? detail.followsEnded : []).find(
      (entry: unknown): entry is { userId: string; again?: string } =>
        Boolean(entry) && typeof entry === 'object' && (entry as { userId?: unknown }).userId === userId,
    );
    if (!ended) continue;
    // Followed again since: nothing ended that still matters.
    const following = await deps.db.prisma.digestSchedule.findFirst({
      where: { userId, topics: { contains: JSON.stringify(name) } },
      select: { id: true },
    });
    if (following) continue;
    const back = await deps.db.prisma.topic.findFirst({ where: { name }, select: { id: true } });
    const again = `/brief follow ${name}${ended.again ? ` ${ended.again}` : ''}`;
    said.set(
      name,
      `Your ${escapeText(name)} follow ended on ${formatDateTime(event.at)} when ${whoDid(event.actorId)} removed the topic${back ? `; ${escapeText(name)} is back, so follow it again with \`${escapeText(again)}\`` : ''}.`,
    );
  }
  return [...said.values()];
}

/** "<@U1>", "the command line": who made a change, as `changes` names them. */
export function whoDid(actorId: string): string {
  if (actorId === 'cli') return 'the command line';
  if (actorId === 'system') return 'Briefbot';
  return /^[UW][A-Z0-9]+$/.test(actorId) ? `<@${actorId}>` : escapeText(actorId);
}

/** "by <@U1> on 24 Nov 2026 07:02 UTC". */
export function removedBy(removal: Removal): string {
  return `by ${whoDid(removal.actorId)} on ${formatDateTime(removal.at)}`;
}

/** " for Initech" after a competitor's kind, spelt as feeds list shows it (older entries stored "initech"). */
export function competitorFor(name: string | undefined): string {
  return name ? ` for ${competitorLabel(name)}` : '';
}

/** "StackRank, review, https://…": a removed feed as its removal entry names it, escaped. */
export function removedFeedNames(detail: Record<string, unknown>): string[] {
  const text = (key: string) =>
    typeof detail[key] === 'string' ? escapeText(detail[key] as string) : undefined;
  const kind = text('kind') && `${text('kind')}${competitorFor(text('competitor'))}`;
  return [text('title'), kind, text('url')].filter((name): name is string => Boolean(name));
}

/** "feeds add https://… kind=review": the command that watches a removed feed's address again. */
export function feedAddAgain(detail: Record<string, unknown>): string | undefined {
  const { url, kind } = detail;
  if (typeof url !== 'string') return undefined;
  return `feeds add ${typedFeedUrl(url)}${typeof kind === 'string' && kind !== 'news' ? ` kind=${kind}` : ''}`;
}

/**
 * "Feed 3 (StackRank, review, https://…) was removed by @maria on 24 Nov 2026 07:02 UTC": for any
 * old button or typed number that names it. With the feed that reads its address now, if it was added
 * back, or else how to watch it again.
 */
export async function describeFeedRemoval(
  deps: Deps,
  feedId: number,
): Promise<{ text: string; now: number | null } | undefined> {
  const removal = await findRemoval(deps, 'feed.remove', feedId);
  if (!removal) return undefined;
  const names = removedFeedNames(removal.detail);
  const gone = `Feed ${feedId}${names.length ? ` (${names.join(', ')})` : ''} was removed ${removedBy(removal)}`;
  const now = await feedWatchedAgain(deps, removal);
  if (now) return { text: `${gone}; its address is watched again as feed ${now.id}.`, now: now.id };
  const again = feedAddAgain(removal.detail);
  return {
    text: again ? `${gone}. To watch it again: \`/brief ${escapeText(again)}\`.` : `${gone}.`,
    now: null,
  };
}

/** The feed that reads a removed feed's address now, if it was added back. */
export async function feedWatchedAgain(deps: Deps, removal: Removal): Promise<{ id: number } | null> {
  const { url } = removal.detail;
  if (typeof url !== 'string') return null;
  return deps.db.prisma.feed.findFirst({ where: { url }, select: { id: true } });
}

/** The detail of an audit entry, or nothing when it is not JSON. */
export function readDetail(detail: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(detail);
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
