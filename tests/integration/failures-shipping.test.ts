// A courier outage, ridden out: the dispatch step fails, is retried with backoff, and from the first
// failure the customer's line says "delayed" (and they get an e-mail) instead of a silent
// "packing". When the outage ends, the next try ships it and the delay is cleared. No person is
// needed. Real relay and worker processes; quick retries (200 ms doubling, ten tries).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../lib/db/client';
import { bookTitled, checkedOut, expectLedgerBalances, linesOf } from '../support/bookstore';
import { type Shop, eventually, openShop } from '../support/shop';
import { setSwitches } from '../support/switches';

let shop: Shop;

beforeAll(async () => {
  shop = await openShop('failures_shipping', {
    COURIER_LATENCY_MS: '0',
    COURIER_DELIVERY_MS: '300',
    STEP_POLICY_OVERRIDES: JSON.stringify({ 'shipping.dispatch': { attempts: 10, delay: 200, jitter: 0 } }),
  });
  shop.startRelay();
  shop.startWorkers();
  await shop.ready();
});

afterEach(async () => {
  await courierOutage(false);
});

afterAll(async () => {
  await shop?.close();
});

const courierOutage = (on: boolean) => setSwitches((s) => ({ ...s, courier: { ...s.courier, outage: on } }));

const timelineOf = (orderId: string, type: string) => db().timelineEntry.findMany({ where: { orderId, type } });
const mailsOf = (orderId: string) => db().inboxMessage.findMany({ where: { orderId }, orderBy: { sentAt: 'asc' } });

describe('a courier outage', () => {
  it('is retried; the line shows delayed from the first failure; it ships and is delivered once the outage ends', async () => {
    await courierOutage(true);
    const book = bookTitled('Dracula');
    const { orderId } = await checkedOut([{ bookId: book.id, quantity: 1 }]);

    const delayed = await eventually('the line delayed', async () => (await linesOf(orderId)).find((l) => l.delayedSince));
    expect(delayed).toMatchObject({ status: 'captured', capturedCents: book.priceCents });
    await eventually('the delay mailed', async () => (await mailsOf(orderId)).some((m) => m.kind === 'delayed'));
    // It keeps being tried (more than once) while the customer's line stays delayed, told once.
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await linesOf(orderId)).toMatchObject([{ status: 'captured', delayedSince: delayed.delayedSince }]);
    expect(await timelineOf(orderId, 'ShipmentDelayed')).toMatchObject([
      { actor: 'courier', data: { lineId: delayed.id, problem: 'COURIER_UNAVAILABLE' } },
    ]);

    await courierOutage(false);

    await eventually('the line delivered', async () => (await linesOf(orderId))[0]?.status === 'delivered', 30_000);
    expect((await linesOf(orderId))[0]).toMatchObject({ delayedSince: null, carrier: expect.any(String) });
    expect(await timelineOf(orderId, 'LineShipped')).toMatchObject([{ data: { delayedSince: delayed.delayedSince!.toISOString() } }]);
    expect(await timelineOf(orderId, 'ShipmentDelayed')).toHaveLength(1);
    expect(await db().attentionItem.count({ where: { orderId } })).toBe(0);
    await eventually('every mail', async () => (await mailsOf(orderId)).length === 4);
    expect((await mailsOf(orderId)).map((m) => m.kind)).toEqual(['received', 'delayed', 'shipped', 'delivered']);
    expect((await expectLedgerBalances(orderId)).problems).toEqual([]);
  });
});
