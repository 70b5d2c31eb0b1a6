// Espresso stations: their mode (rows made on demand; no row means automatic), which one gets a
// new ticket, and what is still waiting at one.
import { DEFAULT_STATION_MODE, type Station, type StationMode, WAITING_STATUSES, stationIds } from '../domain/coffee/station';
import type { Drink, TicketStatus } from '../domain/coffee/ticket';
import type { Db, Tx } from './client';
import type { SqlTx } from './sql-tx';

const asMode = (mode: string | undefined): StationMode => (mode === 'manual' ? 'manual' : DEFAULT_STATION_MODE);

/** Every station 1..count with its mode. */
export async function readStations(client: Db | Tx, count: number): Promise<Station[]> {
  const ids = stationIds(count);
  const rows = await client.baristaStation.findMany({ where: { id: { in: ids } } });
  const byId = new Map(rows.map((r) => [r.id, r.mode]));
  return ids.map((id) => ({ id, mode: asMode(byId.get(id)) }));
}

/**
 * A station's mode, read under a share lock: a mode change (which updates the row) waits for us
 * to commit, and we wait for it. So the brewing worker either decides before a switch — and the
 * switch then sees the ticket it left waiting — or after it, and sees the new mode.
 */
export async function stationModeForShare(tx: SqlTx, id: number): Promise<StationMode> {
  const rows = await tx.$queryRaw<{ mode: string }[]>`SELECT mode FROM barista_stations WHERE id = ${id} FOR SHARE`;
  return asMode(rows[0]?.mode);
}

/** Locks the station's row (if it has one) and returns its mode: the start of a mode change. */
export async function lockStation(tx: SqlTx, id: number): Promise<Station> {
  const rows = await tx.$queryRaw<{ mode: string }[]>`SELECT mode FROM barista_stations WHERE id = ${id} FOR UPDATE`;
  return { id, mode: asMode(rows[0]?.mode) };
}

export async function saveStation(tx: Tx, station: Station, now: Date): Promise<void> {
  await tx.baristaStation.upsert({
    where: { id: station.id },
    create: { id: station.id, mode: station.mode, updatedAt: now },
    update: { mode: station.mode, updatedAt: now },
  });
}

/** Tickets still to be made at a station (queued, or started by hand). */
export async function waitingAt(tx: Tx, id: number): Promise<{ id: string; orderId: string; status: TicketStatus; drinks: Drink[] }[]> {
  const rows = await tx.baristaTicket.findMany({
    where: { station: id, status: { in: [...WAITING_STATUSES] } },
    select: { id: true, orderId: true, status: true, drinks: true },
    orderBy: { openedAt: 'asc' },
  });
  return rows.map((r) => ({ ...r, status: r.status as TicketStatus, drinks: r.drinks as unknown as Drink[] }));
}

/**
 * The least busy station: the fewest tickets still to make (queued, or being made), ties to the
 * lowest number. A drink ready on the counter is made; it does not keep a station busy, and
 * counting those (nobody may ever collect them) made this query slower with every order. One
 * query; two tickets opening at the same moment may both pick the same station, which only makes
 * the balance approximate.
 */
export async function leastBusyStation(tx: SqlTx, count: number): Promise<number> {
  // Counted from the (status, updated_at) index: the tickets still to make are the work in hand.
  const rows = await tx.$queryRaw<{ id: number }[]>`
    SELECT s.id
      FROM generate_series(1, ${count}::int) AS s(id)
      LEFT JOIN (SELECT station, count(*) AS n
                   FROM barista_tickets
                  WHERE status = ANY(${[...WAITING_STATUSES]}::text[])
                  GROUP BY station) AS busy ON busy.station = s.id
     ORDER BY coalesce(busy.n, 0), s.id
     LIMIT 1`;
  return rows[0]?.id ?? 1;
}
