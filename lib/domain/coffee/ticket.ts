// The barista ticket aggregate: the barista's side of the counter.
//
// A ticket is opened from OrderPlaced, before the payment is known: the barista may start the
// drink while the customer is still paying. It learns the payment's outcome eventually, through
// events. A drink is never handed over for an unpaid order; a cancelled order's drink is
// discarded (not started yet) or tossed (a write-off).
//
// Two kinds of hands work a ticket. The machine (the brewing worker, on an automatic station)
// uses the forgiving transitions — startDrink, finishDrink, spillDrink — where a repeat is a no-op,
// because a redelivered job must change nothing. A barista (on a manual station) uses the strict
// ones — startByHand, readyByHand, tossByHand, handOver — which refuse a step that does not fit
// the ticket with a code, because a person pressed a button and deserves to hear why nothing
// happened. Either way a spilt or tossed drink goes back in the queue with `remakes` + 1.
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

/** Who did a step by hand: the signed-in barista's name. Absent when the machine did it. */
type By = { by?: string };

export type TicketEvent =
  | DomainEvent<'TicketOpened', { customerName: string; drinks: number }>
  | DomainEvent<'TicketPaid', Record<string, never>>
  | DomainEvent<'DrinkStarted', By>
  | DomainEvent<'DrinkReady', { customerName: string; paid: boolean } & By>
  | DomainEvent<'DrinkHandedOver', By>
  | DomainEvent<'DrinkSpilled', { wasStatus: TicketStatus; remakes: number } & By>
  | DomainEvent<'TicketDiscarded', { reason: string }>
  | DomainEvent<'DrinkTossed', { reason: string; wasStatus: TicketStatus }>;

export type TicketEventType = TicketEvent['type'];

/** Every event a ticket raises: what the board listens for, and what explains a change. */
export const TICKET_EVENT_TYPES: readonly TicketEventType[] = [
  'TicketOpened',
  'TicketPaid',
  'DrinkStarted',
  'DrinkReady',
  'DrinkHandedOver',
  'DrinkSpilled',
  'TicketDiscarded',
  'DrinkTossed',
];

export type TicketErrorCode =
  | 'TICKET.UNPAID'
  | 'TICKET.NOT_READY'
  | 'TICKET.CLOSED'
  | 'TICKET.NOT_QUEUED'
  | 'TICKET.NOT_MAKING'
  | 'TICKET.NOTHING_TO_TOSS'
  | 'TICKET.CHANGED';

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

/**
 * The cashier tells the barista the order is paid (eventually, through PaymentApproved). TicketPaid
 * is what the board hears: a ready drink's Hand over button comes alive on it.
 */
export function confirmPayment(ticket: Ticket, ctx: Context): Transition<Ticket> {
  if (ticket.paid) return unchanged(ticket);
  return { state: bump(ticket, ctx, { paid: true }), events: [event(ctx, 'TicketPaid', ids(ticket), {})], changed: true };
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

/**
 * The drink was spilt or ruined while being made (or on the counter): it goes in the bin and the
 * ticket goes back in the queue to be made again, counting the remake. Only a drink that exists
 * can be spilt; for anything else this is a no-op (the machine's redelivered job).
 */
export function spillDrink(ticket: Ticket, ctx: Context, by?: string): Transition<Ticket> {
  if (ticket.status !== 'making' && ticket.status !== 'ready') return unchanged(ticket);
  const remakes = ticket.remakes + 1;
  const next = bump(ticket, ctx, { status: 'queued', remakes, startedAt: null, readyAt: null });
  const data = { wasStatus: ticket.status, remakes, ...byWhom(by) };
  return { state: next, events: [event(ctx, 'DrinkSpilled', ids(ticket), data)], changed: true };
}

/** The barista hands the drink over the counter. Never for an unpaid order. */
export function handOver(ticket: Ticket, ctx: Context, by?: string): Result<Transition<Ticket>, TicketErrorCode> {
  if (ticket.status === 'collected') return ok(unchanged(ticket));
  const closed = refuseClosed(ticket, 'its drink was not handed over');
  if (closed) return closed;
  if (ticket.status !== 'ready') return fail('TICKET.NOT_READY', 'The drink is not ready yet.');
  if (!ticket.paid) return fail('TICKET.UNPAID', 'The order is not paid yet: the drink stays on the counter.');
  const next = bump(ticket, ctx, { status: 'collected', closedAt: ctx.now });
  return ok({ state: next, events: [event(ctx, 'DrinkHandedOver', ids(ticket), byWhom(by))], changed: true });
}

// --- a barista's hands: strict steps, each refused with a reason when it does not fit ----------

/** The barista picks up a queued ticket and starts the drink. */
export function startByHand(ticket: Ticket, ctx: Context, by: string): Result<Transition<Ticket>, TicketErrorCode> {
  const closed = refuseClosed(ticket, 'there is nothing to start');
  if (closed) return closed;
  if (ticket.status !== 'queued') return fail('TICKET.NOT_QUEUED', 'This drink has already been started.');
  const next = bump(ticket, ctx, { status: 'making', startedAt: ctx.now });
  return ok({ state: next, events: [event(ctx, 'DrinkStarted', ids(ticket), { by })], changed: true });
}

/** The barista puts the finished drink on the counter. */
export function readyByHand(ticket: Ticket, ctx: Context, by: string): Result<Transition<Ticket>, TicketErrorCode> {
  const closed = refuseClosed(ticket, 'there is nothing to finish');
  if (closed) return closed;
  if (ticket.status !== 'making') {
    return fail('TICKET.NOT_MAKING', ticket.status === 'queued' ? 'This drink has not been started yet.' : 'This drink is already ready.');
  }
  const next = bump(ticket, ctx, { status: 'ready', readyAt: ctx.now });
  const data = { customerName: ticket.customerName, paid: ticket.paid, by };
  return ok({ state: next, events: [event(ctx, 'DrinkReady', ids(ticket), data)], changed: true });
}

/** The drink was ruined (spilt, wrong milk…): the barista bins it and it is made again. */
export function tossByHand(ticket: Ticket, ctx: Context, by: string): Result<Transition<Ticket>, TicketErrorCode> {
  const closed = refuseClosed(ticket, 'there is nothing to toss');
  if (closed) return closed;
  if (ticket.status !== 'making' && ticket.status !== 'ready') {
    return fail('TICKET.NOTHING_TO_TOSS', 'There is no drink to toss yet: it has not been started.');
  }
  return ok(spillDrink(ticket, ctx, by));
}

export type BaristaStep = 'start' | 'ready' | 'handOver' | 'toss';

/** A ticket event as the timeline keeps it: enough to say who changed the ticket, and how. */
export interface LastChange {
  type: string;
  by?: string | undefined;
}

/**
 * The barista pressed `step` on the ticket as it was at `seenVersion`. If it changed since, the
 * press is refused (nothing is written) with a sentence saying what happened meanwhile: the
 * board was out of date, and acting on it would have been acting on something that is no longer
 * true. `last` is the newest event the ticket raised; `me` is the barista who pressed.
 */
export function checkSeen(
  ticket: Ticket,
  seenVersion: number,
  step: BaristaStep,
  last: LastChange | null,
  me: string,
): Result<null, TicketErrorCode> {
  if (ticket.version === seenVersion) return ok(null);
  return fail('TICKET.CHANGED', describeChange(ticket, step, last, me));
}

const STEP_FROM: Record<BaristaStep, readonly TicketStatus[]> = {
  start: ['queued'],
  ready: ['making'],
  handOver: ['ready'],
  toss: ['making', 'ready'],
};

function describeChange(ticket: Ticket, step: BaristaStep, last: LastChange | null, me: string): string {
  const who = whoDid(last, me);
  switch (ticket.status) {
    case 'discarded':
    case 'tossed':
      return 'The order was cancelled meanwhile, so the ticket went in the bin.';
    case 'collected':
      return `${who} already handed this drink over.`;
    default:
      break;
  }
  // Still the one status the step starts from, so the barista saw it there too: what changed was
  // not the drink's progress (the payment news arrived, say).
  const from = STEP_FROM[step];
  if (from.length === 1 && from[0] === ticket.status) {
    if (last?.type === 'DrinkSpilled')
      return `${who} tossed this drink meanwhile — it is back in the queue. Look again and press once more.`;
    return ticket.paid
      ? 'The ticket changed meanwhile (the payment came through). Look again and press once more.'
      : 'The ticket changed meanwhile. Look again and press once more.';
  }
  switch (ticket.status) {
    case 'queued':
      return `${who} tossed this drink meanwhile — it is back in the queue to be made again.`;
    case 'making':
      return `${who} already started this drink.`;
    default:
      return `${who} already finished this drink — it is ready.`;
  }
}

/** The events only the machine raises without a name; anything else unnamed is "someone else". */
const MACHINE_STEPS: readonly string[] = ['DrinkStarted', 'DrinkReady', 'DrinkSpilled'];

function whoDid(last: LastChange | null, me: string): string {
  if (last?.by === undefined) return last && MACHINE_STEPS.includes(last.type) ? 'The machine' : 'Someone else';
  return last.by === me ? 'You' : last.by;
}

export function drinkCount(ticket: Pick<Ticket, 'drinks'>): number {
  return ticket.drinks.reduce((n, d) => n + d.quantity, 0);
}

/** True if any drink on the ticket is made with oat milk (the shop may have run out). */
export function needsOatMilk(ticket: Pick<Ticket, 'drinks'>): boolean {
  return ticket.drinks.some((d) => d.milk === 'oat');
}

function refuseClosed(ticket: Ticket, what: string) {
  if (ticket.status === 'collected') return fail('TICKET.CLOSED', `This drink was already handed over; ${what}.`);
  if (ticket.status === 'discarded' || ticket.status === 'tossed') {
    return fail('TICKET.CLOSED', `This order was cancelled; ${what}.`);
  }
  return null;
}

function byWhom(by: string | undefined): By {
  return by === undefined ? {} : { by };
}

function ids(ticket: Ticket) {
  return { aggregateId: ticket.id, orderId: ticket.orderId };
}

function bump(ticket: Ticket, ctx: Context, patch: Partial<Ticket>): Ticket {
  return { ...ticket, ...patch, version: ticket.version + 1, updatedAt: ctx.now };
}
