import type { Deps } from '../deps.ts';

export type ResponseStats = {
  label: string;
  nudges: number;
  /** Claimed by the expert themselves; an admin's reassignment counts apart. */
  claimed: number;
  reassigned: number;
  /** On an expert's row: conversations they claimed that an admin then gave to someone else. */
  handedOn: number;
  /** On an expert's row: conversations they held and gave back (or an admin released), not theirs now. */
  released: number;
  replied: number;
  /** Of those replied, the ones an admin recorded for the expert: counted, but kept out of the times. */
  recorded: number;
  /** Judged not relevant by an expert or admin: finished, but no reply was owed. */
  dismissed: number;
  expired: number;
  /** Replied, dismissed or expired. The rest is in progress. */
  finished: number;
  inProgress: number;
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
 * Each conversation counts as it stands now: a reopened one is in progress again (a reply withdrawn by the
 * reopening no longer counts), a dismissed one is finished and owed no reply, credited to its last
 * claimant (or, dismissed unclaimed, to whoever dismissed it). An expert's own claim counts as theirs also when an admin reassigned the conversation
 * afterwards (on their row, as "handed on"). Time to claim counts from the post (from the reopening, for
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
      `SELECT n.id, n.claimant_id AS claimant, COALESCE(t.name, '(no topic)') AS topic, n.state,
         COALESCE(n.posted_at, n.created_at) AS postedAt, n.reopened_at AS reopenedAt,
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
  const claims = claimHistory(deps);
  const reassigned = (row: Row) => row.claimedAt !== null && Boolean(claims.get(row.id)?.reassigned);
  // A reply an admin recorded: its times are the admin's typing, not the expert's (nor a claim, when
  // it was claimed for them only to record it).
  const recorded = (row: Row) => row.state === 'replied' && Boolean(claims.get(row.id)?.recorded);
  // Who took it themselves, and when: the claimant of a claim it holds, or the expert whose claim an
  // admin's reassignment replaced.
  const selfClaim = (row: Row): { by: string; at: number } | null => {
    if (recorded(row) && claims.get(row.id)?.claimedFor) return null;
    if (!reassigned(row))
      return row.claimant && row.claimedAt !== null ? { by: row.claimant, at: row.claimedAt } : null;
    const earlier = claims.get(row.id);
    return earlier?.by && earlier.at !== null ? { by: earlier.by, at: earlier.at } : null;
  };
  // Whose it is: its claimant, or, for one dismissed unclaimed, whoever dismissed it (their work, on their row).
  const owner = (row: Row) =>
    row.claimant ?? (row.state === 'dismissed' ? (claims.get(row.id)?.dismissedBy ?? null) : null);
  // Who gave it back (or had it released), and when they had claimed it: counted on their row.
  const releases = (row: Row) => claims.get(row.id)?.released ?? [];
  const releasedBy = (row: Row, expert: string) =>
    row.claimant !== expert && releases(row).some((release) => release.by === expert);
  const involves = (row: Row, expert: string) =>
    owner(row) === expert || selfClaim(row)?.by === expert || releasedBy(row, expert);
  const scoped = rows.filter(
    (row) =>
      (only.topic === undefined || row.topic === only.topic || row.storyTopics.includes(only.topic)) &&
      (only.claimant === undefined || involves(row, only.claimant)),
  );
  /** `expert`: that expert's row (their claims, their replies); none: the team's or a topic's. */
  const summarize = (label: string, group: Row[], expert?: string): ResponseStats => {
    const mine = group.filter((row) => expert === undefined || owner(row) === expert);
    const claimed = group.flatMap((row) => {
      const claim = selfClaim(row);
      if (claim && (expert === undefined || claim.by === expert)) return [{ row, at: claim.at }];
      // On an expert's row, a claim they gave back is still one they made (an admin's giving is none).
      const given =
        expert === undefined ? undefined : releases(row).findLast((release) => release.by === expert);
      return given?.self && row.claimant !== expert ? [{ row, at: given.at }] : [];
    });
    const handedOn =
      expert === undefined
        ? []
        : group.filter((row) => row.claimant !== expert && selfClaim(row)?.by === expert);
    return {
      label,
      nudges: group.length,
      claimed: claimed.length,
      reassigned: mine.filter(reassigned).length,
      handedOn: handedOn.length,
      released:
        expert === undefined
          ? 0
          : group.filter((row) => !handedOn.includes(row) && releasedBy(row, expert)).length,
      replied: mine.filter((row) => row.state === 'replied').length,
      recorded: mine.filter(recorded).length,
      dismissed: mine.filter((row) => row.state === 'dismissed').length,
      expired: mine.filter((row) => row.state === 'expired').length,
      finished: mine.filter((row) => !['open', 'claimed'].includes(row.state)).length,
      inProgress: mine.filter((row) => ['open', 'claimed'].includes(row.state)).length,
      // How fast experts take one themselves (an admin's reassignment is no claim), from the post or,
      // for a claim made after a reopening, from the reopening.
      medianClaimMinutes: median(
        claimed.map(
          ({ row, at }) =>
            (at - (row.reopenedAt !== null && at >= row.reopenedAt ? row.reopenedAt : row.postedAt)) / 60_000,
        ),
      ),
      medianReplyMinutes: median(
        mine.flatMap((row) => {
          if (row.repliedAt === null || recorded(row)) return [];
          const from = expert !== undefined && row.claimedAt !== null ? row.claimedAt : row.postedAt;
          return [(row.repliedAt - from) / 60_000];
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
    if (only.topic !== undefined && row.topic !== only.topic)
      alsoAsked.set(row.topic, (alsoAsked.get(row.topic) ?? 0) + 1);
  return {
    alsoAsked,
    overall: summarize('all', scoped, only.claimant),
    // An expert's row: what they hold, and what they claimed before an admin gave it to someone else.
    bySme: groupBy(
      (row) =>
        [owner(row), selfClaim(row)?.by, ...releases(row).map((release) => release.by)].filter(
          (id): id is string => Boolean(id),
        ),
      (label) => label,
    ),
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
  topic: string;
  state: string;
  postedAt: number;
  reopenedAt: number | null;
  claimedAt: number | null;
  repliedAt: number | null;
  /** Every topic the story matches (the one it was asked on among them, unless since removed). */
  storyTopics: string[];
};

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

type ClaimHistory = {
  reassigned: boolean;
  by: string | null;
  at: number | null;
  /** Who holds it now (a claim or a reassignment), since when, and whether they claimed it themselves. */
  holder?: { by: string; at: number; self: boolean } | null;
  /** Who dismissed it last. */
  dismissedBy?: string;
  /** The claims given back (released, by the holder or an admin), oldest first. */
  released?: Array<{ by: string; at: number; self: boolean }>;
  /** Its reply was recorded by an admin for the expert (`claimedFor`: claimed for them only to record it). */
  recorded?: boolean;
  claimedFor?: boolean;
};

/**
 * Per conversation, from the audit trail: whether its last claim was an admin's reassignment, who
 * last claimed it themselves, when, and whether an admin recorded its reply for the expert.
 */
function claimHistory(deps: Deps): Map<number, ClaimHistory> {
  const events = deps.db.sqlite
    .prepare(
      `SELECT CAST(subject_id AS INTEGER) AS nudgeId, action, actor_id AS actor, at, json_extract(detail, '$.to') AS "to",
         json_extract(detail, '$.for') IS NOT NULL AS recorded,
         COALESCE(json_extract(detail, '$.claimedFor'), 0) AS claimedFor
       FROM audit_events WHERE subject_type = 'nudge'
         AND action IN ('nudge.claim', 'nudge.reassign', 'nudge.release', 'nudge.dismiss', 'nudge.reply',
           'nudge.reply_credited')
       ORDER BY audit_events.id`,
    )
    .safeIntegers(false)
    .all() as Array<{
    nudgeId: number;
    action: string;
    actor: string;
    to: string | null;
    at: number;
    recorded: number;
    claimedFor: number;
  }>;
  const history = new Map<number, ClaimHistory>();
  for (const event of events) {
    const before = history.get(event.nudgeId) ?? { reassigned: false, by: null, at: null };
    const released = before.released ?? [];
    const next: Record<string, ClaimHistory> = {
      'nudge.claim': {
        reassigned: false,
        by: event.actor,
        at: event.at,
        holder: { by: event.actor, at: event.at, self: true },
        released,
      },
      'nudge.reassign': {
        ...before,
        reassigned: true,
        holder: event.to ? { by: event.to, at: event.at, self: false } : null,
      },
      'nudge.dismiss': { ...before, dismissedBy: event.actor },
      // Open again: nobody's claim stands, and the one given back is kept.
      'nudge.release': {
        reassigned: false,
        by: null,
        at: null,
        holder: null,
        released: before.holder ? [...released, before.holder] : released,
      },
      'nudge.reply': { ...before, recorded: event.recorded === 1, claimedFor: event.claimedFor === 1 },
      // Credited to another expert, who never claimed it.
      'nudge.reply_credited': { ...before, recorded: true, claimedFor: true },
    };
    history.set(event.nudgeId, next[event.action] ?? before);
  }
  return history;
}
