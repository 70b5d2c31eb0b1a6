// OrderCancelled → give back any money the card network took for it. Normally there is none
// (a declined card charges nothing); after a payment timeout the charge may have gone through
// with nobody left to hear about it, and an order the shop could not make may well be paid. The
// charge is looked up by its idempotency key, never made again, and the refund is keyed too, so a
// re-run refunds nothing more.
import { recordRefund } from '@/lib/commands/support/refunds';
import { cardNetwork } from '@/lib/fakes/card-network';
import { consumeOnce } from '@/lib/outbox/inbox';
import { chargeKeyFor, refundCharge } from '@/lib/payments/charges';
import type { EventJob } from '@/lib/queue/topology';

export async function refundCancelledOrderHandler(job: EventJob): Promise<void> {
  const charge = await cardNetwork().findCharge(chargeKeyFor(job.orderId));
  const refund = charge?.outcome === 'approved' ? await refundCharge(charge.chargeKey, charge.amountCents) : null;

  await consumeOnce('payments.refund-cancelled', job.eventId, async (uow) => {
    if (refund) await recordRefund(uow, job.orderId, refund, { mode: 'async', actor: 'cashier' });
  });
}
