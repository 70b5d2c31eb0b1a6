// The plain-SQL transaction the steps behind the counter run in (lib/db/sql-tx.ts), against a real
// PostgreSQL: it commits or rolls back as a whole, binds every value as a parameter, sends the
// writes it holds back as one statement that keeps all or nothing, and reads the aggregates
// exactly as Prisma's transaction client does, so a repository written against SqlTx means the
// same thing in either.
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { db } from '../../lib/db/client';
import { ConcurrencyConflict, isUnavailable } from '../../lib/db/errors';
import { Prisma } from '../../lib/db/generated/client';
import { loadOrder, saveOrder } from '../../lib/db/orders';
import { SQL_TX_LIMIT_MS, type Write, sqlTransaction, write } from '../../lib/db/sql-tx';
import { loadTicketForOrder } from '../../lib/db/tickets';
import { openTicketHandler } from '../../workers/handlers/open-ticket';
import { recordPlacedOrder } from '../support/coffee-orders';
import { type Shop, openShop } from '../support/shop';

let shop: Shop;

beforeAll(async () => {
  shop = await openShop('sql-tx');
});

afterAll(async () => {
  await shop?.close();
});

afterEach(() => {
  vi.restoreAllMocks();
});

const processed = async (eventId: string) =>
  (await db().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM processed_messages WHERE event_id = ${eventId}::uuid`)[0]!.n;

describe('sqlTransaction', () => {
  it('commits what the work wrote, and rolls all of it back when the work throws', async () => {
    const kept = crypto.randomUUID();
    const lost = crypto.randomUUID();
    await sqlTransaction((tx) => tx.$executeRaw`INSERT INTO processed_messages VALUES ('test', ${kept}::uuid, now())`);
    await expect(
      sqlTransaction(async (tx) => {
        await tx.$executeRaw`INSERT INTO processed_messages VALUES ('test', ${lost}::uuid, now())`;
        throw new Error('the step failed after writing');
      }),
    ).rejects.toThrow('the step failed after writing');
    expect(await processed(kept)).toBe(1);
    expect(await processed(lost)).toBe(0);
  });

  it('binds values as parameters: a quote in a value is data, not SQL', async () => {
    const tricky = "x'); DROP TABLE processed_messages; --";
    const [row] = await sqlTransaction((tx) => tx.$queryRaw<{ v: string; n: number }[]>`SELECT ${tricky}::text AS v, ${41}::int + 1 AS n`);
    expect(row).toEqual({ v: tricky, n: 42 });
    expect(await processed(crypto.randomUUID())).toBe(0); // the table is still there
  });

  it('a connection killed mid-transaction fails that transaction as an outage, and the pool carries on', async () => {
    const killed = sqlTransaction(async (tx) => {
      const [{ pid }] = (await tx.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`) as [{ pid: number }];
      await db().$queryRaw`SELECT pg_terminate_backend(${pid}::int)`;
      await tx.$queryRaw`SELECT 1`;
    });
    const error: unknown = await killed.catch((caught: unknown) => caught);
    expect(isUnavailable(error), String(error)).toBe(true);
    // (An 'error' event nobody listened to would have failed this file as an uncaught exception.)
    const [row] = await sqlTransaction((tx) => tx.$queryRaw<{ one: number }[]>`SELECT 1::int AS one`);
    expect(row).toEqual({ one: 1 });
  });

  it('bounds each statement, and each pause between two, inside the transaction (SET LOCAL: not after it)', async () => {
    const inside = await sqlTransaction(
      (tx) => tx.$queryRaw<{ s: string; i: string }[]>`SELECT current_setting('statement_timeout') AS s,
                                                              current_setting('idle_in_transaction_session_timeout') AS i`,
    );
    expect(inside).toEqual([{ s: `${SQL_TX_LIMIT_MS / 1000}s`, i: `${SQL_TX_LIMIT_MS / 1000}s` }]);
  });

  it("reads an order and its ticket exactly as Prisma's transaction does", async () => {
    const placed = await recordPlacedOrder('Ada', 2);
    await openTicketHandler(placed.job);

    const viaSql = await sqlTransaction(async (tx) => ({
      order: await loadOrder(tx, placed.order.id),
      ticket: await loadTicketForOrder(tx, placed.order.id),
    }));
    const viaPrisma = await db().$transaction(async (tx) => ({
      order: await loadOrder(tx, placed.order.id),
      ticket: await loadTicketForOrder(tx, placed.order.id),
    }));
    expect(viaSql.order).not.toBeNull();
    expect(viaSql.ticket?.drinks).toHaveLength(1);
    expect(viaSql).toEqual(viaPrisma);
  });
});

describe('writes held back and sent as one statement', () => {
  const mark = (eventId: string, expect?: Write['expect']): Write => ({
    sql: Prisma.sql`INSERT INTO processed_messages VALUES ('test', ${eventId}::uuid, now()) ON CONFLICT DO NOTHING`,
    expect,
  });
  const taken = () => new Error('already marked');

  it('a transaction of writes only is one prepared statement: no BEGIN, no COMMIT', async () => {
    const [a, b] = [crypto.randomUUID(), crypto.randomUUID()];
    const sent = vi.spyOn(pg.Client.prototype, 'query');
    await sqlTransaction((tx) => write(tx, mark(a), mark(b, { rows: 1, otherwise: taken })));
    expect(sent).toHaveBeenCalledTimes(1);
    // Prepared under a name of its own, so the next transaction of this shape only binds and runs it.
    expect(sent.mock.calls[0]?.[0]).toMatchObject({ name: expect.stringMatching(/^cs_/), text: expect.stringMatching(/^WITH w0 AS \(/) });
    expect([await processed(a), await processed(b)]).toEqual([1, 1]);
  });

  it("a missed expectation fails the transaction with that write's error, and keeps none of its writes", async () => {
    const [fresh, existing] = [crypto.randomUUID(), crypto.randomUUID()];
    await sqlTransaction((tx) => write(tx, mark(existing)));
    const attempt = sqlTransaction((tx) => write(tx, mark(fresh), mark(existing, { rows: 1, otherwise: taken })));
    await expect(attempt).rejects.toThrow('already marked');
    expect(await processed(fresh)).toBe(0);
  });

  it('a read sees the writes held back before it, and a later failure undoes them', async () => {
    const id = crypto.randomUUID();
    const attempt = sqlTransaction(async (tx) => {
      await write(tx, mark(id));
      const [row] = await tx.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM processed_messages WHERE event_id = ${id}::uuid`;
      expect(row?.n).toBe(1);
      throw new Error('a later step failed');
    });
    await expect(attempt).rejects.toThrow('a later step failed');
    expect(await processed(id)).toBe(0);
  });

  it('a version guard that finds the order changed fails as a ConcurrencyConflict, in either kind of transaction', async () => {
    const placed = await recordPlacedOrder('Grace', 1);
    const stale = { ...placed.order, version: placed.order.version + 1, customerName: 'Stale' };
    const viaSql = sqlTransaction((tx) => saveOrder(tx, placed.order.version - 1, stale));
    await expect(viaSql).rejects.toBeInstanceOf(ConcurrencyConflict);
    const viaPrisma = db().$transaction((tx) => saveOrder(tx, placed.order.version - 1, stale));
    await expect(viaPrisma).rejects.toBeInstanceOf(ConcurrencyConflict);
    expect((await sqlTransaction((tx) => loadOrder(tx, placed.order.id)))?.customerName).toBe('Grace');
  });
});
