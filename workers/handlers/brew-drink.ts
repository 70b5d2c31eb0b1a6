// TicketOpened (or TicketHandedToMachine, when a station is switched back to the machine) → the
// machine makes the drink: queued → making, wait the preparation time, ready. Only on an automatic
// station: on a manual one the job does nothing and completes — a barista works the ticket by hand.
//
// This job can be interrupted (the worker process dies mid-drink) and run again elsewhere, or run
// twice at once after a stall. Starting is a no-op once started, and the preparation already spent
// is not spent again; finishing commits with this event's processed-message row, so the drink is
// made once. A drink tossed meanwhile (payment declined) is not finished.
//
// What can go wrong behind the counter (lib/switches): preparation takes `slowness` times longer;
// a finished drink is spilt with probability `spillRate` — the spill is recorded (the ticket goes
// back to the queue, remakes + 1, DrinkSpilled) and the job fails with a transient error, so
// BullMQ's retry starts the drink over from the queue; and a drink with oat milk cannot be started
// when the shop is out of it — a permanent failure, whose consequences are the step's exhaustion
// policy's business. A spill is recorded only on the very drink this run started (same startedAt),
// so two copies of the job cannot spill one drink twice, and nothing is marked processed until a
// drink is actually finished, so the remake is never mistaken for a duplicate. A ticket left to a
// barista at a manual station is consumed too (recorded at once): the event asked for nothing more
// of the machine, and the reconciler would otherwise take it for lost. If the station goes back
// to the machine, its TicketHandedToMachine event, a new event, has the machine make the drink.
import { config } from '@/lib/config';
import { stationModeForShare } from '@/lib/db/stations';
import { tickets } from '@/lib/db/tickets';
import { type Ticket, drinkCount, finishDrink, needsOatMilk, spillDrink, startDrink } from '@/lib/domain/coffee/ticket';
import { unchanged } from '@/lib/domain/shared/events';
import { changeAggregate, tryChangeAggregate } from '@/lib/outbox/change-aggregate';
import { markProcessed } from '@/lib/outbox/inbox';
import { transactSql } from '@/lib/outbox/unit-of-work';
import { PermanentStepError, TransientStepError } from '@/lib/queue/errors';
import type { EventJobOf } from '@/lib/queue/topology';
import { currentSwitches } from '@/lib/switches/store';

const CONSUMER = 'brewing.brew-drink';
const BARISTA = { mode: 'async', actor: 'barista' } as const;
/** Someone else sending the drink back to the queue while we make it, this often in one job: let BullMQ back off. */
const MAX_ROUNDS = 5;

export async function brewDrinkHandler(job: EventJobOf<'TicketOpened' | 'TicketHandedToMachine'>): Promise<void> {
  const ticketId = job.aggregateId;
  for (let round = 1; ; round++) {
    const begun = await begin(ticketId, job.eventId);
    if (begun.kind === 'left-to-barista') return;
    if (begun.kind === 'making') {
      const startedAt = begun.ticket.startedAt!;
      await prepare(begun.ticket, startedAt);
      if (Math.random() < (await currentSwitches()).barista.spillRate && (await spill(ticketId, startedAt))) {
        throw new TransientStepError('SPILLED', `Spilt ${begun.ticket.customerName}'s drink; making it again.`);
      }
    }
    if ((await finish(job.eventId, ticketId, begun.ticket.startedAt)) === 'done') return;
    // The drink went back to the queue, or someone else is making it now: decide again.
    if (round >= MAX_ROUNDS) throw new TransientStepError('REMAKE_PENDING', `Ticket ${ticketId} keeps changing hands.`);
  }
}

type Begun = { kind: 'left-to-barista' } | { kind: 'making' | 'past-making'; ticket: Ticket };

/** Starts the drink if it is the machine's to make (a no-op if it is already being made). */
async function begin(ticketId: string, eventId: string): Promise<Begun> {
  const switches = await currentSwitches(); // read outside the transaction: it uses its own connection
  return transactSql(async (uow) => {
    let kind = 'making' as Begun['kind'];
    const { state } = await changeAggregate(
      uow,
      tickets,
      ticketId,
      BARISTA,
      async (current, ctx) => {
        if (current.status !== 'queued' && current.status !== 'making') {
          kind = 'past-making';
          return unchanged(current);
        }
        if ((await stationModeForShare(uow.tx, current.station)) === 'manual') {
          kind = 'left-to-barista';
          return unchanged(current);
        }
        if (current.status === 'queued' && switches.barista.outOfOatMilk && needsOatMilk(current)) {
          throw new PermanentStepError('OUT_OF_OAT_MILK', 'We ran out of oat milk');
        }
        return startDrink(current, ctx);
      },
      { missing: (id) => new Error(`no ticket ${id} to make`) },
    );
    if (kind !== 'left-to-barista') return { kind, ticket: state };
    await markProcessed(uow.tx, CONSUMER, eventId, uow.ctx.now);
    return { kind };
  });
}

/** Waits out what is left of the preparation time, counted from when the drink was started. */
async function prepare(ticket: Ticket, startedAt: Date): Promise<void> {
  const { slowness } = (await currentSwitches()).barista;
  const prepMs = config().PREP_MS_PER_DRINK * drinkCount(ticket) * slowness;
  const remaining = startedAt.getTime() + prepMs - Date.now();
  if (remaining > 0) await new Promise((r) => setTimeout(r, remaining));
}

/** Records the spill of the drink started at `startedAt`; false if that drink is no longer there. */
async function spill(ticketId: string, startedAt: Date): Promise<boolean> {
  return transactSql(async (uow) => {
    const spilt = await changeAggregate(uow, tickets, ticketId, BARISTA, (current, ctx) =>
      isTheDrink(current, startedAt) ? spillDrink(current, ctx) : unchanged(current),
    );
    return spilt.changed;
  });
}

/**
 * Finishes the drink started at `startedAt`, once per event. 'again' when it is not that drink any
 * more — back in the queue (spilt by another run, tossed by a barista) or restarted since.
 */
async function finish(eventId: string, ticketId: string, startedAt: Date | null): Promise<'done' | 'again'> {
  return transactSql(async (uow) => {
    let again = false as boolean;
    const finished = await tryChangeAggregate(uow, tickets, ticketId, BARISTA, (current, ctx) => {
      again = current.status === 'queued' || (current.status === 'making' && !isTheDrink(current, startedAt));
      // Past making (ready, or closed): finishDrink is a no-op, and the event is consumed below.
      return again ? unchanged(current) : finishDrink(current, ctx);
    });
    if (!finished.ok) return 'done'; // no ticket to finish
    if (again) return 'again';
    // Committed with the finished drink: a second copy of this job finds the drink ready, or
    // waits on this row's unique index and then does the same.
    await markProcessed(uow.tx, CONSUMER, eventId, uow.ctx.now);
    return 'done';
  });
}

/** Whether the ticket is still being made as the drink started at `startedAt`. */
function isTheDrink(ticket: Ticket, startedAt: Date | null): boolean {
  return ticket.status === 'making' && ticket.startedAt?.getTime() === startedAt?.getTime();
}
