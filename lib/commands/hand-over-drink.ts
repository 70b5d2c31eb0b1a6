// The barista hands a ready drink over the counter: one command on the ticket aggregate.
// Refused for an unpaid order (the drink stays on the counter) with a code the board shows.
// Handing over is always a person's job, on automatic and manual stations alike.
//
// From the board the press carries the ticket version the barista saw, and is refused with
// TICKET.CHANGED if the ticket moved on meanwhile (see commands/barista/ticket-step.ts). Without
// one (an API client that only knows the ticket), a repeated hand-over is simply a no-op.
import { loadTicket, saveTicket } from '../db/tickets';
import { handOver } from '../domain/coffee/ticket';
import type { DomainError } from '../domain/shared/result';
import { transact } from '../outbox/unit-of-work';
import { pressTicketStep } from './barista/ticket-step';

export async function handOverDrink(
  ticketId: string,
  seen?: { seenVersion: number; by: string },
): Promise<{ ok: true } | { ok: false; error: DomainError }> {
  if (seen) return pressTicketStep({ ticketId, ...seen }, 'handOver', handOver, { onlyByHand: false });
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
