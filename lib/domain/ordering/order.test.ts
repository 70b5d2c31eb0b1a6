import { beforeEach, describe, expect, test } from 'vitest';
import type { Context } from '../shared/events';
import { type Order, type PlaceOrderInput, approvePayment, cancelUnmakeable, declinePayment, expirePayment, placeOrder } from './order';

// A fixed clock and a counting id generator: every id and time in an assertion is predictable.
let seq = 0;
beforeEach(() => {
  seq = 0;
});
function ctx(at: string): Context {
  return { now: new Date(at), newId: () => `id-${++seq}` };
}

const PLACED_AT = '2025-06-15T09:00:00.000Z';
const TIMEOUT_MS = 60_000;
const DEADLINE = '2025-06-15T09:01:00.000Z';

const input: PlaceOrderInput = {
  id: 'order-1',
  scenario: 'coffee',
  customerId: 'customer-1',
  customerName: 'Ada',
  lines: [
    { itemId: 'latte', name: 'Latte', size: 'L', milk: 'oat', quantity: 2, unitPriceCents: 570 },
    { itemId: 'espresso', name: 'Espresso', size: 'M', milk: null, quantity: 1, unitPriceCents: 300 },
  ],
  cardLast4: '4242',
  paymentTimeoutMs: TIMEOUT_MS,
};

function pendingOrder(): Order {
  return placeOrder(input, ctx(PLACED_AT)).state;
}

function expectOk<T>(r: { ok: true; value: T } | { ok: false; error: { code: string } }): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.code}`);
  return r.value;
}

function paidOrder(): Order {
  return expectOk(approvePayment(pendingOrder(), ctx('2025-06-15T09:00:02.000Z'))).state;
}

function declinedOrder(): Order {
  return expectOk(declinePayment(pendingOrder(), 'INSUFFICIENT_FUNDS', ctx('2025-06-15T09:00:02.000Z'))).state;
}

describe('placeOrder', () => {
  test('opens the order as payment pending at version 1 with the total of every line', () => {
    const { state, changed } = placeOrder(input, ctx(PLACED_AT));

    expect(changed).toBe(true);
    expect(state).toMatchObject({
      id: 'order-1',
      scenario: 'coffee',
      customerId: 'customer-1',
      customerName: 'Ada',
      status: 'payment_pending',
      version: 1,
      totalCents: 2 * 570 + 300,
      cardLast4: '4242',
      paymentCode: null,
    });
    expect(state.createdAt).toEqual(new Date(PLACED_AT));
    expect(state.updatedAt).toEqual(new Date(PLACED_AT));
  });

  test('sets the payment deadline to the moment of placing plus the payment timeout', () => {
    const { state } = placeOrder({ ...input, paymentTimeoutMs: 90_000 }, ctx(PLACED_AT));

    expect(state.paymentDeadline).toEqual(new Date('2025-06-15T09:01:30.000Z'));
  });

  test('gives every line a fresh id and its position in the order', () => {
    const { state } = placeOrder(input, ctx(PLACED_AT));

    expect(state.lines.map((l) => [l.id, l.position, l.itemId])).toEqual([
      ['id-1', 0, 'latte'],
      ['id-2', 1, 'espresso'],
    ]);
  });

  test('raises exactly one OrderPlaced event about this order, stamped with the current time', () => {
    const { events } = placeOrder(input, ctx(PLACED_AT));

    expect(events).toEqual([
      {
        id: 'id-3',
        type: 'OrderPlaced',
        aggregateId: 'order-1',
        orderId: 'order-1',
        occurredAt: new Date(PLACED_AT),
        data: { customerName: 'Ada', totalCents: 1440, lines: 2 },
      },
    ]);
  });

  test('an order with no lines totals zero', () => {
    const { state, events } = placeOrder({ ...input, lines: [] }, ctx(PLACED_AT));

    expect(state.totalCents).toBe(0);
    expect(events[0]?.data).toMatchObject({ totalCents: 0, lines: 0 });
  });
});

describe('approvePayment', () => {
  test('marks a pending order paid, bumps the version by one and raises PaymentApproved', () => {
    const order = pendingOrder();
    const now = '2025-06-15T09:00:02.000Z';

    const { state, events, changed } = expectOk(approvePayment(order, ctx(now)));

    expect(changed).toBe(true);
    expect(state.status).toBe('paid');
    expect(state.paymentCode).toBeNull();
    expect(state.version).toBe(order.version + 1);
    expect(state.updatedAt).toEqual(new Date(now));
    expect(state.createdAt).toEqual(order.createdAt);
    expect(events).toEqual([
      {
        id: expect.any(String),
        type: 'PaymentApproved',
        aggregateId: 'order-1',
        orderId: 'order-1',
        occurredAt: new Date(now),
        data: { amountCents: 1440, cardLast4: '4242' },
      },
    ]);
  });

  test('does not mutate the order it was given', () => {
    const order = pendingOrder();
    const before = structuredClone(order);

    approvePayment(order, ctx('2025-06-15T09:00:02.000Z'));

    expect(order).toEqual(before);
  });

  test('a redelivered approval of a paid order is a no-op: same state, no events', () => {
    const order = paidOrder();

    const again = expectOk(approvePayment(order, ctx('2025-06-15T09:00:05.000Z')));

    expect(again).toEqual({ state: order, events: [], changed: false });
  });

  test('approving a cancelled order is refused with ORDER.CANCELLED', () => {
    const result = approvePayment(declinedOrder(), ctx('2025-06-15T09:00:05.000Z'));

    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('ORDER.CANCELLED');
  });

  test('approving an order the sweeper already timed out is refused with ORDER.CANCELLED', () => {
    const expired = expirePayment(pendingOrder(), ctx(DEADLINE)).state;

    const result = approvePayment(expired, ctx('2025-06-15T09:01:01.000Z'));

    expect(result).toMatchObject({ ok: false, error: { code: 'ORDER.CANCELLED' } });
  });
});

describe('declinePayment', () => {
  test('cancels a pending order, keeps the decline code and bumps the version by one', () => {
    const order = pendingOrder();

    const { state, changed } = expectOk(declinePayment(order, 'CARD_DECLINED', ctx('2025-06-15T09:00:02.000Z')));

    expect(changed).toBe(true);
    expect(state.status).toBe('cancelled');
    expect(state.paymentCode).toBe('CARD_DECLINED');
    expect(state.version).toBe(order.version + 1);
    expect(state.updatedAt).toEqual(new Date('2025-06-15T09:00:02.000Z'));
  });

  test('raises PaymentDeclined then OrderCancelled with reason payment-declined, each with its own id', () => {
    const now = '2025-06-15T09:00:02.000Z';

    const { events } = expectOk(declinePayment(pendingOrder(), 'CARD_DECLINED', ctx(now)));

    expect(events).toEqual([
      {
        id: expect.any(String),
        type: 'PaymentDeclined',
        aggregateId: 'order-1',
        orderId: 'order-1',
        occurredAt: new Date(now),
        data: { code: 'CARD_DECLINED', cardLast4: '4242' },
      },
      {
        id: expect.any(String),
        type: 'OrderCancelled',
        aggregateId: 'order-1',
        orderId: 'order-1',
        occurredAt: new Date(now),
        data: { reason: 'payment-declined' },
      },
    ]);
    expect(new Set(events.map((e) => e.id)).size).toBe(2);
  });

  test('a redelivered decline of a cancelled order is a no-op', () => {
    const order = declinedOrder();

    const again = expectOk(declinePayment(order, 'CARD_DECLINED', ctx('2025-06-15T09:00:05.000Z')));

    expect(again).toEqual({ state: order, events: [], changed: false });
  });

  test('declining a paid order is refused with ORDER.ALREADY_PAID', () => {
    const result = declinePayment(paidOrder(), 'CARD_DECLINED', ctx('2025-06-15T09:00:05.000Z'));

    expect(result).toMatchObject({ ok: false, error: { code: 'ORDER.ALREADY_PAID' } });
  });
});

describe('expirePayment', () => {
  test('before the deadline it is a no-op', () => {
    const order = pendingOrder();

    const result = expirePayment(order, ctx('2025-06-15T09:00:59.999Z'));

    expect(result).toEqual({ state: order, events: [], changed: false });
  });

  test('at the deadline it cancels the order with payment code TIMEOUT and bumps the version by one', () => {
    const order = pendingOrder();

    const { state, changed } = expirePayment(order, ctx(DEADLINE));

    expect(changed).toBe(true);
    expect(state.status).toBe('cancelled');
    expect(state.paymentCode).toBe('TIMEOUT');
    expect(state.version).toBe(order.version + 1);
    expect(state.updatedAt).toEqual(new Date(DEADLINE));
  });

  test('past the deadline it raises PaymentTimedOut (with how long the customer waited) then OrderCancelled', () => {
    const now = '2025-06-15T09:01:30.000Z';

    const { events } = expirePayment(pendingOrder(), ctx(now));

    expect(events).toEqual([
      {
        id: expect.any(String),
        type: 'PaymentTimedOut',
        aggregateId: 'order-1',
        orderId: 'order-1',
        occurredAt: new Date(now),
        data: { waitedMs: 90_000 },
      },
      {
        id: expect.any(String),
        type: 'OrderCancelled',
        aggregateId: 'order-1',
        orderId: 'order-1',
        occurredAt: new Date(now),
        data: { reason: 'payment-timeout' },
      },
    ]);
    expect(events[0]?.id).not.toBe(events[1]?.id);
  });

  test('after the payment was approved it is a no-op, even long past the deadline', () => {
    const order = paidOrder();

    expect(expirePayment(order, ctx('2025-06-15T10:00:00.000Z'))).toEqual({ state: order, events: [], changed: false });
  });

  test('after the payment was declined it is a no-op and keeps the decline code', () => {
    const order = declinedOrder();

    const result = expirePayment(order, ctx('2025-06-15T10:00:00.000Z'));

    expect(result).toEqual({ state: order, events: [], changed: false });
    expect(result.state.paymentCode).toBe('INSUFFICIENT_FUNDS');
  });

  test('running the sweeper twice cancels the order once', () => {
    const first = expirePayment(pendingOrder(), ctx(DEADLINE));

    const second = expirePayment(first.state, ctx('2025-06-15T09:02:00.000Z'));

    expect(second).toEqual({ state: first.state, events: [], changed: false });
  });

  test('a decline arriving after the sweeper timed the order out is a no-op', () => {
    const expired = expirePayment(pendingOrder(), ctx(DEADLINE)).state;

    const late = expectOk(declinePayment(expired, 'CARD_DECLINED', ctx('2025-06-15T09:01:05.000Z')));

    expect(late.changed).toBe(false);
    expect(late.state.paymentCode).toBe('TIMEOUT');
  });
});

describe('cancelUnmakeable', () => {
  const OAT = { code: 'OUT_OF_OAT_MILK', message: 'We ran out of oat milk' };
  const AT = '2025-06-15T09:00:05.000Z';

  test('cancels a paid order, keeps its payment code, and says the whole amount is to be refunded', () => {
    const order = paidOrder();

    const { state, events, changed } = cancelUnmakeable(order, OAT, ctx(AT));

    expect(changed).toBe(true);
    expect(state).toMatchObject({ status: 'cancelled', paymentCode: null, version: order.version + 1 });
    expect(state.updatedAt).toEqual(new Date(AT));
    expect(events).toEqual([
      {
        id: expect.any(String),
        type: 'OrderCancelled',
        aggregateId: 'order-1',
        orderId: 'order-1',
        occurredAt: new Date(AT),
        data: { reason: 'cannot-make', code: 'OUT_OF_OAT_MILK', message: 'We ran out of oat milk', refundCents: 1440 },
      },
    ]);
  });

  test('cancels an order still waiting for the card, with nothing yet to refund', () => {
    const { state, events } = cancelUnmakeable(pendingOrder(), OAT, ctx(AT));

    expect(state.status).toBe('cancelled');
    expect(events[0]?.data).toMatchObject({ reason: 'cannot-make', refundCents: 0 });
  });

  test('the late approval of an order cancelled meanwhile is refused, so the counter refunds it', () => {
    const cancelled = cancelUnmakeable(pendingOrder(), OAT, ctx(AT)).state;

    const late = approvePayment(cancelled, ctx('2025-06-15T09:00:06.000Z'));

    expect(late).toMatchObject({ ok: false, error: { code: 'ORDER.CANCELLED' } });
  });

  test('run twice, it cancels once: the second time is a no-op with no events', () => {
    const once = cancelUnmakeable(paidOrder(), OAT, ctx(AT)).state;

    expect(cancelUnmakeable(once, OAT, ctx(AT))).toEqual({ state: once, events: [], changed: false });
  });

  test('an order already cancelled for another reason stays as it was', () => {
    const declined = declinedOrder();

    expect(cancelUnmakeable(declined, OAT, ctx(AT)).changed).toBe(false);
  });
});
