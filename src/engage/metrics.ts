import type { Deps } from '../deps.ts';
import { releasedFrom } from './claims.ts';
import { awayAtSql } from './smes.ts';

export type ResponseStats = {
  label: string;
  nudges: number;
  /** Claimed by the expert themselves; an admin's reassignment counts apart. */
  claimed: number;
  /** Claims made (on an expert's row: theirs): more than `claimed` when a conversation was claimed again after a release. */
  claims: number;
  /** Given by an admin (on an expert's row: to them). */
  reassigned: number;
  /** On an expert's row: conversations they held that an admin then gave to someone else. */
  handedOn: number;
  /** Conversations a claim was given back on by its holder, whatever happened next. */
  released: number;
  /** Releases made (on an expert's row: theirs): more than `released` when a conversation was given back twice. */
  releases: number;
  /** Conversations an admin took a claim back from (on an expert's row: theirs), whatever happened next. */
  releasedByAdmin: number;
  /** Claims an admin took back (on an expert's row: theirs): more than `releasedByAdmin` as `releases` is. */
  adminReleases: number;
  /**
   * On an expert's row: conversations they held that an admin dismissed, whatever happened next; on the
   * team's and a topic's: those an admin dismissed and someone reopened since (the dismissed ones are in `adminDismissed`).
   */
  dismissedByAdmin: number;
  /** Of `dismissedByAdmin`, those reopened since (on the team's and a topic's, all of them): said so, as no dismissal now. */
  dismissalsReopened: number;
  /** Replied to (on an expert's row: by them), a reply an admin reopened since among them: the reply was made. */
  replied: number;
  /** Of those replied, the ones whose last reply an admin recorded for the expert: counted, but kept out of the times. */
  recorded: number;
  /** Replied or dismissed, then reopened by an admin: a reply still counts as made (timed when no later one came); a dismissal no longer stands. */
  reopened: number;
  /** Judged not relevant by an expert or admin: finished, but no reply was owed. */
  dismissed: number;
  /** Of those dismissed, the ones an admin dismissed (none on an expert's row: those are nobody's). */
  adminDismissed: number;
  /** Expired with no reply ever made (one replied, reopened and then expired was answered once). */
  expired: number;
  /** Replied, dismissed or expired. The rest is in progress. */
  finished: number;
  inProgress: number;
  /** Of those in progress, the ones posted that an expert on the beat can claim: waiting for a claim. */
  waiting: number;
  /** Of those in progress, the ones posted with no expert to ask (none on the beat, all away, or the only one gave it back). */
  stranded: number;
  /** Of those in progress, the ones not posted yet (quiet hours, the channel's daily limit). */
  unposted: number;
  /**
   * On an expert's row: the conversations posted on their beat in the period that nobody took, still
   * waiting on them (not while they are away) or lapsed; none on the team's and a topic's.
   */
  asked: number;
  /** Of `asked`, those still waiting for a claim, with them among those who can take it. */
  waitingOnThem: number;
  /** Of `waitingOnThem`, those among the row's own conversations (one reopened after their reply, say). */
  waitingAgain: number;
  /** Of `asked`, those that expired with nobody ever holding them. */
  lapsed: number;
  medianClaimMinutes: number | null;
  medianReplyMinutes: number | null;
};

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return Math.round(
    sorted.length % 2
      ? (sorted[middle] as number)
      : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2,
  );
}

/**
 * How fast the company responds: time to claim, time to reply and share replied, per expert and per topic,
 * over the conversations posted or acted on (claimed, replied, dismissed, reopened…) in the last `period`
 * days, or from its `since` to its `until` (a whole past period, as "last month").
 * Dismissals and what is in progress count as each conversation stands now (a reopened one is in
 * progress again); replies, claims, reassignments, hand-ons, releases and reopenings count as they
 * happened (a reply an admin reopened for a better one was still made, when it was), so an expert's row keeps what they did ("1 claimed · 1
 * released") whatever became of the conversation since. Time to claim counts from the post (from the reopening, for
 * a claim made after one); time to reply is, for the team and a topic, from the post to the reply (what
 * the market waited), and on an expert's row from their claim to their reply (what they took).
 * `only` narrows them to one topic (by name) or one expert's conversations. A topic's conversations are
 * those asked on it and those whose story it also matches (a Globex story asked on pricing is about
 * Globex too); `alsoAsked` counts the latter by the topic they were asked on.
 */
export function responseStats(
  deps: Deps,
  period: number | { since: Date; until: Date },
  only: { topic?: string; claimant?: string } = {},
): {
  overall: ResponseStats;
  bySme: ResponseStats[];
  byTopic: ResponseStats[];
  alsoAsked: Map<string, number>;
} {
  const now = deps.clock.now().getTime();
  const since = typeof period === 'number' ? now - period * 24 * 3600_000 : period.since.getTime();
  // A whole past period ("last month") ends before now; a period so far takes in what happens now.
  const until =
    typeof period === 'number' || period.until.getTime() >= now
      ? Number.MAX_SAFE_INTEGER
      : period.until.getTime();
  const raw = deps.db.sqlite
    .prepare(
      `SELECT n.id, n.claimant_id AS claimant,
         COALESCE(t.display_name, t.name, COALESCE(n.topic_label, n.topic_name) || ' (removed)', '(no topic)') AS topic,
         COALESCE(t.name, n.topic_name) AS askedOn, t.name AS beat, n.state,
         n.posted_at IS NOT NULL AS posted, COALESCE(n.posted_at, n.created_at) AS postedAt, n.reopened_at AS reopenedAt,
         n.claimed_at AS claimedAt, n.replied_at AS repliedAt,
         (SELECT json_group_array(s.name) FROM item_topics it JOIN topics s ON s.id = it.topic_id
          WHERE it.item_id = n.item_id) AS storyTopics
       FROM nudges n LEFT JOIN topics t ON t.id = n.topic_id
       WHERE (n.created_at >= @since AND n.created_at < @until) OR n.id IN (
         SELECT CAST(subject_id AS INTEGER) FROM audit_events
         WHERE subject_type = 'nudge' AND at >= @since AND at < @until)`,
    )
    .safeIntegers(false)
    .all({ since, until }) as (Omit<Row, 'storyTopics'> & { storyTopics: string })[];
  const rows = raw.map((row) => ({ ...row, storyTopics: JSON.parse(row.storyTopics) as string[] }));
  const trails = conversationTrails(
    deps,
    rows.map((row) => row.id),
  );
  const trailOf = (row: Row): Trail => trails.get(row.id) ?? emptyTrail();
  // A reply an admin recorded: its times are the admin's typing, not the expert's.
  const recorded = (row: Row) => row.state === 'replied' && trailOf(row).recorded;
  // Whose it is: its claimant, or, for one an expert dismissed, that expert (their work, on their row).
  // An admin's dismissal is nobody's row: it is no expert's work, and no dismissal of the claimant's.
  const owner = (row: Row) => {
    if (row.state !== 'dismissed') return row.claimant;
    const trail = trailOf(row);
    return trail.dismissedAsAdmin ? null : (trail.dismissedBy ?? row.claimant);
  };
  /** Everyone who did something with it as an expert: claimed, was given, held, gave back, replied or dismissed. */
  const people = (row: Row) => {
    const trail = trailOf(row);
    return [
      owner(row),
      ...trail.claims.map((claim) => claim.by),
      ...trail.given,
      ...trail.handedOn,
      ...trail.released,
      ...trail.releasedByAdmin,
      ...trail.dismissedByAdmin,
      ...trail.reopened,
    ].filter((id): id is string => Boolean(id));
  };
  const onTopic = rows.filter(
    (row) => only.topic === undefined || row.askedOn === only.topic || row.storyTopics.includes(only.topic),
  );
  const scoped = onTopic.filter((row) => only.claimant === undefined || people(row).includes(only.claimant));
  const beats = beatsNow(deps);
  /** The experts on its beat who can be asked now (none once its topic is removed). */
  const askable = (row: Row) =>
    (beats.get(row.beat ?? '') ?? []).filter((expert) => !expert.away).map((expert) => expert.userId);
  // As `nudge list` sorts them: nobody to ask when no expert on the beat is in, or the only one gave it back.
  const stranded = (row: Row) => {
    if (row.state !== 'open' || !row.posted) return false;
    const [first, ...others] = askable(row);
    return first === undefined || (others.length === 0 && releasedFrom(deps, row.id) === first);
  };
  /**
   * Whether a conversation asks `expert` and nobody took it: posted on their beat and waiting for a
   * claim they can make (not while they are away, nor once they gave it back), or expired with nobody ever holding it.
   */
  const untakenBy = (row: Row, expert: string) =>
    row.posted &&
    (beats.get(row.beat ?? '') ?? []).some((entry) => entry.userId === expert) &&
    (row.state === 'open'
      ? askable(row).includes(expert) && !stranded(row) && !trailOf(row).released.has(expert)
      : row.state === 'expired' && trailOf(row).claims.length === 0 && trailOf(row).given.size === 0);
  /** What was asked of an expert and not taken, of the conversations on the topic in the period. */
  const askedFigures = (expert: string, group: Row[]) => {
    const asked = onTopic.filter((row) => untakenBy(row, expert));
    const waiting = asked.filter((row) => row.state === 'open');
    return {
      asked: asked.length,
      waitingOnThem: waiting.length,
      waitingAgain: waiting.filter((row) => group.includes(row)).length,
      lapsed: asked.filter((row) => row.state === 'expired').length,
    };
  };
  /**
   * `expert`: that expert's row (what they did with each conversation); none: the team's or a topic's
   * (what was done with each). Claims, hand-ons, releases and reopenings are what happened; replies,
   * dismissals and what is in progress are where each conversation stands now.
   */
  const summarize = (label: string, group: Row[], expert?: string): ResponseStats => {
    const mine = group.filter((row) => expert === undefined || owner(row) === expert);
    const did = (
      row: Row,
      part: 'given' | 'handedOn' | 'released' | 'releasedByAdmin' | 'dismissedByAdmin' | 'reopened',
    ) => (expert === undefined ? trailOf(row)[part].size > 0 : trailOf(row)[part].has(expert));
    /** How many times it happened across the group (on an expert's row: to or by them), from who each time was. */
    const count = (whose: (trail: Trail) => string[]) =>
      group.reduce(
        (sum, row) => sum + whose(trailOf(row)).filter((by) => expert === undefined || by === expert).length,
        0,
      );
    const inProgress = mine.filter((row) => ['open', 'claimed'].includes(row.state));
    // Each conversation's replies (on an expert's row: theirs): those reopened since, then the standing one.
    const repliesOf = (row: Row): Reply[] => [
      ...trailOf(row).withdrawnReplies.filter((reply) => expert === undefined || reply.by === expert),
      ...(row.state === 'replied' && row.repliedAt !== null && mine.includes(row)
        ? [{ by: row.claimant ?? '', at: row.repliedAt, heldSince: row.claimedAt, recorded: recorded(row) }]
        : []),
    ];
    const replied = group.filter((row) => repliesOf(row).length > 0);
    // The latest claim (theirs, on their row) of each conversation an expert took themselves.
    const claimed = group.flatMap((row) => {
      const claim = trailOf(row).claims.findLast((entry) => expert === undefined || entry.by === expert);
      return claim ? [{ row, at: claim.at }] : [];
    });
    return {
      label,
      nudges: group.length,
      claimed: claimed.length,
      claims: count((trail) => trail.claims.map((claim) => claim.by)),
      reassigned: group.filter((row) => did(row, 'given')).length,
      handedOn: expert === undefined ? 0 : group.filter((row) => did(row, 'handedOn')).length,
      released: group.filter((row) => did(row, 'released')).length,
      releases: count((trail) => trail.releases),
      releasedByAdmin: group.filter((row) => did(row, 'releasedByAdmin')).length,
      adminReleases: count((trail) => trail.adminReleases),
      dismissedByAdmin: group.filter((row) =>
        expert === undefined
          ? trailOf(row).adminDismissals > 0 && row.state !== 'dismissed'
          : did(row, 'dismissedByAdmin'),
      ).length,
      dismissalsReopened: group.filter((row) =>
        expert === undefined
          ? trailOf(row).adminDismissals > 0 && row.state !== 'dismissed'
          : trailOf(row).dismissalReopened.has(expert),
      ).length,
      replied: replied.length,
      recorded: replied.filter((row) => repliesOf(row).at(-1)?.recorded).length,
      dismissed: mine.filter((row) => row.state === 'dismissed').length,
      adminDismissed: mine.filter((row) => row.state === 'dismissed' && trailOf(row).dismissedAsAdmin).length,
      reopened: group.filter((row) => did(row, 'reopened')).length,
      expired: mine.filter((row) => row.state === 'expired' && trailOf(row).withdrawnReplies.length === 0)
        .length,
      finished: mine.filter((row) => !['open', 'claimed'].includes(row.state)).length,
      inProgress: inProgress.length,
      waiting: inProgress.filter((row) => row.state === 'open' && row.posted && !stranded(row)).length,
      stranded: inProgress.filter(stranded).length,
      unposted: inProgress.filter((row) => !row.posted).length,
      ...(expert === undefined
        ? { asked: 0, waitingOnThem: 0, waitingAgain: 0, lapsed: 0 }
        : askedFigures(expert, group)),
      // How fast experts take one themselves (an admin's reassignment is no claim), from the post or,
      // for a claim made after a reopening or a release, from that (while it was held, nobody waited).
      medianClaimMinutes: median(
        claimed.map(({ row, at }) => {
          const trail = trailOf(row);
          const restart = Math.max(
            ...[...trail.reopenings, ...trail.releaseTimes].filter((time) => time <= at),
            row.postedAt,
          );
          return (at - restart) / 60_000;
        }),
      ),
      // One time a conversation, its latest reply's: a reply asked for again is timed as the one that stands.
      medianReplyMinutes: median(
        replied.flatMap((row) => {
          const reply = repliesOf(row).at(-1);
          if (!reply || reply.recorded) return [];
          const from = expert !== undefined && reply.heldSince !== null ? reply.heldSince : row.postedAt;
          return [(reply.at - from) / 60_000];
        }),
      ),
    };
  };
  /** Rows by `keys` (a row may be in several groups); `expertOf`: whose row a group is, if anyone's. */
  const groupBy = (keys: (row: Row) => string[], expertOf: (label: string) => string | undefined) => {
    const groups = new Map<string, Row[]>();
    for (const row of scoped)
      for (const value of new Set(keys(row))) {
        const group = groups.get(value);
        if (group) group.push(row);
        else groups.set(value, [row]);
      }
    return [...groups]
      .map(([label, group]) => summarize(label, group, expertOf(label)))
      .sort((a, b) => b.nudges - a.nudges);
  };
  const alsoAsked = new Map<string, number>();
  for (const row of scoped)
    if (only.topic !== undefined && row.askedOn !== only.topic)
      alsoAsked.set(row.topic, (alsoAsked.get(row.topic) ?? 0) + 1);
  // An expert's row: every conversation they did something with, and what they did; an expert
  // asked who did nothing has one too, as the one a manager most needs to see.
  const acted = groupBy(people, (label) => label);
  const idle = [...new Set([...beats.values()].flat().map((expert) => expert.userId))]
    .filter((expert) => only.claimant === undefined || expert === only.claimant)
    .filter((expert) => !acted.some((row) => row.label === expert))
    .map((expert) => summarize(expert, [], expert))
    .filter((row) => row.asked > 0);
  return {
    alsoAsked,
    overall: summarize('all', scoped, only.claimant),
    bySme: [...acted, ...idle].sort((a, b) => (b.nudges || b.asked) - (a.nudges || a.asked)),
    // One expert's figures split by topic stay theirs.
    byTopic: groupBy(
      (row) => [row.topic],
      () => only.claimant,
    ),
  };
}

type Row = {
  id: number;
  claimant: string | null;
  /** Its topic as stats show it, as typed: "Économie", "pricing (removed)" or "(no topic)". */
  topic: string;
  /** The name of the topic it was asked on, removed since or not. */
  askedOn: string | null;
  /** The topic it was asked on, while that topic exists: whose experts it asks. */
  beat: string | null;
  state: string;
  /** Posted in its channel (not held by quiet hours or the daily limit). */
  posted: number;
  postedAt: number;
  reopenedAt: number | null;
  claimedAt: number | null;
  repliedAt: number | null;
  /** Every topic the story matches (the one it was asked on among them, unless since removed). */
  storyTopics: string[];
};

/** Each topic's experts (by topic name), and whether each is marked away now. */
function beatsNow(deps: Deps): Map<string, Array<{ userId: string; away: boolean }>> {
  const rows = deps.db.sqlite
    .prepare(
      `SELECT t.name AS topic, s.user_id AS userId, ${awayAtSql('s')} AS away
       FROM beats b JOIN smes s ON s.id = b.sme_id JOIN topics t ON t.id = b.topic_id ORDER BY s.user_id`,
    )
    .safeIntegers(false)
    .all(deps.clock.now().getTime(), deps.clock.now().getTime()) as Array<{
    topic: string;
    userId: string;
    away: number | null;
  }>;
  const beats = new Map<string, Array<{ userId: string; away: boolean }>>();
  for (const row of rows)
    beats.set(row.topic, [...(beats.get(row.topic) ?? []), { userId: row.userId, away: row.away === 1 }]);
  return beats;
}

/** Conversations from before the last `days` with nothing done since, and how many days back the oldest is. */
export function olderConversations(deps: Deps, days: number): { count: number; oldestDays: number } {
  const now = deps.clock.now().getTime();
  const row = deps.db.sqlite
    .prepare('SELECT count(*) AS count, min(created_at) AS oldest FROM nudges WHERE created_at < ?')
    .safeIntegers(false)
    .get(now - days * 24 * 3600_000) as { count: number; oldest: number | null };
  return {
    count: row.count,
    oldestDays: row.oldest === null ? 0 : Math.ceil((now - row.oldest) / (24 * 3600_000)),
  };
}

/** A reply made: by whom, when, since when they held it, and whether an admin recorded it for them. */
type Reply = { by: string; at: number; heldSince: number | null; recorded: boolean };

/** What was done with one conversation, from its audit trail. */
type Trail = {
  /** Claims experts made themselves, oldest first (an admin's reassignment is none). */
  claims: Array<{ by: string; at: number }>;
  /** Whom an admin gave it to. */
  given: Set<string>;
  /** Who held it when an admin gave it to someone else. */
  handedOn: Set<string>;
  /** Who gave it back themselves. */
  released: Set<string>;
  /** Who gave it back, each time (twice when claimed again and given back again). */
  releases: string[];
  /** Who held it when an admin took it back from them. */
  releasedByAdmin: Set<string>;
  /** Whose claim an admin took back, each time. */
  adminReleases: string[];
  /** Who held it when someone else (an admin) dismissed it. */
  dismissedByAdmin: Set<string>;
  /** Of those, whose dismissal was reopened since (their last one, if dismissed again). */
  dismissalReopened: Set<string>;
  /** Whose claim the standing dismissal is, when an admin's over a holder. */
  adminDismissedHolder: string | null;
  /** Whose reply or dismissal a reopening withdrew. */
  reopened: Set<string>;
  reopenings: number[];
  /** When it was given back (by its claimant or an admin): a claim after it is timed from it. */
  releaseTimes: number[];
  /** Replies an admin reopened the conversation after: made, so still counted. */
  withdrawnReplies: Reply[];
  /** Who dismissed it last. */
  dismissedBy?: string;
  /** Its last dismissal was an admin's: over a holder's claim, or by someone on no beat. */
  dismissedAsAdmin: boolean;
  /** How many times an admin dismissed it. */
  adminDismissals: number;
  /** Its reply was recorded by an admin for the expert. */
  recorded: boolean;
};

function emptyTrail(): Trail {
  return {
    claims: [],
    given: new Set(),
    handedOn: new Set(),
    released: new Set(),
    releases: [],
    releasedByAdmin: new Set(),
    adminReleases: [],
    dismissedByAdmin: new Set(),
    dismissalReopened: new Set(),
    adminDismissedHolder: null,
    reopened: new Set(),
    reopenings: [],
    releaseTimes: [],
    withdrawnReplies: [],
    dismissedAsAdmin: false,
    adminDismissals: 0,
    recorded: false,
  };
}

/** Per conversation of `ids`, what experts and admins did with it, replayed from the audit trail. */
function conversationTrails(deps: Deps, ids: number[]): Map<number, Trail> {
  const events = deps.db.sqlite
    .prepare(
      `SELECT CAST(subject_id AS INTEGER) AS nudgeId, action, actor_id AS actor, at,
         json_extract(detail, '$.to') AS "to", json_extract(detail, '$.for') AS "for"
       FROM audit_events WHERE subject_type = 'nudge'
         AND action IN ('nudge.claim', 'nudge.reassign', 'nudge.release', 'nudge.dismiss', 'nudge.reply',
           'nudge.reply_credited', 'nudge.reopen')
         AND CAST(subject_id AS INTEGER) IN (SELECT value FROM json_each(?))
       ORDER BY audit_events.id`,
    )
    .safeIntegers(false)
    .all(JSON.stringify(ids)) as Array<{
    nudgeId: number;
    action: string;
    actor: string;
    at: number;
    to: string | null;
    for: string | null;
  }>;
  // An expert is anyone with an expert record; a dismissal by anyone else is an admin's.
  const experts = new Set(deps.db.sqlite.prepare('SELECT user_id FROM smes').pluck().all() as string[]);
  const trails = new Map<number, Trail>();
  // Who holds each conversation as the trail is replayed, and who finished it (replied or dismissed).
  const holders = new Map<number, string | null>();
  const heldSince = new Map<number, number>();
  const finishers = new Map<number, string | null>();
  // The standing reply of each conversation, until a reopening withdraws it.
  const replies = new Map<number, Reply>();
  for (const event of events) {
    const trail = trails.get(event.nudgeId) ?? emptyTrail();
    trails.set(event.nudgeId, trail);
    const holder = holders.get(event.nudgeId) ?? null;
    if (event.action === 'nudge.claim') {
      trail.claims.push({ by: event.actor, at: event.at });
      holders.set(event.nudgeId, event.actor);
      heldSince.set(event.nudgeId, event.at);
    } else if (event.action === 'nudge.reassign' && event.to) {
      if (holder && holder !== event.to) trail.handedOn.add(holder);
      trail.given.add(event.to);
      holders.set(event.nudgeId, event.to);
      heldSince.set(event.nudgeId, event.at);
    } else if (event.action === 'nudge.release') {
      trail.releaseTimes.push(event.at);
      if (holder === event.actor) {
        trail.released.add(holder);
        trail.releases.push(holder);
      } else if (holder) {
        trail.releasedByAdmin.add(holder);
        trail.adminReleases.push(holder);
      }
      holders.set(event.nudgeId, null);
    } else if (event.action === 'nudge.reply') {
      trail.recorded = event.for !== null;
      const by = event.for ?? holder ?? event.actor;
      finishers.set(event.nudgeId, by);
      replies.set(event.nudgeId, {
        by,
        at: event.at,
        heldSince: heldSince.get(event.nudgeId) ?? null,
        recorded: trail.recorded,
      });
    } else if (event.action === 'nudge.reply_credited') {
      // Credited to another expert, who never claimed it.
      trail.recorded = true;
      finishers.set(event.nudgeId, event.to);
      const reply = replies.get(event.nudgeId);
      if (reply && event.to) replies.set(event.nudgeId, { ...reply, by: event.to, recorded: true });
    } else if (event.action === 'nudge.dismiss') {
      trail.dismissedBy = event.actor;
      if (holder && holder !== event.actor) {
        trail.dismissedByAdmin.add(holder);
        trail.dismissalReopened.delete(holder);
      }
      trail.adminDismissedHolder = holder && holder !== event.actor ? holder : null;
      trail.dismissedAsAdmin = holder ? holder !== event.actor : !experts.has(event.actor);
      if (trail.dismissedAsAdmin) trail.adminDismissals += 1;
      // An expert's dismissal is theirs, not the claimant's they overruled: a reopening withdraws it.
      // An admin's is no expert's work to withdraw.
      finishers.set(event.nudgeId, trail.dismissedAsAdmin ? null : event.actor);
    } else if (event.action === 'nudge.reopen') {
      // Reopening one's own dismissal is a change of mind, not work withdrawn from someone.
      const finisher = finishers.get(event.nudgeId);
      if (finisher && finisher !== event.actor) trail.reopened.add(finisher);
      if (trail.adminDismissedHolder) trail.dismissalReopened.add(trail.adminDismissedHolder);
      trail.adminDismissedHolder = null;
      trail.reopenings.push(event.at);
      const reply = replies.get(event.nudgeId);
      if (reply) trail.withdrawnReplies.push(reply);
      replies.delete(event.nudgeId);
      heldSince.delete(event.nudgeId);
      trail.recorded = false;
      trail.dismissedAsAdmin = false;
      holders.set(event.nudgeId, null);
      finishers.set(event.nudgeId, null);
    }
  }
  return trails;
}
