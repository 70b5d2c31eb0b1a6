// The interaction lab's lagging projection against a real Redis: the read model knows an order
// only once its facts are `lag` old, a late 'paid' never hides 'ready', and every key lives under
// QUEUE_PREFIX. Clock and dice are passed in, so the times are exact.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const prefix = `cs_t_lab_${randomBytes(4).toString('hex')}`;
let lab: typeof import('../../lib/lab/lab-orders');
let redis: import('ioredis').Redis;

beforeAll(async () => {
  Object.assign(process.env, { QUEUE_PREFIX: prefix, LOG_LEVEL: 'error' });
  lab = await import('../../lib/lab/lab-orders');
  redis = (await import('../../lib/queue/redis')).commandRedis();
});

afterAll(async () => {
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

describe('the lab order and its lagging read model', () => {
  it('answers paid at once; the read model shows it only after the lag, then ready after the brew', async () => {
    const now = 1_800_000_000_000;
    const order = await lab.placeLabOrder({ lagMs: 3_000, declinePercent: 0 }, { now, random: 0.5 });
    expect(order).toMatchObject({ outcome: 'paid', committedAt: now, visibleAt: now + 3_000, finalAt: now + 3_000 + lab.BREW_MS });

    expect(await lab.readLabOrder(order.id, now)).toBe('not-found');
    expect(await lab.readLabOrder(order.id, now + 2_999)).toBe('not-found');
    expect(await lab.readLabOrder(order.id, now + 3_000)).toBe('paid');
    expect(await lab.readLabOrder(order.id, now + 3_000 + lab.BREW_MS)).toBe('ready');
    expect(await redis.keys(`${prefix}:lab:*`)).not.toHaveLength(0);
  });

  it('shows ready, not paid, when both facts fall due before anyone reads', async () => {
    const now = 1_800_000_100_000;
    const order = await lab.placeLabOrder({ lagMs: 0, declinePercent: 0 }, { now, random: 0.5 });
    expect(await lab.readLabOrder(order.id, now + 60_000)).toBe('ready');
  });

  it('declines with the given probability, and the read model learns the decline after the lag', async () => {
    const now = 1_800_000_200_000;
    const declined = await lab.placeLabOrder({ lagMs: 1_000, declinePercent: 30 }, { now, random: 0.29 });
    const paid = await lab.placeLabOrder({ lagMs: 1_000, declinePercent: 30 }, { now, random: 0.3 });
    expect(declined.outcome).toBe('declined');
    expect(paid.outcome).toBe('paid');
    expect(await lab.readLabOrder(declined.id, now + 999)).toBe('not-found');
    expect(await lab.readLabOrder(declined.id, now + 1_000)).toBe('declined');
    expect(await lab.readLabOrder(declined.id, now + 60_000)).toBe('declined');
  });

  it('refuses settings outside the lab’s range', () => {
    expect(lab.PlaceLabOrderRequest.safeParse({ lagMs: 10_001, declinePercent: 0 }).success).toBe(false);
    expect(lab.PlaceLabOrderRequest.safeParse({ lagMs: 500, declinePercent: 101 }).success).toBe(false);
    expect(lab.PlaceLabOrderRequest.safeParse({ lagMs: 500, declinePercent: 5 }).success).toBe(true);
  });
});
