// A barista's button press on one ticket: one transaction on the ticket aggregate plus its outbox
// rows, guarded twice against acting on an out-of-date board. The press carries the version of
// the ticket the barista was looking at; if the ticket has moved on since (another barista
// pressed first, the machine finished it, the order was cancelled), nothing is written and the
// answer is TICKET.CHANGED, saying who or what changed it. Two presses racing each other both
// pass that check, but only one save passes saveTicket's version guard; the other transaction
// retries, reloads, and is refused the same way.
import { lastTicketChange, tickets } from '../../db/tickets';
import { stationModeForShare } from '../../db/stations';
import { type BaristaStep, type Ticket, type TicketErrorCode, checkSeen } from '../../domain/coffee/ticket';
import type { Context, Transition } from '../../domain/shared/events';
import { type Result, fail, ok } from '../../domain/shared/result';
import { tryChangeAggregate } from '../../outbox/change-aggregate';
import { transact } from '../../outbox/unit-of-work';

export interface TicketPress {
  ticketId: string;
  /** The ticket's version as the barista saw it. */
  seenVersion: number;
  /** The signed-in barista's name: recorded on the event, and used to say "you" in a refusal. */
  by: string;
}

/** Done (nothing to say: the board reloads the ticket), or refused with a TICKET.* or STATION.* code. */
export type StepAnswer = Result<void>;

type Decide = (ticket: Ticket, ctx: Context, by: string) => Result<Transition<Ticket>, TicketErrorCode>;

export async function pressTicketStep(
  press: TicketPress,
  step: BaristaStep,
  decide: Decide,
  { onlyByHand }: { onlyByHand: boolean },
): Promise<StepAnswer> {
  return transact(async (uow) => {
    const pressed = await tryChangeAggregate(uow, tickets, press.ticketId, { mode: 'async', actor: 'barista' }, async (ticket, ctx) => {
      if (ticket.version !== press.seenVersion) {
        const seen = checkSeen(ticket, press.seenVersion, step, await lastTicketChange(uow.tx, ticket.orderId), press.by);
        if (!seen.ok) return seen;
      }
      // Making drinks is the machine's job on an automatic station; handing them over never is.
      if (onlyByHand && (await stationModeForShare(uow.tx, ticket.station)) === 'auto') {
        return fail(
          'STATION.AUTOMATIC',
          `Station ${ticket.station} is automatic: the machine makes this drink. Switch the station to manual to make it by hand.`,
        );
      }
      return decide(ticket, ctx, press.by);
    });
    return pressed.ok ? ok(undefined) : pressed;
  });
}
