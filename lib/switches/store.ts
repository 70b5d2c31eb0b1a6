// Where the failure switches live: one row in PostgreSQL (so they survive restarts), read by
// every process — web, relay, workers — at most SWITCHES_TTL_MS after a change. Reads are cached
// for that long, so the card network fake or a worker can ask on every call.
import { db } from '../db/client';
import { NOTHING_WRONG, Switches } from './settings';

const ROW_ID = 'current';
export const SWITCHES_TTL_MS = 500;

let cache: { at: number; value: Switches; version: number } | undefined;

/** The switches as they are now (at most SWITCHES_TTL_MS old). */
export async function currentSwitches(): Promise<Switches> {
  return (await readSwitches()).value;
}

export async function readSwitches(): Promise<{ value: Switches; version: number }> {
  if (cache && Date.now() - cache.at < SWITCHES_TTL_MS) return cache;
  const row = await db().failureSwitches.findUnique({ where: { id: ROW_ID } });
  const parsed = row ? Switches.safeParse(row.settings) : null;
  cache = { at: Date.now(), value: parsed?.success ? parsed.data : NOTHING_WRONG, version: row?.version ?? 0 };
  return cache;
}

/** Replaces the switches; returns the stored value. `expectedVersion` guards against two presenters. */
export async function saveSwitches(next: Switches, expectedVersion: number): Promise<{ value: Switches; version: number } | null> {
  const value = Switches.parse(next);
  const now = new Date();
  const saved = await db().$transaction(async (tx) => {
    if (expectedVersion === 0) {
      const { count } = await tx.failureSwitches.createMany({
        data: [{ id: ROW_ID, settings: value, version: 1, updatedAt: now }],
        skipDuplicates: true,
      });
      return count === 1 ? 1 : null;
    }
    const { count } = await tx.failureSwitches.updateMany({
      where: { id: ROW_ID, version: expectedVersion },
      data: { settings: value, version: expectedVersion + 1, updatedAt: now },
    });
    return count === 1 ? expectedVersion + 1 : null;
  });
  cache = undefined;
  return saved === null ? null : { value, version: saved };
}

/** For tests: forget the cached copy. */
export function forgetSwitches(): void {
  cache = undefined;
}
