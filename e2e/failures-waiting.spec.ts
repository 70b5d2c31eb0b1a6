// Honest waiting, as a customer meets it when something behind the counter stops: the order page
// first says how long making the drink usually takes (this shop's own p50/p95), and once the wait
// passes p95 it says "taking longer than usual", for how long, and that the queue is paused —
// instead of a promise it cannot keep. Resumed, the drink is made and the line goes away.
//
// It pauses the brewing queue, which every process of the shop under test shares, so it belongs
// with the other switch-flipping specs (the 'switches' project runs them alone, after the rest),
// and it resumes the queue after every test, failed or not.
import { randomUUID } from 'node:crypto';
import { type APIRequestContext, type Browser, type Page, expect, test } from '@playwright/test';
import pg from 'pg';
import type { LagSummary } from '../lib/queries/lag-types';
import { MIN_SAMPLES } from '../lib/waiting/waiting-words';
import { CHECK_IN_MS } from '../components/live/use-live-snapshot';
import { e2eDatabaseUrl } from './support/e2e-database';
import { CARDS, DRINK_READY_TIMEOUT_MS, closeDatabase, onOrderPage, payForALatte } from './support/shop';
import { openFailureSwitches } from './support/staff';

const BREWING = 'brewing.brew-drink';

let ops: Page | undefined;

test.afterEach(async () => {
  // Resume through the page a presenter would use; the queue stays paused in Redis otherwise.
  if (ops) {
    await ops.goto('/ops/failures');
    const resume = ops.getByRole('button', { name: 'Resume brewing' });
    if (await resume.isVisible()) {
      await resume.click();
      await expect(ops.getByRole('button', { name: 'Pause brewing' })).toBeVisible();
    }
    await ops.context().close();
    ops = undefined;
  }
});
test.afterAll(closeDatabase);

async function brewingLag(request: APIRequestContext) {
  const res = await request.get('/api/lag');
  expect(res.status()).toBe(200);
  return ((await res.json()) as LagSummary).steps[BREWING];
}

const expiryYear = new Date().getUTCFullYear() + 2;

/** A latte for Ada, paid at the counter; returns its order id once the order page is open. */
async function latteForAda(page: Page): Promise<string> {
  await payForALatte(page, { name: 'Ada' });
  return onOrderPage(page);
}

/** Drinks made through the API (each a new customer), until the brewing step has a history to go by. */
async function makeHistory(browser: Browser, request: APIRequestContext): Promise<void> {
  const have = (await brewingLag(request))?.samples ?? 0;
  const orders = Array.from({ length: Math.max(0, MIN_SAMPLES - have) }, async () => {
    const customer = await browser.newContext();
    try {
      const res = await customer.request.post('/api/coffee/orders', {
        headers: { 'Idempotency-Key': randomUUID() },
        data: {
          customerName: 'Warm-up',
          items: [{ itemId: 'espresso', size: 'S', quantity: 1 }],
          card: { number: CARDS.approved, expMonth: 12, expYear: expiryYear, cvc: '123' },
        },
      });
      expect(res.status(), await res.text()).toBe(201);
    } finally {
      await customer.close();
    }
  });
  await Promise.all(orders);
  await expect
    .poll(async () => (await brewingLag(request))?.samples ?? 0, {
      timeout: DRINK_READY_TIMEOUT_MS,
      message: 'drinks made for the history',
    })
    .toBeGreaterThanOrEqual(MIN_SAMPLES);
}

test('a paused brewing queue: the usual time first, then "taking longer than usual" with the time waited, then the drink once resumed', async ({
  browser,
  page,
  request,
}) => {
  test.setTimeout(120_000);
  await makeHistory(browser, request);
  const lag = await brewingLag(request);
  expect(lag?.p95Ms, 'the brewing step has a p95 to compare with').not.toBeNull();

  ops = await openFailureSwitches(browser);
  await ops.getByRole('button', { name: 'Pause brewing' }).click();
  await expect(ops.getByRole('button', { name: 'Resume brewing' })).toBeVisible();

  // Every headline the customer's page shows for the drink, in order, from its first render on: the
  // usual time may be on screen for only a second or two before p95 passes.
  await page.addInitScript((step) => {
    const seen: string[] = [];
    (window as unknown as { seenWaits: string[] }).seenWaits = seen;
    setInterval(() => {
      const text = document.querySelector(`[data-step="${step}"] [role="status"]`)?.textContent;
      if (text && seen[seen.length - 1] !== text) seen.push(text);
    }, 50);
  }, BREWING);

  await latteForAda(page);

  const wait = page.locator(`[data-step="${BREWING}"]`);
  await expect(page.getByTestId('barista-status')).toHaveText('Queued');
  await expect(wait).toContainText(
    /Taking longer than usual — waiting \d+(\.\d)? s\. The queue is paused; it moves again once the shop resumes it\./,
    {
      timeout: (lag!.p95Ms ?? 0) + 15_000,
    },
  );
  // (Before the first figures arrive it says it is looking them up; that is not a headline about time.)
  const seen = (await page.evaluate(() => (window as unknown as { seenWaits: string[] }).seenWaits)).filter(
    (t) => !t.startsWith('Looking up'),
  );
  expect(seen[0], `the headlines shown: ${JSON.stringify(seen)}`).toMatch(/^Usually takes ~\d+(\.\d)? s; 95% within \d+(\.\d)? s\.$/);
  expect(seen).toContain('Taking longer than usual');

  // The time waited keeps counting.
  const waited = async () => Number(/waiting (\d+(?:\.\d)?) s/.exec((await wait.textContent()) ?? '')?.[1] ?? Number.NaN);
  const first = await waited();
  await expect.poll(waited, { message: 'the time waited ticks on' }).toBeGreaterThan(first);

  await ops.getByRole('button', { name: 'Resume brewing' }).click();
  await expect(ops.getByRole('button', { name: 'Pause brewing' })).toBeVisible();
  await expect(page.getByTestId('barista-status')).toHaveText('Ready', { timeout: DRINK_READY_TIMEOUT_MS });
  await expect(wait).toHaveCount(0);
});

test('a change whose announcement is lost still reaches an open order page, while it waits on a step', async ({ browser, page }) => {
  ops = await openFailureSwitches(browser);
  await ops.getByRole('button', { name: 'Pause brewing' }).click();
  await expect(ops.getByRole('button', { name: 'Resume brewing' })).toBeVisible();

  const orderId = await latteForAda(page);
  await expect(page.getByTestId('barista-status')).toHaveText('Queued');
  await expect(page.getByTestId('live-indicator')).toHaveText('Live');
  await page.evaluate(() => ((window as unknown as { sameDocument?: boolean }).sameDocument = true));

  // The drink starts, written straight to the database: the change the live channel never hears of,
  // as when its best-effort Redis message is lost while the page's stream stays open.
  const client = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await client.connect();
  try {
    const { rowCount } = await client.query(
      `UPDATE barista_tickets SET status = 'making', started_at = now(), version = version + 1, updated_at = now()
        WHERE order_id = $1 AND status = 'queued'`,
      [orderId],
    );
    expect(rowCount, 'the queued ticket was started behind the page').toBe(1);
  } finally {
    await client.end();
  }

  // The page checks in on its own while a step is pending, and the stream is still open.
  await expect(page.getByTestId('barista-status')).toHaveText('Being made', { timeout: CHECK_IN_MS + 5_000 });
  await expect(page.getByTestId('live-indicator')).toHaveText('Live');
  expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);

  // Resumed, the machine finishes the drink it finds started, and says so the usual way.
  await ops.getByRole('button', { name: 'Resume brewing' }).click();
  await expect(ops.getByRole('button', { name: 'Pause brewing' })).toBeVisible();
  await expect(page.getByTestId('barista-status')).toHaveText('Ready', { timeout: DRINK_READY_TIMEOUT_MS });
});
