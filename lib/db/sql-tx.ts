// Transactions in plain SQL on the process's pg pool, for the coffee's hot transactions: its steps
// behind the counter and its checkout. Prisma's interactive transactions cost a process about three
// times the CPU and latency of the same statements sent by pg (measured: 4 statements at 16 in
// flight, 520–930 against 2,060–3,140 transactions/s). Work whose repositories and writes are all
// raw SQL runs here; anything else keeps Prisma's (lib/outbox/unit-of-work.ts has both).
//
// SqlTx is the part of Prisma's transaction client those functions use: tagged-template
// $queryRaw and $executeRaw. Prisma's client satisfies it, so a function written against SqlTx
// runs in either kind of transaction; one that needs Prisma's models does not compile here.
//
// Each statement is a round trip: a write and a read on a socket at both ends, and the wait for
// them (a network's, with the database on another host). So a plain-SQL transaction holds back the
// writes given to `write` and sends them together, as one statement of data-modifying CTEs, just
// before its next read or at its commit. A transaction that only writes — a checkout's two — is
// then one round trip in all: its one statement is its transaction, with no BEGIN or COMMIT. A
// write that must touch a number of rows (a version guard, a claimed key) carries that expectation
// into the statement, where expect_rows() fails the whole statement when it is not met
// (prisma/migrations/20261207150000_expect_rows), so nothing of it is kept. Decision 27 has what
// it bought and what it costs.
import { createHash } from 'node:crypto';
import pg from 'pg';
import { Prisma } from './generated/client';
import { pool } from './client';

/**
 * One data-modifying statement (INSERT, UPDATE or DELETE, without a WITH of its own or a
 * RETURNING), and the rows it must touch: if it touches any other number, the transaction fails
 * with `otherwise()` (a ConcurrencyConflict for a version guard, say) and nothing of it is kept.
 */
export interface Write {
  sql: Prisma.Sql;
  expect?: { rows: number; otherwise: () => Error };
}

export interface SqlTx {
  $queryRaw<T = unknown>(query: TemplateStringsArray, ...values: unknown[]): Promise<T>;
  $executeRaw(query: TemplateStringsArray, ...values: unknown[]): Promise<number>;
  $executeRaw(query: Prisma.Sql): Promise<number>;
  /** Only on a plain-SQL transaction: holds `writes` back, to go with its next statement or its commit. */
  defer?(writes: readonly Write[]): void;
}

/**
 * Makes `writes` part of the transaction: at once in a Prisma transaction (each checked as it
 * returns), or held back in a plain-SQL one. Either way, a write that misses its expectation fails
 * the transaction (by the time it commits, at the latest) with that write's error.
 */
export async function write(tx: SqlTx, ...writes: Write[]): Promise<void> {
  if (tx.defer) return tx.defer(writes);
  for (const w of writes) {
    const count = await tx.$executeRaw(w.sql);
    if (w.expect && count !== w.expect.rows) throw w.expect.otherwise();
  }
}

/** The SQLSTATE expect_rows() raises; its DETAIL is the failing write's position. */
const MISSED_EXPECTATION = 'CS001';

/** `writes` as one statement: each a CTE, the expectations checked in its SELECT. */
function asOneStatement(writes: readonly Write[]): Prisma.Sql {
  const name = (i: number) => Prisma.raw(`w${i}`);
  const ctes = writes.map((w, i) => Prisma.sql`${name(i)} AS (${w.sql}${w.expect ? Prisma.raw(' RETURNING 1') : Prisma.empty})`);
  const checks = writes.flatMap((w, i) =>
    w.expect ? [Prisma.sql`expect_rows(${i}::int, (SELECT count(*) FROM ${name(i)}), ${w.expect.rows}::int)`] : [],
  );
  return Prisma.sql`WITH ${Prisma.join(ctes)} SELECT ${checks.length > 0 ? Prisma.join(checks) : Prisma.raw('1')}`;
}

// The writes sent together come in few and fixed shapes (a checkout's two transactions, a step's
// writes): each shape is prepared once per connection, under a name derived from its text, and
// after that only bound and run, which spares PostgreSQL parsing and planning it again (measured:
// 0.6 against 0.7–0.9 ms for a checkout's first transaction, one at a time). Their result is
// expect_rows()'s, whatever the tables hold, so a column added by a migration cannot invalidate
// them; reads (SELECT *) are not prepared for that reason. A process that somehow sent more than
// MAX_PREPARED different shapes sends the rest unprepared, so a connection's statements stay bounded.
const MAX_PREPARED = 200;
const statementNames = new Map<string, string>();

function prepared(sql: Prisma.Sql): pg.QueryConfig {
  let name = statementNames.get(sql.text);
  if (name === undefined && statementNames.size < MAX_PREPARED) {
    name = `cs_${createHash('sha1').update(sql.text).digest('hex').slice(0, 20)}`;
    statementNames.set(sql.text, name);
  }
  return { name, text: sql.text, values: sql.values };
}

/** How long one statement, or a pause between two, may take before PostgreSQL ends the transaction. */
export const SQL_TX_LIMIT_MS = 10_000;

// One round trip: the transaction begins with its limits, so a statement stuck on a lock or a
// process that stalls mid-transaction cannot hold a connection (and its row locks) for long. A
// transaction that is one statement needs no such limits: nothing can stall between its
// statements, and a lock it waits on is held by a transaction that has them.
const BEGIN = `BEGIN; SET LOCAL statement_timeout = ${SQL_TX_LIMIT_MS}; SET LOCAL idle_in_transaction_session_timeout = ${SQL_TX_LIMIT_MS}`;

/**
 * A plain-SQL transaction on one pooled connection. It begins (BEGIN with its limits) at the first
 * statement that must see or return something: a read, or a write not given to `write`.
 */
class PlainTransaction implements SqlTx {
  private pending: Write[] = [];
  begun = false;
  /** A statement failed with the connection itself (not just the statement): it must not go back to the pool. */
  lost = false;

  constructor(private readonly client: pg.PoolClient) {}

  defer(writes: readonly Write[]): void {
    this.pending.push(...writes);
  }

  async $queryRaw<T>(strings: TemplateStringsArray, ...values: unknown[]): Promise<T> {
    return (await this.run(Prisma.sql(strings, ...values))).rows as T;
  }

  $executeRaw(query: TemplateStringsArray, ...values: unknown[]): Promise<number>;
  $executeRaw(query: Prisma.Sql): Promise<number>;
  async $executeRaw(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): Promise<number> {
    const sql = query instanceof Prisma.Sql ? query : Prisma.sql(query, ...values);
    return (await this.run(sql)).rowCount ?? 0;
  }

  /** Ends the transaction: COMMIT if it began, else its held-back writes (if any) as its one statement. */
  async commit(): Promise<void> {
    if (!this.begun) return this.sendPending();
    await this.sendPending();
    await this.send('COMMIT');
  }

  private async run(sql: Prisma.Sql): Promise<pg.QueryResult> {
    if (!this.begun) {
      await this.send(BEGIN);
      this.begun = true;
    }
    await this.sendPending();
    return this.send({ text: sql.text, values: sql.values });
  }

  private async send(query: string | pg.QueryConfig): Promise<pg.QueryResult> {
    try {
      return await this.client.query(query);
    } catch (error) {
      // An ERROR ends the statement (and the transaction) but not the session; anything else —
      // a FATAL such as "terminating connection due to administrator command", a socket closed —
      // leaves no connection to give back to the pool.
      if (!(error instanceof pg.DatabaseError && error.severity === 'ERROR')) this.lost = true;
      throw error;
    }
  }

  private async sendPending(): Promise<void> {
    const writes = this.pending;
    if (writes.length === 0) return;
    this.pending = [];
    const statement = asOneStatement(writes);
    try {
      await this.send(prepared(statement));
    } catch (error) {
      const missed = (error as { code?: unknown; detail?: unknown }).code === MISSED_EXPECTATION;
      const expectation = missed ? writes[Number((error as { detail?: unknown }).detail)]?.expect : undefined;
      throw expectation ? expectation.otherwise() : error;
    }
  }
}

/**
 * Runs `work` in one transaction on a pooled connection, and commits; or rolls back if it throws
 * (the error is rethrown as it came). A connection whose rollback fails is not returned to the pool.
 */
export async function sqlTransaction<T>(work: (tx: SqlTx) => Promise<T>): Promise<T> {
  const client = await pool().connect();
  let broken = false;
  // A checked-out connection that dies (the server restarted, the backend was terminated) emits
  // 'error' besides failing its query; unheard, that event would end the process. The query's own
  // rejection is what the caller sees; the connection is discarded on release.
  const onError = () => (broken = true);
  client.on('error', onError);
  const tx = new PlainTransaction(client);
  try {
    const result = await work(tx);
    await tx.commit();
    return result;
  } catch (error) {
    // A transaction that never began has nothing to roll back; its connection is kept unless a
    // statement found it dead (the 'error' event may come after the failed query, or not at all).
    if (tx.lost) broken = true;
    else if (tx.begun && !broken) await client.query('ROLLBACK').catch(() => (broken = true));
    throw error;
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}
