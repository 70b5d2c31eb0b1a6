// One cart, one order: the checkout claims the cart rows inside the transaction that records the
// order request, so two checkouts of the same cart at once (two tabs, two Idempotency-Keys) make
// one order; the other is told so and its hold is released at once — no orphan hold.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addToCart, setCartQuantity } from '../../lib/commands/cart';
import { placeBookOrder } from '../../lib/commands/place-book-order';
import { db } from '../../lib/db/client';
import { BOOKS, checkoutRequest, ledgerOf } from '../support/bookstore';
import { CARDS, type Shop, eventually, openShop } from '../support/shop';

let shop: Shop;

beforeAll(async () => {
  // The card network takes a moment, so both checkouts read the cart before either records.
  shop = await openShop('cart_claim', { CARD_LATENCY_MS: '300', IDEMPOTENCY_REPLAY_WAIT_MS: '3000' });
});

afterAll(async () => {
  await shop?.close();
});

async function fillCart(customerId: string) {
  const lines = [
    { bookId: BOOKS[0]!.id, quantity: 2 },
    { bookId: BOOKS[1]!.id, quantity: 1 },
  ];
  for (const line of lines) expect((await addToCart(customerId, line)).ok).toBe(true);
  return lines.reduce((sum, l) => sum + l.quantity * BOOKS.find((b) => b.id === l.bookId)!.priceCents, 0);
}

const authorizationKeyOf = (orderId: string) => `book-auth-${orderId}`;

describe('two checkouts of one cart at once', () => {
  it.each([1, 2, 3])('make exactly one order; the other answers 409 and its hold is voided (round %i)', async () => {
    const customerId = randomUUID();
    const total = await fillCart(customerId);
    const keys = [randomUUID(), randomUUID()];
    const answers = await Promise.all(keys.map((idempotencyKey) => placeBookOrder(checkoutRequest(), { customerId, idempotencyKey })));

    const won = answers.filter((a) => a.ok);
    const lost = answers.filter((a) => !a.ok);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const winnerId = won[0]!.value.orderRequest.id;
    // The refusal names the order that got the cart (lib/http adds the link to its page).
    expect(lost[0]).toEqual({
      ok: false,
      error: {
        code: 'CART.ALREADY_CHECKED_OUT',
        message: expect.stringContaining('just checked out in another tab'),
        orderId: winnerId,
      },
    });

    // One order request, for the whole cart, which is now empty.
    const requests = await db().orderRequest.findMany({ where: { customerId } });
    expect(requests.map((r) => [r.id, r.totalCents])).toEqual([[winnerId, total]]);
    expect(await db().cartItem.count({ where: { customerId } })).toBe(0);

    // Two holds were made (both checkouts reached the card network), and the loser's is voided in full.
    expect(await ledgerOf(winnerId)).toMatchObject({ authorized: total, voided: 0 });
    const loserKey = await db().idempotencyRecord.findFirstOrThrow({ where: { customerId, orderId: { not: winnerId } } });
    const loserLedger = await ledgerOf(loserKey.orderId!);
    expect(loserLedger).toMatchObject({ authorized: total, voided: total, captured: 0 });
    expect(loserLedger.entries).toContain(`authorization:${authorizationKeyOf(loserKey.orderId!)}`);

    // Each key keeps its answer: a retry of the loser's is told the same, not charged again.
    const loserIndex = answers.indexOf(lost[0]!);
    expect(await placeBookOrder(checkoutRequest(), { customerId, idempotencyKey: keys[loserIndex]! })).toEqual(lost[0]);
    expect((await ledgerOf(loserKey.orderId!)).authorized).toBe(total);
  });
});

describe('a cart changed while its checkout waits for the card', () => {
  it('orders nothing, releases the hold and says CART.CHANGED; the edited cart stays', async () => {
    const customerId = randomUUID();
    const total = await fillCart(customerId);
    const idempotencyKey = randomUUID();
    const checkout = placeBookOrder(checkoutRequest(), { customerId, idempotencyKey });
    // While the hold is being made, the customer changes a quantity in another tab.
    await eventually('the checkout to claim its key', () => db().idempotencyRecord.findFirst({ where: { customerId } }));
    expect((await setCartQuantity(customerId, { bookId: BOOKS[1]!.id, quantity: 3 })).ok).toBe(true);
    const answer = await checkout;

    expect(answer).toMatchObject({ ok: false, error: { code: 'CART.CHANGED' } });
    expect(await db().orderRequest.count({ where: { customerId } })).toBe(0);
    expect(
      await db().cartItem.findMany({ where: { customerId }, orderBy: { bookId: 'asc' }, select: { bookId: true, quantity: true } }),
    ).toEqual([
      { bookId: BOOKS[0]!.id, quantity: 2 },
      { bookId: BOOKS[1]!.id, quantity: 3 },
    ]);
    const key = await db().idempotencyRecord.findFirstOrThrow({ where: { customerId } });
    expect(await ledgerOf(key.orderId!)).toMatchObject({ authorized: total, voided: total });
  });
});

describe('a stalled checkout and a retry of it with the same key', () => {
  it('record one order request on the one hold; neither mistakes the other for a rival tab and voids it', async () => {
    const customerId = randomUUID();
    const total = await fillCart(customerId);
    const idempotencyKey = randomUUID();
    const { config } = await import('../../lib/config');
    const locker = new pg.Client({ connectionString: config().DATABASE_URL });
    const admin = new pg.Client({ connectionString: config().DATABASE_URL });
    await Promise.all([locker.connect(), admin.connect()]);
    const lockWaiters = async () =>
      Number(
        (
          await admin.query<{ n: string }>(
            `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
          )
        ).rows[0]!.n,
      );
    try {
      // The first attempt stalls on its cart claim (a slow database, say) ...
      await locker.query('BEGIN');
      await locker.query('SELECT 1 FROM cart_items WHERE customer_id = $1 FOR UPDATE', [customerId]);
      const first = placeBookOrder(checkoutRequest(), { customerId, idempotencyKey });
      await eventually('the first attempt to wait on the cart', async () => (await lockWaiters()) >= 1);
      // ... long enough for the customer's retry to give up waiting for it and resume it.
      const retry = placeBookOrder(checkoutRequest(), { customerId, idempotencyKey });
      await eventually('the retry to resume and wait on the cart too', async () => (await lockWaiters()) >= 2, 30_000);
      await locker.query('ROLLBACK');
      const answers = await Promise.all([first, retry]);

      expect(answers.map((a) => a.ok)).toEqual([true, true]);
      expect(answers[0]).toEqual(answers[1]);
      const orderId = answers[0]!.ok ? answers[0]!.value.orderRequest.id : '';
      expect(await db().orderRequest.count({ where: { customerId } })).toBe(1);
      expect(await ledgerOf(orderId)).toMatchObject({ authorized: total, voided: 0, captured: 0 });
      expect(await db().cartItem.count({ where: { customerId } })).toBe(0);
    } finally {
      await locker.end();
      await admin.end();
    }
  });
});

describe('a declined card still changes nothing', () => {
  it('leaves the cart as it was and holds nothing', async () => {
    const customerId = randomUUID();
    await fillCart(customerId);
    const answer = await placeBookOrder(checkoutRequest(CARDS.declined), { customerId, idempotencyKey: randomUUID() });
    expect(answer).toMatchObject({ ok: false, error: { code: 'PAYMENT.DECLINED' } });
    expect(await db().cartItem.count({ where: { customerId } })).toBe(2);
    expect(await db().orderRequest.count({ where: { customerId } })).toBe(0);
  });
});
