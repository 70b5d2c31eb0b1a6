// Transactions in plain SQL on the process's pg pool, for the coffee's hot transactions: its steps
// behind the counter and its checkout. Prisma's interactive transactions cost a process about three
// times the CPU and latency of the same statements sent by pg (measured: 4 statements at 16 in
// flight, 520–930 against 2,060–3,140 transactions/s). Work whose repositories and writes are all
// raw SQL runs here; anything else keeps Prisma's (lib/outbox/unit-of-work.ts has both).
//
// SqlTx is the part of Prisma's transaction client those functions use: tagged-template
// $queryRaw and $executeRaw. Prisma's client satisfies it, so a function written against SqlTx
// runs in either kind of transaction; one that needs Prisma's models does not compile here.
import type pg from 'pg';
import { Prisma } from './generated/client';
import { pool } from './client';

export interface SqlTx {
  $queryRaw<T = unknown>(query: TemplateStringsArray, ...values: unknown[]): Promise<T>;
  $executeRaw(query: TemplateStringsArray, ...values: unknown[]): Promise<number>;
}

/** SqlTx over one pg connection. Values are bound as parameters ($1, $2, …), never spliced in. */
function sqlOn(client: pg.PoolClient): SqlTx {
  const bound = (strings: TemplateStringsArray, values: unknown[]) => Prisma.sql(strings, ...values);
  return {
    async $queryRaw<T>(strings: TemplateStringsArray, ...values: unknown[]): Promise<T> {
      const query = bound(strings, values);
      return (await client.query(query.text, query.values)).rows as T;
    },
    async $executeRaw(strings: TemplateStringsArray, ...values: unknown[]): Promise<number> {
      const query = bound(strings, values);
      return (await client.query(query.text, query.values)).rowCount ?? 0;
    },
  };
}

/** How long one statement, or a pause between two, may take before PostgreSQL ends the transaction. */
export const SQL_TX_LIMIT_MS = 10_000;

// One round trip: the transaction begins with its limits, so a statement stuck on a lock or a
// process that stalls mid-transaction cannot hold a connection (and its row locks) for long.
const BEGIN = `BEGIN; SET LOCAL statement_timeout = ${SQL_TX_LIMIT_MS}; SET LOCAL idle_in_transaction_session_timeout = ${SQL_TX_LIMIT_MS}`;

/**
 * Runs `work` in one transaction on a pooled connection: BEGIN, the work's statements, COMMIT, or
 * ROLLBACK if it throws (the error is rethrown as it came). A connection whose rollback fails is
 * not returned to the pool.
 */
export async function sqlTransaction<T>(work: (tx: SqlTx) => Promise<T>): Promise<T> {
  const client = await pool().connect();
  let broken = false;
  // A checked-out connection that dies (the server restarted, the backend was terminated) emits
  // 'error' besides failing its query; unheard, that event would end the process. The query's own
  // rejection is what the caller sees; the connection is discarded on release.
  const onError = () => (broken = true);
  client.on('error', onError);
  try {
    await client.query(BEGIN);
    const result = await work(sqlOn(client));
    await client.query('COMMIT');
    return result;
  } catch (error) {
    if (!broken) await client.query('ROLLBACK').catch(() => (broken = true));
    throw error;
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}
