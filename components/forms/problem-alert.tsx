'use client';
// The answer that kept the customer at the form (a declined card, fields to fix), as an alert that
// takes focus, so a screen reader hears it at once and the keyboard is next to what to do about
// it. What a declined card and a retryable answer mean is each shop's own to say; an answer about
// an order that exists (a payment being confirmed, a cart another tab checked out) links to it.
import Link from 'next/link';
import { type ReactNode, useEffect, useRef } from 'react';
import { type Problem, RETRYABLE_CODES } from './use-keyed-submit';

export function ProblemAlert({
  problem,
  whenDeclined,
  whenRetryable,
  children,
}: {
  problem: Problem;
  whenDeclined: ReactNode;
  /** That pressing the button again continues the same attempt, never a second one. */
  whenRetryable: ReactNode;
  children?: ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  // A new answer (even one worded like the last) takes focus again.
  useEffect(() => {
    ref.current?.focus();
  }, [problem]);

  const declined = problem.code === 'PAYMENT.DECLINED';
  const tone = declined ? 'border-red-300 bg-red-50 text-red-900' : 'border-amber-300 bg-amber-50 text-amber-950';
  return (
    <div ref={ref} role="alert" tabIndex={-1} className={`rounded-xl border p-4 text-sm ${tone}`}>
      <p className="font-semibold">{problem.message}</p>
      {declined && <p className="mt-1">{whenDeclined}</p>}
      {RETRYABLE_CODES.has(problem.code) && <p className="mt-1">{whenRetryable}</p>}
      {problem.orderUrl && (
        <p className="mt-1">
          <Link href={problem.orderUrl} className="font-semibold underline underline-offset-2">
            See your order
          </Link>
        </p>
      )}
      {children}
    </div>
  );
}
