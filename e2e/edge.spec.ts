// The HTTP edge against the running shop: whose address a limit counts (a client-written
// X-Forwarded-For hop changes nothing), the limit on new anonymous customers, JSON-only API writes
// from the shop's own origin, the 64 KB body cap on a streamed body, the cart write limit (as the
// API and the page show it) and the cap on live streams per customer (the page then polls).
//
// scripts/e2e-server.ts runs the shop with TRUSTED_PROXY_HOPS=1: these specs play the trusted
// proxy, so the last X-Forwarded-For entry they send is "the client", and anything before it is
// what a client could forge. With no proxy (the default, 0) the socket's own address is used;
// tests/integration/socket-address.test.ts proves that part below Next.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { expect, test } from '@playwright/test';
import { E2E_CART_WRITES_PER_CUSTOMER, E2E_CUSTOMER_MINTS_PER_ADDRESS, E2E_STREAMS_PER_CUSTOMER } from './support/limits';
import { BOOKS, CARDS, closeDatabase } from './support/shop';

test.afterAll(closeDatabase);

const octet = () => Math.floor(Math.random() * 254) + 1;
/** A client address of this test's own (TEST-NET-1), and a forged hop in front of it. */
const ownAddress = () => `192.0.2.${octet()}`;
const forgedHop = () => `${octet()}.${octet()}.${octet()}.${octet()}`;
const customerCookie = (id = randomUUID()) => `cs_customer=${id}`;

interface Answer {
  status: number;
  headers: Headers;
  text: string;
}

/** One request with Node's fetch: no cookie jar, nothing added by a browser. */
async function call(
  baseURL: string,
  route: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  const res = await fetch(new URL(route, baseURL), {
    method: init.method ?? 'GET',
    headers: init.headers,
    body: init.body,
    redirect: 'manual',
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

const codeOf = (answer: Answer) => (JSON.parse(answer.text) as { error?: { code?: string } }).error?.code;
const mintedCustomer = (answer: Answer) => /cs_customer=/.test(answer.headers.get('set-cookie') ?? '');

// --- addresses and new customers -------------------------------------------------------------------

test('new customers are limited per address; a forged X-Forwarded-For hop does not escape it', async ({ baseURL }) => {
  test.setTimeout(120_000);
  const address = ownAddress();
  // Every request comes without a cookie and with a different forged hop before the real one.
  const visit = (route = '/api/ping') => call(baseURL!, route, { headers: { 'x-forwarded-for': `${forgedHop()}, ${address}` } });
  let minted = 0;
  for (let sent = 0; sent < E2E_CUSTOMER_MINTS_PER_ADDRESS; sent += 50) {
    const round = await Promise.all(Array.from({ length: Math.min(50, E2E_CUSTOMER_MINTS_PER_ADDRESS - sent) }, () => visit()));
    minted += round.filter(mintedCustomer).length;
  }
  expect(minted).toBe(E2E_CUSTOMER_MINTS_PER_ADDRESS);

  // Over the limit: reading still works, without a new customer…
  const page = await visit('/books');
  expect(page.status).toBe(200);
  expect(mintedCustomer(page)).toBe(false);
  // …and a write that needs one is refused with the time to wait, before anything is written.
  const write = await call(baseURL!, '/api/cart/items', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': `${forgedHop()}, ${address}` },
    body: JSON.stringify({ bookId: BOOKS.dune.id, quantity: 1 }),
  });
  expect(write.status).toBe(429);
  expect(codeOf(write)).toBe('RATE_LIMITED');
  expect(write.headers.get('retry-after')).toMatch(/^\d+$/);
  expect(JSON.parse(write.text).error.message).toContain('try again');

  // Another address is not held back, and a customer who already has a cookie is never asked.
  expect(mintedCustomer(await call(baseURL!, '/api/ping', { headers: { 'x-forwarded-for': ownAddress() } }))).toBe(true);
  const known = await call(baseURL!, '/api/cart', { headers: { cookie: customerCookie(), 'x-forwarded-for': address } });
  expect(known.status).toBe(200);
});

// --- JSON-only writes from our own origin -----------------------------------------------------------

test('API writes must be JSON from the shop itself: 415 for forms and text, 403 for foreign pages', async ({ baseURL }) => {
  const cookie = customerCookie();
  const origin = new URL(baseURL!).origin;
  const add = (headers: Record<string, string>, body = JSON.stringify({ bookId: BOOKS.dune.id, quantity: 1 })) =>
    call(baseURL!, '/api/cart/items', { method: 'POST', headers: { cookie, ...headers }, body });

  const form = await add({ 'content-type': 'application/x-www-form-urlencoded' }, `bookId=${BOOKS.dune.id}&quantity=1`);
  expect([form.status, codeOf(form)]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
  const text = await add({ 'content-type': 'text/plain;charset=UTF-8' });
  expect([text.status, codeOf(text)]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
  const foreign = await add({ 'content-type': 'application/json', origin: 'https://evil.example' });
  expect([foreign.status, codeOf(foreign)]).toEqual([403, 'FORBIDDEN_ORIGIN']);
  const crossSite = await add({ 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' });
  expect([crossSite.status, codeOf(crossSite)]).toEqual([403, 'CROSS_SITE']);
  const cart = await call(baseURL!, '/api/cart', { headers: { cookie } });
  expect(JSON.parse(cart.text).cart.lines).toEqual([]);

  // Our own page's request (same Origin, same-origin fetch) goes through; so does a script's.
  const own = await add({ 'content-type': 'application/json', origin, 'sec-fetch-site': 'same-origin' });
  expect(own.status).toBe(200);
  const script = await add({ 'content-type': 'application/json; charset=utf-8' });
  expect(script.status).toBe(200);
  expect(JSON.parse(script.text).cart.count).toBe(2);
  // A write without a body names everything in its path and needs no Content-Type.
  const removed = await call(baseURL!, `/api/cart/items/${BOOKS.dune.id}`, { method: 'DELETE', headers: { cookie } });
  expect(removed.status).toBe(200);
  expect(JSON.parse(removed.text).cart.lines).toEqual([]);
});

// --- bounded bodies ---------------------------------------------------------------------------------

/** POSTs a chunked body of up to `totalBytes` (no Content-Length), counting what got sent before the answer. */
function streamBody(baseURL: string, route: string, cookie: string, totalBytes: number) {
  return new Promise<{ status: number; body: string; sentBytes: number; ms: number }>((resolve, reject) => {
    const started = Date.now();
    const url = new URL(route, baseURL);
    let sentBytes = 0;
    let answered = false;
    const req = http.request(url, { method: 'POST', headers: { 'content-type': 'application/json', cookie } }, (res) => {
      answered = true;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, body, sentBytes, ms: Date.now() - started });
      });
    });
    req.on('error', (error) => (answered ? undefined : reject(error)));
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    req.write('{"pad":"');
    const pump = () => {
      while (!answered && sentBytes < totalBytes) {
        sentBytes += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (!answered) req.end('"}');
    };
    pump();
  });
}

test('a streamed 10 MB body without a Content-Length is refused 413, quickly', async ({ baseURL }) => {
  const answer = await streamBody(baseURL!, '/api/cart/items', customerCookie(), 10 * 1024 * 1024);
  expect(answer.status).toBe(413);
  expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'BODY_TOO_LARGE' } });
  expect(answer.ms).toBeLessThan(10_000);
  // Just over the cap is as much refused as far over it (the copy Next makes for proxy.ts is cut
  // at 128 KB, never short of 64 KB).
  const justOver = await streamBody(baseURL!, '/api/cart/items', customerCookie(), 65 * 1024);
  expect(justOver.status).toBe(413);
  // A Content-Length over the cap is refused without reading the body as JSON at all.
  const declared = await call(baseURL!, '/api/cart/items', {
    method: 'POST',
    headers: { cookie: customerCookie(), 'content-type': 'application/json' },
    body: JSON.stringify({ bookId: BOOKS.dune.id, quantity: 1, pad: 'x'.repeat(200 * 1024) }),
  });
  expect([declared.status, codeOf(declared)]).toEqual([413, 'BODY_TOO_LARGE']);
});

// --- the cart write limit ----------------------------------------------------------------------------

test('cart writes are limited per customer: 429 with Retry-After from the API, and the page says so', async ({
  baseURL,
  page,
  context,
}) => {
  const customerId = randomUUID();
  const cookie = customerCookie(customerId);
  const json = { cookie, 'content-type': 'application/json' };
  const added = await call(baseURL!, '/api/cart/items', {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ bookId: BOOKS.dune.id, quantity: 1 }),
  });
  expect(added.status).toBe(200);
  for (let i = 1; i < E2E_CART_WRITES_PER_CUSTOMER; i++) {
    const set = await call(baseURL!, `/api/cart/items/${BOOKS.dune.id}`, {
      method: 'PUT',
      headers: json,
      body: JSON.stringify({ quantity: 1 + (i % 2) }),
    });
    expect(set.status, `write ${i + 1}`).toBe(200);
  }
  const limited = await call(baseURL!, `/api/cart/items/${BOOKS.dune.id}`, {
    method: 'PUT',
    headers: json,
    body: JSON.stringify({ quantity: 3 }),
  });
  expect(limited.status).toBe(429);
  expect(codeOf(limited)).toBe('RATE_LIMITED');
  expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  const cart = JSON.parse((await call(baseURL!, '/api/cart', { headers: { cookie } })).text).cart;
  expect(cart.lines[0].quantity).not.toBe(3); // the refused write was not made

  await context.addCookies([{ name: 'cs_customer', value: customerId, url: baseURL! }]);
  await page.goto(`/books?query=${encodeURIComponent(BOOKS.frankenstein.title)}`);
  await page.getByRole('button', { name: `Add to cart: ${BOOKS.frankenstein.title}` }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Too many changes to the cart' })).toBeVisible();
});

// --- live streams ---------------------------------------------------------------------------------------

/** Opens an order's event stream; resolves with its status once the head (and for a 200, the first bytes) arrived. */
async function openStream(baseURL: string, orderId: string, cookie: string) {
  const controller = new AbortController();
  const res = await fetch(new URL(`/api/orders/${orderId}/stream`, baseURL), {
    headers: { cookie, accept: 'text/event-stream' },
    signal: controller.signal,
  });
  const text = res.status === 200 ? '' : await res.text();
  const reader = res.status === 200 ? res.body!.getReader() : null;
  const decoder = new TextDecoder();
  let seen = reader ? decoder.decode((await reader.read()).value) : '';
  return {
    status: res.status,
    text,
    /** Reads until `pattern` shows up in the stream. */
    async until(pattern: RegExp): Promise<string> {
      while (reader && !pattern.test(seen)) {
        const { value, done } = await reader.read();
        if (done) break;
        seen += decoder.decode(value);
      }
      return seen;
    },
    close: () => controller.abort(),
  };
}

test('a customer holds at most N live streams; the rest get 429 and the order page polls instead', async ({ baseURL, page, context }) => {
  const customerId = randomUUID();
  const cookie = customerCookie(customerId);
  const placed = await call(baseURL!, '/api/coffee/orders', {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json', 'idempotency-key': randomUUID(), 'x-forwarded-for': ownAddress() },
    body: JSON.stringify({
      customerName: 'Sam',
      items: [{ itemId: 'latte', size: 'M', milk: 'oat', quantity: 1 }],
      card: { number: CARDS.approved, expMonth: 12, expYear: new Date().getFullYear() + 2, cvc: '123' },
    }),
  });
  expect(placed.status).toBe(201);
  const orderId = (JSON.parse(placed.text) as { order: { id: string } }).order.id;

  const streams = [];
  for (let i = 0; i < E2E_STREAMS_PER_CUSTOMER; i++) streams.push(await openStream(baseURL!, orderId, cookie));
  expect(streams.map((s) => s.status)).toEqual(Array(E2E_STREAMS_PER_CUSTOMER).fill(200));
  const over = await openStream(baseURL!, orderId, cookie);
  expect(over.status).toBe(429);
  expect(JSON.parse(over.text)).toMatchObject({ error: { code: 'STREAM.TOO_MANY' } });

  // Every open stream hears the order change (from one shared view load per change).
  const changes = await Promise.all(streams.map((s) => s.until(/event: order\ndata: \{[^\n]*"committedAt":\d+/)));
  for (const seen of changes) expect(seen).toMatch(/"committedAt":\d+/);

  // The order page, opened now, cannot get a stream and says it is polling.
  await context.addCookies([{ name: 'cs_customer', value: customerId, url: baseURL! }]);
  await page.goto(`/orders/${orderId}`);
  await expect(page.getByTestId('live-indicator')).toHaveText('Polling', { timeout: 20_000 });

  // A closed stream gives its slot back (the page is closed first: it would retry and take it).
  await page.close();
  streams.pop()!.close();
  await expect
    .poll(async () => {
      const again = await openStream(baseURL!, orderId, cookie);
      again.close();
      return again.status;
    })
    .toBe(200);
  for (const s of streams) s.close();
});
