// Who listens to what. The relay reads this to route each outbox row to the queues of its
// subscribers; each worker reads it to know which handler runs for which event.
import { z } from 'zod';

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

export const SUBSCRIPTIONS: Readonly<Record<string, readonly QueueName[]>> = {
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
};

/**
 * Events no step listens to, on purpose: facts for the order's timeline and the live pages only.
 * An outbox row whose type is neither here nor in SUBSCRIPTIONS is a mistake (a typo, an event
 * added without its subscriber): the relay puts it on the needs-attention list rather than
 * publishing it to nobody. A test checks every event the code can emit is in one of the two.
 */
export const UNHEARD_EVENTS: ReadonlySet<string> = new Set([
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
]);

/** Whether anything is meant to happen for an outbox row of this type: subscribed, or deliberately heard by no one. */
export function isRoutable(type: string): boolean {
  return (SUBSCRIPTIONS[type]?.length ?? 0) > 0 || UNHEARD_EVENTS.has(type);
}

/**
 * A job is one event: its ids and its (small) data, exactly as the outbox row has them. Handlers
 * load the aggregates they change in their own transaction; they never trust a job for state.
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

/**
 * How long BullMQ keeps finished jobs. A failed job is kept for a week: a person may re-run it
 * from the needs-attention list (jobs are found by id = event id). How often a step is tried, and
 * how long it waits in between, is the step's own policy: lib/queue/policies.ts.
 */
export const JOB_RETENTION = {
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
} as const;
