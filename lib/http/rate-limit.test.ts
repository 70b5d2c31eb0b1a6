import { describe, expect, it } from 'vitest';
import { clientAddress, judge } from './rate-limit';

describe('judging the order rate', () => {
  const customer = (count: number, ttlMs = 30_000) => ({ scope: 'customer', count, max: 10, ttlMs });
  const address = (count: number, ttlMs = 50_000) => ({ scope: 'address', count, max: 30, ttlMs });

  it('lets orders through up to and including the limit', () => {
    expect(judge([customer(1), address(1)])).toEqual({ ok: true });
    expect(judge([customer(10), address(30)])).toEqual({ ok: true });
  });

  it('refuses the first order over a limit and says when the window ends (rounded up)', () => {
    expect(judge([customer(11, 12_300), address(11)])).toEqual({ ok: false, scope: 'customer', retryAfterS: 13 });
    expect(judge([customer(3), address(31, 59_001)])).toEqual({ ok: false, scope: 'address', retryAfterS: 60 });
  });

  it('when both are over, waits for the later window', () => {
    expect(judge([customer(11, 5_000), address(31, 40_000)])).toEqual({ ok: false, scope: 'address', retryAfterS: 40 });
    expect(judge([customer(11, 45_000), address(31, 40_000)])).toEqual({ ok: false, scope: 'customer', retryAfterS: 45 });
  });

  it('never says "retry after 0 seconds"', () => {
    expect(judge([customer(11, 0)])).toEqual({ ok: false, scope: 'customer', retryAfterS: 1 });
    expect(judge([customer(11, 1)])).toEqual({ ok: false, scope: 'customer', retryAfterS: 1 });
  });
});

describe('the client address', () => {
  it('is the first hop of X-Forwarded-For', () => {
    expect(clientAddress('203.0.113.7, 10.0.0.1')).toBe('203.0.113.7');
    expect(clientAddress('  2001:DB8::1 ,10.0.0.1')).toBe('2001:db8::1');
    expect(clientAddress('127.0.0.1')).toBe('127.0.0.1');
  });

  it('reads an IPv4 address carried in IPv6 as the IPv4 address', () => {
    expect(clientAddress('::ffff:127.0.0.1')).toBe('127.0.0.1');
  });

  it('is "unknown" for anything that is not an address (never a key an attacker shapes)', () => {
    expect(clientAddress(null)).toBe('unknown');
    expect(clientAddress('')).toBe('unknown');
    expect(clientAddress('evil:*:key, 1.2.3.4')).toBe('unknown');
    expect(clientAddress('a'.repeat(100))).toBe('unknown');
  });
});
