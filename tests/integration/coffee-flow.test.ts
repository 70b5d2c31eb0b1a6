// The coffee slice end to end below the browser: the synchronous command in this process, the
// relay and the workers in their own processes, all against real PostgreSQL and Redis.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placeCoffeeOrder } from '../../lib/commands/place-coffee-order';
import { handOverDrink } from '../../lib/commands/hand-over-drink';
import { db } from '../../lib/db/client';
import { insertOrder } from '../../lib/db/orders';
import { placeOrder } from '../../lib/domain/ordering/order';
import { cardNetwork } from '../../lib/adapters';
import { transact } from '../../lib/outbox/unit-of-work';
import { CARDS, type Shop, eventually, latteOrder, newCustomer, openShop } from '../support/shop';

let shop: Shop;

beforeAll(async () => {
  shop = await openShop('flow', { PREP_MS_PER_DRINK: '0' });
  shop.startRelay();
  shop.startWorkers();
  await shop.ready();
});

afterAll(async () => {
  await shop?.close();
});

const ticketOf = (orderId: string) => db().baristaTicket.findUnique({ where: { orderId } });
const timelineOf = async (orderId: string) =>
  (await db().timelineEntry.findMany({ where: { orderId }, orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }] })).map(
    (t) => `${t.type}:${t.mode}`,
  );

describe('a paid order', () => {
  it('is paid while the customer waits and reaches "ready" through the relay and a worker', async () => {
    const who = newCustomer();
    const placedAt = performance.now();
    const answer = await placeCoffeeOrder(latteOrder(), who);
    const paidMs = performance.now() - placedAt;
    if (!answer.ok) throw new Error(`expected 201, got ${answer.error.code}`);
    expect(answer.value.order).toMatchObject({ status: 'paid', customerName: 'Sam', totalCents: 480, cardLast4: '4242' });

    const id = answer.value.order.id;
    await eventually('the drink to be ready', async () => (await ticketOf(id))?.status === 'ready');
    const readyMs = performance.now() - placedAt - paidMs;
    // With no preparation time the drink can be ready before the barista hears it is paid:
    // the two facts travel separately and meet eventually.
    await eventually('the barista to learn it is paid', async () => (await ticketOf(id))?.paid);
    console.info(`[measure] Pay → paid ${paidMs.toFixed(0)} ms; paid → ready (0 ms prep) ${readyMs.toFixed(0)} ms`);

    const timeline = await timelineOf(id);
    expect(timeline).toEqual(
      expect.arrayContaining([
        'OrderPlaced:sync',
        'PaymentApproved:sync',
        'TicketOpened:async',
        'TicketPaid:async',
        'DrinkStarted:async',
        'DrinkReady:async',
      ]),
    );
    expect(timeline).toHaveLength(6);
  });

  it('is handed over only once paid, and only once', async () => {
    const answer = await placeCoffeeOrder(latteOrder(), newCustomer());
    if (!answer.ok) throw new Error(`expected 201, got ${answer.error.code}`);
    const ticket = await eventually('ready and paid', async () => {
      const t = await ticketOf(answer.value.order.id);
      return t?.status === 'ready' && t.paid ? t : null;
    });
    expect(await handOverDrink(ticket.id)).toEqual({ ok: true });
    expect(await handOverDrink(ticket.id)).toEqual({ ok: true });
    const after = await ticketOf(answer.value.order.id);
    expect(after?.status).toBe('collected');
    expect((await timelineOf(answer.value.order.id)).filter((t) => t.startsWith('DrinkHandedOver'))).toHaveLength(1);
  });
});

describe('a declined card', () => {
  it.each([
    [CARDS.declined, 'card_declined'],
    [CARDS.insufficientFunds, 'insufficient_funds'],
  ])('%s cancels the order and the barista bins the drink', async (card, code) => {
    const answer = await placeCoffeeOrder(latteOrder(card), newCustomer());
    if (answer.ok) throw new Error('expected a declined card');
    expect(answer.error.code).toBe('PAYMENT.DECLINED');
    const order = answer.detail?.order;
    if (!order) throw new Error('a declined card still shows the order');
    expect(order).toMatchObject({ status: 'cancelled', paymentCode: code });
    if (code === 'insufficient_funds') expect(answer.error.message).toMatch(/insufficient funds/);

    const ticket = await eventually('the ticket to be closed', async () => {
      const t = await ticketOf(order.id);
      return t && (t.status === 'discarded' || t.status === 'tossed') ? t : null;
    });
    expect(ticket.paid).toBe(false);
    const timeline = await timelineOf(order.id);
    expect(timeline).toContain('PaymentDeclined:sync');
    expect(timeline).toContain('OrderCancelled:sync');
    expect(timeline.some((t) => t.startsWith('DrinkTossed') || t.startsWith('TicketDiscarded'))).toBe(true);
    // With no preparation time the drink may already be ready when the decline arrives; either
    // way it ends in the bin, never over the counter.
    expect(timeline.some((t) => t.startsWith('DrinkHandedOver'))).toBe(false);
    // Nothing to refund: a declined card moved no money.
    expect(await db().cardNetworkEntry.count({ where: { kind: 'refund', chargeKey: { contains: order.id } } })).toBe(0);
  });

  it('a ready drink for an unpaid order is never handed over', async () => {
    // Place the order without paying (as if the web process died mid-payment), let the barista finish.
    const order = await transact(async ({ tx, ctx, emit }) => {
      const { state, events } = placeOrder(
        {
          id: ctx.newId(),
          scenario: 'coffee',
          customerId: newCustomer().customerId,
          customerName: 'Ada',
          lines: [{ itemId: 'tea', name: 'Tea', size: 'S', milk: null, quantity: 1, unitPriceCents: 210 }],
          cardLast4: '4242',
          paymentTimeoutMs: 60_000,
        },
        ctx,
      );
      await insertOrder(tx, state);
      await emit(events, { mode: 'sync', actor: 'customer' });
      return state;
    });
    const ticket = await eventually('ready', async () => {
      const t = await ticketOf(order.id);
      return t?.status === 'ready' ? t : null;
    });
    expect(await handOverDrink(ticket.id)).toMatchObject({ ok: false, error: { code: 'TICKET.UNPAID' } });
    expect((await ticketOf(order.id))?.status).toBe('ready');
  });
});

describe('idempotency', () => {
  it('replays the first answer for the same key and body, and refuses a different body', async () => {
    const who = newCustomer();
    const first = await placeCoffeeOrder(latteOrder(), who);
    const again = await placeCoffeeOrder(latteOrder(), who);
    expect(again).toEqual(first);

    const declined = newCustomer();
    const d1 = await placeCoffeeOrder(latteOrder(CARDS.declined), declined);
    expect(await placeCoffeeOrder(latteOrder(CARDS.declined), declined)).toEqual(d1);

    const other = await placeCoffeeOrder(latteOrder(CARDS.approved, 'Someone else'), who);
    expect(other).toMatchObject({ ok: false, error: { code: 'IDEMPOTENCY.MISMATCH' } });
    expect(await db().order.count({ where: { customerId: who.customerId } })).toBe(1);
  });

  it('tells a retry from another order by the card it names, without keeping the card: the last four digits count, the CVC does not', async () => {
    const who = newCustomer();
    const first = await placeCoffeeOrder(latteOrder(), who);
    const retyped = latteOrder();
    retyped.card.cvc = '999';
    expect(await placeCoffeeOrder(retyped, who)).toEqual(first);

    const otherCard = await placeCoffeeOrder(latteOrder(CARDS.insufficientFunds), who);
    expect(otherCard).toMatchObject({ ok: false, error: { code: 'IDEMPOTENCY.MISMATCH' } });

    const stored = await db().idempotencyRecord.findUniqueOrThrow({
      where: { customerId_key: { customerId: who.customerId, key: who.idempotencyKey } },
    });
    expect(stored.requestHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toMatch(/4242424242424242|4242 4242 4242 4242/);
  });

  it('ten concurrent requests with one key make one order and one charge', async () => {
    const who = newCustomer();
    const answers = await Promise.all(Array.from({ length: 10 }, () => placeCoffeeOrder(latteOrder(), who)));
    for (const a of answers) expect(a).toEqual(answers[0]);
    expect(answers[0]).toMatchObject({ ok: true });
    const orders = await db().order.findMany({ where: { customerId: who.customerId } });
    expect(orders).toHaveLength(1);
    expect(await db().cardNetworkEntry.count({ where: { kind: 'charge', idempotencyKey: { contains: orders[0]!.id } } })).toBe(1);
  });

  it('the card network answers a retried charge from its ledger, never charging twice', async () => {
    const key = `test-${Date.now()}`;
    const request = { idempotencyKey: key, amountCents: 500, cardNumber: '4242424242424242' };
    const [a, b] = await Promise.all([cardNetwork().charge(request), cardNetwork().charge(request)]);
    expect(a).toEqual(b);
    expect(await db().cardNetworkEntry.count({ where: { idempotencyKey: key } })).toBe(1);
  });
});

describe('bad input', () => {
  it('writes nothing: no order, no outbox row, no key, no charge', async () => {
    const who = newCustomer();
    // Orders and keys belong to a customer, so those counts are this customer's own. The outbox and
    // the card ledger are not, and the workers may still be finishing earlier tests' drinks: wait
    // until every event is consumed and the counts hold still before taking them.
    const counts = () =>
      Promise.all([
        db().order.count({ where: { customerId: who.customerId } }),
        db().idempotencyRecord.count({ where: { customerId: who.customerId } }),
        db().outboxMessage.count(),
        db().cardNetworkEntry.count(),
      ]);
    const before = await eventually("the earlier tests' work to settle", async () => {
      if ((await db().outboxMessage.count({ where: { consumedAt: null } })) > 0) return null;
      const first = await counts();
      await new Promise((r) => setTimeout(r, 300));
      const second = await counts();
      return JSON.stringify(first) === JSON.stringify(second) ? second : null;
    });
    expect(before.slice(0, 2)).toEqual([0, 0]);
    const cases = [
      { ...latteOrder(), items: [{ itemId: 'flat-earth', size: 'M' as const, quantity: 1 }] },
      { ...latteOrder(), items: [{ itemId: 'espresso', size: 'M' as const, milk: 'oat' as const, quantity: 1 }] },
      latteOrder('4242 4242 4242 4241'),
      { ...latteOrder(), card: { number: CARDS.approved, expMonth: 1, expYear: 2020, cvc: '123' } },
    ];
    for (const request of cases) {
      const answer = await placeCoffeeOrder(request, { ...who, idempotencyKey: `${who.idempotencyKey}-${cases.indexOf(request)}` });
      if (answer.ok) throw new Error('expected the input to be refused');
      expect(answer.error.code).toBe('VALIDATION');
      expect(Object.keys(answer.error.fields ?? {})).not.toHaveLength(0);
    }
    expect(await counts()).toEqual(before);
  });
});
