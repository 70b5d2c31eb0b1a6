import { describe, expect, test } from 'vitest';
import type { TimelineItem } from '@/lib/queries/order-view';
import { closedTicketWords, paymentApproved } from './ticket-words';

const item = (type: string): TimelineItem => ({ id: type, type, mode: 'sync', actor: 'cashier', at: '2026-12-07T08:00:00.000Z', data: {} });

describe('closedTicketWords', () => {
  test('a ticket spilt five times and given up is not "nothing was made"', () => {
    const words = closedTicketWords({ status: 'discarded', remakes: 5 });
    expect(words.title).toBe('Spilt 5 times — the shop gave up');
    expect(`${words.title} ${words.detail}`).not.toMatch(/nothing was made/);
    expect(words.detail).toContain('spilt 5 times');
  });

  test('a ticket cancelled before anyone started is discarded, and nothing was made', () => {
    expect(closedTicketWords({ status: 'discarded', remakes: 0 })).toMatchObject({
      title: 'Ticket discarded',
      detail: expect.stringContaining('nothing was made'),
    });
  });

  test('a drink tossed after it was started is a write-off', () => {
    expect(closedTicketWords({ status: 'tossed', remakes: 0 }).title).toBe('Drink binned');
  });
});

describe('paymentApproved', () => {
  test('a later cancellation does not undo the approval the customer saw at the counter', () => {
    const timeline = [item('OrderPlaced'), item('PaymentApproved'), item('OrderCancelled'), item('PaymentRefunded')];
    expect(paymentApproved({ timeline })?.type).toBe('PaymentApproved');
  });

  test('a charge that landed after the order was cancelled is not "paid" at the counter', () => {
    expect(paymentApproved({ timeline: [item('OrderPlaced'), item('OrderCancelled'), item('PaymentApproved')] })).toBeUndefined();
  });

  test('no approval, no "paid"', () => {
    expect(paymentApproved({ timeline: [item('OrderPlaced'), item('PaymentDeclined')] })).toBeUndefined();
  });
});
