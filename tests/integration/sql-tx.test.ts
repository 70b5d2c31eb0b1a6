// The plain-SQL transaction the steps behind the counter run in (lib/db/sql-tx.ts), against a real
// PostgreSQL: it commits or rolls back as a whole, binds every value as a parameter, and reads
// the aggregates exactly as Prisma's transaction client does, so a repository written against
// SqlTx means the same thing in either.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../lib/db/client';
import { isUnavailable } from '../../lib/db/errors';
import { loadOrder } from '../../lib/db/orders';
import { SQL_TX_LIMIT_MS, sqlTransaction } from '../../lib/db/sql-tx';
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
