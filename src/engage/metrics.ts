import type { Deps } from '../deps.ts';

export type ResponseStats = {
  label: string;
  nudges: number;
  /** Claimed by the expert themselves; an admin's reassignment counts apart. */
  claimed: number;
  reassigned: number;
  replied: number;
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
 * over the conversations posted or acted on (claimed, replied, dismissed, reopened…) in the last `days`.
 * Each conversation counts as it stands now: a reopened one is in progress again (a reply withdrawn by the
 * reopening no longer counts), a dismissed one is finished and owed no reply, credited to its last
 * claimant. Time to claim is the expert's own claim, also when an admin reassigned it afterwards; times
 * count from the post, or from the reopening for a reopened conversation.
 * `only` narrows them to one topic (by name) or one expert's conversations.
 */
export function responseStats(
  deps: Deps,
  days: number,
  only: { topic?: string; claimant?: string } = {},
): { overall: ResponseStats; bySme: ResponseStats[]; byTopic: ResponseStats[] } {
  const since = deps.clock.now().getTime() - days * 24 * 3600_000;
  const rows = deps.db.sqlite
    .prepare(
      `SELECT n.id, n.claimant_id AS claimant, COALESCE(t.name, '(no topic)') AS topic, n.state,
         COALESCE(n.reopened_at, n.posted_at, n.created_at) AS postedAt, n.claimed_at AS claimedAt, n.replied_at AS repliedAt
       FROM nudges n LEFT JOIN topics t ON t.id = n.topic_id
       WHERE n.created_at >= ? OR n.id IN (
         SELECT CAST(subject_id AS INTEGER) FROM audit_events WHERE subject_type = 'nudge' AND at >= ?)`,
    )
    .safeIntegers(false)
    .all(since, since) as Array<{
    id: number;
    claimant: string | null;
    topic: string;
    state: string;
    postedAt: number;
    claimedAt: number | null;
    repliedAt: number | null;
  }>;
  const scoped = rows.filter(
    (row) =>
      (only.topic === undefined || row.topic === only.topic) &&
      (only.claimant === undefined || row.claimant === only.claimant),
  );
  const claims = claimHistory(deps);
  const reassigned = (row: (typeof rows)[number]) => row.claimedAt !== null && claims.get(row.id)?.reassigned;
  // When an expert took it themselves: the claim it holds, or the one an admin's reassignment replaced
  // (on an expert's own row, only their own claim).
  const selfClaimedAt = (row: (typeof rows)[number], expert?: string) => {
    if (!reassigned(row)) return row.claimedAt;
    const earlier = claims.get(row.id);
    return earlier && (expert === undefined || earlier.by === expert) ? (earlier.at ?? null) : null;
  };
  const summarize = (label: string, group: typeof rows, expert?: string): ResponseStats => ({
    label,
    nudges: group.length,
    claimed: group.filter((row) => selfClaimedAt(row, expert) !== null).length,
    reassigned: group.filter(reassigned).length,
    replied: group.filter((row) => row.state === 'replied').length,
    dismissed: group.filter((row) => row.state === 'dismissed').length,
    expired: group.filter((row) => row.state === 'expired').length,
    finished: group.filter((row) => !['open', 'claimed'].includes(row.state)).length,
    inProgress: group.filter((row) => ['open', 'claimed'].includes(row.state)).length,
    // How fast experts take one themselves: an admin's reassignment is no claim.
    medianClaimMinutes: median(
      group.flatMap((row) => {
        const at = selfClaimedAt(row, expert);
        return at === null ? [] : [(at - row.postedAt) / 60_000];
      }),
    ),
    medianReplyMinutes: median(
      group.flatMap((row) => (row.repliedAt !== null ? [(row.repliedAt - row.postedAt) / 60_000] : [])),
    ),
  });
  const groupBy = (key: (row: (typeof rows)[number]) => string | null, perExpert = false) => {
    const groups = new Map<string, typeof rows>();
    for (const row of scoped) {
      const value = key(row);
      if (value === null) continue;
      groups.set(value, [...(groups.get(value) ?? []), row]);
    }
    return [...groups]
      .map(([label, group]) => summarize(label, group, perExpert ? label : undefined))
      .sort((a, b) => b.nudges - a.nudges);
  };
  return {
    overall: summarize('all', scoped, only.claimant),
    bySme: groupBy((row) => row.claimant, true),
    byTopic: groupBy((row) => row.topic, only.claimant !== undefined),
  };
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

type ClaimHistory = { reassigned: boolean; by: string | null; at: number | null };

/**
 * Per conversation, from the audit trail: whether its last claim was an admin's reassignment, and who
 * last claimed it themselves, when.
 */
function claimHistory(deps: Deps): Map<number, ClaimHistory> {
  const events = deps.db.sqlite
    .prepare(
      `SELECT CAST(subject_id AS INTEGER) AS nudgeId, action, actor_id AS actor, at FROM audit_events
       WHERE subject_type = 'nudge' AND action IN ('nudge.claim', 'nudge.reassign') ORDER BY audit_events.id`,
    )
    .safeIntegers(false)
    .all() as Array<{ nudgeId: number; action: string; actor: string; at: number }>;
  const history = new Map<number, ClaimHistory>();
  for (const event of events) {
    const before = history.get(event.nudgeId) ?? { reassigned: false, by: null, at: null };
    history.set(
      event.nudgeId,
      event.action === 'nudge.claim'
        ? { reassigned: false, by: event.actor, at: event.at }
        : { ...before, reassigned: true },
    );
  }
  return history;
}
