// OrderCancelled → the cashier's compensating action: "toss that order in the bin".
// A ticket nobody started is discarded; a drink being made or ready is tossed (a write-off).
import { randomUUID } from 'node:crypto';
import { loadOrder } from '@/lib/db/orders';
import { insertTicket, loadTicketForOrder, saveTicket } from '@/lib/db/tickets';
import { cancelTicket, openTicket } from '@/lib/domain/coffee/ticket';
import { consumeOnce } from '@/lib/outbox/inbox';
import type { EventJob } from '@/lib/queue/topology';

export async function tossDrinkHandler(job: EventJob): Promise<void> {
  await consumeOnce('tickets.toss-drink', job.eventId, async ({ tx, ctx, emit }) => {
    const order = await loadOrder(tx, job.orderId);
    if (!order) throw new Error(`OrderCancelled for unknown order ${job.orderId}`);
    const reason = order.paymentCode === 'TIMEOUT' ? 'payment timed out' : 'payment declined';
    const ticket = await loadTicketForOrder(tx, job.orderId);
    if (ticket) {
      const { state, events, changed } = cancelTicket(ticket, reason, ctx);
      if (changed) {
        await saveTicket(tx, ticket.version, state);
        await emit(events, { mode: 'async', actor: 'barista' });
      }
      return;
    }
    // The cancellation overtook OrderPlaced: leave a discarded ticket so the late OrderPlaced
    // finds the order already closed and opens nothing.
    const drinks = order.lines.map(({ name, size, milk, quantity }) => ({ name, size, milk, quantity }));
    const opened = openTicket({ id: randomUUID(), orderId: order.id, customerName: order.customerName, drinks }, ctx);
    const closed = cancelTicket(opened.state, reason, ctx);
    if (await insertTicket(tx, closed.state)) await emit(closed.events, { mode: 'async', actor: 'barista' });
  });
}
