// The barista board's read model: every open ticket, and the most recently closed ones.
import { db } from '../db/client';
import { type Drink, OPEN_STATUSES, type TicketStatus } from '../domain/coffee/ticket';

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
}

export interface BoardView {
  open: BoardTicket[];
  recentlyClosed: BoardTicket[];
}

const OPEN_LIMIT = 200;
const CLOSED_LIMIT = 20;

export async function getBoard(): Promise<BoardView> {
  // One indexed query per status ((status, updated_at) index): "the newest closed tickets" must
  // not mean sorting every ticket the shop has ever closed.
  const [open, ...closedByStatus] = await Promise.all([
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
  const view = (t: (typeof open)[number]): BoardTicket => ({
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
  });
  return { open: open.map(view), recentlyClosed: closed.map(view) };
}
