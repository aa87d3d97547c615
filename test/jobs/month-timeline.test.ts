import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/commands/index.ts';
import { openDatabase } from '../../src/db/client.ts';
import { clusterWindowMs } from '../../src/db/items.ts';
import { pruneDeliveries } from '../../src/deliveries.ts';
import { claimNudge, markReplied, releaseNudge, snoozeNudge } from '../../src/engage/claims.ts';
import { afterWorkingMs, inBusinessHours, workingMsBetween } from '../../src/engage/nudges.ts';
import { pruneLsh, runMinuteJobs } from '../../src/jobs/background.ts';
import { addFeed } from '../../src/monitor/feeds.ts';
import { windowStartText } from '../../src/slack/blocks/digest.ts';
import { createTestDeps, type SentMessage, type TestDeps } from '../helpers/deps.ts';
import { createSchedule, type FeedItem, rssFeed } from '../helpers/digest.ts';
import { createBeat } from '../helpers/nudges.ts';

const minuteMs = 60_000;
const hourMs = 60 * minuteMs;
const dayMs = 24 * hourMs;
const tickMs = 10 * minuteMs;

/** What was sent, and when (the clock's now). */
type Sent = SentMessage & { at: Date };

/**
 * A feed served by nock for the whole month: at each fetch, the items published by then; down
 * (HTTP 500) while `down` says so.
 */
function serveFeed(
  deps: { clock: { now(): Date } },
  host: string,
  items: FeedItem[],
  down: (at: Date) => boolean = () => false,
): void {
  nock(host)
    .persist()
    .get('/feed.xml')
    .reply(() => {
      const now = deps.clock.now();
      if (down(now)) return [500, 'upstream down'];
      const published = items.filter((item) => (item.publishedAt ?? now) <= now);
      return [200, rssFeed(host, published, now), { 'content-type': 'application/rss+xml' }];
    });
}

const words = [
  'alpha',
  'bravo',
  'cobalt',
  'delta',
  'ember',
  'falcon',
  'garnet',
  'harbor',
  'indigo',
  'juniper',
  'kestrel',
  'lagoon',
  'meadow',
  'nebula',
  'orchid',
  'pepper',
  'quartz',
  'raven',
  'saffron',
  'tundra',
  'umber',
  'velvet',
  'willow',
  'xenon',
  'yarrow',
  'zephyr',
  'acorn',
  'basalt',
  'cedar',
  'dune',
];

/** A title sharing few words with any other, so each item is a story of its own. */
function distinctTitle(topic: string, n: number): string {
  const at = (k: number) => words[k % words.length];
  return `Acme ${topic} ${at(n)} ${at(Math.floor(n / words.length) + 3)} ${at(n * 7 + 1)} report number ${n}`;
}

/** Items published at `hourUtc` on each day of the month, from day `from`. */
function daily(prefix: string, topic: string, hourUtc: number, first: number, from = 0): FeedItem[] {
  return Array.from({ length: 40 - from }, (_, index) => ({
    guid: `${prefix}-${from + index}`,
    title: distinctTitle(topic, first + from + index),
    publishedAt: new Date(Date.parse('2026-10-19T00:00:00Z') + (from + index) * dayMs + hourUtc * hourMs),
  }));
}

describe('a month of Briefbot', () => {
  let deps: TestDeps;
  const sent: Sent[] = [];
  let nextNightly = new Date('2026-10-19T03:17:00Z');

  beforeAll(async () => {
    deps = await createTestDeps({
      env: { BRIEFBOT_ADMINS: 'UADMIN01', DIGEST_CATCH_UP_HOURS: '6', DEFAULT_TIMEZONE: 'UTC' },
      now: '2026-10-19T00:00:00Z',
    });
    const post = deps.outbox.post;
    deps.outbox.post = async (channel, message, options) => {
      const result = await post(channel, message, options);
      sent.push({ ...(deps.sent[deps.sent.length - 1] as SentMessage), at: deps.clock.now() });
      return result;
    };
    // Time moves while a cycle runs (a poll takes a moment): an item is stored before the digest after it reads.
    const now = deps.clock.now;
    deps.clock.now = () => {
      deps.clock.advance(1);
      return now();
    };
  });
  afterAll(async () => {
    nock.cleanAll();
    await deps.cleanup();
  });

  /** The minute job every 10 minutes until `to`, and the nightly pruning. */
  async function runUntil(to: string): Promise<void> {
    while (deps.clock.now() < new Date(to)) {
      // On the 10-minute mark, as cron would start it; reads within a cycle move the clock on a little.
      deps.clock.set(new Date((Math.floor(deps.clock.now().getTime() / tickMs) + 1) * tickMs));
      await runMinuteJobs(deps, 'month');
      if (deps.clock.now() >= nextNightly) {
        pruneLsh(deps);
        pruneDeliveries(deps);
        nextNightly = new Date(nextNightly.getTime() + dayMs);
      }
    }
  }

  function nudgeOf(guid: string): number {
    return deps.db.sqlite
      .prepare('SELECT n.id FROM nudges n JOIN items i ON i.id = n.item_id WHERE i.key LIKE ?')
      .pluck()
      .safeIntegers(false)
      .get(`%${guid}%`) as number;
  }

  it('posts what is due, once, across DST, failures, a restart and 3 days asleep', async () => {
    await createBeat(deps, {
      name: 'pricing',
      query: 'pricing',
      channelId: 'C0TALK',
      experts: [
        { userId: 'USME0001', timezone: 'Europe/Berlin' },
        { userId: 'USME0002', timezone: 'America/New_York', awayUntil: new Date('2026-11-10T00:00:00Z') },
      ],
    });
    await deps.db.prisma.topic.create({ data: { name: 'outages', query: 'outage' } });
    const at = (iso: string) => new Date(iso);
    const news: FeedItem[] = [
      ...daily('news-a', 'pricing', 10, 0),
      ...daily('news-b', 'outage', 16, 100),
      {
        guid: 'hot-1',
        title: 'Customers slam Acme pricing in backlash over price increase',
        publishedAt: at('2026-10-20T09:30:00Z'),
      },
      { guid: 'hot-2', title: 'Initech faces lawsuit over pricing', publishedAt: at('2026-10-23T14:00:00Z') },
      { guid: 'hot-3', title: 'Is per-seat pricing dead?', publishedAt: at('2026-11-02T10:00:00Z') },
      {
        guid: 'hot-4',
        title: 'Customers slam Globex pricing in backlash over price increase',
        publishedAt: at('2026-11-13T11:00:00Z'),
      },
      { guid: 'hot-5', title: 'Hooli faces lawsuit over pricing', publishedAt: at('2026-11-14T10:00:00Z') },
    ];
    serveFeed(deps, 'https://news.example.com', news);
    await addFeed(deps, { url: 'https://news.example.com/feed.xml', kind: 'news', actorId: 'UADMIN01' });
    // Fails from Monday 26 October to Thursday 29 October; its stories of those days come when it is back.
    serveFeed(
      deps,
      'https://flaky.example.com',
      daily('flaky', 'pricing', 12, 200),
      (now) => now >= at('2026-10-26T00:00:00Z') && now < at('2026-10-30T00:00:00Z'),
    );
    await addFeed(deps, { url: 'https://flaky.example.com/feed.xml', kind: 'blog', actorId: 'UADMIN01' });
    const berlin = await createSchedule(deps, { channelId: 'C0BERLIN', timezone: 'Europe/Berlin' });
    const newYork = await createSchedule(deps, {
      channelId: 'C0NEWYORK',
      cadence: 'weekly',
      weekday: 1,
      timeOfDay: '09:00',
      timezone: 'America/New_York',
    });

    await runUntil('2026-10-21T09:00:00Z');
    await claimNudge(deps, nudgeOf('hot-1'), 'USME0001');
    await runUntil('2026-10-22T10:00:00Z');
    await markReplied(deps, nudgeOf('hot-1'), 'USME0001', 'https://news.example.com/reply-1');
    await runUntil('2026-10-27T11:00:00Z');
    await claimNudge(deps, nudgeOf('hot-2'), 'USME0001');
    await runUntil('2026-11-03T09:00:00Z');
    await snoozeNudge(deps, nudgeOf('hot-3'), 'USME0001', at('2026-11-04T09:00:00Z'));
    await runUntil('2026-11-04T12:00:00Z');
    // A feed added mid-month with 20 stories of September: backlog, never in a digest or a nudge.
    serveFeed(deps, 'https://late.example.com', [
      ...Array.from({ length: 20 }, (_, n) => ({
        guid: `late-old-${n}`,
        title: distinctTitle('pricing', 300 + n),
        publishedAt: new Date(Date.parse('2026-09-01T09:00:00Z') + n * 2 * dayMs),
      })),
      ...daily('late', 'outage', 14, 400, 17),
    ]);
    await addFeed(deps, { url: 'https://late.example.com/feed.xml', kind: 'news', actorId: 'UADMIN01' });
    await runUntil('2026-11-05T15:00:00Z');
    await claimNudge(deps, nudgeOf('hot-3'), 'USME0001');
    await runUntil('2026-11-06T10:00:00Z');
    await releaseNudge(deps, nudgeOf('hot-3'), 'USME0001');
    await runUntil('2026-11-06T12:02:00Z');
    // The process restarts: new connections over the same database file.
    const before = deps.db;
    deps.db = await openDatabase(deps.config.DATABASE_URL);
    await before.close();
    await runUntil('2026-11-09T09:00:00Z');
    await claimNudge(deps, nudgeOf('hot-3'), 'USME0001');
    await runUntil('2026-11-10T11:00:00Z');
    await markReplied(deps, nudgeOf('hot-3'), 'USME0001', 'https://news.example.com/reply-3');
    await runUntil('2026-11-15T20:00:00Z');
    // The machine sleeps from Sunday evening to Wednesday 10:00 UTC.
    deps.clock.set('2026-11-18T10:00:00Z');
    await runUntil('2026-11-24T00:00:00Z');

    const runs = deps.db.sqlite
      .prepare(
        'SELECT schedule_id AS scheduleId, slot, status, started_at AS startedAt FROM digest_runs ORDER BY id',
      )
      .safeIntegers(false)
      .all() as Array<{ scheduleId: number; slot: number; status: string; startedAt: number }>;
    const parents = (channel: string) => sent.filter((each) => each.channel === channel && !each.threadTs);
    const shown = (each: Sent | undefined) =>
      (each?.message.blocks ?? []).map((block) => JSON.stringify(block)).join('\n');

    // Berlin, daily at 08:00 local: every day but the two slept through, 06:00 UTC in summer time,
    // 07:00 UTC after 25 October; the day of waking posted late, once, saying what it covers.
    const berlinRuns = runs.filter((run) => run.scheduleId === berlin);
    const berlinDays = Array.from(
      { length: 36 },
      (_, day) => Date.parse('2026-10-19T00:00:00Z') + day * dayMs,
    )
      .filter(
        (day) => ![Date.parse('2026-11-16T00:00:00Z'), Date.parse('2026-11-17T00:00:00Z')].includes(day),
      )
      .map((day) =>
        new Date(day + (day < Date.parse('2026-10-25T00:00:00Z') ? 6 : 7) * hourMs).toISOString(),
      );
    expect(berlinRuns.map((run) => new Date(run.slot).toISOString())).toEqual(berlinDays);
    expect(berlinRuns.map((run) => run.status)).toEqual([
      'quiet',
      ...berlinDays.slice(1).map(() => 'posted'),
    ]);
    const berlinPosts = parents('C0BERLIN');
    expect(berlinPosts).toHaveLength(berlinDays.length);
    // Each window starts where the one before it read to: contiguous, nothing read twice.
    berlinRuns.forEach((run, index) => {
      const previous = berlinRuns[index - 1];
      if (!previous) return;
      const since = windowStartText(new Date(Math.max(previous.slot, previous.startedAt)), 'Europe/Berlin');
      expect(shown(berlinPosts[index]), new Date(run.slot).toISOString()).toContain(`since ${since}`);
    });
    const berlinLate = berlinPosts.filter((post) => shown(post).includes('Posted late'));
    expect(berlinLate.map((post) => post.at.toISOString().slice(0, 16))).toEqual(['2026-11-18T10:10']);
    expect(shown(berlinLate[0])).toContain(
      'Posted late: it was due Wed 18 Nov 08:00 Europe/Berlin, when Briefbot was not running; it covers everything since Sun 15 Nov 08:00 Europe/Berlin, including the 2 scheduled digests that did not go out.',
    );
    expect(shown(berlinLate[0])).not.toContain('previous digest');

    // New York, weekly on Monday at 09:00 local (13:00 UTC, then 14:00 UTC after 1 November): the
    // Monday slept through is posted on waking on Wednesday, not a week later.
    const newYorkRuns = runs.filter((run) => run.scheduleId === newYork);
    // Its first, hours after the feeds were added, holds what polling found of that morning (or nothing).
    expect(['posted', 'quiet']).toContain(newYorkRuns[0]?.status);
    expect(newYorkRuns.map((run) => [new Date(run.slot).toISOString(), run.status]).slice(1)).toEqual([
      ['2026-10-26T13:00:00.000Z', 'posted'],
      ['2026-11-02T14:00:00.000Z', 'posted'],
      ['2026-11-09T14:00:00.000Z', 'posted'],
      ['2026-11-16T14:00:00.000Z', 'posted'],
      ['2026-11-23T14:00:00.000Z', 'posted'],
    ]);
    const newYorkPosts = parents('C0NEWYORK');
    expect(newYorkPosts.map((post) => post.at.toISOString().slice(0, 16))).toEqual([
      '2026-10-19T13:00',
      '2026-10-26T13:00',
      '2026-11-02T14:00',
      '2026-11-09T14:00',
      '2026-11-18T10:10',
      '2026-11-23T14:00',
    ]);
    expect(shown(newYorkPosts[4])).toContain(
      'Posted late: it was due Mon 16 Nov 09:00 America/New_York, when Briefbot was not running.',
    );
    expect(shown(newYorkPosts[5])).toContain('since Wed 18 Nov 05:10 America/New_York');

    // Never an item twice in a channel; never the backlog of the feed added mid-month.
    const posts = deps.db.sqlite
      .prepare(
        'SELECT cp.channel_id AS channel, i.key FROM channel_posts cp JOIN items i ON i.id = cp.item_id',
      )
      .all() as Array<{ channel: string; key: string }>;
    expect(new Set(posts.map((post) => `${post.channel} ${post.key}`)).size).toBe(posts.length);
    expect(posts.filter((post) => post.key.includes('late-old-'))).toEqual([]);
    // The failing feed's stories of its four bad days reached Berlin once it was back.
    for (const day of [7, 8, 9, 10])
      expect(
        posts.filter((post) => post.channel === 'C0BERLIN' && post.key.endsWith(`flaky-${day}`)),
      ).toHaveLength(1);
    expect(sent.filter((each) => each.message.text.includes('is failing'))).toHaveLength(1);

    // Nudges: each posted once; the thread reminder 4 working hours after its clock started (the post,
    // a snooze's end, a release), the escalation at 9, never repeated; the claimant's reminder 9 of their
    // own working hours (Berlin) after the claim; the one due while asleep sent once, on waking.
    const timesOf = (text: string) =>
      sent.filter((each) => each.message.text.includes(text)).map((each) => each.at);
    const posted = timesOf('A conversation to join on pricing');
    expect(posted).toHaveLength(5);
    /** Sent within one tick of `hours` working hours after `from` (a tick more when it waits on a late reminder). */
    const workingAfter = (
      at: Date | undefined,
      from: Date | string,
      hours: number,
      timeZone = 'UTC',
      ticks = 1,
    ) => {
      const worked = workingMsBetween(deps, new Date(from), at as Date, timeZone);
      expect(worked, `${at?.toISOString()} after ${String(from)}`).toBeGreaterThanOrEqual(
        hours * hourMs - 1000,
      );
      expect(worked, `${at?.toISOString()} after ${String(from)}`).toBeLessThanOrEqual(
        hours * hourMs + ticks * tickMs + 1000,
      );
    };
    const [hot1, hot2, hot3, hot4, hot5] = posted.map((at) => at.toISOString());
    const messageTs = deps.db.sqlite
      .prepare('SELECT message_ts FROM nudges ORDER BY id')
      .pluck()
      .all() as string[];
    const remindersOf = (nudge: number) =>
      sent.filter((each) => each.threadTs === messageTs[nudge - 1]).map((each) => each.at);
    const escalationsOf = (nudge: number) => timesOf(`Nobody has claimed conversation ${nudge},`);
    /**
     * The reminders (or escalations) owed to a nudge whose clock started at each of `starts` and ran
     * until the next move (a snooze, a claim): one `hours` of working time after each start that had that long.
     */
    const expectFollowUps = (actual: Date[], hours: number, starts: Array<[Date | string, string]>) => {
      const owed = starts.filter(
        ([from, until]) => afterWorkingMs(deps, new Date(from), hours * hourMs, new Date(until)) !== null,
      );
      expect(actual).toHaveLength(owed.length);
      owed.forEach(([from], index) => {
        workingAfter(actual[index], from, hours, 'UTC', 2);
      });
    };
    /**
     * The thread reminders: once due (4 working hours after each start), each waits for the expert's
     * own working hours (Berlin), and is owed when that comes before the next move.
     */
    const expectReminders = (actual: Date[], starts: Array<[Date | string, string]>) => {
      const owed = starts.flatMap(([from, until]) => {
        const due = afterWorkingMs(deps, new Date(from), 4 * hourMs, new Date(until));
        let at = due;
        while (at && !inBusinessHours(deps, at, 'Europe/Berlin')) at = new Date(at.getTime() + minuteMs);
        return at && at < new Date(until) ? [at] : [];
      });
      expect(actual).toHaveLength(owed.length);
      owed.forEach((at, index) => {
        const sent = (actual[index] as Date).getTime();
        expect(sent, `${actual[index]?.toISOString()} for ${at.toISOString()}`).toBeGreaterThanOrEqual(
          at.getTime() - 1000,
        );
        expect(sent, `${actual[index]?.toISOString()} for ${at.toISOString()}`).toBeLessThanOrEqual(
          at.getTime() + 2 * tickMs + 1000,
        );
      });
    };
    expect(hot1 && hot1 < '2026-10-21T09:00:00Z').toBe(true);
    expectReminders(remindersOf(1), [[hot1 as string, '2026-10-21T09:00:00Z']]);
    expectFollowUps(escalationsOf(1), 9, [[hot1 as string, '2026-10-21T09:00:00Z']]);
    expectReminders(remindersOf(2), [[hot2 as string, '2026-10-27T11:00:00Z']]);
    expectFollowUps(escalationsOf(2), 9, [[hot2 as string, '2026-10-27T11:00:00Z']]);
    expect(remindersOf(2)).toHaveLength(1);
    expect(escalationsOf(2)).toHaveLength(1);
    // Snoozed on Tuesday until Wednesday, claimed on Thursday, released on Friday, claimed on Monday.
    const hot3Starts: Array<[Date | string, string]> = [
      [hot3 as string, '2026-11-03T09:00:00Z'],
      ['2026-11-04T09:00:00Z', '2026-11-05T15:00:00Z'],
      ['2026-11-06T10:00:00Z', '2026-11-09T09:00:00Z'],
    ];
    expectReminders(remindersOf(3), hot3Starts);
    expectFollowUps(escalationsOf(3), 9, hot3Starts);
    expect(remindersOf(3).length).toBeGreaterThanOrEqual(2);
    // Friday's: its escalation (and its reminder, when that was not due by Friday evening) fell due while
    // asleep: each sent once, the escalation on waking or, with the reminder then, 5 working hours after it.
    const [reminder4, ...moreReminders4] = remindersOf(4);
    const [escalation4, ...moreEscalations4] = escalationsOf(4);
    expect([moreReminders4, moreEscalations4]).toEqual([[], []]);
    if ((reminder4 as Date) < new Date('2026-11-15T20:00:00Z')) {
      workingAfter(reminder4, hot4 as string, 4);
      expect(escalation4?.toISOString().slice(0, 16)).toBe('2026-11-18T10:10');
    } else {
      expect(reminder4?.toISOString().slice(0, 16)).toBe('2026-11-18T10:10');
      workingAfter(escalation4, reminder4 as Date, 5);
    }
    // Saturday's: both fell due while asleep (Monday and Tuesday): reminded on waking, escalated 5 working
    // hours later, not both at once.
    expect(hot5?.slice(0, 10)).toBe('2026-11-14');
    expect(remindersOf(5).map((at) => at.toISOString().slice(0, 16))).toEqual(['2026-11-18T10:10']);
    expect(escalationsOf(5)).toHaveLength(1);
    workingAfter(escalationsOf(5)[0], remindersOf(5)[0] as Date, 5);
    const claimantReminders = timesOf('A reminder: no reply is recorded yet');
    expect(claimantReminders).toHaveLength(3);
    workingAfter(claimantReminders[0], '2026-10-21T09:00:00Z', 9, 'Europe/Berlin');
    workingAfter(claimantReminders[1], '2026-10-27T11:00:00Z', 9, 'Europe/Berlin');
    workingAfter(claimantReminders[2], '2026-11-09T09:00:00Z', 9, 'Europe/Berlin');
    const claimEscalations = timesOf('has recorded no reply');
    expect(claimEscalations).toHaveLength(1);
    workingAfter(claimEscalations[0], claimantReminders[1] as Date, 9, 'Europe/Berlin');
    // The claim of Tuesday 27 October 11:00 expires 7 days on, at the first cycle after.
    const expiries = timesOf('Your claim on');
    expect(expiries).toHaveLength(1);
    expect((expiries[0] as Date).getTime() - Date.parse('2026-11-03T11:00:00Z')).toBeGreaterThanOrEqual(0);
    expect((expiries[0] as Date).getTime() - Date.parse('2026-11-03T11:00:00Z')).toBeLessThanOrEqual(
      tickMs + 1000,
    );
    // The month's stats: hot-2 to hot-5 fall in the last 30 days; USME0002 was asked only once back.
    const stats = async (text: string) =>
      JSON.stringify((await runCommand(deps, { userId: 'UADMIN01', channelId: 'C0STATS', text })).blocks);
    const month = await stats('stats 30d');
    expect(month).toContain(
      '4 conversations · 2 claimed (3 claims) · 1 released · 1 replied (25% of the 4 that needed one) · 3 expired',
    );
    expect(month).toContain('<@USME0002>: asked 2 · 0 claimed · 2 lapsed');
    expect(await stats('stats 7d')).toContain(
      '2 conversations · 0 claimed · 0 replied (0% of the 2 that needed one) · 2 expired',
    );
    const states = deps.db.sqlite.prepare('SELECT state FROM nudges ORDER BY id').pluck().all();
    expect(states).toEqual(['replied', 'expired', 'replied', 'expired', 'expired']);

    // Bounded: one run row per slot, near-duplicate signatures only for the last two weeks.
    expect(runs).toHaveLength(berlinDays.length + 6);
    const count = (sql: string, ...params: number[]) =>
      deps.db.sqlite
        .prepare(sql)
        .pluck()
        .safeIntegers(false)
        .get(...params) as number;
    const prunedBefore = Date.parse('2026-11-23T03:17:00Z') - 2 * clusterWindowMs;
    expect(count('SELECT COUNT(*) FROM item_signatures WHERE published_at < ?', prunedBefore)).toBe(0);
    expect(count('SELECT COUNT(*) FROM item_signatures')).toBeLessThan(
      count('SELECT COUNT(*) FROM items') / 2,
    );
  }, 600_000);
});
