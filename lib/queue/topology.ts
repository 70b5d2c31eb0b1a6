// Who listens to what. The relay reads this to route each outbox row to the queues of its
// subscribers; each worker reads it to know which handler runs for which event.
import { z } from 'zod';

export const QUEUES = {
  /** Barista ticket bookkeeping: open, learn about payment, toss. Quick steps. */
  tickets: 'tickets',
  /** Making drinks: one job per ticket, as many at once as there are stations. */
  brewing: 'brewing',
  /** Money moving after the fact: refunds for orders cancelled after a charge. */
  payments: 'payments',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const SUBSCRIPTIONS: Readonly<Record<string, readonly QueueName[]>> = {
  OrderPlaced: ['tickets'],
  PaymentApproved: ['tickets'],
  OrderCancelled: ['tickets', 'payments'],
  TicketOpened: ['brewing'],
};

/** Jobs carry ids only; handlers load what they need in their own transaction. */
export const EventJob = z.object({
  eventId: z.string().uuid(),
  type: z.string().min(1),
  aggregateId: z.string().uuid(),
  orderId: z.string().uuid(),
});
export type EventJob = z.infer<typeof EventJob>;

/** Retried with exponential backoff and jitter; a permanent failure throws UnrecoverableError. */
export const DEFAULT_JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 250, jitter: 0.5 },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
} as const;
