// What both specs know about the shop under test: the test cards, how long the barista may take,
// who the current anonymous customer is, and what that customer has written to the e2e database.
//
// Each spec closes the pool itself (`test.afterAll(closeDatabase)`): a hook registered here runs
// only at import, so it would belong to whichever spec loaded this module first.
import { type APIRequestContext, type BrowserContext, type Page, expect } from '@playwright/test';
import pg from 'pg';
import { e2eDatabaseUrl } from './e2e-database';

export const DRINK_READY_TIMEOUT_MS = 45_000;

/** The fake card processor's test numbers (lib/fakes/card-network.ts), plus one that fails the Luhn check. */
export const CARDS = {
  approved: '4242 4242 4242 4242',
  declined: '4000 0000 0000 0002',
  insufficientFunds: '4000 0000 0000 9995',
  slow: '4000 0000 0000 3220',
  failsLuhn: '4242 4242 4242 4241',
};

/** An order's own page; the id is its first group. */
export const ORDER_PAGE = /\/orders\/([0-9a-f-]{36})$/;

/**
 * At the counter: one medium latte (whole milk unless `milk` says otherwise), the cup named
 * `name`, the card filled in and Pay pressed. Nothing after the press is awaited: a caller checks
 * the answer it expects (the order page, a decline, a wait).
 */
export async function payForALatte(
  page: Page,
  { name, card = CARDS.approved, milk }: { name: string; card?: string; milk?: 'oat' | 'soy' },
) {
  await page.goto('/coffee');
  const latte = page.getByRole('article', { name: 'Latte' });
  if (milk) await latte.getByLabel('Milk').selectOption(milk);
  await latte.getByRole('button', { name: 'Add Latte' }).click();
  await page.getByLabel('Name for the cup').fill(name);
  await page.getByLabel('Card number').fill(card);
  await page.getByLabel('CVC').fill('123');
  await page.getByRole('button', { name: /^Pay \$\d+\.\d\d$/ }).click();
}

/** Waits for the order page the counter goes to once paid, and returns the order's id. */
export async function onOrderPage(page: Page): Promise<string> {
  await expect(page).toHaveURL(ORDER_PAGE);
  return ORDER_PAGE.exec(new URL(page.url()).pathname)![1]!;
}

// --- the customer -------------------------------------------------------------------------------

/** proxy.ts gives every new visitor an anonymous customer id in this cookie. */
const CUSTOMER_COOKIE = 'cs_customer';

function expectCustomerId(id: string | undefined): string {
  expect(id, 'the shop sets the cs_customer cookie').toMatch(/^[0-9a-f-]{36}$/i);
  return id!;
}

/** The customer id of an API request context, making a first request if it has no cookie yet. */
export async function customerOfRequest(request: APIRequestContext): Promise<string> {
  const find = async () => (await request.storageState()).cookies.find((c) => c.name === CUSTOMER_COOKIE)?.value;
  let id = await find();
  if (!id) {
    expect((await request.get('/api/health')).status()).toBe(200);
    id = await find();
  }
  return expectCustomerId(id);
}

/** The customer id of a browser context (set by the first page it opened). */
export async function customerOfBrowser(context: BrowserContext): Promise<string> {
  const cookie = (await context.cookies()).find((c) => c.name === CUSTOMER_COOKIE);
  return expectCustomerId(cookie?.value);
}

// --- what the customer wrote ----------------------------------------------------------------------

let pool: pg.Pool | undefined;

function database(): pg.Pool {
  pool ??= new pg.Pool({ connectionString: e2eDatabaseUrl(), max: 2 });
  return pool;
}

export async function closeDatabase(): Promise<void> {
  await pool?.end();
  pool = undefined;
}

/** What the customer has left in the database: orders and idempotency records. */
export async function rowsOf(customerId: string): Promise<{ orders: number; keys: number }> {
  const { rows } = await database().query<{ orders: string; keys: string }>(
    `SELECT (SELECT count(*) FROM orders WHERE customer_id = $1) AS orders,
            (SELECT count(*) FROM idempotency_keys WHERE customer_id = $1) AS keys`,
    [customerId],
  );
  return { orders: Number(rows[0]!.orders), keys: Number(rows[0]!.keys) };
}

export interface OrderRow {
  id: string;
  status: string;
}

export async function ordersOf(customerId: string): Promise<OrderRow[]> {
  const { rows } = await database().query<OrderRow>('SELECT id, status FROM orders WHERE customer_id = $1 ORDER BY created_at', [
    customerId,
  ]);
  return rows;
}

export async function idempotencyKeysOf(customerId: string): Promise<number> {
  const { rows } = await database().query<{ n: string }>('SELECT count(*) AS n FROM idempotency_keys WHERE customer_id = $1', [customerId]);
  return Number(rows[0]!.n);
}

/** The customer's bookstore order requests (none after a declined card). */
export async function orderRequestsOf(customerId: string): Promise<number> {
  const { rows } = await database().query<{ n: string }>('SELECT count(*) AS n FROM order_requests WHERE customer_id = $1', [customerId]);
  return Number(rows[0]!.n);
}

// --- the bookstore ---------------------------------------------------------------------------------

/** Seeded books the specs use (prisma/seed.ts): plenty of stock, and none at all. */
export const BOOKS = {
  dune: { id: '0198a000-0000-7000-8000-000000000023', title: 'Dune', priceCents: 1499 },
  frankenstein: { id: '0198a000-0000-7000-8000-000000000017', title: 'Frankenstein', priceCents: 899 },
  warAndPeace: { id: '0198a000-0000-7000-8000-000000000012', title: 'War and Peace', priceCents: 2499 },
  ulysses: { id: '0198a000-0000-7000-8000-000000000024', title: 'Ulysses', priceCents: 1899 },
} as const;

export const ADDRESS = { name: 'Ada Reader', line1: '1 Library Lane', city: 'London', postcode: 'N1 9GU', country: 'GB' };
