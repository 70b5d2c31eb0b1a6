// The counter tells the truth when the database goes away after the card was charged: not
// "nothing was charged", but "your payment is being confirmed", with a link to the order; and
// pressing Pay again continues the same payment (same Idempotency-Key) to its real end.
//
// The outage is made the way a restart makes it, on the one request under test: the order row the
// payment must be recorded on is locked from here, and the backend the shop's request is waiting
// with is terminated (57P01, as `pg_ctl stop -m fast` or pg_terminate_backend does).
import { type Page, expect, test } from '@playwright/test';
import pg from 'pg';
import { e2eDatabaseUrl } from './support/e2e-database';
import { CARDS, closeDatabase, customerOfBrowser, idempotencyKeysOf, ordersOf } from './support/shop';

test.afterAll(closeDatabase);

// Next.js keeps an empty role="alert" of its own (the route announcer): pick ours by its text.
const alertSaying = (page: Page, text: string) => page.getByRole('alert').filter({ hasText: text });

test('an outage after the card was charged says the payment is being confirmed, links the order, and Pay finishes it', async ({
  page,
  context,
}) => {
  test.setTimeout(90_000);
  const locker = new pg.Client({ connectionString: e2eDatabaseUrl() });
  const admin = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await Promise.all([locker.connect(), admin.connect()]);
  try {
    await page.goto('/coffee');
    await page.getByRole('button', { name: 'Add Latte' }).click();
    await page.getByLabel('Name for the cup').fill('Alex');
    // The slow test card answers after 3 s: time to lock the order before the payment is recorded.
    await page.getByLabel('Card number').fill(CARDS.slow);
    await page.getByLabel('CVC').fill('123');
    const customer = await customerOfBrowser(context);
    await page.getByRole('button', { name: /^Pay \$\d+\.\d\d$/ }).click();

    let orderId = '';
    await expect.poll(async () => (orderId = (await ordersOf(customer))[0]?.id ?? ''), { message: 'the order is placed' }).not.toBe('');
    await locker.query('BEGIN');
    await locker.query('SELECT 1 FROM orders WHERE id = $1 FOR UPDATE', [orderId]);
    const lockerPid = (await locker.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    // Only the backend waiting on our lock: the shop's request recording this payment.
    await expect
      .poll(
        async () =>
          (
            await admin.query<{ terminated: boolean }>(
              `SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))`,
              [lockerPid],
            )
          ).rows.some((r) => r.terminated),
        { message: 'the payment to wait on the locked order', timeout: 20_000 },
      )
      .toBe(true);

    const alert = alertSaying(page, 'Your payment is being confirmed');
    await expect(alert).toBeVisible();
    await expect(alert).not.toContainText(/nothing was charged/i);
    await expect(alert.getByRole('link', { name: 'See your order' })).toHaveAttribute('href', `/orders/${orderId}`);
    await expect(alert).toContainText('Pressing Pay again continues this same payment');
    await locker.query('ROLLBACK');

    // The database is back: Pay again is the same attempt, and it ends paid, on the one order.
    await page.getByRole('button', { name: /^Pay \$\d+\.\d\d$/ }).click();
    await expect(page).toHaveURL(new RegExp(`/orders/${orderId}$`), { timeout: 45_000 });
    await expect(page.getByText('Paid — this part is finished')).toBeVisible();
    expect(await ordersOf(customer)).toEqual([{ id: orderId, status: 'paid' }]);
    expect(await idempotencyKeysOf(customer)).toBe(1);
  } finally {
    await locker.query('ROLLBACK').catch(() => {});
    await Promise.all([locker.end(), admin.end()]);
  }
});
