// Signing in as staff for a spec: the same signed cookie /staff/login sets, obtained through
// POST /api/staff/session so a test does not have to click through the form first. Works on a
// page, a browser context (its pages share the cookie) or an API request context.
//
// The shop under test runs with the public demo accounts (scripts/e2e-server.ts sets
// ALLOW_DEMO_CREDENTIALS=1): baristas Sam, Ada and Bo, and Olu on ops. The role is the account's.
import { type APIRequestContext, type Browser, type BrowserContext, type Page, expect } from '@playwright/test';
import { DEMO_ACCOUNTS } from '../../lib/auth/staff-accounts';

export type StaffRole = 'barista' | 'ops';

/** The demo account's password for `name` (throws for a name with no demo account). */
export function passwordOf(name: string): string {
  const account = DEMO_ACCOUNTS.find((a) => a.name === name);
  if (!account) throw new Error(`no demo staff account is called ${name}: use one of ${DEMO_ACCOUNTS.map((a) => a.name).join(', ')}`);
  return account.password;
}

export const BARISTA = { name: 'Sam', password: passwordOf('Sam') };
export const OPS = { name: 'Olu', password: passwordOf('Olu') };

function requestOf(target: Page | BrowserContext | APIRequestContext): APIRequestContext {
  if ('goto' in target) return target.context().request;
  if ('newPage' in target) return target.request;
  return target;
}

/** Signs in as `name` (default: Sam for barista, Olu for ops) and checks the account has `role`. */
export async function signInAsStaff(
  target: Page | BrowserContext | APIRequestContext,
  role: StaffRole,
  name = role === 'ops' ? OPS.name : BARISTA.name,
): Promise<void> {
  const res = await requestOf(target).post('/api/staff/session', { data: { name, password: passwordOf(name) } });
  const text = await res.text();
  expect(res.status(), `signing in as ${name}: ${text}`).toBe(200);
  expect(JSON.parse(text).staff.role, `${name}'s account is not ${role}`).toBe(role);
}

export async function signOutStaff(target: Page | BrowserContext | APIRequestContext): Promise<void> {
  expect((await requestOf(target).delete('/api/staff/session')).status()).toBe(204);
}

/** A page of its own, signed in as ops, on the failure switches (for specs that flip them). */
export async function openFailureSwitches(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  await signInAsStaff(context, 'ops');
  const page = await context.newPage();
  await page.goto('/ops/failures');
  await expect(page.getByRole('heading', { level: 1, name: 'Failure switches' })).toBeVisible();
  return page;
}
