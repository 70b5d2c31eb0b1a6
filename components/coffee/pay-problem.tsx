'use client';
// The answer that kept the customer at the counter. A retryable answer says Pay is safe to press
// again (same payment); an outage after the card was asked links to the order; fields to fix are
// listed, each a link to its field.
import { describeDrink } from '@/lib/domain/coffee/menu';
import { capitalize } from '../format';
import { CARD_FIELDS, inputId } from '../forms/card';
import { type ErrorPlace, ErrorSummary } from '../forms/error-summary';
import type { FieldErrors } from '../forms/field-errors';
import { ProblemAlert } from '../forms/problem-alert';
import type { Problem } from '../forms/use-keyed-submit';
import type { Line } from './order-draft';

export function PayProblem({
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
  return (
    <ProblemAlert
      problem={problem}
      whenDeclined="Your order was cancelled and nothing was charged. Everything you entered is still here — you can try another card."
      whenRetryable="Pressing Pay again continues this same payment; it never charges twice."
    >
      {problem.code === 'VALIDATION' && (
        <ErrorSummary
          places={placesOf(formId, lines)}
          errors={errors}
          shownElsewhere={(key) => isErrorOfLine(key, lines.length)}
        />
      )}
    </ProblemAlert>
  );
}

function placesOf(formId: string, lines: Line[]): ErrorPlace[] {
  return [
    { key: 'customerName', href: `#${formId}-name`, text: 'Name for the cup' },
    { key: 'items', href: `#${formId}-order`, text: 'Your order' },
    ...lines.map((line, i) => ({
      key: `items.${i}.quantity`,
      href: `#${formId}-qty-${line.key}`,
      text: `Quantity of ${capitalize(describeDrink(line))}`,
    })),
    ...CARD_FIELDS.map((f) => ({ key: f.key, href: `#${inputId(formId, f.key)}`, text: f.label })),
  ];
}

/** Any other error about a line still on the order is shown beside that line (see cart-lines). */
function isErrorOfLine(key: string, lineCount: number): boolean {
  const line = /^items\.(\d+)\./.exec(key);
  return line !== null && Number(line[1]) < lineCount;
}
