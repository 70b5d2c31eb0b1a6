// Staff authentication that holds, against the running shop (see lib/auth/*):
//  - one account per person, the role comes with it: a barista's password opens the board, not
//    /ops, and is not the ops account's password;
//  - signing out (the API's DELETE or the page's button) revokes the session on the server, so a
//    copy of the old cookie is refused afterwards;
//  - guessing is held back: 429 with Retry-After after too many failures for one name, and the
//    page says so;
//  - a production web server without a SESSION_SECRET refuses to start.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { expect, test } from '@playwright/test';
import { BARISTA, OPS } from './support/staff';

/** One request with Node's fetch: no cookie jar, redirects not followed. */
async function call(baseURL: string, route: string, init: { method?: string; cookie?: string; json?: unknown } = {}) {
  const headers: Record<string, string> = {};
  if (init.cookie) headers.cookie = init.cookie;
  if (init.json !== undefined) {
    headers['content-type'] = 'application/json';
    headers.origin = new URL(baseURL).origin;
  }
  if (init.method === 'DELETE') headers.origin = new URL(baseURL).origin;
  const res = await fetch(new URL(route, baseURL), {
    method: init.method ?? 'GET',
    headers,
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
    redirect: 'manual',
  });
  return { status: res.status, headers: res.headers, body: await res.text() };
}

/** Signs in through the API and returns the cookie, as a script (or a thief with a copy) holds it. */
async function staffCookie(baseURL: string, who: { name: string; password: string }): Promise<string> {
  const res = await call(baseURL, '/api/staff/session', { method: 'POST', json: who });
  expect(res.status, res.body).toBe(200);
  const cookie = /cs_staff=[^;]+/.exec(res.headers.get('set-cookie') ?? '')?.[0];
  expect(cookie, 'the sign-in sets the staff cookie').toBeDefined();
  return cookie!;
}

test.describe('one account per person, the role comes from it', () => {
  test("a barista's password opens the board but not /ops, whatever role is asked for", async ({ page, baseURL }) => {
    // Asking for ops does not make a barista ops: the account says barista.
    const asked = await call(baseURL!, '/api/staff/session', { method: 'POST', json: { ...BARISTA, role: 'ops' } });
    expect(asked.status).toBe(200);
    expect(JSON.parse(asked.body).staff).toEqual({ name: BARISTA.name, role: 'barista' });
    const cookie = /cs_staff=[^;]+/.exec(asked.headers.get('set-cookie') ?? '')![0];
    expect((await call(baseURL!, '/api/ops/switches', { cookie })).status).toBe(403);

    // The barista's password is not the ops account's.
    const borrowed = await call(baseURL!, '/api/staff/session', { method: 'POST', json: { name: OPS.name, password: BARISTA.password } });
    expect(borrowed.status).toBe(401);
    expect(JSON.parse(borrowed.body)).toMatchObject({ error: { code: 'STAFF.WRONG_PASSWORD' } });

    // In the browser: name and password only, no role to choose.
    await page.goto('/staff/login?next=%2Fops');
    await expect(page.getByRole('radio')).toHaveCount(0);
    await page.getByLabel('Your name').fill(BARISTA.name);
    await page.getByLabel('Staff password').fill(BARISTA.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/staff\/login\?next=%2Fops$/); // /ops sent the barista back
    await expect(page.getByText('is for ops staff only')).toBeVisible();
    await expect(page.getByRole('button', { name: `Sign out (${BARISTA.name}, barista)` })).toBeVisible();
    await page.goto('/barista');
    await expect(page.getByRole('heading', { level: 1, name: 'Barista board' })).toBeVisible();
  });
});

test.describe('signing out is final', () => {
  test('after DELETE /api/staff/session, a kept copy of the cookie is refused', async ({ baseURL }) => {
    const cookie = await staffCookie(baseURL!, BARISTA);
    expect((await call(baseURL!, '/api/barista/board', { cookie })).status).toBe(200);

    expect((await call(baseURL!, '/api/staff/session', { method: 'DELETE', cookie })).status).toBe(204);

    const replayed = await call(baseURL!, '/api/barista/board', { cookie });
    expect(replayed.status).toBe(401);
    expect(JSON.parse(replayed.body)).toMatchObject({ error: { code: 'STAFF.SIGN_IN_REQUIRED' } });
    expect(JSON.parse((await call(baseURL!, '/api/staff/session', { cookie })).body)).toEqual({ staff: null });
    // The page refuses it too: the proxy checks only the signature and lets it by, the page checks
    // the session and sends it to sign in (a redirect inside the streamed page; the browser test
    // below follows one) without rendering the board.
    const board = await call(baseURL!, '/barista', { cookie });
    expect(board.body).toContain('/staff/login?next=%2Fbarista');
    expect(board.body).not.toMatch(/<h1[^>]*>Barista board<\/h1>/);
  });

  test("after the page's Sign out button, the browser's old cookie is refused", async ({ page, context, baseURL }) => {
    await page.goto('/staff/login?next=%2Fops');
    await page.getByLabel('Your name').fill(OPS.name);
    await page.getByLabel('Staff password').fill(OPS.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('button', { name: `Sign out (${OPS.name}, ops)` })).toBeVisible();
    const kept = (await context.cookies()).find((c) => c.name === 'cs_staff');
    expect(kept).toBeDefined();
    const cookie = `cs_staff=${kept!.value}`;
    expect((await call(baseURL!, '/api/ops/switches', { cookie })).status).toBe(200);

    await page.getByRole('button', { name: `Sign out (${OPS.name}, ops)` }).click();
    await expect(page.getByRole('link', { name: 'Staff sign in' })).toBeVisible();

    expect((await call(baseURL!, '/api/ops/switches', { cookie })).status).toBe(401);
    // Putting the old cookie back into the browser does not sign it in again.
    await context.addCookies([{ name: 'cs_staff', value: kept!.value, url: baseURL! }]);
    await page.goto('/ops');
    await expect(page).toHaveURL(/\/staff\/login\?next=%2Fops/); // /ops may lead on to one of its pages first
    await expect(page.getByRole('heading', { level: 1, name: 'Staff sign in' })).toBeVisible();
    await expect(page.getByRole('button', { name: /^Sign out/ })).toHaveCount(0);
  });
});

test.describe('guessing passwords', () => {
  // lib/config.ts's default: 5 failures per name per 15 minutes. The name is new for each run, so
  // no real account is locked for the other specs.
  const PER_NAME = 5;

  test('too many failures for one name: 429 with Retry-After, and the page says to wait', async ({ page, baseURL }) => {
    const name = `Guesser ${randomBytes(3).toString('hex')}`;
    for (let i = 0; i < PER_NAME; i++) {
      const wrong = await call(baseURL!, '/api/staff/session', { method: 'POST', json: { name, password: `guess-number-${i}` } });
      expect(wrong.status, wrong.body).toBe(401);
    }
    const held = await call(baseURL!, '/api/staff/session', { method: 'POST', json: { name, password: 'guess-number-last' } });
    expect(held.status).toBe(429);
    const retryAfter = Number(held.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(JSON.parse(held.body)).toMatchObject({ error: { code: 'STAFF.TOO_MANY_ATTEMPTS', retryAfterS: retryAfter } });
    expect(held.headers.get('set-cookie') ?? '').not.toContain('cs_staff');

    await page.goto('/staff/login');
    await page.getByLabel('Your name').fill(name);
    await page.getByLabel('Staff password').fill('guess-from-the-page');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Too many' })).toContainText(
      /Too many failed sign-ins for this name\. Wait \d+ s/,
    );

    // Everybody else still signs in from the same address.
    await staffCookie(baseURL!, BARISTA);
  });
});

// --- start-up -------------------------------------------------------------------------------------

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

test('a production web server without SESSION_SECRET refuses to start, and says why', async () => {
  test.setTimeout(90_000);
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' };
  for (const name of ['SESSION_SECRET', 'STAFF_ACCOUNTS', 'ALLOW_DEMO_CREDENTIALS', 'STAFF_PASSWORD']) delete env[name];
  const port = await freePort();
  // The build the shop under test runs from (scripts/e2e-server.ts made it before the specs).
  const child = spawn('node_modules/.bin/next', ['start', '-p', String(port), '-H', '127.0.0.1'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d));
  child.stderr.on('data', (d: Buffer) => (output += d));
  try {
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    expect(code, output).toBe(1);
    expect(output).toContain('refusing to start');
    expect(output).toContain('SESSION_SECRET is not set');
    expect(output).toContain('STAFF_ACCOUNTS is not set');
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
});
