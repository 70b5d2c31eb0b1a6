// The bookstore order page's read model: the order request, line by line, with its money and
// timeline. Plain selects shaped for the page; nothing here enforces a rule.
import { db } from '../db/client';
import type { ShippingAddress } from '../domain/bookstore/address';
import type { CancelReason, LineStatus, RequestStatus } from '../domain/bookstore/order-request';
import { type TimelineItem, timelineOf } from './order-view';

export interface OrderRequestView {
  id: string;
  scenario: 'bookstore';
  status: RequestStatus;
  version: number;
  totalCents: number;
  cardLast4: string;
  shipTo: ShippingAddress;
  createdAt: string;
  money: {
    /** Put on hold at checkout. */
    authorizedCents: number;
    /** Taken, for lines that shipped or are about to. */
    capturedCents: number;
    /** Given back, for cancelled lines. */
    releasedCents: number;
    /** Still on hold, waiting for lines to ship or be cancelled. */
    heldCents: number;
  };
  lines: {
    id: string;
    bookId: string;
    title: string;
    author: string;
    quantity: number;
    unitPriceCents: number;
    lineTotalCents: number;
    status: LineStatus;
    /** Backordered and no answer yet: when it will be cancelled for the customer. */
    decideBy: string | null;
    waiting: boolean;
    cancelReason: CancelReason | null;
    capturedCents: number;
    releasedCents: number;
    carrier: string | null;
    trackingNumber: string | null;
    shippedAt: string | null;
    deliveredAt: string | null;
    /** The courier has not taken the parcel since then (it keeps being tried); null otherwise. */
    delayedSince: string | null;
  }[];
  timeline: TimelineItem[];
  /** Changes whenever anything on the page would change; clients keep the newest. */
  revision: number;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The order request as its owner sees it, or null if it does not exist or is someone else's. */
export async function getOrderRequestView(id: string, customerId: string): Promise<OrderRequestView | null> {
  const request = await db().orderRequest.findFirst({
    where: { id, customerId },
    include: { lines: { orderBy: { position: 'asc' } } },
  });
  if (!request) return null;
  const timeline = await timelineOf(id);
  const capturedCents = request.lines.reduce((s, l) => s + l.capturedCents, 0);
  const releasedCents = request.lines.reduce((s, l) => s + l.releasedCents, 0);
  return {
    id: request.id,
    scenario: 'bookstore',
    status: request.status as RequestStatus,
    version: request.version,
    totalCents: request.totalCents,
    cardLast4: request.cardLast4,
    shipTo: request.shipTo as unknown as ShippingAddress,
    createdAt: request.createdAt.toISOString(),
    money: {
      authorizedCents: request.totalCents,
      capturedCents,
      releasedCents,
      heldCents: request.totalCents - capturedCents - releasedCents,
    },
    lines: request.lines.map((l) => ({
      id: l.id,
      bookId: l.bookId,
      title: l.title,
      author: l.author,
      quantity: l.quantity,
      unitPriceCents: l.unitPriceCents,
      lineTotalCents: l.unitPriceCents * l.quantity,
      status: l.status as LineStatus,
      decideBy: iso(l.decideBy),
      waiting: l.waiting,
      cancelReason: l.cancelReason as CancelReason | null,
      capturedCents: l.capturedCents,
      releasedCents: l.releasedCents,
      carrier: l.carrier,
      trackingNumber: l.trackingNumber,
      shippedAt: iso(l.shippedAt),
      deliveredAt: iso(l.deliveredAt),
      delayedSince: iso(l.delayedSince),
    })),
    timeline,
    revision: request.version + timeline.length * 1_000_000,
  };
}

/** What the order stream sends for a bookstore order (`order-request` events). */
export interface OrderRequestStreamEvent {
  request: OrderRequestView;
  /** Epoch ms of the (oldest) commit this event reports; null for the snapshot sent on open. */
  committedAt: number | null;
}
