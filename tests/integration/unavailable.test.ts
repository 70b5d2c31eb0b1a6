// When PostgreSQL or Redis cannot be reached, placing an order is refused as "unavailable"
// (the API answers 503 with Retry-After) and nothing is half-written. When the outage strikes
// after the card network was asked, the answer says so — "being confirmed", never "nothing was
// charged" — and a retry with the same Idempotency-Key learns the true outcome.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settleAbandonedCheckouts } from '../../lib/reactions/bookstore-timers';
import { addToCart } from '../../lib/commands/cart';
import { placeBookOrder } from '../../lib/commands/place-book-order';
import { placeCoffeeOrder } from '../../lib/commands/place-coffee-order';
import { db, disconnectDb } from '../../lib/db/client';
import { ServiceUnavailable, UnavailableAfterCardAsked, isUnavailable } from '../../lib/db/errors';
import { outageResult } from '../../lib/http/action-outage';
import { failure } from '../../lib/http/respond';
import { commandRedis } from '../../lib/queue/redis';
import { BOOKS, checkoutRequest, ledgerOf } from '../support/bookstore';
import { type Shop, eventually, latteOrder, newCustomer, openShop } from '../support/shop';

let shop: Shop;
const NOTHING_LISTENS = 'redis://127.0.0.1:1';

beforeAll(async () => {
  // A retry waits this long for the first attempt's answer before finishing the attempt itself.
  shop = await openShop('unavailable', { IDEMPOTENCY_REPLAY_WAIT_MS: '2000' });
});

afterAll(async () => {
  await shop?.close();
});

async function counts() {
  return Promise.all([db().order.count(), db().outboxMessage.count(), db().idempotencyRecord.count(), db().cardNetworkEntry.count()]);
}

describe('Redis down', () => {
  it('refuses before taking money or recording anything, and the API says 503 naming Redis', async () => {
    const before = await counts();
    commandRedis().disconnect();
    const holder = globalThis as unknown as { __commandRedis?: unknown };
    const realUrl = process.env.REDIS_URL;
    holder.__commandRedis = undefined;
    const { config } = await import('../../lib/config');
    // lib/config caches the parsed environment; point the cached value at a dead port.
    Object.assign(config(), { REDIS_URL: NOTHING_LISTENS });
    try {
      const error = await placeCoffeeOrder(latteOrder(), newCustomer()).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ServiceUnavailable);
      const response = failure(error);
      expect(response.status).toBe(503);
      const body = (await response.json()) as { error: { code: string; service: string } };
      expect(body.error).toMatchObject({ code: 'UNAVAILABLE', service: 'redis' });
      expect(await counts()).toEqual(before);
    } finally {
      commandRedis().disconnect();
      holder.__commandRedis = undefined;
      Object.assign(config(), { REDIS_URL: realUrl ?? 'redis://127.0.0.1:6379' });
    }
  });
});

describe('PostgreSQL down', () => {
  it('is reported as unavailable (503), not as a crash', async () => {
    const { config } = await import('../../lib/config');
    const realUrl = config().DATABASE_URL;
    await disconnectDb();
    Object.assign(config(), { DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/nowhere' });
    try {
      const error = await placeCoffeeOrder(latteOrder(), newCustomer()).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).not.toBeNull();
      expect(isUnavailable(error)).toBe(true);
      expect(error).not.toBeInstanceOf(UnavailableAfterCardAsked); // refused before the card was asked
      const response = failure(error);
      expect(response.status).toBe(503);
      expect(response.headers.get('Retry-After')).toBe('5');
      const body = (await response.json()) as { error: { code: string; message: string; orderUrl?: string } };
      expect(body.error.code).toBe('UNAVAILABLE');
      expect(body.error.message).toContain('Nothing was charged or recorded');
      expect(body.error.orderUrl).toBeUndefined();
    } finally {
      await disconnectDb();
      Object.assign(config(), { DATABASE_URL: realUrl });
    }
    // And the real database saw nothing of it.
    expect(await db().order.count()).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------
// An outage after the card network was asked. Made honestly, without a hook in the command: a
// test transaction locks the row the command's last transaction must write, so that transaction
// waits on the lock, and its connection is then terminated the way a restart does (57P01). The
// charge or hold has really been made by then; only recording it fails.

/** A connection of the test's own, outside the command's pool. */
async function connect(): Promise<pg.Client> {
  const { config } = await import('../../lib/config');
  const client = new pg.Client({ connectionString: config().DATABASE_URL });
  await client.connect();
  return client;
}

/** Waits until a backend of this database waits on a lock, then terminates it as a restart would. */
async function terminateLockWaiter(admin: pg.Client): Promise<void> {
  await eventually(
    'the command to wait on the locked row',
    async () => {
      const { rows } = await admin.query<{ terminated: boolean }>(
        `SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity
        WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
      );
      return rows.some((r) => r.terminated);
    },
    20_000,
  );
}

interface OutageJson {
  error: { code: string; message: string; service: string; orderId?: string; orderUrl?: string };
}

async function withCardLatency<T>(ms: number, work: () => Promise<T>): Promise<T> {
  const { config } = await import('../../lib/config');
  const before = config().CARD_LATENCY_MS;
  Object.assign(config(), { CARD_LATENCY_MS: ms });
  try {
    return await work();
  } finally {
    Object.assign(config(), { CARD_LATENCY_MS: before });
  }
}

describe('PostgreSQL lost after the card was charged (coffee)', () => {
  it('answers 503 "your payment is being confirmed" with the order, and a retry with the same key gets the final answer', async () => {
    const who = newCustomer();
    const locker = await connect();
    const admin = await connect();
    try {
      const outcome = withCardLatency(1_000, () => placeCoffeeOrder(latteOrder(), who)).then(
        () => null,
        (e: unknown) => e,
      );
      // The order is committed before the card is asked; lock it while the card network thinks.
      const order = await eventually('the order to be placed', () => db().order.findFirst({ where: { customerId: who.customerId } }));
      await locker.query('BEGIN');
      await locker.query('SELECT 1 FROM orders WHERE id = $1 FOR UPDATE', [order.id]);
      await terminateLockWaiter(admin);
      const error = await outcome;
      await locker.query('ROLLBACK');

      expect(error).toBeInstanceOf(UnavailableAfterCardAsked);
      expect(error).toMatchObject({ asked: 'charge', orderId: order.id, orderRecorded: true });
      const response = failure(error);
      expect(response.status).toBe(503);
      expect(response.headers.get('Retry-After')).toBe('5');
      const body = (await response.json()) as OutageJson;
      expect(body.error).toMatchObject({ code: 'UNAVAILABLE', service: 'db', orderId: order.id, orderUrl: `/orders/${order.id}` });
      expect(body.error.message).toContain('Your payment is being confirmed');
      expect(body.error.message).toContain('same Idempotency-Key');
      expect(body.error.message).not.toMatch(/nothing was charged/i);
      // The server action says the same, with the link.
      expect(outageResult(error, 'Nothing was charged.')).toMatchObject({
        ok: false,
        code: 'UNAVAILABLE',
        orderId: order.id,
        orderUrl: `/orders/${order.id}`,
        message: body.error.message,
      });

      // It was true: the card was charged once, and the order still waits for its payment.
      const charges = await db().cardNetworkEntry.findMany({ where: { idempotencyKey: `coffee-order-${order.id}` } });
      expect(charges.map((c) => c.outcome)).toEqual(['approved']);
      expect((await db().order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe('payment_pending');

      // The database is back: the retry with the same key finishes the payment, charging nothing more.
      const retried = await placeCoffeeOrder(latteOrder(), who);
      expect(retried).toMatchObject({ ok: true, value: { order: { id: order.id, status: 'paid' } } });
      expect(
        await db().cardNetworkEntry.count({
          where: { OR: [{ idempotencyKey: `coffee-order-${order.id}` }, { chargeKey: `coffee-order-${order.id}` }] },
        }),
      ).toBe(1);
      expect(await db().order.count({ where: { customerId: who.customerId } })).toBe(1);
      // And a further retry replays that answer.
      expect(await placeCoffeeOrder(latteOrder(), who)).toEqual(retried);
    } finally {
      await locker.end();
      await admin.end();
    }
  });
});

describe('PostgreSQL lost after the card was asked for a hold (bookstore)', () => {
  /** A one-book cart whose checkout loses the database after the hold: the error and the hold's order id. */
  async function checkoutLosingTheDatabase(customerId: string, idempotencyKey: string) {
    const locker = await connect();
    const admin = await connect();
    try {
      // The checkout's last transaction claims the cart rows first: lock them.
      await locker.query('BEGIN');
      await locker.query('SELECT 1 FROM cart_items WHERE customer_id = $1 FOR UPDATE', [customerId]);
      const outcome = placeBookOrder(checkoutRequest(), { customerId, idempotencyKey }).then(
        () => null,
        (e: unknown) => e,
      );
      await terminateLockWaiter(admin);
      const error = await outcome;
      await locker.query('ROLLBACK');
      expect(error).toBeInstanceOf(UnavailableAfterCardAsked);
      return { error, orderId: (error as UnavailableAfterCardAsked).orderId! };
    } finally {
      await locker.end();
      await admin.end();
    }
  }

  async function cartWithOneBook() {
    const customerId = randomUUID();
    expect((await addToCart(customerId, { bookId: BOOKS[0]!.id, quantity: 1 })).ok).toBe(true);
    return { customerId, idempotencyKey: randomUUID(), price: BOOKS[0]!.priceCents };
  }

  it('answers 503 "being confirmed" (not "your card was not touched"), and a retry with the same key records the order on the same hold', async () => {
    const { customerId, idempotencyKey, price } = await cartWithOneBook();
    const { error, orderId } = await checkoutLosingTheDatabase(customerId, idempotencyKey);

    expect(error).toMatchObject({ asked: 'hold', orderRecorded: false });
    const response = failure(error);
    expect(response.status).toBe(503);
    expect(response.headers.get('Retry-After')).toBe('5');
    const body = (await response.json()) as OutageJson;
    expect(body.error).toMatchObject({ code: 'UNAVAILABLE', orderId });
    expect(body.error.orderUrl).toBeUndefined(); // nothing recorded to link to
    expect(body.error.message).toContain('being confirmed');
    expect(body.error.message).toContain('same Idempotency-Key');
    expect(body.error.message).not.toMatch(/not touched|nothing was charged/i);

    // It was true: a hold is on the card; the cart is as it was and no order request exists.
    expect((await ledgerOf(orderId)).authorized).toBe(price);
    expect(await db().cartItem.count({ where: { customerId } })).toBe(1);
    expect(await db().orderRequest.count({ where: { customerId } })).toBe(0);

    // The database is back: the retry finds the hold in place for the same cart and records the
    // order request on it — one hold, nothing voided, the cart emptied.
    const retried = await placeBookOrder(checkoutRequest(), { customerId, idempotencyKey });
    expect(retried).toMatchObject({ ok: true, value: { orderRequest: { id: orderId, totalCents: price } } });
    expect(await ledgerOf(orderId)).toMatchObject({ authorized: price, voided: 0 });
    expect(await db().cardNetworkEntry.count({ where: { kind: 'authorization', idempotencyKey: `book-auth-${orderId}` } })).toBe(1);
    expect(await db().cartItem.count({ where: { customerId } })).toBe(0);
    expect(await placeBookOrder(checkoutRequest(), { customerId, idempotencyKey })).toEqual(retried);
  });

  it('if the sweeper settles the abandoned checkout first, the hold is released and the retry is told so', async () => {
    const { customerId, idempotencyKey } = await cartWithOneBook();
    const { orderId } = await checkoutLosingTheDatabase(customerId, idempotencyKey);

    // The relay's sweeper (run here directly, as if time passed) gives the key its final answer.
    expect(await settleAbandonedCheckouts(new Date(Date.now() + 10 * 60_000), 60_000)).toEqual([orderId]);
    const retried = await placeBookOrder(checkoutRequest(), { customerId, idempotencyKey });
    expect(retried).toMatchObject({ ok: false, error: { code: 'CHECKOUT.ABANDONED' } });
    const ledger = await ledgerOf(orderId);
    expect(ledger.voided).toBe(ledger.authorized);
    expect(await db().orderRequest.count({ where: { customerId } })).toBe(0);
    expect(await db().cartItem.count({ where: { customerId } })).toBe(1); // the cart is still theirs
  });
});
