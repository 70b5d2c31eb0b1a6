// The barista hands a ready drink over the counter: one command on the ticket aggregate.
// Refused for an unpaid order (the drink stays on the counter) with a code the board shows.
// Handing over is always a person's job, on automatic and manual stations alike.
//
// From the board the press carries the ticket version the barista saw, and is refused with
// TICKET.CHANGED if the ticket moved on meanwhile (see commands/barista/ticket-step.ts). Without
// one (an API client that only knows the ticket), a repeated hand-over is simply a no-op.
import { tickets } from '../db/tickets';
import { handOver } from '../domain/coffee/ticket';
import { type Result, ok } from '../domain/shared/result';
import { tryChangeAggregate } from '../outbox/change-aggregate';
import { transact } from '../outbox/unit-of-work';
import { pressTicketStep } from './barista/ticket-step';

export async function handOverDrink(ticketId: string, seen?: { seenVersion: number; by: string }): Promise<Result<void>> {
  if (seen) return pressTicketStep({ ticketId, ...seen }, 'handOver', handOver, { onlyByHand: false });
  return transact(async (uow) => {
    const handed = await tryChangeAggregate(uow, tickets, ticketId, { mode: 'async', actor: 'barista' }, (ticket, ctx) =>
      handOver(ticket, ctx),
    );
    return handed.ok ? ok(undefined) : handed;
  });
}
