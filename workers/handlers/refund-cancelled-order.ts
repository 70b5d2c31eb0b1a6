// OrderCancelled → give back any money the card network took for it. Normally there is none
// (a declined card charges nothing); after a payment timeout the charge may have gone through
// with nobody left to hear about it, and an order the shop could not make may well be paid. The
// charge is looked up by its idempotency key, never made again, and the refund is keyed too, so a
// re-run refunds nothing more.
//
// The job alone is not proof of a cancellation: a job misrouted, replayed from another deployment
// or forged by anyone who can write to Redis would otherwise refund a paid order that is being
// made. So the order is read first and only a cancelled one is refunded; anything else refunds
// nothing and goes to the needs-attention list with the reason (retrying cannot change it).
import { recordRefund } from '@/lib/commands/support/refunds';
import { db } from '@/lib/db/client';
import { cardNetwork } from '@/lib/adapters';
import { consumeOnceWithPrisma } from '@/lib/outbox/inbox';
import { chargeKeyFor, refundCharge } from '@/lib/payments/charges';
import { PermanentStepError } from '@/lib/queue/errors';
import type { EventJobOf } from '@/lib/queue/topology';

export async function refundCancelledOrderHandler(job: EventJobOf<'OrderCancelled'>): Promise<void> {
  const order = await db().order.findUnique({ where: { id: job.orderId }, select: { status: true } });
  if (!order) {
    throw new PermanentStepError('REFUND.ORDER_NOT_FOUND', `No order ${job.orderId} to refund; nothing was refunded.`);
  }
  if (order.status !== 'cancelled') {
    throw new PermanentStepError(
      'REFUND.ORDER_NOT_CANCELLED',
      `Order ${job.orderId} is ${order.status}, not cancelled; nothing was refunded.`,
    );
  }

  const charge = await cardNetwork().findCharge(chargeKeyFor(job.orderId));
  const refund = charge?.outcome === 'approved' ? await refundCharge(charge.chargeKey, charge.amountCents) : null;

  await consumeOnceWithPrisma('payments.refund-cancelled', job.eventId, async (uow) => {
    if (refund) await recordRefund(uow, job.orderId, refund, { mode: 'async', actor: 'cashier' });
  });
}
