// The refund step trusts the order, not the job: an OrderCancelled job for an order that is not
// cancelled (misrouted, replayed, forged by someone who can write to Redis) refunds nothing and
// lands on the needs-attention list with the reason. Real relay and worker processes.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placeCoffeeOrder } from '../../lib/commands/place-coffee-order';
import { db } from '../../lib/db/client';
import { jobOptionsFor } from '../../lib/queue/policies';
import { openQueues } from '../../lib/queue/queues';
import { commandRedis } from '../../lib/queue/redis';
import { refundCancelledOrderHandler } from '../../workers/handlers/refund-cancelled-order';
import { eventJob } from '../support/event-jobs';
import { type Shop, eventually, latteOrder, newCustomer, openShop } from '../support/shop';

let shop: Shop;

beforeAll(async () => {
  shop = await openShop('refund_guard');
  shop.startRelay();
  shop.startWorkers();
  await shop.ready();
});

afterAll(async () => {
  await shop?.close();
});

async function paidOrder(): Promise<string> {
  const answer = await placeCoffeeOrder(latteOrder(), newCustomer());
  if (!answer.ok) throw new Error(`expected paid, got ${answer.error.code}`);
  return answer.value.order.id;
}

// Well formed, as the relay would write it: only the order itself can say it is not cancelled.
const forgedCancellation = (orderId: string) =>
  eventJob('OrderCancelled', {
    id: randomUUID(),
    type: 'OrderCancelled',
    aggregateId: orderId,
    orderId,
    data: { reason: 'payment-declined' },
  });
const refundsOf = (orderId: string) => db().cardNetworkEntry.findMany({ where: { kind: 'refund', chargeKey: `coffee-order-${orderId}` } });

describe('an OrderCancelled job for an order that is not cancelled', () => {
  it('put on the payments queue by hand: refunds nothing, and a person is told why', async () => {
    const orderId = await paidOrder();
    const job = forgedCancellation(orderId);
    const payments = openQueues(commandRedis()).get('payments')!;
    await payments.add('OrderCancelled', job, { ...jobOptionsFor('payments', 'OrderCancelled'), jobId: job.eventId });

    const item = await eventually('an attention item for the forged job', () =>
      db().attentionItem.findFirst({ where: { eventId: job.eventId, step: 'payments.refund-cancelled' } }),
    );
    expect(item).toMatchObject({ orderId, status: 'open' });
    expect(item.error).toMatch(/^REFUND\.ORDER_NOT_CANCELLED: .*is paid, not cancelled; nothing was refunded/);
    // A permanent failure: tried once, not eight times.
    expect(item.attempts).toBe(1);

    expect(await refundsOf(orderId)).toEqual([]);
    expect(await db().order.findUniqueOrThrow({ where: { id: orderId } })).toMatchObject({ status: 'paid' });
    expect(await db().timelineEntry.count({ where: { orderId, type: 'PaymentRefunded' } })).toBe(0);
  });

  it('called directly: refuses with a code, for a paid order and for an order that does not exist', async () => {
    const orderId = await paidOrder();
    await expect(refundCancelledOrderHandler(forgedCancellation(orderId))).rejects.toMatchObject({ code: 'REFUND.ORDER_NOT_CANCELLED' });
    await expect(refundCancelledOrderHandler(forgedCancellation(randomUUID()))).rejects.toMatchObject({ code: 'REFUND.ORDER_NOT_FOUND' });
    expect(await refundsOf(orderId)).toEqual([]);
  });
});
