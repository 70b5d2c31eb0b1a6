// The order rate limiter against a real Redis: both counters move together in one script, a
// window starts at the first order and ends on its own, and the keys live under QUEUE_PREFIX.
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const prefix = `cs_t_rate_${randomBytes(4).toString('hex')}`;
let rate: typeof import('../../lib/http/rate-limit');
let redis: import('ioredis').Redis;

beforeAll(async () => {
  Object.assign(process.env, {
    QUEUE_PREFIX: prefix,
    ORDER_RATE_LIMIT_PER_CUSTOMER: '3',
    ORDER_RATE_LIMIT_PER_ADDRESS: '5',
    ORDER_RATE_LIMIT_WINDOW_S: '2',
    LOG_LEVEL: 'error',
  });
  rate = await import('../../lib/http/rate-limit');
  redis = (await import('../../lib/queue/redis')).commandRedis();
});

afterAll(async () => {
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

// A new address for each use: a random one could repeat another test's, whose orders it would then count.
let addresses = 0;
const address = () => `203.0.113.${++addresses}`;

describe('the order rate limit', () => {
  it('lets a customer place up to the limit, then refuses with the time left in the window', async () => {
    const who = { customerId: randomUUID(), address: address() };
    for (let i = 0; i < 3; i++) expect(await rate.checkOrderRate(who)).toEqual({ ok: true });
    const refused = await rate.checkOrderRate(who);
    expect(refused).toMatchObject({ ok: false, scope: 'customer' });
    expect(refused.ok === false && refused.retryAfterS).toBeGreaterThanOrEqual(1);
    expect(refused.ok === false && refused.retryAfterS).toBeLessThanOrEqual(2);
    // Another customer is not held back by this one.
    expect(await rate.checkOrderRate({ customerId: randomUUID(), address: address() })).toEqual({ ok: true });
  });

  it('holds back one address that keeps changing its customer cookie', async () => {
    const from = address();
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await rate.checkOrderRate({ customerId: randomUUID(), address: from }));
    expect(answers.slice(0, 5).every((a) => a.ok)).toBe(true);
    expect(answers[5]).toMatchObject({ ok: false, scope: 'address' });
  });

  it('opens again when the window has passed', async () => {
    const who = { customerId: randomUUID(), address: address() };
    for (let i = 0; i < 4; i++) await rate.checkOrderRate(who);
    expect((await rate.checkOrderRate(who)).ok).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect(await rate.checkOrderRate(who)).toEqual({ ok: true });
  });

  it('keeps its counters under the queue prefix, each with an expiry', async () => {
    const who = { customerId: randomUUID(), address: address() };
    await rate.checkOrderRate(who);
    const keys = [`${prefix}:rate:orders:customer:${who.customerId}`, `${prefix}:rate:orders:address:${who.address}`];
    for (const key of keys) {
      expect(await redis.get(key)).toBe('1');
      const ttl = await redis.pttl(key);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(2_000);
    }
  });

  it('answers 429 with Retry-After from the API helper', async () => {
    const response = rate.rateLimited({ ok: false, scope: 'customer', retryAfterS: 17 });
    expect(response.status).toBe(429);
    expect(response.headers.get('Retry-After')).toBe('17');
    expect(await response.json()).toMatchObject({ error: { code: 'RATE_LIMITED' } });
  });
});

describe('hitLimits, the general counter', () => {
  it('gives each limit its own window and refuses on the first one over', async () => {
    const id = randomUUID();
    const limits = [
      { scope: 'short', key: `t:short:${id}`, max: 2, windowS: 1 },
      { scope: 'long', key: `t:long:${id}`, max: 5, windowS: 30 },
    ];
    expect(await rate.hitLimits(limits)).toEqual({ ok: true });
    expect(await rate.hitLimits(limits)).toEqual({ ok: true });
    expect(await rate.hitLimits(limits)).toEqual({ ok: false, scope: 'short', retryAfterS: 1 });
    expect(await redis.pttl(`${prefix}:rate:t:short:${id}`)).toBeLessThanOrEqual(1_000);
    expect(await redis.pttl(`${prefix}:rate:t:long:${id}`)).toBeGreaterThan(1_000);
  });

  it('with no limits, lets the attempt through without a round trip', async () => {
    expect(await rate.hitLimits([])).toEqual({ ok: true });
  });
});
