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
  // The web process appends the socket's address (socket-address-preload.mjs), so the list
  // always ends with the peer.
  it('with no trusted proxy, is the socket (right-most entry) whatever the client wrote before it', () => {
    expect(clientAddress('203.0.113.7, 10.0.0.1')).toBe('10.0.0.1');
    expect(clientAddress('1.2.3.4, 5.6.7.8, 127.0.0.1', 0)).toBe('127.0.0.1');
    expect(clientAddress('127.0.0.1')).toBe('127.0.0.1');
  });

  it('with N trusted proxies, is the N-th entry from the right', () => {
    expect(clientAddress('6.6.6.6, 203.0.113.7, 10.0.0.1', 1)).toBe('203.0.113.7');
    expect(clientAddress('6.6.6.6, 203.0.113.7, 10.0.0.2, 10.0.0.1', 2)).toBe('203.0.113.7');
    expect(clientAddress('  2001:DB8::1 ,10.0.0.1', 1)).toBe('2001:db8::1');
  });

  it('with fewer entries than trusted proxies, is the left-most one', () => {
    expect(clientAddress('127.0.0.1', 1)).toBe('127.0.0.1');
    expect(clientAddress('203.0.113.7, 127.0.0.1', 5)).toBe('203.0.113.7');
  });

  it('reads an IPv4 address carried in IPv6 as the IPv4 address', () => {
    expect(clientAddress('::ffff:127.0.0.1')).toBe('127.0.0.1');
  });

  it('is "unknown" for anything that is not an address (never a key an attacker shapes)', () => {
    expect(clientAddress(null)).toBe('unknown');
    expect(clientAddress('')).toBe('unknown');
    expect(clientAddress('1.2.3.4, evil:*:key', 0)).toBe('unknown');
    expect(clientAddress('a'.repeat(100))).toBe('unknown');
  });
});
