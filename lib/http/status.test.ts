import { describe, expect, it } from 'vitest';
import { CODES, type Code, ERROR_CODES, isCode } from '../domain/shared/errors';
import { fail } from '../domain/shared/result';
import { HTTP_STATUS, statusOf } from './status';

describe('the error code registry', () => {
  it('holds codes shaped SCOPE.REASON (or a bare REASON about the request itself), each with its meaning', () => {
    expect(CODES.length).toBeGreaterThan(0);
    for (const code of CODES) {
      expect(code).toMatch(/^(?:[A-Z]+\.)?[A-Z][A-Z_]*[A-Z]$/);
      expect(ERROR_CODES[code].length).toBeGreaterThan(10);
    }
  });

  it('knows its own codes and nothing else', () => {
    expect(isCode('PAYMENT.DECLINED')).toBe(true);
    expect(isCode('PAYMENT.MAYBE')).toBe(false);
    expect(isCode('toString')).toBe(false);
    expect(isCode(402)).toBe(false);
  });
});

describe('the code → HTTP status table', () => {
  it('gives every registered code an error status, and has no row for anything else', () => {
    for (const code of CODES) {
      const status = statusOf(code);
      expect(status, code).toBeGreaterThanOrEqual(400);
      expect(status, code).toBeLessThan(600);
    }
    expect(Object.keys(HTTP_STATUS).sort()).toEqual([...CODES].sort());
  });

  it('keeps the statuses clients already rely on', () => {
    expect(statusOf('VALIDATION')).toBe(422);
    expect(statusOf('PAYMENT.DECLINED')).toBe(402);
    expect(statusOf('IDEMPOTENCY.MISMATCH')).toBe(409);
    expect(statusOf('TICKET.NOT_FOUND')).toBe(404);
    expect(statusOf('TICKET.CHANGED')).toBe(409);
    expect(statusOf('CART.NOT_IN_CART')).toBe(404);
    expect(statusOf('RATE_LIMITED')).toBe(429);
    expect(statusOf('UNAVAILABLE')).toBe(503);
    expect(statusOf('STAFF.SIGN_IN_REQUIRED')).toBe(401);
  });

  it('does not typecheck without a row for every code, or with a code nobody registered', () => {
    // Checked by `tsc --noEmit` (npm run typecheck): were either line accepted, the expect-error
    // directive above it would itself be reported as unused.
    // @ts-expect-error a table missing registered codes is refused
    const partial = { VALIDATION: 422 } satisfies Record<Code, number>;
    // @ts-expect-error a failure with an unregistered code is refused
    const unknown = fail('PAYMENT.MAYBE', 'Not a code.');
    expect(partial.VALIDATION).toBe(422);
    expect(unknown.ok).toBe(false);
  });
});
