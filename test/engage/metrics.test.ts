import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  claimNudge,
  dismissNudge,
  markReplied,
  reassignNudge,
  releaseNudge,
  reopenNudge,
} from '../../src/engage/claims.ts';
import { type ResponseStats, responseStats } from '../../src/engage/metrics.ts';
import { createNudge, postPendingNudges } from '../../src/engage/nudges.ts';
import { createTestDeps, type TestDeps } from '../helpers/deps.ts';
import { createFeed, createTopic } from '../helpers/digest.ts';
import { createBeat, createResponseHistory, storeItem } from '../helpers/nudges.ts';

let deps: TestDeps;
beforeEach(async () => {
  deps = await createTestDeps({ env: { NUDGE_QUIET_HOURS: 'none' } });
});
afterEach(async () => {
  await deps.cleanup();
});

/** A row of the stats as `counts` give it, every other count 0 and no median times. */
function statsRow(label: string, counts: Partial<ResponseStats> = {}): ResponseStats {
  return {
    label,
    nudges: 0,
    claimed: 0,
    claims: 0,
    reassigned: 0,
    handedOn: 0,
    released: 0,
    releases: 0,
    releasedByAdmin: 0,
    adminReleases: 0,
    dismissedByAdmin: 0,
    dismissalsReopened: 0,
    replied: 0,
    recorded: 0,
    reopened: 0,
    dismissed: 0,
    adminDismissed: 0,
    expired: 0,
    finished: 0,
    inProgress: 0,
    waiting: 0,
    stranded: 0,
    unposted: 0,
    asked: 0,
    waitingOnThem: 0,
    waitingAgain: 0,
    lapsed: 0,
    medianClaimMinutes: null,
    medianReplyMinutes: null,
    ...counts,
  };
}

/** The row of `label` among the experts' rows. */
function smeRow(stats: ReturnType<typeof responseStats>, label: string): ResponseStats | undefined {
  return stats.bySme.find((row) => row.label === label);
}

describe('responseStats', () => {
  it('is empty without nudges', () => {
    expect(responseStats(deps, 7)).toEqual({
      overall: statsRow('all'),
      bySme: [],
      byTopic: [],
      alsoAsked: new Map(),
    });
  });

  it('narrowed to a topic, counts the stories it matches that were asked on another topic', async () => {
    await createTopic(deps, 'initech', 'initech');
    await createResponseHistory(deps);
    const initech = responseStats(deps, 7, { topic: 'initech' });
    expect(initech.overall).toMatchObject({ nudges: 1, claimed: 1, replied: 1 });
    expect(initech.alsoAsked).toEqual(new Map([['pricing', 1]]));
    const pricing = responseStats(deps, 7, { topic: 'pricing' });
    expect(pricing.overall.nudges).toBe(3);
    expect(pricing.alsoAsked.size).toBe(0);
  });

  it('times a claim made after a release from the release: nobody waited while it was held', async () => {
    await createBeat(deps, { name: 'pricing', query: 'pricing', channelId: 'C0TALK' });
    const feedId = await createFeed(deps, { host: 'https://release.example.com' });
    deps.clock.set('2026-11-02T09:00:00Z');
    const itemId = await storeItem(deps, feedId, 'r1', 'Customers slam Acme pricing');
    const id = createNudge(deps, {
      itemId,
      topicId: null,
      channelId: 'C0TALK',
      reasons: [],
      angle: null,
      requestedBy: null,
    });
    await postPendingNudges(deps);
    deps.clock.set('2026-11-02T10:00:00Z');
    await claimNudge(deps, id as number, 'USME0001');
    // Held for three days, given back, taken again 30 minutes later.
    deps.clock.set('2026-11-05T10:00:00Z');
    await releaseNudge(deps, id as number, 'USME0001');
    deps.clock.set('2026-11-05T10:30:00Z');
    await claimNudge(deps, id as number, 'USME0002');
    const stats = responseStats(deps, 7);
    expect(stats.overall).toMatchObject({ claimed: 1, claims: 2, released: 1, medianClaimMinutes: 30 });
    expect(stats.bySme.find((row) => row.label === 'USME0001')).toMatchObject({ medianClaimMinutes: 60 });
  });

  it('measures time to claim and to reply from the post, and the share replied, over 7 days', async () => {
    await createResponseHistory(deps);
    const stats = responseStats(deps, 7);
    expect(stats.overall).toEqual(
      statsRow('all', {
        nudges: 4,
        claimed: 3,
        claims: 3,
        replied: 2,
        dismissed: 1,
        adminDismissed: 1, // the outage story nobody claimed, dismissed by the admin
        finished: 3, // two replied, one dismissed; the third claimed is in progress
        inProgress: 1,
        medianClaimMinutes: 30, // of 10, 30 and 60
        medianReplyMinutes: 165, // of 90 and 240
      }),
    );
    expect(stats.bySme).toEqual([
      statsRow('USME0001', {
        nudges: 2,
        claimed: 2,
        claims: 2,
        replied: 1,
        finished: 1,
        inProgress: 1,
        medianClaimMinutes: 20,
        medianReplyMinutes: 60, // from their claim at 09:30 to their reply at 10:30
      }),
      statsRow('USME0002', {
        nudges: 1,
        claimed: 1,
        claims: 1,
        replied: 1,
        finished: 1,
        medianClaimMinutes: 60,
        medianReplyMinutes: 180, // from their claim at 10:00 to their reply at 13:00
      }),
      // The outage story nobody claimed, dismissed by the admin (on no beat): on no expert's row.
    ]);
    expect(stats.byTopic.map((row) => [row.label, row.nudges, row.replied])).toEqual([
      ['pricing', 3, 2],
      ['outages', 1, 0],
    ]);
  });

  it("counts an admin's reassignment apart, and keeps the expert's own claim before it", async () => {
    const ids = await createResponseHistory(deps);
    // USME0001 claimed the third after 10 minutes; an admin gives it to USME0002.
    await reassignNudge(deps, ids.third as number, 'UADMIN01', 'USME0002');
    const stats = responseStats(deps, 7);
    expect(stats.overall).toMatchObject({ claimed: 3, reassigned: 1, medianClaimMinutes: 30 }); // of 10, 30, 60
    // USME0002 holds it now, but did not claim it: their own claim is the second only.
    expect(smeRow(stats, 'USME0002')).toMatchObject({
      nudges: 2,
      claimed: 1,
      claims: 1,
      reassigned: 1,
      medianClaimMinutes: 60,
    });
    // USME0001's claim stays on their row, handed on.
    expect(smeRow(stats, 'USME0001')).toMatchObject({
      nudges: 2,
      claimed: 2,
      claims: 2,
      handedOn: 1,
      released: 0,
      inProgress: 0,
      medianClaimMinutes: 20,
    });
  });

  it("counts a claim the expert gave back on their row as released, and an admin's release apart", async () => {
    const ids = await createResponseHistory(deps);
    // USME0001 gives the third back (claimed at 09:10, 10 minutes after the post); USME0002 takes it.
    await releaseNudge(deps, ids.third as number, 'USME0001');
    await claimNudge(deps, ids.third as number, 'USME0002');
    let stats = responseStats(deps, 7);
    expect(smeRow(stats, 'USME0001')).toMatchObject({
      nudges: 2,
      claimed: 2,
      claims: 2,
      released: 1,
      handedOn: 0,
      inProgress: 0,
      medianClaimMinutes: 20, // of 10 and 30
    });
    expect(smeRow(stats, 'USME0002')).toMatchObject({
      nudges: 2,
      claimed: 2,
      claims: 2,
      released: 0,
      inProgress: 1,
    });
    expect(responseStats(deps, 7, { claimant: 'USME0001' }).overall).toMatchObject({
      nudges: 2,
      released: 1,
    });
    // An admin releases USME0002's claim: it is theirs no longer, and counted as the admin's doing on their row.
    await releaseNudge(deps, ids.third as number, 'UADMIN01', true);
    stats = responseStats(deps, 7);
    expect(smeRow(stats, 'USME0002')).toMatchObject({
      nudges: 2,
      claimed: 2,
      claims: 2,
      released: 0,
      releases: 0,
      releasedByAdmin: 1,
      adminReleases: 1,
      inProgress: 0,
    });
    expect(stats.overall).toMatchObject({ released: 1, releasedByAdmin: 1 });
    // An admin has no expert's row, for the claim they released or the story they dismissed.
    expect(smeRow(stats, 'UADMIN01')).toBeUndefined();
    // Taken back by the one who gave it: theirs again, and the release stays a trace, as in /brief changes.
    await claimNudge(deps, ids.third as number, 'USME0001');
    expect(smeRow(responseStats(deps, 7), 'USME0001')).toMatchObject({
      claimed: 2,
      claims: 3, // claimed, given back, claimed again
      released: 1,
      inProgress: 1,
    });
  });

  it('credits a dismissal nobody claimed to the expert who made it', async () => {
    const ids = await createResponseHistory(deps);
    await deps.db.prisma.sme.create({ data: { userId: 'USME0002' } });
    await reopenNudge(deps, ids.fourth as number, 'UADMIN01');
    await dismissNudge(deps, ids.fourth as number, 'USME0002', 'covered by PR');
    const stats = responseStats(deps, 7);
    expect(smeRow(stats, 'USME0002')).toMatchObject({
      nudges: 2,
      claimed: 1,
      claims: 1,
      replied: 1,
      dismissed: 1,
      finished: 2,
    });
    expect(smeRow(stats, 'UADMIN01')).toBeUndefined();
    expect(responseStats(deps, 7, { claimant: 'USME0002' }).overall).toMatchObject({
      nudges: 2,
      dismissed: 1,
    });
  });

  it('a conversation nobody claimed before the reassignment has no claim and no time to claim', async () => {
    const ids = await createResponseHistory(deps);
    await reopenNudge(deps, ids.fourth as number, 'UADMIN01');
    await reassignNudge(deps, ids.fourth as number, 'UADMIN01', 'USME0002');
    expect(responseStats(deps, 7).byTopic.find((row) => row.label === 'outages')).toMatchObject({
      claimed: 0,
      claims: 0,
      reassigned: 1,
      medianClaimMinutes: null,
    });
  });

  it('counts a conversation acted on in the window though posted before it', async () => {
    const ids = await createResponseHistory(deps); // the old one: posted 23 Oct, replied the same day
    expect(responseStats(deps, 7).overall.nudges).toBe(4);
    await reopenNudge(deps, ids.old as number, 'UADMIN01', 'the reply was deleted');
    const stats = responseStats(deps, 7);
    expect(stats.overall).toMatchObject({ nudges: 5, inProgress: 2 });
  });

  it('over 30 days includes the older conversation', async () => {
    await createResponseHistory(deps);
    const stats = responseStats(deps, 30);
    expect(stats.overall).toMatchObject({ nudges: 5, claimed: 4, replied: 3, medianClaimMinutes: 25 });
    expect(stats.overall.medianReplyMinutes).toBe(120); // of 90, 120 and 240
  });

  it('counts a reopened conversation as in progress, and the reply it had as made: counted and timed', async () => {
    const ids = await createResponseHistory(deps);
    await reopenNudge(deps, ids.first as number, 'UADMIN01', 'need a better answer');
    const stats = responseStats(deps, 7);
    expect(stats.overall).toMatchObject({
      nudges: 4,
      claimed: 3,
      claims: 3,
      replied: 2,
      reopened: 1,
      finished: 2,
      inProgress: 2,
      medianReplyMinutes: 165, // of 90 (the reply reopened since) and 240
    });
    // USME0001 claimed and replied to the first: both stay theirs, as `nudge 1` says "Earlier: replied by".
    expect(smeRow(stats, 'USME0001')).toMatchObject({
      nudges: 2,
      claimed: 2,
      claims: 2,
      replied: 1,
      reopened: 1,
      inProgress: 1,
    });
    // Replied again after the reopening: still one conversation replied, timed by the reply that stands.
    await claimNudge(deps, ids.first as number, 'USME0001');
    deps.clock.set(new Date(deps.clock.now().getTime() + 60 * 60_000));
    await markReplied(deps, ids.first as number, 'USME0001', 'https://social.example/better');
    const again = responseStats(deps, 7, { claimant: 'USME0001' }).overall;
    expect(again).toMatchObject({ replied: 1, reopened: 1, inProgress: 1 });
    expect(again.medianReplyMinutes).toBe(60);
    expect(responseStats(deps, 7).overall).toMatchObject({ replied: 2, inProgress: 1 });
  });

  it("counts an admin's dismissal of a claim on the expert's row as the admin's doing, and its reopening against nobody", async () => {
    const ids = await createResponseHistory(deps);
    // The third conversation is USME0001's claim, in progress: an admin dismisses it, then reopens it.
    await dismissNudge(deps, ids.third as number, 'UADMIN01', 'handled by PR', true);
    let stats = responseStats(deps, 7);
    expect(smeRow(stats, 'USME0001')).toMatchObject({
      nudges: 2,
      claimed: 2,
      replied: 1,
      dismissedByAdmin: 1,
      dismissalsReopened: 0,
      dismissed: 0,
      inProgress: 0,
    });
    // Counted once on the team's line, as dismissed by an admin, and on no row of the admin's: the
    // expert rows list experts only.
    expect(stats.bySme.map((row) => row.label).sort()).toEqual(['USME0001', 'USME0002']);
    expect(stats.overall).toMatchObject({ nudges: 4, dismissed: 2, adminDismissed: 2, dismissedByAdmin: 0 });
    await reopenNudge(deps, ids.third as number, 'UADMIN01', 'PR wants an expert after all');
    stats = responseStats(deps, 7);
    // The admin reopened their own dismissal: nothing of the expert's was withdrawn.
    expect(smeRow(stats, 'USME0001')).toMatchObject({
      nudges: 2,
      claimed: 2,
      replied: 1,
      dismissedByAdmin: 1,
      dismissalsReopened: 1,
      reopened: 0,
      inProgress: 0,
    });
    // Where it stands agrees with `nudge list`: no expert covers pricing, so nobody to ask; the admin's dismissal stays a trace, said to be reopened.
    expect(stats.overall).toMatchObject({
      reopened: 0,
      dismissed: 1,
      adminDismissed: 1,
      dismissedByAdmin: 1,
      dismissalsReopened: 1,
      inProgress: 1,
      waiting: 0,
      stranded: 1,
    });
    // Reopened by another admin, the dismissal withdrawn is the first admin's, nobody's work as an expert.
    deps.clock.set('2026-11-03T10:00:00Z');
    await dismissNudge(deps, ids.third as number, 'UADMIN01', 'handled by PR', true);
    await reopenNudge(deps, ids.third as number, 'UADMIN02', null);
    stats = responseStats(deps, 7);
    expect(smeRow(stats, 'USME0001')).toMatchObject({ reopened: 0 });
    expect(stats.bySme.map((row) => row.label).sort()).toEqual(['USME0001', 'USME0002']);
    expect(stats.overall).toMatchObject({ reopened: 0, waiting: 0, stranded: 1 });
  });

  it('credits the last claimant of a reopened conversation, and a dismissal is finished but not replied', async () => {
    const ids = await createResponseHistory(deps);
    await reopenNudge(deps, ids.second as number, 'UADMIN01', 'wrong story');
    deps.clock.set('2026-11-03T09:30:00Z');
    await claimNudge(deps, ids.second as number, 'USME0001');
    await dismissNudge(deps, ids.second as number, 'USME0001', 'not relevant after all');
    const stats = responseStats(deps, 7);
    expect(stats.overall).toMatchObject({ nudges: 4, claimed: 3, replied: 2, finished: 3, inProgress: 1 });
    // USME0002's reply was reopened, but it was made: it stays on their row, with their claim.
    expect(smeRow(stats, 'USME0002')).toMatchObject({
      nudges: 1,
      claimed: 1,
      claims: 1,
      replied: 1,
      reopened: 1,
      finished: 0,
    });
    expect(smeRow(stats, 'USME0001')).toMatchObject({
      nudges: 3,
      claimed: 3,
      claims: 3,
      replied: 1,
      finished: 2,
    });
  });
});
