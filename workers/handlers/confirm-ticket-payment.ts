// PaymentApproved → the barista learns the drink is paid for and may hand it over. The ticket
// raises TicketPaid, which the board hears: the Hand over button of a ready drink comes alive.
import { ticketsByOrder } from '@/lib/db/tickets';
import { confirmPayment } from '@/lib/domain/coffee/ticket';
import { changeAggregate } from '@/lib/outbox/change-aggregate';
import { consumeOnce } from '@/lib/outbox/inbox';
import type { EventJobOf } from '@/lib/queue/topology';

export class TicketNotOpenedYet extends Error {
  override name = 'TicketNotOpenedYet';
}

export async function confirmTicketPaymentHandler(job: EventJobOf<'PaymentApproved'>): Promise<void> {
  await consumeOnce(
    'tickets.confirm-payment',
    job.eventId,
    (uow) =>
      changeAggregate(uow, ticketsByOrder, job.orderId, { mode: 'async', actor: 'barista' }, confirmPayment, {
        // Events can overtake each other between queues: retry until OrderPlaced has opened it.
        missing: (orderId) => new TicketNotOpenedYet(`no ticket yet for order ${orderId}`),
      }),
    // Waits for an OrderPlaced of this order being handled right now, instead of failing and backing off.
    { oneAtATimePer: job.orderId },
  );
}
