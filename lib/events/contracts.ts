// The contract of every domain event: one zod schema per event type for its data, as the outbox
// row and the job carry it. The aggregates (lib/domain) declare their events as TypeScript types;
// this file says the same at run time, and the compiler checks the two agree (see AGREES below),
// so an event added to an aggregate without a contract here, or a field changed on one side only,
// does not build.
//
// Who uses it: the unit of work checks every event against its contract before writing it to the
// outbox (a bug, thrown, never a row that no handler could read); the worker parses each job once
// into the typed event its handler receives (lib/queue/topology.ts, workers/main.ts); and the
// topology's subscriptions are keyed by EventType, so the compiler knows what each queue hears.
import { z } from 'zod';
import type { InventoryEvent } from '../domain/bookstore/inventory';
import type { OrderRequestEvent } from '../domain/bookstore/order-request';
import type { StationEvent } from '../domain/coffee/station';
import type { TicketEvent } from '../domain/coffee/ticket';
import type { OrderEvent } from '../domain/ordering/order';
import type { DomainEvent } from '../domain/shared/events';

const Id = z.string().uuid();
const Count = z.number().int().nonnegative();
const Cents = z.number().int().nonnegative();
const By = { by: z.string().optional() };
const TicketStatus = z.enum(['queued', 'making', 'ready', 'collected', 'discarded', 'tossed']);

/** What every bookstore line event says about its line. */
const Line = { lineId: Id, bookId: Id, title: z.string(), quantity: z.number().int().positive() };
/** What every warehouse event says about the claim it changed. */
const Claim = { bookId: Id, lineId: Id, quantity: z.number().int().positive() };

export const EVENT_CONTRACTS = {
  // The order (lib/domain/ordering/order.ts): the customer's side of the counter.
  OrderPlaced: z.object({ customerName: z.string(), totalCents: Cents, lines: Count }),
  PaymentApproved: z.object({ amountCents: Cents, cardLast4: z.string() }),
  PaymentDeclined: z.object({ code: z.string(), cardLast4: z.string() }),
  PaymentTimedOut: z.object({ waitedMs: Count }),
  OrderCancelled: z.union([
    z.object({ reason: z.enum(['payment-declined', 'payment-timeout']) }),
    z.object({ reason: z.literal('cannot-make'), code: z.string(), message: z.string(), refundCents: Cents }),
  ]),

  // The barista ticket (lib/domain/coffee/ticket.ts) and the stations (station.ts).
  TicketOpened: z.object({ customerName: z.string(), drinks: Count }),
  TicketPaid: z.object({}),
  DrinkStarted: z.object(By),
  DrinkReady: z.object({ customerName: z.string(), paid: z.boolean(), ...By }),
  DrinkHandedOver: z.object(By),
  DrinkSpilled: z.object({ wasStatus: TicketStatus, remakes: Count, ...By }),
  TicketDiscarded: z.object({ reason: z.string() }),
  DrinkTossed: z.object({ reason: z.string(), wasStatus: TicketStatus }),
  TicketHandedToMachine: z.object({ station: z.number().int().positive(), drinks: Count }),

  // The order request (lib/domain/bookstore/order-request.ts): the bookstore's customer side.
  OrderRequested: z.object({ totalCents: Cents, lines: Count, cardLast4: z.string(), authorizedCents: Cents }),
  LineRequested: z.object(Line),
  LineReserved: z.object({ ...Line, amountCents: Cents }),
  LineBackordered: z.object({ ...Line, decideBy: z.string() }),
  LineWaiting: z.object(Line),
  LineCancelled: z.object({ ...Line, reason: z.enum(['customer', 'no-answer']), amountCents: Cents }),
  PaymentCaptured: z.object({ ...Line, amountCents: Cents }),
  PaymentReleased: z.object({ ...Line, amountCents: Cents }),
  ShipmentDelayed: z.object({ ...Line, problem: z.string() }),
  LineShipped: z.object({ ...Line, carrier: z.string(), trackingNumber: z.string(), delayedSince: z.string().optional() }),
  LineDelivered: z.object(Line),

  // The inventory (lib/domain/bookstore/inventory.ts): one book's stock in the warehouse.
  StockReserved: z.object({ ...Claim, afterWaiting: z.boolean() }),
  StockBackordered: z.object({ ...Claim, waitingAhead: Count }),
  StockReleased: z.object({ ...Claim, wasReserved: z.boolean() }),
  StockShipped: z.object(Claim),
} as const;

/** Every event type the shop raises. */
export type EventType = keyof typeof EVENT_CONTRACTS;
export const EVENT_TYPES = Object.keys(EVENT_CONTRACTS) as EventType[];

export type EventData<T extends EventType> = z.output<(typeof EVENT_CONTRACTS)[T]>;

/** One event of type T, its data as its contract says. */
export type EventOf<T extends EventType> = DomainEvent<T, EventData<T>>;

/** Every event the shop raises, discriminated by `type`. */
export type ShopEvent = { [T in EventType]: EventOf<T> }[EventType];

export function isEventType(type: string): type is EventType {
  return Object.hasOwn(EVENT_CONTRACTS, type);
}

/** The events the aggregates declare, as they declare them. */
type AggregateEvent = OrderEvent | TicketEvent | StationEvent | OrderRequestEvent | InventoryEvent;
type DeclaredData<T> = Extract<AggregateEvent, { type: T }>['data'];

// The compiler's check that the aggregates and the contracts say the same: every declared type
// has a contract, every contract a declaring aggregate, and each side's data fits the other.
type Agrees<T extends EventType> = [DeclaredData<T>] extends [never]
  ? 'declared by no aggregate'
  : [DeclaredData<T>] extends [EventData<T>]
    ? [EventData<T>] extends [DeclaredData<T>]
      ? true
      : 'the contract allows data the aggregate never writes'
    : 'the aggregate writes data the contract refuses';
type Uncontracted = Exclude<AggregateEvent['type'], EventType>;
const AGREES: { [T in EventType]: Agrees<T> } & { uncontracted: [Uncontracted] extends [never] ? true : Uncontracted } = {
  ...(Object.fromEntries(EVENT_TYPES.map((t) => [t, true])) as { [T in EventType]: true }),
  uncontracted: true,
};
void AGREES;

/** zod's issues in one line, each at its path under `root` ("data.lineId: Invalid UUID"). */
export function describeIssues(root: string, issues: readonly z.core.$ZodIssue[]): string {
  return issues.map((i) => `${[root, ...i.path.map(String)].filter(Boolean).join('.') || 'data'}: ${i.message}`).join('; ');
}

/** The event's data, checked against its type's contract (unknown fields dropped), or what is wrong with it. */
export function checkEventData(type: string, data: unknown): { ok: true; data: object } | { ok: false; problems: string } {
  if (!isEventType(type)) return { ok: false, problems: `no event type ${type}` };
  const parsed = EVENT_CONTRACTS[type].safeParse(data ?? {});
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, problems: describeIssues('data', parsed.error.issues) };
}

/** A bug, not a failure to plan for: the code raised an event its contract refuses. */
export class EventContractBroken extends Error {
  override name = 'EventContractBroken';
}

/** Throws unless every event fits its type's contract. */
export function assertContracts(events: readonly Pick<DomainEvent, 'type' | 'data'>[]): void {
  for (const e of events) {
    const checked = checkEventData(e.type, e.data);
    if (!checked.ok) throw new EventContractBroken(`${e.type} breaks its contract: ${checked.problems}`);
  }
}
