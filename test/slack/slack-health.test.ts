import { describe, expect, it } from 'vitest';
import { runDueDigests } from '../../src/briefing/digest-runner.ts';
import { buildHome } from '../../src/slack/home.ts';
import {
  recordSlackState,
  recordStatusBeat,
  SlackState,
  slackInstanceRunning,
  slackStatusText,
} from '../../src/slack/status.ts';
import { read, useCommandTests } from '../helpers/commands.ts';
import type { TestDeps } from '../helpers/deps.ts';
import { createFeed, createSchedule, createTopic, digestRuns, storeFeedItems } from '../helpers/digest.ts';

const admin = 'UADMIN01';
const member = 'UMEMBER1';
const { current, brief } = useCommandTests(admin);

const home = async (userId: string) => JSON.stringify(await buildHome(current().deps, userId));
const unreachable = 'Cannot reach Slack (slack.com not found; is this machine online?)';

/** As the running Briefbot records it: `state` at `at` on the test's clock. */
function slackAt(deps: TestDeps, at: string, state: SlackState, detail: string) {
  deps.clock.set(at);
  recordSlackState(deps.db.sqlite, state, detail, deps.clock.now());
}

/**
 * Connected at 05:00 UTC, Slack lost from 06:40 to 07:20 while the 08:00 Berlin (07:00 UTC) digest
 * was due, that digest posted once Slack was back, and the clock at 07:32.
 */
async function outageOverDigest(deps: TestDeps) {
  const feed = await createFeed(deps, { host: 'https://news.example.com' });
  await createTopic(deps, 'pricing', 'pricing');
  await createSchedule(deps, { topics: ['pricing'] });
  slackAt(deps, '2026-11-03T05:00:00Z', SlackState.Connected, 'connected in Socket Mode');
  await storeFeedItems(deps, feed, [{ guid: 'p1', title: 'Acme raises pricing' }]);
  await deps.db.prisma.feed.update({
    where: { id: feed },
    data: { lastFetchedAt: new Date('2026-11-03T07:30:00Z') },
  });
  slackAt(deps, '2026-11-03T06:40:00Z', SlackState.NotConnected, 'the Socket Mode connection closed');
  slackAt(deps, '2026-11-03T06:41:00Z', SlackState.NotConnected, unreachable);
  slackAt(deps, '2026-11-03T07:20:00Z', SlackState.Connected, 'connected in Socket Mode');
  await runDueDigests(deps, { owner: 'test', catchUpHours: 6 });
  expect(digestRuns(deps).map((run) => run.status)).toEqual(['posted']);
  deps.clock.set('2026-11-03T07:32:00Z');
  // The running Briefbot checks in every minute.
  recordStatusBeat(deps.db.sqlite, deps.clock.now());
}

const outageLine = `Slack connection: reconnected 12 min ago after 40 min without Slack (${unreachable}); the digest due meanwhile was posted late.`;

describe('Slack connection on App Home', () => {
  it('says nothing to an admin while Slack has been connected all along', async () => {
    const { deps } = current();
    slackAt(deps, '2026-11-03T05:00:00Z', SlackState.Connected, 'connected in Socket Mode');
    deps.clock.set('2026-11-03T07:32:00Z');
    expect(await home(admin)).not.toContain('Slack connection');
  });

  it('tells an admin of the last outage in the past day, with its reason and the digests it delayed, until a day has passed', async () => {
    const { deps } = current();
    await outageOverDigest(deps);
    expect(await home(admin)).toContain(`:warning: ${outageLine} Now: \`/brief status\``);
    // Members cannot act on it.
    expect(await home(member)).not.toContain('Slack connection');
    deps.clock.set('2026-11-04T07:19:00Z');
    expect(await home(admin)).toContain('reconnected 24 h ago after 40 min without Slack');
    deps.clock.set('2026-11-04T07:21:00Z');
    expect(await home(admin)).not.toContain('Slack connection');
  });

  it('keeps the outage once connected, whatever else is recorded, and a new outage replaces it', async () => {
    const { deps } = current();
    slackAt(deps, '2026-11-03T05:00:00Z', SlackState.Connected, 'connected in Socket Mode');
    slackAt(deps, '2026-11-03T06:00:00Z', SlackState.NotConnected, unreachable);
    slackAt(deps, '2026-11-03T06:05:00Z', SlackState.Connected, 'connected in Socket Mode');
    slackAt(deps, '2026-11-03T06:10:00Z', SlackState.Connected, 'connected in Socket Mode');
    expect(await home(admin)).toContain('reconnected 5 min ago after 5 min without Slack');
    slackAt(
      deps,
      '2026-11-03T07:00:00Z',
      SlackState.NotConnected,
      'Cannot reach Slack (Slack answered HTTP 503)',
    );
    slackAt(deps, '2026-11-03T09:00:00Z', SlackState.Connected, 'connected in Socket Mode');
    expect(await home(admin)).toContain(
      'reconnected just now after 2 h without Slack (Cannot reach Slack (Slack answered HTTP 503)).',
    );
  });

  it('names a digest due during the outage that failed, and where to look', async () => {
    const { deps } = current();
    await createTopic(deps, 'pricing', 'pricing');
    const schedule = await createSchedule(deps, { topics: ['pricing'] });
    slackAt(deps, '2026-11-03T06:40:00Z', SlackState.NotConnected, unreachable);
    await deps.db.prisma.digestRun.create({
      data: {
        scheduleId: schedule,
        slot: new Date('2026-11-03T07:00:00Z'),
        status: 'failed',
        error: 'Cannot reach Slack',
        startedAt: new Date('2026-11-03T07:00:00Z'),
      },
    });
    slackAt(deps, '2026-11-03T07:20:00Z', SlackState.Connected, 'connected in Socket Mode');
    expect(await home(admin)).toContain(
      `after 40 min without Slack (${unreachable}); a digest due meanwhile failed (\`/brief digest list\`).`,
    );
  });
});

describe('/brief status', () => {
  it('gives an admin the Slack connection as `npx briefbot status` says it, the last outage, feeds and digests', async () => {
    const { deps } = current();
    await outageOverDigest(deps);
    const text = read(await brief('status'));
    expect(text).toContain('*Briefbot status*');
    expect(text).toContain('Slack: connected in Socket Mode, since Tue 3 Nov 07:20 UTC (checked just now).');
    expect(text).toContain(outageLine);
    expect(text).toContain('*Feeds:* 1 (1 ok, 0 failing, 0 paused) · last poll 2 min ago\n');
    expect(text).toContain('*Digests:* next due Wed 4 Nov 08:00 Europe/Berlin (digest 1, <#C0NEWS>)');
  });

  it('counts failing feeds and points at them', async () => {
    const { deps } = current();
    const feed = await createFeed(deps, { host: 'https://broken.example.com' });
    await deps.db.prisma.feed.update({ where: { id: feed }, data: { status: 'failing' } });
    const text = read(await brief('status'));
    expect(text).toContain('0 ok, 1 failing, 0 paused) · `/brief feeds list failing`');
    expect(text).toContain('No Briefbot has connected to Slack with this database yet.');
    expect(text).toContain('*Digests:* none scheduled: `/brief digest add`');
  });

  it('tells a member whom to ask, by name', async () => {
    const text = read(await brief('status', member));
    expect(text).toContain(
      "Sorry, only Briefbot admins can see Briefbot's status. Ask <@UADMIN01> or a workspace admin.",
    );
    expect(text).not.toContain('Slack:');
  });

  it('stays a question with other words after it', async () => {
    const text = read(await brief('status of the pricing rollout'));
    expect(text).not.toContain('Briefbot status');
    expect(text).not.toContain('Did you mean');
  });
});

describe('a Briefbot started without Slack', () => {
  it('does not take the status of a Briefbot in Slack that still checks in, and is said as running without Slack', () => {
    const { deps } = current();
    const { sqlite } = deps.db;
    expect(slackInstanceRunning(sqlite, deps.clock.now())).toBe(false);
    slackAt(deps, '2026-11-03T06:40:00Z', SlackState.NotConnected, unreachable);
    deps.clock.set('2026-11-03T06:42:00Z');
    expect(slackInstanceRunning(sqlite, deps.clock.now())).toBe(true);
    // Gone quiet for more than three check-ins: no longer running.
    deps.clock.set('2026-11-03T06:44:00Z');
    expect(slackInstanceRunning(sqlite, deps.clock.now())).toBe(false);
    slackAt(deps, '2026-11-03T06:44:00Z', SlackState.WithoutSlack, 'SLACK_BOT_TOKEN is not set');
    expect(slackInstanceRunning(sqlite, deps.clock.now())).toBe(false);
    expect(slackStatusText(sqlite, deps.clock.now(), 'UTC')).toEqual({
      ok: false,
      text: 'Briefbot is running without Slack since Tue 3 Nov 06:44 UTC (SLACK_BOT_TOKEN is not set), so it is not answering in Slack; feeds are monitored. To connect it, follow README "Connect Slack", then restart it: npx briefbot start (checked just now).',
    });
    // In the local console itself that is as expected, not a fault.
    expect(slackStatusText(sqlite, deps.clock.now(), 'UTC', 'console').text).toMatch(
      /^Slack: not connected, as expected: this is the local console/,
    );
  });
});
