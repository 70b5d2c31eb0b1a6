// Poison on the needs-attention list, in a browser: an event of a kind no step listens to is
// raised by the real relay and shown to ops staff, who are told plainly that there is nothing to
// run again; and an item for a job too malformed to name its order says so instead of showing an
// empty order. (The worker's side — malformed jobs and jobs with no handler — is proven against
// real processes in tests/integration/poison.test.ts; this spec cannot reach the run's queues.)
import { randomUUID } from 'node:crypto';
import { type Page, expect, test } from '@playwright/test';
import pg from 'pg';
import { e2eDatabaseUrl } from './support/e2e-database';
import { signInAsStaff } from './support/staff';

async function sql(text: string, values: unknown[]): Promise<void> {
  const client = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await client.connect();
  try {
    await client.query(text, values);
  } finally {
    await client.end();
  }
}

const waitingItem = (staff: Page, text: string) =>
  staff.getByRole('list', { name: 'Waiting for a person' }).getByRole('listitem').filter({ hasText: text });

test('an event of a kind nobody expects reaches ops staff, who are told there is nothing to run again', async ({ page }) => {
  const eventId = randomUUID();
  const orderId = randomUUID();
  // As a command with a typo in its event's name would have written it.
  await sql(`INSERT INTO outbox (id, type, aggregate_id, order_id, payload, created_at) VALUES ($1, 'OrderPlacd', $2, $2, '{}', now())`, [
    eventId,
    orderId,
  ]);

  await signInAsStaff(page.context(), 'ops');
  await page.goto('/ops/attention');
  const item = waitingItem(page, eventId); // the list refreshes itself: no reload needed
  await expect(item.getByRole('heading', { name: 'Act on an event of a kind no step listens to' })).toBeVisible({ timeout: 15_000 });
  await expect(item.getByTestId('attention-error')).toHaveText(/^EVENT\.UNROUTED: No step listens to OrderPlacd events/);
  await expect(item).toContainText(orderId);

  await item.getByRole('button', { name: 'Retry now' }).click();
  await expect(item.getByRole('alert')).toHaveText(/nothing to run again: resolve it with a note/);
  await item.getByLabel("Note for the order's timeline").fill('Fixed the event name in the release; nothing was owed.');
  await item.getByRole('button', { name: 'Resolve with this note' }).click();
  await expect(waitingItem(page, eventId)).toHaveCount(0);
});

test('an item for a job too malformed to name its order says so, and can be resolved', async ({ page }) => {
  const eventId = randomUUID();
  // As the worker files a malformed job (workers/main.ts): no order id to give.
  await sql(
    `INSERT INTO attention_items (id, order_id, event_id, queue, step, error, attempts, status, raised_at)
     VALUES ($1, NULL, $2, 'tickets', 'tickets.unhandled', $3, 1, 'open', now())`,
    [randomUUID(), eventId, `JOB.MALFORMED: Job ${eventId} (OrderPlaced) on tickets is not an event: orderId: Invalid input`],
  );

  await signInAsStaff(page.context(), 'ops');
  await page.goto('/ops/attention');
  const item = waitingItem(page, eventId);
  await expect(item.getByRole('heading', { name: 'Run a job no step can handle' })).toBeVisible({ timeout: 15_000 });
  await expect(item.getByText('No order: the job was too malformed to say whose it is.', { exact: false })).toBeVisible();
  await expect(item.getByText(/The order's timeline/)).toHaveCount(0);

  await item.getByLabel("Note for the order's timeline").fill('A test job pushed by hand; removed it.');
  await item.getByRole('button', { name: 'Resolve with this note' }).click();
  await expect(
    page.getByRole('list', { name: 'Resolved' }).getByRole('listitem').filter({ hasText: 'A test job pushed by hand; removed it.' }),
  ).toContainText('No order named');
});
