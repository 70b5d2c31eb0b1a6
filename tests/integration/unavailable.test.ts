// When PostgreSQL or Redis cannot be reached, placing an order is refused as "unavailable"
// (the API answers 503) and nothing is half-written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placeCoffeeOrder } from '../../lib/commands/place-coffee-order';
import { db, disconnectDb } from '../../lib/db/client';
import { ServiceUnavailable, isUnavailable } from '../../lib/db/errors';
import { failure } from '../../lib/http/respond';
import { commandRedis } from '../../lib/queue/redis';
import { type Shop, latteOrder, newCustomer, openShop } from '../support/shop';

let shop: Shop;
const NOTHING_LISTENS = 'redis://127.0.0.1:1';

beforeAll(async () => {
  shop = await openShop('unavailable');
});

afterAll(async () => {
  await shop?.close();
});

async function counts() {
  return Promise.all([db().order.count(), db().outboxMessage.count(), db().idempotencyRecord.count(), db().cardNetworkEntry.count()]);
}

describe('Redis down', () => {
  it('refuses before taking money or recording anything, and the API says 503 naming Redis', async () => {
    const before = await counts();
    commandRedis().disconnect();
    const holder = globalThis as unknown as { __commandRedis?: unknown };
    const realUrl = process.env.REDIS_URL;
    holder.__commandRedis = undefined;
    const { config } = await import('../../lib/config');
    // lib/config caches the parsed environment; point the cached value at a dead port.
    Object.assign(config(), { REDIS_URL: NOTHING_LISTENS });
    try {
      const error = await placeCoffeeOrder(latteOrder(), newCustomer()).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ServiceUnavailable);
      const response = failure(error);
      expect(response.status).toBe(503);
      const body = (await response.json()) as { error: { code: string; service: string } };
      expect(body.error).toMatchObject({ code: 'UNAVAILABLE', service: 'redis' });
      expect(await counts()).toEqual(before);
    } finally {
      commandRedis().disconnect();
      holder.__commandRedis = undefined;
      Object.assign(config(), { REDIS_URL: realUrl ?? 'redis://127.0.0.1:6379' });
    }
  });
});

describe('PostgreSQL down', () => {
  it('is reported as unavailable (503), not as a crash', async () => {
    const { config } = await import('../../lib/config');
    const realUrl = config().DATABASE_URL;
    await disconnectDb();
    Object.assign(config(), { DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/nowhere' });
    try {
      const error = await placeCoffeeOrder(latteOrder(), newCustomer()).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).not.toBeNull();
      expect(isUnavailable(error)).toBe(true);
      expect(failure(error).status).toBe(503);
    } finally {
      await disconnectDb();
      Object.assign(config(), { DATABASE_URL: realUrl });
    }
    // And the real database saw nothing of it.
    expect(await db().order.count()).toBe(0);
  });
});
