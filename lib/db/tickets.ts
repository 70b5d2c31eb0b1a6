// Loads and saves the barista ticket aggregate, with the same version guard as orders.
import { type Drink, type LastChange, TICKET_EVENT_TYPES, type Ticket, type TicketStatus } from '../domain/coffee/ticket';
import type { Tx } from './client';
import { ConcurrencyConflict } from './errors';
import type { Repository } from './repository';

type Row = Awaited<ReturnType<Tx['baristaTicket']['findUnique']>>;

function toTicket(row: NonNullable<Row>): Ticket {
  return { ...row, status: row.status as TicketStatus, drinks: row.drinks as unknown as Drink[] };
}

export async function loadTicket(tx: Tx, id: string): Promise<Ticket | null> {
  const row = await tx.baristaTicket.findUnique({ where: { id } });
  return row ? toTicket(row) : null;
}

export async function loadTicketForOrder(tx: Tx, orderId: string): Promise<Ticket | null> {
  const row = await tx.baristaTicket.findUnique({ where: { orderId } });
  return row ? toTicket(row) : null;
}

/** Inserts a new ticket; returns false if the order already has one (a redelivered OrderPlaced). */
export async function insertTicket(tx: Tx, ticket: Ticket): Promise<boolean> {
  const { count } = await tx.baristaTicket.createMany({
    data: [{ ...ticket, drinks: ticket.drinks as unknown as object[] }],
    skipDuplicates: true,
  });
  return count === 1;
}

export async function saveTicket(tx: Tx, loadedVersion: number, ticket: Ticket): Promise<void> {
  const { id, drinks: _drinks, orderId: _orderId, ...fields } = ticket;
  const { count } = await tx.baristaTicket.updateMany({ where: { id, version: loadedVersion }, data: fields });
  if (count !== 1) throw new ConcurrencyConflict('ticket', id);
}

/** The newest event the order's ticket raised, and who raised it (for "who changed it?"). */
export async function lastTicketChange(tx: Tx, orderId: string): Promise<LastChange | null> {
  const row = await tx.timelineEntry.findFirst({
    where: { orderId, type: { in: [...TICKET_EVENT_TYPES] } },
    orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }],
    select: { type: true, data: true },
  });
  if (!row) return null;
  const by = (row.data as { by?: unknown } | null)?.by;
  return { type: row.type, by: typeof by === 'string' ? by : undefined };
}

/** The barista ticket aggregate by its own id, for changeAggregate. */
export const tickets: Repository<Ticket> = {
  name: 'ticket',
  load: loadTicket,
  save: (tx, before, after) => saveTicket(tx, before.version, after),
  notFound: () => ({ code: 'TICKET.NOT_FOUND', message: 'There is no such ticket.' }),
};

/** The same aggregate found by its order (one ticket per order): what a coffee event names. */
export const ticketsByOrder: Repository<Ticket> = {
  ...tickets,
  load: loadTicketForOrder,
  notFound: (orderId) => ({ code: 'TICKET.NOT_FOUND', message: `No ticket for order ${orderId}.` }),
};
