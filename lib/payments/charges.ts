// How the shop keys its money movements at the card network: one charge per order, one refund per
// charge. Asking again with the same key never moves money twice, so whoever gets there second
// (the counter after a late answer, or the refund worker) changes nothing.
import { cardNetwork } from '../adapters';

export function chargeKeyFor(orderId: string): string {
  return `coffee-order-${orderId}`;
}

export function refundCharge(chargeKey: string, amountCents: number) {
  return cardNetwork().refund({ idempotencyKey: `refund-${chargeKey}`, chargeKey, amountCents });
}
