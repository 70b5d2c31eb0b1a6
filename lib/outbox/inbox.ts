// The consumer's half of idempotency: a row per (consumer, event) written in the handler's own
// transaction. A redelivered or concurrently re-run job finds the row (or waits on its unique
// index until the first run commits) and changes nothing.
import type { SqlTx } from '../db/sql-tx';
import { type TransactOptions, type UnitOfWork, transact, transactSql } from './unit-of-work';

// Raw SQL on purpose: every step runs this, and Prisma compiles a createMany afresh on each call
// (its plan cache skips them) in its WebAssembly query compiler — CPU the worker spends per job.
export async function markProcessed(tx: SqlTx, consumer: string, eventId: string, now: Date): Promise<boolean> {
  const count = await tx.$executeRaw`
    INSERT INTO processed_messages (consumer, event_id, processed_at)
    VALUES (${consumer}, ${eventId}::uuid, ${now}::timestamptz)
    ON CONFLICT DO NOTHING`;
  return count === 1;
}

/**
 * The same, after taking a transaction-scoped advisory lock on `key` (in the same statement, so no
 * extra round trip): another consumer of the same key waits here until this transaction ends.
 */
async function markProcessedOneAtATime(tx: SqlTx, consumer: string, eventId: string, now: Date, key: string): Promise<boolean> {
  const count = await tx.$executeRaw`
    INSERT INTO processed_messages (consumer, event_id, processed_at)
    SELECT ${consumer}, ${eventId}::uuid, ${now}::timestamptz
      FROM (SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))) AS one_at_a_time
    ON CONFLICT DO NOTHING`;
  return count === 1;
}

export type Handled<T> = { duplicate: true } | { duplicate: false; value: T };

export interface ConsumeOptions extends TransactOptions {
  /**
   * Steps given the same key (say, an order's id) run one at a time: each waits, before it reads
   * anything, for the other's transaction to end. For steps whose events can be published together
   * and race to the same aggregate — OrderPlaced opens the ticket that PaymentApproved marks paid;
   * with a quick card answer both reach the tickets queue in one relay batch, side by side, and two
   * of the worker's slots take them at once: without this, the second read before the first
   * committed, failed, and ran again after a back-off (a backlog built in one statement does not
   * show it: there every OrderPlaced sorts before every PaymentApproved).
   */
  oneAtATimePer?: string;
}

/**
 * Runs `work` at most once per (consumer, event), in one transaction with the dedupe row. The
 * transaction is plain SQL (lib/db/sql-tx.ts): the step's repositories and writes must be raw SQL,
 * which the compiler checks. A step that needs Prisma's models uses consumeOnceWithPrisma.
 */
export async function consumeOnce<T>(
  consumer: string,
  eventId: string,
  work: (uow: UnitOfWork<SqlTx>) => Promise<T>,
  options: ConsumeOptions = {},
): Promise<Handled<T>> {
  return consume(transactSql, consumer, eventId, work, options);
}

/** consumeOnce in a Prisma transaction, for a step whose work uses Prisma's models. */
export async function consumeOnceWithPrisma<T>(
  consumer: string,
  eventId: string,
  work: (uow: UnitOfWork) => Promise<T>,
  options: ConsumeOptions = {},
): Promise<Handled<T>> {
  return consume(transact, consumer, eventId, work, options);
}

async function consume<X extends SqlTx, T>(
  run: (work: (uow: UnitOfWork<X>) => Promise<Handled<T>>, options: TransactOptions) => Promise<Handled<T>>,
  consumer: string,
  eventId: string,
  work: (uow: UnitOfWork<X>) => Promise<T>,
  options: ConsumeOptions,
): Promise<Handled<T>> {
  const { oneAtATimePer: key, ...transactOptions } = options;
  return run(async (uow) => {
    const first = key
      ? await markProcessedOneAtATime(uow.tx, consumer, eventId, uow.ctx.now, key)
      : await markProcessed(uow.tx, consumer, eventId, uow.ctx.now);
    if (!first) return { duplicate: true } as const;
    return { duplicate: false, value: await work(uow) } as const;
  }, transactOptions);
}
