// The HTTP contract of the bookstore, against the running shop (no browser). Each test's
// `request` fixture is a fresh cookie jar, so a fresh anonymous customer with an empty cart.
import { randomUUID } from 'node:crypto';
import { type APIRequestContext, expect, test } from '@playwright/test';
import { ADDRESS, BOOKS, CARDS, closeDatabase, customerOfRequest, orderRequestsOf } from './support/shop';
import { signInAsStaff } from './support/staff';

test.afterAll(closeDatabase);

const expiryYear = new Date().getUTCFullYear() + 2;
const checkoutBody = (card: string = CARDS.approved) => ({
  address: ADDRESS,
  card: { number: card, expMonth: 12, expYear: expiryYear, cvc: '123' },
});

const checkout = (request: APIRequestContext, body: unknown = checkoutBody(), key: string | null = randomUUID()) =>
  request.post('/api/bookstore/orders', {
    headers: key === null ? {} : { 'Idempotency-Key': key },
    data: body as Record<string, unknown>,
  });

const add = (request: APIRequestContext, bookId: string, quantity: number) =>
  request.post('/api/cart/items', { data: { bookId, quantity } });

interface Line {
  id: string;
  status: string;
}

async function linesOf(request: APIRequestContext, orderId: string): Promise<Line[]> {
  const res = await request.get(`/api/orders/${orderId}`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { orderRequest: { lines: Line[] } }).orderRequest.lines;
}

test.describe('the catalogue', () => {
  test('searches by title or author and pages through the results', async ({ request }) => {
    const all = await (await request.get('/api/books')).json();
    expect(all).toMatchObject({ page: 1, total: 30, pages: 3 });
    expect(all.books).toHaveLength(12);
    const byAuthor = await (await request.get('/api/books?query=tolstoy')).json();
    expect(byAuthor.books.map((b: { title: string }) => b.title).sort()).toEqual(['Anna Karenina', 'War and Peace']);
    const last = await (await request.get('/api/books?page=99')).json();
    expect(last).toMatchObject({ page: 3 });
    expect(last.books).toHaveLength(6);
    expect(await (await request.get('/api/books?query=zzzz-nothing')).json()).toMatchObject({ total: 0, books: [] });
  });
});

test.describe('the cart', () => {
  test('adds, changes and removes books, and refuses what it cannot keep', async ({ request }) => {
    expect(await add(request, BOOKS.dune.id, 2).then((r) => r.status())).toBe(200);
    const cart = await (await request.get('/api/cart')).json();
    expect(cart.cart).toMatchObject({ count: 2, totalCents: 2 * BOOKS.dune.priceCents });

    const tooMany = await add(request, BOOKS.dune.id, 4);
    expect(tooMany.status()).toBe(422);
    expect((await tooMany.json()).error.code).toBe('CART.TOO_MANY');
    const unknown = await add(request, randomUUID(), 1);
    expect((await unknown.json()).error.code).toBe('CART.UNKNOWN_BOOK');
    const zero = await add(request, BOOKS.dune.id, 0);
    expect(zero.status()).toBe(422);
    expect((await zero.json()).error.fields.quantity).toMatch(/at least 1/);

    const changed = await request.put(`/api/cart/items/${BOOKS.dune.id}`, { data: { quantity: 5 } });
    expect((await changed.json()).cart.count).toBe(5);
    const six = await request.put(`/api/cart/items/${BOOKS.dune.id}`, { data: { quantity: 6 } });
    expect(six.status()).toBe(422);
    const removed = await request.delete(`/api/cart/items/${BOOKS.dune.id}`);
    expect((await removed.json()).cart).toMatchObject({ count: 0, lines: [] });
    expect((await request.put(`/api/cart/items/${BOOKS.dune.id}`, { data: { quantity: 1 } })).status()).toBe(404);
    const malformed = await request.post('/api/cart/items', {
      headers: { 'content-type': 'application/json' },
      data: Buffer.from('{oops'),
    });
    expect(malformed.status()).toBe(400);
  });
});

test.describe('checking out', () => {
  test('needs an Idempotency-Key, a cart and a valid address', async ({ request }) => {
    expect((await checkout(request, checkoutBody(), null)).status()).toBe(400);
    const empty = await checkout(request);
    expect(empty.status()).toBe(422);
    expect((await empty.json()).error.code).toBe('CART.EMPTY');

    await add(request, BOOKS.frankenstein.id, 1);
    const bad = await checkout(request, { ...checkoutBody(), address: { ...ADDRESS, postcode: '123', country: 'GB' } });
    expect(bad.status()).toBe(422);
    expect((await bad.json()).error.fields['address.postcode']).toMatch(/postcode/);
  });

  test('a declined card records nothing and leaves the cart as it was', async ({ request }) => {
    const customerId = await customerOfRequest(request);
    await add(request, BOOKS.frankenstein.id, 2);
    const declined = await checkout(request, checkoutBody(CARDS.declined));
    expect(declined.status()).toBe(402);
    expect((await declined.json()).error.code).toBe('PAYMENT.DECLINED');
    expect((await (await request.get('/api/cart')).json()).cart.count).toBe(2);
    expect(await orderRequestsOf(customerId)).toBe(0);
  });

  test('answers "order request received" at once; a retry with the key gets the same answer; strangers see nothing', async ({
    request,
    playwright,
    baseURL,
  }) => {
    await add(request, BOOKS.dune.id, 1);
    const key = randomUUID();
    const placed = await checkout(request, checkoutBody(), key);
    expect(placed.status(), await placed.text()).toBe(201);
    const body = await placed.json();
    expect(placed.headers().location).toBe(`/orders/${body.orderRequest.id}`);
    expect(body.orderRequest).toMatchObject({ status: 'open', totalCents: BOOKS.dune.priceCents, cardLast4: '4242' });
    expect((await (await request.get('/api/cart')).json()).cart.count).toBe(0);

    const again = await checkout(request, checkoutBody(), key);
    expect(again.status()).toBe(201);
    expect(await again.json()).toEqual(body);

    const stranger = await playwright.request.newContext({ baseURL });
    expect((await stranger.get(`/api/orders/${body.orderRequest.id}`)).status()).toBe(404);
    const [line] = await linesOf(request, body.orderRequest.id);
    expect((await stranger.post(`/api/orders/${body.orderRequest.id}/lines/${line!.id}/cancel`)).status()).toBe(404);
    await stranger.dispose();

    // A line that got its stock has nothing to decide.
    await expect.poll(async () => (await linesOf(request, body.orderRequest.id))[0]!.status).not.toBe('reserving');
    const refused = await request.post(`/api/orders/${body.orderRequest.id}/lines/${line!.id}/wait`);
    expect(refused.status()).toBe(409);
    expect((await refused.json()).error.code).toBe('LINE.NOT_BACKORDERED');
  });
});

test.describe('restocking', () => {
  test('puts copies on the shelf and refuses nonsense', async ({ request }) => {
    await signInAsStaff(request, 'ops'); // restocking is for ops staff (e2e/security.spec.ts)
    const res = await request.post(`/api/books/${BOOKS.dune.id}/restock`, { data: { quantity: 2 } });
    expect(res.status()).toBe(200);
    const { inventory } = await res.json();
    expect(inventory.available + inventory.reserved + inventory.shipped).toBe(inventory.stocked);
    expect((await request.post(`/api/books/${BOOKS.dune.id}/restock`, { data: { quantity: -1 } })).status()).toBe(422);
    expect((await request.post(`/api/books/${randomUUID()}/restock`, { data: { quantity: 1 } })).status()).toBe(404);
    expect((await request.post('/api/books/not-a-book/restock', { data: { quantity: 1 } })).status()).toBe(404);
  });
});
