// The barista board with a person in the loop, in a browser: a station switched to manual, a
// barista pressing Start, Ready and Hand over while the customer's order page follows each step
// live; two baristas pressing Start at once; and a spilt drink that the customer sees remade.
// Roles and visible text only; every wait is a retrying expectation.
//
// These tests change shop-wide state (station modes, the spill switch) on the server other specs
// share, so they keep each change as short as they can and always put it back.
import { type APIRequestContext, type BrowserContext, type Page, expect, test } from '@playwright/test';
import { DRINK_READY_TIMEOUT_MS, closeDatabase, onOrderPage, payForALatte } from './support/shop';
import { signInAsStaff } from './support/staff';

test.describe.configure({ mode: 'serial' });

// Whatever happened in a test, the shop other specs use is left as it was found.
test.afterAll(async ({ browser }) => {
  const context = await browser.newContext();
  try {
    await signInAsStaff(context, 'ops');
    for (const station of STATIONS) await setStation(context.request, station, 'auto');
    await setSpillRate(context.request, 0);
  } finally {
    await context.close();
    await closeDatabase();
  }
});

const STATIONS = [1, 2]; // BARISTA_STATIONS' default, which scripts/e2e-server.ts keeps

// --- the customer -------------------------------------------------------------------------------

/** A medium latte with whole milk, the cup named `name`, paid; returns the order id. */
async function orderLatte(page: Page, name: string): Promise<string> {
  await payForALatte(page, { name });
  const orderId = await onOrderPage(page);
  await expect(page.getByText('Paid — this part is finished')).toBeVisible();
  return orderId;
}

const baristaStatus = (page: Page) => page.getByTestId('barista-status');
const timelineEntry = (page: Page, label: string | RegExp) =>
  page.getByRole('list', { name: 'Timeline' }).getByRole('listitem').filter({ hasText: label });

// --- the barista ----------------------------------------------------------------------------------

async function openBoard(context: BrowserContext, name: string): Promise<Page> {
  await signInAsStaff(context, 'barista', name);
  const board = await context.newPage();
  await board.goto('/barista');
  await expect(board.getByRole('heading', { level: 1, name: 'Barista board' })).toBeVisible();
  await expect(board.getByTestId('live-indicator')).toHaveText('Live');
  return board;
}

const ticketOn = (board: Page, orderId: string) => board.locator(`article[data-order-id="${orderId}"]`);

/** Sets a station's mode through the API, whatever it was (for setting up and tidying up). */
async function setStation(request: APIRequestContext, station: number, mode: 'auto' | 'manual'): Promise<void> {
  const res = await request.put(`/api/barista/stations/${station}`, { data: { mode } });
  expect(res.status(), await res.text()).toBe(200);
}

/** Sets the spill switch through the ops API (the request must be signed in as ops). */
async function setSpillRate(request: APIRequestContext, spillRate: number): Promise<void> {
  const current = await request.get('/api/ops/switches');
  expect(current.status()).toBe(200);
  const { switches, version } = (await current.json()) as { switches: { barista: object }; version: number };
  const res = await request.put('/api/ops/switches', {
    data: { switches: { ...switches, barista: { ...switches.barista, spillRate } }, version },
  });
  expect(res.status(), await res.text()).toBe(200);
}

/** Switches every station to manual on the board, as a barista would. */
async function everyStationManual(board: Page): Promise<void> {
  for (const station of STATIONS) {
    await board.getByRole('button', { name: `Switch station ${station} to manual` }).click();
    await expect(board.getByTestId(`station-${station}-mode`)).toContainText('Manual');
  }
}

/** The station the ticket sits at, read from the lane cell around it ("Queued at station 2"). */
async function stationOf(board: Page, orderId: string): Promise<number> {
  const cell = board.getByRole('group', { name: /^(Queued|Making|Ready) at station \d+$/ }).filter({ has: ticketOn(board, orderId) });
  const label = await cell.getAttribute('aria-label');
  return Number(/station (\d+)$/.exec(label ?? '')?.[1]);
}

// --- the tests --------------------------------------------------------------------------------

test('a barista makes a drink by hand, and the customer watches each step live', async ({ page, browser }) => {
  const baristaContext = await browser.newContext();
  try {
    const board = await openBoard(baristaContext, 'Ada');
    // Every station by hand, so the order cannot land on the machine's; the others go back to the
    // machine as soon as the ticket has a place.
    await everyStationManual(board);

    const orderId = await orderLatte(page, 'Quinn');
    await expect(baristaStatus(page)).toHaveText('Queued');

    const ticket = ticketOn(board, orderId);
    await expect(ticket).toBeVisible();
    const station = await stationOf(board, orderId);
    for (const other of STATIONS.filter((s) => s !== station)) await setStation(baristaContext.request, other, 'auto');
    // Wait for the payment news, so the ticket does not change under the barista's first press.
    await expect(ticket.getByText('Paid', { exact: true })).toBeVisible();
    // The machine leaves it alone: it is still queued, waiting for a person.
    await expect(
      board.getByRole('group', { name: `Queued at station ${station}` }).locator(`article[data-order-id="${orderId}"]`),
    ).toBeVisible();

    await ticket.getByRole('button', { name: "Start Quinn's order" }).click();
    await expect(baristaStatus(page)).toHaveText('Being made');
    await expect(timelineEntry(page, 'Drink started')).toContainText('Behind the counter');

    await board.getByRole('button', { name: "Mark Quinn's order ready" }).click();
    await expect(baristaStatus(page)).toHaveText('Ready');
    await expect(page.getByText('Quinn, your latte is ready', { exact: true })).toBeVisible();

    await board.getByRole('button', { name: "Hand over Quinn's order" }).click();
    await expect(baristaStatus(page)).toHaveText('Collected');
    await expect(timelineEntry(page, 'Handed over')).toBeVisible();
    await expect(page.getByTestId('live-indicator')).toHaveText('Live');

    await expect(board.getByRole('alert').filter({ hasText: 'order' })).toHaveCount(0);
    await expect(board.getByRole('region', { name: 'Handed over' }).locator(`article[data-order-id="${orderId}"]`)).toBeVisible();
  } finally {
    for (const station of STATIONS) await setStation(baristaContext.request, station, 'auto');
    await baristaContext.close();
  }
});

test('two baristas press Start at once: one starts the drink, the other is told who did', async ({ page, browser }) => {
  const adaContext = await browser.newContext();
  const boContext = await browser.newContext();
  try {
    const ada = await openBoard(adaContext, 'Ada');
    const bo = await openBoard(boContext, 'Bo');
    await everyStationManual(ada);

    const orderId = await orderLatte(page, 'Remy');
    for (const board of [ada, bo]) await expect(ticketOn(board, orderId).getByText('Paid', { exact: true })).toBeVisible();

    // Both presses leave before either board can hear of the other (a click waits for the button
    // to be actionable; the live board may already have replaced it by then).
    const buttons = await Promise.all([ada, bo].map((board) => board.getByRole('button', { name: "Start Remy's order" }).elementHandle()));
    await Promise.all(buttons.map((button) => button!.evaluate((b: HTMLElement) => b.click())));

    // Exactly one of them is refused, and told that the other one got there first.
    const refusals = [ada, bo].map((board) => board.getByRole('alert').filter({ hasText: "Remy's order" }));
    await expect.poll(async () => (await refusals[0]!.count()) + (await refusals[1]!.count())).toBe(1);
    const refused = (await refusals[0]!.count()) === 1 ? 0 : 1;
    await expect(refusals[refused]!).toContainText(`${refused === 0 ? 'Bo' : 'Ada'} already started this drink.`);
    // Both boards show the truth: the drink is being made, by hand, once.
    for (const board of [ada, bo]) {
      await expect(
        board.getByRole('group', { name: /^Making at station \d+$/ }).locator(`article[data-order-id="${orderId}"]`),
      ).toBeVisible();
    }
    await expect(baristaStatus(page)).toHaveText('Being made');
    await expect(timelineEntry(page, 'Drink started')).toHaveCount(1);
  } finally {
    for (const station of STATIONS) await setStation(adaContext.request, station, 'auto');
    await adaContext.close();
    await boContext.close();
  }
});

test('a spilt drink is remade, and the customer sees it happen', async ({ page, browser }) => {
  const opsContext = await browser.newContext();
  const baristaContext = await browser.newContext();
  const spill = (rate: number) => setSpillRate(opsContext.request, rate);
  try {
    await signInAsStaff(opsContext, 'ops');
    await spill(1);
    const orderId = await orderLatte(page, 'Sky');

    // The drink is spilt at the end of its preparation and goes back in the queue.
    await expect(timelineEntry(page, /spil/i).first()).toBeVisible({ timeout: DRINK_READY_TIMEOUT_MS });
    await spill(0);

    await expect(baristaStatus(page)).toHaveText('Ready', { timeout: DRINK_READY_TIMEOUT_MS });
    await expect(page.getByText('Sky, your latte is ready', { exact: true })).toBeVisible();
    await expect(timelineEntry(page, 'Drink ready')).toHaveCount(1);

    // The barista's board counts the remakes.
    const board = await openBoard(baristaContext, 'Ada');
    await expect(ticketOn(board, orderId)).toContainText(/remade \d+×/);
  } finally {
    await spill(0).catch(() => undefined);
    await opsContext.close();
    await baristaContext.close();
  }
});
