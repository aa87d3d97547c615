import { z } from 'zod';
import { recordAudit } from '../db/audit.ts';
import type { Deps } from '../deps.ts';
import { UserError } from '../errors.ts';

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
  feedback: DigestFeedback,
  kind: FeedbackKind,
  userId: string,
): Promise<string> {
  const feed = await deps.db.prisma.feed.findUnique({
    where: { id: feedback.f },
    select: { title: true, url: true },
  });
  const source = feed?.title ?? feed?.url ?? 'this source';
  await deps.db.prisma.channelFeedback.create({
    data: {
      channelId: feedback.c,
      kind,
      itemId: feedback.i,
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
    detail: { itemId: feedback.i, feedId: feedback.f },
  });
  return kind === FeedbackKind.MuteSource
    ? `:mute: <@${userId}> muted ${source} for this channel's digests.`
    : `:thumbsdown: <@${userId}> marked this not relevant; ${source} will rank lower in this channel's digests.`;
}
