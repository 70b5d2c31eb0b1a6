'use client';
// The customer's answer for a backordered line: wait for a restock, or cancel the line. The answer
// itself is recorded while they wait (it is their job); giving back the line's share of the hold
// happens afterwards, behind the scenes, and the line says so until it is done.
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { ActionResult } from '@/lib/http/action-result';
import type { OrderRequestView } from '@/lib/queries/order-request-view';
import { formatMoney } from '../format';
import { orderRequestQueryKey } from '../live/use-live-order-request';
import { newest } from '../live/use-live-snapshot';
import { ClockTime } from '../ui/clock-time';
import { Spinner } from '../ui/spinner';
import type { RequestLine } from './line-status';

export type BackorderAnswer = 'wait' | 'cancel';

export type AnswerBackorderAction = (
  orderId: string,
  lineId: string,
  answer: BackorderAnswer,
) => Promise<ActionResult<{ orderRequest: OrderRequestView }>>;

const NETWORK_FAILURE = {
  ok: false,
  code: 'NETWORK',
  message: 'We lost touch with the shop before your answer was recorded. Try again; answering twice changes nothing.',
} as const;

export function BackorderDecision({
  orderId,
  line,
  answerBackorder,
  onAnswered,
}: {
  orderId: string;
  line: RequestLine;
  answerBackorder: AnswerBackorderAction;
  /** Called once the answer is recorded (these buttons may then be gone: move focus on). */
  onAnswered: () => void;
}) {
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<BackorderAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const inFlight = useRef(false);

  async function answer(choice: BackorderAnswer) {
    if (inFlight.current) return;
    inFlight.current = true;
    setPending(choice);
    setError(null);
    const result = await answerBackorder(orderId, line.id, choice).catch(() => NETWORK_FAILURE);
    if (result.ok) {
      queryClient.setQueryData<OrderRequestView>(orderRequestQueryKey(orderId), (cached) =>
        newest(cached, result.data.orderRequest),
      );
      onAnswered();
    } else {
      setError(result.message);
    }
    setPending(null);
    inFlight.current = false;
  }

  const amount = formatMoney(line.lineTotalCents);
  return (
    <div
      className={`space-y-3 rounded-xl border-2 p-4 ${line.waiting ? 'border-sky-200 bg-sky-50 text-sky-950' : 'border-amber-400 bg-amber-50 text-amber-950'}`}
    >
      {line.waiting ? (
        <p className="text-sm">
          You chose to wait. We reserve your {line.quantity === 1 ? 'copy' : 'copies'} as soon as a restock arrives, and
          the {amount} stays on hold until then. You can still cancel this line.
        </p>
      ) : (
        <>
          <p className="font-semibold">Your action is needed</p>
          <p className="text-sm">
            The warehouse has no copies to put aside for this line right now. Wait for a restock, or cancel this line
            and the {amount} held for it is released from your card.
          </p>
          {line.decideBy && (
            <p className="text-sm">
              If we hear nothing by <ClockTime iso={line.decideBy} className="font-semibold" />, we cancel it for you.
            </p>
          )}
        </>
      )}
      <div className="flex flex-wrap gap-2">
        {!line.waiting && (
          <button
            type="button"
            onClick={() => void answer('wait')}
            disabled={pending !== null}
            aria-label={`Wait for restock: ${line.title}`}
            className="btn btn-primary"
          >
            {pending === 'wait' ? <Spinner /> : null}
            Wait for restock
          </button>
        )}
        <button
          type="button"
          onClick={() => void answer('cancel')}
          disabled={pending !== null}
          aria-label={`Cancel this line: ${line.title}`}
          className="btn border border-red-300 bg-white text-red-800 hover:bg-red-50"
        >
          {pending === 'cancel' ? <Spinner /> : null}
          Cancel this line
        </button>
      </div>
      <p role="status" className="sr-only">
        {pending === 'wait' && 'Recording that you will wait…'}
        {pending === 'cancel' && 'Cancelling this line…'}
      </p>
      {error && (
        <p role="alert" className="rounded-lg border border-red-300 bg-white px-3 py-2 text-sm text-red-900">
          {error}
        </p>
      )}
    </div>
  );
}
