// Signing in as staff for a spec: the same signed cookie /staff/login sets, obtained through
// POST /api/staff/session so a test does not have to click through the form first. Works on a
// page, a browser context (its pages share the cookie) or an API request context.
import { type APIRequestContext, type BrowserContext, type Page, expect } from '@playwright/test';

export type StaffRole = 'barista' | 'ops';

/** The demo password: scripts/e2e-server.ts passes the environment on, so the default holds. */
export const STAFF_PASSWORD = process.env.STAFF_PASSWORD ?? 'barista-and-ops';

function requestOf(target: Page | BrowserContext | APIRequestContext): APIRequestContext {
  if ('goto' in target) return target.context().request;
  if ('newPage' in target) return target.request;
  return target;
}

export async function signInAsStaff(
  target: Page | BrowserContext | APIRequestContext,
  role: StaffRole,
  name = role === 'ops' ? 'Olu (ops)' : 'Sam (barista)',
): Promise<void> {
  const res = await requestOf(target).post('/api/staff/session', { data: { role, name, password: STAFF_PASSWORD } });
  expect(res.status(), `signing in as ${role}: ${await res.text()}`).toBe(200);
}

export async function signOutStaff(target: Page | BrowserContext | APIRequestContext): Promise<void> {
  expect((await requestOf(target).delete('/api/staff/session')).status()).toBe(204);
}
