// The barista ticket aggregate: the barista's side of the counter.
//
// A ticket is opened from OrderPlaced, before the payment is known: the barista may start the
// drink while the customer is still paying. It learns the payment's outcome eventually, through
// events. A drink is never handed over for an unpaid order; a cancelled order's drink is
// discarded (not started yet) or tossed (a write-off).
import { type Context, type DomainEvent, type Transition, event, unchanged } from '../shared/events';
import { type Result, fail, ok } from '../shared/result';

export type TicketStatus = 'queued' | 'making' | 'ready' | 'collected' | 'discarded' | 'tossed';

export const OPEN_STATUSES: readonly TicketStatus[] = ['queued', 'making', 'ready'];

export interface Drink {
  name: string;
  size: string;
  milk: string | null;
  quantity: number;
}

export interface Ticket {
  id: string;
  orderId: string;
  customerName: string;
  status: TicketStatus;
  paid: boolean;
  version: number;
  drinks: Drink[];
  openedAt: Date;
  startedAt: Date | null;
  readyAt: Date | null;
  closedAt: Date | null;
  updatedAt: Date;
  /** The espresso station the ticket was given to. */
  station: number;
  /** Drinks spilt and remade so far. */
  remakes: number;
}

export type TicketEvent =
  | DomainEvent<'TicketOpened', { customerName: string; drinks: number }>
  | DomainEvent<'DrinkStarted', Record<string, never>>
  | DomainEvent<'DrinkReady', { customerName: string; paid: boolean }>
  | DomainEvent<'DrinkHandedOver', Record<string, never>>
  | DomainEvent<'TicketDiscarded', { reason: string }>
  | DomainEvent<'DrinkTossed', { reason: string; wasStatus: TicketStatus }>;

export type TicketErrorCode = 'TICKET.UNPAID' | 'TICKET.NOT_READY' | 'TICKET.CLOSED';

export function openTicket(
  input: { id: string; orderId: string; customerName: string; drinks: Drink[]; station: number },
  ctx: Context,
): Transition<Ticket> {
  const ticket: Ticket = {
    ...input,
    remakes: 0,
    status: 'queued',
    paid: false,
    version: 1,
    openedAt: ctx.now,
    startedAt: null,
    readyAt: null,
    closedAt: null,
    updatedAt: ctx.now,
  };
  const drinks = input.drinks.reduce((n, d) => n + d.quantity, 0);
  return {
    state: ticket,
    events: [event(ctx, 'TicketOpened', ids(ticket), { customerName: ticket.customerName, drinks })],
    changed: true,
  };
}

/** The barista picks the ticket up. Starting twice (a redelivered job) is a no-op. */
export function startDrink(ticket: Ticket, ctx: Context): Transition<Ticket> {
  if (ticket.status !== 'queued') return unchanged(ticket);
  const next = bump(ticket, ctx, { status: 'making', startedAt: ctx.now });
  return { state: next, events: [event(ctx, 'DrinkStarted', ids(ticket), {})], changed: true };
}

/** The drink is finished. Only a drink being made can become ready; a tossed one stays tossed. */
export function finishDrink(ticket: Ticket, ctx: Context): Transition<Ticket> {
  if (ticket.status !== 'making') return unchanged(ticket);
  const next = bump(ticket, ctx, { status: 'ready', readyAt: ctx.now });
  return {
    state: next,
    events: [event(ctx, 'DrinkReady', ids(ticket), { customerName: ticket.customerName, paid: ticket.paid })],
    changed: true,
  };
}

/** The cashier tells the barista the order is paid (eventually, through PaymentApproved). */
export function confirmPayment(ticket: Ticket, ctx: Context): Transition<Ticket> {
  if (ticket.paid) return unchanged(ticket);
  return { state: bump(ticket, ctx, { paid: true }), events: [], changed: true };
}

/**
 * The cashier's compensating action: "toss that order in the bin". A ticket nobody started is
 * simply discarded; a drink being made or already made is tossed, which is a write-off.
 */
export function cancelTicket(ticket: Ticket, reason: string, ctx: Context): Transition<Ticket> {
  switch (ticket.status) {
    case 'queued': {
      const next = bump(ticket, ctx, { status: 'discarded', closedAt: ctx.now });
      return { state: next, events: [event(ctx, 'TicketDiscarded', ids(ticket), { reason })], changed: true };
    }
    case 'making':
    case 'ready': {
      const next = bump(ticket, ctx, { status: 'tossed', closedAt: ctx.now });
      return {
        state: next,
        events: [event(ctx, 'DrinkTossed', ids(ticket), { reason, wasStatus: ticket.status })],
        changed: true,
      };
    }
    default:
      // Already closed: collected drinks are paid for, so an order cannot be cancelled after it.
      return unchanged(ticket);
  }
}

/** The barista hands the drink over the counter. Never for an unpaid order. */
export function handOver(ticket: Ticket, ctx: Context): Result<Transition<Ticket>, TicketErrorCode> {
  if (ticket.status === 'collected') return ok(unchanged(ticket));
  if (ticket.status === 'discarded' || ticket.status === 'tossed') {
    return fail('TICKET.CLOSED', 'This order was cancelled; its drink was not handed over.');
  }
  if (ticket.status !== 'ready') return fail('TICKET.NOT_READY', 'The drink is not ready yet.');
  if (!ticket.paid) return fail('TICKET.UNPAID', 'The order is not paid yet: the drink stays on the counter.');
  const next = bump(ticket, ctx, { status: 'collected', closedAt: ctx.now });
  return ok({ state: next, events: [event(ctx, 'DrinkHandedOver', ids(ticket), {})], changed: true });
}

export function drinkCount(ticket: Pick<Ticket, 'drinks'>): number {
  return ticket.drinks.reduce((n, d) => n + d.quantity, 0);
}

function ids(ticket: Ticket) {
  return { aggregateId: ticket.id, orderId: ticket.orderId };
}

function bump(ticket: Ticket, ctx: Context, patch: Partial<Ticket>): Ticket {
  return { ...ticket, ...patch, version: ticket.version + 1, updatedAt: ctx.now };
}
