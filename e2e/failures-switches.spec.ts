// The failure switches page and the queue dashboard, as a presenter uses them: flip a switch,
// watch the customer's side obey it at once, reset; open the queue dashboard. Only ops staff may.
//
// The switches are shared by the whole shop under test, so this spec keeps them on only briefly,
// and after every test, even a failed one, puts the card switches it flips back to normal
// (straight in the database, should the page be what broke), leaving the others alone. "Reset
// everything" does reset everything: specs that flip switches (this one, failures.spec.ts) must not
// run beside each other or beside specs that pay, so they belong in a Playwright project of their
// own that runs with one worker after the others.
import { type Page, expect, test } from '@playwright/test';
import pg from 'pg';
import { e2eDatabaseUrl } from './support/e2e-database';
import { closeDatabase, customerOfBrowser, ordersOf, payForALatte } from './support/shop';
import { openFailureSwitches, signInAsStaff } from './support/staff';

test.afterEach(async () => {
  const client = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await client.connect();
  try {
    await client.query(
      `UPDATE failure_switches SET settings = settings - 'card', version = version + 1, updated_at = now()
        WHERE (settings->'card'->>'declineRate')::float <> 0`,
    );
  } finally {
    await client.end();
  }
});
test.afterAll(closeDatabase);

const switchCard = (page: Page, title: string) => page.getByRole('region', { name: title, exact: true });
// Next.js keeps an empty role="alert" of its own (the route announcer): pick ours by its text.
const alertSaying = (page: Page, text: string | RegExp) => page.getByRole('alert').filter({ hasText: text });

test('a 100% decline rate declines the good test card at the counter, and a reset lets it through again', async ({ browser, page }) => {
  const ops = await openFailureSwitches(browser);
  try {
    const decline = switchCard(ops, 'Card decline rate');
    await expect(decline.getByTestId('switch-state')).toHaveText('Off');
    await decline.getByRole('button', { name: '100%' }).click();
    await expect(ops.getByRole('status').filter({ hasText: 'Card decline rate: 100% — saved as version' })).toBeVisible();
    await expect(decline.getByTestId('switch-state')).toHaveText('100% declined');
    await expect(decline.getByRole('button', { name: '100%' })).toHaveAttribute('aria-pressed', 'true');
    await expect(ops.getByTestId('propagation')).toContainText('Every process sees version');

    // The customer, with the card that is always approved.
    await payForALatte(page, { name: 'Ada' });
    await expect(alertSaying(page, 'Your card was declined')).toBeVisible();
    const [declined] = await ordersOf(await customerOfBrowser(page.context()));
    expect(declined?.status).toBe('cancelled');

    await ops.getByRole('button', { name: 'Reset everything' }).click();
    await expect(ops.getByRole('status').filter({ hasText: 'Everything reset' })).toBeVisible();
    await expect(decline.getByTestId('switch-state')).toHaveText('Off');
    await expect(ops.getByRole('heading', { level: 2, name: 'Everything normal' })).toBeVisible();

    await payForALatte(page, { name: 'Ada' });
    await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/);
    await expect(page.getByText('Paid — this part is finished')).toBeVisible();
  } finally {
    await ops.context().close();
  }
});

test('the page never refuses its own saves: 18 presses in a row are 18 versions, and a real concurrent change is still refused', async ({
  browser,
}) => {
  const ops = await openFailureSwitches(browser);
  try {
    const read = async () =>
      (await (await ops.context().request.get('/api/ops/switches')).json()) as { switches: unknown; version: number };
    const start = await read();
    const spill = switchCard(ops, 'Spilt drinks');
    const slow = switchCard(ops, 'Slow barista');
    const presses: (() => Promise<void>)[] = [
      () => spill.getByRole('button', { name: '10%' }).click(),
      () => slow.getByRole('button', { name: '×2' }).click(),
      () => spill.getByRole('button', { name: '25%' }).click(),
      () => slow.getByRole('button', { name: '×5' }).click(),
      () => spill.getByRole('button', { name: 'Off' }).click(),
      () => slow.getByRole('button', { name: 'Normal' }).click(),
    ];
    for (let i = 0; i < 18; i++) await presses[i % presses.length]!();

    // Every press was saved, none refused as "someone else changed the switches".
    await expect.poll(async () => (await read()).version, { timeout: 15_000 }).toBe(start.version + 18);
    await expect(ops.getByTestId('switches-version')).toHaveText(String(start.version + 18));
    await expect(alertSaying(ops, 'Someone else changed the switches')).toHaveCount(0);
    await expect(spill.getByTestId('switch-state')).toHaveText('Off');
    await expect(slow.getByTestId('switch-state')).toHaveText('Off');

    // A typed value begun before the page's own saves is still the page's own: saved, not refused.
    await spill.getByLabel('Other spill rate').fill('30');
    await spill.getByRole('button', { name: '10%' }).click();
    await expect(ops.getByTestId('switches-version')).toHaveText(String(start.version + 19));
    await spill.getByRole('button', { name: 'Set' }).click();
    await expect(spill.getByTestId('switch-state')).toHaveText('30% spilt');
    await expect(alertSaying(ops, 'Someone else changed the switches')).toHaveCount(0);

    // Someone else saving from an old version is refused, as before.
    const stale = await ops.context().request.put('/api/ops/switches', { data: { switches: start.switches, version: start.version } });
    expect(stale.status()).toBe(409);
    expect((await read()).version).toBe(start.version + 20);
  } finally {
    await ops.getByRole('button', { name: 'Reset everything' }).click();
    await expect(ops.getByRole('status').filter({ hasText: 'Everything reset' })).toBeVisible();
    await ops.context().close();
  }
});

test('a change made from an out-of-date form is refused and says someone else changed the switches', async ({ browser }) => {
  const ops = await openFailureSwitches(browser);
  try {
    const spill = switchCard(ops, 'Spilt drinks');
    await spill.getByLabel('Other spill rate').fill('40');

    // Another presenter saves in the meantime (the same settings: only the version moves on).
    const current = await ops.context().request.get('/api/ops/switches');
    const { switches, version } = (await current.json()) as { switches: unknown; version: number };
    const other = await ops.context().request.put('/api/ops/switches', { data: { switches, version } });
    expect(other.status()).toBe(200);
    await expect(ops.getByTestId('switches-version')).toHaveText(String(version + 1));

    await spill.getByRole('button', { name: 'Set' }).click();
    await expect(alertSaying(ops, 'Someone else changed the switches just now')).toBeVisible();
    await expect(spill.getByTestId('switch-state')).toHaveText('Off');
    const after = (await (await ops.context().request.get('/api/ops/switches')).json()) as { version: number };
    expect(after.version).toBe(version + 1);
  } finally {
    await ops.context().close();
  }
});

test('the queue dashboard opens for ops staff, with every queue and its own files', async ({ browser }) => {
  const context = await browser.newContext();
  try {
    await signInAsStaff(context, 'ops');
    const page = await context.newPage();
    const broken: string[] = [];
    page.on('response', (response) => {
      if (response.url().includes('/ops/queues') && response.status() >= 400) broken.push(`${response.status()} ${response.url()}`);
    });
    page.on('requestfailed', (request) => broken.push(`failed ${request.url()}`));
    page.on('console', (message) => {
      if (message.type() === 'error') broken.push(`console: ${message.text()}`);
    });

    await page.goto('/ops/queues');
    await expect(page).toHaveTitle('Counter & Shelf');
    for (const queue of ['tickets', 'brewing', 'payments', 'inventory', 'fulfilment', 'shipping', 'notifications']) {
      await expect(page.getByRole('link', { name: new RegExp(`^${queue}`) }).first()).toBeVisible();
    }
    expect(broken).toEqual([]);

    // Its API answers ops staff too, read-only: retries belong to the needs-attention list.
    const api = await context.request.get('/ops/queues/api/queues');
    expect(api.status()).toBe(200);
    for (const queue of (await api.json()).queues as { readOnlyMode: boolean }[]) expect(queue.readOnlyMode).toBe(true);
    const origin = { headers: { origin: new URL(page.url()).origin } };
    for (const path of [
      '/ops/queues/api/queues/payments/pause',
      '/ops/queues/api/queues/payments/retry/failed',
      '/ops/queues/api/queues/pause',
    ]) {
      const refused = await context.request.put(path, origin);
      expect(refused.status(), path).toBe(405);
      expect((await refused.json()).error.code).toBe('QUEUES.READ_ONLY');
    }
  } finally {
    await context.close();
  }
});

test('the queue dashboard and the switches are refused to customers and baristas', async ({ page, browser }) => {
  await page.goto('/ops/queues');
  await expect(page).toHaveURL(/\/staff\/login\?next=%2Fops%2Fqueues/);
  expect((await page.request.get('/ops/queues/api/queues')).status()).toBe(401);
  expect((await page.request.get('/api/ops/switches')).status()).toBe(401);
  await page.goto('/ops/failures');
  await expect(page).toHaveURL(/\/staff\/login\?next=%2Fops%2Ffailures/);

  const barista = await browser.newContext();
  try {
    await signInAsStaff(barista, 'barista');
    expect((await barista.request.get('/ops/queues/api/queues')).status()).toBe(403);
    expect((await barista.request.put('/api/ops/switches', { data: { switches: {}, version: 0 } })).status()).toBe(403);
  } finally {
    await barista.close();
  }
});
