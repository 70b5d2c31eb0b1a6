// How far behind the back of the shop is: the events not yet consumed by every subscriber (see
// lib/outbox/reconcile.ts), for GET /api/health. Unpublished rows count too: an event the relay
// has not sent is as late for the customer as one a worker has not run.
import { db } from '../db/client';

export interface ConsumptionLag {
  /** Events not yet consumed by every subscriber (nor handed to a person). */
  unconsumed: number;
  /** Age of the oldest of them, in milliseconds; null when there are none. */
  oldestUnconsumedMs: number | null;
}

export async function consumptionLag(now: Date = new Date()): Promise<ConsumptionLag> {
  // consumed_at IS NULL is one contiguous range of outbox(consumed_at, published_at).
  const [row] = await db().$queryRaw<{ n: number; oldest: Date | null }[]>`
    SELECT count(*)::int AS n, min(created_at) AS oldest FROM outbox WHERE consumed_at IS NULL`;
  const oldest = row?.oldest ?? null;
  return { unconsumed: row?.n ?? 0, oldestUnconsumedMs: oldest ? Math.max(0, now.getTime() - oldest.getTime()) : null };
}
