import type { Deps } from '../deps.ts';

export type ResponseStats = {
  label: string;
  nudges: number;
  /** Claimed by the expert themselves; an admin's reassignment counts apart. */
  claimed: number;
  reassigned: number;
  replied: number;
  /** Replied, dismissed or expired: what the reply share is over. The rest is in progress. */
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
 * How fast the company responds: time to claim, time to reply and share replied, per expert and per topic.
 * Each conversation counts as it stands now: a reopened one is in progress again (a reply withdrawn by the
 * reopening no longer counts), a dismissed one is finished and not replied, credited to its last claimant.
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
         COALESCE(n.posted_at, n.created_at) AS postedAt, n.claimed_at AS claimedAt, n.replied_at AS repliedAt
       FROM nudges n LEFT JOIN topics t ON t.id = n.topic_id WHERE n.created_at >= ?`,
    )
    .safeIntegers(false)
    .all(since) as Array<{
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
  const assigned = reassignedNudges(deps);
  const selfClaimed = (row: (typeof rows)[number]) => row.claimedAt !== null && !assigned.has(row.id);
  const summarize = (label: string, group: typeof rows): ResponseStats => ({
    label,
    nudges: group.length,
    claimed: group.filter(selfClaimed).length,
    reassigned: group.filter((row) => row.claimedAt !== null && assigned.has(row.id)).length,
    replied: group.filter((row) => row.state === 'replied').length,
    finished: group.filter((row) => !['open', 'claimed'].includes(row.state)).length,
    inProgress: group.filter((row) => ['open', 'claimed'].includes(row.state)).length,
    // How fast experts take one themselves: an admin's reassignment is no claim.
    medianClaimMinutes: median(
      group.flatMap((row) =>
        selfClaimed(row) && row.claimedAt !== null ? [(row.claimedAt - row.postedAt) / 60_000] : [],
      ),
    ),
    medianReplyMinutes: median(
      group.flatMap((row) => (row.repliedAt !== null ? [(row.repliedAt - row.postedAt) / 60_000] : [])),
    ),
  });
  const groupBy = (key: (row: (typeof rows)[number]) => string | null) => {
    const groups = new Map<string, typeof rows>();
    for (const row of scoped) {
      const value = key(row);
      if (value === null) continue;
      groups.set(value, [...(groups.get(value) ?? []), row]);
    }
    return [...groups].map(([label, group]) => summarize(label, group)).sort((a, b) => b.nudges - a.nudges);
  };
  return {
    overall: summarize('all', scoped),
    bySme: groupBy((row) => row.claimant),
    byTopic: groupBy((row) => row.topic),
  };
}

/** The conversations whose claimant an admin chose (their last claim was a reassignment). */
function reassignedNudges(deps: Deps): Set<number> {
  const events = deps.db.sqlite
    .prepare(
      `SELECT subject_id AS subjectId, action FROM audit_events
       WHERE subject_type = 'nudge' AND action IN ('nudge.claim', 'nudge.reassign') ORDER BY id`,
    )
    .all() as Array<{ subjectId: string; action: string }>;
  const last = new Map(events.map((event) => [Number(event.subjectId), event.action]));
  return new Set([...last].filter(([, action]) => action === 'nudge.reassign').map(([id]) => id));
}
