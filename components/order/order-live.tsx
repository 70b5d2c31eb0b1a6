'use client';
// The customer's order page. It keeps the two consistency boundaries apart on screen: what was
// settled at the counter while the customer waited (final, never changes on its own), and what
// the barista does behind the counter (arrives later, live, in its own time).
import Link from 'next/link';
import type { ReactNode } from 'react';
import type { TicketStatus } from '@/lib/domain/coffee/ticket';
import type { OrderView, TimelineItem } from '@/lib/queries/order-view';
import { capitalize, formatMoney, milkLabel, sizeLabel } from '../format';
import { describeAttentionFact } from '../ops/attention-words';
import { pendingPaymentNews, pendingStepOfOrder } from '@/lib/waiting/pending-step';
import { LiveOrderHeader } from '../live/live-order-header';
import { StepWait } from '../live/step-wait';
import { useLiveOrder } from '../live/use-live-order';
import { ClockTime } from '../ui/clock-time';
import { type TimelineWords, TimelineSection, numberIn, stringIn } from '../ui/timeline';
import { closedTicketWords, paymentApproved } from './ticket-words';
import { WhoseJob } from './whose-job';

type Barista = NonNullable<OrderView['barista']>;

export const BARISTA_STATUS_TEXT: Record<TicketStatus, string> = {
  queued: 'Queued',
  making: 'Being made',
  ready: 'Ready',
  collected: 'Collected',
  discarded: 'Discarded',
  tossed: 'Tossed',
};

const STEPS = [
  { status: 'queued', label: 'Queued' },
  { status: 'making', label: 'Making' },
  { status: 'ready', label: 'Ready' },
  { status: 'collected', label: 'Collected' },
] as const;

export function OrderLive({ initial }: { initial: OrderView }) {
  const { order, connection } = useLiveOrder(initial);
  const drink = drinkWords(order);

  return (
    <div className="space-y-8">
      <LiveOrderHeader
        title={`Order for ${order.customerName}`}
        orderId={order.id}
        createdAt={order.createdAt}
        connection={connection}
        announcement={announcement(order, drink)}
      />

      <section aria-labelledby="order-lines" className="card p-5 sm:p-6">
        <h2 id="order-lines" className="text-xl font-semibold text-roast-900">
          What you ordered
        </h2>
        <ul className="mt-3 divide-y divide-roast-100">
          {order.lines.map((line) => (
            <li key={line.id} className="flex items-baseline justify-between gap-4 py-2">
              <span>
                <span className="font-medium text-roast-900">
                  {line.quantity} × {line.name}
                </span>{' '}
                <span className="text-sm text-roast-600">
                  {[sizeLabel(line.size), milkLabel(line.milk)].filter(Boolean).join(' · ')} ·{' '}
                  {formatMoney(line.unitPriceCents)} each
                </span>
              </span>
              <span className="font-semibold tabular-nums">{formatMoney(line.lineTotalCents)}</span>
            </li>
          ))}
        </ul>
        <p className="mt-2 flex items-baseline justify-between border-t border-roast-200 pt-3">
          <span className="font-medium text-roast-800">Total</span>
          <span className="text-xl font-semibold tabular-nums">{formatMoney(order.totalCents)}</span>
        </p>
      </section>

      <div className="grid gap-6 lg:grid-cols-2">
        <CounterSection order={order} />
        <BehindCounterSection order={order} drink={drink} />
      </div>

      <TimelineSection items={order.timeline} words={TIMELINE_WORDS} />

      <WhoseJob kind="coffee" />

      <p>
        <Link href="/coffee" className="btn btn-secondary">
          Order something else
        </Link>
      </p>
    </div>
  );
}

function CounterSection({ order }: { order: OrderView }) {
  const approved = paymentApproved(order);
  const refund = order.timeline.find((t) => t.type === 'PaymentRefunded');
  // A cancellation behind the counter after the payment (out of oat milk, say) does not undo what
  // was finished here while the customer waited: it is told behind the counter, with its refund.
  const cancelledLater = order.status === 'cancelled' && order.cancellation?.reason === 'cannot-make';
  return (
    <section aria-labelledby="counter-heading" className="card space-y-4 p-5 sm:p-6">
      <div>
        <p className="text-xs font-semibold tracking-wider text-roast-500 uppercase">Synchronous · your job</p>
        <h2 id="counter-heading" className="text-xl font-semibold text-roast-900">
          At the counter — done while you waited
        </h2>
      </div>
      {(order.status === 'paid' || (cancelledLater && approved)) && (
        <div className="rounded-xl border border-emerald-300 bg-emerald-50 p-4 text-emerald-950">
          <p className="flex items-center gap-2 text-lg font-semibold">
            <span aria-hidden="true">✓</span>
            <span>Paid — this part is finished</span>
          </p>
          <p className="mt-1 text-sm">
            {formatMoney(order.totalCents)} charged to the card ending in{' '}
            <span className="font-mono font-semibold">{order.cardLast4 ?? '????'}</span>
            {approved && (
              <>
                {' '}
                at <ClockTime iso={approved.at} />
              </>
            )}
            . Nothing more is needed from you.
          </p>
          {cancelledLater && (
            <p className="mt-1 text-sm">
              Later, behind the counter, the shop cancelled the order — see there for the refund.
            </p>
          )}
        </div>
      )}
      {order.status === 'cancelled' &&
        (order.cancellation?.reason === 'cannot-make' ? (
          !approved && (
            <p className="rounded-xl border border-roast-200 bg-roast-50 p-4 text-sm text-roast-800">
              Your payment had not completed when the shop cancelled the order behind the counter — see there.
            </p>
          )
        ) : (
          <div className="rounded-xl border border-red-300 bg-red-50 p-4 text-red-950">
            <p className="flex items-center gap-2 text-lg font-semibold">
              <span aria-hidden="true">✕</span>
              <span>
                {order.paymentCode === 'TIMEOUT'
                  ? 'Payment never completed — order cancelled'
                  : 'Payment declined — order cancelled'}
              </span>
            </p>
            <p className="mt-1 text-sm">
              {order.paymentCode === 'TIMEOUT'
                ? 'The card network never gave the counter an answer in time, so the order was cancelled. Any money taken is refunded automatically.'
                : `${declineReason(order.paymentCode)} Card ending in ${order.cardLast4 ?? '????'}; nothing was charged.`}
            </p>
            {refund && (
              <p className="mt-1 text-sm">
                Refunded {formatMoney(numberIn(refund.data, 'amountCents') ?? order.totalCents)} at{' '}
                <ClockTime iso={refund.at} />.
              </p>
            )}
            <p className="mt-3">
              <Link href="/coffee" className="btn btn-secondary">
                Try again with another card
              </Link>
            </p>
          </div>
        ))}
      {order.status === 'payment_pending' && (
        <div className="rounded-xl border border-amber-300 bg-amber-50 p-4 text-amber-950">
          <p className="text-lg font-semibold">Payment pending</p>
          <p className="mt-1 text-sm">
            The counter never received the card&apos;s answer. If it is still missing at{' '}
            <ClockTime iso={order.paymentDeadline} className="font-semibold" />, the order is cancelled and any charge
            refunded.
          </p>
        </div>
      )}
    </section>
  );
}

/**
 * The shop could not make the order (out of oat milk, say): it was cancelled for the customer and
 * the money goes back on its own. Said plainly, first, with the amount.
 */
function CouldNotMake({ order }: { order: OrderView }) {
  return (
    <div className="rounded-xl border border-amber-300 bg-amber-50 p-4 text-amber-950">
      <p data-testid="cancellation" className="flex items-center gap-2 text-lg font-semibold">
        <span aria-hidden="true">✕</span>
        <span>{couldNotMakeHeadline(order)}</span>
      </p>
      <p className="mt-1 text-sm">
        The barista could not make it, so the shop cancelled your order for you — there is nothing you need to do.
        {order.refund ? (
          <>
            {' '}
            {formatMoney(order.refund.amountCents)} went back to the card ending in{' '}
            <span className="font-mono font-semibold">{order.cardLast4 ?? '????'}</span> at{' '}
            <ClockTime iso={order.refund.at} />.
          </>
        ) : couldNotMakeOwed(order) > 0 ? (
          ' The refund is on its way to your card.'
        ) : (
          ' Nothing was taken from your card; if the payment goes through after all, it is refunded at once.'
        )}
      </p>
      <p className="mt-3">
        <Link href="/coffee" className="btn btn-secondary">
          Order something else
        </Link>
      </p>
    </div>
  );
}

/** What is owed back for an order the shop could not make: what was paid, or what a late charge took. */
function couldNotMakeOwed(order: OrderView): number {
  return order.cancellation?.reason === 'cannot-make' ? order.cancellation.refundCents : 0;
}

/** "We ran out of oat milk — your $4.70 is refunded". */
function couldNotMakeHeadline(order: OrderView): string {
  const why =
    order.cancellation?.reason === 'cannot-make' ? order.cancellation.message : 'We could not make your order';
  if (order.refund) return `${why} — your ${formatMoney(order.refund.amountCents)} is refunded`;
  const owed = couldNotMakeOwed(order);
  if (owed > 0) return `${why} — your ${formatMoney(owed)} is being refunded`;
  return `${why} — your order is cancelled`;
}

function BehindCounterSection({ order, drink }: { order: OrderView; drink: DrinkWords }) {
  const barista = order.barista;
  return (
    <section aria-labelledby="barista-heading" className="card space-y-4 p-5 sm:p-6">
      <div>
        <p className="text-xs font-semibold tracking-wider text-roast-500 uppercase">
          Asynchronous · someone else&apos;s job
        </p>
        <h2 id="barista-heading" className="text-xl font-semibold text-roast-900">
          Behind the counter — the barista&apos;s job, happens on its own
        </h2>
      </div>

      <Steps barista={barista} />

      {barista ? (
        <p className="text-lg text-roast-900">
          Barista:{' '}
          <strong data-testid="barista-status" className="font-semibold">
            {BARISTA_STATUS_TEXT[barista.status]}
          </strong>
        </p>
      ) : (
        <p className="text-lg text-roast-900">
          <strong data-testid="barista-status" className="font-semibold">
            Waiting for the barista
          </strong>{' '}
          to pick it up
        </p>
      )}

      <BaristaDetail order={order} barista={barista} drink={drink} />
      {order.status === 'cancelled' && order.cancellation?.reason === 'cannot-make' && <CouldNotMake order={order} />}
      <PendingWait order={order} />

      {barista && order.status === 'paid' && !barista.paid && isOpen(barista.status) && (
        <div className="space-y-2 rounded-lg bg-roast-50 px-3 py-2 text-sm text-roast-700">
          <p>The barista has not heard about your payment yet — that news travels behind the counter too.</p>
          <PaymentNewsWait order={order} />
        </div>
      )}
    </section>
  );
}

function BaristaDetail({ order, barista, drink }: { order: OrderView; barista: Barista | null; drink: DrinkWords }) {
  if (!barista) {
    return (
      <p className="text-sm text-roast-700">The ticket travels to the barista through a queue, in its own time.</p>
    );
  }
  switch (barista.status) {
    case 'queued':
      return (
        <Note>
          The ticket is in the barista&apos;s queue since <ClockTime iso={barista.openedAt} />.
        </Note>
      );
    case 'making':
      return (
        <Note>
          The barista started on it at {barista.startedAt ? <ClockTime iso={barista.startedAt} /> : 'a moment ago'}.
          {order.status === 'payment_pending' && ' They started before your payment finished — that is allowed.'}
        </Note>
      );
    case 'ready':
      if (order.status === 'cancelled') {
        return (
          <Callout tone="red">
            <p className="font-semibold">Your order was cancelled</p>
            <p className="mt-1 text-sm">
              The drink is already made; the barista has not heard about the cancellation yet and will bin it.
            </p>
          </Callout>
        );
      }
      return (
        <Callout tone="crema">
          <p className="font-display text-2xl font-semibold">
            {order.customerName}, {drink.subject} {drink.plural ? 'are' : 'is'} ready
          </p>
          <p className="mt-1 text-sm">
            {order.status === 'paid'
              ? `Collect ${drink.plural ? 'them' : 'it'} at the counter.`
              : `${drink.plural ? 'They wait' : 'It waits'} on the counter until your payment completes — a drink is never handed over unpaid.`}
          </p>
        </Callout>
      );
    case 'collected':
      return (
        <Note>
          Handed over{' '}
          {barista.closedAt ? (
            <>
              at <ClockTime iso={barista.closedAt} />
            </>
          ) : (
            'just now'
          )}
          . Enjoy!
        </Note>
      );
    case 'discarded':
    case 'tossed': {
      const words = closedTicketWords({ status: barista.status, remakes: barista.remakes });
      return (
        <Callout tone="red">
          <p data-testid="ticket-closed" className="font-semibold">
            {words.title}
          </p>
          <p className="mt-1 text-sm">{words.detail}</p>
        </Callout>
      );
    }
  }
}

/** How long the step this order waits for usually takes, and whether this wait is unusual. */
function PendingWait({ order }: { order: OrderView }) {
  const pending = pendingStepOfOrder(order);
  // Keyed by step: a new step is a new wait, announced afresh.
  return pending ? <StepWait key={pending.step} pending={pending} /> : null;
}

function PaymentNewsWait({ order }: { order: OrderView }) {
  const pending = pendingPaymentNews(order);
  return pending ? <StepWait key={pending.step} pending={pending} className="bg-white" /> : null;
}

function Steps({ barista }: { barista: Barista | null }) {
  const status = barista?.status;
  const reached = (step: (typeof STEPS)[number]['status']): boolean => {
    if (!barista) return false;
    switch (step) {
      case 'queued':
        return true;
      case 'making':
        return barista.startedAt !== null;
      case 'ready':
        return barista.readyAt !== null;
      case 'collected':
        return barista.status === 'collected';
    }
  };
  const closedEarly = status === 'discarded' || status === 'tossed';
  return (
    <ol aria-label="Barista progress" className="grid grid-cols-2 gap-2 text-center text-sm sm:grid-cols-4">
      {STEPS.map((step, i) => {
        const current = step.status === status;
        const done = reached(step.status);
        const look = current
          ? 'border-roast-800 bg-roast-800 text-white shadow-md'
          : done
            ? closedEarly
              ? 'border-roast-200 bg-roast-50 text-roast-500'
              : 'border-roast-300 bg-roast-100 text-roast-800'
            : 'border-dashed border-roast-200 bg-white text-roast-500';
        return (
          <li
            key={step.status}
            aria-current={current ? 'step' : undefined}
            className={`rounded-xl border px-1 py-2 font-medium transition ${look}`}
          >
            <span aria-hidden="true" className="mr-1">
              {done && (!current || step.status === 'collected') ? '✓' : `${i + 1}`}
            </span>
            {step.label}
            {done && !current && <span className="sr-only"> (done)</span>}
          </li>
        );
      })}
    </ol>
  );
}

function Note({ children }: { children: ReactNode }) {
  return <p className="text-sm text-roast-700">{children}</p>;
}

function Callout({ tone, children }: { tone: 'crema' | 'red'; children: ReactNode }) {
  const look =
    tone === 'crema' ? 'border-crema-300 bg-crema-100 text-roast-950' : 'border-red-300 bg-red-50 text-red-950';
  return <div className={`rounded-xl border-2 p-4 ${look}`}>{children}</div>;
}

const TIMELINE_LABEL: Record<string, string> = {
  OrderPlaced: 'Order placed',
  PaymentApproved: 'Payment approved',
  PaymentDeclined: 'Payment declined',
  PaymentTimedOut: 'Payment timed out',
  OrderCancelled: 'Order cancelled',
  PaymentRefunded: 'Refund issued',
  TicketOpened: 'Ticket opened by the barista',
  TicketPaid: 'The barista heard it is paid',
  DrinkStarted: 'Drink started',
  DrinkReady: 'Drink ready',
  DrinkHandedOver: 'Handed over',
  TicketDiscarded: 'Ticket discarded',
  DrinkTossed: 'Drink tossed (write-off)',
  DrinkSpilled: 'Drink spilt — being made again',
  TicketHandedToMachine: 'Passed to the espresso machine',
};

const ACTOR_LABEL: Record<string, string> = {
  customer: 'you',
  cashier: 'the cashier',
  barista: 'the barista',
  system: 'the system',
  staff: "the shop's staff",
};

const TIMELINE_WORDS: TimelineWords = {
  describe: (item) =>
    describeAttentionFact(item) ?? { label: TIMELINE_LABEL[item.type] ?? item.type, detail: timelineDetail(item) },
  actor: (actor) => ACTOR_LABEL[actor] ?? actor,
  asyncBadge: 'Behind the counter',
  legend:
    "Dark steps were settled at the counter before it answered you. Light steps are the barista's, and happen on their own schedule — sometimes before your payment is even done.",
};

function timelineDetail(item: TimelineItem): string | null {
  const d = item.data;
  switch (item.type) {
    case 'OrderPlaced': {
      const total = numberIn(d, 'totalCents');
      return total === undefined ? null : `${formatMoney(total)} to pay`;
    }
    case 'PaymentApproved': {
      const amount = numberIn(d, 'amountCents');
      const last4 = stringIn(d, 'cardLast4');
      return [amount === undefined ? null : formatMoney(amount), last4 ? `card ending in ${last4}` : null]
        .filter(Boolean)
        .join(' on ');
    }
    case 'PaymentDeclined':
      return declineReason(stringIn(d, 'code') ?? null);
    case 'PaymentTimedOut': {
      const waited = numberIn(d, 'waitedMs');
      return waited === undefined ? null : `No answer from the card network after ${Math.round(waited / 1000)} s`;
    }
    case 'OrderCancelled':
      switch (stringIn(d, 'reason')) {
        case 'payment-timeout':
          return 'Because the payment never completed';
        case 'cannot-make': {
          const owed = numberIn(d, 'refundCents') ?? 0;
          const message = stringIn(d, 'message') ?? 'We could not make your order';
          return owed > 0 ? `${message} — ${formatMoney(owed)} to be refunded` : `${message} — the order is cancelled`;
        }
        default:
          return 'Because the payment was declined';
      }
    case 'PaymentRefunded': {
      const amount = numberIn(d, 'amountCents');
      return amount === undefined ? null : `${formatMoney(amount)} back on the card`;
    }
    case 'TicketOpened': {
      const drinks = numberIn(d, 'drinks');
      return drinks === undefined ? null : `${drinks} ${drinks === 1 ? 'drink' : 'drinks'} to make`;
    }
    case 'TicketDiscarded':
    case 'DrinkTossed': {
      const reason = stringIn(d, 'reason');
      return reason ? `Order cancelled: ${reason}` : null;
    }
    default:
      return null;
  }
}

function declineReason(code: string | null): string {
  switch (code) {
    case 'insufficient_funds':
      return 'The card was declined: insufficient funds.';
    case 'card_declined':
      return 'The card was declined.';
    case 'network_no_answer':
      return 'The card network did not answer, and has no record of the payment.';
    default:
      return 'The card network said no.';
  }
}

interface DrinkWords {
  /** "your latte" for a single line, "your drinks" otherwise. */
  subject: string;
  plural: boolean;
}

function drinkWords(order: OrderView): DrinkWords {
  const only = order.lines.length === 1 ? order.lines[0] : undefined;
  return only
    ? { subject: `your ${only.name.toLowerCase()}`, plural: false }
    : { subject: 'your drinks', plural: true };
}

/** The sentence screen readers hear when something changes (the region is aria-live). */
function announcement(order: OrderView, drink: DrinkWords): string {
  const Subject = capitalize(drink.subject);
  const is = drink.plural ? 'are' : 'is';
  const has = drink.plural ? 'have' : 'has';
  const b = order.barista;
  if (order.status === 'cancelled' && order.cancellation?.reason === 'cannot-make')
    return `${couldNotMakeHeadline(order)}.`;
  if (!b) {
    if (order.status === 'cancelled') return 'Your order was cancelled.';
    return `${Subject} ${is} on the way to the barista.`;
  }
  switch (b.status) {
    case 'queued':
      return order.status === 'cancelled'
        ? 'Your order was cancelled; the barista will discard the ticket.'
        : `${Subject} ${is} in the barista's queue.`;
    case 'making':
      return order.status === 'cancelled'
        ? `Your order was cancelled; the barista will toss ${drink.subject}.`
        : `${Subject} ${is} being made.`;
    case 'ready':
      if (order.status === 'cancelled') return `Your order was cancelled; the barista will toss ${drink.subject}.`;
      return order.status === 'paid'
        ? `${Subject} ${is} ready — collect at the counter.`
        : `${Subject} ${is} ready and waits on the counter until your payment completes.`;
    case 'collected':
      return `${Subject} ${has} been handed over. Enjoy!`;
    case 'discarded':
      return 'Your order was cancelled, so the barista discarded the ticket.';
    case 'tossed':
      return `Your order was cancelled, so the barista tossed ${drink.subject}.`;
  }
}

function isOpen(status: TicketStatus): boolean {
  return status === 'queued' || status === 'making' || status === 'ready';
}
