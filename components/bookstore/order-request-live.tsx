'use client';
// The bookstore customer's order page. Like the coffee order page it keeps the two consistency
// boundaries apart on screen: what was settled at checkout while the customer waited (the hold on
// the card, the request recorded — final), and what the warehouse, cashier and courier do behind
// the scenes, line by line, arriving live. The one thing that comes back to the customer — a
// backordered line — is asked for plainly, with the deadline.
import Link from 'next/link';
import type { ReactNode } from 'react';
import { COUNTRIES, type CountryCode } from '@/lib/domain/bookstore/address';
import type { OrderRequestView } from '@/lib/queries/order-request-view';
import { formatMoney } from '../format';
import { LiveOrderHeader } from '../live/live-order-header';
import { useLiveOrderRequest } from '../live/use-live-order-request';
import { WhoseJob } from '../order/whose-job';
import { ClockTime } from '../ui/clock-time';
import { TimelineSection } from '../ui/timeline';
import type { AnswerBackorderAction } from './backorder-decision';
import { CardMoney } from './card-money';
import { needsAnswer, requestAnnouncement } from './line-status';
import { RequestLines } from './request-lines';
import { requestTimelineWords } from './request-timeline-words';

export function OrderRequestLive({
  initial,
  answerBackorder,
}: {
  initial: OrderRequestView;
  answerBackorder: AnswerBackorderAction;
}) {
  const { request, connection } = useLiveOrderRequest(initial);

  return (
    <div className="space-y-8">
      <LiveOrderHeader
        title="Your order request"
        orderId={request.id}
        createdAt={request.createdAt}
        connection={connection}
        announcement={requestAnnouncement(request)}
      />

      <ActionNeeded request={request} />

      <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <CheckoutSection request={request} />
        <section aria-labelledby="card-heading" className="card space-y-3 p-5 sm:p-6">
          <div>
            <SectionKicker>Asynchronous · the cashier&apos;s job</SectionKicker>
            <h2 id="card-heading" className="text-xl font-semibold text-roast-900">
              Your card ending in <span className="font-mono">{request.cardLast4}</span>
            </h2>
          </div>
          <CardMoney request={request} />
        </section>
      </div>

      <section aria-labelledby="lines-heading" className="card space-y-2 p-5 sm:p-6">
        <SectionKicker>Asynchronous · someone else&apos;s job</SectionKicker>
        <h2 id="lines-heading" className="text-xl font-semibold text-roast-900">
          Behind the scenes — the warehouse, the cashier and the courier
        </h2>
        <p className="text-sm text-roast-700">
          Each book goes its own way, in its own time: you don&apos;t need to stay on this page. We e-mail you as things
          happen — see your{' '}
          <Link href="/inbox" className="font-semibold underline underline-offset-2">
            inbox
          </Link>
          .
        </p>
        <RequestLines request={request} answerBackorder={answerBackorder} />
      </section>

      <TimelineSection items={request.timeline} words={requestTimelineWords(request)} />

      <WhoseJob kind="bookstore" />

      <p className="flex flex-wrap gap-3">
        <Link href="/books" className="btn btn-secondary">
          Keep shopping
        </Link>
        <Link href="/inbox" className="btn btn-ghost">
          Your inbox
        </Link>
      </p>
    </div>
  );
}

function SectionKicker({ children }: { children: ReactNode }) {
  return <p className="text-xs font-semibold tracking-wider text-roast-500 uppercase">{children}</p>;
}

/** The one thing that comes back to the customer, at the top where it cannot be missed. */
function ActionNeeded({ request }: { request: OrderRequestView }) {
  const asking = request.lines.filter(needsAnswer);
  if (asking.length === 0) return null;
  return (
    <section
      aria-labelledby="action-heading"
      className="rounded-2xl border-2 border-amber-400 bg-amber-50 p-5 text-amber-950"
    >
      <h2 id="action-heading" className="text-xl font-semibold">
        Your action is needed
      </h2>
      <p className="mt-1 text-sm">
        {asking.length === 1 ? 'One book is' : `${asking.length} books are`} backordered: the warehouse has none to put
        aside right now. For each, choose to wait for a restock or cancel the line.
      </p>
      <ul className="mt-2 list-inside list-disc text-sm">
        {asking.map((line) => (
          <li key={line.id}>
            <a href={`#line-${line.id}`} className="font-semibold underline underline-offset-2">
              {line.title}
            </a>
            {line.decideBy && (
              <>
                {' '}
                — answer by <ClockTime iso={line.decideBy} />, or we cancel it for you
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function CheckoutSection({ request }: { request: OrderRequestView }) {
  const { shipTo } = request;
  return (
    <section aria-labelledby="checkout-heading" className="card space-y-4 p-5 sm:p-6">
      <div>
        <SectionKicker>Synchronous · your job</SectionKicker>
        <h2 id="checkout-heading" className="text-xl font-semibold text-roast-900">
          At checkout — done while you waited
        </h2>
      </div>
      <div className="rounded-xl border border-emerald-300 bg-emerald-50 p-4 text-emerald-950">
        <p className="flex items-center gap-2 text-lg font-semibold">
          <span aria-hidden="true">✓</span>
          <span>Order request received</span>
        </p>
        <p className="mt-1 text-sm">
          Your card ending in <span className="font-mono font-semibold">{request.cardLast4}</span> was authorised for{' '}
          {formatMoney(request.totalCents)} — a hold, not a charge — and your request was recorded. This part is
          finished.
        </p>
      </div>
      <div>
        <h3 className="font-semibold text-roast-900">What happens next</h3>
        <ol className="mt-1 list-inside list-decimal space-y-1 text-sm text-roast-800">
          <li>
            The warehouse reserves each book. If one is out of stock, we ask you to wait for a restock or cancel it.
          </li>
          <li>
            Just before a book ships, the cashier takes its price from the hold. Cancelled books are released from it.
          </li>
          <li>The courier delivers, with a tracking number. We e-mail you at every step.</li>
        </ol>
      </div>
      <div>
        <h3 className="font-semibold text-roast-900">Shipping to</h3>
        <address className="mt-1 text-sm text-roast-800 not-italic">
          {[
            shipTo.name,
            shipTo.line1,
            shipTo.line2,
            `${shipTo.city} ${shipTo.postcode}`,
            COUNTRIES[shipTo.country as CountryCode] ?? shipTo.country,
          ]
            .filter(Boolean)
            .map((part) => (
              <span key={part} className="block">
                {part}
              </span>
            ))}
        </address>
      </div>
    </section>
  );
}
