// The waits that decide between "queue for a connection" and "answer 503": a burst must queue for
// as long as a connection can legitimately be held, and Prisma's own wait must give out first, so
// that what a caller sees is its P2028, which the edge knows.
import { describe, expect, it } from 'vitest';
import { POOL_WAIT_MS } from '../db/client';
import { TX_OPTIONS } from './unit-of-work';

describe('connection waits', () => {
  it('queue for a connection longer than a transaction may hold one', () => {
    expect(TX_OPTIONS.maxWait).toBeGreaterThan(TX_OPTIONS.timeout);
  });

  it("give out in Prisma (P2028) before the pool's own timeout", () => {
    expect(TX_OPTIONS.maxWait).toBeLessThan(POOL_WAIT_MS);
  });
});
