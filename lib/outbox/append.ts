// Writes a transaction's domain events twice, in that same transaction: into the outbox (for the
// relay to publish) and into the order's timeline (for the customer to read).
import { createHash } from 'node:crypto';
import { Prisma } from '../db/generated/client';
import { type SqlTx, write } from '../db/sql-tx';
import type { DomainEvent } from '../domain/shared/events';
import { assertContracts } from '../events/contracts';

/**
 * Whose job the step was: done while the customer waited, or behind the counter. `system` is the
 * shop's own machinery (sweepers, a step's retry policy); `staff` is a person acting on the
 * needs-attention list.
 */
export interface Origin {
  mode: 'sync' | 'async';
  actor: 'customer' | 'cashier' | 'barista' | 'warehouse' | 'courier' | 'system' | 'staff';
}

export async function appendEvents(tx: SqlTx, events: readonly DomainEvent[], origin: Origin): Promise<void> {
  if (events.length === 0) return;
  assertContracts(events);
  // Two writes, so that a plain-SQL transaction can send them with its others as one statement
  // (lib/db/sql-tx.ts); the events go to both as the same arrays.
  const rows = Prisma.sql`unnest(
    ${events.map((e) => e.id)}::uuid[], ${events.map((e) => e.type)}::text[],
    ${events.map((e) => e.aggregateId)}::uuid[], ${events.map((e) => e.orderId)}::uuid[],
    ${events.map((e) => JSON.stringify(e.data))}::text[], ${events.map((e) => e.occurredAt)}::timestamptz[]
  ) AS e(id, type, aggregate_id, order_id, payload, at)`;
  await write(
    tx,
    {
      sql: Prisma.sql`
        INSERT INTO outbox (id, type, aggregate_id, order_id, payload, created_at)
        SELECT id, type, aggregate_id, order_id, payload::jsonb, at FROM ${rows}`,
    },
    {
      sql: Prisma.sql`
        INSERT INTO order_timeline (id, order_id, type, mode, actor, data, occurred_at)
        SELECT id, order_id, type, ${origin.mode}, ${origin.actor}, payload::jsonb, at FROM ${rows}`,
    },
  );
}

/**
 * A fact for the order's timeline that changes no aggregate and tells no other step: a refund the
 * card network made, a step handed to a person, what that person did. Written in the caller's
 * transaction; an `id` derived from what happened (see `factId`) makes a repeat write nothing.
 */
export interface Fact {
  id: string;
  orderId: string;
  type: string;
  data: Record<string, unknown>;
  occurredAt: Date;
}

export async function appendFact(tx: SqlTx, fact: Fact, origin: Origin): Promise<boolean> {
  const count = await tx.$executeRaw`
    INSERT INTO order_timeline (id, order_id, type, mode, actor, data, occurred_at)
    VALUES (${fact.id}::uuid, ${fact.orderId}::uuid, ${fact.type}, ${origin.mode}, ${origin.actor},
            ${JSON.stringify(fact.data)}::jsonb, ${fact.occurredAt}::timestamptz)
    ON CONFLICT DO NOTHING`;
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
