import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type RunReport, runDigestNow, runDueDigests } from '../../src/briefing/digest-runner.ts';
import { editSchedule, follow, setScheduleStatus, specOf } from '../../src/briefing/schedules.ts';
import { openDatabase } from '../../src/db/client.ts';
import type { Deps } from '../../src/deps.ts';
import { type Outbox, PostError } from '../../src/outbox.ts';
import { createTestDeps, type TestDeps } from '../helpers/deps.ts';
import {
  channelPosts,
  createFeed,
  createSchedule,
  createTopic,
  digestRuns,
  itemIdsIn,
  storeFeedItems,
} from '../helpers/digest.ts';
import { captureCompletion, completionsPath, llmHost, testModelClient } from '../helpers/llm.ts';

const minuteMs = 60_000;
let deps: TestDeps;
let feedId: number;
let items: Record<string, number>;

/** Two topics, a feed, three items stored at 12:00 on 1 November; the clock at 13:00. */
async function seeded(): Promise<{ deps: TestDeps; feedId: number; items: Record<string, number> }> {
  const deps = await createTestDeps({ env: { BRIEFBOT_ADMINS: 'UADMIN01' }, now: '2026-11-01T00:00:00Z' });
  await createTopic(deps, 'pricing', 'pricing OR price*');
  await createTopic(deps, 'outages', 'outage*');
  const feedId = await createFeed(deps, { host: 'https://news.example.com', title: 'Example News' });
  deps.clock.set('2026-11-01T12:00:00Z');
  const items = await storeFeedItems(deps, feedId, [
    { guid: 'p1', title: 'Acme pricing goes up', comments: 50 },
    { guid: 'p2', title: 'Globex price cut', comments: 20 },
    { guid: 'o1', title: 'Acme outage in Europe', comments: 5 },
  ]);
  deps.clock.set('2026-11-01T13:00:00Z');
  return { deps, feedId, items };
}

beforeEach(async () => {
  ({ deps, feedId, items } = await seeded());
});
afterEach(async () => {
  await deps.cleanup();
});

const run = (owner = 'runner-a', on: Deps = deps) => runDueDigests(on, { owner, catchUpHours: 6 });
const parents = () => deps.sent.filter((sent) => !sent.threadTs && sent.channel.startsWith('C'));
const threadPosts = () => deps.sent.filter((sent) => sent.threadTs);
const postedIds = () => threadPosts().flatMap((sent) => itemIdsIn(sent.message.blocks));

/** The test outbox, except that posts to channels (not DMs), or to `only`, fail with `error`. */
function refusing(error: PostError, only?: string): Deps {
  return {
    ...deps,
    outbox: {
      post: async (channel, message, options) => {
        if (only ? channel === only : channel.startsWith('C')) throw error;
        return deps.outbox.post(channel, message, options);
      },
      update: deps.outbox.update,
    },
  };
}

/** Every item went out once, and channel_posts holds each (channel, item) once. */
function expectEachItemOnce(expected: number[]): void {
  expect(postedIds().sort()).toEqual([...expected].sort());
  const keys = channelPosts(deps).map((post) => `${post.channelId}:${post.itemId}`);
  expect(new Set(keys).size).toBe(keys.length);
}

describe('catch-up and skip', () => {
  beforeEach(async () => {
    await createSchedule(deps, { timezone: 'UTC', topics: ['pricing'] });
  });

  it('posts a missed slot once when the runner comes back 3 hours later', async () => {
    deps.clock.set('2026-11-02T11:00:00Z');
    expect(await run()).toMatchObject([{ status: 'posted', items: 2 }]);
    deps.clock.advance(5 * minuteMs);
    expect(await run()).toEqual([]);
    expect(parents()).toHaveLength(1);
    expect(digestRuns(deps)).toMatchObject([
      { slot: Date.parse('2026-11-02T08:00:00Z'), status: 'posted', itemCount: 2 },
    ]);
    expectEachItemOnce([items.p1, items.p2] as number[]);
  });

  it('records a skipped run and posts nothing 8 hours after the slot', async () => {
    deps.clock.set('2026-11-02T16:00:00Z');
    expect(await run()).toMatchObject([{ status: 'skipped', items: 0 }]);
    expect(await run()).toEqual([]);
    expect(deps.sent).toEqual([]);
    expect(digestRuns(deps)).toMatchObject([{ status: 'skipped' }]);
    expect(channelPosts(deps)).toEqual([]);
    // The next slot covers what the skipped one would have had.
    deps.clock.set('2026-11-03T08:00:00Z');
    expect(await run()).toMatchObject([{ status: 'posted', items: 2 }]);
    expectEachItemOnce([items.p1, items.p2] as number[]);
  });

  it('does not run a slot from before the schedule existed', async () => {
    deps.clock.set('2026-11-02T09:00:00Z');
    await createSchedule(deps, { channelId: 'C0LATE', timezone: 'UTC', topics: ['outages'] });
    deps.clock.set('2026-11-02T09:30:00Z');
    const reports = await run();
    // Only the first schedule's 08:00 slot; the new one waits for tomorrow.
    expect(reports.map((report) => report.scheduleId)).toEqual([1]);
    expect(deps.sent.some((sent) => sent.channel === 'C0LATE')).toBe(false);
    deps.clock.set('2026-11-03T08:00:00Z');
    expect((await run()).map((report) => report.scheduleId)).toEqual([1, 2]);
    expect(deps.sent.filter((sent) => sent.channel === 'C0LATE' && !sent.threadTs)).toHaveLength(1);
  });
});

describe('after Briefbot was not running for days', () => {
  const parentText = (index = 0) =>
    (parents()[index]?.message.blocks ?? []).map((block) => JSON.stringify(block)).join('\n');

  it('a daily digest caught up after 3 days says it is late, what it covers, and drops the trend', async () => {
    await createSchedule(deps, { timezone: 'UTC', topics: ['pricing'] });
    deps.clock.set('2026-11-02T08:00:00Z');
    expect(await run()).toMatchObject([{ status: 'posted', items: 2 }]);
    deps.clock.set('2026-11-02T12:00:00Z');
    const more = await storeFeedItems(deps, feedId, [
      { guid: 'p3', title: 'Initech pricing page rewritten' },
      { guid: 'p4', title: 'Hooli price list leaked' },
      { guid: 'p5', title: 'Umbrella pricing tiers simplified' },
    ]);
    // Asleep from Monday evening to Thursday 10:00: the 08:00 slots of Tuesday and Wednesday had no run.
    deps.clock.set('2026-11-05T10:00:00Z');
    expect(await run()).toMatchObject([{ status: 'posted', items: 3 }]);
    expect(await run()).toEqual([]);
    expect(parents()).toHaveLength(2);
    const text = parentText(1);
    expect(text).toContain('3 new since Mon 2 Nov 08:00 UTC');
    expect(text).toContain(
      'Posted late: it was due Thu 5 Nov 08:00 UTC, when Briefbot was not running; it covers everything since Mon 2 Nov 08:00 UTC, including the 2 scheduled digests that did not go out.',
    );
    // Three days against the one before: no "▲ 50% vs the previous digest".
    expect(text).not.toContain('previous digest');
    expect(postedIds().filter((id) => [more.p3, more.p4, more.p5].includes(id))).toHaveLength(3);
  });

  it('the digest after a skipped one, on time, says it covers the skipped day and drops the trend', async () => {
    await createSchedule(deps, { timezone: 'UTC', topics: ['pricing'] });
    deps.clock.set('2026-11-02T08:00:00Z');
    expect(await run()).toMatchObject([{ status: 'posted', items: 2 }]);
    deps.clock.set('2026-11-02T12:00:00Z');
    await storeFeedItems(deps, feedId, [
      { guid: 'p3', title: 'Initech pricing page rewritten' },
      { guid: 'p4', title: 'Hooli price list leaked' },
      { guid: 'p5', title: 'Umbrella pricing tiers simplified' },
    ]);
    // Back at 16:00 on Tuesday: too late for Tuesday's; Wednesday's, on time, covers both days.
    deps.clock.set('2026-11-03T16:00:00Z');
    expect(await run()).toMatchObject([{ status: 'skipped' }]);
    deps.clock.set('2026-11-04T08:00:00Z');
    expect(await run()).toMatchObject([{ status: 'posted', items: 3 }]);
    const text = parentText(1);
    expect(text).toContain(
      'It covers everything since Mon 2 Nov 08:00 UTC, including the scheduled digest that did not go out.',
    );
    expect(text).not.toContain('Posted late');
    expect(text).not.toContain('previous digest');
  });

  /** A daily 08:00 digest posted on Mon 2 Nov, paused at 10:00 (until `until`), three stories on Tuesday. */
  async function postedThenPaused(until: Date | null): Promise<number> {
    const id = await createSchedule(deps, { timezone: 'UTC', topics: ['pricing'] });
    deps.clock.set('2026-11-02T08:00:00Z');
    expect(await run()).toMatchObject([{ status: 'posted', items: 2 }]);
    deps.clock.set('2026-11-02T10:00:00Z');
    const schedule = await deps.db.prisma.digestSchedule.findUniqueOrThrow({ where: { id } });
    await setScheduleStatus(deps, schedule, 'paused', 'UADMIN01', until);
    deps.clock.set('2026-11-03T12:00:00Z');
    await storeFeedItems(deps, feedId, [
      { guid: 'p3', title: 'Initech pricing page rewritten' },
      { guid: 'p4', title: 'Hooli price list leaked' },
      { guid: 'p5', title: 'Umbrella pricing tiers simplified' },
    ]);
    return id;
  }

  it('the first digest after a pause until a day owes none of the paused days, covers them, and drops the trend', async () => {
    // Paused on Monday until Thursday: the slots of Tuesday and Wednesday were the marketer's choice.
    await postedThenPaused(new Date('2026-11-05T00:00:00Z'));
    deps.clock.set('2026-11-04T08:00:00Z');
    expect(await run()).toEqual([]);
    deps.clock.set('2026-11-05T08:00:00Z');
    expect(await run()).toMatchObject([{ status: 'posted', items: 3 }]);
    const text = parentText(1);
    // What happened while it was paused is in it, since the last digest that went out.
    expect(text).toContain('3 new since Mon 2 Nov 08:00 UTC');
    expect(text).not.toContain('did not go out');
    expect(text).not.toContain('Posted late');
    // Three days against the one before: no trend.
    expect(text).not.toContain('previous digest');
  });

  it('a digest paused and resumed by hand neither catches up nor counts the slots of its pause', async () => {
    const id = await postedThenPaused(null);
    // Resumed at 10:00 on Wednesday: that morning's 08:00 slot was in the pause, not a late digest to post now.
    deps.clock.set('2026-11-04T10:00:00Z');
    const paused = await deps.db.prisma.digestSchedule.findUniqueOrThrow({ where: { id } });
    await setScheduleStatus(deps, paused, 'active', 'UADMIN01');
    deps.clock.set('2026-11-04T10:00:30Z');
    expect(await run()).toEqual([]);
    deps.clock.set('2026-11-05T08:00:00Z');
    expect(await run()).toMatchObject([{ status: 'posted', items: 3 }]);
    const text = parentText(1);
    expect(text).toContain('3 new since Mon 2 Nov 08:00 UTC');
    expect(text).not.toContain('did not go out');
    expect(text).not.toContain('previous digest');
  });

  it('after a weekly digest is made daily, the first daily one claims no missed digests', async () => {
    const id = await createSchedule(deps, {
      cadence: 'weekly',
      weekday: 1,
      timezone: 'UTC',
      topics: ['pricing'],
    });
    deps.clock.set('2026-11-02T08:00:00Z');
    expect(await run()).toMatchObject([{ status: 'posted', items: 2 }]);
    deps.clock.set('2026-11-04T10:00:00Z');
    const schedule = await deps.db.prisma.digestSchedule.findUniqueOrThrow({ where: { id } });
    await editSchedule(deps, schedule, { ...specOf(schedule), cadence: 'daily', weekday: null }, 'UADMIN01');
    await storeFeedItems(deps, feedId, [{ guid: 'p3', title: 'Initech pricing page rewritten' }]);
    deps.clock.set('2026-11-05T08:00:00Z');
    expect(await run()).toMatchObject([{ status: 'posted', items: 1 }]);
    expect(parentText(1)).not.toContain('did not go out');
  });

  it('a quiet-day note posted late says so too', async () => {
    await createTopic(deps, 'globex', 'globex');
    await createSchedule(deps, { timezone: 'UTC', topics: ['globex'] });
    deps.clock.set('2026-11-02T08:00:00Z');
    expect(await run()).toMatchObject([{ status: 'quiet', noted: true }]);
    deps.clock.set('2026-11-05T10:00:00Z');
    expect(await run()).toMatchObject([{ status: 'quiet', noted: true }]);
    expect(deps.sent[1]?.message.text).toBe(
      'Digest: globex: nothing new since Mon 2 Nov 08:00 UTC. Posted late: it was due Thu 5 Nov 08:00 UTC, when Briefbot was not running; it covers everything since Mon 2 Nov 08:00 UTC, including the 2 scheduled digests that did not go out.',
    );
  });

  it('a weekly digest missed by days is posted on waking, not a week later', async () => {
    await createSchedule(deps, {
      channelId: 'C0WEEKLY',
      cadence: 'weekly',
      weekday: 1,
      timezone: 'UTC',
      topics: ['pricing'],
    });
    // Monday 08:00 passed while asleep; woken on Wednesday, the next slot is 5 days away.
    deps.clock.set('2026-11-04T10:00:00Z');
    expect(await run()).toMatchObject([{ status: 'posted', items: 2 }]);
    expect(digestRuns(deps)).toMatchObject([{ slot: Date.parse('2026-11-02T08:00:00Z'), status: 'posted' }]);
    expect(parentText()).toContain(
      'Posted late: it was due Mon 2 Nov 08:00 UTC, when Briefbot was not running.',
    );
    // The next Monday's goes on from there, on time, with no note.
    deps.clock.set('2026-11-09T08:00:00Z');
    await storeFeedItems(deps, feedId, [{ guid: 'p6', title: 'Acme pricing calculator' }]);
    deps.clock.set('2026-11-09T08:00:30Z');
    expect(await run()).toMatchObject([{ status: 'posted', items: 1 }]);
    expect(parentText(1)).not.toContain('Posted late');
  });

  it('a weekly digest missed by days waits for its next slot when that is near', async () => {
    await createSchedule(deps, { cadence: 'weekly', weekday: 1, timezone: 'UTC', topics: ['pricing'] });
    // Woken on Sunday evening: Monday's digest, 12 hours away, covers both weeks.
    deps.clock.set('2026-11-08T20:00:00Z');
    expect(await run()).toMatchObject([{ status: 'skipped' }]);
    expect(deps.sent).toEqual([]);
    deps.clock.set('2026-11-09T08:00:00Z');
    expect(await run()).toMatchObject([{ status: 'posted', items: 2 }]);
  });
});

describe('exactly once', () => {
  let other: Deps;
  let closeOther: () => Promise<void>;

  beforeEach(async () => {
    await createSchedule(deps, { timezone: 'UTC', topics: ['pricing', 'outages'] });
    // A second instance: its own connection to the same database file, posting to the same Slack.
    const db = await openDatabase(deps.config.DATABASE_URL);
    other = { ...deps, db };
    closeOther = () => db.close();
    deps.clock.set('2026-11-02T08:00:00Z');
  });
  afterEach(async () => {
    await closeOther();
  });

  it('two runners racing for the same slot post one digest', async () => {
    const [a, b] = await Promise.all([run('runner-a'), run('runner-b', other)]);
    expect([...a, ...b]).toMatchObject([{ status: 'posted', items: 3 }]);
    expect(parents()).toHaveLength(1);
    expectEachItemOnce([items.p1, items.p2, items.o1] as number[]);
    expect(digestRuns(deps)).toHaveLength(1);
  });

  it('run one after the other, or again at the same slot, the second posts nothing', async () => {
    expect(await run('runner-a')).toHaveLength(1);
    const sent = deps.sent.length;
    expect(await run('runner-b', other)).toEqual([]);
    deps.clock.advance(30 * minuteMs);
    expect(await run('runner-a')).toEqual([]);
    expect(await run('runner-b', other)).toEqual([]);
    expect(deps.sent).toHaveLength(sent);
    expect(parents()).toHaveLength(1);
  });

  it('many runners at once still post one digest', async () => {
    const reports = await Promise.all(
      Array.from({ length: 6 }, (_, index) => run(`runner-${index}`, index % 2 ? other : deps)),
    );
    expect(reports.flat()).toHaveLength(1);
    expect(parents()).toHaveLength(1);
    expectEachItemOnce([items.p1, items.p2, items.o1] as number[]);
  });
});

describe('a run cut short between the parent and the thread', () => {
  beforeEach(async () => {
    await createSchedule(deps, { timezone: 'UTC', topics: ['pricing', 'outages'] });
    deps.clock.set('2026-11-02T08:00:00Z');
  });

  /** The test outbox, failing the nth thread post with `fail` (once). */
  function failingThreadPost(nth: number, fail: () => Promise<never>): Outbox {
    const working = deps.outbox;
    let threadPostsSeen = 0;
    return {
      post(channel, message, options) {
        if (options?.threadTs && ++threadPostsSeen === nth) return fail();
        return working.post(channel, message, options);
      },
      update: working.update,
    };
  }

  it.each([1, 2])(
    'a transient Slack error on thread post %i: the run waits, then resumes without repeating anything',
    async (nth) => {
      const broken = {
        ...deps,
        outbox: failingThreadPost(nth, async () => {
          throw new PostError('request_error', false);
        }),
      };
      expect(await run('runner-a', broken)).toMatchObject([
        { status: 'posting', items: 0, error: 'request_error' },
      ]);
      const [interrupted] = digestRuns(deps);
      expect(interrupted).toMatchObject({ status: 'posting', parentTs: '1700000001.000100', itemCount: 3 });
      expect(parents()).toHaveLength(1);
      expect(threadPosts()).toHaveLength(nth - 1);

      deps.clock.advance(3 * minuteMs);
      expect(await run('runner-b')).toMatchObject([{ status: 'posted', items: 3 }]);
      expect(parents()).toHaveLength(1);
      // Two topics, two thread messages, each once, each under the first parent.
      expect(threadPosts()).toHaveLength(2);
      expect(new Set(threadPosts().map((sent) => sent.threadTs))).toEqual(new Set(['1700000001.000100']));
      expectEachItemOnce([items.p1, items.p2, items.o1] as number[]);
      expect(channelPosts(deps).every((post) => post.messageTs !== null)).toBe(true);
      expect(digestRuns(deps)).toMatchObject([{ status: 'posted', owner: 'runner-b', error: null }]);
      deps.clock.advance(3 * minuteMs);
      expect(await run('runner-a')).toEqual([]);
      expect(deps.sent).toHaveLength(3);
    },
  );

  it('a runner that died mid-run is taken over only once it has been silent for 2 minutes', async () => {
    // The post never returns: the process is gone, its run row says "posting".
    let reached = () => {};
    const hanging = new Promise<void>((resolve) => {
      reached = resolve;
    });
    const dying = {
      ...deps,
      outbox: failingThreadPost(1, () => {
        reached();
        return new Promise<never>(() => {});
      }),
    };
    void run('runner-a', dying);
    await hanging;
    expect(digestRuns(deps)).toMatchObject([{ status: 'posting', owner: 'runner-a' }]);
    expect(parents()).toHaveLength(1);

    deps.clock.advance(1 * minuteMs);
    expect(await run('runner-b')).toEqual([]);
    expect(threadPosts()).toHaveLength(0);

    deps.clock.advance(2 * minuteMs);
    expect(await run('runner-b')).toMatchObject([{ status: 'posted', items: 3 }]);
    expect(parents()).toHaveLength(1);
    expect(threadPosts()).toHaveLength(2);
    expectEachItemOnce([items.p1, items.p2, items.o1] as number[]);
    expect(digestRuns(deps)).toMatchObject([{ status: 'posted', owner: 'runner-b' }]);
  });

  it('closes a run left unfinished longer than a catch-up allows, instead of posting stale news', async () => {
    const dying = {
      ...deps,
      outbox: failingThreadPost(1, () => new Promise<never>(() => {})),
    };
    void run('runner-a', dying);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(digestRuns(deps)).toMatchObject([{ status: 'posting' }]);
    // The instance was down for a day: the half-posted digest is not finished late.
    deps.clock.advance(24 * 60 * minuteMs);
    await run('runner-b');
    const runs = digestRuns(deps);
    expect(runs[0]).toMatchObject({ status: 'failed', error: 'too_late' });
    // Its items went back to the pool: today's digest carries them, once.
    expect(runs[1]).toMatchObject({ status: 'posted', itemCount: 3 });
    expectEachItemOnce([items.p1, items.p2, items.o1] as number[]);
  });

  it('gives up after 30 minutes of transient errors: failed, items released, the scheduler told', async () => {
    const down = refusing(new PostError('http_503', false));
    expect(await run('runner-a', down)).toMatchObject([{ status: 'posting', error: 'http_503' }]);
    for (let minutes = 0; minutes < 30; minutes += 5) {
      deps.clock.advance(5 * minuteMs);
      await run('runner-a', down);
    }
    expect(digestRuns(deps)).toMatchObject([{ status: 'failed', error: 'http_503', itemCount: 0 }]);
    expect(channelPosts(deps)).toEqual([]);
    expect(deps.sent.map((sent) => sent.channel)).toEqual(['UADMIN01']);
    expect(deps.sent[0]?.message.text).toMatch(
      /The digest 1 could not be posted\. Slack refused .* \(http_503\)/,
    );
  });
});

describe('a run resumed before its parent was posted', () => {
  it('heads the parent "top N of M" as the first try would have', async () => {
    await createSchedule(deps, { timezone: 'UTC', topics: ['pricing'], maxItems: 1 });
    deps.clock.set('2026-11-02T08:00:00Z');
    // Slack is down when the parent is posted: the items are reserved, nothing is in the channel.
    const down = refusing(new PostError('http_503', false));
    expect(await run('runner-a', down)).toMatchObject([{ status: 'posting', error: 'http_503' }]);
    expect(parents()).toEqual([]);
    // Another process picks the run up once the first has been quiet for a while.
    deps.clock.advance(5 * minuteMs);
    expect(await run('runner-b')).toMatchObject([{ status: 'posted', items: 1 }]);
    expect(parents()).toHaveLength(1);
    expect(parents()[0]?.message.text).toMatch(/^Digest: pricing: top 1 of 2 items that came in since/);
    expect(JSON.stringify(parents()[0]?.message.blocks)).toMatch(
      /The other 1 of the 2 that came in is left out, and no later digest brings it back;/,
    );
  });

  it("counts a story's other sources as the first try would have, not by its near-duplicates only", async () => {
    await createSchedule(deps, { channelId: 'C0RISE', timezone: 'UTC', topics: ['pricing'], maxItems: 1 });
    // One price rise told in other words by a forum: one story of two sources, not one cluster.
    const forum = await createFeed(deps, { host: 'https://forum.example.com', kind: 'forum', weight: 0.3 });
    deps.clock.set('2026-11-01T14:00:00Z');
    const rise = await storeFeedItems(deps, feedId, [
      {
        guid: 'rise',
        title: 'Acme raises Acme Desk prices by 18% as per-seat plans give way to usage tiers',
        text: 'Acme will move Acme Desk customers from per-seat pricing to three usage tiers at renewal.',
        comments: 500,
      },
    ]);
    await storeFeedItems(deps, forum, [
      {
        guid: 'thread',
        title: 'Acme Desk price rise: per-seat plans give way to usage tiers, 18% more at renewal',
        text: 'Acme is moving Acme Desk from per-seat pricing to usage tiers; our renewal is 18% higher.',
      },
    ]);
    deps.clock.set('2026-11-02T08:00:00Z');
    const down = refusing(new PostError('http_503', false));
    expect(await run('runner-a', down)).toMatchObject([{ status: 'posting', error: 'http_503' }]);
    deps.clock.advance(5 * minuteMs);
    expect(await run('runner-b')).toMatchObject([{ status: 'posted', items: 1 }]);
    const thread = threadPosts().filter((sent) => sent.channel === 'C0RISE');
    expect(thread.flatMap((sent) => itemIdsIn(sent.message.blocks))).toEqual([rise.rise]);
    expect(JSON.stringify(thread.map((sent) => sent.message.blocks))).toMatch(/\+1 other source(?!s)/);
  });
});

describe('a permanent Slack error', () => {
  const dms = () => deps.sent.filter((sent) => sent.channel === 'UADMIN01');

  beforeEach(async () => {
    await createSchedule(deps, { timezone: 'UTC', topics: ['pricing'] });
  });

  it('fails the run, releases its items, tells the scheduler once per streak', async () => {
    deps.clock.set('2026-11-02T08:00:00Z');
    expect(await run('runner-a', refusing(new PostError('not_in_channel', true)))).toMatchObject([
      { status: 'failed', error: 'not_in_channel' },
    ]);
    expect(channelPosts(deps)).toEqual([]);
    expect(dms()).toHaveLength(1);
    expect(dms()[0]?.message.text).toMatch(
      /not a member of <#C0NEWS>\. Invite me there with `\/invite @Briefbot`/,
    );

    deps.clock.set('2026-11-03T08:00:00Z');
    await run('runner-a', refusing(new PostError('not_in_channel', true)));
    expect(dms()).toHaveLength(1);

    // Invited: the next digest carries the items the failed runs released, from the first slot's day on.
    deps.clock.set('2026-11-04T08:00:00Z');
    expect(await run()).toMatchObject([{ status: 'posted', items: 2 }]);
    expectEachItemOnce([items.p1, items.p2] as number[]);

    // Removed again later: a new streak, told again.
    deps.clock.set('2026-11-04T12:00:00Z');
    await storeFeedItems(deps, feedId, [{ guid: 'p9', title: 'Initech pricing' }]);
    deps.clock.set('2026-11-05T08:00:00Z');
    await run('runner-a', refusing(new PostError('not_in_channel', true)));
    expect(dms()).toHaveLength(2);
    expect(digestRuns(deps).map((row) => row.status)).toEqual(['failed', 'failed', 'posted', 'failed']);
  });

  it('a different error is told even right after another one', async () => {
    deps.clock.set('2026-11-02T08:00:00Z');
    await run('runner-a', refusing(new PostError('not_in_channel', true)));
    deps.clock.set('2026-11-03T08:00:00Z');
    await run('runner-a', refusing(new PostError('is_archived', true)));
    expect(dms().map((sent) => sent.message.text)).toEqual([
      expect.stringMatching(/not a member/),
      expect.stringMatching(/<#C0NEWS> is archived/),
    ]);
  });
});

describe('clock changes', () => {
  /** The runs of the schedule, the clock stepped every 10 minutes from `from` to `to`. */
  async function runsBetween(from: string, to: string) {
    for (let at = Date.parse(from); at <= Date.parse(to); at += 10 * minuteMs) {
      deps.clock.set(new Date(at).toISOString());
      await run();
    }
    return digestRuns(deps).map((each) => new Date(each.slot).toISOString());
  }

  it('a time that occurs twice (clocks going back) is run once', async () => {
    deps.clock.set('2027-10-30T12:00:00Z');
    await createSchedule(deps, { timezone: 'Europe/London', timeOfDay: '01:30', topics: ['pricing'] });
    // 01:30 BST is 00:30 UTC, 01:30 GMT an hour later: one run, at the second.
    expect(await runsBetween('2027-10-31T00:00:00Z', '2027-10-31T03:00:00Z')).toEqual([
      '2027-10-31T01:30:00.000Z',
    ]);
  });

  it('a time that does not exist (clocks going forward) is run once, at the first time that does', async () => {
    deps.clock.set('2027-03-27T12:00:00Z');
    await createSchedule(deps, { timezone: 'Europe/London', timeOfDay: '01:30', topics: ['pricing'] });
    // 01:00 GMT jumps to 02:00 BST: 02:30 BST is 01:30 UTC.
    expect(await runsBetween('2027-03-28T00:00:00Z', '2027-03-28T03:00:00Z')).toEqual([
      '2027-03-28T01:30:00.000Z',
    ]);
  });
});

describe('"now"', () => {
  it('posts a schedule’s digest at once, as its own run, and the next slot goes on from there', async () => {
    const id = await createSchedule(deps, { timezone: 'UTC', topics: ['pricing'] });
    deps.clock.set('2026-11-01T15:00:30Z');
    expect(await runDigestNow(deps, id, 'now:UADMIN01')).toMatchObject({ status: 'posted', items: 2 });
    expect(await runDigestNow(deps, id, 'now:UADMIN01')).toMatchObject({
      status: 'posted',
      items: 2,
      repeated: true,
    });
    expect(digestRuns(deps)).toMatchObject([{ slot: Date.parse('2026-11-01T15:00:00Z'), status: 'posted' }]);
    deps.clock.set('2026-11-02T08:00:00Z');
    expect(await run()).toMatchObject([{ status: 'quiet', items: 0 }]);
    expect(postedIds().sort()).toEqual([items.p1, items.p2].sort());
  });
});

describe('the gist, with a model', () => {
  beforeEach(async () => {
    await createSchedule(deps, { timezone: 'UTC', topics: ['pricing'] });
    deps.clock.set('2026-11-02T08:00:00Z');
    deps.llm = testModelClient();
  });
  afterEach(() => {
    nock.cleanAll();
  });

  it('opens the parent with two cited sentences on the top items, asked about the digest topics', async () => {
    const captured = captureCompletion(
      JSON.stringify({
        sentences: [
          { text: 'Acme is raising prices.', citations: [1] },
          { text: 'Globex answers with a cut.', citations: [2] },
        ],
      }),
    );
    expect(await run()).toMatchObject([{ status: 'posted', items: 2 }]);
    const prompt = captured.request?.messages[1]?.content ?? '';
    expect(prompt).toContain('what do these new items say about pricing?');
    expect(prompt).toContain('Acme pricing goes up');
    const blocks = parents()[0]?.message.blocks;
    expect(blocks).toHaveLength(4);
    expect(JSON.stringify(blocks?.[1])).toContain(
      'Acme is raising prices. [1] Globex answers with a cut. [2]',
    );
  });

  it('a model that fails leaves the gist out, and the digest is posted all the same', async () => {
    nock(llmHost)
      .post(completionsPath)
      .reply(500, { error: { message: 'down' } });
    expect(await run()).toMatchObject([{ status: 'posted', items: 2 }]);
    const parent = parents()[0]?.message;
    expect(parent?.blocks).toHaveLength(3);
    expect(JSON.stringify(parent?.blocks)).toContain('Acme pricing goes up');
  });
});

describe('numbers', () => {
  afterEach(() => {
    nock.cleanAll();
  });

  it('runs down the thread by topic; the heading and its gist cite the best three by those numbers', async () => {
    await createSchedule(deps, { timezone: 'UTC', topics: ['pricing', 'outages'] });
    await storeFeedItems(deps, feedId, [
      { guid: 'oa', title: 'Outage hits Acme checkout', comments: 40 },
      { guid: 'ob', title: 'Outage report from Globex', comments: 30 },
    ]);
    deps.clock.set('2026-11-02T08:00:00Z');
    deps.llm = testModelClient();
    const captured = captureCompletion(
      JSON.stringify({
        sentences: [
          { text: 'Acme is raising prices.', citations: [1] },
          { text: 'Outages hit checkout.', citations: [2, 3] },
        ],
      }),
    );
    expect(await run()).toMatchObject([{ status: 'posted', items: 5 }]);
    // Ranked pricing up (50), checkout (40), Globex outage (30), price cut (20), Europe (5): by topic.
    const numbered = threadPosts()
      .flatMap((sent) => sent.message.blocks)
      .flatMap((block) => {
        const text = block.type === 'section' ? (block.text?.text ?? '') : '';
        const match = text.match(/^(\d+)\. .*?\|([^>]+)>/);
        return match ? [`${match[1]} ${match[2]}`] : [];
      });
    expect(numbered).toEqual([
      '1 Acme pricing goes up',
      '2 Globex price cut',
      '3 Outage hits Acme checkout',
      '4 Outage report from Globex',
      '5 Acme outage in Europe',
    ]);
    const prompt = captured.request?.messages[1]?.content ?? '';
    expect(prompt.indexOf('Outage hits Acme checkout')).toBeGreaterThan(
      prompt.indexOf('Acme pricing goes up'),
    );
    expect(prompt).not.toContain('Globex price cut');
    const parent = JSON.stringify(parents()[0]?.message.blocks);
    expect(parent).toContain('Acme is raising prices. [1] Outages hit checkout. [3][4]');
    expect(parent).toMatch(
      // Numbers that would skip (1, 3, 4) are said as the thread's, the list itself not numbered.
      /• <[^|]+\|Acme pricing goes up>[^\\]* · item 1 in the thread\\n• <[^|]+\|Outage hits Acme checkout>[^\\]* · item 3 in the thread\\n• [^\\]* · item 4 in the thread/,
    );
  });
});

describe('a follow of every topic', () => {
  it('DMs the top stories of every topic, a topic added after the follow included, and nothing off-topic', async () => {
    const exec = 'UEXEC01';
    const timing = { cadence: 'daily', weekday: null, timeOfDay: '08:00', timezone: 'UTC' } as const;
    const { schedule } = await follow(deps, exec, null, timing);
    deps.clock.set('2026-11-02T07:00:00Z');
    await createTopic(deps, 'mergers', 'merger*');
    const later = await storeFeedItems(deps, feedId, [
      { guid: 'm1', title: 'Globex and Initech announce merger' },
      { guid: 'w1', title: 'Sunny weekend ahead' },
    ]);
    deps.clock.set('2026-11-02T08:00:00Z');
    expect(await run()).toMatchObject([{ scheduleId: schedule.id, status: 'posted', items: 4 }]);
    const dm = deps.sent.find((sent) => sent.channel === exec && !sent.threadTs);
    expect(dm?.message.text).toMatch(/^Your digest of every topic: 4 new since /);
    const posted = deps.sent
      .filter((sent) => sent.channel === exec && sent.threadTs)
      .flatMap((sent) => itemIdsIn(sent.message.blocks));
    expect(posted.sort()).toEqual([items.p1, items.p2, items.o1, later.m1].sort());
  });
});

describe('digests due in the same minute', () => {
  /**
   * Three schedules due at 08:00 on 3 November over three windows: a daily pricing digest whose last
   * run began at 08:05 yesterday, a first daily digest of every topic (from 08:00 yesterday), and a
   * first weekly one of both topics (from a week before); with a story published yesterday morning
   * that arrived only now. Returns what the 08:00 pass posted and recorded.
   */
  async function busyMorning(on: TestDeps, feed: number, alone: boolean) {
    await createSchedule(on, { channelId: 'C0DAILY', timezone: 'UTC', topics: ['pricing'], maxItems: 2 });
    await createSchedule(on, {
      channelId: 'C0WEEK',
      cadence: 'weekly',
      weekday: 2,
      timezone: 'UTC',
      topics: ['outages', 'pricing'],
    });
    on.clock.set('2026-11-02T08:02:00Z');
    await storeFeedItems(on, feed, [{ guid: 'p3', title: 'Initech price hike', comments: 3 }]);
    on.clock.set('2026-11-02T08:05:00Z');
    expect(await runDueDigests(on, { owner: 'runner-a', catchUpHours: 6 })).toMatchObject([
      { scheduleId: 1, status: 'posted' },
    ]);
    on.clock.set('2026-11-02T09:00:00Z');
    await createSchedule(on, { channelId: 'C0ALL', timezone: 'UTC', topics: [], maxItems: 3 });
    on.clock.set('2026-11-02T12:00:00Z');
    await storeFeedItems(on, feed, [
      { guid: 'p4', title: 'Hooli pricing survey', comments: 8 },
      { guid: 'o2', title: 'Umbrella outage in Asia', comments: 2 },
    ]);
    on.clock.set('2026-11-03T07:30:00Z');
    const ids = await storeFeedItems(on, feed, [
      {
        guid: 'late',
        title: 'Globex price list leaked',
        comments: 40,
        publishedAt: new Date('2026-11-02T01:30:00Z'),
      },
    ]);
    on.clock.set('2026-11-03T08:00:00Z');
    const sentBefore = on.sent.length;
    const reports: RunReport[] = [];
    if (alone) {
      // Each schedule on its own: the others paused while it runs, at the same minute.
      for (const id of [1, 2, 3]) {
        await on.db.prisma.digestSchedule.updateMany({
          where: { id: { not: id } },
          data: { status: 'paused' },
        });
        reports.push(...(await runDueDigests(on, { owner: 'runner-a', catchUpHours: 6 })));
        await on.db.prisma.digestSchedule.updateMany({ data: { status: 'active' } });
      }
    } else reports.push(...(await runDueDigests(on, { owner: 'runner-a', catchUpHours: 6 })));
    return {
      ids,
      reports,
      sent: on.sent.slice(sentBefore),
      runs: on.db.sqlite
        .prepare(
          'SELECT id, schedule_id, slot, status, item_count, candidate_count, started_at FROM digest_runs ORDER BY id',
        )
        .all(),
      posts: channelPosts(on),
    };
  }

  it('reads the candidates once for them all, and each digest is the one it would be built alone', async () => {
    const together = await busyMorning(deps, feedId, false);
    const other = await seeded();
    try {
      const alone = await busyMorning(other.deps, other.feedId, true);
      expect(together.reports.map(({ scheduleId, status }) => [scheduleId, status])).toEqual([
        [1, 'posted'],
        [2, 'posted'],
        [3, 'posted'],
      ]);
      // One read of the database for the three, where each alone reads its own.
      expect(together.reports.map((report) => report.candidateReads)).toEqual([1, 0, 0]);
      expect(alone.reports.map((report) => report.candidateReads)).toEqual([1, 1, 1]);
      // The same digests, item for item, heading for heading, and the same runs recorded.
      expect(together.sent).toEqual(alone.sent);
      expect(together.runs).toEqual(alone.runs);
      expect(together.posts).toEqual(alone.posts);
      // The windows did differ, as did the topics: what each digest carried.
      const idsTo = (channel: string) =>
        together.sent
          .filter((sent) => sent.channel === channel && sent.threadTs)
          .flatMap((sent) => itemIdsIn(sent.message.blocks));
      const names = new Map(Object.entries(together.ids).map(([guid, id]) => [id, guid]));
      const guidsTo = (channel: string) => idsTo(channel).map((id) => names.get(id));
      // The daily pricing one (from 08:05 yesterday): the news, then the story that arrived late; the
      // first one of every topic (from 08:00) has 08:02's story and no room for the late one; the
      // first weekly one (a week back) has it all, the late story as news of its week.
      expect({ daily: guidsTo('C0DAILY'), all: guidsTo('C0ALL'), weekly: guidsTo('C0WEEK') }).toEqual({
        daily: ['p4', 'late'],
        all: ['p4', 'p3', 'o2'],
        weekly: ['late', 'p4', 'p1', 'p3', 'p2', 'o2', 'o1'],
      });
    } finally {
      await other.deps.cleanup();
    }
  });

  it('one schedule failing to post leaves the others posted from the shared read', async () => {
    await createSchedule(deps, { channelId: 'C0GONE', timezone: 'UTC', topics: ['pricing'] });
    await createSchedule(deps, { channelId: 'C0NEWS', timezone: 'UTC', topics: ['pricing', 'outages'] });
    deps.clock.set('2026-11-02T08:00:00Z');
    const reports = await run('runner-a', refusing(new PostError('channel_not_found', true), 'C0GONE'));
    expect(reports).toMatchObject([
      { scheduleId: 1, status: 'failed', error: 'channel_not_found' },
      { scheduleId: 2, status: 'posted', items: 3, candidateReads: 0 },
    ]);
    expectEachItemOnce([items.p1, items.p2, items.o1] as number[]);
  });
});
