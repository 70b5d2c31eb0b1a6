// OrderCancelled → give back any money the card network took for it. Normally there is none
// (a declined card charges nothing); after a payment timeout the charge may have gone through
// with nobody left to hear about it. The charge is looked up by its idempotency key, never
// made again, and the refund is keyed too, so a re-run refunds nothing more.
import { chargeKeyFor, refundCharge } from '@/lib/payments/charges';
import { cardNetwork } from '@/lib/fakes/card-network';
import { consumeOnce } from '@/lib/outbox/inbox';
import type { EventJob } from '@/lib/queue/topology';

export async function refundCancelledOrderHandler(job: EventJob): Promise<void> {
  const charge = await cardNetwork().findCharge(chargeKeyFor(job.orderId));
  const refund = charge?.outcome === 'approved' ? await refundCharge(charge.chargeKey, charge.amountCents) : null;

  await consumeOnce('payments.refund-cancelled', job.eventId, async ({ tx, ctx, touch }) => {
    if (!refund) return;
    // The refund is a fact for the customer's timeline; it changes no aggregate of ours.
    await tx.timelineEntry.create({
      data: {
        id: ctx.newId(),
        orderId: job.orderId,
        type: 'PaymentRefunded',
        mode: 'async',
        actor: 'cashier',
        data: { amountCents: refund.amountCents },
        occurredAt: ctx.now,
      },
    });
    touch(job.orderId, 'PaymentRefunded');
  });
}
