// GET /api/health answers honestly: up but behind is "degraded" (still 200: the web server can
// serve, and taking it out of rotation would not help), with how many events wait and for how long.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET } from '../../app/api/health/route';
import { db } from '../../lib/db/client';
import { type Shop, eventually, openShop } from '../support/shop';

let shop: Shop;

beforeAll(async () => {
  shop = await openShop('health', { HEALTH_LAG_MS: '2000' });
});

afterAll(async () => {
  await shop?.close();
});

async function health() {
  const res = await GET();
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { reasons: string[] } };
}

describe('GET /api/health', () => {
  it('is degraded while events wait too long or nobody works the queues, and ok once they are consumed', async () => {
    // An event committed five seconds ago, and no relay or worker running to take it.
    await db().outboxMessage.create({
      data: {
        id: randomUUID(),
        type: 'DrinkReady',
        aggregateId: randomUUID(),
        orderId: randomUUID(),
        payload: {},
        createdAt: new Date(Date.now() - 5_000),
      },
    });

    const behind = await health();
    expect(behind.status).toBe(200);
    expect(behind.body).toMatchObject({ status: 'degraded', db: 'ok', redis: 'ok', relay: 'missing', workers: 'missing', unconsumed: 1 });
    expect(behind.body.oldestUnconsumedMs).toBeGreaterThanOrEqual(5_000);
    expect(behind.body.reasons).toEqual(['no relay seen', 'no worker process seen', 'events wait longer than 2 s to be consumed']);

    shop.startRelay();
    shop.startWorkers();
    await shop.ready();
    const caughtUp = await eventually('health ok', async () => {
      const h = await health();
      return h.body.status === 'ok' && h;
    });
    expect(caughtUp).toMatchObject({ status: 200, body: { unconsumed: 0, oldestUnconsumedMs: null, reasons: [] } });
  });
});
