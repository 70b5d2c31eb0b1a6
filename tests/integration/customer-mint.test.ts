// The limit on new anonymous customers per address, against a real Redis: counted per address,
// refused past the limit with the time to wait, and never in the way when Redis is not there.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const prefix = `cs_t_mint_${randomBytes(4).toString('hex')}`;
let mint: typeof import('../../lib/http/customer-mint');
let redis: import('ioredis').Redis;

beforeAll(async () => {
  Object.assign(process.env, { QUEUE_PREFIX: prefix, CUSTOMER_MINTS_PER_ADDRESS: '3', CUSTOMER_MINT_WINDOW_S: '20', LOG_LEVEL: 'silent' });
  mint = await import('../../lib/http/customer-mint');
  const { commandRedis, waitForRedis } = await import('../../lib/queue/redis');
  redis = commandRedis();
  await waitForRedis(redis);
});

afterAll(async () => {
  const { newRedis } = await import('../../lib/queue/redis');
  const cleaner = newRedis();
  const keys = await cleaner.keys(`${prefix}:*`);
  if (keys.length) await cleaner.del(...keys);
  cleaner.disconnect();
  redis.disconnect();
});

describe('new customers per address', () => {
  it('lets an address have up to the limit, then says how long to wait; other addresses go on', async () => {
    const address = `203.0.113.${Math.floor(Math.random() * 250)}`;
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await mint.mayMintCustomer(address));
    expect(answers.slice(0, 3)).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    expect(answers[3]).toMatchObject({ ok: false, scope: 'address' });
    expect(answers[3]!.ok === false && answers[3]!.retryAfterS).toBeLessThanOrEqual(20);
    expect(await mint.mayMintCustomer('198.51.100.1')).toEqual({ ok: true });
  });

  it('only writes that need a customer are refused past the limit', () => {
    expect(mint.writeNeedsCustomer('POST', '/api/cart/items', false)).toBe(true);
    expect(mint.writeNeedsCustomer('DELETE', '/api/cart/items/x', false)).toBe(true);
    expect(mint.writeNeedsCustomer('POST', '/coffee', true)).toBe(true); // a server action
    expect(mint.writeNeedsCustomer('GET', '/api/cart', false)).toBe(false);
    expect(mint.writeNeedsCustomer('GET', '/books', false)).toBe(false);
    expect(mint.writeNeedsCustomer('POST', '/api/staff/session', false)).toBe(false);
  });

  // Last: it closes this process's command connection for good.
  it('with Redis unreachable, lets the mint through at once instead of stalling the page', async () => {
    const closed = new Promise((resolve) => redis.once('end', resolve));
    redis.disconnect();
    await closed;
    const started = Date.now();
    expect(await mint.mayMintCustomer('203.0.113.250')).toEqual({ ok: true });
    expect(Date.now() - started).toBeLessThan(200);
  });
});
