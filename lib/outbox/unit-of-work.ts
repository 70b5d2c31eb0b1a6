// One transaction: one aggregate's change plus its outbox rows. Nothing is sent to a queue from
// inside it; after the commit we only announce the change (best effort) so that live pages and the
// relay react at once instead of at their next poll.
import { POOL_WAIT_MS, db, type Tx } from '../db/client';
import { type SqlTx, sqlTransaction } from '../db/sql-tx';
import { ConcurrencyConflict } from '../db/errors';
import { newId } from '../ids';
import type { Context, DomainEvent } from '../domain/shared/events';
import { announce } from '../live/channel';
import { type Fact, type Origin, appendEvents, appendFact } from './append';

/**
 * One transaction's handle. `tx` is Prisma's transaction client (transact) or plain SQL
 * (transactSql, for steps whose every statement is raw SQL: see lib/db/sql-tx.ts).
 */
export interface UnitOfWork<T extends SqlTx = Tx> {
  tx: T;
  ctx: Context;
  /** Records events to be written with this transaction. */
  emit: (events: readonly DomainEvent[], origin: Origin) => Promise<void>;
  /**
   * Writes a fact to the order's timeline that changes no aggregate and tells no step (see
   * appendFact), announced after commit like an event so live pages refresh. False if a fact with
   * its id was already there.
   */
  note: (fact: Fact, origin: Origin) => Promise<boolean>;
}

export interface TransactOptions {
  /** How often to reload and retry after an optimistic-concurrency conflict. */
  conflictRetries?: number;
  now?: () => Date;
}

// Prisma's defaults (2 s to get a connection, 5 s to finish) are tight for a worker that has just
// started on a loaded machine; a transaction here is a handful of statements, so 10 s to finish is
// ample. Waiting for a connection is bounded by the pool's own wait (POOL_WAIT_MS, longer than a
// transaction's timeout: see lib/db/client.ts), so maxWait sits just under it and Prisma's P2028
// ("unable to start"), which the edge answers 503, is what a caller sees when the wait runs out.
export const TX_OPTIONS = { maxWait: POOL_WAIT_MS - 1_000, timeout: 10_000 };

export async function transact<T>(work: (uow: UnitOfWork) => Promise<T>, options: TransactOptions = {}): Promise<T> {
  return runUnitOfWork((inTx) => db().$transaction(inTx, TX_OPTIONS), work, options);
}

/** The same unit of work as plain SQL on the pg pool: for steps that use nothing of Prisma's but raw SQL. */
export async function transactSql<T>(work: (uow: UnitOfWork<SqlTx>) => Promise<T>, options: TransactOptions = {}): Promise<T> {
  return runUnitOfWork(sqlTransaction, work, options);
}

/** Runs `work` in a transaction `begin` opens, retried on conflicts; announces what it emitted after the commit. */
async function runUnitOfWork<X extends SqlTx, T>(
  begin: (inTx: (tx: X) => Promise<T>) => Promise<T>,
  work: (uow: UnitOfWork<X>) => Promise<T>,
  options: TransactOptions,
): Promise<T> {
  const retries = options.conflictRetries ?? 3;
  for (let attempt = 0; ; attempt++) {
    const emitted: Pick<DomainEvent, 'orderId' | 'type'>[] = [];
    try {
      const result = await begin(async (tx) => {
        const ctx: Context = { now: options.now?.() ?? new Date(), newId: () => newId() };
        return work({
          tx,
          ctx,
          emit: async (events, origin) => {
            await appendEvents(tx, events, origin);
            emitted.push(...events);
          },
          note: async (fact, origin) => {
            const fresh = await appendFact(tx, fact, origin);
            if (fresh) emitted.push(fact);
            return fresh;
          },
        });
      });
      await announceCommitted(emitted);
      return result;
    } catch (error) {
      if (!isRetryable(error) || attempt >= retries) throw error;
      await new Promise((r) => setTimeout(r, 10 * 2 ** attempt + Math.random() * 20));
    }
  }
}

function isRetryable(error: unknown): boolean {
  if (error instanceof ConcurrencyConflict) return true;
  // Serialization failure / deadlock, as Prisma reports them.
  const code = (error as { code?: unknown })?.code;
  return code === 'P2034' || code === '40001' || code === '40P01';
}

/** Tells live pages (and the relay) what a committed transaction changed; best effort. */
export async function announceCommitted(events: readonly Pick<DomainEvent, 'orderId' | 'type'>[]): Promise<void> {
  const byOrder = new Map<string, string[]>();
  for (const e of events) byOrder.set(e.orderId, [...(byOrder.get(e.orderId) ?? []), e.type]);
  // Epoch milliseconds with sub-millisecond precision, comparable across processes on one host.
  const committedAt = performance.timeOrigin + performance.now();
  await Promise.all([...byOrder].map(([orderId, types]) => announce({ orderId, types, committedAt })));
}
