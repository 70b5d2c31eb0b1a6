// The barista board's read model: the stations and their modes, every open ticket, and the most
// recently closed ones — plus whether the shop is out of oat milk, which a barista at a manual
// station has to know before starting an oat drink.
import { config } from '../config';
import { db } from '../db/client';
import { readStations } from '../db/stations';
import type { Station } from '../domain/coffee/station';
import { type Drink, OPEN_STATUSES, type TicketStatus } from '../domain/coffee/ticket';
import { currentSwitches } from '../switches/store';

const CLOSED_STATUSES: readonly TicketStatus[] = ['collected', 'discarded', 'tossed'];

export interface BoardTicket {
  id: string;
  orderId: string;
  customerName: string;
  status: TicketStatus;
  paid: boolean;
  drinks: Drink[];
  openedAt: string;
  startedAt: string | null;
  readyAt: string | null;
  closedAt: string | null;
  version: number;
  station: number;
  /** Drinks spilt or tossed and made again. */
  remakes: number;
}

export interface BoardView {
  stations: Station[];
  open: BoardTicket[];
  recentlyClosed: BoardTicket[];
  outOfOatMilk: boolean;
}

const OPEN_LIMIT = 200;
const CLOSED_LIMIT = 20;

export async function getBoard(): Promise<BoardView> {
  // One indexed query per status ((status, updated_at) index): "the newest closed tickets" must
  // not mean sorting every ticket the shop has ever closed.
  const [stations, switches, open, ...closedByStatus] = await Promise.all([
    readStations(db(), config().BARISTA_STATIONS),
    currentSwitches(),
    db().baristaTicket.findMany({
      where: { status: { in: [...OPEN_STATUSES] } },
      orderBy: { openedAt: 'asc' },
      take: OPEN_LIMIT,
    }),
    ...CLOSED_STATUSES.map((status) =>
      db().baristaTicket.findMany({ where: { status }, orderBy: { updatedAt: 'desc' }, take: CLOSED_LIMIT }),
    ),
  ]);
  const closed = closedByStatus
    .flat()
    .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime())
    .slice(0, CLOSED_LIMIT);
  return {
    stations,
    open: open.map(toBoardTicket),
    recentlyClosed: closed.map(toBoardTicket),
    outOfOatMilk: switches.barista.outOfOatMilk,
  };
}

/** One ticket as the board shows it (the answer to a barista's press through the API). */
export async function getBoardTicket(id: string): Promise<BoardTicket | null> {
  const row = await db().baristaTicket.findUnique({ where: { id } });
  return row ? toBoardTicket(row) : null;
}

type Row = NonNullable<Awaited<ReturnType<ReturnType<typeof db>['baristaTicket']['findUnique']>>>;

function toBoardTicket(t: Row): BoardTicket {
  return {
    id: t.id,
    orderId: t.orderId,
    customerName: t.customerName,
    status: t.status as TicketStatus,
    paid: t.paid,
    drinks: t.drinks as unknown as Drink[],
    openedAt: t.openedAt.toISOString(),
    startedAt: t.startedAt?.toISOString() ?? null,
    readyAt: t.readyAt?.toISOString() ?? null,
    closedAt: t.closedAt?.toISOString() ?? null,
    version: t.version,
    station: t.station,
    remakes: t.remakes,
  };
}
