// Which asynchronous step an order page is waiting for, and since when. Each pending state on the
// page maps to the policy step (lib/queue/policies.ts) that must run next, and to the commit of
// the event that caused it — the same start the step's measured lag counts from, so "waiting 14 s"
// and "95% within 2 s" are comparable. States that wait for a person (a backorder answer, a
// restock, a drink on the counter) or for someone else's clock (the courier delivering) have no
// step: the page says whose move it is instead of a time.
import type { OrderView, TimelineItem } from '../queries/order-view';
import type { OrderRequestView } from '../queries/order-request-view';
import type { StepName } from '../queries/lag-types';

export interface PendingStep {
  step: StepName;
  /** ISO time (server clock) of the causing event's commit. */
  since: string;
}

/** The coffee order: the ticket to open, the drink to make, the payment news to pass on. */
export function pendingStepOfOrder(order: OrderView): PendingStep | null {
  const b = order.barista;
  if (!b) {
    // A cancelled order's ticket still opens (to be discarded); the customer waits for nothing.
    return order.status === 'cancelled' ? null : { step: 'tickets.open-ticket', since: order.createdAt };
  }
  if (order.status === 'cancelled') return null;
  // From the ticket opening to the drink being ready is one job (brewing.brew-drink), remakes included.
  if (b.status === 'queued' || b.status === 'making') return { step: 'brewing.brew-drink', since: b.openedAt };
  return null;
}

/** The barista learning that the order is paid: a separate step on the tickets queue. */
export function pendingPaymentNews(order: OrderView): PendingStep | null {
  const b = order.barista;
  if (!b || b.paid || order.status !== 'paid' || !['queued', 'making', 'ready'].includes(b.status)) return null;
  const approved = order.timeline.find((t) => t.type === 'PaymentApproved');
  return approved ? { step: 'tickets.confirm-payment', since: approved.at } : null;
}

/** Whether anything behind the counter is still to run for this coffee order. */
export function orderAwaitsStep(order: OrderView): boolean {
  return pendingStepOfOrder(order) !== null || pendingPaymentNews(order) !== null;
}

/** Whether any line of this bookstore order request still waits on a step. */
export function requestAwaitsStep(request: OrderRequestView): boolean {
  return request.lines.some((line) => pendingStepOfLine(line, request) !== null);
}

type Line = OrderRequestView['lines'][number];

/** A bookstore line: reserve, mark reserved, capture, hand to the courier, release a cancelled share. */
export function pendingStepOfLine(line: Line, request: Pick<OrderRequestView, 'createdAt' | 'timeline'>): PendingStep | null {
  const at = (type: string) => lastFor(request.timeline, type, line.id)?.at;
  switch (line.status) {
    case 'reserving': {
      // Two steps: the warehouse reserves (StockReserved), then the request records it.
      const stock = at('StockReserved');
      if (stock) return { step: 'fulfilment.reserved', since: stock };
      return { step: 'inventory.reserve', since: at('LineRequested') ?? request.createdAt };
    }
    case 'reserved': {
      const since = at('LineReserved');
      return since ? { step: 'payments.capture', since } : null;
    }
    case 'captured': {
      const since = at('PaymentCaptured');
      return since ? { step: 'shipping.dispatch', since } : null;
    }
    case 'cancelled': {
      if (line.releasedCents > 0) return null;
      const since = at('LineCancelled');
      return since ? { step: 'payments.release', since } : null;
    }
    // backordered: the customer's answer or a restock; shipped: the courier's clock; delivered: done.
    default:
      return null;
  }
}

function lastFor(timeline: readonly TimelineItem[], type: string, lineId: string): TimelineItem | undefined {
  for (let i = timeline.length - 1; i >= 0; i--) {
    const t = timeline[i]!;
    if (t.type === type && t.data.lineId === lineId) return t;
  }
  return undefined;
}
