// A refund is a fact for the customer's timeline that changes no aggregate of ours. Two parties
// may make the same refund (the refund worker after a cancellation, and the counter when its
// late payment finds the order cancelled): the card network's key makes it one refund, and the
// timeline row's id, derived from that key, makes it one line on the customer's page.
import type { RefundResult } from '../../payments/card-network';
import { type Origin, factId } from '../../outbox/append';
import type { UnitOfWork } from '../../outbox/unit-of-work';

export async function recordRefund(uow: UnitOfWork, orderId: string, refund: RefundResult, origin: Origin): Promise<void> {
  const fact = {
    id: factId(refund.refundKey),
    orderId,
    type: 'PaymentRefunded',
    data: { amountCents: refund.amountCents },
    occurredAt: uow.ctx.now,
  };
  await uow.note(fact, origin);
}
