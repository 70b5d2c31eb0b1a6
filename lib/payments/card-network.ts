// The port to the card network, which is outside the product. Every call is keyed by an
// idempotency key: asking twice with the same key never moves money twice.

export type DeclineCode = 'card_declined' | 'insufficient_funds';

export type ChargeResult =
  | { outcome: 'approved'; chargeKey: string; amountCents: number }
  | { outcome: 'declined'; chargeKey: string; code: DeclineCode };

export interface RefundResult {
  refundKey: string;
  amountCents: number;
}

export interface CardNetwork {
  charge(request: { idempotencyKey: string; amountCents: number; cardNumber: string }): Promise<ChargeResult>;
  /** Looks a charge up by the key it was made with; null if the network never saw it. */
  findCharge(idempotencyKey: string): Promise<ChargeResult | null>;
  refund(request: { idempotencyKey: string; chargeKey: string; amountCents: number }): Promise<RefundResult>;
}

export const DECLINE_MESSAGES: Record<DeclineCode, string> = {
  card_declined: 'Your card was declined.',
  insufficient_funds: 'Your card was declined: insufficient funds.',
};
