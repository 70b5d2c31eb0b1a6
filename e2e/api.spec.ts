// The HTTP contract of the coffee counter, against the running shop (no browser).
//
// Each test's `request` fixture is a fresh cookie jar, so a fresh anonymous customer: the
// `cs_customer` cookie set by proxy.ts. "Nothing written" is proved by counting that customer's
// rows in the e2e database, which scripts/e2e-server.ts recreates for every run.
import { randomUUID } from 'node:crypto';
import { type APIRequestContext, type APIResponse, expect, test } from '@playwright/test';
import { CARDS, DRINK_READY_TIMEOUT_MS, closeDatabase, customerOfRequest, rowsOf } from './support/shop';

test.afterAll(closeDatabase);

// --- the orders -------------------------------------------------------------------------------

const expiryYear = new Date().getUTCFullYear() + 2;

function orderBody(overrides: { card?: string; customerName?: string; items?: unknown[] } = {}) {
  return {
    customerName: overrides.customerName ?? 'Sam',
    items: overrides.items ?? [{ itemId: 'latte', size: 'M', milk: 'oat', quantity: 1 }],
    card: { number: overrides.card ?? CARDS.approved, expMonth: 12, expYear: expiryYear, cvc: '123' },
  };
}

function placeOrder(request: APIRequestContext, body: unknown, key: string | null = randomUUID()): Promise<APIResponse> {
  return request.post('/api/coffee/orders', {
    headers: key === null ? {} : { 'Idempotency-Key': key },
    data: body as Record<string, unknown>,
  });
}

interface ErrorAnswer {
  error: { code: string; message: string; fields?: Record<string, string> };
}

async function baristaStatus(request: APIRequestContext, orderId: string): Promise<string | null> {
  const res = await request.get(`/api/orders/${orderId}`);
  expect(res.status()).toBe(200);
  const { order } = (await res.json()) as { order: { barista: { status: string } | null } };
  return order.barista?.status ?? null;
}

/** Opens the order's event stream with Node's fetch and returns the status, headers and first `order` event. */
async function firstStreamEvent(baseURL: string | undefined, orderId: string, cookie: string) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 10_000);
  try {
    const res = await fetch(new URL(`/api/orders/${orderId}/stream`, baseURL), {
      headers: { cookie: `cs_customer=${cookie}`, accept: 'text/event-stream' },
      signal: controller.signal,
    });
    if (res.status !== 200 || !res.body) return { status: res.status, headers: res.headers, text: '', order: null };
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let text = '';
    // Read until one whole `order` event has arrived; the first comment comes before it.
    while (!/event: order\ndata: .*\n\n/.test(text)) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    const data = /event: order\ndata: (.*)\n\n/.exec(text)?.[1];
    return {
      status: res.status,
      headers: res.headers,
      text,
      order: data ? (JSON.parse(data) as { order: { id: string; status: string } }).order : null,
    };
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

// --- the tests --------------------------------------------------------------------------------

test('GET /api/health answers 200 with the database and Redis up', async ({ request }) => {
  const res = await request.get('/api/health');
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({ db: 'ok', redis: 'ok' });
});

test('GET /api/coffee/menu lists the eight seeded drinks with their sizes and milks', async ({ request }) => {
  const res = await request.get('/api/coffee/menu');
  expect(res.status()).toBe(200);
  const { items } = (await res.json()) as {
    items: { id: string; name: string; priceCents: number; sizes: { id: string }[]; milks: { id: string }[] }[];
  };
  expect(items.map((i) => i.id)).toEqual(['espresso', 'americano', 'latte', 'cappuccino', 'flat-white', 'mocha', 'tea', 'hot-chocolate']);
  const takesMilk = new Set(['latte', 'cappuccino', 'flat-white', 'mocha', 'hot-chocolate']);
  for (const item of items) {
    expect(item.name, item.id).not.toBe('');
    expect(item.priceCents, item.id).toBeGreaterThan(0);
    expect(
      item.sizes.map((s) => s.id),
      item.id,
    ).toEqual(['S', 'M', 'L']);
    expect(
      item.milks.map((m) => m.id),
      item.id,
    ).toEqual(takesMilk.has(item.id) ? ['whole', 'oat', 'soy'] : []);
  }
});

test('POST /api/coffee/orders with a good card answers 201, a Location and a paid order', async ({ request }) => {
  const customer = await customerOfRequest(request);
  const res = await placeOrder(request, orderBody());
  expect(res.status()).toBe(201);
  const { order } = (await res.json()) as {
    order: { id: string; status: string; totalCents: number; cardLast4: string; customerName: string };
  };
  expect(order).toMatchObject({ status: 'paid', customerName: 'Sam', cardLast4: '4242', totalCents: 420 + 60 });
  expect(res.headers()['location']).toBe(`/orders/${order.id}`);
  expect(await rowsOf(customer)).toEqual({ orders: 1, keys: 1 });
});

const BARISTA_DROPS_IT = 'the barista drops the drink of a cancelled order';

test('a declined card answers 402 PAYMENT.DECLINED, cancels the order, and the barista drops the drink', async ({ request }) => {
  const res = await placeOrder(request, orderBody({ card: CARDS.declined }));
  expect(res.status()).toBe(402);
  const body = (await res.json()) as ErrorAnswer & { order: { id: string; status: string } };
  expect(body.error.code).toBe('PAYMENT.DECLINED');
  expect(body.error.message).toMatch(/declined/i);
  expect(body.order.status).toBe('cancelled');
  // The barista hears of it eventually: discarded if not started yet, tossed if already made.
  await expect
    .poll(() => baristaStatus(request, body.order.id), { timeout: DRINK_READY_TIMEOUT_MS, message: BARISTA_DROPS_IT })
    .toMatch(/^(discarded|tossed)$/);
});

test('every declined order is dropped by the barista, also when many arrive at once', async ({ request }) => {
  await customerOfRequest(request); // one cookie first, or each concurrent request would mint its own customer
  const answers = await Promise.all(
    Array.from({ length: 8 }, async () => {
      const res = await placeOrder(request, orderBody({ card: CARDS.declined }));
      expect(res.status()).toBe(402);
      return ((await res.json()) as { order: { id: string } }).order.id;
    }),
  );
  for (const orderId of answers) {
    await expect
      .poll(() => baristaStatus(request, orderId), { timeout: DRINK_READY_TIMEOUT_MS, message: `${BARISTA_DROPS_IT}: ${orderId}` })
      .toMatch(/^(discarded|tossed)$/);
  }
});

test('a card with insufficient funds answers 402 saying so', async ({ request }) => {
  const res = await placeOrder(request, orderBody({ card: CARDS.insufficientFunds }));
  expect(res.status()).toBe(402);
  const body = (await res.json()) as ErrorAnswer & { order: { status: string } };
  expect(body.error.code).toBe('PAYMENT.DECLINED');
  expect(body.error.message).toMatch(/insufficient funds/i);
  expect(body.order.status).toBe('cancelled');
});

test('an order without an Idempotency-Key is refused with 400 and writes nothing', async ({ request }) => {
  const customer = await customerOfRequest(request);
  const res = await placeOrder(request, orderBody(), null);
  expect(res.status()).toBe(400);
  const body = (await res.json()) as ErrorAnswer;
  expect(body.error.code).toBe('IDEMPOTENCY.KEY_REQUIRED');
  expect(Object.keys(body.error.fields ?? {})).toContain('Idempotency-Key');
  expect(await rowsOf(customer)).toEqual({ orders: 0, keys: 0 });
});

test('the same key with the same body gets the identical answer and one order', async ({ request }) => {
  const customer = await customerOfRequest(request);
  const key = randomUUID();
  const first = await placeOrder(request, orderBody(), key);
  const second = await placeOrder(request, orderBody(), key);
  expect(first.status()).toBe(201);
  expect(second.status()).toBe(first.status());
  // Byte for byte: the stored answer is the JSON text first sent, not a re-serialisation.
  expect(await second.text()).toBe(await first.text());
  expect(second.headers()['location']).toBe(first.headers()['location']);
  expect(await rowsOf(customer)).toEqual({ orders: 1, keys: 1 });
});

test('the same key with a different body is refused with 409 IDEMPOTENCY.MISMATCH', async ({ request }) => {
  const customer = await customerOfRequest(request);
  const key = randomUUID();
  expect((await placeOrder(request, orderBody(), key)).status()).toBe(201);
  const res = await placeOrder(request, orderBody({ customerName: 'Alex' }), key);
  expect(res.status()).toBe(409);
  expect(((await res.json()) as ErrorAnswer).error.code).toBe('IDEMPOTENCY.MISMATCH');
  expect(await rowsOf(customer)).toEqual({ orders: 1, keys: 1 });
});

test('ten concurrent requests with one key get ten identical answers and make one order', async ({ request }) => {
  const customer = await customerOfRequest(request);
  const key = randomUUID();
  const answers = await Promise.all(
    Array.from({ length: 10 }, async () => {
      const res = await placeOrder(request, orderBody(), key);
      return { status: res.status(), text: await res.text(), location: res.headers()['location'] };
    }),
  );
  expect(answers[0]!.status).toBe(201);
  for (const answer of answers) expect(answer).toEqual(answers[0]);
  expect((JSON.parse(answers[0]!.text) as { order: { id: string } }).order.id).toBeTruthy();
  expect(await rowsOf(customer)).toEqual({ orders: 1, keys: 1 });
});

// Bad input: refused before anything is written, with the offending field named.
const valid = orderBody();
const line = valid.items[0] as Record<string, unknown>;
const badInputs: { name: string; body: unknown; raw?: string; status: number; field: string; code?: string }[] = [
  { name: 'no items', body: { ...valid, items: [] }, status: 422, field: 'items' },
  { name: 'quantity 0', body: { ...valid, items: [{ ...line, quantity: 0 }] }, status: 422, field: 'items.0.quantity' },
  { name: 'quantity -1', body: { ...valid, items: [{ ...line, quantity: -1 }] }, status: 422, field: 'items.0.quantity' },
  { name: 'quantity 1000', body: { ...valid, items: [{ ...line, quantity: 1000 }] }, status: 422, field: 'items.0.quantity' },
  { name: 'quantity 1.5', body: { ...valid, items: [{ ...line, quantity: 1.5 }] }, status: 422, field: 'items.0.quantity' },
  { name: 'an unknown itemId', body: { ...valid, items: [{ ...line, itemId: 'unicorn-frappe' }] }, status: 422, field: 'items.0.itemId' },
  { name: 'a name of 41 characters', body: { ...valid, customerName: 'S'.repeat(41) }, status: 422, field: 'customerName' },
  { name: 'a blank name', body: { ...valid, customerName: '   ' }, status: 422, field: 'customerName' },
  {
    name: 'milk on an espresso',
    body: { ...valid, items: [{ itemId: 'espresso', size: 'S', milk: 'oat', quantity: 1 }] },
    status: 422,
    field: 'items.0.milk',
  },
  { name: 'an unknown size', body: { ...valid, items: [{ ...line, size: 'XL' }] }, status: 422, field: 'items.0.size' },
  { name: 'malformed JSON', body: null, raw: '{"customerName": "Sam", "items": [', status: 400, field: 'body', code: 'MALFORMED_JSON' },
  { name: 'a quantity given as a string', body: { ...valid, items: [{ ...line, quantity: '2' }] }, status: 422, field: 'items.0.quantity' },
  { name: 'a name given as a number', body: { ...valid, customerName: 42 }, status: 422, field: 'customerName' },
  { name: 'items given as a string', body: { ...valid, items: 'latte' }, status: 422, field: 'items' },
  { name: 'a card given as a string', body: { ...valid, card: '4242424242424242' }, status: 422, field: 'card' },
  { name: 'a JSON array instead of an object', body: [valid], status: 422, field: 'body' },
  {
    name: 'a body over 64 KB',
    body: { ...valid, note: 'x'.repeat(70 * 1024) },
    status: 413,
    field: 'body',
    code: 'BODY_TOO_LARGE',
  },
  {
    name: 'a card number failing the Luhn check',
    body: { ...valid, card: { ...valid.card, number: CARDS.failsLuhn } },
    status: 422,
    field: 'card.number',
  },
  { name: 'an expired card', body: { ...valid, card: { ...valid.card, expMonth: 1, expYear: 2020 } }, status: 422, field: 'card.expYear' },
  { name: 'a two-digit CVC', body: { ...valid, card: { ...valid.card, cvc: '12' } }, status: 422, field: 'card.cvc' },
];

for (const bad of badInputs) {
  test(`bad input is refused with the field named and nothing written: ${bad.name}`, async ({ request }) => {
    const customer = await customerOfRequest(request);
    const res = bad.raw
      ? await request.post('/api/coffee/orders', {
          headers: { 'Idempotency-Key': randomUUID(), 'Content-Type': 'application/json' },
          // A Buffer goes out byte for byte (a string that is not JSON would be JSON-encoded).
          data: Buffer.from(bad.raw),
        })
      : await placeOrder(request, bad.body);
    expect(res.status()).toBe(bad.status);
    const body = (await res.json()) as ErrorAnswer;
    expect(body.error.code).toBe(bad.code ?? 'VALIDATION');
    expect(Object.keys(body.error.fields ?? {})).toContain(bad.field);
    expect(await rowsOf(customer)).toEqual({ orders: 0, keys: 0 });
  });
}

test('another customer gets 404 for the order, its stream and its page', async ({ request, playwright, baseURL }) => {
  const owner = await customerOfRequest(request);
  const res = await placeOrder(request, orderBody());
  expect(res.status()).toBe(201);
  const { order } = (await res.json()) as { order: { id: string } };
  // The owner can see it…
  expect((await request.get(`/api/orders/${order.id}`)).status()).toBe(200);
  expect((await firstStreamEvent(baseURL, order.id, owner)).status).toBe(200);

  // …a stranger (a new cookie jar, so a new customer id) cannot, not even that it exists.
  const stranger = await playwright.request.newContext({ baseURL });
  try {
    const strangerId = await customerOfRequest(stranger);
    expect(strangerId).not.toBe(owner);
    const api = await stranger.get(`/api/orders/${order.id}`);
    expect(api.status()).toBe(404);
    expect(((await api.json()) as ErrorAnswer).error.code).toBe('NOT_FOUND');
    expect((await firstStreamEvent(baseURL, order.id, strangerId)).status).toBe(404);
    expect((await stranger.get(`/orders/${order.id}`)).status()).toBe(404);
  } finally {
    await stranger.dispose();
  }
});

test('a paid order eventually reaches barista status "ready"', async ({ request }) => {
  const res = await placeOrder(request, orderBody());
  expect(res.status()).toBe(201);
  const { order } = (await res.json()) as { order: { id: string } };
  await expect.poll(() => baristaStatus(request, order.id), { timeout: DRINK_READY_TIMEOUT_MS }).toBe('ready');
});

test('GET /api/orders/{id}/stream answers text/event-stream and sends the order at once', async ({ request, baseURL }) => {
  const customer = await customerOfRequest(request);
  const res = await placeOrder(request, orderBody());
  expect(res.status()).toBe(201);
  const { order } = (await res.json()) as { order: { id: string } };

  const stream = await firstStreamEvent(baseURL, order.id, customer);
  expect(stream.status).toBe(200);
  expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
  expect(stream.headers.get('cache-control')).toMatch(/no-cache/);
  expect(stream.text.startsWith(':')).toBe(true); // the first comment, sent before any data
  expect(stream.order).toMatchObject({ id: order.id, status: 'paid' });
});
