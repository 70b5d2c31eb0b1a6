// The bookstore's worker handlers called directly (no queue, no relay), walking one order request
// through its whole life by hand. Every step is run twice, as a redelivery would: the second run
// must change nothing — no second reservation, capture, parcel, void or mail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerBackorder } from '../../lib/commands/answer-backorder';
import { recordDeliveredParcels, settleAbandonedCheckouts } from '../../lib/reactions/bookstore-timers';
import { cardNetwork } from '../../lib/adapters';
import { claimKey, replay } from '../../lib/idempotency/keys';
import { newId } from '../../lib/ids';
import { HoldExceeded } from '../../lib/payments/card-network';
import { db } from '../../lib/db/client';
import type { EventType } from '../../lib/events/contracts';
import type { EventJobOf } from '../../lib/queue/topology';
import { eventJob } from '../support/event-jobs';
import { markLineBackorderedHandler, markLineReservedHandler } from '../../workers/handlers/bookstore/fulfilment';
import { releaseStockHandler, reserveStockHandler, shipStockHandler } from '../../workers/handlers/bookstore/inventory';
import { sendMailHandler } from '../../workers/handlers/bookstore/notifications';
import { captureLineHandler, releaseLineHandler } from '../../workers/handlers/bookstore/payments';
import { dispatchLineHandler } from '../../workers/handlers/bookstore/shipping';
import { bookTitled, checkedOut, expectLedgerBalances, ledgerOf } from '../support/bookstore';
import { CARDS, type Shop, eventually, newCustomer, openShop } from '../support/shop';

let shop: Shop;

beforeAll(async () => {
  shop = await openShop('bookstore_handlers', { COURIER_LATENCY_MS: '0', COURIER_DELIVERY_MS: '0' });
});

afterAll(async () => {
  await shop?.close();
});

/** The newest unpublished event of this type for the order, as the relay would enqueue it. */
async function job<T extends EventType>(orderId: string, type: T): Promise<EventJobOf<T>> {
  const row = await db().outboxMessage.findFirstOrThrow({ where: { orderId, type }, orderBy: { createdAt: 'desc' } });
  return eventJob(type, row);
}

/** Everything a handler could have touched for this order and book. */
async function world(orderId: string, bookId: string) {
  return {
    request: await db().orderRequest.findUniqueOrThrow({ where: { id: orderId }, include: { lines: true } }),
    inventory: await db().inventory.findUniqueOrThrow({ where: { bookId }, include: { claims: true } }),
    outbox: await db().outboxMessage.count({ where: { orderId } }),
    timeline: await db().timelineEntry.count({ where: { orderId } }),
    ledger: await ledgerOf(orderId),
    parcels: await db().courierShipment.count(),
    mails: await db().inboxMessage.count({ where: { orderId } }),
  };
}

/** Runs the handler, snapshots, runs it again, and expects the second run to change nothing. */
async function twice<J extends { type: string }>(handler: (job: J) => Promise<void>, event: J, orderId: string, bookId: string) {
  await handler(event);
  const once = await world(orderId, bookId);
  await handler(event);
  expect(await world(orderId, bookId), `${event.type} run twice`).toEqual(once);
  return once;
}

describe('run twice, act once', () => {
  it('through reservation, capture, dispatch, shipping, delivery and every mail', async () => {
    const book = bookTitled('Wolf Hall');
    const { orderId } = await checkedOut([{ bookId: book.id, quantity: 2 }]);
    const step = <J extends { type: string }>(handler: (job: J) => Promise<void>, event: J) => twice(handler, event, orderId, book.id);

    await step(sendMailHandler, await job(orderId, 'OrderRequested'));
    let now = await step(reserveStockHandler, await job(orderId, 'LineRequested'));
    expect(now.inventory.claims).toMatchObject([{ status: 'reserved', quantity: 2 }]);

    now = await step(markLineReservedHandler, await job(orderId, 'StockReserved'));
    expect(now.request.lines).toMatchObject([{ status: 'reserved' }]);

    now = await step(captureLineHandler, await job(orderId, 'LineReserved'));
    expect(now.ledger.captured).toBe(2 * book.priceCents);
    expect(now.request.lines).toMatchObject([{ status: 'captured', capturedCents: 2 * book.priceCents }]);

    now = await step(dispatchLineHandler, await job(orderId, 'PaymentCaptured'));
    expect(now.request.lines).toMatchObject([{ status: 'shipped' }]);

    const shipped = await job(orderId, 'LineShipped');
    now = await step(shipStockHandler, shipped);
    expect(now.inventory.claims).toMatchObject([{ status: 'shipped' }]);
    await step(sendMailHandler, shipped);

    await eventually('the courier to deliver', async () => (await recordDeliveredParcels()).length > 0);
    expect(await recordDeliveredParcels()).toEqual([]);
    now = await step(sendMailHandler, await job(orderId, 'LineDelivered'));
    expect(now.mails).toBe(3);
    expect(now.request).toMatchObject({ status: 'completed' });
    expect((await expectLedgerBalances(orderId)).problems).toEqual([]);
  });

  it('through a backorder, its cancellation, the release of the claim and of the money', async () => {
    const book = bookTitled('War and Peace');
    const { customerId, orderId } = await checkedOut([{ bookId: book.id, quantity: 1 }]);
    const step = <J extends { type: string }>(handler: (job: J) => Promise<void>, event: J) => twice(handler, event, orderId, book.id);

    let now = await step(reserveStockHandler, await job(orderId, 'LineRequested'));
    expect(now.inventory.claims.find((c) => c.orderId === orderId)).toMatchObject({ status: 'waiting' });
    now = await step(markLineBackorderedHandler, await job(orderId, 'StockBackordered'));
    const [line] = now.request.lines;
    expect(line).toMatchObject({ status: 'backordered' });

    expect(await answerBackorder(customerId, { orderId, lineId: line!.id, answer: 'cancel' })).toMatchObject({ ok: true });
    const cancelled = await job(orderId, 'LineCancelled');
    now = await step(releaseStockHandler, cancelled);
    expect(now.inventory.claims.find((c) => c.orderId === orderId)).toMatchObject({ status: 'released' });
    now = await step(releaseLineHandler, cancelled);
    expect(now.ledger).toMatchObject({ voided: book.priceCents, captured: 0 });
    await step(sendMailHandler, cancelled);
    now = await step(sendMailHandler, await job(orderId, 'PaymentReleased'));
    expect(now.mails).toBe(2);
    expect(now.request).toMatchObject({ status: 'cancelled' });
    expect((await expectLedgerBalances(orderId)).problems).toEqual([]);
  });
});

describe('the card network fake', () => {
  it('never lets captures and voids together exceed the hold, even when they race', async () => {
    const authorizationKey = `book-auth-${newId()}`;
    await cardNetwork().authorize({ idempotencyKey: authorizationKey, amountCents: 1_000, cardNumber: '4242424242424242' });
    const moves = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) =>
        (i % 2 ? cardNetwork().void : cardNetwork().capture)({
          idempotencyKey: `move-${authorizationKey}-${i}`,
          authorizationKey,
          amountCents: 300,
        }),
      ),
    );
    expect(moves.filter((m) => m.status === 'fulfilled')).toHaveLength(3);
    for (const m of moves) if (m.status === 'rejected') expect(m.reason).toBeInstanceOf(HoldExceeded);
  });
});

describe('a checkout that died after the hold was placed', () => {
  it('is settled by the sweeper: the hold is voided and a retry with its key is told what happened', async () => {
    const who = newCustomer();
    const ref = { customerId: who.customerId, key: who.idempotencyKey };
    const orderId = newId();
    // What placeBookOrder does up to the card network's answer, and then nothing: the process "died".
    await db().$transaction((tx) => claimKey(tx, ref, 'hash', orderId, new Date()));
    await cardNetwork().authorize({
      idempotencyKey: `book-auth-${orderId}`,
      amountCents: 2_500,
      cardNumber: CARDS.approved.replace(/ /g, ''),
    });

    expect(await settleAbandonedCheckouts(new Date(), 60_000)).toEqual([]); // not old enough yet
    expect(await settleAbandonedCheckouts(new Date(Date.now() + 61_000), 60_000)).toEqual([orderId]);
    expect(await settleAbandonedCheckouts(new Date(Date.now() + 61_000), 60_000)).toEqual([]);
    expect(await ledgerOf(orderId)).toMatchObject({ authorized: 2_500, voided: 2_500, captured: 0 });
    expect(await replay(ref, 'hash', 0)).toMatchObject({ kind: 'answer', answer: { ok: false, error: { code: 'CHECKOUT.ABANDONED' } } });
  });
});
