import { z } from 'zod';
import { requireAdmin } from '../commands/access.ts';
import { recordAudit } from '../db/audit.ts';
import { describeFeedRemoval, findRemoval, noDigestHereText } from '../db/removals.ts';
import type { Deps } from '../deps.ts';
import { UserError } from '../errors.ts';
import { inWords } from '../format.ts';

export const FeedbackKind = { NotRelevant: 'not_relevant', MuteSource: 'mute_source' } as const;
export type FeedbackKind = (typeof FeedbackKind)[keyof typeof FeedbackKind];

/** The value of a digest item's feedback buttons: channel, item and its source. */
export const DigestFeedback = z.object({
  c: z.string().regex(/^[CGDUW][A-Z0-9]{2,}$/),
  i: z.number().int().positive(),
  f: z.number().int().positive(),
});
export type DigestFeedback = z.infer<typeof DigestFeedback>;

export function parseFeedbackValue(value: string | undefined): DigestFeedback {
  try {
    const parsed = DigestFeedback.safeParse(JSON.parse(value ?? ''));
    if (parsed.success) return parsed.data;
  } catch {
    // Not JSON: handled below like any other bad value.
  }
  throw new UserError('INVALID_ACTION', 'That button is out of date; the next digest has fresh ones.');
}

/**
 * Records what someone said about a digest item; the channel's future digests rank that source
 * lower ("not relevant") or leave it out ("mute"). Returns the note shown in place of the buttons.
 */
export async function recordFeedback(
  deps: Deps,
  // No item for `digest mute <digest> <feed>`: a source muted before anything of it was posted.
  feedback: Omit<DigestFeedback, 'i'> & { i?: number },
  kind: FeedbackKind,
  userId: string,
): Promise<string> {
  const feed = await deps.db.prisma.feed.findUnique({
    where: { id: feedback.f },
    select: { title: true, url: true },
  });
  // An old digest's button on a feed removed since: nothing is recorded against a feed that is no more.
  if (!feed) throw new UserError('FEED_REMOVED', await feedGoneText(deps, feedback, kind));
  const source = feed.title ?? feed.url;
  // Not in backticks: Slack shows a channel there as its raw id.
  const undo = `Undo: /brief digest unmute <#${feedback.c}> ${feedback.f}${kind === FeedbackKind.NotRelevant ? ` (it clears the "not relevant" marks on ${source} as well as mutes)` : ''}`;
  if (kind === FeedbackKind.MuteSource) {
    // One rule for the button and `digest mute`: a source leaves a whole channel's digests by an admin.
    await requireAdmin(deps, userId, "mute a source in a channel's digests").catch((error: unknown) => {
      throw error instanceof UserError
        ? new UserError(
            error.code,
            `${error.message} Not relevant, beside it, is open to everyone: it ranks ${source} lower in this channel's digests.`,
          )
        : error;
    });
    // A second Mute source on the same source changes nothing, and says so.
    const muted = await deps.db.prisma.channelFeedback.findFirst({
      where: { channelId: feedback.c, feedId: feedback.f, kind },
      orderBy: { id: 'asc' },
    });
    if (muted)
      return `:mute: ${source} is already muted here (by <@${muted.userId}>); nothing changed. ${undo}`;
  }
  await deps.db.prisma.channelFeedback.create({
    data: {
      channelId: feedback.c,
      kind,
      itemId: feedback.i ?? null,
      feedId: feedback.f,
      userId,
      at: deps.clock.now(),
    },
  });
  await recordAudit(deps.db, deps.clock.now(), {
    actorId: userId,
    action: kind === FeedbackKind.MuteSource ? 'digest.mute_source' : 'digest.not_relevant',
    subjectType: 'channel',
    subjectId: feedback.c,
    detail: {
      itemId: feedback.i ?? null,
      // The item as it was titled: the log names what was marked, after the item is gone.
      ...(feedback.i ? { itemTitle: await itemTitle(deps, feedback.i) } : {}),
      feedId: feedback.f,
      feedTitle: feed.title ?? null,
    },
  });
  // Its digest removed since: the mark is kept for one added later, and the note says no more than that.
  const none = await noDigestHereText(deps, feedback.c);
  if (none)
    return `${kind === FeedbackKind.MuteSource ? `:mute: <@${userId}> muted ${source} here` : `:thumbsdown: <@${userId}> marked this not relevant`}, but ${none}; it is kept for a digest added here later. ${undo}`;
  return kind === FeedbackKind.MuteSource
    ? `:mute: <@${userId}> muted ${source} for this channel's digests. ${undo}`
    : `:thumbsdown: <@${userId}> marked this not relevant; ${source} will rank lower in this channel's digests. ${undo}`;
}

/** Why feedback on a removed feed changed nothing, and the mute of the feed that reads its address now. */
async function feedGoneText(
  deps: Deps,
  feedback: Pick<DigestFeedback, 'c' | 'f'>,
  kind: FeedbackKind,
): Promise<string> {
  const nothing = kind === FeedbackKind.MuteSource ? 'Nothing was muted.' : 'Nothing was recorded.';
  const removed = await describeFeedRemoval(deps, feedback.f);
  if (!removed) return `Feed ${feedback.f} is no longer watched. ${nothing}`;
  // Not in backticks: Slack shows a channel there as its raw id.
  const mute = removed.now ? ` To mute it here: /brief digest mute <#${feedback.c}> ${removed.now}` : '';
  return `${removed.text} ${nothing}${mute}`;
}

/** A source a channel gave feedback on: muted, or marked "not relevant" so many times. */
export type SourceFeedback = { feedId: number; source: string; muted: boolean; notRelevant: number };

/** The feedback each channel gave, by channel: what `digest list` shows and `digest unmute` undoes. */
export async function feedbackByChannel(deps: Deps): Promise<Map<string, SourceFeedback[]>> {
  const rows = await deps.db.prisma.channelFeedback.groupBy({
    by: ['channelId', 'feedId', 'kind'],
    _count: { _all: true },
    orderBy: [{ channelId: 'asc' }, { feedId: 'asc' }],
  });
  const feeds = new Map(
    (
      await deps.db.prisma.feed.findMany({
        where: { id: { in: [...new Set(rows.map((row) => row.feedId))] } },
        select: { id: true, title: true, url: true },
      })
    ).map((feed) => [feed.id, feed.title ?? feed.url]),
  );
  // Rows left on a removed feed (from before a removal cleared them): named as the log names it.
  for (const feedId of new Set(rows.map((row) => row.feedId))) {
    if (feeds.has(feedId)) continue;
    const removal = await findRemoval(deps, 'feed.remove', feedId);
    const title = removal?.detail.title ?? removal?.detail.url;
    if (typeof title === 'string') feeds.set(feedId, `${title}, removed`);
  }
  const byChannel = new Map<string, SourceFeedback[]>();
  for (const row of rows) {
    const list = byChannel.get(row.channelId) ?? [];
    let entry = list.find((source) => source.feedId === row.feedId);
    if (!entry) {
      entry = {
        feedId: row.feedId,
        source: feeds.get(row.feedId) ?? `feed ${row.feedId}`,
        muted: false,
        notRelevant: 0,
      };
      list.push(entry);
    }
    if (row.kind === FeedbackKind.MuteSource) entry.muted = true;
    else entry.notRelevant += row._count._all;
    byChannel.set(row.channelId, list);
  }
  return byChannel;
}

/** Forgets a channel's mute and "not relevant" marks for one source: its items rank as before. */
export async function clearFeedback(
  deps: Deps,
  channelId: string,
  source: SourceFeedback,
  actorId: string,
): Promise<void> {
  await deps.db.prisma.channelFeedback.deleteMany({ where: { channelId, feedId: source.feedId } });
  await recordAudit(deps.db, deps.clock.now(), {
    actorId,
    action: 'digest.unmute_source',
    subjectType: 'channel',
    subjectId: channelId,
    detail: {
      feedId: source.feedId,
      feedTitle: await feedTitle(deps, source.feedId),
      muted: source.muted,
      notRelevant: source.notRelevant,
    },
  });
}

/** An item's title as it is now, kept in an audit entry so the change log names it after the item is gone. */
async function itemTitle(deps: Deps, itemId: number): Promise<string | null> {
  return (
    (await deps.db.prisma.item.findUnique({ where: { id: itemId }, select: { title: true } }))?.title ?? null
  );
}

/** A feed's title as it is now, kept in an audit entry so the change log names it after a rename or removal. */
async function feedTitle(deps: Deps, feedId: number): Promise<string | null> {
  return (
    (await deps.db.prisma.feed.findUnique({ where: { id: feedId }, select: { title: true } }))?.title ?? null
  );
}

/**
 * A digest moved from one channel to another takes that channel's feedback along: what it muted stays
 * muted. The old channel keeps its own copy while another digest still posts there.
 */
export async function carryFeedback(
  deps: Deps,
  from: string,
  to: string,
  actorId: string,
): Promise<SourceFeedback[]> {
  const carried = (await feedbackByChannel(deps)).get(from) ?? [];
  if (carried.length === 0) return [];
  const rows = await deps.db.prisma.channelFeedback.findMany({ where: { channelId: from } });
  const stillUsed = (await deps.db.prisma.digestSchedule.count({ where: { channelId: from } })) > 0;
  // The new channel's own marks stay; a mute it already has is not doubled.
  const had = await deps.db.prisma.channelFeedback.findMany({ where: { channelId: to } });
  const fresh = rows.filter(
    (row) =>
      !had.some((own) => own.feedId === row.feedId && own.kind === row.kind && own.itemId === row.itemId),
  );
  await deps.db.prisma.channelFeedback.createMany({
    data: fresh.map(({ id: _id, ...row }) => ({ ...row, channelId: to })),
  });
  if (!stillUsed) await deps.db.prisma.channelFeedback.deleteMany({ where: { channelId: from } });
  await recordAudit(deps.db, deps.clock.now(), {
    actorId,
    action: 'digest.carry_feedback',
    subjectType: 'channel',
    subjectId: to,
    detail: { from, feedIds: carried.map((source) => source.feedId), keptInOld: stillUsed },
  });
  return carried;
}

/** "<#C1> (muted), <#C2> (2× not relevant)": the channels that gave feedback on these feeds; empty when none. */
export function feedbackOnFeeds(byChannel: Map<string, SourceFeedback[]>, feedIds: number[]): string {
  const wanted = new Set(feedIds);
  return [...byChannel]
    .flatMap(([channelId, sources]) =>
      sources
        .filter((source) => wanted.has(source.feedId))
        .map((source) => {
          const marks = [
            source.muted ? 'muted' : '',
            source.notRelevant ? `${source.notRelevant}× not relevant` : '',
          ].filter(Boolean);
          return `<#${channelId}> (${feedIds.length > 1 ? `feed ${source.feedId} ` : ''}${marks.join(', ')})`;
        }),
    )
    .join(', ');
}

/** " It also clears the digests' feedback on it: <#C1> (muted)…": what removing feeds takes besides their items, asked about first. */
export function feedbackLost(heard: string, feeds: number): string {
  return heard
    ? ` It also clears the digests' feedback on ${feeds === 1 ? 'it' : 'them'}: ${heard}; a feed added again is not muted.`
    : '';
}

/**
 * " <#C1>'s mute of this feed was removed; mute it again after re-adding if needed.": the feedback a
 * removal took, said as what was undone (never "(muted)", which reads as the channel's state now).
 */
export function feedbackRemovedNote(byChannel: Map<string, SourceFeedback[]>, feedIds: number[]): string {
  const wanted = new Set(feedIds);
  const several = feedIds.length > 1;
  const cleared = [...byChannel].flatMap(([channelId, sources]) =>
    sources.filter((source) => wanted.has(source.feedId)).map((source) => ({ channelId, ...source })),
  );
  if (cleared.length === 0) return '';
  const parts = cleared.map((source) => {
    const feed = several ? `feed ${source.feedId}` : 'this feed';
    const marks = `${source.notRelevant} “not relevant” mark${source.notRelevant === 1 ? '' : 's'}`;
    const what = source.muted
      ? `mute of ${feed}${source.notRelevant ? ` and ${marks} on it` : ''}`
      : `${marks} on ${feed}`;
    return `<#${source.channelId}>'s ${what}`;
  });
  const [only] = cleared;
  const singular =
    cleared.length === 1 && only && (only.muted ? only.notRelevant === 0 : only.notRelevant === 1);
  const list = inWords(parts);
  const them = several ? 'them' : 'it';
  const after = cleared.some((source) => source.muted)
    ? `mute ${them} again after re-adding if needed`
    : `added again, ${several ? 'they start' : 'it starts'} with no marks`;
  return ` ${list} ${singular ? 'was' : 'were'} removed; ${after}.`;
}
