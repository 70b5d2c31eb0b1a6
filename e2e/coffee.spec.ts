// The coffee counter in a browser: pay while you wait, then watch the barista's work arrive on
// its own. Roles and visible text only; no fixed sleeps (every wait is a retrying expectation).
//
// Each test's browser context is a fresh anonymous customer (the `cs_customer` cookie), so the
// e2e database (recreated by scripts/e2e-server.ts for every run) can say exactly what that
// customer's clicks wrote.
import { type Page, expect, test } from '@playwright/test';
import { CARDS, DRINK_READY_TIMEOUT_MS, closeDatabase, customerOfBrowser, idempotencyKeysOf, ordersOf } from './support/shop';
import { signInAsStaff } from './support/staff';
import type { OrderView } from '../lib/queries/order-view';

test.afterAll(closeDatabase);

// --- the counter page ---------------------------------------------------------------------------

const ORDER_PAGE = /\/orders\/([0-9a-f-]{36})$/;

function orderIdIn(page: Page): string {
  const match = ORDER_PAGE.exec(new URL(page.url()).pathname);
  expect(match, `an order page URL, got ${page.url()}`).not.toBeNull();
  return match![1]!;
}

/** A medium latte with whole milk ($4.20), the cup named `name`, paid with `card`. */
async function fillLatteOrder(page: Page, { name, card }: { name: string; card: string }) {
  await page.goto('/coffee');
  await page.getByRole('button', { name: 'Add Latte' }).click();
  await expect(page.getByLabel('Quantity of Latte')).toHaveValue('1');
  await page.getByLabel('Name for the cup').fill(name);
  await page.getByLabel('Card number').fill(card);
  await page.getByLabel('CVC').fill('123');
  // The expiry comes pre-filled with a valid future date.
  await expect(page.getByLabel('Expiry month')).not.toHaveValue('');
  await expect(page.getByLabel('Expiry year')).not.toHaveValue('');
}

// Next.js keeps an empty role="alert" of its own (the route announcer): pick ours by its text.
const alertSaying = (page: Page, text: string) => page.getByRole('alert').filter({ hasText: text });

const payButton = (page: Page) => page.getByRole('button', { name: /^Pay \$\d+\.\d\d$/ });

/**
 * Counts the server-action POSTs the page sends and lets a test wait until all have answered, so
 * "exactly one order" is checked only after every request the browser made has been handled.
 */
function watchServerActions(page: Page) {
  const pending = new Set<unknown>();
  let sent = 0;
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.headers()['next-action']) {
      sent++;
      pending.add(request);
    }
  });
  page.on('requestfinished', (request) => pending.delete(request));
  page.on('requestfailed', (request) => pending.delete(request));
  return {
    sent: () => sent,
    allAnswered: () => expect.poll(() => pending.size, { message: 'every server action has answered' }).toBe(0),
  };
}

/** Marks the document so a test can prove later that the page never reloaded. */
async function markDocument(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { __sameDocument?: boolean }).__sameDocument = true;
  });
}
async function expectSameDocument(page: Page): Promise<void> {
  expect(
    await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument === true),
    'the page was not reloaded',
  ).toBe(true);
}

// --- the barista board ------------------------------------------------------------------------

function boardSection(page: Page, heading: string) {
  return page.locator('section').filter({ has: page.getByRole('heading', { level: 2, name: heading, exact: true }) });
}

// --- the tests --------------------------------------------------------------------------------

test('a paid latte is made behind the counter while the customer and the barista watch live', async ({ page, context, browser }) => {
  // The barista's screen is open before the customer pays, and is never reloaded.
  const baristaContext = await browser.newContext();
  try {
    await signInAsStaff(baristaContext, 'barista');
    const board = await baristaContext.newPage();
    await board.goto('/barista');
    await expect(board.getByRole('heading', { level: 1, name: 'Barista board' })).toBeVisible();
    for (const heading of ['Queued', 'Making', 'Ready', 'Tossed & discarded']) {
      await expect(board.getByRole('heading', { level: 2, name: heading, exact: true })).toBeVisible();
    }
    await markDocument(board);

    await fillLatteOrder(page, { name: 'Sam', card: CARDS.approved });
    await expect(payButton(page)).toHaveText('Pay $4.20');
    await payButton(page).click();

    await expect(page).toHaveURL(ORDER_PAGE);
    const orderId = orderIdIn(page);
    await expect(page.getByRole('heading', { level: 1, name: 'Order for Sam' })).toBeVisible();
    await expect(page.getByText('Paid — this part is finished')).toBeVisible();
    await markDocument(page);

    // The barista's part arrives on its own, over the live stream. Should it not, the failure says
    // whether the drink was not made at all or only the page was not told.
    await expect(page.getByTestId('barista-status'))
      .toHaveText('Ready', { timeout: DRINK_READY_TIMEOUT_MS })
      .catch(async (error: Error) => {
        const served = (await (await page.request.get(`/api/orders/${orderId}`)).json()) as { order: OrderView };
        throw new Error(`${error.message}\n(The API says the drink is ${served.order.barista?.status ?? 'not started'}.)`);
      });
    await expect(page.getByText('Sam, your latte is ready', { exact: true })).toBeVisible();
    await expect(page.getByTestId('live-indicator')).toHaveText('Live');

    const timeline = page.getByRole('list', { name: 'Timeline' });
    const entry = (label: string) => timeline.getByRole('listitem').filter({ hasText: label });
    await expect(entry('Order placed')).toContainText('While you waited');
    await expect(entry('Payment approved')).toContainText('While you waited');
    await expect(entry('Drink ready')).toContainText('Behind the counter');
    await expectSameDocument(page);

    // The same ticket, on the barista's board, is in the Ready section (and only there).
    const ticket = board.locator(`article[data-order-id="${orderId}"]`);
    await expect(boardSection(board, 'Ready').locator(`article[data-order-id="${orderId}"]`)).toBeVisible({
      timeout: DRINK_READY_TIMEOUT_MS,
    });
    await expect(ticket).toHaveCount(1);
    await expect(ticket).toContainText('Sam');
    await expect(ticket).toHaveAttribute('data-ticket-id', /^[0-9a-f-]{36}$/);
    await expect(ticket.getByRole('button', { name: 'Hand over' })).toBeVisible();
    await expectSameDocument(board);

    expect(await ordersOf(await customerOfBrowser(context))).toEqual([{ id: orderId, status: 'paid' }]);
  } finally {
    await baristaContext.close();
  }
});

test('while the card is thinking, Pay is disabled and says so, and the order being paid cannot change', async ({ page }) => {
  // The slow test card takes 3 s to answer, long enough to look at the button.
  await fillLatteOrder(page, { name: 'Robin', card: CARDS.slow });
  await payButton(page).click();
  const paying = page.getByRole('button', { name: 'Paying… (waiting for your card)' });
  await expect(paying).toBeVisible();
  await expect(paying).toBeDisabled();
  // The counter is locked: nothing can be added, removed or renamed under the payment.
  await expect(page.getByRole('button', { name: 'Add Latte' })).toBeDisabled();
  await expect(page.getByRole('button', { name: /^Remove/ }).first()).toBeDisabled();
  await expect(page.getByLabel('Name for the cup')).toBeDisabled();
  await expect(page.getByLabel('Card number')).toBeDisabled();
  await expect(page.getByText('Paying — the order cannot change until the card answers.')).toBeVisible();
  await expect(page).toHaveURL(ORDER_PAGE);
  await expect(page.getByText('Paid — this part is finished')).toBeVisible();
});

test('a declined card keeps the customer at the counter with everything they typed, and another card works', async ({ page, context }) => {
  await fillLatteOrder(page, { name: 'Sam', card: CARDS.declined });
  await payButton(page).click();

  await expect(alertSaying(page, 'declined')).toBeVisible();
  await expect(page).toHaveURL(/\/coffee$/);
  // The answer unlocks the counter again.
  await expect(page.getByRole('button', { name: 'Add Latte' })).toBeEnabled();
  await expect(page.getByLabel('Name for the cup')).toBeEnabled();
  await expect(page.getByLabel('Name for the cup')).toHaveValue('Sam');
  await expect(page.getByLabel('Card number')).toHaveValue(CARDS.declined);
  await expect(page.getByLabel('CVC')).toHaveValue('123');
  await expect(page.getByLabel('Quantity of Latte')).toHaveValue('1');
  await expect(payButton(page)).toBeEnabled();

  const customer = await customerOfBrowser(context);
  const [declined] = await ordersOf(customer);
  expect(declined?.status).toBe('cancelled');

  // Another card: a new attempt, so a new order (the declined one stays cancelled).
  await page.getByLabel('Card number').fill(CARDS.approved);
  await payButton(page).click();
  await expect(page).toHaveURL(ORDER_PAGE);
  await expect(page.getByText('Paid — this part is finished')).toBeVisible();
  const paidId = orderIdIn(page);
  expect(paidId).not.toBe(declined!.id);
  expect(await ordersOf(customer)).toEqual([
    { id: declined!.id, status: 'cancelled' },
    { id: paidId, status: 'paid' },
  ]);
});

test('a declined order page says so and the barista drops the drink', async ({ page }) => {
  // The declined attempt stays on /coffee; its order page is reachable by id from the database.
  await fillLatteOrder(page, { name: 'Kim', card: CARDS.declined });
  await payButton(page).click();
  await expect(alertSaying(page, 'declined')).toBeVisible();
  const [declined] = await ordersOf(await customerOfBrowser(page.context()));
  await page.goto(`/orders/${declined!.id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Order for Kim' })).toBeVisible();
  await expect(page.getByText('Payment declined — order cancelled')).toBeVisible();
  await expect(page.getByTestId('barista-status')).toHaveText(/^(Discarded|Tossed)$/, { timeout: DRINK_READY_TIMEOUT_MS });
});

test('a double-clicked Pay makes exactly one order', async ({ page, context }) => {
  const actions = watchServerActions(page);
  await fillLatteOrder(page, { name: 'Sam', card: CARDS.approved });
  await payButton(page).dblclick();

  await expect(page).toHaveURL(ORDER_PAGE);
  await actions.allAnswered();
  expect(actions.sent()).toBeGreaterThanOrEqual(1);
  const customer = await customerOfBrowser(context);
  expect(await ordersOf(customer)).toEqual([{ id: orderIdIn(page), status: 'paid' }]);
  expect(await idempotencyKeysOf(customer)).toBe(1);
});

test('two clicks fired in the same tick make exactly one order', async ({ page, context }) => {
  const actions = watchServerActions(page);
  await fillLatteOrder(page, { name: 'Sam', card: CARDS.approved });
  // Both clicks land before React can re-render and disable the button.
  await payButton(page).evaluate((button: HTMLElement) => {
    button.click();
    button.click();
  });

  await expect(page).toHaveURL(ORDER_PAGE);
  await actions.allAnswered();
  expect(actions.sent()).toBeGreaterThanOrEqual(1);
  const customer = await customerOfBrowser(context);
  expect(await ordersOf(customer)).toEqual([{ id: orderIdIn(page), status: 'paid' }]);
  expect(await idempotencyKeysOf(customer)).toBe(1);
});

test('a mistyped card number is pointed out beside the field and nothing is written', async ({ page, context }) => {
  const actions = watchServerActions(page);
  await fillLatteOrder(page, { name: 'Sam', card: CARDS.failsLuhn });
  await payButton(page).click();

  const cardNumber = page.getByLabel('Card number');
  await expect(cardNumber).toHaveAttribute('aria-invalid', 'true');
  await expect(cardNumber).toHaveAccessibleDescription(/not valid/i);
  await expect(page).toHaveURL(/\/coffee$/);
  await expect(cardNumber).toHaveValue(CARDS.failsLuhn);

  await actions.allAnswered();
  const customer = await customerOfBrowser(context);
  expect(await ordersOf(customer)).toEqual([]);
  expect(await idempotencyKeysOf(customer)).toBe(0);
});
