// The port to the card network, which is outside the product. Every call is keyed by an
// idempotency key: asking twice with the same key never moves money twice.

export type DeclineCode = 'card_declined' | 'insufficient_funds';

export type ChargeResult =
  { outcome: 'approved'; chargeKey: string; amountCents: number } | { outcome: 'declined'; chargeKey: string; code: DeclineCode };

export interface RefundResult {
  refundKey: string;
  amountCents: number;
}

export type AuthorizationResult =
  | { outcome: 'approved'; authorizationKey: string; amountCents: number }
  | { outcome: 'declined'; authorizationKey: string; code: DeclineCode };

/** Part of a hold turned into money taken (capture) or given back untouched (void). */
export interface HoldMovement {
  key: string;
  authorizationKey: string;
  amountCents: number;
}

/**
 * The network took the request but its answer never came back. The charge or hold may well have
 * gone through: the caller cannot know, so it must look the payment up by its idempotency key
 * (findCharge / findAuthorization) — never charge again under a new key.
 */
export class CardNetworkTimeout extends Error {
  override name = 'CardNetworkTimeout';
  constructor(
    readonly operation: 'charge' | 'authorization',
    readonly idempotencyKey: string,
  ) {
    super(`the card network did not answer the ${operation} ${idempotencyKey} in time; look it up by its key`);
  }
}

/** Captures and voids together may never exceed what was authorised. */
export class HoldExceeded extends Error {
  override name = 'HoldExceeded';
}

export interface CardNetwork {
  charge(request: { idempotencyKey: string; amountCents: number; cardNumber: string }): Promise<ChargeResult>;
  /** Looks a charge up by the key it was made with; null if the network never saw it. */
  findCharge(idempotencyKey: string): Promise<ChargeResult | null>;
  refund(request: { idempotencyKey: string; chargeKey: string; amountCents: number }): Promise<RefundResult>;
  /** Puts a hold on the card for the amount; nothing is taken yet. */
  authorize(request: { idempotencyKey: string; amountCents: number; cardNumber: string }): Promise<AuthorizationResult>;
  findAuthorization(idempotencyKey: string): Promise<AuthorizationResult | null>;
  /** Takes part (or all) of a hold. Throws HoldExceeded past what is left of it. */
  capture(request: { idempotencyKey: string; authorizationKey: string; amountCents: number }): Promise<HoldMovement>;
  /** Gives part (or all) of a hold back without taking it. Throws HoldExceeded past what is left. */
  void(request: { idempotencyKey: string; authorizationKey: string; amountCents: number }): Promise<HoldMovement>;
}

export const DECLINE_MESSAGES: Record<DeclineCode, string> = {
  card_declined: 'Your card was declined.',
  insufficient_funds: 'Your card was declined: insufficient funds.',
};
