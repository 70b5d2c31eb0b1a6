// The consumer's half of idempotency: a row per (consumer, event) written in the handler's own
// transaction. A redelivered or concurrently re-run job finds the row (or waits on its unique
// index until the first run commits) and changes nothing.
import type { Tx } from '../db/client';
import { type TransactOptions, type UnitOfWork, transact } from './unit-of-work';

// Raw SQL on purpose: every step runs this, and Prisma compiles a createMany afresh on each call
// (its plan cache skips them) in its WebAssembly query compiler — CPU the worker spends per job.
export async function markProcessed(tx: Tx, consumer: string, eventId: string, now: Date): Promise<boolean> {
  const count = await tx.$executeRaw`
    INSERT INTO processed_messages (consumer, event_id, processed_at)
    VALUES (${consumer}, ${eventId}::uuid, ${now}::timestamptz)
    ON CONFLICT DO NOTHING`;
  return count === 1;
}

export type Handled<T> = { duplicate: true } | { duplicate: false; value: T };

/** Runs `work` at most once per (consumer, event), in one transaction with the dedupe row. */
export async function consumeOnce<T>(
  consumer: string,
  eventId: string,
  work: (uow: UnitOfWork) => Promise<T>,
  options?: TransactOptions,
): Promise<Handled<T>> {
  return transact(async (uow) => {
    const first = await markProcessed(uow.tx, consumer, eventId, uow.ctx.now);
    if (!first) return { duplicate: true } as const;
    return { duplicate: false, value: await work(uow) } as const;
  }, options);
}
