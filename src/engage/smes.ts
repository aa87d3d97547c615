import { findTopic, topicLabel } from '../analysis/topics.ts';
import { recordAudit } from '../db/audit.ts';
import type { Deps } from '../deps.ts';
import { UserError } from '../errors.ts';

/** `awayFrom`: when an absence set ahead starts (null: it started when it was set). */
export type SmeView = {
  userId: string;
  /** Their beats' keys ("economie"), sorted; `labels`: the same as typed ("Économie"), to show. */
  topics: string[];
  labels: string[];
  awayUntil: Date | null;
  awayFrom: Date | null;
};

/** An expert's time away: until the end of `awayUntil`, from `awayFrom` when it was set ahead. */
type Absence = { awayUntil: Date | null; awayFrom?: Date | null };

/** Whether an absence covers `at`: set, not over, and begun (one set ahead is not, before its day). */
export function isAwayAt(sme: Absence, at: Date): boolean {
  return Boolean(sme.awayUntil && sme.awayUntil >= at && (!sme.awayFrom || sme.awayFrom <= at));
}

/** An absence set ahead that has not begun at `at`: the expert still gets nudges until `awayFrom`. */
export function plannedAbsence(sme: Absence, at: Date): { from: Date; until: Date } | null {
  return sme.awayUntil && sme.awayFrom && sme.awayFrom > at && sme.awayUntil >= at
    ? { from: sme.awayFrom, until: sme.awayUntil }
    : null;
}

/** The experts in at `at` (a Prisma `where` on smes): never marked away, back, or away only later. */
export function inAt(at: Date) {
  return { OR: [{ awayUntil: null }, { awayUntil: { lt: at } }, { awayFrom: { gt: at } }] };
}

/** SQL for "the smes row `alias` is away at ?", taking the time twice. */
export function awayAtSql(alias: string): string {
  return `(${alias}.away_until >= ? AND (${alias}.away_from IS NULL OR ${alias}.away_from <= ?))`;
}

/** Puts an expert on the beat of one or more topics (adding to the beats they already have). */
export async function addSme(
  deps: Deps,
  input: { userId: string; topics: string[]; actorId: string },
): Promise<SmeView> {
  if (input.topics.length === 0) {
    throw new UserError('USAGE', 'Name at least one topic: `/brief sme add @someone pricing, competitors`');
  }
  const topics = [];
  for (const name of input.topics) topics.push(await findTopic(deps, name));
  // Their profile's time zone, so reminders reach them in their working hours.
  const timezone = await deps.directory.timeZone(input.userId);
  const { awayUntil, awayFrom } = await absenceWhenRemoved(deps, input.userId);
  const sme = await deps.db.prisma.sme.upsert({
    where: { userId: input.userId },
    create: { userId: input.userId, timezone, awayUntil, awayFrom },
    update: timezone ? { timezone } : {},
  });
  // The beats this adds (not those they had), for `undo`: its `sme remove` takes off only these.
  const had = await deps.db.prisma.beat.findMany({ where: { smeId: sme.id }, select: { topicId: true } });
  const added = topics.filter((topic) => !had.some((beat) => beat.topicId === topic.id));
  for (const topic of topics) {
    await deps.db.prisma.beat.upsert({
      where: { smeId_topicId: { smeId: sme.id, topicId: topic.id } },
      create: { smeId: sme.id, topicId: topic.id },
      update: {},
    });
  }
  await recordAudit(deps.db, deps.clock.now(), {
    actorId: input.actorId,
    action: 'sme.add',
    subjectType: 'sme',
    subjectId: input.userId,
    detail: { topics: topics.map((topic) => topic.name), added: added.map((topic) => topic.name) },
  });
  return (await listSmes(deps, input.userId))[0] as SmeView;
}

/**
 * Takes an expert off the beats of the named topics, or, with none named, off every beat (they
 * stop being an expert). Returns what they still cover, or null when they are no expert any more.
 */
/** Whether `userId` was an expert once and was taken off every beat (someone never one: false). */
export async function wasRemoved(deps: Deps, userId: string): Promise<boolean> {
  const [sme, removal] = await Promise.all([
    deps.db.prisma.sme.findUnique({ where: { userId }, select: { id: true } }),
    deps.db.prisma.auditEvent.findFirst({
      where: { action: 'sme.remove', subjectType: 'sme', subjectId: userId },
      select: { id: true },
    }),
  ]);
  return sme === null && removal !== null;
}

/**
 * The time away an expert had when last taken off every beat, while it lasts: putting them back
 * (the undo of `sme remove`) keeps them away rather than nudging them on holiday.
 */
export async function awayWhenRemoved(deps: Deps, userId: string): Promise<Date | null> {
  const absence = await absenceWhenRemoved(deps, userId);
  return isAwayAt(absence, deps.clock.now()) ? absence.awayUntil : null;
}

/** The absence an expert had when last taken off every beat, begun or set ahead, while it lasts. */
async function absenceWhenRemoved(
  deps: Deps,
  userId: string,
): Promise<{ awayUntil: Date | null; awayFrom: Date | null }> {
  const removal = await deps.db.prisma.auditEvent.findFirst({
    where: { action: 'sme.remove', subjectType: 'sme', subjectId: userId },
    orderBy: { id: 'desc' },
  });
  const detail = removal ? (JSON.parse(removal.detail) as { awayUntil?: unknown; awayFrom?: unknown }) : {};
  const day = typeof detail.awayUntil === 'string' ? new Date(detail.awayUntil) : null;
  const from = typeof detail.awayFrom === 'string' ? new Date(detail.awayFrom) : null;
  return day && day >= deps.clock.now()
    ? { awayUntil: day, awayFrom: from }
    : { awayUntil: null, awayFrom: null };
}

/**
 * Until when a person is away, while it lasts: from their expert record, or, taken off every beat,
 * from their removal, so someone away is not reminded about a claim just because they lost a beat.
 */
export async function awayUntilOf(deps: Deps, userId: string): Promise<Date | null> {
  const sme = await deps.db.prisma.sme.findUnique({
    where: { userId },
    select: { awayUntil: true, awayFrom: true },
  });
  if (!sme) return awayWhenRemoved(deps, userId);
  return isAwayAt(sme, deps.clock.now()) ? sme.awayUntil : null;
}

export async function removeSme(
  deps: Deps,
  userId: string,
  actorId: string,
  topicNames: string[] = [],
): Promise<SmeView | null> {
  const sme = await deps.db.prisma.sme.findUnique({
    where: { userId },
    include: { beats: { select: { topicId: true, topic: { select: { name: true } } } } },
  });
  if (!sme)
    throw new UserError(
      'SME_NOT_FOUND',
      `<@${userId}> is not an expert on any beat. See: \`/brief sme list\``,
    );
  const topics = [];
  for (const name of topicNames) topics.push(await findTopic(deps, name));
  const covered = new Set(sme.beats.map((beat) => beat.topicId));
  const notCovered = topics.find((topic) => !covered.has(topic.id));
  if (notCovered) {
    throw new UserError(
      'BEAT_NOT_FOUND',
      `<@${userId}> does not cover ${notCovered.name}. See: \`/brief sme list ${notCovered.name}\``,
    );
  }
  if (topics.length === 0) await deps.db.prisma.sme.delete({ where: { id: sme.id } });
  else
    await deps.db.prisma.beat.deleteMany({
      where: { smeId: sme.id, topicId: { in: topics.map((topic) => topic.id) } },
    });
  await recordAudit(deps.db, deps.clock.now(), {
    actorId,
    action: 'sme.remove',
    subjectType: 'sme',
    subjectId: userId,
    // Off every beat: which they were, and their time away, so `undo` can put them back as they were.
    detail:
      topics.length > 0
        ? { topics: topics.map((topic) => topic.name) }
        : {
            beats: sme.beats.map((beat) => beat.topic.name).sort(),
            ...(sme.awayUntil && sme.awayUntil >= deps.clock.now()
              ? {
                  awayUntil: sme.awayUntil.toISOString(),
                  ...(sme.awayFrom ? { awayFrom: sme.awayFrom.toISOString() } : {}),
                }
              : {}),
          },
  });
  if (topics.length === 0) return null;
  return (await listSmes(deps, userId))[0] as SmeView;
}

export async function listSmes(deps: Deps, userId?: string): Promise<SmeView[]> {
  const smes = await deps.db.prisma.sme.findMany({
    ...(userId ? { where: { userId } } : {}),
    include: { beats: { include: { topic: { select: { name: true, displayName: true } } } } },
    orderBy: { createdAt: 'asc' },
  });
  return smes.map((sme) => {
    const beats = sme.beats
      .map((beat) => beat.topic)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return {
      userId: sme.userId,
      topics: beats.map((topic) => topic.name),
      labels: beats.map(topicLabel),
      awayUntil: sme.awayUntil,
      awayFrom: sme.awayFrom,
    };
  });
}

/**
 * Marks an expert away (no nudges) until the end of a day, from `from` when set ahead (nudges still
 * reach them until then), or back when `until` is null (a planned absence is cancelled too).
 */
export async function setSmeAway(
  deps: Deps,
  userId: string,
  until: Date | null,
  actorId: string,
  from: Date | null = null,
): Promise<SmeView> {
  const sme = await deps.db.prisma.sme.findUnique({ where: { userId } });
  const removed = sme
    ? 0
    : await deps.db.prisma.auditEvent.count({
        where: { action: 'sme.remove', subjectType: 'sme', subjectId: userId },
      });
  if (!sme) {
    // Said to the person about themself: "You are", not "@them is … put them".
    const self = userId === actorId;
    const status = removed ? 'no longer an expert' : 'not an expert yet';
    throw new UserError(
      'SME_NOT_FOUND',
      `${self ? `You are ${status}` : `<@${userId}> is ${status}`}, so there is nothing to mark away. Put ${self ? 'yourself' : 'them'} on a beat first: \`/brief sme add @${userId} &lt;topic&gt;\` (\`/brief topics list\` shows the topics).`,
    );
  }
  await deps.db.prisma.sme.update({
    where: { id: sme.id },
    data: { awayUntil: until, awayFrom: until ? from : null },
  });
  await recordAudit(deps.db, deps.clock.now(), {
    actorId,
    action: until ? 'sme.away' : 'sme.back',
    subjectType: 'sme',
    subjectId: userId,
    detail: until ? { until: until.toISOString(), ...(from ? { from: from.toISOString() } : {}) } : {},
  });
  return (await listSmes(deps, userId))[0] as SmeView;
}

export type UncoveredTopic = { id: number; name: string; away: Array<{ userId: string; until: Date }> };

/** Of these topics, those with no expert available now: nobody on the beat, or everyone there away. */
export async function topicsWithoutExpert(deps: Deps, topicIds: number[]): Promise<UncoveredTopic[]> {
  const now = deps.clock.now();
  const topics = await deps.db.prisma.topic.findMany({
    where: { id: { in: topicIds } },
    include: { beats: { include: { sme: { select: { userId: true, awayUntil: true, awayFrom: true } } } } },
    orderBy: { name: 'asc' },
  });
  const uncovered: UncoveredTopic[] = [];
  for (const topic of topics) {
    const away = topic.beats.flatMap(({ sme }) =>
      sme.awayUntil && isAwayAt(sme, now) ? [{ userId: sme.userId, until: sme.awayUntil }] : [],
    );
    if (away.length === topic.beats.length) uncovered.push({ id: topic.id, name: topic.name, away });
  }
  return uncovered;
}
