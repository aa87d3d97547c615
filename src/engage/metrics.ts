import type { Deps } from '../deps.ts';

export type ResponseStats = {
  label: string;
  nudges: number;
  claimed: number;
  replied: number;
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

/** How fast the company responds: time to claim, time to reply and share replied, per expert and per topic. */
export function responseStats(
  deps: Deps,
  days: number,
): { overall: ResponseStats; bySme: ResponseStats[]; byTopic: ResponseStats[] } {
  const since = deps.clock.now().getTime() - days * 24 * 3600_000;
  const rows = deps.db.sqlite
    .prepare(
      `SELECT n.claimant_id AS claimant, COALESCE(t.name, '(no topic)') AS topic, n.state,
         COALESCE(n.posted_at, n.created_at) AS postedAt, n.claimed_at AS claimedAt, n.replied_at AS repliedAt
       FROM nudges n LEFT JOIN topics t ON t.id = n.topic_id WHERE n.created_at >= ?`,
    )
    .safeIntegers(false)
    .all(since) as Array<{
    claimant: string | null;
    topic: string;
    state: string;
    postedAt: number;
    claimedAt: number | null;
    repliedAt: number | null;
  }>;
  const summarize = (label: string, group: typeof rows): ResponseStats => ({
    label,
    nudges: group.length,
    claimed: group.filter((row) => row.claimedAt !== null).length,
    replied: group.filter((row) => row.state === 'replied').length,
    medianClaimMinutes: median(
      group.flatMap((row) => (row.claimedAt !== null ? [(row.claimedAt - row.postedAt) / 60_000] : [])),
    ),
    medianReplyMinutes: median(
      group.flatMap((row) => (row.repliedAt !== null ? [(row.repliedAt - row.postedAt) / 60_000] : [])),
    ),
  });
  const groupBy = (key: (row: (typeof rows)[number]) => string | null) => {
    const groups = new Map<string, typeof rows>();
    for (const row of rows) {
      const value = key(row);
      if (value === null) continue;
      groups.set(value, [...(groups.get(value) ?? []), row]);
    }
    return [...groups].map(([label, group]) => summarize(label, group)).sort((a, b) => b.nudges - a.nudges);
  };
  return {
    overall: summarize('all', rows),
    bySme: groupBy((row) => row.claimant),
    byTopic: groupBy((row) => row.topic),
  };
}
