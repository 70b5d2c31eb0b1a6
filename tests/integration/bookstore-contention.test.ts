// Scarce stock under contention: many customers check out the same book at once. Each reservation
// is one transaction on that book's inventory, guarded by its version; the losers of a conflict
// reload and try again. Nothing may be oversold, nobody may jump the waiting list, and the money
// must add up for every order.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restockBook } from '../../lib/commands/restock-book';
import { db } from '../../lib/db/client';
import { addToCart } from '../../lib/commands/cart';
import { placeBookOrder } from '../../lib/commands/place-book-order';
import { POPULAR_BOOK_ID, checkoutRequest, expectLedgerBalances, inventoryOf } from '../support/bookstore';
import { type Shop, eventually, openShop } from '../support/shop';

const CUSTOMERS = 64;
const COPIES = 5;
let shop: Shop;

beforeAll(async () => {
  shop = await openShop('contention', {
    COURIER_LATENCY_MS: '0',
    COURIER_DELIVERY_MS: '200',
    BACKORDER_DECISION_MS: String(10 * 60_000),
  });
  shop.startRelay();
  shop.startWorkers();
  await shop.ready();
});

afterAll(async () => {
  await shop?.close();
});

const GOT_STOCK = ['reserved', 'captured', 'shipped', 'delivered'];
const lineFor = (orderId: string) => db().orderRequestLine.findFirstOrThrow({ where: { requestId: orderId } });

describe(`${CUSTOMERS} customers checking out the last ${COPIES} copies at once`, () => {
  let orders: string[] = [];

  it(`reserves exactly ${COPIES}, backorders the rest, and never oversells`, async () => {
    expect(await inventoryOf(POPULAR_BOOK_ID)).toMatchObject({ stocked: COPIES, available: COPIES });
    // Carts are filled one by one; the checkouts (and so the reservations) all go at once.
    const customers: string[] = [];
    for (let i = 0; i < CUSTOMERS; i++) {
      const customerId = randomUUID();
      const added = await addToCart(customerId, { bookId: POPULAR_BOOK_ID, quantity: 1 });
      if (!added.ok) throw new Error(added.error.message);
      customers.push(customerId);
    }
    const answers = await Promise.all(
      customers.map((customerId) => placeBookOrder(checkoutRequest(), { customerId, idempotencyKey: randomUUID() })),
    );
    orders = answers.map((a) => {
      if (!a.ok) throw new Error(`checkout answered ${a.error.code}: ${a.error.message}`);
      return a.value.orderRequest.id;
    });

    const settled = await eventually(
      'every line reserved or backordered',
      async () => {
        const lines = await Promise.all(orders.map(lineFor));
        return lines.every((l) => l.status !== 'reserving') && lines;
      },
      60_000,
    );
    const got = settled.filter((l) => GOT_STOCK.includes(l.status));
    const waiting = settled.filter((l) => l.status === 'backordered');
    expect(got).toHaveLength(COPIES);
    expect(waiting).toHaveLength(CUSTOMERS - COPIES);

    const inventory = await inventoryOf(POPULAR_BOOK_ID);
    expect(inventory.available).toBe(0);
    expect(inventory.available + inventory.reserved + inventory.shipped).toBe(inventory.stocked);
    const claims = await db().stockClaim.groupBy({ by: ['status'], where: { bookId: POPULAR_BOOK_ID }, _count: true });
    const count = (status: string) => claims.find((c) => c.status === status)?._count ?? 0;
    expect(count('waiting')).toBe(CUSTOMERS - COPIES);
    expect(count('reserved') + count('shipped')).toBe(COPIES);
  });

  it("ships the reserved copies and keeps every order's money in balance with the card network", async () => {
    await eventually(
      'the five delivered',
      async () => {
        const lines = await Promise.all(orders.map(lineFor));
        return lines.filter((l) => l.status === 'delivered').length === COPIES;
      },
      30_000,
    );
    for (const orderId of orders) {
      const { problems } = await expectLedgerBalances(orderId);
      expect(problems, orderId).toEqual([]);
    }
    expect(await inventoryOf(POPULAR_BOOK_ID)).toMatchObject({ shipped: COPIES, reserved: 0, available: 0 });
  });

  it('releases backorders first come, first served when staff restock', async () => {
    const queue = await db().stockClaim.findMany({
      where: { bookId: POPULAR_BOOK_ID, status: 'waiting' },
      orderBy: [{ requestedAt: 'asc' }, { lineId: 'asc' }],
    });
    const answer = await restockBook(POPULAR_BOOK_ID, 3);
    expect(answer).toMatchObject({ ok: true, value: { inventory: { released: 3, stocked: COPIES + 3, available: 0 } } });

    const firstThree = queue.slice(0, 3).map((c) => c.lineId);
    await eventually('the first three in line reserved', async () => {
      const lines = await db().orderRequestLine.findMany({ where: { id: { in: firstThree } } });
      return lines.every((l) => GOT_STOCK.includes(l.status));
    });
    const rest = await db().orderRequestLine.findMany({ where: { id: { in: queue.slice(3).map((c) => c.lineId) } } });
    expect(rest.every((l) => l.status === 'backordered')).toBe(true);

    // Unknown books and silly quantities are refused without touching anything.
    expect(await restockBook(randomUUID(), 1)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await restockBook(POPULAR_BOOK_ID, 0)).toMatchObject({ ok: false, error: { code: 'INVENTORY.QUANTITY' } });
  });
});
