// Writes a transaction's domain events twice, in that same transaction: into the outbox (for the
// relay to publish) and into the order's timeline (for the customer to read).
import { createHash } from 'node:crypto';
import type { Tx } from '../db/client';
import type { DomainEvent } from '../domain/shared/events';

/**
 * Whose job the step was: done while the customer waited, or behind the counter. `system` is the
 * shop's own machinery (sweepers, a step's retry policy); `staff` is a person acting on the
 * needs-attention list.
 */
export interface Origin {
  mode: 'sync' | 'async';
  actor: 'customer' | 'cashier' | 'barista' | 'warehouse' | 'courier' | 'system' | 'staff';
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

/**
 * A fact for the order's timeline that changes no aggregate and tells no other step: a refund the
 * card network made, a step handed to a person, what that person did. Written in the caller's
 * transaction; an `id` derived from what happened (see `factId`) makes a repeat write nothing.
 */
export async function appendFact(
  tx: Tx,
  fact: { id: string; orderId: string; type: string; data: Record<string, unknown>; occurredAt: Date },
  origin: Origin,
): Promise<boolean> {
  const { count } = await tx.timelineEntry.createMany({
    data: [{ ...fact, data: fact.data as object, mode: origin.mode, actor: origin.actor }],
    skipDuplicates: true,
  });
  return count === 1;
}

/**
 * A UUID named by a string (the refund key, say), the same every time: two processes recording
 * the same fact write one timeline row. Shaped like an RFC 9562 version 8 (custom) UUID.
 */
export function factId(name: string): string {
  const b = createHash('sha256').update(name).digest().subarray(0, 16);
  b[6] = 0x80 | (b[6]! & 0x0f);
  b[8] = 0x80 | (b[8]! & 0x3f);
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
