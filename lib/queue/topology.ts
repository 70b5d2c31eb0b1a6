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
  // The bookstore.
  OrderRequested: ['notifications'],
  LineRequested: ['inventory'],
  StockReserved: ['fulfilment'],
  StockBackordered: ['fulfilment'],
  LineReserved: ['payments'],
  LineBackordered: ['notifications'],
  LineCancelled: ['inventory', 'payments', 'notifications'],
  PaymentCaptured: ['shipping'],
  PaymentReleased: ['notifications'],
  LineShipped: ['inventory', 'notifications'],
  LineDelivered: ['notifications'],
};

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
});
export type EventJob = z.infer<typeof EventJob>;

/** Retried with exponential backoff and jitter; a permanent failure throws UnrecoverableError. */
export const DEFAULT_JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 250, jitter: 0.5 },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
} as const;
