// The order page's read model: the order, what the barista is doing with it, and its timeline.
// Plain selects shaped for the page; nothing here enforces a rule.
import { db } from '../db/client';
import type { Drink, TicketStatus } from '../domain/coffee/ticket';
import type { OrderStatus } from '../domain/ordering/order';

export interface OrderView {
  id: string;
  scenario: string;
  status: OrderStatus;
  version: number;
  customerName: string;
  totalCents: number;
  cardLast4: string | null;
  paymentCode: string | null;
  paymentDeadline: string;
  createdAt: string;
  lines: {
    id: string;
    itemId: string;
    name: string;
    size: string;
    milk: string | null;
    quantity: number;
    unitPriceCents: number;
    lineTotalCents: number;
  }[];
  barista: {
    ticketId: string;
    status: TicketStatus;
    paid: boolean;
    drinks: Drink[];
    openedAt: string;
    startedAt: string | null;
    readyAt: string | null;
    closedAt: string | null;
    /** Drinks spilt and made again: a ticket given up after remakes was made, not "nothing made". */
    remakes: number;
  } | null;
  /** Why a cancelled order was cancelled, from its OrderCancelled event; null while it is not. */
  cancellation: Cancellation | null;
  /** Money given back to the card (a refund after the fact), or null if none. */
  refund: { amountCents: number; at: string } | null;
  timeline: TimelineItem[];
  /** Changes whenever anything on the page would change; clients keep the newest. */
  revision: number;
}

export type Cancellation =
  | { reason: 'payment-declined' | 'payment-timeout' }
  /** The shop could not make it: what the customer is told, and what is owed back. */
  | { reason: 'cannot-make'; code: string; message: string; refundCents: number };

/** What the order stream sends: the whole view, and when the change it shows was committed. */
export interface OrderStreamEvent {
  order: OrderView;
  /** Epoch ms of the (oldest) commit this event reports; null for the snapshot sent on open. */
  committedAt: number | null;
}

export interface TimelineItem {
  id: string;
  type: string;
  mode: 'sync' | 'async';
  actor: string;
  at: string;
  data: Record<string, unknown>;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The order as its owner sees it, or null if it does not exist or belongs to someone else. */
export async function getOrderView(orderId: string, customerId: string): Promise<OrderView | null> {
  const order = await db().order.findFirst({
    where: { id: orderId, customerId },
    include: { lines: { orderBy: { position: 'asc' } } },
  });
  if (!order) return null;
  const [ticket, timeline] = await Promise.all([db().baristaTicket.findUnique({ where: { orderId } }), timelineOf(orderId)]);
  return {
    id: order.id,
    scenario: order.scenario,
    status: order.status as OrderStatus,
    version: order.version,
    customerName: order.customerName,
    totalCents: order.totalCents,
    cardLast4: order.cardLast4,
    paymentCode: order.paymentCode,
    paymentDeadline: order.paymentDeadline.toISOString(),
    createdAt: order.createdAt.toISOString(),
    lines: order.lines.map((l) => ({
      id: l.id,
      itemId: l.itemId,
      name: l.name,
      size: l.size,
      milk: l.milk,
      quantity: l.quantity,
      unitPriceCents: l.unitPriceCents,
      lineTotalCents: l.unitPriceCents * l.quantity,
    })),
    barista: ticket && {
      ticketId: ticket.id,
      status: ticket.status as TicketStatus,
      paid: ticket.paid,
      drinks: ticket.drinks as unknown as Drink[],
      openedAt: ticket.openedAt.toISOString(),
      startedAt: iso(ticket.startedAt),
      readyAt: iso(ticket.readyAt),
      closedAt: iso(ticket.closedAt),
      remakes: ticket.remakes,
    },
    cancellation: order.status === 'cancelled' ? cancellationIn(timeline) : null,
    refund: refundIn(timeline),
    timeline,
    revision: order.version * 1_000 + (ticket?.version ?? 0) + timeline.length * 1_000_000,
  };
}

function cancellationIn(timeline: TimelineItem[]): Cancellation {
  const data = timeline.find((t) => t.type === 'OrderCancelled')?.data ?? {};
  if (data.reason === 'cannot-make') {
    return {
      reason: 'cannot-make',
      code: typeof data.code === 'string' ? data.code : 'UNKNOWN',
      message: typeof data.message === 'string' ? data.message : 'We could not make your order',
      refundCents: typeof data.refundCents === 'number' ? data.refundCents : 0,
    };
  }
  return { reason: data.reason === 'payment-timeout' ? 'payment-timeout' : 'payment-declined' };
}

function refundIn(timeline: TimelineItem[]): OrderView['refund'] {
  const refunds = timeline.filter((t) => t.type === 'PaymentRefunded');
  if (refunds.length === 0) return null;
  const amountCents = refunds.reduce((sum, t) => sum + (typeof t.data.amountCents === 'number' ? t.data.amountCents : 0), 0);
  return { amountCents, at: refunds[refunds.length - 1]!.at };
}

/** Every event of the order's story, oldest first, and whose job each step was. */
export async function timelineOf(orderId: string): Promise<TimelineItem[]> {
  const rows = await db().timelineEntry.findMany({ where: { orderId }, orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }] });
  return rows.map((t) => ({
    id: t.id,
    type: t.type,
    mode: t.mode as 'sync' | 'async',
    actor: t.actor,
    at: t.occurredAt.toISOString(),
    data: t.data as Record<string, unknown>,
  }));
}
