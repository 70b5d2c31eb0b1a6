// One cart, one order: the checkout claims the cart rows inside the transaction that records the
// order request, so two checkouts of the same cart at once (two tabs, two Idempotency-Keys) make
// one order; the other is told so and its hold is released at once — no orphan hold.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addToCart, setCartQuantity } from '../../lib/commands/cart';
import { type BookOrderAnswer, placeBookOrder } from '../../lib/commands/place-book-order';
import { db } from '../../lib/db/client';
import { BOOKS, checkoutRequest, ledgerOf } from '../support/bookstore';
import { CARDS, type Shop, eventually, openShop } from '../support/shop';

let shop: Shop;

beforeAll(async () => {
  // The card network takes a moment, so both checkouts read the cart before either records.
  shop = await openShop('cart_claim', { CARD_LATENCY_MS: '300' });
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

    const won = answers.filter((a): a is Extract<BookOrderAnswer, { status: 201 }> => a.status === 201);
    const lost = answers.filter((a) => a.status !== 201);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const winnerId = won[0]!.body.orderRequest.id;
    expect(lost[0]).toEqual({
      status: 409,
      body: {
        error: {
          code: 'CART.ALREADY_CHECKED_OUT',
          message: expect.stringContaining('just checked out in another tab'),
          orderId: winnerId,
          orderUrl: `/orders/${winnerId}`,
        },
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

    expect(answer).toMatchObject({ status: 409, body: { error: { code: 'CART.CHANGED' } } });
    expect(await db().orderRequest.count({ where: { customerId } })).toBe(0);
    expect(await db().cartItem.findMany({ where: { customerId }, orderBy: { bookId: 'asc' }, select: { bookId: true, quantity: true } })).toEqual([
      { bookId: BOOKS[0]!.id, quantity: 2 },
      { bookId: BOOKS[1]!.id, quantity: 3 },
    ]);
    const key = await db().idempotencyRecord.findFirstOrThrow({ where: { customerId } });
    expect(await ledgerOf(key.orderId!)).toMatchObject({ authorized: total, voided: total });
  });
});

describe('a declined card still changes nothing', () => {
  it('leaves the cart as it was and holds nothing', async () => {
    const customerId = randomUUID();
    await fillCart(customerId);
    const answer = await placeBookOrder(checkoutRequest(CARDS.declined), { customerId, idempotencyKey: randomUUID() });
    expect(answer).toMatchObject({ status: 402, body: { error: { code: 'PAYMENT.DECLINED' } } });
    expect(await db().cartItem.count({ where: { customerId } })).toBe(2);
    expect(await db().orderRequest.count({ where: { customerId } })).toBe(0);
  });
});
