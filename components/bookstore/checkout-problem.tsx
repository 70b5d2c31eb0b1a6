'use client';
// The answer that kept the customer at checkout, with links to every field that needs fixing, and
// to the order when the cart was just checked out in another tab.
import Link from 'next/link';
import { CARD_FIELDS, inputId } from '../forms/card';
import { type ErrorPlace, ErrorSummary } from '../forms/error-summary';
import type { FieldErrors } from '../forms/field-errors';
import { ProblemAlert } from '../forms/problem-alert';
import type { Problem } from '../forms/use-keyed-submit';
import { ADDRESS_FIELDS, COUNTRY_LABEL, addressKey } from './checkout-draft';

export function CheckoutProblem({
  problem,
  formId,
  cartHeadingId,
  errors,
}: {
  problem: Problem;
  formId: string;
  cartHeadingId: string;
  errors: FieldErrors;
}) {
  return (
    <ProblemAlert
      problem={problem}
      whenDeclined="No order request was recorded and nothing is held on your card. Your cart and everything you typed are still here — you can try another card."
      whenRetryable="Pressing “Place order request” again continues this same attempt; your card is never held twice."
    >
      {problem.code === 'CART.EMPTY' && (
        <p className="mt-1">
          <Link href="/books" className="font-semibold underline underline-offset-2">
            Browse the books
          </Link>
        </p>
      )}
      <ErrorSummary places={placesOf(formId, cartHeadingId)} errors={errors} />
    </ProblemAlert>
  );
}

function placesOf(formId: string, cartHeadingId: string): ErrorPlace[] {
  const field = (key: string, text: string) => ({ key, href: `#${inputId(formId, key)}`, text });
  return [
    // The cart has no error text beside it, so its error is said here.
    { key: 'cart', href: `#${cartHeadingId}`, text: 'Books in your cart', withMessage: true },
    ...ADDRESS_FIELDS.map((f) => field(addressKey(f.name), f.label)),
    field(addressKey('country'), COUNTRY_LABEL),
    ...CARD_FIELDS.map((f) => field(f.key, f.label)),
  ];
}
