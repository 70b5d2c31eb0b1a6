import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SESSION_MAX_AGE_S, mayEnter, sessionSecretProblem, signSession, verifySession } from './session';

const SECRET = 'a-test-secret-that-is-long-enough';
const NOW = new Date('2026-03-01T09:00:00Z');
const later = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);
const ENDS = later(SESSION_MAX_AGE_S);
const SID = '5b0f3c1e-7a4d-4c1b-9e2f-0a1b2c3d4e5f';
const sam = { sid: SID, role: 'barista' as const, name: 'Sam' };
const olu = { sid: SID, role: 'ops' as const, name: 'Olu' };

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const macOf = (payload: string, secret: string) => createHmac('sha256', secret).update(payload).digest('base64url');

describe('staff sessions', () => {
  it('round-trips a signed session until it expires', () => {
    const token = signSession(sam, ENDS, SECRET);
    expect(verifySession(token, NOW, SECRET)).toEqual({
      sid: SID,
      role: 'barista',
      name: 'Sam',
      exp: NOW.getTime() / 1000 + SESSION_MAX_AGE_S,
    });
    expect(verifySession(token, later(SESSION_MAX_AGE_S - 1), SECRET)).not.toBeNull();
  });

  it('refuses an expired session', () => {
    const token = signSession(olu, ENDS, SECRET);
    expect(verifySession(token, later(SESSION_MAX_AGE_S), SECRET)).toBeNull();
    expect(verifySession(token, later(SESSION_MAX_AGE_S + 3600), SECRET)).toBeNull();
  });

  it('refuses a session signed with another secret', () => {
    const token = signSession(olu, ENDS, 'another-secret-of-sixteen-plus');
    expect(verifySession(token, NOW, SECRET)).toBeNull();
  });

  it('refuses a tampered payload (a barista who makes themselves ops)', () => {
    const token = signSession(sam, ENDS, SECRET);
    const [, signature] = token.split('.');
    const forgedPayload = b64({ sid: SID, role: 'ops', name: 'Sam', exp: NOW.getTime() / 1000 + SESSION_MAX_AGE_S });
    expect(verifySession(`${forgedPayload}.${signature}`, NOW, SECRET)).toBeNull();
  });

  it('refuses a tampered signature, a missing one, and extra parts', () => {
    const token = signSession(sam, ENDS, SECRET);
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
    for (const body of [
      { sid: SID, role: 'admin', name: 'Eve', exp },
      { sid: SID, role: 'ops', name: '', exp },
      { sid: SID, role: 'ops', name: 'Eve' },
      { role: 'ops', name: 'Eve', exp }, // the old cookie shape, naming no session
      { sid: 'not-a-uuid', role: 'ops', name: 'Eve', exp },
      'ops',
    ]) {
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
  it('accepts 32 random bytes written as hex, base64 or base64url', () => {
    const bytes = randomBytes(32);
    for (const secret of [bytes.toString('hex'), bytes.toString('base64'), bytes.toString('base64url')]) {
      expect(sessionSecretProblem(secret)).toBeNull();
    }
  });

  it('refuses anything shorter than 32 bytes', () => {
    expect(sessionSecretProblem(randomBytes(31).toString('base64url'))).toMatch(/at least 32/);
    expect(sessionSecretProblem(randomBytes(16).toString('hex'))).toMatch(/16 bytes/);
    expect(sessionSecretProblem('')).not.toBeNull();
  });

  it('refuses a passphrase, a password and a long run of one character', () => {
    expect(sessionSecretProblem('correct horse battery staple and a long tail')).toMatch(/hex or base64/);
    expect(sessionSecretProblem('barista-and-ops')).not.toBeNull();
    expect(sessionSecretProblem('a'.repeat(64))).toMatch(/random/);
    expect(sessionSecretProblem('abab'.repeat(20))).toMatch(/random/);
  });
});
