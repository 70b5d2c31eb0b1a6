// Retention: the bookkeeping tables that every order adds rows to must not grow with history, or
// the hot paths slow down as the shop gets older. Deleted in small batches, oldest first, by the
// relay process.
//
//  - outbox rows are needed until every subscriber has consumed them (the reconciler publishes a
//    row again if Redis lost its job; lib/outbox/reconcile.ts), then only as a short record: keep
//    a day after consumption, and never prune a row not yet consumed, however old;
//  - processed-message rows must outlive any redelivery (BullMQ keeps job ids for a day, and a
//    failed job can be retried by hand for a week): keep eight days;
//  - idempotency keys answer retries; clients retry within minutes: keep a day;
//  - step timings measure the consistency window from "this shop's own recent history": an hour
//    (lib/queries/lag.ts reads no further back).
// The order timeline is the order's own history and lives as long as the order.
import { db } from '../db/client';

const HOUR = 3_600_000;
export const KEEP = {
  outbox: 24 * HOUR,
  processedMessages: 8 * 24 * HOUR,
  idempotencyKeys: 24 * HOUR,
  stepTimings: HOUR,
} as const;

const BATCH = 5_000;

export interface Pruned {
  outbox: number;
  processedMessages: number;
  idempotencyKeys: number;
  stepTimings: number;
}

export async function pruneHistory(now: Date, keep: typeof KEEP = KEEP): Promise<Pruned> {
  const before = (ms: number) => new Date(now.getTime() - ms);
  return {
    outbox: await drain(
      (cutoff) => db().$executeRaw`
        DELETE FROM outbox WHERE id IN (
          SELECT id FROM outbox WHERE consumed_at < ${cutoff} ORDER BY consumed_at LIMIT ${BATCH})`,
      before(keep.outbox),
    ),
    processedMessages: await drain(
      (cutoff) => db().$executeRaw`
        DELETE FROM processed_messages WHERE (consumer, event_id) IN (
          SELECT consumer, event_id FROM processed_messages WHERE processed_at < ${cutoff}
          ORDER BY processed_at LIMIT ${BATCH})`,
      before(keep.processedMessages),
    ),
    idempotencyKeys: await drain(
      (cutoff) => db().$executeRaw`
        DELETE FROM idempotency_keys WHERE (customer_id, key) IN (
          SELECT customer_id, key FROM idempotency_keys
          WHERE created_at < ${cutoff} AND completed_at IS NOT NULL
          ORDER BY created_at LIMIT ${BATCH})`,
      before(keep.idempotencyKeys),
    ),
    stepTimings: await drain(
      (cutoff) => db().$executeRaw`
        DELETE FROM step_timings WHERE (step, event_id) IN (
          SELECT step, event_id FROM step_timings WHERE handled_at < ${cutoff}
          ORDER BY handled_at LIMIT ${BATCH})`,
      before(keep.stepTimings),
    ),
  };
}

/** Repeats a batched delete until a batch comes back short. */
async function drain(deleteBatch: (cutoff: Date) => Promise<number>, cutoff: Date): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await deleteBatch(cutoff);
    total += n;
    if (n < BATCH) return total;
  }
}
