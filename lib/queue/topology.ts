// Who listens to what. The relay reads this to route each outbox row to the queues of its
// subscribers; each worker reads it to know which handler runs for which event.
import { z } from 'zod';
import { type EventData, type EventType, checkEventData, describeIssues, isEventType } from '../events/contracts';

export const QUEUES = {
  /** Barista ticket bookkeeping: open, learn about payment, toss. Quick steps. */
  tickets: 'tickets',
  /** Making drinks: one job per ticket, as many at once as there are stations. */
  brewing: 'brewing',
  /** Money moving after the fact: refunds, captures for what ships, releases for what does not. */
  payments: 'payments',
  /** The warehouse: each book's stock, one book per transaction. */
  inventory: 'inventory',
  /** The bookstore order request learning what the warehouse, cashier and courier did. */
  fulfilment: 'fulfilment',
  /** Handing parcels to the courier. */
  shipping: 'shipping',
  /** The e-mails the shop sends, written from events. */
  notifications: 'notifications',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const SUBSCRIPTIONS = {
  OrderPlaced: ['tickets'],
  PaymentApproved: ['tickets'],
  OrderCancelled: ['tickets', 'payments'],
  TicketOpened: ['brewing'],
  // A manual station switched back to the machine: the machine makes its queued drinks.
  TicketHandedToMachine: ['brewing'],
  // The bookstore.
  OrderRequested: ['notifications'],
  LineRequested: ['inventory'],
  StockReserved: ['fulfilment'],
  StockBackordered: ['fulfilment'],
  LineReserved: ['payments'],
  LineBackordered: ['notifications'],
  LineCancelled: ['inventory', 'payments', 'notifications'],
  PaymentCaptured: ['shipping'],
  ShipmentDelayed: ['notifications'],
  PaymentReleased: ['notifications'],
  LineShipped: ['inventory', 'notifications'],
  LineDelivered: ['notifications'],
} as const satisfies { readonly [E in EventType]?: readonly QueueName[] };

/**
 * Events no step listens to, on purpose: facts for the order's timeline and the live pages only.
 * An outbox row whose type is neither here nor in SUBSCRIPTIONS is a mistake (a typo, an event
 * added without its subscriber): the relay puts it on the needs-attention list rather than
 * publishing it to nobody. The compiler checks every event type is in exactly one of the two
 * (EVERY_EVENT_ROUTED below).
 */
const UNHEARD = [
  // The barista board and the order page hear these over the live channel; no step needs them.
  'TicketPaid',
  'DrinkStarted',
  'DrinkSpilled',
  'DrinkReady',
  'DrinkHandedOver',
  'DrinkTossed',
  'TicketDiscarded',
  'PaymentDeclined',
  'PaymentTimedOut',
  'LineWaiting',
  'StockReleased',
  'StockShipped',
] as const satisfies readonly EventType[];

export const UNHEARD_EVENTS: ReadonlySet<string> = new Set<string>(UNHEARD);

export type SubscribedEvent = keyof typeof SUBSCRIPTIONS;

type Unrouted = Exclude<EventType, SubscribedEvent | (typeof UNHEARD)[number]>;
type RoutedTwice = Extract<SubscribedEvent, (typeof UNHEARD)[number]>;
// A type error here names the event that is neither subscribed nor deliberately unheard, or both.
const EVERY_EVENT_ROUTED: {
  unrouted: [Unrouted] extends [never] ? true : Unrouted;
  twice: [RoutedTwice] extends [never] ? true : RoutedTwice;
} = {
  unrouted: true,
  twice: true,
};
void EVERY_EVENT_ROUTED;

/** The event types a queue hears: what its handlers must cover, no more and no less. */
export type EventsOn<Q extends QueueName> = {
  [E in SubscribedEvent]: Q extends (typeof SUBSCRIPTIONS)[E][number] ? E : never;
}[SubscribedEvent];

/** The queues an event of this type goes to (none for an unknown or unheard type). */
export function subscribersOf(type: string): readonly QueueName[] {
  return (SUBSCRIPTIONS as Partial<Record<string, readonly QueueName[]>>)[type] ?? [];
}

/** Whether anything is meant to happen for an outbox row of this type: subscribed, or deliberately heard by no one. */
export function isRoutable(type: string): boolean {
  return subscribersOf(type).length > 0 || UNHEARD_EVENTS.has(type);
}

/**
 * A job is one event: its ids and its (small) data, exactly as the outbox row has them. Handlers
 * load the aggregates they change in their own transaction; they never trust a job for state.
 * This is the envelope producers write (the relay, a person's retry); the worker reads it with
 * readEventJob, which also checks the data against its type's contract.
 */
export const EventJob = z.object({
  eventId: z.string().uuid(),
  type: z.string().min(1),
  aggregateId: z.string().uuid(),
  orderId: z.string().uuid(),
  data: z.record(z.string(), z.unknown()).optional(),
  /** Set when a person re-ran this job from the needs-attention list (the item's id). */
  retryOf: z.string().uuid().optional(),
});
export type EventJob = z.infer<typeof EventJob>;

/** A job as a handler receives it: an event of type T, its data as the contract says. */
export type EventJobOf<T extends EventType> = Omit<EventJob, 'type' | 'data'> & { type: T; data: EventData<T> };
export type AnyEventJob = { [T in EventType]: EventJobOf<T> }[EventType];

export type JobReading =
  | { kind: 'event'; job: AnyEventJob }
  /** Not an event at all (no envelope), or an event whose data breaks its contract: nothing can run it. */
  | { kind: 'malformed'; problems: string; envelope: EventJob | null }
  /** A well-formed envelope of a type the shop does not know (no handler can exist for it). */
  | { kind: 'unknown-type'; envelope: EventJob };

/** Reads a job's data once: the envelope, then the event's data against its type's contract. */
export function readEventJob(raw: unknown): JobReading {
  const envelope = EventJob.safeParse(raw);
  if (!envelope.success) {
    return { kind: 'malformed', problems: describeIssues('', envelope.error.issues), envelope: null };
  }
  const { type, data } = envelope.data;
  if (!isEventType(type)) return { kind: 'unknown-type', envelope: envelope.data };
  const checked = checkEventData(type, data);
  if (!checked.ok) return { kind: 'malformed', problems: checked.problems, envelope: envelope.data };
  return { kind: 'event', job: { ...envelope.data, type, data: checked.data } as AnyEventJob };
}

/**
 * How long BullMQ keeps finished jobs. A failed job is kept for a week: a person may re-run it
 * from the needs-attention list (jobs are found by id = event id). How often a step is tried, and
 * how long it waits in between, is the step's own policy: lib/queue/policies.ts.
 */
export const JOB_RETENTION = {
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
} as const;
