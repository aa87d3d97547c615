import type { Sqlite } from '../db/client.ts';
import { formatDayTime, formatRelative } from '../format.ts';

export const SlackState = {
  Connected: 'connected',
  NotConnected: 'not connected',
  Stopped: 'stopped',
} as const;
export type SlackState = (typeof SlackState)[keyof typeof SlackState];

/** How often the running Briefbot checks in; `status` calls it gone after three missed beats. */
export const statusBeatMs = 60_000;
const staleMs = 3 * statusBeatMs;

/** Records the Slack connection's state (its `since` kept while the state stays) and a check-in. */
export function recordSlackState(sqlite: Sqlite, state: SlackState, detail: string, now: Date): void {
  sqlite
    .prepare(
      `INSERT INTO service_status (name, state, detail, since, beat_at) VALUES ('slack', @state, @detail, @now, @now)
       ON CONFLICT (name) DO UPDATE SET detail = @detail, beat_at = @now,
         since = CASE WHEN state = @state THEN since ELSE @now END, state = @state`,
    )
    .run({ state, detail, now: now.getTime() });
}

/** The running Briefbot is still there: its state stands as of now. */
export function recordStatusBeat(sqlite: Sqlite, now: Date): void {
  sqlite.prepare("UPDATE service_status SET beat_at = ? WHERE name = 'slack'").run(now.getTime());
}

/**
 * `npx briefbot status`: whether the running Briefbot is connected to Slack, in one line, and whether
 * that is all right (a monitor reads the exit code).
 */
export function slackStatusText(sqlite: Sqlite, now: Date, timeZone: string): { ok: boolean; text: string } {
  const row = sqlite
    .prepare("SELECT state, detail, since, beat_at AS beatAt FROM service_status WHERE name = 'slack'")
    .safeIntegers(false)
    .get() as { state: string; detail: string; since: number; beatAt: number } | undefined;
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
      text: `Briefbot has not checked in since ${beat} (then: ${row.state} to Slack since ${since}), so it is not running, or cannot write to the database. Start it with: npx briefbot start`,
    };
  if (row.state === SlackState.Connected)
    return { ok: true, text: `Slack: ${row.detail}, since ${since} (checked ${beat}).` };
  return {
    ok: false,
    text: `Slack: not connected since ${since}, so Briefbot is not answering in Slack; it keeps trying, and feeds are still monitored. Latest: ${row.detail} (checked ${beat}).`,
  };
}
