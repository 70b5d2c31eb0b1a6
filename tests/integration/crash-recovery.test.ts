// Processes die at the worst moments; the shop must neither lose nor repeat anything.
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placeCoffeeOrder } from '../../lib/commands/place-coffee-order';
import { db } from '../../lib/db/client';
import { insertOrder } from '../../lib/db/orders';
import { placeOrder } from '../../lib/domain/ordering/order';
import { cardNetwork } from '../../lib/adapters';
import { chargeKeyFor } from '../../lib/payments/charges';
import { transact } from '../../lib/outbox/unit-of-work';
import { workerRedis } from '../../lib/queue/redis';
import { claimKey, hashRequest } from '../../lib/idempotency/keys';
import { CARDS, type Shop, eventually, latteOrder, newCustomer, openShop } from '../support/shop';

let shop: Shop;

beforeAll(async () => {
  // Slow enough drinks to kill a worker mid-drink; short locks so a dead worker is noticed fast.
  shop = await openShop('crash', { PREP_MS_PER_DRINK: '2500', WORKER_LOCK_MS: '1000' });
});

afterAll(async () => {
  await shop?.close();
});

const ticketOf = (orderId: string) => db().baristaTicket.findUnique({ where: { orderId } });
const countEvents = (orderId: string, type: string) => db().timelineEntry.count({ where: { orderId, type } });
const exited = (p: { child: { once: (e: 'exit', f: (code: number | null) => void) => void } }) =>
  new Promise<number | null>((resolve) => p.child.once('exit', resolve));

describe('the relay', () => {
  it('killed between publishing and marking: the duplicate is harmless', async () => {
    const faulty = shop.startRelay({ RELAY_FAULT: 'exit-after-publish' });
    const workers = shop.startWorkers();
    await shop.ready({ relay: 1, workers: 1 });
    const died = exited(faulty);

    const answer = await placeCoffeeOrder(latteOrder(), newCustomer());
    if (!answer.ok) throw new Error(`expected 201, got ${answer.error.code}`);
    const orderId = answer.value.order.id;
    expect(await died).toBe(86);
    // It published but never marked: the rows are still "unpublished".
    expect(await db().outboxMessage.count({ where: { orderId, publishedAt: null } })).toBeGreaterThan(0);

    // A healthy relay publishes the same rows again.
    shop.startRelay();
    await eventually('the outbox to drain', async () => (await db().outboxMessage.count({ where: { publishedAt: null } })) === 0);
    await eventually('the drink to be ready and paid', async () => {
      const t = await ticketOf(orderId);
      return t?.status === 'ready' && t.paid;
    });

    // Even after BullMQ has forgotten the job id, a redelivered event changes nothing.
    const orderPlaced = await db().outboxMessage.findFirstOrThrow({ where: { orderId, type: 'OrderPlaced' } });
    const queue = new Queue('tickets', { connection: workerRedis(), prefix: shop.env.QUEUE_PREFIX });
    const job = await queue.add(
      'OrderPlaced',
      { eventId: orderPlaced.id, type: 'OrderPlaced', aggregateId: orderId, orderId, data: orderPlaced.payload },
      { jobId: `redelivered-${orderPlaced.id}` },
    );
    await eventually('the redelivered job to finish', async () => (await job.getState()) === 'completed');
    await queue.close();

    expect(await db().baristaTicket.count({ where: { orderId } })).toBe(1);
    for (const type of ['OrderPlaced', 'PaymentApproved', 'TicketOpened', 'DrinkStarted', 'DrinkReady']) {
      expect(await countEvents(orderId, type), type).toBe(1);
    }
    await workers.stop();
  });
});

describe('a worker', () => {
  it('killed with SIGKILL mid-drink: another worker finishes it, and the drink is made once', async () => {
    const victim = shop.startWorkers();
    await shop.ready({ relay: 1, workers: 1 });
    const answer = await placeCoffeeOrder(latteOrder(), newCustomer());
    if (!answer.ok) throw new Error(`expected 201, got ${answer.error.code}`);
    const orderId = answer.value.order.id;

    await eventually('the drink to be started', async () => (await ticketOf(orderId))?.status === 'making');
    // The whole process group: tsx and the node process it runs the worker in.
    victim.kill('SIGKILL');
    await exited(victim);
    await eventually('every process of the victim to be gone', async () => !victim.alive());

    shop.startWorkers();
    const ticket = await eventually(
      'another worker to finish the drink',
      async () => {
        const t = await ticketOf(orderId);
        return t?.status === 'ready' ? t : null;
      },
      30_000,
    );
    expect(await countEvents(orderId, 'DrinkStarted')).toBe(1);
    expect(await countEvents(orderId, 'DrinkReady')).toBe(1);
    // The second worker only waited out what was left of the preparation time.
    expect(ticket.readyAt!.getTime() - ticket.startedAt!.getTime()).toBeGreaterThanOrEqual(2_500);
  });
});

describe('the payment-timeout sweeper', () => {
  it('cancels an order whose payment never completed, tosses its drink and refunds a charge once', async () => {
    // The web process died after the card was charged but before it recorded the answer.
    const who = newCustomer();
    const request = latteOrder(CARDS.approved, 'Lost');
    const order = await transact(async ({ tx, ctx, emit }) => {
      const { state, events } = placeOrder(
        {
          id: ctx.newId(),
          scenario: 'coffee',
          customerId: who.customerId,
          customerName: 'Lost',
          lines: [{ itemId: 'latte', name: 'Latte', size: 'M', milk: 'whole', quantity: 1, unitPriceCents: 420 }],
          cardLast4: '4242',
          paymentTimeoutMs: 1_500,
        },
        ctx,
      );
      await claimKey(tx, { customerId: who.customerId, key: who.idempotencyKey }, hashRequest(request), state.id, ctx.now);
      await insertOrder(tx, state);
      await emit(events, { mode: 'sync', actor: 'customer' });
      return state;
    });
    await cardNetwork().charge({ idempotencyKey: chargeKeyFor(order.id), amountCents: 420, cardNumber: '4242424242424242' });

    await eventually(
      'the order to be cancelled',
      async () => (await db().order.findUnique({ where: { id: order.id } }))?.status === 'cancelled',
      15_000,
    );
    const ticket = await eventually(
      'the drink to be binned',
      async () => {
        const t = await ticketOf(order.id);
        return t && (t.status === 'tossed' || t.status === 'discarded') ? t : null;
      },
      15_000,
    );
    expect(ticket.paid).toBe(false);
    await eventually('the refund', async () => (await countEvents(order.id, 'PaymentRefunded')) === 1, 15_000);

    const cancelled = await db().order.findUniqueOrThrow({ where: { id: order.id } });
    expect(cancelled.paymentCode).toBe('TIMEOUT');
    expect(cancelled.updatedAt.getTime()).toBeGreaterThanOrEqual(order.paymentDeadline.getTime());
    expect(await countEvents(order.id, 'PaymentTimedOut')).toBe(1);
    expect(await db().cardNetworkEntry.count({ where: { kind: 'refund', chargeKey: chargeKeyFor(order.id) } })).toBe(1);

    // The customer's retry with the same Idempotency-Key learns what happened, at once.
    const retry = await placeCoffeeOrder(request, who);
    expect(retry).toMatchObject({ ok: false, error: { code: 'PAYMENT.TIMED_OUT' } });
    expect(await db().order.count({ where: { customerId: who.customerId } })).toBe(1);
  });
});
