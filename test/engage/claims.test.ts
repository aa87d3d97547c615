import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nudgeCommand } from '../../src/commands/nudge.ts';
import { type Db, openDatabase } from '../../src/db/client.ts';
import {
  ClaimTakenError,
  claimNudge,
  dismissalOf,
  dismissNudge,
  expireNudge,
  markReplied,
  type NudgeState,
  reassignNudge,
  releaseNudge,
  reopenNudge,
  snoozeNudge,
} from '../../src/engage/claims.ts';
import { createNudge } from '../../src/engage/nudges.ts';
import { UserError } from '../../src/errors.ts';
import type { RaceInput, RaceOutcome } from '../helpers/claim-race-worker.ts';
import { createTestDeps, type TestDeps } from '../helpers/deps.ts';
import { createFeed } from '../helpers/digest.ts';
import { createBeat, nudgeAudit, nudgeRow, storeItem } from '../helpers/nudges.ts';

const admin = 'UADMIN01';
const claimant = 'UCLAIM01';
const other = 'UOTHER01';
let deps: TestDeps;
let itemId: number;
let topicId: number;
let channels = 0;

beforeEach(async () => {
  deps = await createTestDeps({ env: { BRIEFBOT_ADMINS: admin } });
  topicId = await createBeat(deps);
  const feedId = await createFeed(deps, { host: 'https://news.example.com' });
  itemId = await storeItem(deps, feedId, 'p1', 'Customers slam Acme pricing in backlash over price increase');
});
afterEach(async () => {
  await deps.cleanup();
});

/** A fresh open nudge (each in its own channel: one nudge per story and channel). */
function openNudge(): number {
  const id = createNudge(deps, {
    itemId,
    topicId,
    channelId: `C0CHAN${++channels}`,
    reasons: ['The headline reports a backlash.'],
    angle: null,
    requestedBy: null,
  });
  if (id === null) throw new Error('nudge not created');
  return id;
}

/** A nudge driven, through the real moves, into `state`. */
async function nudgeIn(state: NudgeState): Promise<number> {
  const id = openNudge();
  if (state === 'claimed' || state === 'replied') await claimNudge(deps, id, claimant);
  if (state === 'replied') await markReplied(deps, id, claimant, 'https://social.example/replies/1');
  if (state === 'dismissed') await dismissNudge(deps, id, other, 'An old story, answered last year');
  if (state === 'expired') await expireNudge(deps, id);
  return id;
}

describe('claiming: exactly one winner', () => {
  it('50 claims at once over two connections: one wins, 49 are told who won', async () => {
    const id = openNudge();
    const second: Db = await openDatabase(deps.config.DATABASE_URL);
    try {
      const depsB = { ...deps, db: second };
      const users = Array.from({ length: 50 }, (_, index) => `UCLAIMER${String(index).padStart(2, '0')}`);
      const results = await Promise.allSettled(
        users.map((userId, index) => claimNudge(index % 2 ? depsB : deps, id, userId)),
      );
      const winners = users.filter((_, index) => results[index]?.status === 'fulfilled');
      expect(winners).toHaveLength(1);
      const winner = winners[0] as string;
      const losers = results.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
      expect(losers).toHaveLength(49);
      for (const error of losers) {
        expect(error).toBeInstanceOf(ClaimTakenError);
        expect((error as ClaimTakenError).claimantId).toBe(winner);
        expect((error as ClaimTakenError).message).toContain(`Already claimed by <@${winner}>`);
      }
      expect(nudgeRow(deps, id)).toMatchObject({ state: 'claimed', claimantId: winner });
      // Both connections see the same single claim.
      expect(second.sqlite.prepare('SELECT claimant_id FROM nudges WHERE id = ?').pluck().get(id)).toBe(
        winner,
      );
      expect((await nudgeAudit(deps)).filter((event) => event.action === 'nudge.claim')).toEqual([
        { actorId: winner, action: 'nudge.claim', nudgeId: id, detail: {} },
      ]);
    } finally {
      await second.close();
    }
  });

  it('50 claims from four threads, each with its own connection, released at one instant', async () => {
    const id = openNudge();
    const gate = new SharedArrayBuffer(8);
    const users = Array.from({ length: 50 }, (_, index) => `UTHREAD${String(index).padStart(2, '0')}`);
    const lanes = [0, 1, 2, 3].map((lane) => users.filter((_, index) => index % 4 === lane));
    const workers = lanes.map((laneUsers) =>
      startRaceWorker({
        databaseUrl: deps.config.DATABASE_URL,
        nudgeId: id,
        users: laneUsers,
        now: deps.clock.now().toISOString(),
        gate,
      }),
    );
    await Promise.all(workers.map((worker) => worker.ready));
    const flags = new Int32Array(gate);
    expect(Atomics.load(flags, 1)).toBe(4);
    Atomics.store(flags, 0, 1);
    Atomics.notify(flags, 0);
    const outcomes = (await Promise.all(workers.map((worker) => worker.done))).flat();
    expect(outcomes).toHaveLength(50);
    expect(outcomes.filter((outcome) => outcome.error !== null)).toEqual([]);
    const winners = outcomes.filter((outcome) => outcome.won);
    expect(winners).toHaveLength(1);
    const winner = winners[0]?.userId;
    expect(outcomes.filter((outcome) => !outcome.won).map((outcome) => outcome.takenBy)).toEqual(
      Array(49).fill(winner),
    );
    expect(nudgeRow(deps, id)).toMatchObject({ state: 'claimed', claimantId: winner });
    expect((await nudgeAudit(deps)).filter((event) => event.action === 'nudge.claim')).toHaveLength(1);
  }, 60_000);
});

type Move = 'claim' | 'reassign' | 'release' | 'reply' | 'dismiss' | 'expire' | 'snooze' | 'reopen';
const states: NudgeState[] = ['open', 'claimed', 'replied', 'dismissed', 'expired'];
const moves: Move[] = ['claim', 'reassign', 'release', 'reply', 'dismiss', 'expire', 'snooze', 'reopen'];

/** The legal moves, written out here (not read from the code under test): anything else is refused. */
const legal: Record<Move, Partial<Record<NudgeState, NudgeState>>> = {
  claim: { open: 'claimed' },
  reassign: { open: 'claimed', claimed: 'claimed' },
  release: { claimed: 'open' },
  reply: { claimed: 'replied' },
  dismiss: { open: 'dismissed' },
  expire: { open: 'expired', claimed: 'expired' },
  snooze: { open: 'open' },
  reopen: { replied: 'open', dismissed: 'open', expired: 'open' },
};

const snoozeUntil = new Date('2026-11-03T09:00:00Z');
const perform: Record<Move, (id: number) => Promise<unknown>> = {
  claim: (id) => claimNudge(deps, id, other),
  reassign: (id) => reassignNudge(deps, id, admin, 'UNEWBIE1'),
  release: (id) => releaseNudge(deps, id, claimant),
  reply: (id) => markReplied(deps, id, claimant, 'https://social.example/replies/2'),
  dismiss: (id) => dismissNudge(deps, id, other, 'Not our market'),
  expire: (id) => expireNudge(deps, id),
  snooze: (id) => snoozeNudge(deps, id, other, snoozeUntil),
  reopen: (id) => reopenNudge(deps, id, admin),
};
const actorOf: Record<Move, string> = {
  claim: other,
  reassign: admin,
  release: claimant,
  reply: claimant,
  dismiss: other,
  expire: 'briefbot',
  snooze: other,
  reopen: admin,
};

describe('every state × every move', () => {
  const cases = states.flatMap((state) =>
    moves.map((move) => [state, move, legal[move][state] ?? 'refused'] as const),
  );

  it.each(cases)('from %s, %s → %s', async (state, move, outcome) => {
    const next = outcome === 'refused' ? undefined : outcome;
    const id = await nudgeIn(state);
    const before = nudgeRow(deps, id);
    const trail = (await nudgeAudit(deps)).length;
    if (next === undefined) {
      const error = await perform[move](id).then(
        () => null,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(UserError);
      // A claimed one is dismissed only by its claimant (or an admin): someone else is told whose it is.
      const code =
        move === 'claim' && state === 'claimed'
          ? 'ALREADY_CLAIMED'
          : move === 'dismiss' && state === 'claimed'
            ? 'NOT_CLAIMANT'
            : 'ILLEGAL_TRANSITION';
      expect((error as UserError).code).toBe(code);
      expect((error as UserError).message).toMatch(
        {
          ALREADY_CLAIMED: `Already claimed by <@${claimant}>`,
          NOT_CLAIMANT: `Only <@${claimant}>, who claimed this conversation, or an admin can dismiss it.`,
          ILLEGAL_TRANSITION: new RegExp(
            `^(Conversation ${id} |Nobody has claimed conversation ${id}|You already answered conversation ${id}:)`,
          ),
        }[code],
      );
      expect(nudgeRow(deps, id)).toEqual(before);
      expect(await nudgeAudit(deps)).toHaveLength(trail);
      return;
    }
    await perform[move](id);
    const after = nudgeRow(deps, id);
    expect(after.state).toBe(next);
    const events = (await nudgeAudit(deps)).slice(trail);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: actorOf[move], action: `nudge.${move}`, nudgeId: id });
    const now = deps.clock.now().getTime();
    if (move === 'claim') expect(after).toMatchObject({ claimantId: other, claimedAt: now });
    if (move === 'reassign') {
      expect(after.claimantId).toBe('UNEWBIE1');
      // The entry keeps whom it was taken from, when someone held it.
      expect(events[0]?.detail).toEqual(
        before.claimantId ? { from: before.claimantId, to: 'UNEWBIE1' } : { to: 'UNEWBIE1' },
      );
    }
    if (move === 'release') expect(after).toMatchObject({ claimantId: null, claimedAt: null });
    if (move === 'reply') {
      expect(after).toMatchObject({ replyUrl: 'https://social.example/replies/2', repliedAt: now });
      expect(events[0]?.detail).toEqual({ url: 'https://social.example/replies/2' });
    }
    if (move === 'dismiss') {
      expect(after.dismissReason).toBe('Not our market');
      expect(events[0]?.detail).toEqual({ reason: 'Not our market' });
    }
    if (move === 'reopen') {
      expect(after).toMatchObject({ claimantId: null, claimedAt: null, replyUrl: null, dismissReason: null });
      expect(events[0]?.detail).toMatchObject({ was: { state } });
    }
    if (move === 'snooze') {
      expect(after.snoozedUntil).toBe(snoozeUntil.getTime());
      expect(events[0]?.detail).toEqual({ until: snoozeUntil.toISOString() });
    }
  });
});

describe('Not mine (nudge move) racing a claim', () => {
  it('an expert whose move was under way when an admin gave them the conversation keeps it, told why and how to send it on', async () => {
    await createBeat(deps, { name: 'security', query: 'breach', experts: [{ userId: other }] });
    await deps.db.prisma.sme.create({ data: { userId: claimant, beats: { create: { topicId } } } });
    const id = openNudge();
    // While Slack is asked whether the mover is a workspace admin (users.info), the admin's reassignment lands.
    let raced = false;
    deps.directory = {
      ...deps.directory,
      isWorkspaceAdmin: async (userId) => {
        if (userId === claimant && !raced) {
          raced = true;
          await nudgeCommand(deps, admin, null, `reassign ${id} <@${claimant}>`);
        }
        return false;
      },
    };
    const error = await nudgeCommand(deps, claimant, null, `move ${id} security not ours`).catch(
      (caught: unknown) => caught,
    );
    expect(raced).toBe(true);
    expect(error).toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    expect((error as UserError).message).toBe(
      `Conversation ${id} became yours while it was being moved (you claimed it, or an admin gave it to you at that moment), so it stays on pricing, with you. To send it on all the same, \`/brief nudge move ${id} security\` again gives it back and moves it in one step, as *Not mine* on your claim DM does.`,
    );
    expect(nudgeRow(deps, id)).toMatchObject({ state: 'claimed', claimantId: claimant });
    expect((await deps.db.prisma.nudge.findUniqueOrThrow({ where: { id } })).topicId).toBe(topicId);
    expect((await nudgeAudit(deps)).map((event) => event.action)).toEqual(['nudge.reassign']);
    // Typed again, now that it is theirs: given back and moved in one step.
    await nudgeCommand(deps, claimant, null, `move ${id} security not ours`);
    expect(nudgeRow(deps, id)).toMatchObject({ state: 'open', claimantId: null });
    expect((await nudgeAudit(deps)).map((event) => event.action)).toEqual([
      'nudge.reassign',
      'nudge.release',
      'nudge.move',
    ]);
  });
});

describe('who may move a claimed conversation', () => {
  it('only the claimant releases it; anyone else is refused and nothing changes', async () => {
    const id = await nudgeIn('claimed');
    const error = await releaseNudge(deps, id, other).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'NOT_CLAIMANT' });
    expect((error as UserError).message).toBe(
      `Only <@${claimant}>, who claimed this conversation, or an admin can release it. Ask them in its thread; <@UADMIN01> or a workspace admin can also reassign it.`,
    );
    expect(nudgeRow(deps, id)).toMatchObject({ state: 'claimed', claimantId: claimant });
    expect((await nudgeAudit(deps)).map((event) => event.action)).toEqual(['nudge.claim']);
  });

  it('only the claimant marks it replied', async () => {
    const id = await nudgeIn('claimed');
    const error = await markReplied(deps, id, other, 'https://social.example/replies/3').catch(
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ code: 'NOT_CLAIMANT' });
    expect((error as UserError).message).toBe(
      `Only <@${claimant}>, who claimed this conversation, or an admin can mark it as replied. Ask them in its thread; <@UADMIN01> or a workspace admin can also reassign it.`,
    );
    expect(nudgeRow(deps, id)).toMatchObject({ state: 'claimed', replyUrl: null });
  });

  it('an admin may do both for the claimant, and the trail names the admin', async () => {
    const released = await nudgeIn('claimed');
    await releaseNudge(deps, released, admin, true);
    expect(nudgeRow(deps, released)).toMatchObject({ state: 'open', claimantId: null });
    const replied = await nudgeIn('claimed');
    await markReplied(deps, replied, admin, 'https://social.example/replies/4', true);
    expect(nudgeRow(deps, replied)).toMatchObject({ state: 'replied', claimantId: claimant });
    const events = await nudgeAudit(deps);
    expect(events.filter((event) => event.actorId === admin).map((event) => event.action)).toEqual([
      'nudge.release',
      'nudge.reply',
    ]);
  });

  it('its claimant, or an admin, may dismiss it; the trail names who', async () => {
    const byClaimant = await nudgeIn('claimed');
    await dismissNudge(deps, byClaimant, claimant, 'Not our product');
    const byAdmin = await nudgeIn('claimed');
    await dismissNudge(deps, byAdmin, admin, 'Covered by PR', true);
    expect([nudgeRow(deps, byClaimant).state, nudgeRow(deps, byAdmin).state]).toEqual([
      'dismissed',
      'dismissed',
    ]);
    expect(dismissalOf(deps, byClaimant)).toEqual({
      by: claimant,
      reason: 'Not our product',
      at: deps.clock.now(),
    });
    expect(dismissalOf(deps, byAdmin)).toEqual({ by: admin, reason: 'Covered by PR', at: deps.clock.now() });
  });

  it('a refused move on a finished conversation says why and who, and the next step for whom', async () => {
    const id = await nudgeIn('dismissed');
    const refusal = (asAdmin: boolean) =>
      claimNudge(deps, id, claimant, asAdmin).catch((caught: UserError) => caught.message);
    expect(await refusal(false)).toBe(
      `Conversation ${id} was dismissed as not relevant by <@${other}> (An old story, answered last year). To ask the experts after all, ask <@UADMIN01> or a workspace admin to reopen it.`,
    );
    expect(await refusal(true)).toContain(`reopen it: \`/brief nudge reopen ${id}\`.`);
    const open = await nudgeIn('open');
    await expect(releaseNudge(deps, open, claimant)).rejects.toThrow(
      `Nobody has claimed conversation ${open}, so there is nothing to release.`,
    );
  });

  it('a released conversation is open again: someone else can claim it', async () => {
    const id = await nudgeIn('claimed');
    await releaseNudge(deps, id, claimant);
    expect(nudgeRow(deps, id)).toMatchObject({ state: 'open', claimantId: null, claimedAt: null });
    deps.clock.advance(60_000);
    await claimNudge(deps, id, other);
    expect(nudgeRow(deps, id)).toMatchObject({
      state: 'claimed',
      claimantId: other,
      claimedAt: deps.clock.now().getTime(),
    });
    expect((await nudgeAudit(deps)).map((event) => [event.action, event.actorId])).toEqual([
      ['nudge.claim', claimant],
      ['nudge.release', claimant],
      ['nudge.claim', other],
    ]);
  });

  it('an unknown conversation is a clear refusal', async () => {
    await expect(claimNudge(deps, 999, other)).rejects.toMatchObject({ code: 'NUDGE_NOT_FOUND' });
  });
});

/** Starts one racing thread from the TypeScript sources (tsx registered inside the thread). */
function startRaceWorker(input: RaceInput) {
  const tsx = pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
  const module = new URL('../helpers/claim-race-worker.ts', import.meta.url).href;
  const worker = new Worker(
    `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(module)}); });`,
    { eval: true, workerData: input },
  );
  let onReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    onReady = resolve;
  });
  const done = new Promise<RaceOutcome[]>((resolve, reject) => {
    worker.on('message', (message: { ready?: boolean; outcomes?: RaceOutcome[] }) => {
      if (message.ready) onReady();
      if (message.outcomes) resolve(message.outcomes);
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (code !== 0) reject(new Error(`race worker exited with ${code}`));
    });
  });
  return { ready, done };
}
