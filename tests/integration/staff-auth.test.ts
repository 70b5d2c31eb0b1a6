// Staff authentication against real PostgreSQL and Redis, and real processes for start-up:
//  - the role comes from the account, never from what the caller asks for;
//  - a session lives in staff_sessions, and revoking it is final (the signed cookie alone is not
//    enough any more);
//  - guessing is held back per name and per address, successes do not use up the budget;
//  - the seed keeps staff_members in step with STAFF_ACCOUNTS;
//  - production processes refuse public passwords, STAFF_PASSWORD and weak or missing secrets.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Shop } from '../support/shop';
import { openShop } from '../support/shop';

let shop: Shop;
let auth: typeof import('../../lib/auth/sign-in');
let store: typeof import('../../lib/auth/store');
let session: typeof import('../../lib/auth/session');
let secret: typeof import('../../lib/auth/secret');
let demo: typeof import('../../lib/auth/staff-accounts');

const PER_NAME = 3;
const PER_ADDRESS = 6;

beforeAll(async () => {
  shop = await openShop('staff_auth', {
    STAFF_SIGN_IN_LIMIT_PER_NAME: String(PER_NAME),
    STAFF_SIGN_IN_LIMIT_PER_ADDRESS: String(PER_ADDRESS),
    STAFF_SIGN_IN_WINDOW_S: '60',
  });
  auth = await import('../../lib/auth/sign-in');
  store = await import('../../lib/auth/store');
  session = await import('../../lib/auth/session');
  secret = await import('../../lib/auth/secret');
  demo = await import('../../lib/auth/staff-accounts');
});

afterAll(async () => {
  const { commandRedis, waitForRedis } = await import('../../lib/queue/redis');
  await waitForRedis(commandRedis(), 5_000); // not yet connected when only the start-up tests ran
  const keys = await commandRedis().keys(`${shop.env.QUEUE_PREFIX}:*`);
  if (keys.length) await commandRedis().del(...keys);
  await shop?.close();
});

let nextAddress = 1;
/** A client address of its own for each test, so the per-address budget is the test's alone. */
const freshAddress = () => `198.51.100.${nextAddress++}`;
const passwordOf = (name: string) => demo.DEMO_ACCOUNTS.find((a) => a.name === name)!.password;

async function signInOk(name: string, password: string, address = freshAddress()) {
  const result = await auth.signIn({ name, password }, { address, now: new Date() });
  if (!result.ok) throw new Error(`${name} could not sign in: ${result.error.code}`);
  return result.value;
}

describe('one account per person', () => {
  it('gives the account its own role, whatever role the caller asks for', async () => {
    const barista = await auth.signIn(
      { role: 'ops', name: 'Sam', password: passwordOf('Sam') },
      { address: freshAddress(), now: new Date() },
    );
    expect(barista).toMatchObject({ ok: true, value: { staff: { name: 'Sam', role: 'barista' } } });
    const ops = await signInOk('olu', passwordOf('Olu')); // names are not case-sensitive
    expect(ops.staff).toEqual({ name: 'Olu', role: 'ops' });
  });

  it("refuses a barista's password for the ops account, and an unknown name, the same way", async () => {
    const address = freshAddress();
    for (const attempt of [
      { name: 'Olu', password: passwordOf('Sam') },
      { name: 'Nobody', password: passwordOf('Olu') },
    ]) {
      const result = await auth.signIn(attempt, { address, now: new Date() });
      expect(result).toMatchObject({ ok: false, error: { code: 'STAFF.WRONG_PASSWORD' } });
    }
  });

  it('asks for a name and a password before counting anything', async () => {
    const result = await auth.signIn({ name: ' ', password: '' }, { address: freshAddress(), now: new Date() });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fields: { name: 'Enter your name.', password: 'Enter your password.' } },
    });
  });
});

describe('server-side sessions', () => {
  it('signs a cookie naming a live session row, with the account role and expiry', async () => {
    const signedIn = await signInOk('Ada', passwordOf('Ada'));
    const token = session.verifySession(signedIn.token, new Date(), secret.sessionSecret());
    expect(token).toMatchObject({ role: 'barista', name: 'Ada', exp: Math.floor(signedIn.expiresAt.getTime() / 1000) });
    expect(await store.liveSession(token!.sid, new Date())).toMatchObject({ name: 'Ada', role: 'barista' });
  });

  it('is refused once revoked, though the cookie still carries a good signature', async () => {
    const signedIn = await signInOk('Bo', passwordOf('Bo'));
    const { sid } = session.verifySession(signedIn.token, new Date(), secret.sessionSecret())!;
    expect(await store.revokeSession(sid, new Date())).toBe(true);
    expect(await store.revokeSession(sid, new Date())).toBe(false); // a second sign-out changes nothing
    expect(session.verifySession(signedIn.token, new Date(), secret.sessionSecret())).not.toBeNull();
    expect(await store.liveSession(sid, new Date())).toBeNull();
    // Another session of the same person is untouched.
    const other = await signInOk('Bo', passwordOf('Bo'));
    const otherSid = session.verifySession(other.token, new Date(), secret.sessionSecret())!.sid;
    expect(await store.liveSession(otherSid, new Date())).not.toBeNull();
  });

  it('ends at its expiry', async () => {
    const signedIn = await signInOk('Sam', passwordOf('Sam'));
    const { sid } = session.verifySession(signedIn.token, new Date(), secret.sessionSecret())!;
    expect(await store.liveSession(sid, new Date(signedIn.expiresAt.getTime() - 1000))).not.toBeNull();
    expect(await store.liveSession(sid, signedIn.expiresAt)).toBeNull();
  });

  it('goes from the table when its person next signs in after it expired', async () => {
    const { db } = await import('../../lib/db/client');
    const first = await signInOk('Ada', passwordOf('Ada'));
    const { sid } = session.verifySession(first.token, new Date(), secret.sessionSecret())!;
    const later = new Date(first.expiresAt.getTime() + 1000);
    await auth.signIn({ name: 'Ada', password: passwordOf('Ada') }, { address: freshAddress(), now: later });
    expect(await db().staffSession.count({ where: { id: sid } })).toBe(0);
    expect(await db().staffSession.count({ where: { staff: { login: 'ada' }, expiresAt: { gt: later } } })).toBeGreaterThan(0);
  });
});

describe('guessing passwords', () => {
  it(`holds back a name after ${PER_NAME} failures, even with the right password, with the time to wait`, async () => {
    const address = freshAddress();
    await signInOk('Olu', passwordOf('Olu')); // starts the name afresh (an earlier test failed once)
    for (let i = 0; i < PER_NAME; i++) {
      expect(await auth.signIn({ name: 'Olu', password: `guess-${i}-wrong` }, { address: freshAddress(), now: new Date() })).toMatchObject({
        error: { code: 'STAFF.WRONG_PASSWORD' },
      });
    }
    const held = await auth.signIn({ name: 'OLU', password: passwordOf('Olu') }, { address, now: new Date() });
    expect(held).toMatchObject({ ok: false, error: { code: 'STAFF.TOO_MANY_ATTEMPTS' } });
    expect(held.ok === false && held.error.retryAfterS).toBeGreaterThanOrEqual(1);
    expect(held.ok === false && held.error.retryAfterS).toBeLessThanOrEqual(60);
    expect(held.ok === false && held.error.message).toMatch(/for this name/);
    // Somebody else, from the same address, is not held back.
    await signInOk('Ada', passwordOf('Ada'), address);
  });

  it(`holds back an address after ${PER_ADDRESS} failures across names`, async () => {
    const address = freshAddress();
    for (let i = 0; i < PER_ADDRESS; i++) {
      expect(await auth.signIn({ name: `spray-${i}`, password: 'barista-demo' }, { address, now: new Date() })).toMatchObject({
        error: { code: 'STAFF.WRONG_PASSWORD' },
      });
    }
    const held = await auth.signIn({ name: 'Sam', password: passwordOf('Sam') }, { address, now: new Date() });
    expect(held).toMatchObject({ ok: false, error: { code: 'STAFF.TOO_MANY_ATTEMPTS', retryAfterS: expect.any(Number) } });
    expect(held.ok === false && held.error.message).toMatch(/from your network/);
  });

  it('counts parallel guesses before checking them, so none slips past the limit', async () => {
    const address = freshAddress();
    const results = await Promise.all(
      Array.from({ length: PER_NAME + 4 }, (_, i) =>
        auth.signIn({ name: 'Bo', password: `parallel-${i}` }, { address: `${address}${i}`, now: new Date() }),
      ),
    );
    expect(results.filter((r) => !r.ok && r.error.code === 'STAFF.WRONG_PASSWORD')).toHaveLength(PER_NAME);
    expect(results.filter((r) => !r.ok && r.error.code === 'STAFF.TOO_MANY_ATTEMPTS')).toHaveLength(4);
    const { resetHits } = await import('../../lib/http/limits');
    await resetHits([auth.attemptKeys('Bo', address).name]); // leave Bo able to sign in for the other tests
  });

  it('lets staff sign in all day from one address, and a success clears the name', async () => {
    const address = freshAddress();
    for (let i = 0; i < PER_ADDRESS + 3; i++) await signInOk('Sam', passwordOf('Sam'), address);
    // Two failures, a success, then the name has its full budget again.
    for (let i = 0; i < PER_NAME - 1; i++)
      await auth.signIn({ name: 'Ada', password: 'not-it-at-all' }, { address: freshAddress(), now: new Date() });
    await signInOk('Ada', passwordOf('Ada'));
    for (let i = 0; i < PER_NAME - 1; i++)
      await auth.signIn({ name: 'Ada', password: 'not-it-at-all' }, { address: freshAddress(), now: new Date() });
    await signInOk('Ada', passwordOf('Ada'));
  });

  it('keeps its counters under the queue prefix, each with an expiry', async () => {
    const { commandRedis } = await import('../../lib/queue/redis');
    const keys = await commandRedis().keys(`${shop.env.QUEUE_PREFIX}:rate:staff-sign-in:*`);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(await commandRedis().pttl(key)).toBeGreaterThan(0);
  });
});

describe('the seed keeps staff_members in step with STAFF_ACCOUNTS', () => {
  it('adds, re-keys and removes people; a new password or role ends their sessions', async () => {
    const accounts = [
      { name: 'Kim', role: 'barista' as const, password: 'kim-first-password' },
      { name: 'Lee', role: 'ops' as const, password: 'lee-first-password' },
    ];
    expect(await store.syncStaffAccounts([...demo.DEMO_ACCOUNTS, ...accounts])).toEqual({ added: 2, changed: 0, removed: 0 });
    const kim = await signInOk('Kim', 'kim-first-password');
    const lee = await signInOk('Lee', 'lee-first-password');
    const sidOf = (token: string) => session.verifySession(token, new Date(), secret.sessionSecret())!.sid;

    // The same list again: nothing changes, everybody stays signed in.
    expect(await store.syncStaffAccounts([...demo.DEMO_ACCOUNTS, ...accounts])).toEqual({ added: 0, changed: 0, removed: 0 });
    expect(await store.liveSession(sidOf(kim.token), new Date())).not.toBeNull();

    // Kim's password changes, Lee moves to the barista board: both are signed out.
    const changed = [
      { name: 'Kim', role: 'barista' as const, password: 'kim-second-password' },
      { name: 'Lee', role: 'barista' as const, password: 'lee-first-password' },
    ];
    expect(await store.syncStaffAccounts([...demo.DEMO_ACCOUNTS, ...changed])).toEqual({ added: 0, changed: 2, removed: 0 });
    expect(await store.liveSession(sidOf(kim.token), new Date())).toBeNull();
    expect(await store.liveSession(sidOf(lee.token), new Date())).toBeNull();
    expect(await auth.signIn({ name: 'Kim', password: 'kim-first-password' }, { address: freshAddress(), now: new Date() })).toMatchObject({
      error: { code: 'STAFF.WRONG_PASSWORD' },
    });
    expect((await signInOk('Lee', 'lee-first-password')).staff.role).toBe('barista');

    // Off the list: gone, sessions and all.
    const kimAgain = await signInOk('Kim', 'kim-second-password');
    expect(await store.syncStaffAccounts(demo.DEMO_ACCOUNTS)).toEqual({ added: 0, changed: 0, removed: 2 });
    expect(await store.liveSession(sidOf(kimAgain.token), new Date())).toBeNull();
    expect(await auth.signIn({ name: 'Kim', password: 'kim-second-password' }, { address: freshAddress(), now: new Date() })).toMatchObject(
      {
        error: { code: 'STAFF.WRONG_PASSWORD' },
      },
    );
  });
});

// --- start-up -----------------------------------------------------------------------------------

const STRONG_SECRET = randomBytes(32).toString('base64');
const REAL_ACCOUNTS = 'Kim:barista:kim-own-long-password,Lee:ops:lee-own-long-password';

/** The shop's environment without any staff settings from this machine, plus `extra`. */
function envWith(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...shop.env, ...extra };
  for (const name of ['STAFF_PASSWORD', 'STAFF_ACCOUNTS', 'SESSION_SECRET', 'ALLOW_DEMO_CREDENTIALS']) {
    if (!(name in extra)) delete env[name];
  }
  return env;
}

/**
 * Runs a process until it exits or `aliveAfterMs` passes (then stops it): its exit code (null if
 * it was still running) and its output.
 */
function runFor(args: string[], env: NodeJS.ProcessEnv, aliveAfterMs = 20_000): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('node_modules/.bin/tsx', args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d));
    child.stderr.on('data', (d: Buffer) => (output += d));
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      resolve({ code: null, output });
    }, aliveAfterMs);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('production refuses unsafe staff settings at start-up', () => {
  it('the relay refuses a public demo password in STAFF_ACCOUNTS, naming the account', async () => {
    const run = await runFor(
      ['workers/relay.ts'],
      envWith({
        NODE_ENV: 'production',
        SESSION_SECRET: STRONG_SECRET,
        STAFF_ACCOUNTS: `Olu:ops:${passwordOf('Olu')},Kim:barista:kim-own-long-password`,
      }),
    );
    expect(run.code).not.toBe(0);
    expect(run.code).not.toBeNull();
    expect(run.output).toContain('STAFF_ACCOUNTS: Olu has a public demo password; production refuses it');
    expect(run.output).not.toContain('Kim has');
  });

  it('the relay refuses the old STAFF_PASSWORD and a weak SESSION_SECRET', async () => {
    const run = await runFor(
      ['workers/relay.ts'],
      envWith({
        NODE_ENV: 'production',
        STAFF_PASSWORD: 'barista-and-ops',
        SESSION_SECRET: 'sixteen-chars-ok',
        STAFF_ACCOUNTS: REAL_ACCOUNTS,
      }),
    );
    expect(run.code).not.toBe(0);
    expect(run.code).not.toBeNull();
    expect(run.output).toContain('STAFF_PASSWORD: no longer used');
    expect(run.output).toMatch(/SESSION_SECRET: (is \d+ bytes|must be hex or base64)/);
  });

  it('the relay starts with real accounts and a random secret', async () => {
    const run = await runFor(
      ['workers/relay.ts'],
      envWith({ NODE_ENV: 'production', SESSION_SECRET: STRONG_SECRET, STAFF_ACCOUNTS: REAL_ACCOUNTS }),
      6_000,
    );
    expect(run.output).not.toContain('Invalid configuration');
    expect(run.code).toBeNull(); // still running when stopped
  });

  it('the web start-up hook refuses production without SESSION_SECRET or real accounts, and passes a demo that says so', async () => {
    const register = ['-e', "import('./instrumentation.ts').then((m) => m.register()).then(() => console.log('registered'))"];
    const bare = await runFor(register, envWith({ NODE_ENV: 'production', NEXT_RUNTIME: 'nodejs' }));
    expect(bare.code).toBe(1);
    expect(bare.output).toContain('refusing to start');
    expect(bare.output).toContain('SESSION_SECRET is not set');
    expect(bare.output).toContain('STAFF_ACCOUNTS is not set');

    const real = await runFor(
      register,
      envWith({ NODE_ENV: 'production', NEXT_RUNTIME: 'nodejs', SESSION_SECRET: STRONG_SECRET, STAFF_ACCOUNTS: REAL_ACCOUNTS }),
    );
    expect(real).toMatchObject({ code: 0, output: expect.stringContaining('registered') });

    const demoRun = await runFor(
      register,
      envWith({ NODE_ENV: 'production', NEXT_RUNTIME: 'nodejs', SESSION_SECRET: STRONG_SECRET, ALLOW_DEMO_CREDENTIALS: '1' }),
    );
    expect(demoRun.code).toBe(0);
    expect(demoRun.output).toContain('ALLOW_DEMO_CREDENTIALS=1');
  });

  it('the seed will not create the demo accounts in production unless allowed', async () => {
    const run = await runFor(['prisma/seed.ts'], envWith({ NODE_ENV: 'production' }));
    expect(run.code).not.toBe(0);
    expect(run.code).not.toBeNull();
    expect(run.output).toContain('STAFF_ACCOUNTS is not set');
  });
});
