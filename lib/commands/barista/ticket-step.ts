// A barista's button press on one ticket: one transaction on the ticket aggregate plus its outbox
// rows, guarded twice against acting on an out-of-date board. The press carries the version of
// the ticket the barista was looking at; if the ticket has moved on since (another barista
// pressed first, the machine finished it, the order was cancelled), nothing is written and the
// answer is TICKET.CHANGED, saying who or what changed it. Two presses racing each other both
// pass that check, but only one save passes saveTicket's version guard; the other transaction
// retries, reloads, and is refused the same way.
import { loadTicket, lastTicketChange, saveTicket } from '../../db/tickets';
import { stationModeForShare } from '../../db/stations';
import { type BaristaStep, type Ticket, type TicketErrorCode, checkSeen } from '../../domain/coffee/ticket';
import type { Context, Transition } from '../../domain/shared/events';
import type { DomainError, Result } from '../../domain/shared/result';
import { transact } from '../../outbox/unit-of-work';

export interface TicketPress {
  ticketId: string;
  /** The ticket's version as the barista saw it. */
  seenVersion: number;
  /** The signed-in barista's name: recorded on the event, and used to say "you" in a refusal. */
  by: string;
}

export type StepAnswer = { ok: true } | { ok: false; error: DomainError };

type Decide = (ticket: Ticket, ctx: Context, by: string) => Result<Transition<Ticket>, TicketErrorCode>;

export async function pressTicketStep(
  press: TicketPress,
  step: BaristaStep,
  decide: Decide,
  { onlyByHand }: { onlyByHand: boolean },
): Promise<StepAnswer> {
  return transact(async ({ tx, ctx, emit }) => {
    const ticket = await loadTicket(tx, press.ticketId);
    if (!ticket) return { ok: false, error: { code: 'TICKET.NOT_FOUND', message: 'There is no such ticket.' } };

    if (ticket.version !== press.seenVersion) {
      const seen = checkSeen(ticket, press.seenVersion, step, await lastTicketChange(tx, ticket.orderId), press.by);
      if (!seen.ok) return seen;
    }

    // Making drinks is the machine's job on an automatic station; handing them over never is.
    if (onlyByHand && (await stationModeForShare(tx, ticket.station)) === 'auto') {
      return {
        ok: false,
        error: {
          code: 'STATION.AUTOMATIC',
          message: `Station ${ticket.station} is automatic: the machine makes this drink. Switch the station to manual to make it by hand.`,
        },
      };
    }

    const result = decide(ticket, ctx, press.by);
    if (!result.ok) return result;
    if (result.value.changed) {
      await saveTicket(tx, ticket.version, result.value.state);
      await emit(result.value.events, { mode: 'async', actor: 'barista' });
    }
    return { ok: true };
  });
}
