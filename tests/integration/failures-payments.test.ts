// A payment whose answer is lost on the way back (the card network's timeout, after it has
// recorded the charge or hold): the counter and the checkout look it up by its idempotency key and
// never ask again — one charge, one hold, whatever happens. If the network never saw it, nothing
// was taken, and the customer is told so plainly. The commands run in this process, against a
// real database; the card network fake obeys the failure switches stored there.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { placeBookOrder } from '../../lib/commands/place-book-order';
import { placeCoffeeOrder } from '../../lib/commands/place-coffee-order';
import { db } from '../../lib/db/client';
import { fakeCardNetwork } from '../../lib/fakes/card-network';
import { CardNetworkTimeout } from '../../lib/payments/card-network';
import type { Switches } from '../../lib/switches/settings';
import { forgetSwitches, readSwitches, saveSwitches } from '../../lib/switches/store';
import { bookTitled, checkout, checkoutRequest } from '../support/bookstore';
import { type Shop, latteOrder, newCustomer, openShop } from '../support/shop';

let shop: Shop;

beforeAll(async () => {
  shop = await openShop('failures_payments');
});

afterEach(async () => {
  vi.restoreAllMocks();
  await setSwitches((s) => ({ ...s, card: { ...s.card, unknownOutcomeRate: 0 } }));
});

afterAll(async () => {
  await shop?.close();
});

async function setSwitches(change: (s: Switches) => Switches): Promise<void> {
  forgetSwitches();
  const { value, version } = await readSwitches();
  if (!(await saveSwitches(change(value), version)).ok) throw new Error('the switches changed under the test');
}

const ledgerRows = (where: { idempotencyKey?: string; kind?: string; cardLast4?: string }) => db().cardNetworkEntry.findMany({ where });

describe('coffee: the charge went through but its answer was lost', () => {
  it('is found by its key: the order is paid, charged exactly once, and the card network asked once', async () => {
    await setSwitches((s) => ({ ...s, card: { ...s.card, unknownOutcomeRate: 1 } }));
    const charge = vi.spyOn(fakeCardNetwork, 'charge');
    const findCharge = vi.spyOn(fakeCardNetwork, 'findCharge');

    const answer = await placeCoffeeOrder(latteOrder(), newCustomer());

    if (!answer.ok) throw new Error(`expected 201, got ${answer.error.code}`);
    const orderId = answer.value.order.id;
    expect(answer.value.order).toMatchObject({ status: 'paid' });
    expect(charge).toHaveBeenCalledTimes(1);
    await expect(charge.mock.results[0]!.value).rejects.toBeInstanceOf(CardNetworkTimeout);
    expect(findCharge).toHaveBeenCalledWith(`coffee-order-${orderId}`);
    // The ledger: exactly one charge under the order's key, approved, for the order's total.
    const rows = await ledgerRows({ idempotencyKey: `coffee-order-${orderId}` });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: 'charge', outcome: 'approved', amountCents: answer.value.order.totalCents });
    expect(await ledgerRows({ kind: 'refund', idempotencyKey: `refund-coffee-order-${orderId}` })).toHaveLength(0);
  });

  it('a retry of the same request (same key) replays the answer and charges nothing more', async () => {
    await setSwitches((s) => ({ ...s, card: { ...s.card, unknownOutcomeRate: 1 } }));
    const who = newCustomer();
    const first = await placeCoffeeOrder(latteOrder(), who);
    const again = await placeCoffeeOrder(latteOrder(), who);

    expect(again).toEqual(first);
    if (!first.ok) throw new Error(`expected 201, got ${first.error.code}`);
    expect(await ledgerRows({ idempotencyKey: `coffee-order-${first.value.order.id}` })).toHaveLength(1);
  });

  it('a charge the network never saw is a decline, said plainly; nothing is taken and the order is cancelled', async () => {
    vi.spyOn(fakeCardNetwork, 'charge').mockImplementationOnce(async ({ idempotencyKey }) => {
      throw new CardNetworkTimeout('charge', idempotencyKey);
    });

    const answer = await placeCoffeeOrder(latteOrder(), newCustomer());

    expect(answer).toMatchObject({
      ok: false,
      error: { code: 'PAYMENT.DECLINED', message: expect.stringMatching(/did not answer.*no record.*nothing was charged/i) },
    });
    const declined = answer.ok ? undefined : answer.detail?.order;
    if (!declined) throw new Error('a declined card still shows the order');
    const order = await db().order.findUniqueOrThrow({ where: { id: declined.id } });
    expect(order).toMatchObject({ status: 'cancelled', paymentCode: 'network_no_answer' });
    expect(await ledgerRows({ idempotencyKey: `coffee-order-${order.id}` })).toHaveLength(0);
  });
});

describe('bookstore: the hold went through but its answer was lost', () => {
  it('is found by its key: the order request is recorded, held exactly once, and the network asked once', async () => {
    await setSwitches((s) => ({ ...s, card: { ...s.card, unknownOutcomeRate: 1 } }));
    const authorize = vi.spyOn(fakeCardNetwork, 'authorize');
    const book = bookTitled('Dune');

    const { answer } = await checkout([{ bookId: book.id, quantity: 2 }]);

    if (!answer.ok) throw new Error(`expected 201, got ${answer.error.code}`);
    const orderId = answer.value.orderRequest.id;
    expect(authorize).toHaveBeenCalledTimes(1);
    const rows = await ledgerRows({ idempotencyKey: `book-auth-${orderId}` });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: 'authorization', outcome: 'approved', amountCents: 2 * book.priceCents });
    expect(await db().orderRequest.findUniqueOrThrow({ where: { id: orderId } })).toMatchObject({
      authorizationKey: `book-auth-${orderId}`,
    });
  });

  it('a hold the network never saw is a decline: nothing held, nothing ordered, the cart as it was', async () => {
    const book = bookTitled('Frankenstein');
    vi.spyOn(fakeCardNetwork, 'authorize').mockImplementationOnce(async ({ idempotencyKey }) => {
      throw new CardNetworkTimeout('authorization', idempotencyKey);
    });

    const { customerId, answer } = await checkout([{ bookId: book.id, quantity: 1 }]);

    expect(answer).toMatchObject({
      ok: false,
      error: { code: 'PAYMENT.DECLINED', message: expect.stringMatching(/no record of a hold.*cart is as you left it/i) },
    });
    expect(await db().orderRequest.count({ where: { customerId } })).toBe(0);
    expect(await db().cartItem.findMany({ where: { customerId } })).toMatchObject([{ bookId: book.id, quantity: 1 }]);
    // The same key again replays the refusal; the network is not asked again.
    const authorize = vi.spyOn(fakeCardNetwork, 'authorize');
    const asked = authorize.mock.calls.length;
    const key = (await db().idempotencyRecord.findFirstOrThrow({ where: { customerId } })).key;
    expect(await placeBookOrder(checkoutRequest(), { customerId, idempotencyKey: key })).toEqual(answer);
    expect(authorize.mock.calls.length).toBe(asked);
  });
});
