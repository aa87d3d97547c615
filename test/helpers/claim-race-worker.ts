import { parentPort, workerData } from 'node:worker_threads';
import { createManualClock } from '../../src/clock.ts';
import { loadConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/db/client.ts';
import type { Deps } from '../../src/deps.ts';
import { ClaimTakenError, claimNudge } from '../../src/engage/claims.ts';
import { silentLogger } from '../../src/logger.ts';

export type RaceInput = {
  databaseUrl: string;
  nudgeId: number;
  users: string[];
  now: string;
  gate: SharedArrayBuffer;
};
export type RaceOutcome = { userId: string; won: boolean; takenBy: string | null; error: string | null };

/** One thread of the claim race: its own connection, waiting at the gate so all threads press at once. */
const input = workerData as RaceInput;
const db = await openDatabase(input.databaseUrl);
const deps = {
  config: loadConfig({ DATABASE_URL: input.databaseUrl }),
  db,
  clock: createManualClock(input.now),
  logger: silentLogger,
} as unknown as Deps;
const gate = new Int32Array(input.gate);
Atomics.add(gate, 1, 1);
parentPort?.postMessage({ ready: true });
Atomics.wait(gate, 0, 0);
const outcomes: RaceOutcome[] = await Promise.all(
  input.users.map(async (userId) => {
    try {
      await claimNudge(deps, input.nudgeId, userId);
      return { userId, won: true, takenBy: null, error: null };
    } catch (error) {
      return {
        userId,
        won: false,
        takenBy: error instanceof ClaimTakenError ? error.claimantId : null,
        error: error instanceof ClaimTakenError ? null : String(error),
      };
    }
  }),
);
await db.close();
parentPort?.postMessage({ outcomes });
