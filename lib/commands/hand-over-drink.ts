// The barista hands a ready drink over the counter: one command on the ticket aggregate.
// Refused for an unpaid order (the drink stays on the counter) with a code the board shows.
import { loadTicket, saveTicket } from '../db/tickets';
import { handOver } from '../domain/coffee/ticket';
import type { DomainError } from '../domain/shared/result';
import { transact } from '../outbox/unit-of-work';

export async function handOverDrink(
  ticketId: string,
): Promise<{ ok: true } | { ok: false; error: DomainError }> {
  return transact(async ({ tx, ctx, emit }) => {
    const ticket = await loadTicket(tx, ticketId);
    if (!ticket) return { ok: false, error: { code: 'TICKET.NOT_FOUND', message: 'There is no such ticket.' } };
    const result = handOver(ticket, ctx);
    if (!result.ok) return result;
    if (result.value.changed) {
      await saveTicket(tx, ticket.version, result.value.state);
      await emit(result.value.events, { mode: 'async', actor: 'barista' });
    }
    return { ok: true };
  });
}
