// What each bookstore event is called on the order page's timeline, and the detail it shows.
// Stock events carry only a line id, so the request's lines supply the title.
import type { OrderRequestView } from '@/lib/queries/order-request-view';
import type { TimelineItem } from '@/lib/queries/order-view';
import { formatMoney } from '../format';
import { ClockTime } from '../ui/clock-time';
import { describeAttentionFact } from '../ops/attention-words';
import { type TimelineWords, numberIn, stringIn } from '../ui/timeline';
import { copies } from './stock';

const ACTOR: Record<string, string> = {
  customer: 'you',
  cashier: 'the cashier',
  warehouse: 'the warehouse',
  courier: 'the courier',
  system: 'the shop',
  staff: "the shop's staff",
};

const LABEL: Record<string, string> = {
  OrderRequested: 'Order request recorded, card authorised',
  LineRequested: 'Asked the warehouse for copies',
  StockReserved: 'Copies put aside',
  StockBackordered: 'None to spare on the shelf',
  LineReserved: 'Line reserved',
  LineBackordered: 'Line backordered — your answer needed',
  LineWaiting: 'You chose to wait for a restock',
  LineCancelled: 'Line cancelled',
  PaymentCaptured: 'Payment captured',
  PaymentReleased: 'Hold released',
  StockReleased: 'Claim on the copies dropped',
  StockShipped: 'Copies left the warehouse',
  LineShipped: 'Shipped',
  LineDelivered: 'Delivered',
  ShipmentDelayed: 'Delayed — the courier could not collect it',
};

export function requestTimelineWords(request: OrderRequestView): TimelineWords {
  const titles = new Map(request.lines.map((l) => [l.id, l.title]));
  return {
    describe: (item) => describeAttentionFact(item) ?? { label: labelOf(item), detail: detailOf(item, titles) },
    actor: (actor) => ACTOR[actor] ?? actor,
    asyncBadge: 'Behind the scenes',
    legend:
      'Dark steps were settled while you waited — at checkout, or when you answered for a line. Light steps happen behind the scenes, on their own schedule.',
  };
}

function labelOf(item: TimelineItem): string {
  if (item.type === 'LineCancelled') {
    return item.data.reason === 'no-answer' ? 'Line cancelled — no answer in time' : 'Line cancelled at your request';
  }
  return LABEL[item.type] ?? item.type;
}

function detailOf(item: TimelineItem, titles: Map<string, string>) {
  const d = item.data;
  const title = titles.get(stringIn(d, 'lineId') ?? '') ?? stringIn(d, 'title') ?? 'a book';
  const quantity = numberIn(d, 'quantity');
  const what = quantity === undefined ? title : `${copies(quantity)} of ${title}`;
  const amount = numberIn(d, 'amountCents');
  const money = amount === undefined ? '' : formatMoney(amount);
  switch (item.type) {
    case 'OrderRequested':
      return `${formatMoney(numberIn(d, 'authorizedCents') ?? 0)} held on the card ending in ${stringIn(d, 'cardLast4') ?? '????'} — nothing taken yet`;
    case 'StockReserved':
      return d.afterWaiting === true ? `${what}, from a restock` : what;
    case 'StockBackordered': {
      const ahead = numberIn(d, 'waitingAhead') ?? 0;
      return ahead > 0 ? `${what}; ${ahead} ${ahead === 1 ? 'order is' : 'orders are'} waiting ahead of it` : what;
    }
    case 'LineBackordered': {
      const decideBy = stringIn(d, 'decideBy');
      return decideBy ? (
        <>
          {what}; cancelled for you unless you answer by <ClockTime iso={decideBy} />
        </>
      ) : (
        what
      );
    }
    case 'LineCancelled':
      return `${what}; ${money} of the hold to be released`;
    case 'PaymentCaptured':
      return `${money} taken for ${what}`;
    case 'PaymentReleased':
      return `${money} released from the hold on your card (${title}); nothing was taken`;
    case 'StockReleased':
      return d.wasReserved === true ? `${what} went back on the shelf` : `${what} no longer waited for`;
    case 'LineShipped':
      return `${what} with ${stringIn(d, 'carrier') ?? 'the courier'}, tracking ${stringIn(d, 'trackingNumber') ?? '—'}`;
    default:
      return what;
  }
}
