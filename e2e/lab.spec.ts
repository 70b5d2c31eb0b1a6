// The interaction lab in a browser: one press, two designs, a projection that lags by the chosen
// amount. Design A (reads the read model after the command) must show the stale read and count it;
// design B (the command's answer, the rest live) must show the truth at once and reach the final
// state. Retrying expectations only: every wait follows something the page shows.
//
// LAB_SCREENSHOT=1 also saves docs/images/lab.png (for the README) mid-run at a lag of 3 s.
import { type Locator, type Page, expect, test } from '@playwright/test';

const PRESS = 'Order a flat white in both designs';

function lab(page: Page) {
  return {
    lag: page.getByRole('slider', { name: /Projection lag/ }),
    decline: page.getByRole('slider', { name: /Card decline rate/ }),
    order: page.getByRole('button', { name: PRESS }),
    a: page.getByRole('status', { name: 'Design A shows' }),
    b: page.getByRole('status', { name: 'Design B shows' }),
    aViolations: page.getByTestId('anti-violations'),
    bViolations: page.getByTestId('pattern-violations'),
    aTruth: page.getByTestId('anti-time-to-truth'),
    bTruth: page.getByTestId('pattern-time-to-truth'),
  };
}

/** Moves a slider with the keyboard, as a person would: to one end, then `steps` to the right. */
async function slide(slider: Locator, end: 'Home' | 'End', steps = 0) {
  await slider.focus();
  await slider.press(end);
  for (let i = 0; i < steps; i++) await slider.press('ArrowRight');
}

/** The "last" figure of a "last · median" time, in seconds. */
async function lastSeconds(cell: Locator): Promise<number> {
  const text = (await cell.textContent()) ?? '';
  const match = /^([\d.]+) s/.exec(text.trim());
  return match ? Number(match[1]) : Number.NaN;
}

test.beforeEach(async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 1100 });
  await page.goto('/lab');
  await expect(page.getByRole('heading', { level: 1, name: 'Interaction lab' })).toBeVisible();
});

test('at a lag of 3 s design A shows a stale read and design B the truth at once', async ({ page }) => {
  const l = lab(page);
  await slide(l.lag, 'Home', 6);
  await expect(l.lag).toHaveAttribute('aria-valuetext', '3.0 s');
  await l.order.click();

  // A asked the read model straight after paying: it has not heard of the order.
  await expect(l.a).toContainText('Order not found');
  // B already shows the counter's answer, while A is still stale.
  await expect(l.b).toContainText('Paid — this part is finished', { timeout: 1_000 });
  await expect(l.b).toContainText('no news yet that it is ready');
  await expect(l.a).toContainText('Order not found');
  await expect(l.aViolations).toHaveText('1 of 1 order');
  await expect(l.bViolations).toHaveText('0 of 1 order');
  if (process.env.LAB_SCREENSHOT) await page.screenshot({ path: 'docs/images/lab.png' });

  // Both reach the final state once the read model catches up (3 s lag + 1.5 s to make the drink).
  await expect(l.b).toContainText('Ready — collect your drink', { timeout: 15_000 });
  await expect(l.a).toContainText('Ready — collect your drink', { timeout: 15_000 });
  await expect(l.aViolations).toHaveText('1 of 1 order');
  await expect(l.bViolations).toHaveText('0 of 1 order');
  // A told the truth only once the projection caught up; B as soon as the command answered.
  expect(await lastSeconds(l.aTruth)).toBeGreaterThanOrEqual(2.9);
  expect(await lastSeconds(l.bTruth)).toBeLessThan(2);
});

test('at a lag of 0 s neither design shows anything untrue', async ({ page }) => {
  const l = lab(page);
  await slide(l.lag, 'Home');
  await expect(l.lag).toHaveAttribute('aria-valuetext', '0.0 s');
  await l.order.click();

  await expect(l.a).toContainText('Ready — collect your drink', { timeout: 15_000 });
  await expect(l.b).toContainText('Ready — collect your drink', { timeout: 15_000 });
  await expect(l.order).toBeEnabled();
  await expect(l.aViolations).toHaveText('0 of 1 order');
  await expect(l.bViolations).toHaveText('0 of 1 order');
});

test('the spinner variant tells no lie but keeps the customer waiting for the whole order', async ({ page }) => {
  const l = lab(page);
  await slide(l.lag, 'Home', 4);
  await page.getByRole('radio', { name: /a spinner until the whole order is done/ }).check();
  await l.order.click();

  await expect(l.a).toContainText('Placing your order… please wait');
  await expect(l.b).toContainText('Paid — this part is finished');
  await expect(l.a).toContainText('Ready — collect your drink', { timeout: 15_000 });
  await expect(l.order).toBeEnabled();
  await expect(l.aViolations).toHaveText('0 of 1 order');
  // 2 s of lag + 1.5 s for the drink before the spinner lets go.
  expect(await lastSeconds(l.aTruth)).toBeGreaterThanOrEqual(3.4);
});

test('a declined card: B says so at once, A says "not found" until the read model learns it', async ({ page }) => {
  const l = lab(page);
  await slide(l.lag, 'Home', 4);
  await slide(l.decline, 'End');
  await expect(l.decline).toHaveAttribute('aria-valuetext', '100 %');
  await l.order.click();

  await expect(l.a).toContainText('Order not found');
  await expect(l.b).toContainText('Payment declined — nothing charged');
  await expect(l.a).toContainText('Payment declined', { timeout: 15_000 });
  await expect(l.aViolations).toHaveText('1 of 1 order');
  await expect(l.bViolations).toHaveText('0 of 1 order');
});
