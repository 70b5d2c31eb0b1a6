// What the order page says about the two sides of a coffee order once something went wrong behind
// the counter. No React here, so the words can be tested.
//
// A payment approved at the counter stays approved: a cancellation later, behind the counter
// (the shop ran out of oat milk, the drink kept spilling), is its own event with its own refund,
// and must not rewrite what the customer saw finished while they waited. And a ticket the barista
// gave up on after remaking it is not "nothing was made": drinks were made, and spilt.
import type { OrderView, TimelineItem } from '@/lib/queries/order-view';

/**
 * The counter's approval of the payment, if the customer saw one while they waited: one that came
 * before any cancellation. A charge that lands after the order was cancelled (a slow card while
 * the shop ran out of oat milk) was never "paid" for the customer: the counter told them it was
 * cancelled, and the charge is refunded.
 */
export function paymentApproved(order: Pick<OrderView, 'timeline'>): TimelineItem | undefined {
  const approved = order.timeline.findIndex((t) => t.type === 'PaymentApproved');
  const cancelled = order.timeline.findIndex((t) => t.type === 'OrderCancelled');
  if (approved < 0 || (cancelled >= 0 && cancelled < approved)) return undefined;
  return order.timeline[approved];
}

const times = (n: number) => (n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`);

/** The callout for a ticket closed before it was handed over: a heading and one sentence. */
export function closedTicketWords(barista: { status: 'discarded' | 'tossed'; remakes: number }): { title: string; detail: string } {
  if (barista.remakes > 0) {
    return {
      title: `Spilt ${times(barista.remakes)} — the shop gave up`,
      detail:
        `The barista made your drink and it was spilt ${times(barista.remakes)}; each one went in the bin and was made again. ` +
        'After that the shop gave up and cancelled the order, and refunds whatever you paid.',
    };
  }
  if (barista.status === 'discarded') {
    return {
      title: 'Ticket discarded',
      detail: 'Your order was cancelled before the barista started, so the ticket went in the bin and nothing was made.',
    };
  }
  return {
    title: 'Drink binned',
    detail:
      'Your order was cancelled after the barista had started, so the drink was tossed in the bin (a write-off for the shop, not a charge for you).',
  };
}
