// Fixed-window counters in Redis, for every limit of the edge (orders, sign-in attempts, new
// customers, cart writes). A window starts at the first attempt and ends on its own; every attempt
// in it counts, refused ones too, so hammering does not help. All counters of one attempt move in
// one Lua script: one round trip and no race between the check and the count. Free of Next's
// imports so proxy.ts can use it.
import { config } from '../config';
import { ServiceUnavailable } from '../db/errors';
import { commandRedis, redisIsReady, waitForRedis } from '../queue/redis';

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

// Takes one attempt back where a window is still open; never creates a key (a DECR on a key whose
// window just ended would leave a negative counter with no expiry).
const UNCOUNT = `
for i, key in ipairs(KEYS) do
  if redis.call('EXISTS', key) == 1 then redis.call('DECR', key) end
end
return 0`;

/**
 * Gives back the attempt hitLimits counted under these keys (the same `key`s as its limits), e.g.
 * for a staff sign-in that succeeded: only failures should use up an address's budget.
 */
export async function giveBackHits(keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  const prefix = `${config().QUEUE_PREFIX}:rate`;
  await commandRedis().eval(UNCOUNT, keys.length, ...keys.map((key) => `${prefix}:${key}`));
}

/** Starts these limits' windows afresh (the same `key`s as hitLimits'), e.g. a name whose owner just signed in. */
export async function resetHits(keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  const prefix = `${config().QUEUE_PREFIX}:rate`;
  await commandRedis().del(...keys.map((key) => `${prefix}:${key}`));
}
