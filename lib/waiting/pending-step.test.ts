import { describe, expect, it } from 'vitest';
import type { OrderRequestView } from '../queries/order-request-view';
import type { OrderView, TimelineItem } from '../queries/order-view';
import { orderAwaitsStep, pendingPaymentNews, pendingStepOfLine, pendingStepOfOrder, requestAwaitsStep } from './pending-step';

const created = '2026-12-07T08:00:00.000Z';
const item = (type: string, at: string, data: Record<string, unknown> = {}): TimelineItem => ({
  id: `${type}-${at}`,
  type,
  mode: 'async',
  actor: 'system',
  at,
  data,
});

function order(over: Partial<OrderView> = {}): OrderView {
  return {
    id: 'o1',
    scenario: 'coffee',
    status: 'paid',
    version: 2,
    customerName: 'Ada',
    totalCents: 450,
    cardLast4: '4242',
    paymentCode: null,
    paymentDeadline: created,
    createdAt: created,
    lines: [],
    barista: null,
    cancellation: null,
    refund: null,
    timeline: [],
    revision: 1,
    ...over,
  };
}

const ticket = (over: Partial<NonNullable<OrderView['barista']>> = {}): NonNullable<OrderView['barista']> => ({
  ticketId: 't1',
  status: 'queued',
  paid: false,
  remakes: 0,
  drinks: [],
  openedAt: '2026-12-07T08:00:01.000Z',
  startedAt: null,
  readyAt: null,
  closedAt: null,
  ...over,
});

describe('pendingStepOfOrder', () => {
  it('waits for the ticket to open from the order placed', () => {
    expect(pendingStepOfOrder(order())).toEqual({ step: 'tickets.open-ticket', since: created });
  });

  it('waits for the drink from the ticket opened, queued or being made', () => {
    const want = { step: 'brewing.brew-drink', since: '2026-12-07T08:00:01.000Z' };
    expect(pendingStepOfOrder(order({ barista: ticket() }))).toEqual(want);
    expect(pendingStepOfOrder(order({ barista: ticket({ status: 'making' }) }))).toEqual(want);
  });

  it('waits for no step once the drink is ready (a person collects it) or the order is cancelled', () => {
    expect(pendingStepOfOrder(order({ barista: ticket({ status: 'ready' }) }))).toBeNull();
    expect(pendingStepOfOrder(order({ status: 'cancelled' }))).toBeNull();
    expect(pendingStepOfOrder(order({ status: 'cancelled', barista: ticket() }))).toBeNull();
  });
});

describe('pendingPaymentNews', () => {
  const approved = item('PaymentApproved', '2026-12-07T08:00:00.500Z');
  it('waits for the barista to hear of the payment, from its approval', () => {
    expect(pendingPaymentNews(order({ barista: ticket(), timeline: [approved] }))).toEqual({
      step: 'tickets.confirm-payment',
      since: approved.at,
    });
  });
  it('waits for nothing once the barista knows', () => {
    expect(pendingPaymentNews(order({ barista: ticket({ paid: true }), timeline: [approved] }))).toBeNull();
  });
});

describe('orderAwaitsStep (an open page checks in while this holds)', () => {
  const approved = item('PaymentApproved', '2026-12-07T08:00:00.500Z');
  it('holds while the drink is to be made or the barista is yet to hear of the payment', () => {
    expect(orderAwaitsStep(order())).toBe(true);
    expect(orderAwaitsStep(order({ barista: ticket({ status: 'making', paid: true }) }))).toBe(true);
    expect(orderAwaitsStep(order({ barista: ticket({ status: 'ready' }), timeline: [approved] }))).toBe(true);
  });
  it('does not once nothing behind the counter is left to run', () => {
    expect(orderAwaitsStep(order({ barista: ticket({ status: 'ready', paid: true }), timeline: [approved] }))).toBe(false);
    expect(orderAwaitsStep(order({ status: 'cancelled', barista: ticket({ status: 'tossed' }) }))).toBe(false);
  });
});

describe('pendingStepOfLine', () => {
  type Line = OrderRequestView['lines'][number];
  const line = (over: Partial<Line>): Line => ({
    id: 'l1',
    bookId: 'b1',
    title: 'Dune',
    author: 'Frank Herbert',
    quantity: 1,
    unitPriceCents: 1_000,
    lineTotalCents: 1_000,
    status: 'reserving',
    decideBy: null,
    waiting: false,
    cancelReason: null,
    capturedCents: 0,
    releasedCents: 0,
    carrier: null,
    trackingNumber: null,
    shippedAt: null,
    deliveredAt: null,
    delayedSince: null,
    ...over,
  });
  const other = { lineId: 'l2' };
  const mine = { lineId: 'l1' };
  const request = (timeline: TimelineItem[]) => ({ createdAt: created, timeline });

  it('follows a line from reserving to the courier, each step from its own causing event', () => {
    const t = [
      item('LineRequested', created, mine),
      item('StockReserved', '2026-12-07T08:00:02.000Z', other),
      item('LineReserved', '2026-12-07T08:00:03.000Z', mine),
      item('PaymentCaptured', '2026-12-07T08:00:04.000Z', mine),
    ];
    expect(pendingStepOfLine(line({}), request(t))).toEqual({ step: 'inventory.reserve', since: created });
    const stocked = [...t, item('StockReserved', '2026-12-07T08:00:02.500Z', mine)];
    expect(pendingStepOfLine(line({}), request(stocked))).toEqual({ step: 'fulfilment.reserved', since: '2026-12-07T08:00:02.500Z' });
    expect(pendingStepOfLine(line({ status: 'reserved' }), request(t))).toEqual({
      step: 'payments.capture',
      since: '2026-12-07T08:00:03.000Z',
    });
    expect(pendingStepOfLine(line({ status: 'captured' }), request(t))).toEqual({
      step: 'shipping.dispatch',
      since: '2026-12-07T08:00:04.000Z',
    });
  });

  it('names no step for what waits on a person or the courier', () => {
    expect(pendingStepOfLine(line({ status: 'backordered' }), request([]))).toBeNull();
    expect(pendingStepOfLine(line({ status: 'shipped' }), request([]))).toBeNull();
    expect(pendingStepOfLine(line({ status: 'delivered' }), request([]))).toBeNull();
  });

  it('a request awaits a step while any of its lines does (an open page checks in while it does)', () => {
    const t = [item('LineRequested', created, mine)];
    const requestOf = (lines: Line[]) => ({ ...request(t), lines }) as unknown as OrderRequestView;
    expect(requestAwaitsStep(requestOf([line({ status: 'delivered' }), line({})]))).toBe(true);
    expect(requestAwaitsStep(requestOf([line({ status: 'delivered' }), line({ status: 'backordered' })]))).toBe(false);
  });

  it('waits for the release of a cancelled line until it is released', () => {
    const t = [item('LineCancelled', '2026-12-07T08:00:09.000Z', mine)];
    expect(pendingStepOfLine(line({ status: 'cancelled' }), request(t))).toEqual({
      step: 'payments.release',
      since: '2026-12-07T08:00:09.000Z',
    });
    expect(pendingStepOfLine(line({ status: 'cancelled', releasedCents: 1_000 }), request(t))).toBeNull();
  });
});
