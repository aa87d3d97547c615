import { WebClient } from '@slack/web-api';
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/clock.ts';
import { silentLogger } from '../../src/logger.ts';
import { createSlackDirectory, createSlackLogger } from '../../src/slack/adapters.ts';

const api = 'https://slack.directory.test';

function directory(clock = createManualClock('2026-11-02T09:00:00Z')) {
  const client = new WebClient('xoxb-test', {
    slackApiUrl: `${api}/api/`,
    retryConfig: { retries: 0 },
    logger: createSlackLogger(silentLogger),
  });
  return { clock, directory: createSlackDirectory(client, silentLogger, clock) };
}

function userInfo(user: Record<string, unknown>) {
  return nock(api)
    .post('/api/users.info', (body: Record<string, string>) => body.user === user.id)
    .reply(200, { ok: true, user });
}

afterEach(() => {
  nock.cleanAll();
});

describe('the Slack directory (users.info)', () => {
  it('reads admin status and time zone from one call, cached for ten minutes', async () => {
    const { clock, directory: slack } = directory();
    const scope = userInfo({ id: 'U0NY0001', is_admin: false, tz: 'America/New_York' });
    expect(await slack.timeZone('U0NY0001')).toBe('America/New_York');
    expect(await slack.isWorkspaceAdmin('U0NY0001')).toBe(false);
    expect(scope.isDone()).toBe(true);
    clock.advance(11 * 60_000);
    userInfo({ id: 'U0NY0001', is_owner: true, tz: 'Europe/Berlin' });
    expect(await slack.isWorkspaceAdmin('U0NY0001')).toBe(true);
    expect(await slack.timeZone('U0NY0001')).toBe('Europe/Berlin');
  });

  it('gives the zone last seen without asking Slack, past the ten minutes, and nothing before any look-up', async () => {
    const { clock, directory: slack } = directory();
    expect(slack.knownTimeZone?.('U0SG0001')).toBeUndefined();
    userInfo({ id: 'U0SG0001', tz: 'Asia/Singapore' });
    await slack.timeZone('U0SG0001');
    clock.advance(3 * 24 * 3600_000);
    // No interceptor left: a call to Slack here would fail the look-up.
    expect(slack.knownTimeZone?.('U0SG0001')).toBe('Asia/Singapore');
  });

  it('asks Slack once when App Home wants the role and the zone together', async () => {
    const { directory: slack } = directory();
    // One answer only: a second users.info in flight would find none and read as unknown.
    const scope = userInfo({ id: 'U0BOTH01', is_admin: true, tz: 'Asia/Tokyo' });
    expect(await Promise.all([slack.isWorkspaceAdmin('U0BOTH01'), slack.timeZone('U0BOTH01')])).toEqual([
      true,
      'Asia/Tokyo',
    ]);
    expect(scope.isDone()).toBe(true);
  });

  it('knows no time zone when the profile has none, names an unknown one, or Slack fails', async () => {
    const { directory: slack } = directory();
    userInfo({ id: 'U0NOTZ01' });
    userInfo({ id: 'U0BADTZ1', tz: 'Mars/Olympus_Mons' });
    nock(api).post('/api/users.info').reply(200, { ok: false, error: 'user_not_found' });
    expect(await slack.timeZone('U0NOTZ01')).toBeNull();
    expect(await slack.timeZone('U0BADTZ1')).toBeNull();
    expect(await slack.timeZone('U0GONE01')).toBeNull();
    expect(await slack.isWorkspaceAdmin('U0GONE01')).toBe(false);
  });
});
