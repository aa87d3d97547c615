import { z } from 'zod';
import { foldText } from '../analysis/query.ts';
import { topicLabel, topicLabelsOf, unknownTopicText } from '../analysis/topics.ts';
import { isAdmin } from '../commands/access.ts';
import { timeZoneExamples } from '../commands/dates.ts';
import { parseChannel } from '../commands/text.ts';
import { recordAudit } from '../db/audit.ts';
import { DeliveryKind, deliverToEach } from '../deliveries.ts';
import type { Deps } from '../deps.ts';
import { UserError } from '../errors.ts';
import { isTimeZone } from '../format.ts';
import { noticeMessage } from '../slack/blocks/replies.ts';
import type { FollowReader } from './setup.ts';
import {
  Cadence,
  describeTiming,
  formatSlot,
  nextSlot,
  skippedTimeNote,
  storedDays,
  weekdayNames,
  weeklyDays,
} from './slots.ts';

export const QuietDay = { Note: 'note', Skip: 'skip' } as const;

/** `no_topics`: its last topic was removed; it never runs, nor turns into "all topics", until given topics. */
export const ScheduleStatus = { Active: 'active', Paused: 'paused', NoTopics: 'no_topics' } as const;

/** What a time looks like, in every schedule error: digests, the form and follows alike. */
export const timeAdvice = 'give a time like 08:00 or 17:30';

/** A digest schedule as people describe it, validated: the same rules for the command and the modal. */
export const DigestSpec = z.object({
  channelId: z.string().regex(/^[CGDUW][A-Z0-9]{2,}$/, { error: 'pick a channel, e.g. #market-news' }),
  cadence: z.enum([Cadence.Daily, Cadence.Weekdays, Cadence.Weekly], {
    error: 'say daily, weekdays or weekly',
  }),
  weekday: z.number().int().min(0).max(6).nullable(),
  /** Several days of a weekly digest; `weekday` alone when absent. */
  days: z.array(z.number().int().min(0).max(6)).optional(),
  timeOfDay: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: timeAdvice }),
  timezone: z.string().refine(isTimeZone, { error: `not a time zone I know: give ${timeZoneExamples}` }),
  topics: z.array(z.string()).max(20, { error: 'at most 20 topics' }),
  maxItems: z
    .number({ error: 'between 1 and 50 items' })
    .int({ error: 'between 1 and 50 items' })
    .min(1, { error: 'between 1 and 50 items' })
    .max(50, { error: 'between 1 and 50 items' }),
  quietDay: z.enum([QuietDay.Note, QuietDay.Skip], {
    error: 'say quiet: note (a line saying nothing is new) or quiet: skip (no post at all)',
  }),
});
export type DigestSpec = z.infer<typeof DigestSpec>;

/** "8", "8am", "8 pm", "8:30", "8.30am", "20h30", "17:30", "noon" -> "HH:MM"; undefined when it is not a time. */
export function parseTimeOfDay(text: string): string | undefined {
  const value = text.trim().toLowerCase().replace(/\s+/g, '');
  if (value === 'noon' || value === 'midday') return '12:00';
  if (value === 'midnight') return '00:00';
  // "0800", "1730": the 24-hour clock written without a colon.
  const compact = /^([01]\d|2[0-3])([0-5]\d)$/.exec(value);
  if (compact) return `${compact[1]}:${compact[2]}`;
  const match = /^(\d{1,2})(?:[:.h](\d{2}))?h?(am|pm|a\.m\.|p\.m\.)?$/.exec(value);
  if (!match) return undefined;
  let hour = Number(match[1]);
  const minute = Number(match[2] ?? '0');
  const meridiem = match[3]?.charAt(0);
  // "13pm" and "0am" are no times; 12am is midnight and 12pm noon.
  if (meridiem && (hour < 1 || hour > 12)) return undefined;
  if (meridiem === 'p' && hour < 12) hour += 12;
  if (meridiem === 'a' && hour === 12) hour = 0;
  if (hour > 23 || minute > 59) return undefined;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/** ["8:00", "pm"] -> ["8:00pm"]: a time typed with a space before am or pm is one word. */
export function joinMeridiem(list: string[]): string[] {
  const joined: string[] = [];
  for (const word of list) {
    const previous = joined[joined.length - 1];
    if (/^(?:am|pm|a\.m\.|p\.m\.)$/i.test(word) && previous && /^\d{1,2}(?:[:.h]\d{2})?$/.test(previous))
      joined[joined.length - 1] = `${previous}${word}`;
    else joined.push(word);
  }
  return joined;
}

/** "mon", "Tues", "thursday", "mondays": the day's number; "month" or "mo" is no day. */
export function parseWeekday(text: string): number | undefined {
  const word = text
    .trim()
    .toLowerCase()
    .replace(/(day)s$/, '$1');
  if (word.length < 3) return undefined;
  const index = fullWeekdayNames.findIndex((name) => name.startsWith(word));
  return index === -1 ? undefined : index;
}

const fullWeekdayNames = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

async function checkTopics(deps: Deps, names: string[]): Promise<string[]> {
  const topics = await deps.db.prisma.topic.findMany({
    select: { name: true, displayName: true },
    orderBy: { name: 'asc' },
  });
  const known = new Set(topics.map((topic) => topic.name));
  // "Économie" or "economie": a topic's name as typed or its key (accents and case aside) names it.
  const wanted = names.map((name) => foldText(name.trim())).filter(Boolean);
  const unknown = names.map((name) => name.trim()).filter((name) => name && !known.has(foldText(name)));
  if (unknown.length) {
    throw new UserError('TOPIC_NOT_FOUND', unknownTopicText(unknown, topics.map(topicLabel)));
  }
  return [...new Set(wanted)];
}

export type ScheduleView = {
  id: number;
  channelId: string;
  personal: boolean;
  cadence: string;
  timing: string;
  /** The timing and the next run on the schedule's clock: "weekdays at 08:00 Europe/Paris (next: Tue 24 Nov 08:00)". */
  when: string;
  timeZone: string;
  /** Its topics' keys ("economie"); `labels`: the same as typed ("Économie"), to show. */
  topics: string[];
  labels: string[];
  maxItems: number;
  quietDay: string;
  status: string;
  nextRun: Date | null;
  /** A paused digest's end (`digest pause 1 until jan 4`): it resumes by itself then. */
  pausedUntil: Date | null;
  /** The last run that posted, or failed to: never one that found nothing new. */
  lastRun: { status: string; at: Date; items: number; error: string | null } | null;
  /** Scheduled runs have found nothing new since this one (after `lastRun`, when there is one). */
  quietSince: Date | null;
};

export async function addSchedule(deps: Deps, spec: DigestSpec, actorId: string, personalFor?: string) {
  const topics = await checkTopics(deps, spec.topics);
  if (!personalFor) await refuseDuplicate(deps, { ...spec, topics });
  const schedule = await deps.db.prisma.digestSchedule.create({
    data: {
      channelId: spec.channelId,
      userId: personalFor ?? null,
      cadence: spec.cadence,
      timeOfDay: spec.timeOfDay,
      ...dayColumns(spec),
      timezone: spec.timezone,
      topics: JSON.stringify(topics),
      maxItems: spec.maxItems,
      quietDay: spec.quietDay,
      createdBy: actorId,
      createdAt: deps.clock.now(),
    },
  });
  await recordAudit(deps.db, deps.clock.now(), {
    actorId,
    action: personalFor ? 'digest.follow' : 'digest.add',
    subjectType: 'digest',
    subjectId: schedule.id,
    detail: { ...spec, topics },
  });
  return (await listSchedules(deps, { ids: [schedule.id] }))[0] as ScheduleView;
}

/**
 * The channel digests of the spec's channel at the spec's time, oldest first, but `exceptId`. A
 * digest left with no topics is not among them: it is not an "all topics" one.
 */
async function sameTimeDigests(deps: Deps, spec: DigestSpec, exceptId?: number) {
  const { weekday, days } = dayColumns(spec);
  return deps.db.prisma.digestSchedule.findMany({
    where: {
      channelId: spec.channelId,
      userId: null,
      cadence: spec.cadence,
      weekday,
      days,
      timeOfDay: spec.timeOfDay,
      timezone: spec.timezone,
      status: { not: ScheduleStatus.NoTopics },
      ...(exceptId === undefined ? {} : { id: { not: exceptId } }),
    },
    orderBy: { id: 'asc' },
  });
}

/** A second digest with the same channel, topics and timing would post everything twice. */
async function refuseDuplicate(deps: Deps, spec: DigestSpec, exceptId?: number): Promise<void> {
  const sameTopics = (stored: string) =>
    JSON.stringify([...(JSON.parse(stored) as string[])].sort()) === JSON.stringify([...spec.topics].sort());
  const twin = (await sameTimeDigests(deps, spec, exceptId)).find((schedule) => sameTopics(schedule.topics));
  if (!twin) return;
  const paused = twin.status === 'paused' ? ` It is paused: /brief digest resume ${twin.id}.` : '';
  throw new UserError(
    'DIGEST_EXISTS',
    `<#${twin.channelId}> already has this digest: digest ${twin.id}, ${describeTiming(twin)}, ${spec.topics.join(', ') || 'all topics'}.${paused} To change it: /brief digest edit ${twin.id} <new time or options>; to see them all: /brief digest list.`,
  );
}

/**
 * The other digests of the channel at the same time whose topics overlap this one's (an all-topics
 * digest overlaps every one): the channel gets an item once, from whichever posts it first.
 */
export async function overlappingDigests(deps: Deps, spec: DigestSpec, exceptId: number) {
  const mine = new Set(spec.topics);
  return (await sameTimeDigests(deps, spec, exceptId)).filter((schedule) => {
    const theirs = JSON.parse(schedule.topics) as string[];
    return mine.size === 0 || theirs.length === 0 || theirs.some((topic) => mine.has(topic));
  });
}

/** The weekday and days columns of a spec: a weekly digest's first day, and all of them when several. */
function dayColumns(spec: DigestSpec): { weekday: number | null; days: string | null } {
  if (spec.cadence !== Cadence.Weekly) return { weekday: null, days: null };
  // Monday first, as a week is read: "every Monday and Sunday".
  const all = [...new Set(spec.days?.length ? spec.days : [spec.weekday ?? 1])].sort(
    (a, b) => ((a + 6) % 7) - ((b + 6) % 7),
  );
  return { weekday: all[0] ?? 1, days: storedDays(all) };
}

export async function listSchedules(
  deps: Deps,
  filter: { ids?: number[]; channelId?: string; userId?: string } = {},
) {
  const schedules = await deps.db.prisma.digestSchedule.findMany({
    where: {
      ...(filter.ids ? { id: { in: filter.ids } } : {}),
      ...(filter.channelId ? { channelId: filter.channelId } : {}),
      ...(filter.userId ? { userId: filter.userId } : {}),
    },
    // The last digest that posted (or failed to): a quiet run or a `digest now` that found nothing hides none.
    include: {
      runs: { where: { status: { notIn: ['quiet', 'checked'] } }, orderBy: { slot: 'desc' }, take: 1 },
    },
    orderBy: { id: 'asc' },
  });
  const quiet = quietSince(
    deps,
    schedules.map((schedule) => schedule.id),
  );
  const now = deps.clock.now();
  return schedules.map((row): ScheduleView => {
    const schedule = pauseEndedAsRunning(row, now);
    const last = schedule.runs[0];
    const timing = describeTiming(schedule);
    const nextRun = schedule.status === 'active' ? nextSlot(schedule, now) : null;
    const pausedUntil = schedule.status === ScheduleStatus.Paused ? schedule.pausedUntil : null;
    const stopped =
      schedule.status === ScheduleStatus.NoTopics
        ? 'paused: no topics'
        : pausedUntil
          ? `paused until ${pauseEnd(schedule, pausedUntil).day}; next: ${pauseEnd(schedule, pausedUntil).first}`
          : 'paused';
    return {
      id: schedule.id,
      channelId: schedule.channelId,
      personal: schedule.userId !== null,
      cadence: schedule.cadence,
      timing,
      when: `${timing} (${nextRun ? `next: ${formatSlot(nextRun, schedule.timezone)}${skippedTimeNote(schedule, nextRun)}` : stopped})`,
      timeZone: schedule.timezone,
      topics: JSON.parse(schedule.topics) as string[],
      labels: topicLabelsOf(deps.db.sqlite, JSON.parse(schedule.topics) as string[]),
      maxItems: schedule.maxItems,
      quietDay: schedule.quietDay,
      status: schedule.status,
      nextRun,
      pausedUntil,
      lastRun: last ? { status: last.status, at: last.slot, items: last.itemCount, error: last.error } : null,
      quietSince: quiet.get(schedule.id) ?? null,
    };
  });
}

/** Per schedule, the first of the scheduled runs that found nothing new since its last digest that posted. */
function quietSince(deps: Deps, ids: number[]): Map<number, Date> {
  if (ids.length === 0) return new Map();
  const rows = deps.db.sqlite
    .prepare(
      `SELECT r.schedule_id, MIN(r.slot) FROM digest_runs r WHERE r.status = 'quiet' AND r.schedule_id IN (${ids.map(() => '?').join(', ')})
         AND r.slot > COALESCE((SELECT MAX(p.slot) FROM digest_runs p WHERE p.schedule_id = r.schedule_id AND p.status NOT IN ('quiet', 'checked')), 0)
       GROUP BY r.schedule_id`,
    )
    .raw()
    .safeIntegers(false)
    .all(...ids) as Array<[number, number]>;
  return new Map(rows.map(([id, slot]) => [id, new Date(slot)]));
}

export async function findSchedule(deps: Deps, idText: string) {
  const id = /^#?(\d{1,9})$/.exec(idText.trim())?.[1];
  const schedule = id ? await deps.db.prisma.digestSchedule.findUnique({ where: { id: Number(id) } }) : null;
  if (!schedule)
    throw new UserError(
      'DIGEST_NOT_FOUND',
      `No digest "${idText}". See the numbers with /brief digest list.`,
    );
  return schedule;
}

/**
 * The digest a word names: its number ("3", "#3") or its channel ("<#C1|news>", "#C1"). A channel
 * with several digests is not guessed: they are listed, with the command to type for each.
 */
export async function findScheduleFor(
  deps: Deps,
  target: string,
  command: string,
  userId: string,
  /** The rest of the command ("max 3" of an edit): the example to type carries it. */
  rest = '',
) {
  if (/^#?\d{1,9}$/.test(target.trim())) {
    const schedule = await findSchedule(deps, target);
    // Its owner may preview a follow, and an admin may preview one or end it (offboarding, its owner
    // told); nobody edits, moves, pauses or posts one as a channel digest.
    const ownPreview = command === 'preview' && schedule.userId === userId;
    const adminMay = ['preview', 'remove'].includes(command) && (await isAdmin(deps, userId));
    if (!ownPreview && !adminMay) refuseFollow(schedule, userId);
    return schedule;
  }
  // The example names a digest that exists, never a made-up number.
  const channelDigests = await deps.db.prisma.digestSchedule.findMany({
    where: { userId: null },
    orderBy: { id: 'asc' },
    take: 5,
  });
  const examples = channelDigests.map((schedule) => `${schedule.id} (<#${schedule.channelId}>)`).join(', ');
  const channelId = parseChannel(
    target,
    channelDigests.length
      ? `Say which digest, by number or channel: /brief digest ${command} ${channelDigests[0]?.id}. The digests: ${examples}${channelDigests.length === 5 ? ', …' : ''} (all in /brief digest list).`
      : 'There is no channel digest yet: add one with /brief digest add.',
  );
  const schedules = await deps.db.prisma.digestSchedule.findMany({
    where: { channelId, userId: null },
    orderBy: { id: 'asc' },
  });
  if (schedules.length === 1) return schedules[0] as ScheduleRow;
  if (schedules.length === 0)
    throw new UserError(
      'DIGEST_NOT_FOUND',
      `<#${channelId}> has no digest. Add one with /brief digest add <#${channelId}> daily 08:00, or see them all with /brief digest list.`,
    );
  const choices = schedules
    .map((schedule) => `${schedule.id}: ${describeTiming(schedule)}, ${topicsText(schedule)}`)
    .join(' · ');
  throw new UserError(
    'DIGEST_AMBIGUOUS',
    `<#${channelId}> has ${schedules.length} digests (${choices}). Say which by number, e.g. /brief digest ${command} ${schedules[0]?.id}${rest.trim() ? ` ${rest.trim()}` : ''}.`,
  );
}

/**
 * A personal follow is its owner's, changed with follow and unfollow: never reached by number as a
 * channel digest, so an admin cannot move one into a channel or stop it without its owner knowing.
 */
export function refuseFollow(
  schedule: { id: number; userId: string | null; topics: string },
  userId: string,
): void {
  if (schedule.userId === null) return;
  const topic = followName(schedule);
  const label = followLabel(schedule);
  if (schedule.userId === userId)
    throw new UserError(
      'DIGEST_IS_FOLLOW',
      `Digest ${schedule.id} is your follow of ${label}, in your DMs, not a channel digest. To see what it would send now: \`/brief digest preview ${schedule.id}\`. Change its time with \`/brief follow ${topic} weekly mon 08:00\` (any schedule), pause it with \`/brief digest pause ${schedule.id}\` (and resume it the same way), stop it with \`/brief unfollow ${topic}\`; \`/brief my follows\` lists your follows.`,
    );
  throw new UserError(
    'DIGEST_IS_FOLLOW',
    `Digest ${schedule.id} is not a channel digest: it is <@${schedule.userId}>'s personal follow of ${label}, in their DMs, and only they can change it. If it must change, ask <@${schedule.userId}> (they stop it with \`/brief unfollow ${topic}\`); an admin may preview it, or end it when they have left (\`/brief digest remove ${schedule.id}\`; they are told). The channel digests: \`/brief digest list\`.`,
  );
}

/**
 * "pricing, Économie", "all topics", or "no topics" for a digest whose last topic was removed: its
 * topics as typed when the view has them (`labels`).
 */
export function topicsText(schedule: {
  topics: string | string[];
  labels?: string[];
  status: string;
}): string {
  const topics =
    schedule.labels ??
    (typeof schedule.topics === 'string' ? (JSON.parse(schedule.topics) as string[]) : schedule.topics);
  if (schedule.status === ScheduleStatus.NoTopics) return 'no topics';
  return topics.length ? topics.join(', ') : 'all topics';
}

/** The topics there are, by name: what a hint's example names, never a topic since removed. */
export async function listTopicNames(deps: Deps): Promise<string[]> {
  return (await deps.db.prisma.topic.findMany({ select: { name: true }, orderBy: { name: 'asc' } })).map(
    (entry) => entry.name,
  );
}

/** "acme, outages", or the first five and "…and 3 more": the topics a hint names. */
function someTopics(names: string[]): string {
  return names.length > 5 ? `${names.slice(0, 5).join(', ')} and ${names.length - 5} more` : names.join(', ');
}

/**
 * Resuming, previewing or posting a digest left with no topics would post every topic: refused,
 * saying what to do with the topics there are.
 */
export async function refuseNoTopics(
  deps: Deps,
  schedule: { id: number; channelId: string; status: string },
  what: string,
): Promise<void> {
  if (schedule.status !== ScheduleStatus.NoTopics) return;
  const names = await listTopicNames(deps);
  const resume = `\`/brief digest resume ${schedule.id}\``;
  const give = names[0]
    ? `Give it topics first: \`/brief digest edit ${schedule.id} topics: ${names[0]}\` (the topics are ${someTopics(names)}; or \`topics: all\` for every topic), then ${resume}.`
    : `There are no topics now: add one (\`/brief topics add <name> <query>\`), give it to the digest (\`/brief digest edit ${schedule.id} topics: <name>\`), then ${resume}.`;
  throw new UserError(
    'DIGEST_NO_TOPICS',
    `Digest ${schedule.id} for <#${schedule.channelId}> has no topics left (its last one was removed), so there is nothing to ${what}. ${give}`,
  );
}

/** "`/brief follow acme daily 07:00` sends a topic's digest to your DMs": the way to start a follow, of a topic there is. */
export async function followHint(deps: Deps): Promise<string> {
  const [example] = await listTopicNames(deps);
  return example
    ? `\`/brief follow ${example} daily 07:00\` sends a topic’s digest to your DMs; \`/brief topics list\` shows the topics.`
    : 'There are no topics to follow yet: an admin adds them (`/brief topics add <name> <query>`).';
}

type ScheduleRow = Awaited<ReturnType<typeof findSchedule>>;

/** A stored schedule as the spec that would create it: the starting point of an edit. */
export function specOf(schedule: ScheduleRow): DigestSpec {
  return {
    channelId: schedule.channelId,
    cadence: schedule.cadence as Cadence,
    weekday: schedule.weekday,
    ...(schedule.days ? { days: weeklyDays(schedule) } : {}),
    timeOfDay: schedule.timeOfDay,
    timezone: schedule.timezone,
    topics: JSON.parse(schedule.topics) as string[],
    maxItems: schedule.maxItems,
    quietDay: schedule.quietDay as DigestSpec['quietDay'],
  };
}

/** A schedule's spec as the change log keeps it: with `noTopics` when its last topic was removed (never "all topics"). */
function auditSpecOf(schedule: ScheduleRow): DigestSpec & { noTopics?: true } {
  return { ...specOf(schedule), ...(schedule.status === ScheduleStatus.NoTopics ? { noTopics: true } : {}) };
}

/**
 * Changes a digest in place: same id, runs and items already posted; a new time owes no earlier slot.
 * `topicsGiven`: the edit named topics, which gives a digest left with none its topics back (paused).
 */
export async function editSchedule(
  deps: Deps,
  schedule: ScheduleRow,
  spec: DigestSpec,
  actorId: string,
  topicsGiven = false,
) {
  const topics = await checkTopics(deps, spec.topics);
  if (schedule.userId === null) await refuseDuplicate(deps, { ...spec, topics }, schedule.id);
  const before = specOf(schedule);
  const { weekday, days } = dayColumns(spec);
  const stillNoTopics = schedule.status === ScheduleStatus.NoTopics && !topicsGiven;
  const timingChanged =
    before.cadence !== spec.cadence ||
    before.weekday !== weekday ||
    (schedule.days ?? null) !== days ||
    before.timeOfDay !== spec.timeOfDay ||
    before.timezone !== spec.timezone;
  const now = deps.clock.now();
  await deps.db.prisma.digestSchedule.update({
    where: { id: schedule.id },
    data: {
      channelId: spec.channelId,
      cadence: spec.cadence,
      weekday,
      days,
      timeOfDay: spec.timeOfDay,
      timezone: spec.timezone,
      topics: JSON.stringify(topics),
      maxItems: spec.maxItems,
      quietDay: spec.quietDay,
      ...(timingChanged ? { timingChangedAt: now } : {}),
      ...(topicsGiven && schedule.status === ScheduleStatus.NoTopics
        ? { status: ScheduleStatus.Paused }
        : {}),
    },
  });
  await recordAudit(deps.db, now, {
    actorId,
    action: 'digest.edit',
    subjectType: 'digest',
    subjectId: schedule.id,
    detail: {
      // A follow's follower: its entry reads "changed their follow", listed with the follows.
      ...(schedule.userId ? { userId: schedule.userId } : {}),
      before: auditSpecOf(schedule),
      after: {
        ...spec,
        weekday,
        ...(days ? { days: weeklyDays({ weekday, days }) } : {}),
        topics,
        ...(stillNoTopics ? { noTopics: true } : {}),
      },
    },
  });
  return (await listSchedules(deps, { ids: [schedule.id] }))[0] as ScheduleView;
}

/**
 * A paused digest resumed by hand keeps when (in `paused_until`, as a pause that ended by itself does):
 * the slots of its pause were the marketer's choice, neither caught up nor counted as missed after.
 */
function resumedAt(schedule: { status: string }, status: string, now: Date): Date | null {
  return status === 'active' && schedule.status === ScheduleStatus.Paused ? now : null;
}

/**
 * `pausedUntil`: a pause's end, when it resumes by itself (a pause without one, and a resume, clear it).
 */
export async function setScheduleStatus(
  deps: Deps,
  schedule: ScheduleRow,
  status: 'active' | 'paused' | 'removed',
  actorId: string,
  pausedUntil: Date | null = null,
) {
  if (status === 'removed') await deps.db.prisma.digestSchedule.delete({ where: { id: schedule.id } });
  else
    await deps.db.prisma.digestSchedule.update({
      where: { id: schedule.id },
      data: {
        status,
        pausedUntil: status === 'paused' ? pausedUntil : resumedAt(schedule, status, deps.clock.now()),
      },
    });
  await recordAudit(deps.db, deps.clock.now(), {
    actorId,
    action: `digest.${status === 'active' ? 'resume' : status === 'paused' ? 'pause' : 'remove'}`,
    subjectType: 'digest',
    subjectId: schedule.id,
    // Where it posted, and (removed) its settings: the change log reads them after the digest is gone.
    detail: {
      channelId: schedule.channelId,
      userId: schedule.userId,
      ...(status === 'removed' ? auditSpecOf(schedule) : {}),
      ...(pausedUntil && status === 'paused' ? { pausedUntil: pausedUntil.toISOString() } : {}),
      // A paused digest brought back by `undo` is paused again.
      ...(status === 'removed' && schedule.status === ScheduleStatus.Paused ? { paused: true } : {}),
    },
  });
  return schedule;
}

/**
 * A digest paused until a time now past is running, though the minute tick may not have resumed it
 * yet: read so (status active, its next run from now), so nobody is shown a pause that has ended.
 */
export function pauseEndedAsRunning<T extends { status: string; pausedUntil: Date | null }>(
  schedule: T,
  now: Date,
): T {
  return schedule.status === ScheduleStatus.Paused &&
    schedule.pausedUntil !== null &&
    schedule.pausedUntil <= now
    ? { ...schedule, status: ScheduleStatus.Active }
    : schedule;
}

/**
 * Digests paused until a time now past (`digest pause 1 until jan 4`) run again, from the first slot
 * at or after it: the minute tick calls this before it looks for due digests. `paused_until` stays,
 * so the slot missed just before it is not caught up (one conditional UPDATE: two instances resume once).
 */
export async function resumeEndedPauses(deps: Deps, now: Date): Promise<number[]> {
  const ended = await deps.db.prisma.digestSchedule.findMany({
    where: { status: ScheduleStatus.Paused, pausedUntil: { lte: now } },
    select: { id: true, channelId: true, userId: true, pausedUntil: true },
  });
  const resumed: number[] = [];
  for (const schedule of ended) {
    const { count } = await deps.db.prisma.digestSchedule.updateMany({
      where: { id: schedule.id, status: ScheduleStatus.Paused, pausedUntil: schedule.pausedUntil },
      data: { status: ScheduleStatus.Active },
    });
    if (count === 0) continue;
    resumed.push(schedule.id);
    await recordAudit(deps.db, now, {
      actorId: 'system',
      action: 'digest.resume',
      subjectType: 'digest',
      subjectId: schedule.id,
      detail: { channelId: schedule.channelId, userId: schedule.userId, pauseEnded: true },
    });
  }
  return resumed;
}

/** A pause's end day ("Mon 4 Jan") and the first run on or after it ("Mon 4 Jan 09:00"), on the schedule's clock. */
export function pauseEnd(
  schedule: Parameters<typeof nextSlot>[0],
  until: Date,
): { day: string; first: string } {
  const first = nextSlot(schedule, new Date(until.getTime() - 1));
  return {
    day: formatSlot(until, schedule.timezone).replace(/ 00:00$/, ''),
    first: formatSlot(first, schedule.timezone),
  };
}

/** "Mon 4 Jan (first digest: Mon 4 Jan 09:00)": as a pause's reply says it. */
export function pauseEndText(schedule: Parameters<typeof nextSlot>[0], until: Date): string {
  const { day, first } = pauseEnd(schedule, until);
  return `${day} (first digest: ${first})`;
}

/** Personal digests: anyone may follow a topic into their own DMs, and stop. */
/**
 * When a personal digest comes: daily by default, or on weekdays, or weekly on a given day; and,
 * when given, its size and what a quiet day does (as a channel digest's `max` and `quiet`).
 */
export type FollowTiming = {
  cadence: Cadence;
  weekday: number | null;
  timeOfDay: string;
  timezone: string;
  maxItems?: number;
  quietDay?: string;
};

/** A follow's default size and quiet day: eight items, nothing sent on a quiet day. */
const followDefaults = { maxItems: 8, quietDay: QuietDay.Skip } as const;

/** A follow (or channel digest) of every topic: no topics named, and not one left without its last topic. */
export function followsEverything(schedule: { topics: string | string[]; status: string }): boolean {
  return topicList(schedule.topics).length === 0 && schedule.status !== ScheduleStatus.NoTopics;
}

/** The word commands name a follow by: its topic, or `everything` for a follow of every topic. */
export function followName(schedule: { topics: string | string[] }): string {
  return topicList(schedule.topics)[0] ?? 'everything';
}

/**
 * "pricing matched nothing in the last 7 days; …" for a follow of a topic whose query now finds
 * nothing (as `topics list` counts), so its follower knows why no digest comes; else ''.
 */
export function emptyFollowNote(
  schedule: { topics: string | string[] },
  topics: Array<{ id: number; name: string; label?: string; items7d: number }>,
  reader: FollowReader,
): string {
  const [name] = topicList(schedule.topics);
  const topic = topics.find((each) => each.name === name);
  if (topic?.items7d !== 0) return '';
  // An admin can see what changed it; anyone else asks one, by name, and hears of a change only when one was made.
  const next = reader.admin
    ? `what changed it: \`/brief changes ${topic.name}\`, or follow another topic`
    : reader.edited.has(topic.id)
      ? `an admin changed its query since — ask ${reader.ask}, or follow another topic`
      : `to have it widened, ask ${reader.ask}, or follow another topic`;
  return `${topic.label ?? topic.name} matched nothing in the last 7 days; ${next}`;
}

/** Whether a word names this follow: its topic, or for the follow of every topic "everything", "all". */
export function isFollowNamed(
  schedule: { topics: string | string[]; status: string },
  word: string,
): boolean {
  return followsEverything(schedule)
    ? /^(?:everything|all|every|topics)$/.test(word)
    : followName(schedule) === word;
}

/** A follow in running text: "pricing", or "every topic". */
export function followLabel(schedule: { topics: string | string[] }): string {
  return topicList(schedule.topics)[0] ?? 'every topic';
}

function topicList(topics: string | string[]): string[] {
  return typeof topics === 'string' ? (JSON.parse(topics) as string[]) : topics;
}

/**
 * The asker's follow of `topic`, or (`topic` null) their follow of every topic; a follow left with
 * no topic is neither.
 */
export async function findFollow(deps: Deps, userId: string, topic: string | null) {
  const mine = await deps.db.prisma.digestSchedule.findMany({ where: { userId }, orderBy: { id: 'asc' } });
  if (topic === null) return mine.find(followsEverything);
  return mine.find((schedule) => topicList(schedule.topics).includes(topic.toLowerCase()));
}

/**
 * Follows a topic (or, `topic` null, every topic, those added later too) into one's DMs. Following
 * it again with another schedule (or size) changes it (`was`: the schedule it had); with the same
 * one, `unchanged`. A topic is not followed apart while every topic is (`covered`: that follow).
 */
export async function follow(
  deps: Deps,
  userId: string,
  topic: string | null,
  timing: FollowTiming,
): Promise<{ schedule: ScheduleView; was?: string; unchanged?: boolean; covered?: boolean }> {
  const everything = await findFollow(deps, userId, null);
  const existing = topic === null ? everything : await findFollow(deps, userId, topic);
  if (everything && !existing)
    return {
      schedule: (await listSchedules(deps, { ids: [everything.id] }))[0] as ScheduleView,
      covered: true,
    };
  const spec = DigestSpec.parse({
    channelId: userId,
    ...timing,
    topics: existing ? topicList(existing.topics) : topic === null ? [] : [topic],
    maxItems: timing.maxItems ?? existing?.maxItems ?? followDefaults.maxItems,
    quietDay: timing.quietDay ?? existing?.quietDay ?? followDefaults.quietDay,
  });
  if (!existing) return { schedule: await addSchedule(deps, spec, userId, userId) };
  const { weekday, days } = dayColumns(spec);
  // The "was" names what changed: the schedule, the size, the quiet day.
  const newTiming = describeTiming({ ...spec, weekday, days });
  const was = [
    describeTiming(existing) !== newTiming ? describeTiming(existing) : '',
    existing.maxItems !== spec.maxItems ? `up to ${existing.maxItems} items` : '',
    existing.quietDay !== spec.quietDay ? `quiet: ${existing.quietDay}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  const same =
    existing.cadence === spec.cadence &&
    existing.weekday === weekday &&
    (existing.days ?? null) === days &&
    existing.timeOfDay === spec.timeOfDay &&
    existing.timezone === spec.timezone &&
    existing.maxItems === spec.maxItems &&
    existing.quietDay === spec.quietDay;
  if (same)
    return {
      schedule: (await listSchedules(deps, { ids: [existing.id] }))[0] as ScheduleView,
      unchanged: true,
    };
  return { schedule: await editSchedule(deps, existing, spec, userId), was };
}

/**
 * The words after `/brief follow <topic>` that make this follow again as it is: "weekdays 07:30
 * Europe/Berlin", "weekly mon 08:00 UTC max 3"; size and quiet day only when not the default.
 */
export function followScheduleWords(schedule: {
  cadence: string;
  weekday: number | null;
  timeOfDay: string;
  timezone: string;
  maxItems: number;
  quietDay: string;
}): string {
  const day = schedule.cadence === Cadence.Weekly ? ` ${weekdayNames[schedule.weekday ?? 1]}` : '';
  return [
    `${schedule.cadence}${day} ${schedule.timeOfDay} ${schedule.timezone}`,
    schedule.maxItems !== followDefaults.maxItems ? `max ${schedule.maxItems}` : '',
    schedule.quietDay !== followDefaults.quietDay ? `quiet: ${schedule.quietDay}` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

/** "follow pricing weekdays 07:30 Europe/Berlin", "follow everything daily 07:00 UTC": the command that makes this follow again. */
export function followAgainCommand(
  schedule: Parameters<typeof followScheduleWords>[0] & { topics: string | string[] },
): string {
  return `follow ${followName(schedule)} ${followScheduleWords(schedule)}`;
}

/** " · up to 3 items · quiet: note": a follow's size and quiet day, each only when not the default. */
export function followSettings(schedule: { maxItems: number; quietDay: string }): string {
  return [
    schedule.maxItems !== followDefaults.maxItems ? ` · up to ${schedule.maxItems} items` : '',
    schedule.quietDay !== followDefaults.quietDay ? ` · quiet: ${schedule.quietDay}` : '',
  ].join('');
}

/** Stops a follow (`topic` null: the follow of every topic); returns the follows stopped, as they were (to offer following again alike). */
export async function unfollow(deps: Deps, userId: string, topic: string | null) {
  const schedules = (await deps.db.prisma.digestSchedule.findMany({ where: { userId } })).filter(
    (schedule) =>
      topic === null ? followsEverything(schedule) : topicList(schedule.topics).includes(topic.toLowerCase()),
  );
  if (schedules.length === 0)
    throw new UserError(
      'NOT_FOLLOWING',
      `You don't follow ${topic ?? 'every topic'}. \`/brief my follows\` shows what you follow.`,
    );
  for (const schedule of schedules) await setScheduleStatus(deps, schedule, 'removed', userId);
  return schedules;
}

/** An admin ended someone's follow (offboarding): its owner is told, with who did it. */
export async function tellFollowEndedByAdmin(
  deps: Deps,
  schedule: ScheduleRow,
  actorId: string,
): Promise<void> {
  if (!schedule.userId) return;
  await deliverToEach(deps, {
    kind: DeliveryKind.FollowEnded,
    subject: String(schedule.id),
    episode: deps.clock.now().getTime(),
    recipients: [schedule.userId],
    message: noticeMessage(
      `Your follow of ${followLabel(schedule)} (${describeTiming(schedule)}, in your DMs) was ended by <@${actorId}>, a Briefbot admin. To get it again: \`/brief ${followAgainCommand(schedule)}\`.`,
    ),
  });
}

/**
 * Each follower of a removed topic is told their follow ended, and what they can follow instead;
 * never `follow <topic>` again, which would be refused.
 */
export async function tellFollowsEnded(
  deps: Deps,
  topic: string,
  follows: Array<{ id: number; userId: string; timing: string }>,
  actorId: string,
): Promise<void> {
  for (const ended of follows) {
    const text = `Your follow of ${topic} (${ended.timing}, in your DMs) has ended: <@${actorId}> removed the topic ${topic} from Briefbot. \`/brief topics list\` shows the topics you can follow; \`/brief my follows\` what you still follow.`;
    await deliverToEach(deps, {
      kind: DeliveryKind.FollowEnded,
      subject: String(ended.id),
      episode: deps.clock.now().getTime(),
      recipients: [ended.userId],
      message: noticeMessage(text),
    });
  }
}
