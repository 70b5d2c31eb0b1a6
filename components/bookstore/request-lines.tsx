'use client';
// The lines of an order request, each where it has got to behind the scenes: reserving, reserved,
// paid for, shipped, delivered — or backordered, waiting for the customer's answer, or cancelled.
import { type ReactNode, useRef } from 'react';
import { pendingStepOfLine } from '@/lib/waiting/pending-step';
import type { OrderRequestView } from '@/lib/queries/order-request-view';
import { formatMoney } from '../format';
import { StepWait } from '../live/step-wait';
import { ClockTime } from '../ui/clock-time';
import { type AnswerBackorderAction, BackorderDecision } from './backorder-decision';
import { BookLineHead } from './book-line';
import { LINE_TONE_CLASS, type RequestLine, lineStatus } from './line-status';

const STEPS = [
  { label: 'Reserved', reached: ['reserved', 'captured', 'shipped', 'delivered'] },
  { label: 'Paid', reached: ['captured', 'shipped', 'delivered'] },
  { label: 'Shipped', reached: ['shipped', 'delivered'] },
  { label: 'Delivered', reached: ['delivered'] },
] as const satisfies readonly { label: string; reached: readonly RequestLine['status'][] }[];

export function RequestLines({
  request,
  answerBackorder,
}: {
  request: OrderRequestView;
  answerBackorder: AnswerBackorderAction;
}) {
  return (
    <ul className="divide-y divide-roast-100">
      {request.lines.map((line) => (
        <Line key={line.id} request={request} line={line} answerBackorder={answerBackorder} />
      ))}
    </ul>
  );
}

function Line({
  request,
  line,
  answerBackorder,
}: {
  request: OrderRequestView;
  line: RequestLine;
  answerBackorder: AnswerBackorderAction;
}) {
  const orderId = request.id;
  const headingRef = useRef<HTMLHeadingElement>(null);
  const status = lineStatus(line);
  const pending = pendingStepOfLine(line, request);
  return (
    <li id={`line-${line.id}`} aria-labelledby={`line-${line.id}-title`} className="space-y-3 py-4">
      <BookLineHead
        {...line}
        title={
          <h3
            id={`line-${line.id}-title`}
            ref={headingRef}
            tabIndex={-1}
            className="text-lg font-semibold text-roast-900"
          >
            {line.quantity} × {line.title}
          </h3>
        }
      />
      <p>
        <span data-testid="line-status" className={`badge px-3 py-1 text-sm ${LINE_TONE_CLASS[status.tone]}`}>
          {status.text}
        </span>
      </p>
      {line.status !== 'cancelled' && line.status !== 'backordered' && <Steps line={line} />}
      <LineDetail line={line} />
      {/* Keyed by step: a new step is a new wait, announced afresh. */}
      {pending && <StepWait key={pending.step} pending={pending} />}
      {line.status === 'backordered' && (
        <BackorderDecision
          orderId={orderId}
          line={line}
          answerBackorder={answerBackorder}
          onAnswered={() => headingRef.current?.focus()}
        />
      )}
    </li>
  );
}

function Steps({ line }: { line: RequestLine }) {
  return (
    <ol aria-label={`Progress of ${line.title}`} className="grid grid-cols-4 gap-1.5 text-center text-xs sm:text-sm">
      {STEPS.map((step) => {
        const done = (step.reached as readonly string[]).includes(line.status);
        return (
          <li
            key={step.label}
            className={`rounded-lg border px-1 py-1.5 font-medium ${
              done
                ? 'border-roast-300 bg-roast-100 text-roast-900'
                : 'border-dashed border-roast-200 bg-white text-roast-500'
            }`}
          >
            <span aria-hidden="true">{done ? '✓ ' : ''}</span>
            {step.label}
            <span className="sr-only">{done ? ' (done)' : ' (not yet)'}</span>
          </li>
        );
      })}
    </ol>
  );
}

function LineDetail({ line }: { line: RequestLine }) {
  switch (line.status) {
    case 'reserving':
      return <Note>The warehouse is checking the shelf for your {line.quantity === 1 ? 'copy' : 'copies'}.</Note>;
    case 'reserved':
      return (
        <Note>
          Your copies are put aside. The cashier takes {formatMoney(line.lineTotalCents)} from the hold just before they
          ship.
        </Note>
      );
    case 'captured':
      return line.delayedSince ? (
        <Note>
          {formatMoney(line.capturedCents)} taken from the hold on your card. The courier could not collect the parcel
          at <ClockTime iso={line.delayedSince} />; we keep trying, and if it goes on a person at the shop takes it up.
          We write to you the moment it ships.
        </Note>
      ) : (
        <Note>
          {formatMoney(line.capturedCents)} taken from the hold on your card. Handing the parcel to the courier…
        </Note>
      );
    case 'shipped':
      return line.shippedAt ? (
        <Note>
          Handed to {line.carrier ?? 'the courier'} at <ClockTime iso={line.shippedAt} />. Tracking number{' '}
          <span className="font-mono font-semibold">{line.trackingNumber}</span>. Delivery is on the courier&apos;s
          clock, not one of our queues.
        </Note>
      ) : null;
    case 'delivered':
      return line.deliveredAt ? (
        <Note>
          Delivered at <ClockTime iso={line.deliveredAt} /> ({line.carrier}, tracking{' '}
          <span className="font-mono">{line.trackingNumber}</span>). Enjoy the read!
        </Note>
      ) : null;
    case 'cancelled':
      return <CancelledDetail line={line} />;
    case 'backordered':
      // A person's move, not a queue's: no measured time would be honest here.
      return line.waiting ? (
        <Note>
          This waits for a restock at the shop — a person&apos;s job, not a queue&apos;s, so we cannot say when.
        </Note>
      ) : null;
  }
}

function CancelledDetail({ line }: { line: RequestLine }) {
  const why =
    line.cancelReason === 'no-answer'
      ? 'We cancelled this line because we did not hear from you in time.'
      : 'You cancelled this line.';
  return (
    <div className="rounded-xl border border-stone-300 bg-stone-50 p-3 text-sm text-stone-900">
      <p>{why}</p>
      {line.releasedCents > 0 ? (
        <p className="mt-1 font-semibold">
          Released {formatMoney(line.releasedCents)} from the hold on your card — nothing for this line was taken.
        </p>
      ) : (
        <p className="mt-1">
          Releasing {formatMoney(line.lineTotalCents)} from the hold on your card… The cashier does this behind the
          scenes; nothing for this line was ever taken.
        </p>
      )}
    </div>
  );
}

function Note({ children }: { children: ReactNode }) {
  return <p className="text-sm text-roast-700">{children}</p>;
}
