// OrderCancelled → the cashier's compensating action: "toss that order in the bin".
// A ticket nobody started is discarded; a drink being made or ready is tossed (a write-off).
// The reason travels with the event: a declined or timed-out payment, or a drink the shop could
// not make (the customer-facing words, "We ran out of oat milk").
import { loadOrder } from '@/lib/db/orders';
import type { SqlTx } from '@/lib/db/sql-tx';
import { insertTicket, ticketsByOrder } from '@/lib/db/tickets';
import { type Ticket, cancelTicket, openTicket } from '@/lib/domain/coffee/ticket';
import type { Order } from '@/lib/domain/ordering/order';
import { type Decide, StepRefused, changeAggregate, tryChangeAggregate } from '@/lib/outbox/change-aggregate';
import { consumeOnce } from '@/lib/outbox/inbox';
import type { UnitOfWork } from '@/lib/outbox/unit-of-work';
import type { EventJobOf } from '@/lib/queue/topology';

const BARISTA = { mode: 'async', actor: 'barista' } as const;

export async function tossDrinkHandler(job: EventJobOf<'OrderCancelled'>): Promise<void> {
  await consumeOnce('tickets.toss-drink', job.eventId, async (uow) => {
    const order = await loadOrder(uow.tx, job.orderId);
    if (!order) throw new Error(`OrderCancelled for unknown order ${job.orderId}`);
    const reason = reasonOf(job, order);

    const decide: Decide<Ticket> = (ticket, ctx) => cancelTicket(ticket, reason, ctx);
    const tossed = await tryChangeAggregate(uow, ticketsByOrder, order.id, BARISTA, decide);
    if (tossed.ok) return;
    if (tossed.error.code !== 'TICKET.NOT_FOUND') throw new StepRefused(tossed.error);
    // The cancellation overtook OrderPlaced: leave a closed ticket, unless OrderPlaced opened one
    // at this very moment, which is then cancelled like any other.
    if (!(await leaveDiscardedTicket(uow, order, reason))) await changeAggregate(uow, ticketsByOrder, order.id, BARISTA, decide);
  });
}

function reasonOf(job: EventJobOf<'OrderCancelled'>, order: Order): string {
  const { data } = job;
  if (data.reason === 'cannot-make') return data.message;
  if (data.reason === 'payment-timeout' || order.paymentCode === 'TIMEOUT') return 'payment timed out';
  return 'payment declined';
}

/**
 * The cancellation overtook OrderPlaced: leave a discarded ticket, so the late OrderPlaced finds
 * the order closed and opens nothing. If OrderPlaced is opening the ticket at this very moment,
 * our insert waits for it and then finds it taken: that ticket (now visible) is then cancelled
 * like any other. True when the discarded ticket was written here.
 */
async function leaveDiscardedTicket(uow: UnitOfWork<SqlTx>, order: Order, reason: string): Promise<boolean> {
  const drinks = order.lines.map(({ name, size, milk, quantity }) => ({ name, size, milk, quantity }));
  const opened = openTicket({ id: uow.ctx.newId(), orderId: order.id, customerName: order.customerName, drinks, station: 1 }, uow.ctx);
  const closed = cancelTicket(opened.state, reason, uow.ctx);
  if (!(await insertTicket(uow.tx, closed.state))) return false;
  await uow.emit(closed.events, BARISTA);
  return true;
}
