// The payment-timeout sweeper's command: an order whose payment outcome never arrived is
// cancelled once its deadline has passed. Run by the system, one order per transaction.
import { db } from '../db/client';
import { orders } from '../db/orders';
import { expirePayment } from '../domain/ordering/order';
import type { DomainError } from '../domain/shared/result';
import { settleAbandoned } from '../idempotency/keys';
import { tryChangeAggregate } from '../outbox/change-aggregate';
import { transact } from '../outbox/unit-of-work';

/** The answer a retry under the key gets from now on (a Result's error, see lib/idempotency/keys.ts). */
export const PAYMENT_TIMED_OUT: DomainError<'PAYMENT.TIMED_OUT'> = {
  code: 'PAYMENT.TIMED_OUT',
  message: 'The payment never completed, so the order was cancelled. Any charge is refunded.',
};

export async function expireUnpaidOrder(orderId: string): Promise<boolean> {
  return transact(async (uow) => {
    const expired = await tryChangeAggregate(uow, orders, orderId, { mode: 'async', actor: 'system' }, expirePayment);
    if (!expired.ok || !expired.value.changed) return false; // gone, or answered meanwhile
    await settleAbandoned(uow.tx, orderId, PAYMENT_TIMED_OUT, uow.ctx.now);
    return true;
  });
}

/** Orders still waiting for a payment outcome past their deadline, oldest first. */
export async function overdueUnpaidOrders(now: Date, limit = 100): Promise<string[]> {
  const rows = await db().order.findMany({
    where: { status: 'payment_pending', paymentDeadline: { lt: now } },
    orderBy: { paymentDeadline: 'asc' },
    select: { id: true },
    take: limit,
  });
  return rows.map((r) => r.id);
}
