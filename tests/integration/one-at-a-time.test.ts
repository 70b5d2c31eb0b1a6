// OrderPlaced and PaymentApproved of one order reach the tickets queue together, and a worker
// running eight jobs at once picks both up at the same moment. The payment step must then wait for
// the ticket being opened — not read before it exists, fail, and come back after a back-off (as it
// did whenever the relay published both in one batch and a worker took them side by side).
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../lib/db/client';
import { loadOrder, saveOrder } from '../../lib/db/orders';
import { approvePayment } from '../../lib/domain/ordering/order';
import { transact } from '../../lib/outbox/unit-of-work';
import { confirmTicketPaymentHandler } from '../../workers/handlers/confirm-ticket-payment';
import { openTicketHandler } from '../../workers/handlers/open-ticket';
import { recordPlacedOrder } from '../support/coffee-orders';
import { eventJob } from '../support/event-jobs';
import { type Shop, eventually, openShop } from '../support/shop';

let shop: Shop;

beforeAll(async () => {
  shop = await openShop('one-at-a-time');
});

afterAll(async () => {
  await shop?.close();
});

/** A paid order as the counter leaves it: OrderPlaced and PaymentApproved, both unhandled. */
async function paidOrder() {
  const placed = await recordPlacedOrder('Ada');
  const approved = await transact(async ({ tx, ctx, emit }) => {
    const order = (await loadOrder(tx, placed.order.id))!;
    const result = approvePayment(order, ctx);
    if (!result.ok) throw new Error(result.error.message);
    await saveOrder(tx, order.version, result.value.state);
    await emit(result.value.events, { mode: 'sync', actor: 'cashier' });
    return eventJob(
      'PaymentApproved',
      result.value.events.find((e) => e.type === 'PaymentApproved')!,
    );
  });
  return { orderId: placed.order.id, placedJob: placed.job, approvedJob: approved };
}

/** Sessions of this database waiting for an advisory lock. */
async function advisoryWaiters(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
      WHERE l.locktype = 'advisory' AND NOT l.granted AND a.datname = current_database()`,
  );
  return rows[0]!.n;
}

describe('the tickets steps of one order run one at a time', () => {
  it('PaymentApproved handled while its OrderPlaced is being handled waits for the ticket, and marks it paid at the first try', async () => {
    const { orderId, placedJob, approvedJob } = await paidOrder();
    // Hold the order's key, as a handler in the middle of its transaction would, so that both
    // steps are sure to be in flight at once, and queued in this order.
    const holder = new pg.Client({ connectionString: shop.env.DATABASE_URL });
    const observer = new pg.Client({ connectionString: shop.env.DATABASE_URL });
    await Promise.all([holder.connect(), observer.connect()]);
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [orderId]);
      const outcomes: string[] = [];
      const opening = openTicketHandler(placedJob).then(() => outcomes.push('opened'));
      await eventually('OrderPlaced waiting its turn', async () => (await advisoryWaiters(observer)) === 1);
      const confirming = confirmTicketPaymentHandler(approvedJob).then(() => outcomes.push('confirmed'));
      await eventually('PaymentApproved waiting its turn', async () => (await advisoryWaiters(observer)) === 2);
      expect(outcomes).toEqual([]);

      await holder.query('COMMIT');
      await Promise.all([opening, confirming]); // neither throws: no TicketNotOpenedYet, no retry
      expect(outcomes).toEqual(['opened', 'confirmed']);
      const ticket = await db().baristaTicket.findUniqueOrThrow({ where: { orderId } });
      expect(ticket.paid).toBe(true);
      const types = await db().timelineEntry.findMany({ where: { orderId }, orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }] });
      expect(types.map((e) => e.type)).toEqual(['OrderPlaced', 'PaymentApproved', 'TicketOpened', 'TicketPaid']);
    } finally {
      await Promise.all([holder.end(), observer.end()]);
    }
  });

  it('a redelivered PaymentApproved still changes nothing the second time', async () => {
    const { orderId, placedJob, approvedJob } = await paidOrder();
    await openTicketHandler(placedJob);
    await confirmTicketPaymentHandler(approvedJob);
    const once = await db().baristaTicket.findUniqueOrThrow({ where: { orderId } });
    await confirmTicketPaymentHandler(approvedJob);
    expect(await db().baristaTicket.findUniqueOrThrow({ where: { orderId } })).toEqual(once);
    expect(await db().processedMessage.count({ where: { eventId: approvedJob.eventId } })).toBe(1);
  });
});
