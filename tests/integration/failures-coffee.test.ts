// When the barista cannot make the drink: the brewing step fails for good (out of oat milk), and
// its policy compensates at once — the order is cancelled with the reason, the charge refunded,
// the ticket closed — with no person needed. Also: the same compensation run twice (or from the
// needs-attention list, twice) acts once. Real relay and worker processes.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { compensateAttentionItem } from '../../lib/commands/attention';
import { runCompensation } from '../../lib/reactions/compensations';
import { placeCoffeeOrder } from '../../lib/commands/place-coffee-order';
import { raiseAttention } from '../../lib/reactions/step-failures';
import { db } from '../../lib/db/client';
import { fakeCardNetwork } from '../../lib/fakes/card-network';
import { getOrderView } from '../../lib/queries/order-view';
import { policyFor } from '../../lib/queue/policies';
import { openQueues } from '../../lib/queue/queues';
import { commandRedis } from '../../lib/queue/redis';
import { refundCancelledOrderHandler } from '../../workers/handlers/refund-cancelled-order';
import { tossDrinkHandler } from '../../workers/handlers/toss-drink';
import { eventJob } from '../support/event-jobs';
import { type Shop, eventually, latteOrder, newCustomer, openShop } from '../support/shop';
import { setSwitches } from '../support/switches';

let shop: Shop;

beforeAll(async () => {
  shop = await openShop('failures_coffee');
  shop.startRelay();
  shop.startWorkers();
  await shop.ready();
});

afterEach(async () => {
  vi.restoreAllMocks();
  await setSwitches((s) => ({ ...s, barista: { ...s.barista, outOfOatMilk: false } }));
});

afterAll(async () => {
  await shop?.close();
});

const outOfOatMilk = (on: boolean) => setSwitches((s) => ({ ...s, barista: { ...s.barista, outOfOatMilk: on } }));

const timelineOf = (orderId: string, type?: string) =>
  db().timelineEntry.findMany({ where: { orderId, ...(type ? { type } : {}) }, orderBy: { occurredAt: 'asc' } });
const ledgerOf = async (orderId: string) => ({
  charges: await db().cardNetworkEntry.findMany({ where: { idempotencyKey: `coffee-order-${orderId}` } }),
  refunds: await db().cardNetworkEntry.findMany({ where: { kind: 'refund', chargeKey: `coffee-order-${orderId}` } }),
});
const refunded = (orderId: string) =>
  eventually('the refund on the timeline', async () => (await timelineOf(orderId, 'PaymentRefunded')).length > 0, 20_000);

async function paidOrder(customer = newCustomer()) {
  const answer = await placeCoffeeOrder(latteOrder(), customer);
  if (!answer.ok) throw new Error(`expected paid, got ${answer.error.code}`);
  return { orderId: answer.value.order.id, totalCents: answer.value.order.totalCents, customerId: customer.customerId };
}

describe('out of oat milk', () => {
  it('a paid oat latte: the order is cancelled with the reason, refunded once, the ticket closed — no person needed', async () => {
    const brewing = openQueues(commandRedis()).get('brewing')!;
    await brewing.pause(); // so the payment is surely recorded before the barista finds out
    let orderId: string;
    try {
      ({ orderId } = await paidOrder());
      await eventually('the ticket', () => db().baristaTicket.findUnique({ where: { orderId } }));
      await outOfOatMilk(true);
    } finally {
      await brewing.resume();
    }
    await refunded(orderId);

    const order = await db().order.findUniqueOrThrow({ where: { id: orderId } });
    expect(order.status).toBe('cancelled');
    const [cancelled] = await timelineOf(orderId, 'OrderCancelled');
    expect(cancelled).toMatchObject({
      actor: 'system',
      mode: 'async',
      data: { reason: 'cannot-make', code: 'OUT_OF_OAT_MILK', message: 'We ran out of oat milk', refundCents: order.totalCents },
    });
    const { charges, refunds } = await ledgerOf(orderId);
    expect(charges).toMatchObject([{ kind: 'charge', outcome: 'approved', amountCents: order.totalCents }]);
    expect(refunds).toMatchObject([{ amountCents: order.totalCents }]);
    await eventually('the ticket closed', async () => {
      const ticket = await db().baristaTicket.findUnique({ where: { orderId } });
      return ticket?.status === 'discarded';
    });
    expect(await db().attentionItem.count({ where: { orderId } })).toBe(0);

    // What the customer's page is built from says it plainly.
    const view = await getOrderView(orderId, order.customerId);
    expect(view).toMatchObject({
      status: 'cancelled',
      cancellation: { reason: 'cannot-make', message: 'We ran out of oat milk', refundCents: order.totalCents },
      refund: { amountCents: order.totalCents },
    });
    expect(await timelineOf(orderId, 'PaymentRefunded')).toHaveLength(1);
  });

  it('found out while the card is still being charged: the counter says why, and refunds the late charge once', async () => {
    const realCharge = fakeCardNetwork.charge;
    vi.spyOn(fakeCardNetwork, 'charge').mockImplementationOnce(async (request) => {
      const result = await realCharge(request);
      // Meanwhile, behind the counter: the drink cannot be made.
      const orderId = request.idempotencyKey.replace('coffee-order-', '');
      await runCompensation('cancel-and-refund', { orderId, failure: { code: 'OUT_OF_OAT_MILK' } }, { mode: 'async', actor: 'system' });
      return result;
    });

    const answer = await placeCoffeeOrder(latteOrder(), newCustomer());

    expect(answer).toMatchObject({
      ok: false,
      error: { code: 'PAYMENT.TOO_LATE', message: expect.stringMatching(/^We ran out of oat milk, so we cancelled your order/) },
    });
    // The refusal names the order, so the counter can link to its page.
    const orderId = (await db().order.findFirstOrThrow({ orderBy: { createdAt: 'desc' } })).id;
    expect(answer.ok ? null : answer.error.orderId).toBe(orderId);
    const cancelled = (await timelineOf(orderId, 'OrderCancelled'))[0]!;
    // The refund worker hears of the cancellation too; both refunds are the same refund.
    await eventually('the refund worker to finish', () =>
      db().processedMessage.findUnique({ where: { consumer_eventId: { consumer: 'payments.refund-cancelled', eventId: cancelled.id } } }),
    );
    const { charges, refunds } = await ledgerOf(orderId);
    expect(charges).toHaveLength(1);
    expect(refunds).toHaveLength(1);
    expect(await timelineOf(orderId, 'PaymentRefunded')).toHaveLength(1);
    expect(cancelled.data).toMatchObject({ reason: 'cannot-make', refundCents: 0 });
  });
});

describe('every compensation, run twice, acts once', () => {
  const system = { mode: 'async', actor: 'system' } as const;

  it('cancel and refund: two runs at once cancel once, refund once, tell the timeline once', async () => {
    const { orderId, totalCents } = await paidOrder();
    const target = { orderId, failure: { code: 'OUT_OF_OAT_MILK' } };

    const runs = await Promise.all([
      runCompensation('cancel-and-refund', target, system),
      runCompensation('cancel-and-refund', target, system),
    ]);
    expect(runs.sort()).toEqual([false, true]);
    expect(await runCompensation('cancel-and-refund', target, system)).toBe(false);
    await refunded(orderId);

    // The steps it sets going, run again by hand, change nothing more either.
    const cancelled = (await timelineOf(orderId, 'OrderCancelled'))[0]!;
    const job = eventJob('OrderCancelled', { ...cancelled, aggregateId: orderId });
    await eventually('the barista to bin it', async () => {
      const ticket = await db().baristaTicket.findUnique({ where: { orderId } });
      return ticket && ['discarded', 'tossed'].includes(ticket.status);
    });
    await refundCancelledOrderHandler(job);
    await tossDrinkHandler(job);

    expect(await timelineOf(orderId, 'OrderCancelled')).toHaveLength(1);
    expect(await timelineOf(orderId, 'PaymentRefunded')).toHaveLength(1);
    expect((await ledgerOf(orderId)).refunds).toMatchObject([{ amountCents: totalCents }]);
    expect(await db().order.findUniqueOrThrow({ where: { id: orderId } })).toMatchObject({ status: 'cancelled' });
  });

  it('from the needs-attention list: compensating twice cancels and refunds once, and resolves the item once', async () => {
    const { orderId, totalCents } = await paidOrder();
    const placedEvent = (await timelineOf(orderId, 'OrderPlaced'))[0]!;
    const policy = policyFor('tickets', 'OrderPlaced');
    const failure = {
      policy,
      job: { eventId: placedEvent.id, type: 'OrderPlaced', aggregateId: orderId, orderId },
      error: { code: 'TICKET_PRINTER_JAMMED', message: 'the ticket printer is jammed' },
      kind: 'transient' as const,
      attempts: policy.attempts,
    };
    const raised = await raiseAttention(failure);
    expect(await raiseAttention(failure)).toMatchObject({ itemId: raised.itemId, raised: false });
    expect(await timelineOf(orderId, 'AttentionRaised')).toHaveLength(1);

    const staff = { name: 'Robin (ops)' };
    const [first, second] = await Promise.all([
      compensateAttentionItem(raised.itemId, staff),
      compensateAttentionItem(raised.itemId, staff),
    ]);
    const outcomes = [first, second].map((r) => (r.ok ? 'ok' : r.error.code)).sort();
    expect(outcomes).toEqual(['ATTENTION.NOT_OPEN', 'ok']);
    await refunded(orderId);

    expect(await db().attentionItem.findUniqueOrThrow({ where: { id: raised.itemId } })).toMatchObject({
      status: 'resolved',
      resolution: 'compensated',
      resolvedBy: 'Robin (ops)',
    });
    expect(await timelineOf(orderId, 'AttentionResolved')).toMatchObject([{ actor: 'staff', data: { resolution: 'compensated' } }]);
    expect(await timelineOf(orderId, 'OrderCancelled')).toMatchObject([{ actor: 'staff', data: { reason: 'cannot-make' } }]);
    expect((await ledgerOf(orderId)).refunds).toMatchObject([{ amountCents: totalCents }]);
  });
});
