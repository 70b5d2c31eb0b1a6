// How often one caller may place orders: per customer (the cookie) and per client address (so a
// script that throws its cookie away each time is still held back). A fixed window per key in
// Redis: the first order starts a window of ORDER_RATE_LIMIT_WINDOW_S, every attempt in it counts
// (refused ones too, so hammering does not help), and the answer says when the window ends.
// Both counters move in one Lua script, so one round trip and no race between the check and the
// count. Redis down → ServiceUnavailable, which the order paths already answer with 503.
import { headers } from 'next/headers';
import { config } from '../config';
import { ServiceUnavailable } from '../db/errors';
import { commandRedis, redisIsReady, waitForRedis } from '../queue/redis';
import type { ActionResult } from './action-result';
import { json } from './respond';

const limits = () => config();

export interface Counter {
  /** Which limit: 'customer' or 'address'. */
  scope: string;
  /** Attempts in the current window, this one included. */
  count: number;
  max: number;
  /** Milliseconds until the window ends. */
  ttlMs: number;
}

export type RateDecision = { ok: true } | { ok: false; scope: string; retryAfterS: number };

/** Pure: refused when any counter is over its limit; wait until the last such window ends. */
export function judge(counters: readonly Counter[]): RateDecision {
  const over = counters.filter((c) => c.count > c.max);
  if (over.length === 0) return { ok: true };
  const worst = over.reduce((a, b) => (b.ttlMs > a.ttlMs ? b : a));
  return { ok: false, scope: worst.scope, retryAfterS: Math.max(1, Math.ceil(worst.ttlMs / 1000)) };
}

/**
 * The client's address: the first hop of X-Forwarded-For (Next's server fills the header with
 * the socket's address when a request arrives without one). Behind a proxy that does not
 * overwrite the header, a client can choose its own first hop — the per-customer limit still
 * holds then, and the proxy is where the address should be pinned.
 */
export function clientAddress(forwardedFor: string | null | undefined): string {
  const first = forwardedFor?.split(',')[0]?.trim().toLowerCase() ?? '';
  const address = first.startsWith('::ffff:') && first.includes('.') ? first.slice('::ffff:'.length) : first;
  return /^[0-9a-f:.]{2,45}$/.test(address) ? address : 'unknown';
}

// INCR each key; start its window (ARGV[i] ms, one per key) on the first hit, or if it somehow
// lost its expiry.
const COUNT = `
local out = {}
for i, key in ipairs(KEYS) do
  local n = redis.call('INCR', key)
  local ttl = redis.call('PTTL', key)
  if n == 1 or ttl < 0 then
    redis.call('PEXPIRE', key, ARGV[i])
    ttl = tonumber(ARGV[i])
  end
  out[#out + 1] = n
  out[#out + 1] = ttl
end
return out`;

export interface Limit {
  /** Names the limit in the answer ('customer', 'address', …). */
  scope: string;
  /** What is counted, e.g. 'orders:customer:<id>'; stored under `<QUEUE_PREFIX>:rate:`. */
  key: string;
  max: number;
  windowS: number;
}

/**
 * Counts one attempt against every limit at once (one round trip, no race between check and
 * count) and says whether it may go ahead. Refused attempts count too, so hammering does not
 * help. Redis down → ServiceUnavailable (503 on every path that calls this).
 */
export async function hitLimits(limits: readonly Limit[]): Promise<RateDecision> {
  if (limits.length === 0) return { ok: true };
  const redis = commandRedis();
  if (!redisIsReady(redis) && !(await waitForRedis(redis))) {
    throw new ServiceUnavailable('redis', 'Redis is not reachable');
  }
  const prefix = `${config().QUEUE_PREFIX}:rate`;
  const raw = (await redis.eval(
    COUNT,
    limits.length,
    ...limits.map((l) => `${prefix}:${l.key}`),
    ...limits.map((l) => String(l.windowS * 1000)),
  )) as number[];
  return judge(limits.map((l, i) => ({ scope: l.scope, max: l.max, count: raw[2 * i] ?? 0, ttlMs: raw[2 * i + 1] ?? 0 })));
}

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
  checkOrderRate({ customerId, address: clientAddress(request.headers.get('x-forwarded-for')) });

/** For server actions, which have no Request: the address from next/headers. */
export async function checkOrderRateForAction(customerId: string): Promise<RateDecision> {
  return checkOrderRate({ customerId, address: clientAddress((await headers()).get('x-forwarded-for')) });
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
