// The order request aggregate: the bookstore customer's side.
//
// Placing the request is the customer's job and happens while they wait: the card is authorised
// (a hold, no money taken) and the request is recorded, or the card is declined and nothing is.
// Everything after that is someone else's job — the warehouse reserves stock, the cashier
// captures money for what ships, the courier delivers — and reaches this aggregate only through
// events, one line at a time, each in its own transaction.
//
// A line's life:
//
//   reserving ─┬─> reserved ──> captured ──> shipped ──> delivered
//              └─> backordered ─┬─> reserved (a restock reached it)
//                               └─> cancelled (the customer said so, or did not answer in time)
//
// A captured line the courier will not take yet is *delayed* (still captured, `delayedSince` set):
// the customer is told at the first failed try, not left looking at a silent "packing". Shipping
// clears it. If the courier keeps refusing, a person takes over; the line stays delayed meanwhile.
//
// Money: a line's share of the hold is captured when it is about to ship and released (voided)
// when it is cancelled — never both, never twice.
import { type Context, type DomainEvent, type Transition, event, unchanged } from '../shared/events';
import { type DomainError, type Result, fail, ok } from '../shared/result';
import type { ShippingAddress } from './address';

export type LineStatus = 'reserving' | 'reserved' | 'backordered' | 'captured' | 'shipped' | 'delivered' | 'cancelled';

export type RequestStatus = 'open' | 'completed' | 'cancelled';

export type CancelReason = 'customer' | 'no-answer';

export interface RequestLine {
  id: string;
  position: number;
  bookId: string;
  title: string;
  author: string;
  quantity: number;
  unitPriceCents: number;
  status: LineStatus;
  /** A backordered line nobody has answered for by then is cancelled. Null otherwise. */
  decideBy: Date | null;
  /** The customer chose to wait for a restock (no automatic cancellation). */
  waiting: boolean;
  cancelReason: CancelReason | null;
  capturedCents: number;
  releasedCents: number;
  carrier: string | null;
  trackingNumber: string | null;
  shippedAt: Date | null;
  deliveredAt: Date | null;
  /** The courier has failed to take the parcel since then; cleared when it ships. */
  delayedSince: Date | null;
}

export interface OrderRequest {
  id: string;
  customerId: string;
  status: RequestStatus;
  version: number;
  totalCents: number;
  cardLast4: string;
  /** The card network's key for the hold placed at checkout; captures and voids refer to it. */
  authorizationKey: string;
  shipTo: ShippingAddress;
  createdAt: Date;
  updatedAt: Date;
  lines: RequestLine[];
}

type LineRef = { lineId: string; bookId: string; title: string; quantity: number };

export type OrderRequestEvent =
  | DomainEvent<'OrderRequested', { totalCents: number; lines: number; cardLast4: string; authorizedCents: number }>
  | DomainEvent<'LineRequested', LineRef>
  | DomainEvent<'LineReserved', LineRef & { amountCents: number }>
  | DomainEvent<'LineBackordered', LineRef & { decideBy: string }>
  | DomainEvent<'LineWaiting', LineRef>
  | DomainEvent<'LineCancelled', LineRef & { reason: CancelReason; amountCents: number }>
  | DomainEvent<'PaymentCaptured', LineRef & { amountCents: number }>
  | DomainEvent<'PaymentReleased', LineRef & { amountCents: number }>
  | DomainEvent<'ShipmentDelayed', LineRef & { problem: string }>
  | DomainEvent<'LineShipped', LineRef & { carrier: string; trackingNumber: string; delayedSince?: string }>
  | DomainEvent<'LineDelivered', LineRef>;

export type OrderRequestErrorCode = 'LINE.NOT_FOUND' | 'LINE.NOT_BACKORDERED' | 'LINE.INVALID_STEP';

export const MAX_COPIES_PER_LINE = 5;

export interface RequestInput {
  id: string;
  customerId: string;
  cardLast4: string;
  authorizationKey: string;
  shipTo: ShippingAddress;
  lines: { bookId: string; title: string; author: string; quantity: number; unitPriceCents: number }[];
}

export const lineTotal = (line: Pick<RequestLine, 'quantity' | 'unitPriceCents'>) => line.quantity * line.unitPriceCents;

/** The order request is recorded once the hold is in place. Every line starts by reserving. */
export function requestOrder(input: RequestInput, ctx: Context): Transition<OrderRequest> {
  if (input.lines.length === 0) throw new Error('an order request needs at least one line');
  const lines: RequestLine[] = input.lines.map((line, position) => ({
    ...line,
    id: ctx.newId(),
    position,
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
  }));
  const totalCents = lines.reduce((sum, l) => sum + lineTotal(l), 0);
  const request: OrderRequest = {
    id: input.id,
    customerId: input.customerId,
    status: 'open',
    version: 1,
    totalCents,
    cardLast4: input.cardLast4,
    authorizationKey: input.authorizationKey,
    shipTo: input.shipTo,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    lines,
  };
  const ids = { aggregateId: request.id, orderId: request.id };
  return {
    state: request,
    events: [
      event(ctx, 'OrderRequested', ids, {
        totalCents,
        lines: lines.length,
        cardLast4: input.cardLast4,
        authorizedCents: totalCents,
      }),
      ...lines.map((line) => event(ctx, 'LineRequested', ids, ref(line))),
    ],
    changed: true,
  };
}

/** The warehouse put the copies aside (at once, or later from a restock). */
export function markReserved(request: OrderRequest, lineId: string, ctx: Context): Result<Transition<OrderRequest>, OrderRequestErrorCode> {
  return step(request, lineId, ctx, (line) => {
    // Cancelled meanwhile: the warehouse hears of the cancellation and puts the copies back.
    if (line.status !== 'reserving' && line.status !== 'backordered') return null;
    const next = { ...line, status: 'reserved' as const, decideBy: null };
    return { line: next, events: [event(ctx, 'LineReserved', idsOf(request), { ...ref(line), amountCents: lineTotal(line) })] };
  });
}

/** The warehouse has none to spare: the customer is asked to wait or cancel, by `decideBy`. */
export function markBackordered(
  request: OrderRequest,
  lineId: string,
  decisionMs: number,
  ctx: Context,
): Result<Transition<OrderRequest>, OrderRequestErrorCode> {
  return step(request, lineId, ctx, (line) => {
    if (line.status !== 'reserving') return null;
    const decideBy = new Date(ctx.now.getTime() + decisionMs);
    const next = { ...line, status: 'backordered' as const, decideBy };
    return { line: next, events: [event(ctx, 'LineBackordered', idsOf(request), { ...ref(line), decideBy: decideBy.toISOString() })] };
  });
}

/** The customer's answer: keep waiting for a restock, however long it takes. */
export function chooseToWait(request: OrderRequest, lineId: string, ctx: Context): Result<Transition<OrderRequest>, OrderRequestErrorCode> {
  return step(request, lineId, ctx, (line) => {
    if (line.status !== 'backordered') return notBackordered(line);
    if (line.waiting) return null;
    const next = { ...line, waiting: true, decideBy: null };
    return { line: next, events: [event(ctx, 'LineWaiting', idsOf(request), ref(line))] };
  });
}

/** The customer's answer, or the system's after `decideBy` passed without one: drop the line. */
export function cancelLine(
  request: OrderRequest,
  lineId: string,
  reason: CancelReason,
  ctx: Context,
): Result<Transition<OrderRequest>, OrderRequestErrorCode> {
  return step(request, lineId, ctx, (line) => {
    if (line.status === 'cancelled') return null;
    if (line.status !== 'backordered') return notBackordered(line);
    // The automatic cancellation loses to an answer given in time, and to a chosen wait.
    if (reason === 'no-answer' && (line.waiting || !line.decideBy || ctx.now < line.decideBy)) return null;
    const next = { ...line, status: 'cancelled' as const, cancelReason: reason, decideBy: null };
    return {
      line: next,
      events: [event(ctx, 'LineCancelled', idsOf(request), { ...ref(line), reason, amountCents: lineTotal(line) })],
    };
  });
}

/** The cashier took the line's share of the hold, just before it ships. */
export function recordCapture(
  request: OrderRequest,
  lineId: string,
  amountCents: number,
  ctx: Context,
): Result<Transition<OrderRequest>, OrderRequestErrorCode> {
  return step(request, lineId, ctx, (line) => {
    if (line.status !== 'reserved') return line.capturedCents > 0 ? null : invalid(line, 'captured');
    const next = { ...line, status: 'captured' as const, capturedCents: amountCents };
    return { line: next, events: [event(ctx, 'PaymentCaptured', idsOf(request), { ...ref(line), amountCents })] };
  });
}

/** A cancelled line's share of the hold was given back to the card. */
export function recordRelease(
  request: OrderRequest,
  lineId: string,
  amountCents: number,
  ctx: Context,
): Result<Transition<OrderRequest>, OrderRequestErrorCode> {
  return step(request, lineId, ctx, (line) => {
    if (line.releasedCents > 0) return null;
    if (line.status !== 'cancelled') return invalid(line, 'released');
    const next = { ...line, releasedCents: amountCents };
    return { line: next, events: [event(ctx, 'PaymentReleased', idsOf(request), { ...ref(line), amountCents })] };
  });
}

/**
 * The courier would not take the parcel this time (an outage); it is tried again. The first such
 * failure marks the line delayed and tells the customer; later ones change nothing. A line that
 * is not waiting for the courier (already shipped, say) is left as it is.
 */
export function markShipmentDelayed(
  request: OrderRequest,
  lineId: string,
  problem: string,
  ctx: Context,
): Result<Transition<OrderRequest>, OrderRequestErrorCode> {
  return step(request, lineId, ctx, (line) => {
    if (line.status !== 'captured' || line.delayedSince) return null;
    const next = { ...line, delayedSince: ctx.now };
    return { line: next, events: [event(ctx, 'ShipmentDelayed', idsOf(request), { ...ref(line), problem })] };
  });
}

/** The courier collected the parcel (after a delay, if there was one: it is over). */
export function recordShipment(
  request: OrderRequest,
  lineId: string,
  parcel: { carrier: string; trackingNumber: string },
  ctx: Context,
): Result<Transition<OrderRequest>, OrderRequestErrorCode> {
  return step(request, lineId, ctx, (line) => {
    if (line.status === 'shipped' || line.status === 'delivered') return null;
    if (line.status !== 'captured') return invalid(line, 'shipped');
    const next = { ...line, status: 'shipped' as const, ...parcel, shippedAt: ctx.now, delayedSince: null };
    const delay = line.delayedSince ? { delayedSince: line.delayedSince.toISOString() } : {};
    return { line: next, events: [event(ctx, 'LineShipped', idsOf(request), { ...ref(line), ...parcel, ...delay })] };
  });
}

/** The courier says the parcel arrived. */
export function recordDelivery(
  request: OrderRequest,
  lineId: string,
  ctx: Context,
): Result<Transition<OrderRequest>, OrderRequestErrorCode> {
  return step(request, lineId, ctx, (line) => {
    if (line.status === 'delivered') return null;
    if (line.status !== 'shipped') return invalid(line, 'delivered');
    const next = { ...line, status: 'delivered' as const, deliveredAt: ctx.now };
    return { line: next, events: [event(ctx, 'LineDelivered', idsOf(request), ref(line))] };
  });
}

/** Open while any line is still on its way; then completed, or cancelled if nothing shipped. */
export function statusOf(lines: readonly Pick<RequestLine, 'status'>[]): RequestStatus {
  if (lines.some((l) => l.status !== 'delivered' && l.status !== 'cancelled')) return 'open';
  return lines.some((l) => l.status === 'delivered') ? 'completed' : 'cancelled';
}

/** What the card network should show for this request: held, taken and given back. */
export function money(request: OrderRequest) {
  const capturedCents = request.lines.reduce((s, l) => s + l.capturedCents, 0);
  const releasedCents = request.lines.reduce((s, l) => s + l.releasedCents, 0);
  return {
    authorizedCents: request.totalCents,
    capturedCents,
    releasedCents,
    heldCents: request.totalCents - capturedCents - releasedCents,
  };
}

// ---------------------------------------------------------------------------------------------

type Refusal = { ok: false; error: DomainError<OrderRequestErrorCode> };

/** A line's change: the new line and its events, null for "already done", or a refusal. */
type LineChange = { line: RequestLine; events: DomainEvent[] } | null | Refusal;

function step(
  request: OrderRequest,
  lineId: string,
  ctx: Context,
  change: (line: RequestLine) => LineChange,
): Result<Transition<OrderRequest>, OrderRequestErrorCode> {
  const line = request.lines.find((l) => l.id === lineId);
  if (!line) return fail('LINE.NOT_FOUND', 'This order has no such line.');
  const outcome = change(line);
  if (outcome === null) return ok(unchanged(request));
  if ('ok' in outcome) return outcome;
  const lines = request.lines.map((l) => (l.id === lineId ? outcome.line : l));
  const state: OrderRequest = { ...request, lines, status: statusOf(lines), version: request.version + 1, updatedAt: ctx.now };
  return ok({ state, events: outcome.events, changed: true });
}

function notBackordered(line: RequestLine): Refusal {
  return fail(
    'LINE.NOT_BACKORDERED',
    line.status === 'cancelled'
      ? 'This line is already cancelled.'
      : `This line is ${line.status}, not waiting for stock, so there is nothing to decide.`,
  );
}

function invalid(line: RequestLine, to: string): Refusal {
  return fail('LINE.INVALID_STEP', `Line ${line.id} cannot be ${to} while ${line.status}.`);
}

function ref(line: RequestLine): LineRef {
  return { lineId: line.id, bookId: line.bookId, title: line.title, quantity: line.quantity };
}

function idsOf(request: OrderRequest) {
  return { aggregateId: request.id, orderId: request.id };
}
