// A courier outage that does not end: with a tiny attempt budget (two quick tries) the dispatch
// step gives up and lands on the needs-attention list, while the customer still sees "delayed".
// A person runs it again: while the courier is still down it comes straight back; once the outage
// is over it ships, and the item resolves itself. Or the person resolves it with a note, which the
// customer reads on their timeline. Real relay and worker processes.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeAttentionQueues, resolveAttentionItem, retryAttentionItem } from '../../lib/commands/attention';
import { db } from '../../lib/db/client';
import { listAttention } from '../../lib/queries/attention';
import { getOrderRequestView } from '../../lib/queries/order-request-view';
import { bookTitled, checkedOut, expectLedgerBalances, linesOf } from '../support/bookstore';
import { type Shop, eventually, openShop } from '../support/shop';
import { setSwitches } from '../support/switches';

let shop: Shop;
const staff = { name: 'Sam (ops)' };

beforeAll(async () => {
  shop = await openShop('failures_attention', {
    COURIER_LATENCY_MS: '0',
    COURIER_DELIVERY_MS: '300',
    STEP_POLICY_OVERRIDES: JSON.stringify({ 'shipping.dispatch': { attempts: 2, delay: 100 } }),
  });
  shop.startRelay();
  shop.startWorkers();
  await shop.ready();
});

afterEach(async () => {
  await courierOutage(false);
});

afterAll(async () => {
  await closeAttentionQueues();
  await shop?.close();
});

const courierOutage = (on: boolean) => setSwitches((s) => ({ ...s, courier: { ...s.courier, outage: on } }));

const timelineOf = (orderId: string, type: string) =>
  db().timelineEntry.findMany({ where: { orderId, type }, orderBy: { occurredAt: 'asc' } });
const itemsOf = (orderId: string) => db().attentionItem.findMany({ where: { orderId } });
const openItemOf = (orderId: string) =>
  eventually('an open attention item', async () => (await itemsOf(orderId)).find((i) => i.status === 'open'), 30_000);

async function stuckShipment(title: string) {
  await courierOutage(true);
  const book = bookTitled(title);
  const { orderId, customerId } = await checkedOut([{ bookId: book.id, quantity: 1 }]);
  const item = await openItemOf(orderId);
  return { orderId, customerId, item };
}

describe('a shipment that keeps failing', () => {
  it('becomes a needs-attention item while the customer sees "delayed"; retry-now ships it once the cause is gone', async () => {
    const { orderId, customerId, item } = await stuckShipment('Dracula');

    expect(item).toMatchObject({
      step: 'shipping.dispatch',
      queue: 'shipping',
      attempts: 2,
      error: expect.stringMatching(/^COURIER_UNAVAILABLE: /),
    });
    const [line] = await linesOf(orderId);
    expect(line).toMatchObject({ status: 'captured', delayedSince: expect.any(Date) });
    expect((await getOrderRequestView(orderId, customerId))?.lines[0]).toMatchObject({
      status: 'captured',
      delayedSince: expect.any(String),
    });
    expect(await timelineOf(orderId, 'AttentionRaised')).toMatchObject([
      { actor: 'system', data: { itemId: item.id, step: 'shipping.dispatch', attempts: 2, again: false, lineId: line!.id } },
    ]);
    const listed = await listAttention();
    expect(listed.open.find((i) => i.id === item.id)).toMatchObject({
      scenario: 'bookstore',
      customer: 'Ada Reader',
      what: 'Hand the parcel to the courier',
      compensation: null,
      timeline: expect.arrayContaining([expect.objectContaining({ type: 'ShipmentDelayed' })]),
    });

    // Run again while the courier is still down: it fails again and comes back to the list.
    expect(await retryAttentionItem(item.id, staff)).toEqual({ ok: true, value: { status: 'retrying' } });
    expect(await retryAttentionItem(item.id, staff)).toMatchObject({ ok: false, error: { code: 'ATTENTION.NOT_OPEN' } });
    await eventually('raised again', async () => (await timelineOf(orderId, 'AttentionRaised')).length === 2, 30_000);
    expect(await db().attentionItem.findUniqueOrThrow({ where: { id: item.id } })).toMatchObject({ status: 'open', resolvedBy: null });
    expect((await timelineOf(orderId, 'AttentionRaised'))[1]).toMatchObject({ data: { again: true } });

    // The outage is over: run again, and this time it ships; the item resolves itself.
    await courierOutage(false);
    expect(await retryAttentionItem(item.id, staff)).toMatchObject({ ok: true });
    await eventually('delivered', async () => (await linesOf(orderId))[0]?.status === 'delivered', 30_000);
    await eventually(
      'the item resolved',
      async () => (await db().attentionItem.findUniqueOrThrow({ where: { id: item.id } })).status === 'resolved',
    );

    expect(await db().attentionItem.findUniqueOrThrow({ where: { id: item.id } })).toMatchObject({
      resolution: 'retried',
      resolvedBy: 'Sam (ops)',
      resolvedAt: expect.any(Date),
    });
    expect(await timelineOf(orderId, 'StepRetried')).toMatchObject([
      { actor: 'staff', data: { by: 'Sam (ops)', step: 'shipping.dispatch' } },
      { actor: 'staff', data: { by: 'Sam (ops)' } },
    ]);
    expect(await timelineOf(orderId, 'AttentionResolved')).toMatchObject([{ data: { resolution: 'retried' } }]);
    expect((await linesOf(orderId))[0]).toMatchObject({ delayedSince: null });
    expect((await expectLedgerBalances(orderId)).problems).toEqual([]);
    const after = await listAttention();
    expect(after.open.some((i) => i.id === item.id)).toBe(false);
    expect(after.resolved.find((i) => i.id === item.id)).toMatchObject({ resolution: 'retried' });
  });

  it('a person resolves it with a note: the note is on the customer’s timeline, and the item is closed for good', async () => {
    const { orderId, customerId, item } = await stuckShipment('Frankenstein');

    expect(await resolveAttentionItem({ itemId: item.id, note: '   ' }, staff)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fields: { note: expect.any(String) } },
    });
    const note = 'Courier down all day: we are sending it by post tomorrow morning.';
    expect(await resolveAttentionItem({ itemId: item.id, note }, staff)).toEqual({ ok: true, value: { status: 'resolved' } });
    expect(await resolveAttentionItem({ itemId: item.id, note }, staff)).toMatchObject({
      ok: false,
      error: { code: 'ATTENTION.NOT_OPEN' },
    });
    expect(await retryAttentionItem(item.id, staff)).toMatchObject({ ok: false, error: { code: 'ATTENTION.NOT_OPEN' } });

    expect(await db().attentionItem.findUniqueOrThrow({ where: { id: item.id } })).toMatchObject({
      status: 'resolved',
      resolution: 'resolved',
      note,
      resolvedBy: 'Sam (ops)',
    });
    const view = await getOrderRequestView(orderId, customerId);
    expect(view?.timeline.filter((t) => t.type === 'AttentionResolved')).toMatchObject([
      { actor: 'staff', mode: 'async', data: { note, by: 'Sam (ops)', resolution: 'resolved' } },
    ]);
    // The customer still sees the line delayed: nothing pretends it shipped.
    expect(view?.lines[0]).toMatchObject({ status: 'captured', delayedSince: expect.any(String) });
  });
});
