// Who may do what, against the running shop: staff-only pages, API routes and server actions turn
// away customers and strangers (and baristas from ops), staff sign-in, customers' orders stay
// theirs, cross-origin server actions, body limits, the order rate limit and the security headers.
//
// Staff-only routes, pages and actions are listed from the build's own manifests, so one added
// later by anyone is checked here without touching this file. Each is also called with the header
// that makes proxy.ts step aside (`next-action`), to prove it checks the caller itself.
//
// Answers (see lib/auth/staff.ts): not signed in as staff → 401 STAFF.SIGN_IN_REQUIRED (API) or
// a redirect to /staff/login?next=… (pages); signed in with too small a role → 403 STAFF.FORBIDDEN.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type Page, expect, test } from '@playwright/test';
import { BOOKS, CARDS, closeDatabase, ordersOf, orderRequestsOf } from './support/shop';
import { E2E_ORDERS_PER_ADDRESS, E2E_ORDERS_PER_CUSTOMER } from './support/limits';
import { BARISTA, OPS, signInAsStaff } from './support/staff';

test.afterAll(closeDatabase);

// --- the build's own lists ---------------------------------------------------------------------

const DIST = process.env.NEXT_DIST_DIR ?? '.next';
const manifest = <T>(file: string): T => JSON.parse(readFileSync(path.join(DIST, file), 'utf8')) as T;

/** The staff-only part of the shop, as the issue defines it. */
const STAFF_PATH = /^\/(barista|ops|api\/barista|api\/ops)(\/|$)|^\/api\/books\/[^/]+\/restock$/;
const OPS_PATH = /^\/(ops|api\/ops)(\/|$)|^\/api\/books\/[^/]+\/restock$/;

/** `/api/orders/[id]/stream` → `/api/orders/<uuid>/stream`; catch-alls get one segment. */
const concrete = (route: string) =>
  route
    .replace(/\/\[\[\.\.\.[^\]]+\]\]/g, '')
    .replace(/\[\.\.\.[^\]]+\]/g, 'x')
    .replace(/\[[^\]]+\]/g, randomUUID());

const routes = Object.entries(manifest<Record<string, string>>('app-path-routes-manifest.json'));
const staffRoutes = routes.filter(([entry, route]) => entry.endsWith('/route') && STAFF_PATH.test(route)).map(([, route]) => route);
const staffPages = routes.filter(([entry, route]) => entry.endsWith('/page') && STAFF_PATH.test(route)).map(([, route]) => route);

type ActionEntry = { workers: Record<string, unknown>; filename: string; exportedName: string };
const actions = Object.entries(manifest<{ node: Record<string, ActionEntry> }>('server/server-reference-manifest.json').node);
const actionId = (filename: string, exportedName: string) => {
  const found = actions.find(([, a]) => a.filename === filename && a.exportedName === exportedName);
  expect(found, `${filename} exports ${exportedName} as a server action`).toBeDefined();
  return found![0];
};
const staffActions = actions
  .filter(([, a]) => /^app\/(barista|ops)\//.test(a.filename))
  .map(([id, a]) => ({ id, name: `${a.filename} ${a.exportedName}`, ops: a.filename.startsWith('app/ops/') }));

// --- callers ---------------------------------------------------------------------------------

/** A caller, as the cookies it sends: nothing at all, a customer's, or a staff session. */
interface Caller {
  name: string;
  cookie: string;
}

const stranger: Caller = { name: 'a stranger', cookie: '' };
const newCustomer = (): Caller => ({ name: 'a customer', cookie: `cs_customer=${randomUUID()}` });

async function staffCaller(baseURL: string, role: 'barista' | 'ops'): Promise<Caller> {
  const res = await fetch(new URL('/api/staff/session', baseURL), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(role === 'ops' ? OPS : BARISTA),
  });
  expect(res.status).toBe(200);
  const cookie = /cs_staff=[^;]+/.exec(res.headers.get('set-cookie') ?? '')?.[0];
  expect(cookie, 'the sign-in sets the staff cookie').toBeDefined();
  return { name: `a ${role}`, cookie: `${cookie}; cs_customer=${randomUUID()}` };
}

/** One request with Node's fetch: no cookie jar, redirects not followed, streams cut short. */
async function call(
  baseURL: string,
  caller: Caller,
  route: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
) {
  const controller = new AbortController();
  const res = await fetch(new URL(route, baseURL), {
    method: init.method ?? 'GET',
    headers: { ...(caller.cookie ? { cookie: caller.cookie } : {}), ...init.headers },
    body: init.body,
    redirect: 'manual',
    signal: controller.signal,
  });
  // An event stream never ends: the status and the first bytes are all a refusal needs.
  const text = res.headers.get('content-type')?.startsWith('text/event-stream') ? '' : await res.text();
  controller.abort();
  return { status: res.status, headers: res.headers, text };
}

/** Calls a server action as the browser does: a POST with its id in `Next-Action`, arguments as JSON. */
function callAction(
  baseURL: string,
  caller: Caller,
  id: string,
  args: unknown[],
  { route = '/', headers = {} }: { route?: string; headers?: Record<string, string> } = {},
) {
  return call(baseURL, caller, route, {
    method: 'POST',
    headers: { 'next-action': id, 'content-type': 'text/plain;charset=UTF-8', accept: 'text/x-component', ...headers },
    body: JSON.stringify(args),
  });
}

/** The `code` of the ActionResult in a server action's answer (a React Flight stream). */
const codeIn = (flight: string) => /"code":"([A-Z_.]+)"/.exec(flight)?.[1] ?? null;

/** A fresh client address per test: the per-address order limit then counts only this test. */
const testAddress = () => `198.51.100.${Math.floor(Math.random() * 254) + 1}`;

const signInRedirect = (route: string) => `/staff/login?next=${encodeURIComponent(route)}`;

/**
 * A page turned away when proxy.ts steps aside: the page itself sends the caller to sign in —
 * with a 307, or with a meta refresh once a streamed shell is out (nothing of the page is sent) —
 * or on to another staff page (`/ops` → `/ops/attention`), which must then do so.
 */
async function expectPageSendsToSignIn(baseURL: string, caller: Caller, route: string) {
  let at = route;
  for (let hop = 0; hop < 3; hop++) {
    const answer = await call(baseURL, caller, at, { headers: { 'next-action': 'bypass-the-proxy' } });
    if (answer.status >= 300 && answer.status < 400) {
      const location = new URL(answer.headers.get('location') ?? '', baseURL);
      if (location.pathname === '/staff/login') {
        expect(location.searchParams.get('next'), route).toBe(at);
        return;
      }
      expect(location.pathname, `${route} redirects only within the staff area`).toMatch(STAFF_PATH);
      at = `${location.pathname}${location.search}`;
      continue;
    }
    expect(answer.status, at).toBe(200);
    expect(answer.text, at).toContain(`url=${signInRedirect(at)}`);
    return;
  }
  throw new Error(`${route} redirects in circles`);
}

// --- staff-only pages, routes and actions ------------------------------------------------------

test.describe('staff-only paths', () => {
  test('the build has the staff parts this spec guards', () => {
    expect(staffPages).toContain('/barista');
    expect(staffRoutes).toEqual(expect.arrayContaining(['/api/barista/board', '/api/barista/stream', '/api/books/[id]/restock']));
    expect(staffActions.map((a) => a.name)).toContain('app/barista/actions.ts handOverDrinkAction');
  });

  test('every staff page sends a customer and a stranger to sign in, also when the proxy steps aside', async ({ baseURL }) => {
    for (const caller of [stranger, newCustomer()]) {
      for (const page of staffPages) {
        const route = concrete(page);
        const viaProxy = await call(baseURL!, caller, route);
        expect(viaProxy.status, `${caller.name} GET ${route}`).toBe(307);
        expect(new URL(viaProxy.headers.get('location') ?? '', baseURL).toString()).toBe(
          new URL(signInRedirect(route), baseURL).toString(),
        );
        await expectPageSendsToSignIn(baseURL!, caller, route);
      }
    }
  });

  test('a customer and a stranger are sent to sign in by the browser, and come back after it', async ({ page }) => {
    await page.goto('/coffee'); // now a customer
    await page.goto('/barista');
    await expect(page).toHaveURL(/\/staff\/login\?next=%2Fbarista$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Staff sign in' })).toBeVisible();
    await page.getByLabel('Your name').fill(BARISTA.name);
    await page.getByLabel('Staff password').fill(BARISTA.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/barista$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Barista board' })).toBeVisible();
  });

  test('every staff API route refuses a customer and a stranger with 401, also when the proxy steps aside', async ({ baseURL }) => {
    for (const caller of [stranger, newCustomer()]) {
      for (const route of staffRoutes.map(concrete)) {
        for (const bypass of [false, true]) {
          const answered: number[] = [];
          for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
            const answer = await call(baseURL!, caller, route, {
              method,
              headers: { 'content-type': 'application/json', ...(bypass ? { 'next-action': 'bypass-the-proxy' } : {}) },
              body: method === 'GET' ? undefined : '{"quantity":1}',
            });
            const what = `${caller.name} ${method} ${route}${bypass ? ' (proxy stepped aside)' : ''}`;
            if (answer.status === 405) continue; // the route has no such method
            answered.push(answer.status);
            if (answer.status >= 300 && answer.status < 400) {
              expect(answer.headers.get('location'), what).toContain('/staff/login?next=');
            } else {
              expect(answer.status, what).toBe(401);
              expect(JSON.parse(answer.text), what).toMatchObject({ error: { code: 'STAFF.SIGN_IN_REQUIRED' } });
            }
          }
          expect(answered.length, `${route} answers some method`).toBeGreaterThan(0);
        }
      }
    }
  });

  test('ops routes refuse a barista with 403; barista routes let a barista and ops in', async ({ baseURL }) => {
    const barista = await staffCaller(baseURL!, 'barista');
    const ops = await staffCaller(baseURL!, 'ops');
    for (const route of staffRoutes.filter((r) => OPS_PATH.test(r)).map(concrete)) {
      for (const bypass of [false, true]) {
        for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
          const answer = await call(baseURL!, barista, route, {
            method,
            headers: { 'content-type': 'application/json', ...(bypass ? { 'next-action': 'bypass-the-proxy' } : {}) },
            body: method === 'GET' ? undefined : '{"quantity":1}',
          });
          if (answer.status === 405) continue;
          const what = `a barista ${method} ${route}${bypass ? ' (proxy stepped aside)' : ''}`;
          if (answer.status >= 300 && answer.status < 400) {
            expect(answer.headers.get('location'), what).toContain('/staff/login?next=');
          } else {
            expect(answer.status, what).toBe(403);
            expect(JSON.parse(answer.text), what).toMatchObject({ error: { code: 'STAFF.FORBIDDEN' } });
          }
        }
      }
    }
    for (const caller of [barista, ops]) {
      const board = await call(baseURL!, caller, '/api/barista/board');
      expect(board.status, `${caller.name} reads the board`).toBe(200);
      expect(JSON.parse(board.text)).toHaveProperty('board');
      const stream = await call(baseURL!, caller, '/api/barista/stream', { headers: { accept: 'text/event-stream' } });
      expect(stream.status).toBe(200);
      expect(stream.headers.get('content-type')).toContain('text/event-stream');
    }
    const restock = await call(baseURL!, ops, `/api/books/${BOOKS.dune.id}/restock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"quantity":1}',
    });
    expect(restock.status, 'ops restocks').toBe(200);
  });

  test('every staff server action refuses a customer and a stranger, and ops actions a barista', async ({ baseURL }) => {
    const barista = await staffCaller(baseURL!, 'barista');
    for (const action of staffActions) {
      // Posted to a customer page: an action id works from any page, so only the action can refuse.
      for (const caller of [stranger, newCustomer()]) {
        const answer = await callAction(baseURL!, caller, action.id, [randomUUID()], { route: '/coffee' });
        expect(codeIn(answer.text), `${caller.name} calls ${action.name}`).toBe('STAFF.SIGN_IN_REQUIRED');
      }
      if (action.ops) {
        const answer = await callAction(baseURL!, barista, action.id, [randomUUID()], { route: '/coffee' });
        expect(codeIn(answer.text), `a barista calls ${action.name}`).toBe('STAFF.FORBIDDEN');
      }
    }
    // A barista gets past the guard (an unknown ticket is then simply not found).
    const handOver = actionId('app/barista/actions.ts', 'handOverDrinkAction');
    const answer = await callAction(baseURL!, barista, handOver, [randomUUID()], { route: '/barista' });
    expect(codeIn(answer.text)).not.toMatch(/^STAFF\./);
  });

  test('a forged, tampered or foreign staff cookie is worth nothing', async ({ baseURL }) => {
    const barista = await staffCaller(baseURL!, 'barista');
    const token = /cs_staff=([^;]+)/.exec(barista.cookie)![1]!;
    const [payload, signature] = token.split('.') as [string, string];
    const promoted = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), role: 'ops' })).toString(
      'base64url',
    );
    const forged = [
      `${promoted}.${signature}`, // a barista who makes themselves ops
      `${payload}.${signature.slice(0, -2)}xx`, // a bent signature
      `${Buffer.from(JSON.stringify({ role: 'ops', name: 'Eve', exp: 4102444800 })).toString('base64url')}.c2lnbmF0dXJl`,
      'ops',
    ];
    for (const cookie of forged) {
      const caller = { name: 'a forger', cookie: `cs_staff=${cookie}` };
      expect((await call(baseURL!, caller, '/api/barista/board', { headers: { 'next-action': 'bypass-the-proxy' } })).status).toBe(401);
      expect((await call(baseURL!, caller, '/barista')).status).toBe(307);
    }
  });
});

// --- signing in ---------------------------------------------------------------------------------

test.describe('staff sign-in', () => {
  async function fillSignIn(page: Page, name: string, password: string) {
    await page.getByLabel('Your name').fill(name);
    await page.getByLabel('Staff password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  test('a wrong password is refused plainly and nothing else happens', async ({ page, context }) => {
    await page.goto('/staff/login?next=%2Fbarista');
    await fillSignIn(page, 'Mallory', 'not-the-password');
    await expect(page.getByRole('alert').filter({ hasText: 'That password is not right' })).toBeVisible();
    await expect(page).toHaveURL(/\/staff\/login\?next=%2Fbarista$/);
    expect((await context.cookies()).some((c) => c.name === 'cs_staff')).toBe(false);
    // What was typed stays, except the password.
    await expect(page.getByLabel('Your name')).toHaveValue('Mallory');
    await expect(page.getByLabel('Staff password')).toHaveValue('');
    await page.goto('/barista');
    await expect(page).toHaveURL(/\/staff\/login/);
  });

  test('the JSON sign-in refuses a wrong password with 401 and sets no cookie', async ({ request }) => {
    const res = await request.post('/api/staff/session', { data: { role: 'ops', name: 'Mallory', password: 'barista-and-opz' } });
    expect(res.status()).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 'STAFF.WRONG_PASSWORD' } });
    expect(res.headers()['set-cookie'] ?? '').not.toContain('cs_staff');
    expect((await request.get('/api/staff/session').then((r) => r.json())).staff).toBeNull();
    // A cross-site form cannot sign anybody in: JSON only.
    const form = await request.post('/api/staff/session', { form: { name: OPS.name, password: OPS.password } });
    expect(form.status()).toBe(415);
  });

  test('a barista signs in, gets the board but not ops, and signs out', async ({ page }) => {
    await page.goto('/staff/login?next=%2Fbarista');
    await fillSignIn(page, BARISTA.name, BARISTA.password);
    await expect(page).toHaveURL(/\/barista$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Barista board' })).toBeVisible();
    const staffNav = page.getByRole('navigation', { name: 'Staff' });
    await expect(staffNav.getByRole('link', { name: 'Barista board' })).toBeVisible();
    await expect(staffNav.getByRole('link', { name: 'Ops' })).toHaveCount(0);

    await page.goto('/ops');
    await expect(page).toHaveURL(/\/staff\/login\?next=%2Fops$/);
    await expect(page.getByText('is for ops staff only')).toBeVisible();

    await page.getByRole('button', { name: 'Sign out (Sam, barista)' }).click();
    await expect(page.getByRole('link', { name: 'Staff sign in' })).toBeVisible();
    await page.goto('/barista');
    await expect(page).toHaveURL(/\/staff\/login\?next=%2Fbarista$/);
  });

  test('ops signs in and may open the ops pages and the board', async ({ page }) => {
    await page.goto('/staff/login?next=%2Fops');
    await fillSignIn(page, OPS.name, OPS.password);
    await expect(page).toHaveURL(/\/ops(\/[a-z-]+)?$/); // /ops may lead on to one of its pages
    await expect(page.getByRole('navigation', { name: 'Staff' }).getByRole('link', { name: 'Ops' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Sign out (Olu, ops)' })).toBeVisible();
    await page.goto('/barista');
    await expect(page.getByRole('heading', { level: 1, name: 'Barista board' })).toBeVisible();
  });

  test('customers see no staff links; the header offers to sign in', async ({ page }) => {
    await page.goto('/coffee');
    await expect(page.getByRole('link', { name: 'Staff sign in' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Staff' })).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'Barista board' })).toHaveCount(0);
  });

  test('after signing in it goes only to a path on this site', async ({ page }) => {
    for (const next of ['//evil.example/x', 'https://evil.example/', '/\\evil.example', 'javascript:alert(1)']) {
      await page.goto(`/staff/login?next=${encodeURIComponent(next)}`);
      await fillSignIn(page, BARISTA.name, BARISTA.password);
      await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/barista$/);
      await page.context().clearCookies();
    }
  });
});

// --- customers' orders ----------------------------------------------------------------------------

const expiryYear = new Date().getUTCFullYear() + 2;
const coffeeOrder = () => ({
  customerName: 'Sam',
  items: [{ itemId: 'latte', size: 'M', milk: 'oat', quantity: 1 }],
  card: { number: CARDS.approved, expMonth: 12, expYear: expiryYear, cvc: '123' },
});
const bookOrder = () => ({
  address: { name: 'Ada Reader', line1: '1 Library Lane', city: 'London', postcode: 'N1 9GU', country: 'GB' },
  card: { number: CARDS.approved, expMonth: 12, expYear: expiryYear, cvc: '123' },
});

test.describe("another customer's order", () => {
  async function expectOnlyTheOwnerSees(baseURL: string, owner: Caller, id: string, lineId?: string) {
    const other = newCustomer();
    for (const caller of [owner, other, stranger]) {
      const mine = caller === owner;
      const page = await call(baseURL, caller, `/orders/${id}`);
      expect(page.status, `${caller.name} opens the order page`).toBe(mine ? 200 : 404);
      const api = await call(baseURL, caller, `/api/orders/${id}`);
      expect(api.status, `${caller.name} reads the order`).toBe(mine ? 200 : 404);
      if (!mine) expect(api.text).not.toContain(id);
      const stream = await call(baseURL, caller, `/api/orders/${id}/stream`, { headers: { accept: 'text/event-stream' } });
      expect(stream.status, `${caller.name} follows the order`).toBe(mine ? 200 : 404);
      if (lineId && !mine) {
        for (const answer of ['cancel', 'wait']) {
          const res = await call(baseURL, caller, `/api/orders/${id}/lines/${lineId}/${answer}`, { method: 'POST' });
          expect(res.status, `${caller.name} answers for a line (${answer})`).toBe(404);
        }
      }
    }
  }

  test('a coffee order is for its customer only: page, API and stream', async ({ baseURL }) => {
    const owner = newCustomer();
    const placed = await call(baseURL!, owner, '/api/coffee/orders', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID(), 'x-forwarded-for': testAddress() },
      body: JSON.stringify(coffeeOrder()),
    });
    expect(placed.status).toBe(201);
    const { order } = JSON.parse(placed.text) as { order: { id: string } };
    await expectOnlyTheOwnerSees(baseURL!, owner, order.id);
  });

  test('a bookstore order request is for its customer only: page, API, stream and its lines', async ({ baseURL }) => {
    const owner = newCustomer();
    const added = await call(baseURL!, owner, '/api/cart/items', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ bookId: BOOKS.dune.id, quantity: 1 }),
    });
    expect(added.status).toBe(200);
    const placed = await call(baseURL!, owner, '/api/bookstore/orders', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID(), 'x-forwarded-for': testAddress() },
      body: JSON.stringify(bookOrder()),
    });
    expect(placed.status).toBe(201);
    const { orderRequest } = JSON.parse(placed.text) as { orderRequest: { id: string; lines: { id: string }[] } };
    await expectOnlyTheOwnerSees(baseURL!, owner, orderRequest.id, orderRequest.lines[0]!.id);
  });

  test("the order page's server action will not answer for another customer's line", async ({ baseURL }) => {
    const answerBackorder = actionId('app/orders/[id]/actions.ts', 'answerBackorderAction');
    const answer = await callAction(baseURL!, newCustomer(), answerBackorder, [randomUUID(), randomUUID(), 'cancel'], {
      route: '/coffee',
    });
    expect(codeIn(answer.text)).toMatch(/NOT_FOUND/);
  });
});

// --- server actions: origin and size --------------------------------------------------------------

test.describe('server actions', () => {
  const placeCoffee = () => actionId('app/coffee/actions.ts', 'placeCoffeeOrderAction');

  test('a cross-origin call is refused before the action runs; a same-origin one works', async ({ baseURL }) => {
    const customer = newCustomer();
    const customerId = customer.cookie.split('=')[1]!;
    const address = testAddress();
    const evil = await callAction(baseURL!, customer, placeCoffee(), [coffeeOrder(), `key-${randomUUID()}`], {
      route: '/coffee',
      headers: { origin: 'http://evil.example', 'x-forwarded-for': address },
    });
    expect(evil.status).toBe(500);
    expect(codeIn(evil.text)).toBeNull();
    expect(await ordersOf(customerId)).toEqual([]);

    const own = await callAction(baseURL!, customer, placeCoffee(), [coffeeOrder(), `key-${randomUUID()}`], {
      route: '/coffee',
      headers: { origin: new URL(baseURL!).origin, 'x-forwarded-for': address },
    });
    expect(own.status).toBe(200);
    expect(own.text).toContain('"ok":true');
    expect(await ordersOf(customerId)).toHaveLength(1);
  });

  test('an oversized action body is refused and nothing is written', async ({ baseURL }) => {
    const customer = newCustomer();
    const big = { ...coffeeOrder(), customerName: 'S'.repeat(100 * 1024) };
    const answer = await callAction(baseURL!, customer, placeCoffee(), [big, `key-${randomUUID()}`], {
      route: '/coffee',
      headers: { 'x-forwarded-for': testAddress() },
    });
    expect([413, 500]).toContain(answer.status);
    expect(answer.text).not.toContain('"ok":true');
    expect(answer.text).not.toMatch(/\n\s+at /); // no stack trace
    expect(await ordersOf(customer.cookie.split('=')[1]!)).toEqual([]);
  });
});

// --- API bodies ------------------------------------------------------------------------------------

test('oversized and malformed API bodies are refused (413, 400), with nothing from the inside', async ({ baseURL }) => {
  const ops = await staffCaller(baseURL!, 'ops');
  const cases = [
    { who: newCustomer(), route: '/api/coffee/orders' },
    { who: newCustomer(), route: '/api/bookstore/orders' },
    { who: ops, route: `/api/books/${BOOKS.dune.id}/restock` },
  ];
  for (const { who, route } of cases) {
    const headers = { 'content-type': 'application/json', 'idempotency-key': randomUUID(), 'x-forwarded-for': testAddress() };
    const huge = await call(baseURL!, who, route, { method: 'POST', headers, body: JSON.stringify({ pad: 'x'.repeat(70 * 1024) }) });
    expect(huge.status, `${route} oversized`).toBe(413);
    expect(JSON.parse(huge.text)).toMatchObject({ error: { code: 'BODY_TOO_LARGE' } });
    const broken = await call(baseURL!, who, route, {
      method: 'POST',
      headers: { ...headers, 'idempotency-key': randomUUID() },
      body: '{"items": [',
    });
    expect(broken.status, `${route} malformed`).toBe(400);
    expect(JSON.parse(broken.text)).toMatchObject({ error: { code: 'MALFORMED_JSON' } });
    for (const text of [huge.text, broken.text]) expect(text).not.toMatch(/prisma|stack|\n\s+at /i);
  }
});

// --- the order rate limit --------------------------------------------------------------------------

test.describe('the order rate limit', () => {
  test('one customer placing orders fast gets 429 with Retry-After, on both shops and at the counter', async ({ baseURL }) => {
    const customer = newCustomer();
    const address = testAddress();
    const post = (route: string) =>
      call(baseURL!, customer, route, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID(), 'x-forwarded-for': address },
        body: '{}', // counted before the body is read: refused attempts count too
      });
    for (let i = 0; i < E2E_ORDERS_PER_CUSTOMER; i++) expect((await post('/api/coffee/orders')).status, `attempt ${i + 1}`).toBe(422);
    const limited = await post('/api/coffee/orders');
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(JSON.parse(limited.text)).toMatchObject({ error: { code: 'RATE_LIMITED', message: expect.stringContaining('try again') } });

    const books = await post('/api/bookstore/orders');
    expect(books.status).toBe(429);
    expect(books.headers.get('retry-after')).toMatch(/^\d+$/);

    const action = await callAction(
      baseURL!,
      customer,
      actionId('app/coffee/actions.ts', 'placeCoffeeOrderAction'),
      [coffeeOrder(), `key-${randomUUID()}`],
      {
        route: '/coffee',
        headers: { 'x-forwarded-for': address },
      },
    );
    expect(codeIn(action.text)).toBe('RATE_LIMITED');
    const checkout = await callAction(
      baseURL!,
      customer,
      actionId('app/cart/actions.ts', 'placeBookOrderAction'),
      [bookOrder(), `key-${randomUUID()}`],
      {
        route: '/cart',
        headers: { 'x-forwarded-for': address },
      },
    );
    expect(codeIn(checkout.text)).toBe('RATE_LIMITED');
    const customerId = customer.cookie.split('=')[1]!;
    expect(await ordersOf(customerId)).toEqual([]);
    expect(await orderRequestsOf(customerId)).toBe(0);
  });

  test('one address changing its customer cookie every time is held back too', async ({ baseURL }) => {
    const address = testAddress();
    const attempt = () =>
      call(baseURL!, newCustomer(), '/api/coffee/orders', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID(), 'x-forwarded-for': `${testAddress()}, ${address}` },
        body: '{}',
      });
    const answers: Awaited<ReturnType<typeof attempt>>[] = [];
    // In rounds of 25 at once: the counter is atomic, so exactly one attempt is over the limit.
    for (let sent = 0; sent <= E2E_ORDERS_PER_ADDRESS; sent += 25) {
      const round = Math.min(25, E2E_ORDERS_PER_ADDRESS + 1 - sent);
      answers.push(...(await Promise.all(Array.from({ length: round }, attempt))));
    }
    expect(answers.filter((a) => a.status === 422)).toHaveLength(E2E_ORDERS_PER_ADDRESS);
    const limited = answers.filter((a) => a.status === 429);
    expect(limited).toHaveLength(1);
    expect(JSON.parse(limited[0]!.text).error.message).toContain('from your network');
    expect(limited[0]!.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});

// --- headers -------------------------------------------------------------------------------------

test.describe('security headers', () => {
  test('pages carry a nonce CSP that their every script uses, and the other headers', async ({ request }) => {
    for (const route of ['/', '/coffee', '/books', '/cart', '/staff/login']) {
      const res = await request.get(route);
      expect(res.status(), route).toBe(200);
      const headers = res.headers();
      const csp = headers['content-security-policy'] ?? '';
      const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
      expect(nonce, `${route} has a nonce`).toBeDefined();
      expect(csp).toContain("'strict-dynamic'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      expect(headers['x-content-type-options']).toBe('nosniff');
      expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
      const html = await res.text();
      const scripts = html.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag, route).toContain(`nonce="${nonce}"`);
      // A fresh nonce every time.
      const again = (await request.get(route)).headers()['content-security-policy'];
      expect(again).not.toContain(nonce!);
    }
  });

  test('API answers, refusals and static files carry them too', async ({ request, baseURL }) => {
    for (const res of [
      await request.get('/api/health'),
      await request.get('/api/barista/board'),
      await request.get('/barista', { maxRedirects: 0 }),
    ]) {
      expect(res.headers()['x-content-type-options']).toBe('nosniff');
      expect(res.headers()['referrer-policy']).toBe('strict-origin-when-cross-origin');
      expect(res.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    }
    const html = await (await request.get('/coffee')).text();
    const asset = /src="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1];
    expect(asset).toBeDefined();
    const res = await request.get(new URL(asset!, baseURL).toString());
    expect(res.status()).toBe(200);
    expect(res.headers()['x-content-type-options']).toBe('nosniff');
    expect(res.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  test('the bull-board path, and only it, runs same-origin scripts without a nonce', async ({ request }) => {
    await signInAsStaff(request, 'ops');
    const board = (await request.get('/ops/queues', { maxRedirects: 0 })).headers()['content-security-policy'] ?? '';
    expect(board).toMatch(/script-src 'self'(;|$)/);
    expect(board).toContain("frame-ancestors 'none'");
    const ops = (await request.get('/ops', { maxRedirects: 0 })).headers()['content-security-policy'] ?? '';
    expect(ops).toContain("'nonce-");
  });

  test('the pages hydrate and work under the policy, with no violation reported', async ({ page }) => {
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __csp: string[] }).__csp = seen;
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    const reported = async () => [...violations, ...(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp))];

    await page.goto('/coffee');
    await page.getByRole('button', { name: 'Add Latte' }).click();
    await expect(page.getByLabel('Quantity of Latte')).toHaveValue('1'); // React is running
    expect(await reported()).toEqual([]);

    await page.goto('/books');
    await page.getByRole('link', { name: 'Cart' }).click(); // client-side navigation
    await expect(page).toHaveURL(/\/cart$/);
    expect(await reported()).toEqual([]);

    await signInAsStaff(page, 'barista');
    await page.goto('/barista');
    await expect(page.getByRole('heading', { level: 1, name: 'Barista board' })).toBeVisible();
    await expect(page.getByTestId('live-indicator')).toHaveText('Live');
    expect(await reported()).toEqual([]);
  });
});
