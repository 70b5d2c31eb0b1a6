'use client';
// The answer that kept the customer at the counter, as an alert that takes focus so a screen
// reader hears it at once. A retryable answer says Pay is safe to press again (same payment).
import { useEffect, useRef } from 'react';
import { ErrorSummary } from './error-summary';
import type { FieldErrors, Line } from './order-draft';
import { type Problem, RETRYABLE_CODES } from './use-pay';

export function ProblemAlert({
  problem,
  formId,
  errors,
  lines,
}: {
  problem: Problem;
  formId: string;
  errors: FieldErrors;
  lines: Line[];
}) {
  const alertRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    alertRef.current?.focus();
  }, [problem]);

  return (
    <div
      ref={alertRef}
      role="alert"
      tabIndex={-1}
      className={`rounded-xl border p-4 text-sm ${
        problem.code === 'PAYMENT.DECLINED'
          ? 'border-red-300 bg-red-50 text-red-900'
          : 'border-amber-300 bg-amber-50 text-amber-950'
      }`}
    >
      <p className="font-semibold">{problem.message}</p>
      {problem.code === 'PAYMENT.DECLINED' && (
        <p className="mt-1">
          Your order was cancelled and nothing was charged. Everything you entered is still here — you can try
          another card.
        </p>
      )}
      {RETRYABLE_CODES.has(problem.code) && (
        <p className="mt-1">Pressing Pay again continues this same payment; it never charges twice.</p>
      )}
      {problem.code === 'VALIDATION' && <ErrorSummary formId={formId} errors={errors} lines={lines} />}
    </div>
  );
}
