// OrderCancelled → the cashier's compensating action: "toss that order in the bin".
// A ticket nobody started is discarded; a drink being made or ready is tossed (a write-off).
// The reason travels with the event: a declined or timed-out payment, or a drink the shop could
// not make (the customer-facing words, "We ran out of oat milk").
import { loadOrder } from '@/lib/db/orders';
import { insertTicket, loadTicketForOrder, saveTicket } from '@/lib/db/tickets';
import { type Ticket, cancelTicket, openTicket } from '@/lib/domain/coffee/ticket';
import type { Order } from '@/lib/domain/ordering/order';
import { consumeOnce } from '@/lib/outbox/inbox';
import type { UnitOfWork } from '@/lib/outbox/unit-of-work';
import type { EventJob } from '@/lib/queue/topology';

export async function tossDrinkHandler(job: EventJob): Promise<void> {
  await consumeOnce('tickets.toss-drink', job.eventId, async (uow) => {
    const order = await loadOrder(uow.tx, job.orderId);
    if (!order) throw new Error(`OrderCancelled for unknown order ${job.orderId}`);
    const reason = reasonOf(job, order);

    const ticket = (await loadTicketForOrder(uow.tx, order.id)) ?? (await leaveDiscardedTicket(uow, order, reason));
    if (!ticket) return;
    const { state, events, changed } = cancelTicket(ticket, reason, uow.ctx);
    if (!changed) return;
    await saveTicket(uow.tx, ticket.version, state);
    await uow.emit(events, { mode: 'async', actor: 'barista' });
  });
}

function reasonOf(job: EventJob, order: Order): string {
  const data = job.data ?? {};
  if (data.reason === 'cannot-make') return typeof data.message === 'string' ? data.message : 'could not be made';
  if (data.reason === 'payment-timeout' || order.paymentCode === 'TIMEOUT') return 'payment timed out';
  return 'payment declined';
}

/**
 * The cancellation overtook OrderPlaced: leave a discarded ticket, so the late OrderPlaced finds
 * the order closed and opens nothing. If OrderPlaced is opening the ticket at this very moment,
 * our insert waits for it and then finds it taken: the ticket it returns (now visible) is then
 * cancelled like any other. Returns null when the discarded ticket was written here.
 */
async function leaveDiscardedTicket(uow: UnitOfWork, order: Order, reason: string): Promise<Ticket | null> {
  const drinks = order.lines.map(({ name, size, milk, quantity }) => ({ name, size, milk, quantity }));
  const opened = openTicket({ id: uow.ctx.newId(), orderId: order.id, customerName: order.customerName, drinks, station: 1 }, uow.ctx);
  const closed = cancelTicket(opened.state, reason, uow.ctx);
  if (await insertTicket(uow.tx, closed.state)) {
    await uow.emit(closed.events, { mode: 'async', actor: 'barista' });
    return null;
  }
  const existing = await loadTicketForOrder(uow.tx, order.id);
  if (!existing) throw new Error(`ticket for order ${order.id} neither inserted nor found`);
  return existing;
}

