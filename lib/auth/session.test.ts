import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SESSION_MAX_AGE_S, mayEnter, passwordMatches, sessionSecretFrom, signSession, verifySession } from './session';

const SECRET = 'a-test-secret-that-is-long-enough';
const NOW = new Date('2026-03-01T09:00:00Z');
const later = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const macOf = (payload: string, secret: string) => createHmac('sha256', secret).update(payload).digest('base64url');

describe('staff sessions', () => {
  it('round-trips a signed session until it expires', () => {
    const token = signSession({ role: 'barista', name: 'Sam' }, NOW, SECRET);
    expect(verifySession(token, NOW, SECRET)).toEqual({ role: 'barista', name: 'Sam', exp: NOW.getTime() / 1000 + SESSION_MAX_AGE_S });
    expect(verifySession(token, later(SESSION_MAX_AGE_S - 1), SECRET)).not.toBeNull();
  });

  it('refuses an expired session', () => {
    const token = signSession({ role: 'ops', name: 'Olu' }, NOW, SECRET);
    expect(verifySession(token, later(SESSION_MAX_AGE_S), SECRET)).toBeNull();
    expect(verifySession(token, later(SESSION_MAX_AGE_S + 3600), SECRET)).toBeNull();
  });

  it('refuses a session signed with another secret', () => {
    const token = signSession({ role: 'ops', name: 'Olu' }, NOW, 'another-secret-of-sixteen-plus');
    expect(verifySession(token, NOW, SECRET)).toBeNull();
  });

  it('refuses a tampered payload (a barista who makes themselves ops)', () => {
    const token = signSession({ role: 'barista', name: 'Sam' }, NOW, SECRET);
    const [, signature] = token.split('.');
    const forgedPayload = b64({ role: 'ops', name: 'Sam', exp: NOW.getTime() / 1000 + SESSION_MAX_AGE_S });
    expect(verifySession(`${forgedPayload}.${signature}`, NOW, SECRET)).toBeNull();
  });

  it('refuses a tampered signature, a missing one, and extra parts', () => {
    const token = signSession({ role: 'barista', name: 'Sam' }, NOW, SECRET);
    const [payload, signature] = token.split('.') as [string, string];
    const flipped = `${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`;
    expect(verifySession(`${payload}.${flipped}`, NOW, SECRET)).toBeNull();
    expect(verifySession(`${payload}.`, NOW, SECRET)).toBeNull();
    expect(verifySession(payload, NOW, SECRET)).toBeNull();
    expect(verifySession(`${token}.x`, NOW, SECRET)).toBeNull();
    expect(verifySession(`${payload}.${signature.slice(0, 10)}`, NOW, SECRET)).toBeNull();
  });

  it('refuses forged tokens: unsigned, junk, oversized, or well signed but malformed', () => {
    expect(verifySession(undefined, NOW, SECRET)).toBeNull();
    expect(verifySession('', NOW, SECRET)).toBeNull();
    expect(verifySession('not-a-token', NOW, SECRET)).toBeNull();
    expect(verifySession(`${'a'.repeat(2000)}.b`, NOW, SECRET)).toBeNull();
    const exp = NOW.getTime() / 1000 + 60;
    // Correctly signed (as if the secret leaked into a test), but not a session: still refused.
    for (const body of [{ role: 'admin', name: 'Eve', exp }, { role: 'ops', name: '', exp }, { role: 'ops', name: 'Eve' }, 'ops']) {
      const payload = b64(body);
      expect(verifySession(`${payload}.${macOf(payload, SECRET)}`, NOW, SECRET)).toBeNull();
    }
    const notJson = Buffer.from('{nope').toString('base64url');
    expect(verifySession(`${notJson}.${macOf(notJson, SECRET)}`, NOW, SECRET)).toBeNull();
  });

  it('lets ops enter everything and baristas only the barista board', () => {
    expect(mayEnter('ops', 'ops')).toBe(true);
    expect(mayEnter('ops', 'barista')).toBe(true);
    expect(mayEnter('barista', 'barista')).toBe(true);
    expect(mayEnter('barista', 'ops')).toBe(false);
  });
});

describe('the session secret', () => {
  it('is SESSION_SECRET when set', () => {
    expect(sessionSecretFrom({ SESSION_SECRET: 'explicit-secret-123456', STAFF_PASSWORD: 'pw-12345678' })).toBe('explicit-secret-123456');
  });

  it('is otherwise derived from the password: stable, not the password, and changes with it', () => {
    const a = sessionSecretFrom({ STAFF_PASSWORD: 'barista-and-ops' });
    expect(a).toBe(sessionSecretFrom({ STAFF_PASSWORD: 'barista-and-ops' }));
    expect(a).not.toContain('barista-and-ops');
    expect(a.length).toBeGreaterThanOrEqual(32);
    expect(sessionSecretFrom({ STAFF_PASSWORD: 'another-password' })).not.toBe(a);
    // A session signed under the old password's secret is refused after a password change.
    const token = signSession({ role: 'ops', name: 'Olu' }, NOW, a);
    expect(verifySession(token, NOW, sessionSecretFrom({ STAFF_PASSWORD: 'another-password' }))).toBeNull();
  });
});

describe('the password check', () => {
  it('accepts only the exact password, whatever the lengths', () => {
    expect(passwordMatches('barista-and-ops', 'barista-and-ops')).toBe(true);
    expect(passwordMatches('barista-and-op', 'barista-and-ops')).toBe(false);
    expect(passwordMatches('barista-and-opsx', 'barista-and-ops')).toBe(false);
    expect(passwordMatches('', 'barista-and-ops')).toBe(false);
    expect(passwordMatches('BARISTA-AND-OPS', 'barista-and-ops')).toBe(false);
  });
});
