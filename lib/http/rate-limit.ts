// How often one caller may place orders: per customer (the cookie) and per client address (so a
// script that throws its cookie away each time is still held back), counted by lib/http/limits.ts
// in windows of ORDER_RATE_LIMIT_WINDOW_S. Redis down → ServiceUnavailable, which the order paths
// already answer with 503. Also the 429 answers every limit of the edge shares.
import { headers } from 'next/headers';
import { config } from '../config';
import type { ActionResult } from './action-result';
import { requestAddress } from './client-address';
import { type RateDecision, hitLimits } from './limits';
import { json } from './respond';

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

const messageFor = (decision: Extract<RateDecision, { ok: false }>) =>
  `Too many orders in a short time${decision.scope === 'address' ? ' from your network' : ''}. Nothing was charged or recorded; try again in ${decision.retryAfterS} s.`;

/** 429 with Retry-After (seconds). */
export function rateLimited(decision: Extract<RateDecision, { ok: false }>): Response {
  return json(
    429,
    { error: { code: 'RATE_LIMITED', message: messageFor(decision), retryAfterS: decision.retryAfterS } },
    { 'Retry-After': String(decision.retryAfterS) },
  );
}

export function rateLimitedResult(decision: Extract<RateDecision, { ok: false }>): Extract<ActionResult<never>, { ok: false }> {
  return { ok: false, code: 'RATE_LIMITED', message: messageFor(decision) };
}
