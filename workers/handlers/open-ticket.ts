// OrderPlaced → the barista gets a ticket. Runs before the payment is known, on purpose: the
// barista may start the drink while the customer is still paying. The ticket goes to the least
// busy espresso station.
import { config } from '@/lib/config';
import { loadOrder } from '@/lib/db/orders';
import { leastBusyStation } from '@/lib/db/stations';
import { insertTicket } from '@/lib/db/tickets';
import { openTicket } from '@/lib/domain/coffee/ticket';
import { consumeOnce } from '@/lib/outbox/inbox';
import type { EventJobOf } from '@/lib/queue/topology';

export async function openTicketHandler(job: EventJobOf<'OrderPlaced'>): Promise<void> {
  await consumeOnce(
    'tickets.open-ticket',
    job.eventId,
    async ({ tx, ctx, emit }) => {
      // Reading the order is fine (it is the event's source of truth); changing it is not.
      const order = await loadOrder(tx, job.orderId);
      if (!order) throw new Error(`OrderPlaced for unknown order ${job.orderId}`);
      const { state, events } = openTicket(
        {
          id: ctx.newId(),
          orderId: order.id,
          customerName: order.customerName,
          drinks: order.lines.map(({ name, size, milk, quantity }) => ({ name, size, milk, quantity })),
          station: await leastBusyStation(tx, config().BARISTA_STATIONS),
        },
        ctx,
      );
      // A cancellation may have beaten us here and left a closed ticket; then there is nothing to open.
      if (await insertTicket(tx, state)) await emit(events, { mode: 'async', actor: 'barista' });
      // One at a time with the order's PaymentApproved, which would otherwise look for this ticket before it exists.
    },
    { oneAtATimePer: job.orderId },
  );
}
