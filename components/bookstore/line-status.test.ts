import { describe, expect, test } from 'vitest';
import { type RequestLine, lineStatus } from './line-status';

const line = (over: Partial<RequestLine>): RequestLine => ({
  id: 'l1',
  bookId: 'b1',
  title: 'War and Peace',
  author: 'Leo Tolstoy',
  quantity: 1,
  unitPriceCents: 1_299,
  lineTotalCents: 1_299,
  status: 'cancelled',
  decideBy: null,
  waiting: false,
  cancelReason: 'customer',
  capturedCents: 0,
  releasedCents: 0,
  carrier: null,
  trackingNumber: null,
  shippedAt: null,
  deliveredAt: null,
  delayedSince: null,
  ...over,
});

describe('lineStatus of a cancelled line', () => {
  test('a released hold is "released", not "refunded": nothing was ever taken', () => {
    const { text } = lineStatus(line({ releasedCents: 1_299 }));
    expect(text).toBe('Cancelled — hold of $12.99 released, nothing taken');
    expect(text).not.toMatch(/refund/i);
  });

  test('while the hold is still being released, it says so', () => {
    expect(lineStatus(line({ releasedCents: 0 })).text).toBe('Cancelled — releasing $12.99 from the hold…');
  });
});
