// Carts expire after CART_TTL_HOURS without a write, against a real PostgreSQL: reads leave an
// idle cart out at once, the next write starts from an empty cart (the old lines do not come back
// to life), the relay's prune deletes idle rows only, and any write keeps the whole cart fresh.
// Cart writes are rate-limited per customer and per address (real Redis).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addToCart, pruneExpiredCarts, removeFromCart, setCartQuantity } from '../../lib/commands/cart';
import { placeBookOrder } from '../../lib/commands/place-book-order';
import { db } from '../../lib/db/client';
import { checkCartWriteRate } from '../../lib/http/rate-limit';
import { getCart } from '../../lib/queries/cart';
import { bookTitled, checkoutRequest } from '../support/bookstore';
import { type Shop, openShop } from '../support/shop';

let shop: Shop;

beforeAll(async () => {
  shop = await openShop('cart_expiry', {
    CART_TTL_HOURS: '72',
    CART_WRITES_PER_CUSTOMER: '3',
    CART_WRITES_PER_ADDRESS: '5',
    CART_WRITE_WINDOW_S: '30',
  });
});

afterAll(async () => {
  await shop?.close();
});

const HOUR = 3_600_000;
const at = (hours: number) => new Date(Date.UTC(2026, 11, 1) + hours * HOUR);
const rowsOf = (customerId: string) => db().cartItem.findMany({ where: { customerId }, orderBy: { addedAt: 'asc' } });

describe('cart expiry', () => {
  it('an idle cart is empty to reads after the TTL, and a write then starts from nothing', async () => {
    const customerId = randomUUID();
    const dune = bookTitled('Dune');
    const gatsby = bookTitled('The Great Gatsby');
    await addToCart(customerId, { bookId: dune.id, quantity: 2 }, at(0));
    expect((await getCart(customerId, at(71))).count).toBe(2);
    expect((await getCart(customerId, at(73))).lines).toEqual([]);

    const after = await addToCart(customerId, { bookId: gatsby.id, quantity: 1 }, at(73));
    expect(after.ok && after.value.lines.map((l) => l.bookId)).toEqual([gatsby.id]);
    expect((await rowsOf(customerId)).map((r) => r.bookId)).toEqual([gatsby.id]);
  });

  it('any write keeps the whole cart fresh, lines added long ago included', async () => {
    const customerId = randomUUID();
    const dune = bookTitled('Dune');
    const gatsby = bookTitled('The Great Gatsby');
    await addToCart(customerId, { bookId: dune.id, quantity: 1 }, at(0));
    await addToCart(customerId, { bookId: gatsby.id, quantity: 1 }, at(50));
    await setCartQuantity(customerId, { bookId: gatsby.id, quantity: 2 }, at(100));
    expect((await getCart(customerId, at(160))).count).toBe(3);
    await removeFromCart(customerId, gatsby.id, at(170));
    expect((await getCart(customerId, at(241))).lines.map((l) => l.bookId)).toEqual([dune.id]);
    // Changing a line of an expired cart finds nothing to change.
    const late = await setCartQuantity(customerId, { bookId: dune.id, quantity: 3 }, at(300));
    expect(late).toMatchObject({ ok: false, error: { code: 'CART.NOT_IN_CART' } });
  });

  it('checkout finds an expired cart empty, as the cart page does', async () => {
    const customerId = randomUUID();
    await addToCart(customerId, { bookId: bookTitled('Dune').id, quantity: 1 }, new Date(Date.now() - 73 * HOUR));
    const answer = await placeBookOrder(checkoutRequest(), { customerId, idempotencyKey: randomUUID() });
    expect(answer).toMatchObject({ ok: false, error: { code: 'CART.EMPTY' } });
    expect(await db().orderRequest.count({ where: { customerId } })).toBe(0);
  });

  it("the relay's prune deletes idle carts' rows and nothing else", async () => {
    const idle = randomUUID();
    const fresh = randomUUID();
    const dune = bookTitled('Dune');
    await addToCart(idle, { bookId: dune.id, quantity: 1 }, at(1_000));
    await addToCart(fresh, { bookId: dune.id, quantity: 1 }, at(1_070));
    expect(await pruneExpiredCarts(at(1_073))).toBeGreaterThanOrEqual(1);
    expect(await rowsOf(idle)).toEqual([]);
    expect(await rowsOf(fresh)).toHaveLength(1);
  });
});

describe('the cart write limit', () => {
  it('holds back one customer, and one address that keeps changing customers', async () => {
    const customerId = randomUUID();
    const address = `203.0.113.${Math.floor(Math.random() * 250)}`;
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await checkCartWriteRate({ customerId, address }));
    expect(answers.slice(0, 3).every((a) => a.ok)).toBe(true);
    expect(answers[3]).toMatchObject({ ok: false, scope: 'customer' });

    const crowd = `198.51.100.${Math.floor(Math.random() * 250)}`;
    const fromCrowd = [];
    for (let i = 0; i < 6; i++) fromCrowd.push(await checkCartWriteRate({ customerId: randomUUID(), address: crowd }));
    expect(fromCrowd.slice(0, 5).every((a) => a.ok)).toBe(true);
    expect(fromCrowd[5]).toMatchObject({ ok: false, scope: 'address' });
    expect(fromCrowd[5]!.ok === false && fromCrowd[5]!.retryAfterS).toBeLessThanOrEqual(30);
  });
});
