// The order aggregate: the customer's side of the counter.
//
// Placing an order and paying for it is the customer's own job, so it is transactionally
// consistent: the customer waits at the counter until the card answers, and the answer is final.
// What the barista does with the order is another agent's job and reaches this aggregate only
// through events, never inside the same transaction.
import { type Context, type DomainEvent, type Transition, event, unchanged } from '../shared/events';
import { type Result, fail, ok } from '../shared/result';

export type Scenario = 'coffee';

export type OrderStatus = 'payment_pending' | 'paid' | 'cancelled';

export type CancelReason = 'payment-declined' | 'payment-timeout' | 'cannot-make';

/** Why an order could not be made, as the customer is told it ("We ran out of oat milk"). */
export type CannotMake = {
  /** Stable code of the step's failure, e.g. OUT_OF_OAT_MILK. */
  code: string;
  /** For the customer, without a full stop: the page and the counter add what it means for them. */
  message: string;
};

export interface OrderLine {
  id: string;
  position: number;
  itemId: string;
  name: string;
  size: string;
  milk: string | null;
  quantity: number;
  unitPriceCents: number;
}

export interface Order {
  id: string;
  scenario: Scenario;
  customerId: string;
  customerName: string;
  status: OrderStatus;
  version: number;
  totalCents: number;
  cardLast4: string | null;
  paymentCode: string | null;
  paymentDeadline: Date;
  createdAt: Date;
  updatedAt: Date;
  lines: OrderLine[];
}

export type OrderEvent =
  | DomainEvent<'OrderPlaced', { customerName: string; totalCents: number; lines: number }>
  | DomainEvent<'PaymentApproved', { amountCents: number; cardLast4: string }>
  | DomainEvent<'PaymentDeclined', { code: string; cardLast4: string }>
  | DomainEvent<'PaymentTimedOut', { waitedMs: number }>
  | DomainEvent<'OrderCancelled', { reason: Exclude<CancelReason, 'cannot-make'> } | CannotMakeCancellation>;

/** OrderCancelled for an order the shop could not make: why, and what goes back on the card. */
export type CannotMakeCancellation = CannotMake & {
  reason: 'cannot-make';
  /** Already charged, so to be refunded in full; 0 if the payment was still pending. */
  refundCents: number;
};

export type OrderErrorCode = 'ORDER.CANCELLED' | 'ORDER.ALREADY_PAID';

export interface PlaceOrderInput {
  id: string;
  scenario: Scenario;
  customerId: string;
  customerName: string;
  lines: Omit<OrderLine, 'id' | 'position'>[];
  cardLast4: string;
  paymentTimeoutMs: number;
}

export function placeOrder(input: PlaceOrderInput, ctx: Context): Transition<Order> {
  const lines = input.lines.map((line, position) => ({ ...line, id: ctx.newId(), position }));
  const totalCents = lines.reduce((sum, l) => sum + l.unitPriceCents * l.quantity, 0);
  const order: Order = {
    id: input.id,
    scenario: input.scenario,
    customerId: input.customerId,
    customerName: input.customerName,
    status: 'payment_pending',
    version: 1,
    totalCents,
    cardLast4: input.cardLast4,
    paymentCode: null,
    paymentDeadline: new Date(ctx.now.getTime() + input.paymentTimeoutMs),
    createdAt: ctx.now,
    updatedAt: ctx.now,
    lines,
  };
  const ids = { aggregateId: order.id, orderId: order.id };
  return {
    state: order,
    events: [
      event(ctx, 'OrderPlaced', ids, {
        customerName: order.customerName,
        totalCents,
        lines: lines.length,
      }),
    ],
    changed: true,
  };
}

/** The card network approved the charge while the customer waited. */
export function approvePayment(order: Order, ctx: Context): Result<Transition<Order>, OrderErrorCode> {
  if (order.status === 'paid') return ok(unchanged(order));
  if (order.status === 'cancelled') {
    return fail('ORDER.CANCELLED', 'The order was cancelled before the payment arrived.');
  }
  const next = bump(order, ctx, { status: 'paid', paymentCode: null });
  return ok({
    state: next,
    events: [
      event(ctx, 'PaymentApproved', ids(order), {
        amountCents: order.totalCents,
        cardLast4: order.cardLast4 ?? '',
      }),
    ],
    changed: true,
  });
}

/** The card network declined: "pay now or your order is cancelled". */
export function declinePayment(order: Order, code: string, ctx: Context): Result<Transition<Order>, OrderErrorCode> {
  if (order.status === 'cancelled') return ok(unchanged(order));
  if (order.status === 'paid') return fail('ORDER.ALREADY_PAID', 'The order is already paid.');
  const next = bump(order, ctx, { status: 'cancelled', paymentCode: code });
  return ok({
    state: next,
    events: [
      event(ctx, 'PaymentDeclined', ids(order), { code, cardLast4: order.cardLast4 ?? '' }),
      event(ctx, 'OrderCancelled', ids(order), { reason: 'payment-declined' as const }),
    ],
    changed: true,
  });
}

/**
 * The payment's outcome never arrived (the server died mid-request). Past the deadline the
 * sweeper cancels the order, which in turn tells the barista to toss the drink. Before the
 * deadline, or once settled, this is a no-op: the sweeper may race a late answer and lose.
 */
export function expirePayment(order: Order, ctx: Context): Transition<Order> {
  if (order.status !== 'payment_pending' || ctx.now < order.paymentDeadline) return unchanged(order);
  const next = bump(order, ctx, { status: 'cancelled', paymentCode: 'TIMEOUT' });
  return {
    state: next,
    events: [
      event(ctx, 'PaymentTimedOut', ids(order), {
        waitedMs: ctx.now.getTime() - order.createdAt.getTime(),
      }),
      event(ctx, 'OrderCancelled', ids(order), { reason: 'payment-timeout' as const }),
    ],
    changed: true,
  };
}

/**
 * The shop cannot make the order (out of oat milk, or every attempt failed): the compensation for
 * a promise behind the counter that cannot be kept. The order is cancelled whether it is paid or
 * still waiting for the card; OrderCancelled then bins the drink and refunds any charge (or, if the
 * card answers later, the counter refunds it). Already cancelled: nothing more to do — so running
 * the compensation twice acts once.
 */
export function cancelUnmakeable(order: Order, why: CannotMake, ctx: Context): Transition<Order> {
  if (order.status === 'cancelled') return unchanged(order);
  const refundCents = order.status === 'paid' ? order.totalCents : 0;
  const next = bump(order, ctx, { status: 'cancelled' });
  const data: CannotMakeCancellation = { reason: 'cannot-make', code: why.code, message: why.message, refundCents };
  return { state: next, events: [event(ctx, 'OrderCancelled', ids(order), data)], changed: true };
}

function ids(order: Order) {
  return { aggregateId: order.id, orderId: order.id };
}

function bump(order: Order, ctx: Context, patch: Partial<Order>): Order {
  return { ...order, ...patch, version: order.version + 1, updatedAt: ctx.now };
}
