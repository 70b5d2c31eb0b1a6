// Loads and saves the barista ticket aggregate, with the same version guard as orders.
import { type Drink, type LastChange, TICKET_EVENT_TYPES, type Ticket, type TicketStatus } from '../domain/coffee/ticket';
import type { Tx } from './client';
import { Prisma } from './generated/client';
import { type SqlTx, write } from './sql-tx';
import { ConcurrencyConflict } from './errors';
import type { Repository } from './repository';

interface Row {
  id: string;
  order_id: string;
  customer_name: string;
  status: string;
  paid: boolean;
  version: number;
  drinks: unknown;
  opened_at: Date;
  started_at: Date | null;
  ready_at: Date | null;
  closed_at: Date | null;
  updated_at: Date;
  station: number;
  remakes: number;
}

function toTicket(row: Row): Ticket {
  return {
    id: row.id,
    orderId: row.order_id,
    customerName: row.customer_name,
    status: row.status as TicketStatus,
    paid: row.paid,
    version: row.version,
    drinks: row.drinks as Drink[],
    openedAt: row.opened_at,
    startedAt: row.started_at,
    readyAt: row.ready_at,
    closedAt: row.closed_at,
    updatedAt: row.updated_at,
    station: row.station,
    remakes: row.remakes,
  };
}

// Loads are raw SQL too: every step behind the counter starts with one, and Prisma's own path costs
// the worker several times the CPU of the query itself.
export async function loadTicket(tx: SqlTx, id: string): Promise<Ticket | null> {
  const [row] = await tx.$queryRaw<Row[]>`SELECT * FROM barista_tickets WHERE id = ${id}::uuid`;
  return row ? toTicket(row) : null;
}

export async function loadTicketForOrder(tx: SqlTx, orderId: string): Promise<Ticket | null> {
  const [row] = await tx.$queryRaw<Row[]>`SELECT * FROM barista_tickets WHERE order_id = ${orderId}::uuid`;
  return row ? toTicket(row) : null;
}

// The writes are raw SQL: they run on every step behind the counter, and Prisma's createMany is
// compiled afresh on each call by its WebAssembly query compiler (CPU the worker spends per job).

/** Inserts a new ticket; returns false if the order already has one (a redelivered OrderPlaced). */
export async function insertTicket(tx: SqlTx, t: Ticket): Promise<boolean> {
  const count = await tx.$executeRaw`
    INSERT INTO barista_tickets (id, order_id, customer_name, status, paid, version, drinks, opened_at, started_at,
                                 ready_at, closed_at, updated_at, station, remakes)
    VALUES (${t.id}::uuid, ${t.orderId}::uuid, ${t.customerName}, ${t.status}, ${t.paid}, ${t.version},
            ${JSON.stringify(t.drinks)}::jsonb, ${t.openedAt}::timestamptz, ${t.startedAt}::timestamptz,
            ${t.readyAt}::timestamptz, ${t.closedAt}::timestamptz, ${t.updatedAt}::timestamptz, ${t.station}, ${t.remakes})
    ON CONFLICT DO NOTHING`;
  return count === 1;
}

/**
 * Writes every field but the id, the order and the drinks (which never change), if still at
 * `loadedVersion`: held back in a plain-SQL transaction until its next statement (lib/db/sql-tx.ts).
 */
export async function saveTicket(tx: SqlTx, loadedVersion: number, t: Ticket): Promise<void> {
  await write(tx, {
    sql: Prisma.sql`
      UPDATE barista_tickets
         SET customer_name = ${t.customerName}, status = ${t.status}, paid = ${t.paid}, version = ${t.version},
             opened_at = ${t.openedAt}::timestamptz, started_at = ${t.startedAt}::timestamptz,
             ready_at = ${t.readyAt}::timestamptz, closed_at = ${t.closedAt}::timestamptz,
             updated_at = ${t.updatedAt}::timestamptz, station = ${t.station}, remakes = ${t.remakes}
       WHERE id = ${t.id}::uuid AND version = ${loadedVersion}`,
    expect: { rows: 1, otherwise: () => new ConcurrencyConflict('ticket', t.id) },
  });
}

/** A step taken on the drink itself: TicketPaid is news from the cashier, not somebody's hands. */
const DRINK_STEPS = TICKET_EVENT_TYPES.filter((type) => type !== 'TicketPaid');

/** The newest step the order's ticket took, and who took it (for "who changed it?"). */
export async function lastTicketChange(tx: Tx, orderId: string): Promise<LastChange | null> {
  const row = await tx.timelineEntry.findFirst({
    where: { orderId, type: { in: DRINK_STEPS } },
    orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }],
    select: { type: true, data: true },
  });
  if (!row) return null;
  const by = (row.data as { by?: unknown } | null)?.by;
  return { type: row.type, by: typeof by === 'string' ? by : undefined };
}

/** The barista ticket aggregate by its own id, for changeAggregate. */
export const tickets: Repository<Ticket, string, SqlTx> = {
  name: 'ticket',
  load: loadTicket,
  save: (tx, before, after) => saveTicket(tx, before.version, after),
  notFound: () => ({ code: 'TICKET.NOT_FOUND', message: 'There is no such ticket.' }),
};

/** The same aggregate found by its order (one ticket per order): what a coffee event names. */
export const ticketsByOrder: Repository<Ticket, string, SqlTx> = {
  ...tickets,
  load: loadTicketForOrder,
  notFound: (orderId) => ({ code: 'TICKET.NOT_FOUND', message: `No ticket for order ${orderId}.` }),
};
