// The worker handlers called directly (no queue), to pin down what a redelivery or an unlucky
// interleaving does: run twice, they act once; racing each other, they still end right.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../lib/db/client';
import { loadOrder, saveOrder } from '../../lib/db/orders';
import { insertTicket } from '../../lib/db/tickets';
import { openTicket } from '../../lib/domain/coffee/ticket';
import { declinePayment } from '../../lib/domain/ordering/order';
import { transact } from '../../lib/outbox/unit-of-work';
import { brewDrinkHandler } from '../../workers/handlers/brew-drink';
import { confirmTicketPaymentHandler } from '../../workers/handlers/confirm-ticket-payment';
import { openTicketHandler } from '../../workers/handlers/open-ticket';
import { tossDrinkHandler } from '../../workers/handlers/toss-drink';
import { recordPlacedOrder } from '../support/coffee-orders';
import { eventJob } from '../support/event-jobs';
import { type Shop, eventually, openShop } from '../support/shop';

let shop: Shop;

beforeAll(async () => {
  shop = await openShop('handlers', { PREP_MS_PER_DRINK: '0' });
});

afterAll(async () => {
  await shop?.close();
});

/** Records an order the way the counter does and returns it with its OrderPlaced job, unpublished. */
const placed = () => recordPlacedOrder('Robin', 2);

async function decline(orderId: string) {
  return transact(async ({ tx, ctx, emit }) => {
    const order = (await loadOrder(tx, orderId))!;
    const result = declinePayment(order, 'card_declined', ctx);
    if (!result.ok) throw new Error(result.error.message);
    await saveOrder(tx, order.version, result.value.state);
    await emit(result.value.events, { mode: 'sync', actor: 'cashier' });
    return eventJob(
      'OrderCancelled',
      result.value.events.find((e) => e.type === 'OrderCancelled')!,
    );
  });
}

const snapshot = async (orderId: string) => ({
  tickets: await db().baristaTicket.findMany({ where: { orderId } }),
  timeline: await db().timelineEntry.count({ where: { orderId } }),
  outbox: await db().outboxMessage.count({ where: { orderId } }),
});

describe('run twice, act once', () => {
  it('opening a ticket', async () => {
    const { order, job } = await placed();
    await openTicketHandler(job);
    const once = await snapshot(order.id);
    await openTicketHandler(job);
    expect(await snapshot(order.id)).toEqual(once);
    expect(once.tickets).toHaveLength(1);
  });

  it('making the drink, sequentially and concurrently', async () => {
    const { order, job } = await placed();
    await openTicketHandler(job);
    const ticket = await db().baristaTicket.findUniqueOrThrow({ where: { orderId: order.id } });
    const opened = await db().outboxMessage.findFirstOrThrow({ where: { orderId: order.id, type: 'TicketOpened' } });
    const brew = eventJob('TicketOpened', { ...opened, aggregateId: ticket.id });
    await Promise.all([brewDrinkHandler(brew), brewDrinkHandler(brew)]);
    const once = await snapshot(order.id);
    await brewDrinkHandler(brew);
    expect(await snapshot(order.id)).toEqual(once);
    expect(once.tickets[0]?.status).toBe('ready');
    expect(await db().timelineEntry.count({ where: { orderId: order.id, type: 'DrinkReady' } })).toBe(1);
  });

  it('tossing the drink', async () => {
    const { order, job } = await placed();
    await openTicketHandler(job);
    const cancelled = await decline(order.id);
    await tossDrinkHandler(cancelled);
    const once = await snapshot(order.id);
    await tossDrinkHandler(cancelled);
    expect(await snapshot(order.id)).toEqual(once);
    expect(once.tickets[0]?.status).toBe('discarded');
  });
});

describe('events overtaking each other', () => {
  it('a payment confirmation before the ticket exists is retried, not lost', async () => {
    const { order, job } = await placed();
    const approved = eventJob('PaymentApproved', {
      ...job,
      id: randomUUID(),
      type: 'PaymentApproved',
      data: { amountCents: 480, cardLast4: '4242' },
    });
    await expect(confirmTicketPaymentHandler(approved)).rejects.toThrow(/no ticket yet/);
    await openTicketHandler(job);
    await confirmTicketPaymentHandler(approved);
    expect((await db().baristaTicket.findUniqueOrThrow({ where: { orderId: order.id } })).paid).toBe(true);
  });

  it('a cancellation before OrderPlaced leaves a discarded ticket, and OrderPlaced opens nothing', async () => {
    const { order, job } = await placed();
    await tossDrinkHandler(await decline(order.id));
    await openTicketHandler(job);
    const { tickets } = await snapshot(order.id);
    expect(tickets.map((t) => t.status)).toEqual(['discarded']);
  });

  it('a cancellation racing the opening of the ticket still bins the drink', async () => {
    const { order } = await placed();
    const cancelled = await decline(order.id);
    // Open the ticket in a transaction held open while the cancellation runs: the cancellation's
    // own insert has to wait for it, and must then cancel the ticket it finds.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let inserted!: () => void;
    const ticketWritten = new Promise<void>((resolve) => (inserted = resolve));
    const opening = db().$transaction(
      async (tx) => {
        const { state } = openTicket(
          { id: randomUUID(), orderId: order.id, customerName: order.customerName, drinks: [], station: 1 },
          { now: new Date(), newId: randomUUID },
        );
        await insertTicket(tx, state);
        inserted();
        await held;
      },
      { timeout: 20_000 },
    );
    await ticketWritten;
    const tossing = tossDrinkHandler(cancelled);
    await eventually('the cancellation to wait on the ticket being opened', async () => {
      const [row] = await db().$queryRaw<{ waiting: number }[]>`
        SELECT count(*)::int AS waiting FROM pg_stat_activity
        WHERE datname = current_database() AND wait_event_type = 'Lock'`;
      return (row?.waiting ?? 0) > 0;
    });
    release();
    await Promise.all([opening, tossing]);
    const ticket = await db().baristaTicket.findUniqueOrThrow({ where: { orderId: order.id } });
    expect(ticket.status).toBe('discarded');
  });
});
