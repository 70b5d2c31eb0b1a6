// How a line of an order request is told to the customer: one status sentence per line, and one
// sentence for the whole request that screen readers hear when something changes. No React here.
import type { OrderRequestView } from '@/lib/queries/order-request-view';
import { formatMoney } from '../format';

export type RequestLine = OrderRequestView['lines'][number];

export type LineTone = 'working' | 'done' | 'action' | 'waiting' | 'delayed' | 'cancelled';

export function needsAnswer(line: RequestLine): boolean {
  return line.status === 'backordered' && !line.waiting;
}

export function lineStatus(line: RequestLine): { text: string; tone: LineTone } {
  switch (line.status) {
    case 'reserving':
      return { text: 'Reserving stock…', tone: 'working' };
    case 'reserved':
      return { text: 'Reserved — waiting for payment capture', tone: 'working' };
    case 'backordered':
      return line.waiting
        ? { text: 'Backordered — waiting for a restock', tone: 'waiting' }
        : { text: 'Backordered — your action is needed', tone: 'action' };
    case 'captured':
      // The courier would not take it yet: say so, rather than a "packing" that never ends.
      return line.delayedSince
        ? { text: 'Delayed — the courier has not collected it yet', tone: 'delayed' }
        : { text: 'Payment captured — packing', tone: 'working' };
    case 'shipped':
      return { text: `Shipped with ${line.carrier ?? 'the courier'}, tracking ${line.trackingNumber ?? 'to follow'}`, tone: 'working' };
    case 'delivered':
      return { text: 'Delivered', tone: 'done' };
    case 'cancelled':
      // A released hold is money that was never taken, so it is not a "refund".
      return line.releasedCents > 0
        ? { text: `Cancelled — hold of ${formatMoney(line.releasedCents)} released, nothing taken`, tone: 'cancelled' }
        : { text: `Cancelled — releasing ${formatMoney(line.lineTotalCents)} from the hold…`, tone: 'cancelled' };
  }
}

export const LINE_TONE_CLASS: Record<LineTone, string> = {
  working: 'bg-roast-100 text-roast-900',
  done: 'bg-emerald-100 text-emerald-900',
  action: 'bg-amber-100 text-amber-950 ring-1 ring-amber-400',
  waiting: 'bg-sky-50 text-sky-900 ring-1 ring-sky-200',
  delayed: 'bg-amber-50 text-amber-950 ring-1 ring-amber-300',
  cancelled: 'bg-stone-100 text-stone-800',
};

/** Where each line has got to, from the furthest along; used to sum up the request. */
const PROGRESS: { words: string; matches: (l: RequestLine) => boolean }[] = [
  { words: 'delivered', matches: (l) => l.status === 'delivered' },
  { words: 'on the way', matches: (l) => l.status === 'shipped' },
  { words: 'delayed at the courier', matches: (l) => l.status === 'captured' && l.delayedSince !== null },
  { words: 'being packed', matches: (l) => l.status === 'captured' && l.delayedSince === null },
  { words: 'reserved', matches: (l) => l.status === 'reserved' },
  { words: 'being reserved', matches: (l) => l.status === 'reserving' },
  { words: 'waiting for a restock', matches: (l) => l.status === 'backordered' && l.waiting },
  { words: 'cancelled', matches: (l) => l.status === 'cancelled' },
];

/** The sentence screen readers hear when something changes (the region is aria-live). */
export function requestAnnouncement(request: OrderRequestView): string {
  const asking = request.lines.filter(needsAnswer);
  if (asking.length > 0) {
    return `Your action is needed: ${asking.map((l) => l.title).join(', ')} ${asking.length === 1 ? 'is' : 'are'} backordered. Choose to wait for a restock or cancel.`;
  }
  if (request.status === 'completed') return 'Everything that could ship has been delivered. This order request is complete.';
  if (request.status === 'cancelled') {
    return request.money.heldCents > 0
      ? 'Every line of this order request was cancelled; the hold on your card is being released.'
      : 'Every line of this order request was cancelled; the hold on your card is released.';
  }
  const parts = PROGRESS.flatMap(({ words, matches }) => {
    const n = request.lines.filter(matches).length;
    return n > 0 ? [`${n} ${words}`] : [];
  });
  const items = request.lines.length;
  return `Of your ${items} ${items === 1 ? 'item' : 'items'}: ${parts.join(', ')}.`;
}
