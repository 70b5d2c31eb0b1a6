// The bookstore end to end below the browser: the synchronous checkout in this process; the
// relay and the workers (warehouse, cashier, courier, mail) in their own processes; real
// PostgreSQL and Redis. Fast courier, short backorder decision time.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerBackorder } from '../../lib/commands/answer-backorder';
import { placeBookOrder } from '../../lib/commands/place-book-order';
import { db } from '../../lib/db/client';
import { listBooks } from '../../lib/queries/catalogue';
import { stockHint } from '../../components/bookstore/stock';
import { bookTitled, checkedOut, checkout, checkoutRequest, expectLedgerBalances, inventoryOf, linesOf } from '../support/bookstore';
import { CARDS, type Shop, eventually, openShop } from '../support/shop';

const DECISION_MS = 1_500;
let shop: Shop;

beforeAll(async () => {
  shop = await openShop('bookstore', {
    COURIER_LATENCY_MS: '0',
    COURIER_DELIVERY_MS: '300',
    BACKORDER_DECISION_MS: String(DECISION_MS),
  });
  shop.startRelay();
  shop.startWorkers();
  await shop.ready();
});

afterAll(async () => {
  await shop?.close();
});

const statuses = async (orderId: string) => (await linesOf(orderId)).map((l) => l.status);
const mailKinds = async (customerId: string) =>
  (await db().inboxMessage.findMany({ where: { customerId }, orderBy: { sentAt: 'asc' } })).map((m) => m.kind).sort();

describe('an order request with everything in stock', () => {
  it('is accepted at once, then reserved, captured, shipped and delivered line by line, with a mail for each step', async () => {
    const dune = bookTitled('Dune');
    const gatsby = bookTitled('The Great Gatsby');
    const before = { dune: await inventoryOf(dune.id), gatsby: await inventoryOf(gatsby.id) };

    const { customerId, idempotencyKey, answer } = await checkout([
      { bookId: dune.id, quantity: 2 },
      { bookId: gatsby.id, quantity: 1 },
    ]);
    if (!answer.ok) throw new Error(`expected 201, got ${answer.error.code}`);
    const { orderRequest } = answer.value;
    expect(orderRequest).toMatchObject({ status: 'open', totalCents: 2 * dune.priceCents + gatsby.priceCents, cardLast4: '4242' });
    // The cart was emptied with the same commit; the hold is in place and nothing is taken yet.
    expect(await db().cartItem.count({ where: { customerId } })).toBe(0);
    // A retry with the same key (the answer got lost on the way) gets the same answer, though the cart is empty now.
    expect(await placeBookOrder(checkoutRequest(), { customerId, idempotencyKey })).toEqual(answer);
    expect((await expectLedgerBalances(orderRequest.id)).ledger).toMatchObject({ authorized: orderRequest.totalCents });

    await eventually('both lines delivered', async () => (await statuses(orderRequest.id)).every((s) => s === 'delivered'));
    const lines = await linesOf(orderRequest.id);
    for (const line of lines) {
      expect(line.capturedCents).toBe(line.quantity * line.unitPriceCents);
      expect(line.carrier).toBeTruthy();
      expect(line.trackingNumber).toMatch(/^[A-Z]{2}\d{9}GB$/);
    }
    expect(await db().orderRequest.findUniqueOrThrow({ where: { id: orderRequest.id } })).toMatchObject({ status: 'completed' });
    const { ledger, problems } = await expectLedgerBalances(orderRequest.id);
    expect(problems).toEqual([]);
    expect(ledger).toMatchObject({ captured: orderRequest.totalCents, voided: 0 });

    // Copies moved from the shelf to the courier; the books still add up.
    await eventually('the warehouse to record the shipments', async () => (await inventoryOf(dune.id)).shipped === before.dune.shipped + 2);
    expect(await inventoryOf(dune.id)).toMatchObject({ available: before.dune.available - 2, reserved: 0 });
    await eventually('gatsby shipped', async () => (await inventoryOf(gatsby.id)).shipped === before.gatsby.shipped + 1);

    await eventually('every mail', async () => (await mailKinds(customerId)).length === 5);
    expect(await mailKinds(customerId)).toEqual(['delivered', 'delivered', 'received', 'shipped', 'shipped']);

    const timeline = await db().timelineEntry.findMany({ where: { orderId: orderRequest.id } });
    const sync = timeline
      .filter((t) => t.mode === 'sync')
      .map((t) => t.type)
      .sort();
    expect(sync).toEqual(['LineRequested', 'LineRequested', 'OrderRequested']);
  });
});

describe('a declined card', () => {
  it('records nothing, leaves the cart as it was, and answers the same to a retry', async () => {
    const book = bookTitled('Frankenstein');
    const stockBefore = await inventoryOf(book.id);
    const customerId = randomUUID();
    const { answer } = await checkout([{ bookId: book.id, quantity: 3 }], CARDS.declined, customerId);
    expect(answer).toMatchObject({ ok: false, error: { code: 'PAYMENT.DECLINED' } });
    expect(await db().cartItem.findMany({ where: { customerId } })).toMatchObject([{ bookId: book.id, quantity: 3 }]);
    expect(await db().orderRequest.count({ where: { customerId } })).toBe(0);
    expect(await inventoryOf(book.id)).toMatchObject({ version: stockBefore.version, available: stockBefore.available });

    // The same key again: the same answer, and the card network is not asked twice.
    const key = randomUUID();
    const first = await placeBookOrder(checkoutRequest(CARDS.declined), { customerId, idempotencyKey: key });
    const again = await placeBookOrder(checkoutRequest(CARDS.declined), { customerId, idempotencyKey: key });
    expect(again).toEqual(first);
    expect(await db().cardNetworkEntry.count({ where: { kind: 'authorization', cardLast4: '0002' } })).toBe(2);
  });

  it('refuses an empty cart and a bad address before asking the card network anything', async () => {
    const customerId = randomUUID();
    const ledgerBefore = await db().cardNetworkEntry.count();
    const empty = await placeBookOrder(checkoutRequest(), { customerId, idempotencyKey: randomUUID() });
    expect(empty).toMatchObject({ ok: false, error: { code: 'CART.EMPTY', fields: { cart: expect.any(String) } } });
    const badAddress = await placeBookOrder(
      { ...checkoutRequest(), address: { name: '', line1: 'x', city: 'Paris', postcode: 'SW1A 1AA', country: 'FR' } },
      { customerId, idempotencyKey: randomUUID() },
    );
    expect(badAddress).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fields: { 'address.name': expect.any(String), 'address.postcode': expect.any(String) } },
    });
    expect(await db().cardNetworkEntry.count()).toBe(ledgerBefore);
  });
});

describe('a backordered line', () => {
  it('is cancelled for the customer when nobody answers in time, and its share of the hold is released once', async () => {
    const missing = bookTitled('War and Peace'); // none in stock
    const plenty = bookTitled('Dracula');
    const { customerId, orderId } = await checkedOut([
      { bookId: missing.id, quantity: 1 },
      { bookId: plenty.id, quantity: 1 },
    ]);
    const backordered = await eventually('the backorder', async () => (await linesOf(orderId)).find((l) => l.status === 'backordered'));
    expect(backordered.decideBy).toBeTruthy();

    // The rest of the order goes on; the backordered line is cancelled after the decision time.
    await eventually(
      'the line cancelled and released',
      async () => {
        const line = (await linesOf(orderId)).find((l) => l.id === backordered.id);
        return line?.status === 'cancelled' && line.releasedCents > 0 && line;
      },
      DECISION_MS + 15_000,
    );
    const [cancelled] = (await linesOf(orderId)).filter((l) => l.id === backordered.id);
    expect(cancelled).toMatchObject({ cancelReason: 'no-answer', releasedCents: missing.priceCents, capturedCents: 0 });
    await eventually('the other line delivered', async () => (await statuses(orderId)).includes('delivered'));
    expect(await db().orderRequest.findUniqueOrThrow({ where: { id: orderId } })).toMatchObject({ status: 'completed' });

    const { ledger, problems } = await expectLedgerBalances(orderId);
    expect(problems).toEqual([]);
    expect(ledger).toMatchObject({ voided: missing.priceCents, captured: plenty.priceCents });
    await eventually('the mails', async () => (await mailKinds(customerId)).includes('released'));
    expect(await mailKinds(customerId)).toEqual(expect.arrayContaining(['received', 'backordered', 'cancelled', 'released', 'shipped']));
    // The waiting claim is gone: a later restock will not hold copies for it.
    expect(await db().stockClaim.findUniqueOrThrow({ where: { lineId: backordered.id } })).toMatchObject({ status: 'released' });
  });

  it('is cancelled by the customer at once; asking again is refused, and the hold is released once', async () => {
    const missing = bookTitled('Ulysses'); // none in stock
    const { customerId, orderId } = await checkedOut([{ bookId: missing.id, quantity: 2 }]);
    const line = await eventually('the backorder', async () => (await linesOf(orderId)).find((l) => l.status === 'backordered'));

    const cancelled = await answerBackorder(customerId, { orderId, lineId: line.id, answer: 'cancel' });
    expect(cancelled).toMatchObject({ ok: true });
    const again = await answerBackorder(customerId, { orderId, lineId: line.id, answer: 'wait' });
    expect(again).toMatchObject({ ok: false, error: { code: 'LINE.NOT_BACKORDERED' } });
    // Someone else cannot answer for it: not found, as if it did not exist.
    expect(await answerBackorder(randomUUID(), { orderId, lineId: line.id, answer: 'cancel' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });

    await eventually('the release', async () => (await linesOf(orderId))[0]?.releasedCents === 2 * missing.priceCents);
    expect(await db().orderRequest.findUniqueOrThrow({ where: { id: orderId } })).toMatchObject({ status: 'cancelled' });
    const { ledger, problems } = await expectLedgerBalances(orderId);
    expect(problems).toEqual([]);
    expect(ledger).toMatchObject({ authorized: 2 * missing.priceCents, voided: 2 * missing.priceCents, captured: 0 });
  });

  it('waits past the decision time once the customer chooses to wait', async () => {
    const missing = bookTitled('War and Peace');
    const { customerId, orderId } = await checkedOut([{ bookId: missing.id, quantity: 1 }]);
    const line = await eventually('the backorder', async () => (await linesOf(orderId)).find((l) => l.status === 'backordered'));
    expect(await answerBackorder(customerId, { orderId, lineId: line.id, answer: 'wait' })).toMatchObject({ ok: true });
    await new Promise((r) => setTimeout(r, DECISION_MS + 1_500));
    expect(await linesOf(orderId)).toMatchObject([{ status: 'backordered', waiting: true, decideBy: null }]);

    // The next customer is told that someone waits ahead of them, in the catalogue and the cart.
    const [card] = (await listBooks(missing.title, 1)).books;
    expect(card).toMatchObject({ id: missing.id, waiting: expect.any(Number) });
    expect(card!.waiting).toBeGreaterThanOrEqual(1);
    expect(stockHint(card!.available, card!.waiting).text).toMatch(/waiting for this book — an order now waits behind them$/);
  });
});
