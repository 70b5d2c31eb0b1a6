// Writes a transaction's domain events twice, in that same transaction: into the outbox (for the
// relay to publish) and into the order's timeline (for the customer to read).
import type { Tx } from '../db/client';
import type { DomainEvent } from '../domain/shared/events';

/** Whose job the step was: done while the customer waited, or behind the counter. */
export interface Origin {
  mode: 'sync' | 'async';
  actor: 'customer' | 'cashier' | 'barista' | 'warehouse' | 'courier' | 'system';
}

export async function appendEvents(tx: Tx, events: readonly DomainEvent[], origin: Origin): Promise<void> {
  if (events.length === 0) return;
  await tx.outboxMessage.createMany({
    data: events.map((e) => ({
      id: e.id,
      type: e.type,
      aggregateId: e.aggregateId,
      orderId: e.orderId,
      payload: e.data as object,
      createdAt: e.occurredAt,
    })),
  });
  await tx.timelineEntry.createMany({
    data: events.map((e) => ({
      id: e.id,
      orderId: e.orderId,
      type: e.type,
      mode: origin.mode,
      actor: origin.actor,
      data: e.data as object,
      occurredAt: e.occurredAt,
    })),
  });
}
