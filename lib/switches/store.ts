// Where the failure switches live: one row in PostgreSQL (so they survive restarts), read by
// every process — web, relay, workers — at most SWITCHES_TTL_MS after a change. Reads are cached
// for that long, so the card network fake or a worker can ask on every call; each process that
// cares also reports the version it sees (lib/switches/processes.ts), so the ops page can show a
// change arriving everywhere.
import { db } from '../db/client';
import { type Result, fail, ok } from '../domain/shared/result';
import { NOTHING_WRONG, Switches } from './settings';

const ROW_ID = 'current';
export const SWITCHES_TTL_MS = 500;

export interface StoredSwitches {
  value: Switches;
  /** 0 until the first save; every save adds one. */
  version: number;
  /** When the last save happened (null before the first). */
  updatedAt: Date | null;
}

let cache: (StoredSwitches & { at: number }) | undefined;
let reading: Promise<StoredSwitches> | undefined;
/** Bumped by every local save, so a read that started before it cannot cache the old row. */
let generation = 0;

/** The switches as they are now (at most SWITCHES_TTL_MS old). */
export async function currentSwitches(): Promise<Switches> {
  return (await readSwitches()).value;
}

export async function readSwitches(): Promise<StoredSwitches> {
  if (cache && Date.now() - cache.at < SWITCHES_TTL_MS) return cache;
  // Many callers at once (a burst of card calls) share one query.
  if (!reading) {
    const started = generation;
    const read = (async (): Promise<StoredSwitches> => {
      const row = await db().failureSwitches.findUnique({ where: { id: ROW_ID } });
      const parsed = row ? Switches.safeParse(row.settings) : null;
      const stored = {
        value: parsed?.success ? parsed.data : NOTHING_WRONG,
        version: row?.version ?? 0,
        updatedAt: row?.updatedAt ?? null,
      };
      if (started === generation) cache = { ...stored, at: Date.now() };
      return stored;
    })();
    reading = read;
    const forget = () => {
      if (reading === read) reading = undefined;
    };
    read.then(forget, forget);
  }
  return reading;
}

/**
 * Replaces the switches and answers with what is stored, or refuses with SWITCHES.STALE if
 * `expectedVersion` is no longer the stored version (someone else saved in between: reload and ask
 * again).
 */
export async function saveSwitches(
  next: Switches,
  expectedVersion: number,
): Promise<Result<StoredSwitches & { updatedAt: Date }, 'SWITCHES.STALE'>> {
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
  generation++;
  reading = undefined;
  cache = undefined;
  return saved === null
    ? fail(
        'SWITCHES.STALE',
        'Someone else changed the switches just now, so yours were not saved. Theirs are the current ones: make your change again if you still want it.',
      )
    : ok({ value, version: saved, updatedAt: now });
}

/** For tests: forget the cached copy. */
export function forgetSwitches(): void {
  generation++;
  reading = undefined;
  cache = undefined;
}
