// The barista board's read model: every open ticket, and the most recently closed ones.
import { db } from '../db/client';
import { type Drink, OPEN_STATUSES, type TicketStatus } from '../domain/coffee/ticket';

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
  const [open, closed] = await Promise.all([
    db().baristaTicket.findMany({
      where: { status: { in: [...OPEN_STATUSES] } },
      orderBy: { openedAt: 'asc' },
      take: OPEN_LIMIT,
    }),
    db().baristaTicket.findMany({
      where: { status: { notIn: [...OPEN_STATUSES] } },
      orderBy: { updatedAt: 'desc' },
      take: CLOSED_LIMIT,
    }),
  ]);
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
