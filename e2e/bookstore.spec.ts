// The bookstore in a browser: browse, fill the cart, check out while you wait, then watch the
// order request move on by itself — and answer for a book that is out of stock. Roles and visible
// text only; every wait is a retrying expectation. The e2e shop's courier delivers in 2.5 s.
import { type Page, expect, test } from '@playwright/test';
import { ADDRESS, BOOKS, CARDS, closeDatabase, customerOfBrowser, orderRequestsOf } from './support/shop';

test.afterAll(closeDatabase);

const DELIVERY_TIMEOUT_MS = 45_000;
const alertSaying = (page: Page, text: string | RegExp) => page.getByRole('alert').filter({ hasText: text });

async function addToCart(page: Page, title: string, quantity = 1) {
  await page.goto(`/books?query=${encodeURIComponent(title)}`);
  if (quantity !== 1) await page.getByLabel(`Quantity of ${title}`).selectOption(String(quantity));
  await page.getByRole('button', { name: `Add to cart: ${title}` }).click();
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: /added|in your cart/i })
      .first(),
  ).toBeVisible();
}

async function fillCheckout(page: Page, card: string) {
  await page.goto('/cart');
  await page.getByLabel('Full name').fill(ADDRESS.name);
  await page.getByLabel('Address line 1').fill(ADDRESS.line1);
  await page.getByLabel('Town or city').fill(ADDRESS.city);
  await page.getByLabel('Postcode').fill(ADDRESS.postcode);
  await page.getByLabel('Card number').fill(card);
  await page.getByLabel('CVC').fill('123');
}

const lineStatus = (page: Page, title: string) => page.getByRole('listitem').filter({ hasText: title }).getByTestId('line-status');

test('a full order: received at once, then reserved, paid, shipped and delivered, with a mail for each step', async ({ page }) => {
  await addToCart(page, BOOKS.dune.title, 2);
  await addToCart(page, BOOKS.frankenstein.title);
  await fillCheckout(page, CARDS.approved);
  await page.getByRole('button', { name: 'Place order request' }).click();

  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/);
  await expect(page.getByText('Order request received', { exact: true })).toBeVisible();
  await expect(page.getByText('What happens next')).toBeVisible();
  for (const title of [BOOKS.dune.title, BOOKS.frankenstein.title]) {
    await expect(lineStatus(page, title)).toHaveText('Delivered', { timeout: DELIVERY_TIMEOUT_MS });
  }
  const total = 2 * BOOKS.dune.priceCents + BOOKS.frankenstein.priceCents;
  await expect(page.getByTestId('money-captured')).toContainText(`$${(total / 100).toFixed(2)}`);

  await page.goto('/inbox');
  for (const subject of [
    /We have your order request/,
    /Shipped: "Dune"/,
    /Shipped: "Frankenstein"/,
    /Delivered: "Dune"/,
    /Delivered: "Frankenstein"/,
  ]) {
    await expect(page.getByRole('heading', { name: subject })).toBeVisible({ timeout: 15_000 });
  }
  await page.goto('/cart');
  await expect(page.getByText(/cart is empty/i)).toBeVisible();
});

test('a declined card: told at once, the cart and the typed address kept, nothing recorded', async ({ page, context }) => {
  await addToCart(page, BOOKS.frankenstein.title);
  await fillCheckout(page, CARDS.declined);
  await page.getByRole('button', { name: 'Place order request' }).click();
  await expect(alertSaying(page, /declined/i)).toBeVisible();
  await expect(page).toHaveURL(/\/cart$/);
  await expect(page.getByLabel('Full name')).toHaveValue(ADDRESS.name);
  await expect(page.getByRole('listitem').filter({ hasText: BOOKS.frankenstein.title }).first()).toBeVisible();
  expect(await orderRequestsOf(await customerOfBrowser(context))).toBe(0);
});

test('a bad address is pointed out field by field, and nothing is recorded', async ({ page, context }) => {
  await addToCart(page, BOOKS.frankenstein.title);
  await fillCheckout(page, CARDS.approved);
  await page.getByLabel('Postcode').fill('12');
  await page.getByLabel('Full name').fill('');
  await page.getByRole('button', { name: 'Place order request' }).click();
  await expect(alertSaying(page, /fix|check/i).first()).toBeVisible();
  await expect(page.getByText(/postcode/i).first()).toBeVisible();
  expect(await orderRequestsOf(await customerOfBrowser(context))).toBe(0);
});

test('a backorder: the customer is asked, cancels the line, and sees the hold released on the page and in the inbox', async ({ page }) => {
  await addToCart(page, BOOKS.warAndPeace.title); // none in stock
  await addToCart(page, BOOKS.dune.title);
  await fillCheckout(page, CARDS.approved);
  await page.getByRole('button', { name: 'Place order request' }).click();
  await expect(page.getByText('Order request received', { exact: true })).toBeVisible();

  await expect(lineStatus(page, BOOKS.warAndPeace.title)).toHaveText('Backordered — your action is needed', { timeout: 20_000 });
  const reference = (await page.getByTestId('order-reference').textContent()) ?? '';
  expect(reference).toMatch(/^[0-9A-F]{8}$/);
  await page.getByRole('button', { name: `Cancel this line: ${BOOKS.warAndPeace.title}` }).click();
  const released = `$${(BOOKS.warAndPeace.priceCents / 100).toFixed(2)}`;
  await expect(lineStatus(page, BOOKS.warAndPeace.title)).toHaveText(`Cancelled — hold of ${released} released, nothing taken`, {
    timeout: 20_000,
  });
  await expect(page.getByTestId('money-released')).toContainText(released);
  // The rest of the order went on regardless.
  await expect(lineStatus(page, BOOKS.dune.title)).toHaveText('Delivered', { timeout: DELIVERY_TIMEOUT_MS });

  await page.goto('/inbox');
  await expect(page.getByRole('heading', { name: /Your action is needed: "War and Peace"/ })).toBeVisible({ timeout: 15_000 });
  // The mail names the order as the page does.
  await expect(page.getByRole('heading', { name: `We have your order request ${reference}` })).toBeVisible();
  await expect(page.getByRole('heading', { name: new RegExp(`Hold of \\${released} released for "War and Peace"`) })).toBeVisible({
    timeout: 15_000,
  });
});

test('a backorder the customer chooses to wait for stays, without the deadline', async ({ page }) => {
  await addToCart(page, BOOKS.ulysses.title);
  await fillCheckout(page, CARDS.approved);
  await page.getByRole('button', { name: 'Place order request' }).click();
  await expect(lineStatus(page, BOOKS.ulysses.title)).toHaveText('Backordered — your action is needed', { timeout: 20_000 });
  await page.getByRole('button', { name: `Wait for restock: ${BOOKS.ulysses.title}` }).click();
  await expect(lineStatus(page, BOOKS.ulysses.title)).toHaveText('Backordered — waiting for a restock');
  await page.reload();
  await expect(lineStatus(page, BOOKS.ulysses.title)).toHaveText('Backordered — waiting for a restock');
  await expect(page.getByRole('button', { name: /Wait for restock/ })).toHaveCount(0);
});
