// A coffee order recorded the way the counter records it — the order (payment pending) and its
// OrderPlaced in one transaction — without the HTTP edge or the card network, for tests that drive
// the handlers behind the counter by hand. The event is returned as the job a worker would run.
import { insertOrder } from '../../lib/db/orders';
import { placeOrder } from '../../lib/domain/ordering/order';
import { transact } from '../../lib/outbox/unit-of-work';
import { eventJob } from './event-jobs';
import { newCustomer } from './shop';

export async function recordPlacedOrder(customerName: string, quantity = 1) {
  return transact(async ({ tx, ctx, emit }) => {
    const { state, events } = placeOrder(
      {
        id: ctx.newId(),
        scenario: 'coffee',
        customerId: newCustomer().customerId,
        customerName,
        lines: [{ itemId: 'latte', name: 'Latte', size: 'M', milk: 'whole', quantity, unitPriceCents: 420 }],
        cardLast4: '4242',
        paymentTimeoutMs: 60_000,
      },
      ctx,
    );
    await insertOrder(tx, state);
    await emit(events, { mode: 'sync', actor: 'customer' });
    return { order: state, job: eventJob('OrderPlaced', events[0]!) };
  });
}
