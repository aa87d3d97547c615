import type { Sqlite } from '../db/client.ts';
import { formatDayTime, formatDuration, formatRelative } from '../format.ts';

export const SlackState = {
  Connected: 'connected',
  NotConnected: 'not connected',
  Stopped: 'stopped',
  /** `npx briefbot start` with no Slack settings: the local console, or monitoring only. */
  WithoutSlack: 'without Slack',
} as const;
export type SlackState = (typeof SlackState)[keyof typeof SlackState];

/** How often the running Briefbot checks in; `status` calls it gone after three missed beats. */
export const statusBeatMs = 60_000;
const staleMs = 3 * statusBeatMs;

/**
 * Records the Slack connection's state (its `since` kept while the state stays) and a check-in.
 * Connected again after not connected: that outage (from, until, its latest reason) is kept apart,
 * for App Home's and `/brief status`'s line on it.
 */
export function recordSlackState(sqlite: Sqlite, state: SlackState, detail: string, now: Date): void {
  // Every right-hand side reads the row as it was before this update.
  sqlite
    .prepare(
      `INSERT INTO service_status (name, state, detail, since, beat_at) VALUES ('slack', @state, @detail, @now, @now)
       ON CONFLICT (name) DO UPDATE SET detail = @detail, beat_at = @now,
         since = CASE WHEN state = @state THEN since ELSE @now END,
         down_since = CASE WHEN state = @notConnected AND @state = @connected THEN since ELSE down_since END,
         down_until = CASE WHEN state = @notConnected AND @state = @connected THEN @now ELSE down_until END,
         down_detail = CASE WHEN state = @notConnected AND @state = @connected THEN detail ELSE down_detail END,
         state = @state`,
    )
    .run({
      state,
      detail,
      now: now.getTime(),
      connected: SlackState.Connected,
      notConnected: SlackState.NotConnected,
    });
}

/** `/brief status` in the local console, where no Briefbot has connected to Slack: not a fault. */
export const localConsoleText =
  'Slack: not connected, as expected: this is the local console, where commands run in the terminal without Slack. To use Briefbot in Slack, put SLACK_BOT_TOKEN and SLACK_APP_TOKEN in .env (README: "Connect Slack") and run: npx briefbot start';

/** How long App Home keeps saying that Slack was lost: a day, then all is fine again. */
const outageShownMs = 24 * 3600_000;

/**
 * "Slack connection: reconnected 12 min ago after 40 min without Slack (Cannot reach Slack (…));
 * 2 digests due meanwhile were posted late.": the last outage that ended in the past 24 hours, or
 * null when all has been fine. Digests are counted by their due time within the outage.
 */
export function slackOutageText(sqlite: Sqlite, now: Date): string | null {
  const row = sqlite
    .prepare(
      "SELECT down_since AS since, down_until AS until, down_detail AS detail FROM service_status WHERE name = 'slack'",
    )
    .safeIntegers(false)
    .get() as { since: number | null; until: number | null; detail: string | null } | undefined;
  if (!row?.since || !row.until || now.getTime() - row.until > outageShownMs) return null;
  const runs = sqlite
    .prepare(
      `SELECT COALESCE(SUM(status IN ('posted', 'quiet') AND started_at >= @until), 0) AS late,
              COALESCE(SUM(status = 'failed'), 0) AS failed
       FROM digest_runs WHERE slot >= @since AND slot < @until`,
    )
    .safeIntegers(false)
    .get({ since: row.since, until: row.until }) as { late: number; failed: number };
  const digests = [
    ...(runs.late
      ? [
          `${runs.late === 1 ? 'the digest' : `${runs.late} digests`} due meanwhile ${runs.late === 1 ? 'was' : 'were'} posted late`,
        ]
      : []),
    ...(runs.failed
      ? [
          `${runs.failed === 1 ? 'a digest' : `${runs.failed} digests`} due meanwhile failed (\`/brief digest list\`)`,
        ]
      : []),
  ];
  // Under 5 s formatDuration says "moments": "after a moment without Slack".
  const took = formatDuration(row.until - row.since);
  const lost = took === 'moments' ? 'a moment' : took;
  const back = formatRelative(new Date(row.until), now);
  return `Slack connection: reconnected ${back} after ${lost} without Slack (${row.detail})${digests.length ? `; ${digests.join('; ')}` : ''}.`;
}

/**
 * "Messages Slack would not take in the past day: 3 (2 sent late, 1 still owed, next try Tue 24 Nov
 * 14:05 UTC).": the owed messages (alerts, reminders, DMs, replies a response URL refused) that Slack
 * refused at least once in the past 24 hours (those dropped as no longer true aside), or null when
 * there were none. Digests are told apart, on their own line.
 */
export function undeliveredText(sqlite: Sqlite, now: Date, timeZone: string): string | null {
  const row = sqlite
    .prepare(
      `SELECT COUNT(*) AS total, COALESCE(SUM(sent_at IS NOT NULL), 0) AS late,
              COALESCE(SUM(due_at IS NOT NULL), 0) AS owed, MIN(due_at) AS next,
              COALESCE(SUM(due_at IS NULL AND sent_at IS NULL), 0) AS lost
       FROM deliveries
       WHERE created_at >= ? AND (attempts > 0 OR kind = 'reply') AND error IS NOT 'no_longer_true'`,
    )
    .safeIntegers(false)
    .get(now.getTime() - outageShownMs) as {
    total: number;
    late: number;
    owed: number;
    next: number | null;
    lost: number;
  };
  if (!row.total) return null;
  const parts = [
    ...(row.late ? [`${row.late} sent late`] : []),
    ...(row.owed
      ? [
          `${row.owed} still owed, next try ${row.next && row.next > now.getTime() ? formatDayTime(new Date(row.next), timeZone) : 'now'}`,
        ]
      : []),
    ...(row.lost ? [`${row.lost} given up (the log says why)`] : []),
  ];
  return `Messages Slack would not take in the past day: ${row.total}${parts.length ? ` (${parts.join(', ')})` : ''}.`;
}

/** Whether a Briefbot started in Slack (connected or trying to be) checked in lately on this database. */
export function slackInstanceRunning(sqlite: Sqlite, now: Date): boolean {
  const row = sqlite
    .prepare("SELECT state, beat_at AS beatAt FROM service_status WHERE name = 'slack'")
    .safeIntegers(false)
    .get() as { state: string; beatAt: number } | undefined;
  return (
    row !== undefined &&
    (row.state === SlackState.Connected || row.state === SlackState.NotConnected) &&
    now.getTime() - row.beatAt <= staleMs
  );
}

/** The running Briefbot is still there: its state stands as of now. */
export function recordStatusBeat(sqlite: Sqlite, now: Date): void {
  sqlite.prepare("UPDATE service_status SET beat_at = ? WHERE name = 'slack'").run(now.getTime());
}

/**
 * `npx briefbot status`: whether the running Briefbot is connected to Slack, in one line, and whether
 * that is all right (a monitor reads the exit code).
 */
export function slackStatusText(
  sqlite: Sqlite,
  now: Date,
  timeZone: string,
  where: 'command line' | 'console' = 'command line',
): { ok: boolean; text: string } {
  const row = sqlite
    .prepare("SELECT state, detail, since, beat_at AS beatAt FROM service_status WHERE name = 'slack'")
    .safeIntegers(false)
    .get() as { state: string; detail: string; since: number; beatAt: number } | undefined;
  if ((!row || row.state === SlackState.WithoutSlack) && where === 'console')
    return { ok: false, text: localConsoleText };
  if (!row)
    return {
      ok: false,
      text: 'No Briefbot has connected to Slack with this database yet. Start it with: npx briefbot start',
    };
  const since = formatDayTime(new Date(row.since), timeZone);
  const beat = formatRelative(new Date(row.beatAt), now);
  if (row.state === SlackState.Stopped)
    return { ok: false, text: `Briefbot was stopped ${beat}. Start it with: npx briefbot start` };
  if (now.getTime() - row.beatAt > staleMs)
    return {
      ok: false,
      text: `Briefbot has not checked in since ${beat} (then: ${row.state === SlackState.WithoutSlack ? 'running without Slack' : `${row.state} to Slack`} since ${since}), so it is not running, or cannot write to the database. Start it with: npx briefbot start`,
    };
  if (row.state === SlackState.WithoutSlack)
    return {
      ok: false,
      text: `Briefbot is running without Slack since ${since} (${row.detail}), so it is not answering in Slack; feeds are monitored. To connect it, follow README "Connect Slack", then restart it: npx briefbot start (checked ${beat}).`,
    };
  if (row.state === SlackState.Connected)
    return { ok: true, text: `Slack: ${row.detail}, since ${since} (checked ${beat}).` };
  return {
    ok: false,
    text: `Slack: not connected since ${since}, so Briefbot is not answering in Slack; it keeps trying, and feeds are still monitored. Latest: ${row.detail} (checked ${beat}).`,
  };
}
