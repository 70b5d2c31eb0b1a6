// The measured consistency window (issue 10, item 1), against the running shop: orders placed
// through the API leave per-step timings that /ops/lag shows to ops staff and GET /api/lag sums up
// for anyone, with nothing about any order in it.
//
// README_SCREENSHOTS=1 also saves docs/images/ops-lag.png (1280 wide) of the populated page.
import { randomUUID } from 'node:crypto';
import { type APIRequestContext, expect, test } from '@playwright/test';
import type { LagDetail, LagSummary } from '../lib/queries/lag-types';
import { ADDRESS, CARDS, closeDatabase } from './support/shop';
import { signInAsStaff } from './support/staff';

test.afterAll(closeDatabase);

const expiryYear = new Date().getUTCFullYear() + 2;

/** A one-book order request (Wolf Hall: plenty in stock, and no other spec counts its copies). */
async function orderABook(request: APIRequestContext): Promise<void> {
  expect((await request.post('/api/cart/items', { data: { bookId: '0198a000-0000-7000-8000-000000000028', quantity: 1 } })).status()).toBe(
    200,
  );
  const res = await request.post('/api/bookstore/orders', {
    headers: { 'Idempotency-Key': randomUUID() },
    data: { address: ADDRESS, card: { number: CARDS.approved, expMonth: 12, expYear: expiryYear, cvc: '123' } },
  });
  expect(res.status(), await res.text()).toBe(201);
}

async function placeLatte(request: APIRequestContext): Promise<string> {
  const res = await request.post('/api/coffee/orders', {
    headers: { 'Idempotency-Key': randomUUID() },
    data: {
      customerName: 'Sam',
      items: [{ itemId: 'latte', size: 'M', milk: 'oat', quantity: 1 }],
      card: { number: CARDS.approved, expMonth: 12, expYear: expiryYear, cvc: '123' },
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { order: { id: string } }).order.id;
}

test('the consistency window is for ops staff; its per-step summary is public and holds no order', async ({ page, baseURL }) => {
  // Nobody signed in: the staff JSON is refused, the page sends you to sign in.
  expect((await fetch(new URL('/api/ops/lag', baseURL), { redirect: 'manual' })).status).toBe(401);
  await page.goto('/ops/lag');
  await expect(page).toHaveURL(/\/staff\/login\?next=%2Fops%2Flag/);

  // A barista is staff, but not ops.
  await signInAsStaff(page, 'barista');
  expect((await page.request.get('/api/ops/lag')).status()).toBe(403);

  // The summary is for the order pages of any customer: aggregates per step, no ids.
  const summary = (await (await fetch(new URL('/api/lag', baseURL))).json()) as LagSummary;
  expect(summary.generatedAt).toBeGreaterThan(0);
  const step = summary.steps['tickets.open-ticket'];
  expect(step).toBeDefined();
  expect(Object.keys(step!).sort()).toEqual(['etaMs', 'p50Ms', 'p95Ms', 'p99Ms', 'queue', 'samples', 'serviceRatePerS']);
  expect(JSON.stringify(summary)).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/i);
});

test('ops see each step measured, stage by stage, after a few orders', async ({ page }) => {
  // An order page open while its drink is made: the stream's pushes are measured too.
  await page.goto(`/orders/${await placeLatte(page.request)}`);
  for (let i = 0; i < 3; i++) await placeLatte(page.request);
  await orderABook(page.request);
  await orderABook(page.request);

  await signInAsStaff(page, 'ops');
  await expect
    .poll(
      async () => {
        const res = await page.request.get('/api/ops/lag');
        if (!res.ok()) return null;
        const lag = (await res.json()) as LagDetail;
        const samples = (name: string) => lag.steps.find((s) => s.step === name)?.samples ?? 0;
        const coffee = samples('tickets.open-ticket') >= 4 && samples('brewing.brew-drink') >= 1 && samples('tickets.confirm-payment') >= 4;
        const books = samples('inventory.reserve') >= 2 && samples('fulfilment.reserved') >= 2;
        return coffee && books && (lag.steps[0]?.stages.push.samples ?? 0) >= 1;
      },
      { timeout: 45_000, message: 'the coffee and book steps, and a push to the open order page, to be measured' },
    )
    .toBe(true);

  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/ops/lag');
  await expect(page.getByRole('heading', { name: 'Consistency window' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Consistency window' })).toHaveAttribute('aria-current', 'page');
  const row = page.locator('tr[data-step="tickets.open-ticket"]');
  await expect(row.getByTestId('samples')).toHaveText(/^([4-9]|\d{2,})$/);
  await expect(row.getByTestId('end-to-end')).toHaveText(/\d+ (ms|s)p95 \d.* · p99 \d/);
  await expect(page.getByTestId('push')).toHaveText(/\d+ (ms|s)p95/);
  // Every step has its row, run or not. (Which steps have not run depends on what the other specs
  // sharing this shop did, so the dash a step with no samples shows is tested in lag-words.test.ts.)
  const lag = (await (await page.request.get('/api/ops/lag')).json()) as LagDetail;
  expect(lag.steps.length).toBeGreaterThanOrEqual(14);
  for (const { step } of lag.steps) await expect(page.locator(`tr[data-step="${step}"]`)).toHaveCount(1);
  const lines = lag.steps.filter((s) => s.samples > 0).map((s) => `${s.step}: n=${s.samples} p50 ${s.p50Ms} ms p95 ${s.p95Ms} ms`);
  console.info(`[measure] consistency window per step (e2e)\n  ${lines.join('\n  ')}`);

  if (process.env.README_SCREENSHOTS) {
    await page.screenshot({ path: 'docs/images/ops-lag.png', fullPage: true });
  }
});
