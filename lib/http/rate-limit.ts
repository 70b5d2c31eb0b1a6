// How often one caller may place orders: per customer (the cookie) and per client address (so a
// script that throws its cookie away each time is still held back), counted by lib/http/limits.ts
// in windows of ORDER_RATE_LIMIT_WINDOW_S. Redis down → ServiceUnavailable, which the order paths
// already answer with 503. Also the 429 answers every limit of the edge shares.
import { headers } from 'next/headers';
import { config } from '../config';
import type { DomainError } from '../domain/shared/result';
import { type ActionFailure, actionFailure } from './action-result';
import { refusal } from './answer';
import { requestAddress } from './client-address';
import { edgeConfig } from './edge-config';
import { type RateDecision, hitLimits } from './limits';

const limits = () => config();

export { type Counter, type Limit, type RateDecision, giveBackHits, hitLimits, judge, resetHits } from './limits';
export { clientAddress } from './client-address';

/** Counts this order attempt against both limits and says whether it may go ahead. */
export async function checkOrderRate(who: { customerId: string; address: string }): Promise<RateDecision> {
  const { ORDER_RATE_LIMIT_PER_CUSTOMER, ORDER_RATE_LIMIT_PER_ADDRESS, ORDER_RATE_LIMIT_WINDOW_S } = limits();
  return hitLimits([
    { scope: 'customer', key: `orders:customer:${who.customerId}`, max: ORDER_RATE_LIMIT_PER_CUSTOMER, windowS: ORDER_RATE_LIMIT_WINDOW_S },
    { scope: 'address', key: `orders:address:${who.address}`, max: ORDER_RATE_LIMIT_PER_ADDRESS, windowS: ORDER_RATE_LIMIT_WINDOW_S },
  ]);
}

/** For route handlers: the request's address from its headers. */
export const checkOrderRateForRequest = (request: Request, customerId: string) =>
  checkOrderRate({ customerId, address: requestAddress(request.headers) });

/** For server actions, which have no Request: the address from next/headers. */
export async function checkOrderRateForAction(customerId: string): Promise<RateDecision> {
  return checkOrderRate({ customerId, address: requestAddress(await headers()) });
}

/**
 * Cart writes (add, change, remove) per customer and per address: a cart is cheap to write, so a
 * script could otherwise churn rows as fast as PostgreSQL takes them.
 */
export async function checkCartWriteRate(who: { customerId: string; address: string }): Promise<RateDecision> {
  const { CART_WRITES_PER_CUSTOMER, CART_WRITES_PER_ADDRESS, CART_WRITE_WINDOW_S } = edgeConfig();
  return hitLimits([
    { scope: 'customer', key: `cart:customer:${who.customerId}`, max: CART_WRITES_PER_CUSTOMER, windowS: CART_WRITE_WINDOW_S },
    { scope: 'address', key: `cart:address:${who.address}`, max: CART_WRITES_PER_ADDRESS, windowS: CART_WRITE_WINDOW_S },
  ]);
}

export const checkCartWriteRateForRequest = (request: Request, customerId: string) =>
  checkCartWriteRate({ customerId, address: requestAddress(request.headers) });

export async function checkCartWriteRateForAction(customerId: string): Promise<RateDecision> {
  return checkCartWriteRate({ customerId, address: requestAddress(await headers()) });
}

type Refused = Extract<RateDecision, { ok: false }>;
type Subject = 'orders' | 'cart';

const messageFor = (decision: Refused, subject: Subject) => {
  const network = decision.scope === 'address' ? ' from your network' : '';
  return subject === 'orders'
    ? `Too many orders in a short time${network}. Nothing was charged or recorded; try again in ${decision.retryAfterS} s.`
    : `Too many changes to the cart in a short time${network}. This one was not made; try again in ${decision.retryAfterS} s.`;
};

export function rateLimitedError(decision: Refused, subject: Subject = 'orders'): DomainError<'RATE_LIMITED'> {
  return { code: 'RATE_LIMITED', message: messageFor(decision, subject), retryAfterS: decision.retryAfterS };
}

/** 429 with Retry-After (seconds). */
export function rateLimited(decision: Refused, subject: Subject = 'orders'): Response {
  return refusal({ error: rateLimitedError(decision, subject) });
}

export function rateLimitedResult(decision: Refused, subject: Subject = 'orders'): ActionFailure {
  return actionFailure(rateLimitedError(decision, subject));
}
