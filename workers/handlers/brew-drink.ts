// TicketOpened → the barista makes the drink: queued → making, wait the preparation time, ready.
//
// This job can be interrupted (the worker process dies mid-drink) and run again elsewhere, or run
// twice at once after a stall. Starting is a no-op once started, and the preparation already spent
// is not spent again; finishing commits with this event's processed-message row, so the drink is
// made once. A drink tossed meanwhile (payment declined) is not finished.
import { config } from '@/lib/config';
import { loadTicket, saveTicket } from '@/lib/db/tickets';
import { drinkCount, finishDrink, startDrink } from '@/lib/domain/coffee/ticket';
import { consumeOnce } from '@/lib/outbox/inbox';
import { transact } from '@/lib/outbox/unit-of-work';
import type { EventJob } from '@/lib/queue/topology';

export async function brewDrinkHandler(job: EventJob): Promise<void> {
  const ticketId = job.aggregateId;
  const ticket = await transact(async ({ tx, ctx, emit }) => {
    const current = await loadTicket(tx, ticketId);
    if (!current) throw new Error(`TicketOpened for unknown ticket ${ticketId}`);
    const { state, events, changed } = startDrink(current, ctx);
    if (changed) {
      await saveTicket(tx, current.version, state);
      await emit(events, { mode: 'async', actor: 'barista' });
    }
    return state;
  });

  if (ticket.status === 'making' && ticket.startedAt) {
    const prepMs = config().PREP_MS_PER_DRINK * drinkCount(ticket);
    const remaining = ticket.startedAt.getTime() + prepMs - Date.now();
    if (remaining > 0) await new Promise((r) => setTimeout(r, remaining));
  }

  await consumeOnce('brewing.brew-drink', job.eventId, async ({ tx, ctx, emit }) => {
    const current = await loadTicket(tx, ticketId);
    if (!current) return;
    const { state, events, changed } = finishDrink(current, ctx);
    if (changed) {
      await saveTicket(tx, current.version, state);
      await emit(events, { mode: 'async', actor: 'barista' });
    }
  });
}
