// The bookstore's clock-driven steps, run by the relay process on a timer. Each finds the few
// rows whose time has come and moves each one on in its own transaction; running two relays, or
// one twice, changes nothing more (the domain treats a repeat as already done).
import { db } from '../db/client';
import type { DomainError } from '../domain/shared/result';
import { settleAbandoned } from '../idempotency/keys';
import { cancelLine, recordDelivery } from '../domain/bookstore/order-request';
import { cardNetwork, courier } from '../adapters';
import { transact } from '../outbox/unit-of-work';
import { abandonedVoidKeyFor, authorizationKeyFor } from '../payments/holds';
import { orderRequests } from '../db/order-requests';
import type { OrderRequest } from '../domain/bookstore/order-request';
import { type Decide, tryChangeAggregate } from '../outbox/change-aggregate';

const BATCH = 100;

interface LineRef {
  orderId: string;
  lineId: string;
}

/** Backordered lines nobody answered for in time: cancelled for the customer, who is told. */
export async function expireUndecidedBackorders(now: Date): Promise<LineRef[]> {
  const due = await db().orderRequestLine.findMany({
    where: { status: 'backordered', waiting: false, decideBy: { lt: now } },
    orderBy: { decideBy: 'asc' },
    select: { id: true, requestId: true },
    take: BATCH,
  });
  const cancelled: LineRef[] = [];
  for (const { id: lineId, requestId: orderId } of due) {
    const changed = await moveLine(orderId, (request, ctx) => cancelLine(request, lineId, 'no-answer', ctx));
    if (changed) cancelled.push({ orderId, lineId });
  }
  return cancelled;
}

/** Shipped lines the courier now reports delivered. */
export async function recordDeliveredParcels(): Promise<LineRef[]> {
  const shipped = await db().orderRequestLine.findMany({
    where: { status: 'shipped' },
    orderBy: { shippedAt: 'asc' },
    select: { id: true, requestId: true, trackingNumber: true },
    take: BATCH,
  });
  const delivered: LineRef[] = [];
  for (const { id: lineId, requestId: orderId, trackingNumber } of shipped) {
    if (!trackingNumber || (await courier().track(trackingNumber)).status !== 'delivered') continue;
    const changed = await moveLine(orderId, (request, ctx) => recordDelivery(request, lineId, ctx), 'courier');
    if (changed) delivered.push({ orderId, lineId });
  }
  return delivered;
}

/** One line moved on, in its own transaction; false if it had moved on meanwhile (say, the customer answered). */
async function moveLine(orderId: string, decide: Decide<OrderRequest>, actor: 'system' | 'courier' = 'system'): Promise<boolean> {
  return transact(async (uow) => {
    const moved = await tryChangeAggregate(uow, orderRequests, orderId, { mode: 'async', actor }, decide);
    return moved.ok && moved.value.changed;
  });
}

/** The answer a retry under the key gets from now on (a Result's error, see lib/idempotency/keys.ts). */
export const CHECKOUT_ABANDONED: DomainError<'CHECKOUT.ABANDONED'> = {
  code: 'CHECKOUT.ABANDONED',
  message: 'Your order request did not complete, so nothing was ordered and any hold on your card was released.',
};

/**
 * Checkouts that claimed their key and then never recorded an answer (the process died while or
 * after the card network authorised): older than `olderThanMs`, their hold is voided and the key
 * is given a final answer. Coffee orders are recorded with their key, so they never match.
 */
export async function settleAbandonedCheckouts(now: Date, olderThanMs: number): Promise<string[]> {
  const stale = await db().$queryRaw<{ order_id: string }[]>`
    SELECT k.order_id FROM idempotency_keys k
     WHERE k.status_code IS NULL AND k.order_id IS NOT NULL
       AND k.created_at < ${new Date(now.getTime() - olderThanMs)}
       AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.id = k.order_id)
       AND NOT EXISTS (SELECT 1 FROM order_requests r WHERE r.id = k.order_id)
     LIMIT ${BATCH}`;
  const settled: string[] = [];
  for (const { order_id: orderId } of stale) {
    // The answer first: from here on a late checkout cannot record its order (it stores its
    // answer only if none is stored), so voiding the hold cannot strand a live order request.
    if (!(await transact(({ tx, ctx }) => settleAbandoned(tx, orderId, CHECKOUT_ABANDONED, ctx.now)))) continue;
    const hold = await cardNetwork().findAuthorization(authorizationKeyFor(orderId));
    if (hold?.outcome === 'approved') {
      await cardNetwork().void({
        idempotencyKey: abandonedVoidKeyFor(orderId),
        authorizationKey: hold.authorizationKey,
        amountCents: hold.amountCents,
      });
    }
    settled.push(orderId);
  }
  return settled;
}
