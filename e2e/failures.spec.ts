// When a step behind the counter fails, in a browser: the drink that cannot be made (out of oat
// milk) is refunded and the customer told why; a courier outage shows as "delayed" and the parcel
// still arrives once it ends; an outage that does not end lands on the needs-attention list, where
// ops staff run the step again once it is over; and a step left for a person is resolved by staff
// with a note that the customer then reads on their own order page.
//
// The failure switches are shared by the whole shop under test, so this spec runs in the
// "switches" project, after the others and one test at a time (playwright.config.ts). Each test
// turns its switch on through the ops API, as a presenter would, and always turns it off again.
import { type APIRequestContext, type Browser, type Page, expect, test } from '@playwright/test';
import pg from 'pg';
import { e2eDatabaseUrl } from './support/e2e-database';
import { ADDRESS, BOOKS, CARDS, closeDatabase, customerOfBrowser, onOrderPage, ordersOf, payForALatte } from './support/shop';
import { signInAsStaff } from './support/staff';

test.afterAll(closeDatabase);

// --- the switches, as ops staff change them ------------------------------------------------------

type SwitchPatch = { barista?: { outOfOatMilk?: boolean; spillRate?: number }; courier?: { outage?: boolean } };

async function flip(request: APIRequestContext, patch: SwitchPatch): Promise<void> {
  await signInAsStaff(request, 'ops');
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await request.get('/api/ops/switches');
    expect(current.status()).toBe(200);
    const { switches, version } = (await current.json()) as { switches: Record<string, Record<string, unknown>>; version: number };
    const next = {
      ...switches,
      barista: { ...switches.barista, ...patch.barista },
      courier: { ...switches.courier, ...patch.courier },
    };
    const saved = await request.put('/api/ops/switches', { data: { switches: next, version } });
    if (saved.status() === 200) return;
    expect(saved.status(), await saved.text()).toBe(409); // someone else saved first: read again
  }
  throw new Error('could not change the failure switches');
}

// --- the customer ---------------------------------------------------------------------------------

const alertSaying = (page: Page, text: string | RegExp) => page.getByRole('alert').filter({ hasText: text });

async function orderBook(page: Page, title: string): Promise<void> {
  await page.goto(`/books?query=${encodeURIComponent(title)}`);
  await page.getByRole('button', { name: `Add to cart: ${title}` }).click();
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: /added|in your cart/i })
      .first(),
  ).toBeVisible();
  await page.goto('/cart');
  await page.getByLabel('Full name').fill(ADDRESS.name);
  await page.getByLabel('Address line 1').fill(ADDRESS.line1);
  await page.getByLabel('Town or city').fill(ADDRESS.city);
  await page.getByLabel('Postcode').fill(ADDRESS.postcode);
  await page.getByLabel('Card number').fill(CARDS.approved);
  await page.getByLabel('CVC').fill('123');
  await page.getByRole('button', { name: 'Place order request' }).click();
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/);
}

const lineStatus = (page: Page, title: string) => page.getByRole('listitem').filter({ hasText: title }).getByTestId('line-status');
const timeline = (page: Page) => page.getByRole('list', { name: 'Timeline' });
const orderIdOf = (page: Page) => new URL(page.url()).pathname.split('/').pop()!;

// --- the needs-attention list -----------------------------------------------------------------------

const waitingItem = (staff: Page, orderId: string) =>
  staff.getByRole('list', { name: 'Waiting for a person' }).getByRole('listitem').filter({ hasText: orderId });
const resolvedItem = (staff: Page, orderId: string) =>
  staff.getByRole('list', { name: 'Resolved' }).getByRole('listitem').filter({ hasText: orderId });

async function opsStaffPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  await signInAsStaff(context, 'ops');
  const staff = await context.newPage();
  await staff.goto('/ops/attention');
  await expect(staff.getByRole('heading', { level: 1, name: /^Needs attention/ })).toBeVisible();
  return staff;
}

// --- the tests ------------------------------------------------------------------------------------

test('out of oat milk: the counter says so at once, and the order page says the money is refunded', async ({ page, request }) => {
  await flip(request, { barista: { outOfOatMilk: true } });
  try {
    // A slow card (3 s): the barista finds out while the customer is still paying.
    await payForALatte(page, { name: 'Oona', card: CARDS.slow, milk: 'oat' });
    await expect(alertSaying(page, /We ran out of oat milk, so we cancelled your order/)).toBeVisible({ timeout: 15_000 });
  } finally {
    await flip(request, { barista: { outOfOatMilk: false } });
  }
  const [order] = await ordersOf(await customerOfBrowser(page.context()));
  expect(order?.status).toBe('cancelled');

  await page.goto(`/orders/${order!.id}`);
  await expect(page.getByTestId('cancellation')).toHaveText(/^✕\s*We ran out of oat milk — your \$\d+\.\d\d is refunded$/);
  await expect(page.getByText(/went back to the card ending in 3220/)).toBeVisible();
  await expect(timeline(page).getByText('Refund issued')).toBeVisible();
});

test('a drink spilt every time: the shop gives up and refunds, the counter still says "Paid", and nobody reads "nothing was made"', async ({
  page,
  request,
}) => {
  await flip(request, { barista: { spillRate: 1 } });
  try {
    await payForALatte(page, { name: 'Pip' });
    await onOrderPage(page);
    // Every try is spilt; after the brewing step's last attempt the shop cancels and refunds.
    await expect(page.getByTestId('ticket-closed')).toHaveText(/^Spilt \d+ times — the shop gave up$/, { timeout: 90_000 });
  } finally {
    await flip(request, { barista: { spillRate: 0 } });
  }
  // What was done while the customer waited stays done; the cancellation is told behind the counter.
  const counter = page.getByRole('region', { name: 'At the counter — done while you waited' });
  const behind = page.getByRole('region', { name: /^Behind the counter/ });
  await expect(counter.getByText('Paid — this part is finished')).toBeVisible();
  await expect(behind.getByTestId('cancellation')).toHaveText(
    /Your drink was spilt every time we made it — your \$\d+\.\d\d is (being )?refunded$/,
  );
  await expect(page.getByText(/nothing was made/)).toHaveCount(0);
});

test('a courier outage: the line says "delayed", then ships and is delivered once the outage ends', async ({ page, request }) => {
  await flip(request, { courier: { outage: true } });
  try {
    await orderBook(page, BOOKS.frankenstein.title);
    await expect(lineStatus(page, BOOKS.frankenstein.title)).toHaveText(/^Delayed — the courier has not collected it yet$/, {
      timeout: 30_000,
    });
    await expect(page.getByText(/The courier could not collect the parcel at/)).toBeVisible();
  } finally {
    await flip(request, { courier: { outage: false } });
  }
  await expect(lineStatus(page, BOOKS.frankenstein.title)).toHaveText('Delivered', { timeout: 45_000 });
});

test('an outage that does not end: the parcel lands on the needs-attention list, and "Retry now" ships it once it is over', async ({
  page,
  browser,
  request,
}) => {
  test.setTimeout(180_000); // the courier is tried 6 times over about 40 s before a person is asked
  const staff = await opsStaffPage(browser);
  try {
    await flip(request, { courier: { outage: true } });
    let orderId: string;
    try {
      await orderBook(page, BOOKS.dune.title);
      orderId = orderIdOf(page);
      await expect(lineStatus(page, BOOKS.dune.title)).toHaveText(/^Delayed/, { timeout: 30_000 });

      // The list refreshes itself; the item appears once the step has used up its tries.
      const item = waitingItem(staff, orderId);
      await expect(item.getByRole('heading', { name: 'Hand the parcel to the courier' })).toBeVisible({ timeout: 100_000 });
      await expect(item.getByTestId('attention-error')).toHaveText(/^COURIER_UNAVAILABLE: /);
      await expect(item.getByTestId('attention-attempts')).toHaveText('6');
      await expect(item.getByRole('button', { name: /refund/i })).toHaveCount(0); // no compensation for a parcel
      // The customer still sees "delayed", not a silent "pending".
      await expect(lineStatus(page, BOOKS.dune.title)).toHaveText(/^Delayed/);
    } finally {
      await flip(request, { courier: { outage: false } });
    }

    await waitingItem(staff, orderId).getByRole('button', { name: 'Retry now' }).click();
    await expect(resolvedItem(staff, orderId)).toContainText('Worked when run again', { timeout: 30_000 });
    await expect(lineStatus(page, BOOKS.dune.title)).toHaveText('Delivered', { timeout: 45_000 });
  } finally {
    await staff.context().close();
  }
});

test('a step left for a person: ops staff resolve it with a note, and the customer reads it on their order page', async ({
  page,
  browser,
}) => {
  // The customer pays for a latte and watches their order.
  await payForALatte(page, { name: 'Nell' });
  const orderId = await onOrderPage(page);

  // Telling the barista about the payment gave up. No switch makes that step fail, so the item is
  // written as the worker writes it (a real one is raised by the test above, and against real
  // processes in tests/integration/failures-attention.test.ts). A coffee order, because its page
  // is where this spec can read the note back.
  await raiseAttentionFor(orderId);
  await page.reload(); // written straight to the database, so nothing announced it to the live page
  await expect(timeline(page).getByText('Handed to a person at the shop')).toBeVisible();

  const note = 'Told the barista by hand — your latte is on its way.';
  const staff = await opsStaffPage(browser);
  try {
    const item = waitingItem(staff, orderId);
    await expect(item.getByRole('heading', { name: 'Tell the barista the drink is paid for' })).toBeVisible();
    await expect(item.getByTestId('attention-error')).toHaveText(/^TICKET_NOT_OPENED_YET: /);
    await expect(item.getByTestId('attention-attempts')).toHaveText('8');
    await expect(item.getByRole('button', { name: 'Cancel the order and refund the customer' })).toBeVisible();
    await item.getByText(/The order's timeline/).click();
    await expect(item.getByRole('list', { name: 'Order timeline' })).toContainText('Payment approved');

    // A note is required; then it resolves.
    await item.getByRole('button', { name: 'Resolve with this note' }).click();
    await expect(item.getByText(/Write what was done/)).toBeVisible();
    await item.getByLabel("Note for the order's timeline").fill(note);
    await item.getByRole('button', { name: 'Resolve with this note' }).click();

    // The resolved line says what was done and by whom, the note itself.
    await expect(resolvedItem(staff, orderId).getByTestId('attention-resolution')).toHaveText(`Resolved by Olu: ${note}`);
    await expect(waitingItem(staff, orderId)).toHaveCount(0);
  } finally {
    await staff.context().close();
  }

  // The customer's page, live: the staff member's note on the timeline, signed.
  await expect(timeline(page).getByText('Sorted out by the shop')).toBeVisible();
  await expect(timeline(page).getByText(`${note} — Olu`)).toBeVisible(); // Olu: the demo ops account
});

/** Writes a needs-attention item and its timeline line exactly as lib/reactions/step-failures.ts does. */
async function raiseAttentionFor(orderId: string): Promise<void> {
  const client = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await client.connect();
  try {
    // The order page opened on the counter's answer, so the payment is recorded already.
    const { rows: approvedRows } = await client.query<{ id: string }>(
      `SELECT id FROM order_timeline WHERE order_id = $1 AND type = 'PaymentApproved'`,
      [orderId],
    );
    const approved = approvedRows[0]?.id;
    expect(approved, 'the PaymentApproved event of the order').toBeTruthy();
    const { rows } = await client.query<{ item: string; entry: string }>('SELECT gen_random_uuid() AS item, gen_random_uuid() AS entry');
    const { item, entry } = rows[0]!;
    await client.query(
      `INSERT INTO attention_items (id, order_id, event_id, queue, step, error, attempts, status, raised_at)
       VALUES ($1, $2, $3, 'tickets', 'tickets.confirm-payment', $4, 8, 'open', now())`,
      [item, orderId, approved, `TICKET_NOT_OPENED_YET: no ticket yet for order ${orderId}`],
    );
    await client.query(
      `INSERT INTO order_timeline (id, order_id, type, mode, actor, data, occurred_at)
       VALUES ($1, $2, 'AttentionRaised', 'async', 'system', $3, now())`,
      [
        entry,
        orderId,
        JSON.stringify({
          itemId: item,
          again: false,
          step: 'tickets.confirm-payment',
          what: 'Tell the barista the drink is paid for',
          code: 'TICKET_NOT_OPENED_YET',
          attempts: 8,
        }),
      ],
    );
  } finally {
    await client.end();
  }
}
