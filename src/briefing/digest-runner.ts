import { type Summary, summarizeWithModel } from '../analysis/summarize.ts';
import { topicLabelsOf } from '../analysis/topics.ts';
import type { Sqlite } from '../db/client.ts';
import type { Deps } from '../deps.ts';
import { type FeedRefresh, refreshStaleFeeds } from '../monitor/refresh.ts';
import { earlierPosts, PostError } from '../outbox.ts';
import { digestParentMessage, digestThreadMessages, quietDayMessage } from '../slack/blocks/digest.ts';
import { noticeMessage } from '../slack/blocks/replies.ts';
import {
  bestStories,
  type CandidatePool,
  candidatePool,
  type DigestItem,
  inThreadOrder,
  itemDetails,
  loadCandidates,
  publishedSince,
  selectDigest,
  topicIdsByName,
} from './digest.ts';
import { conversationsAbout, keepDigestShown } from './drill.ts';
import { followAgainCommand, type followScheduleWords, resumeEndedPauses } from './schedules.ts';
import { latestSlot, nextSlot, type Timing } from './slots.ts';

/**
 * With a model, two sentences on what the digest's top three items say, citing them [1]–[3] as the
 * parent lists them; without one, or when it fails, none (the titles already say it).
 */
export async function digestGist(deps: Deps, topics: string[], items: DigestItem[]): Promise<Summary | null> {
  if (!deps.llm) return null;
  const about = topics.length ? topics.join(', ') : 'the topics Briefbot follows';
  const best = bestStories(items);
  const gist = await summarizeWithModel(
    deps.llm,
    deps.config.OPENAI_MODEL,
    `In two sentences: what do these new items say about ${about}?`,
    best.map(({ item }) => ({
      title: item.title,
      excerpt: item.summary,
      site: item.feedTitle,
      publishedAt: item.publishedAt,
    })),
    { logger: deps.logger, timeoutMs: deps.config.OPENAI_TIMEOUT_MS },
  );
  // Cited by their numbers in the heading and the thread, not by their place among the three.
  return (
    gist && {
      ...gist,
      sentences: gist.sentences.map((sentence) => ({
        ...sentence,
        citations: sentence.citations.map((n) => best[n - 1]?.number ?? n),
      })),
    }
  );
}

const minuteMs = 60_000;
const dayMs = 24 * 3600_000;
/** A run whose owner has not been heard of for this long is taken over by another instance. */
const staleMs = 2 * minuteMs;
/** A missed slot too old to catch up is skipped only when the next one comes within this. */
const waitAtMostMs = 3 * dayMs;
/** A scheduled run that starts this long after its slot says it is late (Briefbot was not running). */
const lateAfterMs = 15 * minuteMs;
/** A run that still cannot post after this long is given up, its unposted items released. */
const giveUpMs = 30 * minuteMs;

export const RunStatus = {
  Claimed: 'claimed',
  Posting: 'posting',
  Posted: 'posted',
  Quiet: 'quiet',
  /** A `digest now` that found nothing new: nothing posted; kept to answer a second press, never read as a digest. */
  Checked: 'checked',
  Skipped: 'skipped',
  Failed: 'failed',
} as const;

type ScheduleRow = {
  id: number;
  channelId: string;
  userId: string | null;
  cadence: string;
  timeOfDay: string;
  weekday: number | null;
  timezone: string;
  topics: string;
  maxItems: number;
  quietDay: string;
  createdBy: string | null;
  createdAt: Date;
};

export type RunReport = {
  scheduleId: number;
  runId: number;
  status: string;
  items: number;
  error?: string;
  /** A quiet run posted its quiet-day note. */
  noted?: boolean;
  /**
   * A run that chose its items: the reads of the candidates it made, 1 (its own, or the read it
   * shares with the runs due with it, made when the first of them chose) or 0 (that read, made before).
   */
  candidateReads?: number;
};

/** "top 2 of 22", and the command that makes room for them: a channel digest's edit, a follow's follow again. */
export function leftOutHeading(
  schedule: Parameters<typeof followScheduleWords>[0] & { id: number; userId: string | null; topics: string },
  total: number | undefined,
): { total?: number; raiseWith?: string; raisedTo?: number } {
  if (total === undefined || total <= schedule.maxItems) return {};
  const raise = raisedMax(schedule.maxItems, total);
  if (raise <= schedule.maxItems) return { total };
  // A follow's size is changed as it was set, by following again: its own schedule, a new max.
  return {
    total,
    raisedTo: raise,
    raiseWith:
      schedule.userId === null
        ? `digest edit ${schedule.id} max ${raise}`
        : followAgainCommand({ ...schedule, maxItems: raise }),
  };
}

/**
 * The size to suggest when a digest left stories out: every one when that at most doubles it, else
 * double (at most 50), so one busy day never suggests taking the whole firehose every time.
 */
export function raisedMax(maxItems: number, total: number): number {
  return Math.min(50, total <= maxItems * 2 ? total : maxItems * 2);
}

/** "Digest: Économie, pricing": its topics as typed. */
function scheduleTitle(sqlite: Sqlite, schedule: ScheduleRow): string {
  const topics = topicLabelsOf(sqlite, JSON.parse(schedule.topics) as string[]);
  if (schedule.userId)
    return topics.length ? `Your ${topics.join(', ')} digest` : 'Your digest of every topic';
  return `Digest: ${topics.length ? topics.join(', ') : 'the market'}`;
}

/**
 * Every schedule whose latest slot has no run gets one, exactly once across restarts and
 * instances: the run row is claimed (unique per schedule and slot) before anything is posted.
 * A missed slot is caught up when it is at most `catchUpHours` old, otherwise skipped and logged.
 * Once claimed, before the digests are built, the feeds not checked for half an hour are checked once
 * (at most `refreshWithinMs`, 20 s): a quiet feed polled daily may have posted since.
 */
export async function runDueDigests(
  deps: Deps,
  options: { owner: string; catchUpHours: number; refreshWithinMs?: number },
): Promise<RunReport[]> {
  const reports: RunReport[] = [];
  for (const runId of takeOverStaleRuns(deps, options.owner, options.catchUpHours))
    reports.push(await executeRun(deps, runId, options.owner));
  const now = deps.clock.now();
  await resumeEndedPauses(deps, now);
  const schedules = await deps.db.prisma.digestSchedule.findMany({ where: { status: 'active' } });
  const claimed: number[] = [];
  for (const schedule of schedules) {
    const slot = latestSlot(schedule, now);
    // A slot before the schedule existed, before its time was edited, or before a pause's end, was never owed.
    if (slot < (schedule.timingChangedAt ?? schedule.createdAt)) continue;
    if (schedule.pausedUntil && slot < schedule.pausedUntil) continue;
    const late = now.getTime() - slot.getTime();
    // A weekly digest missed by days is caught up now rather than days later, covering two weeks.
    if (
      late > options.catchUpHours * 3600_000 &&
      nextSlot(schedule, now).getTime() - now.getTime() <= waitAtMostMs
    ) {
      const skipped = claimRun(deps.db.sqlite, schedule.id, slot, options.owner, now, RunStatus.Skipped);
      if (skipped) {
        deps.logger.warn(
          { scheduleId: schedule.id, slot: slot.toISOString() },
          'digest slot missed and too old to catch up',
        );
        reports.push({ scheduleId: schedule.id, runId: skipped, status: RunStatus.Skipped, items: 0 });
      }
      continue;
    }
    const runId = claimRun(deps.db.sqlite, schedule.id, slot, options.owner, now, RunStatus.Claimed);
    if (runId) claimed.push(runId);
  }
  if (claimed.length === 0) return reports;
  // Once for every digest this instance claimed this minute: they all read the same feeds.
  const refresh = refreshBeforeDigest(deps, options.refreshWithinMs);
  await refresh.ready;
  // Begun together after the refresh: what it stored is these digests', not the next ones' too. Their
  // windows all end there, so one read of the candidates, from the earliest window's start, serves them all.
  const startedAt = deps.clock.now();
  const started = claimed.filter((runId) => restartRun(deps.db.sqlite, runId, options.owner, startedAt));
  const pool = sharedCandidates(deps, started, startedAt);
  for (const runId of started) {
    // One left waiting behind slow posts for so long that another instance took it over is that one's.
    if (stillOwned(deps.db.sqlite, runId, options.owner, deps.clock.now()))
      reports.push(await executeRun(deps, runId, options.owner, pool));
  }
  if (pool && pool.reads() > 0)
    deps.logger.info(
      { runs: started.length, since: pool.since.toISOString(), reads: pool.reads() },
      'digest candidates read once for the runs due together',
    );
  // Feeds still being read when the digests went on are stored before the minute job ends.
  await refresh.done;
  return reports;
}

/**
 * The candidates of the runs begun together at `until`, read (when the first of them chooses its
 * items) from the earliest of their windows' starts; none for a run alone.
 */
function sharedCandidates(deps: Deps, runIds: number[], until: Date): CandidatePool | undefined {
  if (runIds.length < 2) return undefined;
  const runOf = deps.db.sqlite
    .prepare('SELECT schedule_id, slot FROM digest_runs WHERE id = ?')
    .raw()
    .safeIntegers(false);
  const starts = runIds.flatMap((runId) => {
    const run = runOf.get(runId) as [number, number] | undefined;
    return run ? [windowStart(deps.db.sqlite, run[0], run[1]).since] : [];
  });
  return starts.length < 2 ? undefined : candidatePool(deps.db.sqlite, new Date(Math.min(...starts)), until);
}

/** A claimed run still this owner's (not taken over while it waited): its heartbeat renewed. */
function stillOwned(sqlite: Sqlite, runId: number, owner: string, now: Date): boolean {
  return (
    sqlite
      .prepare("UPDATE digest_runs SET heartbeat_at = ? WHERE id = ? AND owner = ? AND status = 'claimed'")
      .run(now.getTime(), runId, owner).changes === 1
  );
}

/** The check of the feeds not read for half an hour, before a digest is built or previewed (20 s at most by default). */
export function refreshBeforeDigest(deps: Deps, withinMs?: number): FeedRefresh {
  return refreshStaleFeeds(deps, withinMs === undefined ? {} : { withinMs });
}

/**
 * A claimed run begins when its feeds have been read: its window ends, and the next one's starts,
 * there. False when it is no longer this owner's to run.
 */
function restartRun(sqlite: Sqlite, runId: number, owner: string, now: Date): boolean {
  return (
    sqlite
      .prepare(
        "UPDATE digest_runs SET started_at = ?, heartbeat_at = ? WHERE id = ? AND owner = ? AND status = 'claimed'",
      )
      .run(now.getTime(), now.getTime(), runId, owner).changes === 1
  );
}

/** The owner of a `digest now` run: who asked for it. */
const manualOwner = 'now:';

function isManual(owner: string): boolean {
  return owner.startsWith(manualOwner);
}

/**
 * Posts a schedule's digest now ("/brief digest now"), as a run of its own; when this minute has
 * a run already (a second press), that run as it stands, `repeated`. Like a scheduled run, it first
 * checks the feeds not read for half an hour, waiting at most `refreshWithinMs` (20 s) for them.
 */
export async function runDigestNow(
  deps: Deps,
  scheduleId: number,
  owner: `${typeof manualOwner}${string}`,
  options: { refreshWithinMs?: number } = {},
): Promise<RunReport & { repeated?: true }> {
  const now = deps.clock.now();
  const slot = minuteOf(now);
  const runId = claimRun(deps.db.sqlite, scheduleId, slot, owner, now, RunStatus.Claimed);
  if (runId) {
    const refresh = refreshBeforeDigest(deps, options.refreshWithinMs);
    await refresh.ready;
    // The window ends after the check, as a scheduled run's does; a run taken over meanwhile is read below.
    const report = restartRun(deps.db.sqlite, runId, owner, deps.clock.now())
      ? await executeRun(deps, runId, owner)
      : null;
    await refresh.done;
    if (report) return report;
  }
  const run = await deps.db.prisma.digestRun.findUniqueOrThrow({
    where: { scheduleId_slot: { scheduleId, slot } },
  });
  return {
    scheduleId,
    runId: run.id,
    status: run.status,
    items: run.itemCount,
    ...(run.error ? { error: run.error } : {}),
    repeated: true,
  };
}

/**
 * The last digest of a schedule that went out (posted, or a scheduled quiet run) before `before`:
 * what a `digest now` with nothing new is measured against.
 */
export function lastDigestOut(
  sqlite: Sqlite,
  scheduleId: number,
  before: Date,
): { status: string; at: Date; items: number } | undefined {
  const row = sqlite
    .prepare(
      `SELECT status, MAX(slot, started_at), item_count FROM digest_runs WHERE schedule_id = ? AND slot < ? AND status IN ('posted', 'quiet')
       ORDER BY slot DESC LIMIT 1`,
    )
    .raw()
    .safeIntegers(false)
    .get(scheduleId, before.getTime()) as [string, number, number] | undefined;
  return row && { status: row[0], at: new Date(row[1]), items: row[2] };
}

/** INSERT OR IGNORE on (schedule, slot): the one instance whose row lands owns the run. */
function claimRun(
  sqlite: Sqlite,
  scheduleId: number,
  slot: Date,
  owner: string,
  now: Date,
  status: string,
): number | null {
  const result = sqlite
    .prepare(
      `INSERT OR IGNORE INTO digest_runs (schedule_id, slot, status, owner, item_count, started_at, heartbeat_at)
       VALUES (?, ?, ?, ?, 0, ?, ?)`,
    )
    .run(scheduleId, slot.getTime(), status, owner, now.getTime(), now.getTime());
  return result.changes === 1 ? Number(result.lastInsertRowid) : null;
}

/** Runs left half-done by an instance that stopped (or by this one before a restart) are taken over. */
function takeOverStaleRuns(deps: Deps, owner: string, catchUpHours: number): number[] {
  const now = deps.clock.now().getTime();
  // A run left unfinished for longer than a catch-up would allow is news no more: closed, items released.
  const abandoned = deps.db.sqlite
    .prepare(
      `SELECT id FROM digest_runs WHERE status IN ('claimed', 'posting') AND slot < ? AND (heartbeat_at IS NULL OR heartbeat_at < ?)`,
    )
    .pluck()
    .safeIntegers(false)
    .all(now - catchUpHours * 3600_000, now - staleMs) as number[];
  for (const id of abandoned) {
    deps.db.sqlite.transaction(() => {
      deps.db.sqlite
        .prepare("DELETE FROM channel_posts WHERE source = 'digest' AND source_id = ? AND message_ts IS NULL")
        .run(id);
      finishRun(deps.db.sqlite, id, RunStatus.Failed, new Date(now), 'too_late');
    })();
    deps.logger.warn({ runId: id }, 'unfinished digest run too old to resume; closed');
  }
  const stale = deps.db.sqlite
    .prepare(
      `SELECT id, heartbeat_at FROM digest_runs WHERE status IN ('claimed', 'posting') AND (heartbeat_at IS NULL OR heartbeat_at < ?)`,
    )
    .raw()
    .safeIntegers(false)
    .all(now - staleMs) as Array<[number, number | null]>;
  const taken: number[] = [];
  const take = deps.db.sqlite.prepare(
    "UPDATE digest_runs SET owner = ?, heartbeat_at = ? WHERE id = ? AND heartbeat_at IS ? AND status IN ('claimed', 'posting')",
  );
  for (const [id, heartbeat] of stale) {
    // Conditional on the heartbeat we read: when two instances race for it, one update lands.
    if (take.run(owner, now, id, heartbeat).changes === 1) taken.push(id);
  }
  return taken;
}

function heartbeat(sqlite: Sqlite, runId: number, now: Date): void {
  sqlite.prepare('UPDATE digest_runs SET heartbeat_at = ? WHERE id = ?').run(now.getTime(), runId);
}

function finishRun(
  sqlite: Sqlite,
  runId: number,
  status: string,
  now: Date,
  error: string | null = null,
): void {
  sqlite
    .prepare('UPDATE digest_runs SET status = ?, finished_at = ?, heartbeat_at = ?, error = ? WHERE id = ?')
    .run(status, now.getTime(), now.getTime(), error, runId);
}

/** The window the next run of a schedule would read, as `digest preview` shows it: the runner's own. */
export function nextDigestWindow(sqlite: Sqlite, scheduleId: number, now: Date) {
  const window = windowStart(sqlite, scheduleId, now.getTime() + 1);
  // A first digest looks back one period from its slot: `digest now`'s, this minute.
  return window.previousCount === null ? windowStart(sqlite, scheduleId, minuteOf(now).getTime()) : window;
}

/** The slot of a `digest now`: the minute it is asked in. */
export function minuteOf(now: Date): Date {
  return new Date(Math.floor(now.getTime() / minuteMs) * minuteMs);
}

/**
 * Since the last digest that went out read its items (when its run began, not its slot: a `digest now`
 * at 09:00:40 has read what came at 09:00:20); the first one looks back a day. `previousCount` is the
 * stories that digest's window held (its "of 22"), not the few its size let it show.
 */
function windowStart(
  sqlite: Sqlite,
  scheduleId: number,
  slot: number,
): { since: number; previousCount: number | null } {
  const last = sqlite
    .prepare(
      `SELECT MAX(slot, started_at), COALESCE(candidate_count, item_count) FROM digest_runs WHERE schedule_id = ? AND slot < ? AND status IN ('posted', 'quiet')
       ORDER BY slot DESC LIMIT 1`,
    )
    .raw()
    .safeIntegers(false)
    .get(scheduleId, slot) as [number, number] | undefined;
  if (last) return { since: last[0], previousCount: last[1] };
  // None went out yet: one period of the schedule before the first slot that should have had one
  // (a week for a weekly digest, since Friday's slot for a weekdays one on a Monday), so a first
  // edition sums up what it is meant to, and the items a failed or skipped first run released are not lost.
  const first = sqlite
    .prepare(
      "SELECT MIN(slot) FROM digest_runs WHERE schedule_id = ? AND slot < ? AND status IN ('failed', 'skipped')",
    )
    .pluck()
    .safeIntegers(false)
    .get(scheduleId, slot) as number | null;
  return { since: previousSlot(sqlite, scheduleId, first ?? slot), previousCount: null };
}

/**
 * One period of the schedule before `at`: the slot before it when `at` is a slot; for a `digest now`
 * between slots, the length of the period it falls in (a day, a week). A day when the schedule is gone.
 */
function previousSlot(sqlite: Sqlite, scheduleId: number, at: number): number {
  const timing = sqlite
    .prepare(
      'SELECT cadence, weekday, days, time_of_day AS timeOfDay, timezone FROM digest_schedules WHERE id = ?',
    )
    .safeIntegers(false)
    .get(scheduleId) as Timing | undefined;
  if (!timing) return at - dayMs;
  const latest = latestSlot(timing, new Date(at)).getTime();
  if (latest === at) return latestSlot(timing, new Date(at - 1)).getTime();
  return at - (nextSlot(timing, new Date(at)).getTime() - latest);
}

/**
 * Carries a run to its end: choose and reserve the items (once), post the parent (once), then
 * each thread message whose items are not posted yet. Every step is recorded as it happens, so
 * a run cut short resumes where it stopped and never posts anything twice.
 */
export async function executeRun(
  deps: Deps,
  runId: number,
  owner: string,
  pool?: CandidatePool,
): Promise<RunReport> {
  const { sqlite } = deps.db;
  const run = await deps.db.prisma.digestRun.findUniqueOrThrow({
    where: { id: runId },
    include: { schedule: true },
  });
  const schedule = run.schedule;
  let candidateReads: number | undefined;
  const report = (status: string, items: number, error?: string): RunReport => ({
    scheduleId: schedule.id,
    runId,
    status,
    items,
    ...(error ? { error } : {}),
    ...(candidateReads === undefined ? {} : { candidateReads }),
  });
  const { since, previousCount } = windowStart(sqlite, schedule.id, run.slot.getTime());
  const title = scheduleTitle(sqlite, schedule);
  // The stories the window held when the items were chosen (kept on the run for a resumed one).
  let total = run.candidateCount ?? undefined;
  // Known when the run chose its items just now; a resumed run's heading leaves it out.
  let recent: number | undefined;
  try {
    if (run.status === RunStatus.Claimed) {
      // Its window cut from the read shared with the runs begun with it, else read alone.
      const readBefore = pool?.reads() ?? 0;
      const shared = pool?.window(new Date(since));
      const now = shared && pool ? pool.until : deps.clock.now();
      const candidates = shared?.candidates ?? loadCandidates(sqlite, new Date(since), now);
      candidateReads = shared && pool ? pool.reads() - readBefore : 1;
      const digest = selectDigest(
        sqlite,
        {
          id: schedule.id,
          channelId: schedule.channelId,
          topicNames: JSON.parse(schedule.topics),
          maxItems: schedule.maxItems,
        },
        candidates,
        topicIdsByName(sqlite),
        new Date(since),
        now,
        shared?.byTopic,
      );
      if (digest.items.length === 0) {
        // The quiet-day note is the scheduled digest's: a `digest now` with nothing new posts nothing.
        if (isManual(owner)) {
          finishRun(sqlite, runId, RunStatus.Checked, deps.clock.now());
          return report(RunStatus.Checked, 0);
        }
        const noted = schedule.quietDay === 'note';
        if (noted)
          await deps.outbox.post(
            schedule.channelId,
            quietDayMessage(
              title,
              new Date(since),
              schedule.timezone,
              lateRun(schedule, run.slot, run.startedAt, since),
              firstFeedAddedAfter(sqlite, since, now),
            ),
          );
        finishRun(sqlite, runId, RunStatus.Quiet, deps.clock.now());
        return { ...report(RunStatus.Quiet, 0), noted };
      }
      total = digest.candidates;
      recent = publishedSince(digest, new Date(since));
      reserve(sqlite, runId, schedule.channelId, digest.items, total, now);
    }
    const items = inThreadOrder(reservedItems(sqlite, runId, JSON.parse(schedule.topics)));
    if (items.length === 0) {
      finishRun(sqlite, runId, RunStatus.Quiet, deps.clock.now());
      return report(RunStatus.Quiet, 0);
    }
    const now = deps.clock.now();
    // A run resumed after its poster died or lost Slack's answer may have posted more than it
    // recorded: what the channel already shows (found by marker) is recorded, not posted again.
    const resuming = run.status === RunStatus.Posting;
    let parentTs = run.parentTs;
    // A parent posted just now has nothing under it yet; one posted before may have.
    let threadMayHavePosts = resuming && Boolean(parentTs);
    if (!parentTs) {
      const marker = `digest:${runId}`;
      const found = resuming
        ? (await earlierPosts(deps.outbox, deps.logger, schedule.channelId, { since: run.startedAt }))?.get(
            marker,
          )
        : undefined;
      if (found) {
        parentTs = found;
        threadMayHavePosts = true;
      } else {
        const gist = await digestGist(deps, JSON.parse(schedule.topics), items);
        const late = isManual(owner) ? undefined : lateRun(schedule, run.slot, run.startedAt, since);
        const parent = digestParentMessage(
          {
            title,
            since: new Date(since),
            timeZone: schedule.timezone,
            // A window over missed digests, or over a pause, is longer than the last one's: no trend against it.
            previousCount: late?.missed || overPause(schedule, since) ? null : previousCount,
            ...(late ? { late } : {}),
            gist,
            ...leftOutHeading(schedule, total),
            ...(recent === undefined ? {} : { recent }),
          },
          items,
        );
        parentTs = (await deps.outbox.post(schedule.channelId, parent, { marker })).ts ?? '';
        await keepDigestShown(deps, schedule.channelId, title, items);
        // Who posted it with `digest now` has just read it too: their next number opens its story.
        if (isManual(owner)) await keepDigestShown(deps, owner.slice(manualOwner.length), title, items);
      }
      sqlite
        .prepare('UPDATE digest_runs SET parent_ts = ?, heartbeat_at = ? WHERE id = ?')
        .run(parentTs, now.getTime(), runId);
    }
    const posted = postedItems(sqlite, runId);
    const messages = digestThreadMessages(schedule.channelId, items, now, {
      feedback: true,
      since: new Date(since),
      conversations: conversationsAbout(deps, items),
    }).filter(({ itemIds }) => !itemIds.every((id) => posted.has(id)));
    const inThread =
      threadMayHavePosts && parentTs && messages.length > 0
        ? await earlierPosts(deps.outbox, deps.logger, schedule.channelId, {
            since: run.startedAt,
            threadTs: parentTs,
          })
        : null;
    const mark = sqlite.prepare(
      "UPDATE channel_posts SET message_ts = ? WHERE source = 'digest' AND source_id = ? AND item_id = ?",
    );
    for (const { message, itemIds } of messages) {
      const marker = `digest:${runId}:${itemIds[0]}`;
      const found = inThread?.get(marker);
      const { ts } = found
        ? { ts: found }
        : await deps.outbox.post(schedule.channelId, message, {
            marker,
            ...(parentTs ? { threadTs: parentTs } : {}),
          });
      sqlite.transaction(() => {
        for (const id of itemIds) mark.run(ts ?? '', runId, id);
      })();
      heartbeat(sqlite, runId, deps.clock.now());
    }
    finishRun(sqlite, runId, RunStatus.Posted, deps.clock.now());
    deps.logger.info({ scheduleId: schedule.id, runId, items: items.length }, 'digest posted');
    return report(RunStatus.Posted, items.length);
  } catch (error) {
    return handleRunError(deps, runId, schedule, error, owner, report);
  }
}

/**
 * When Briefbot began reading feeds, if that was after `since`: a first digest's window reaches back
 * before any feed was watched, and what the feeds held when added is kept, not posted as news.
 */
function firstFeedAddedAfter(sqlite: Sqlite, since: number, now: Date): Date | undefined {
  const first = sqlite.prepare('SELECT MIN(created_at) FROM feeds').pluck().safeIntegers(false).get() as
    | number
    | null;
  return first !== null && first > since && first <= now.getTime() ? new Date(first) : undefined;
}

/**
 * A scheduled run that began well after its slot (Briefbot was down or asleep), or whose window reaches
 * back over slots that had no digest (skipped, failed, paused): when it was due, whether it is late,
 * and how many of those slots it covers. Undefined for a run on time after the digest before it.
 */
function lateRun(
  schedule: Timing & { createdAt: Date; timingChangedAt: Date | null; pausedUntil: Date | null },
  slot: Date,
  startedAt: Date,
  since: number,
): { due: Date; missed: number; late: boolean } | undefined {
  const late = startedAt.getTime() - slot.getTime() >= lateAfterMs;
  // Only slots of the schedule as it stands: after an edit (weekly to daily), earlier days were never owed;
  // nor were those in a pause the marketer chose (`digest pause 1 until jan 4`): from its end on.
  const owedFrom = Math.max(
    since,
    (schedule.timingChangedAt ?? schedule.createdAt).getTime(),
    (schedule.pausedUntil?.getTime() ?? 0) - 1,
  );
  let missed = 0;
  for (
    let at = nextSlot(schedule, new Date(owedFrom));
    at < slot && missed < 1000;
    at = nextSlot(schedule, at)
  )
    missed++;
  return late || missed > 0 ? { due: slot, missed, late } : undefined;
}

/** The window reaches back over a pause with an end (`digest pause 1 until jan 4`): it began before the end. */
function overPause(schedule: { pausedUntil: Date | null }, since: number): boolean {
  return schedule.pausedUntil !== null && since < schedule.pausedUntil.getTime();
}

function reserve(
  sqlite: Sqlite,
  runId: number,
  channelId: string,
  items: DigestItem[],
  candidates: number,
  now: Date,
): void {
  const insert = sqlite.prepare(
    `INSERT OR IGNORE INTO channel_posts (channel_id, item_id, source, source_id, message_ts, posted_at, source_count, told_at)
     VALUES (?, ?, 'digest', ?, NULL, ?, ?, ?)`,
  );
  sqlite.transaction(() => {
    let reserved = 0;
    // An item another digest of this channel reserved meanwhile is left to that one.
    for (const item of items)
      reserved += insert.run(
        channelId,
        item.id,
        runId,
        now.getTime(),
        item.otherSources + 1,
        item.toldAt?.getTime() ?? null,
      ).changes;
    sqlite
      .prepare(
        "UPDATE digest_runs SET status = 'posting', item_count = ?, candidate_count = ?, heartbeat_at = ? WHERE id = ?",
      )
      .run(reserved, candidates, now.getTime(), runId);
  })();
}

/** The run's items in the order they were chosen, with the schedule's topics they match. */
function reservedItems(sqlite: Sqlite, runId: number, scheduleTopics: string[]): DigestItem[] {
  const rows = sqlite
    .prepare(
      `SELECT cp.item_id, COALESCE(cp.source_count, c.source_count, 1), group_concat(t.name), cp.told_at
       FROM channel_posts cp JOIN items i ON i.id = cp.item_id LEFT JOIN clusters c ON c.id = i.cluster_id
         LEFT JOIN item_topics it ON it.item_id = cp.item_id LEFT JOIN topics t ON t.id = it.topic_id
       WHERE cp.source = 'digest' AND cp.source_id = ? GROUP BY cp.id ORDER BY cp.id`,
    )
    .raw()
    .safeIntegers(false)
    .all(runId) as Array<[number, number, string | null, number | null]>;
  const wanted = new Set(scheduleTopics);
  return itemDetails(
    sqlite,
    rows.map(([id, sources, topics, toldAt], index) => {
      const names = (topics ?? '').split(',').filter(Boolean);
      return {
        id,
        ...(toldAt === null ? {} : { toldAt }),
        score: rows.length - index,
        otherSources: Math.max(0, sources - 1),
        topics: wanted.size ? names.filter((name) => wanted.has(name)) : names,
        alsoAbout: names.filter((name) => wanted.size && !wanted.has(name)),
      };
    }),
    scheduleTopics,
  );
}

function postedItems(sqlite: Sqlite, runId: number): Set<number> {
  return new Set(
    sqlite
      .prepare(
        "SELECT item_id FROM channel_posts WHERE source = 'digest' AND source_id = ? AND message_ts IS NOT NULL",
      )
      .pluck()
      .safeIntegers(false)
      .all(runId) as number[],
  );
}

const postErrorText: Record<string, (channel: string) => string> = {
  not_in_channel: (channel) =>
    `I am not a member of <#${channel}>. Invite me there with \`/invite @Briefbot\`; the next digest will go out as scheduled.`,
  is_archived: (channel) =>
    `<#${channel}> is archived. Point the digest at another channel: remove it (\`/brief digest remove\`) and add it again.`,
  channel_not_found: (channel) =>
    `I can't find <#${channel}> (deleted, or private without me). Invite me, or remove the digest.`,
};

async function handleRunError(
  deps: Deps,
  runId: number,
  schedule: { id: number; channelId: string; createdBy: string | null },
  error: unknown,
  _owner: string,
  report: (status: string, items: number, error?: string) => RunReport,
): Promise<RunReport> {
  const { sqlite } = deps.db;
  const now = deps.clock.now();
  const code = error instanceof PostError ? error.code : 'internal_error';
  const started = sqlite
    .prepare('SELECT started_at FROM digest_runs WHERE id = ?')
    .pluck()
    .safeIntegers(false)
    .get(runId) as number;
  const permanent = error instanceof PostError ? error.permanent : false;
  if (!permanent && now.getTime() - started < giveUpMs) {
    // Slack is busy or down: the run stays open and is resumed at the next sweep.
    deps.logger.warn({ scheduleId: schedule.id, runId, code }, 'digest posting interrupted; will resume');
    sqlite
      .prepare('UPDATE digest_runs SET heartbeat_at = ?, error = ? WHERE id = ?')
      .run(now.getTime() - staleMs, code, runId);
    return report(RunStatus.Posting, 0, code);
  }
  if (!(error instanceof PostError))
    deps.logger.error({ scheduleId: schedule.id, runId, error }, 'digest run failed');
  // The run that ended before this one: a failure it repeats was already told.
  const previous = sqlite
    .prepare(
      "SELECT status, error FROM digest_runs WHERE schedule_id = ? AND id != ? AND status IN ('posted', 'quiet', 'failed') ORDER BY id DESC LIMIT 1",
    )
    .get(schedule.id, runId) as { status: string; error: string | null } | undefined;
  const repeated = previous?.status === RunStatus.Failed && previous.error === code;
  sqlite.transaction(() => {
    // Items this run could not post go back into the pool for a later digest.
    sqlite
      .prepare("DELETE FROM channel_posts WHERE source = 'digest' AND source_id = ? AND message_ts IS NULL")
      .run(runId);
    // What the run says it posted is what stayed posted.
    sqlite
      .prepare(
        "UPDATE digest_runs SET item_count = (SELECT COUNT(*) FROM channel_posts WHERE source = 'digest' AND source_id = ?) WHERE id = ?",
      )
      .run(runId, runId);
    finishRun(sqlite, runId, RunStatus.Failed, now, code);
  })();
  deps.logger.warn({ scheduleId: schedule.id, runId, code }, 'digest run failed');
  // Told once per kind of failure, not at every slot.
  if (schedule.createdBy && !repeated) {
    const explain =
      postErrorText[code]?.(schedule.channelId) ??
      `Slack refused the digest for <#${schedule.channelId}> (${code}).`;
    try {
      await deps.outbox.post(
        schedule.createdBy,
        noticeMessage(`The digest ${schedule.id} could not be posted. ${explain}`),
      );
    } catch (notifyError) {
      deps.logger.warn(
        { scheduleId: schedule.id, error: notifyError },
        'digest failure notice not delivered',
      );
    }
  }
  return report(RunStatus.Failed, 0, code);
}
