// PaymentApproved → the barista learns the drink is paid for and may hand it over.
import { loadTicketForOrder, saveTicket } from '@/lib/db/tickets';
import { confirmPayment } from '@/lib/domain/coffee/ticket';
import { consumeOnce } from '@/lib/outbox/inbox';
import type { EventJob } from '@/lib/queue/topology';

export class TicketNotOpenedYet extends Error {
  override name = 'TicketNotOpenedYet';
}

export async function confirmTicketPaymentHandler(job: EventJob): Promise<void> {
  await consumeOnce('tickets.confirm-payment', job.eventId, async ({ tx, ctx, touch }) => {
    const ticket = await loadTicketForOrder(tx, job.orderId);
    // Events can overtake each other between queues: retry until OrderPlaced has opened it.
    if (!ticket) throw new TicketNotOpenedYet(`no ticket yet for order ${job.orderId}`);
    const { state, changed } = confirmPayment(ticket, ctx);
    if (!changed) return;
    await saveTicket(tx, ticket.version, state);
    // No subscriber needs this as an event, but the board's Hand over button depends on it.
    touch(job.orderId, 'TicketPaid');
  });
}
