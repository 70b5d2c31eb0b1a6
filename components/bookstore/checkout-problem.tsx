'use client';
// The answer that kept the customer at checkout, with links to every field that needs fixing.
import Link from 'next/link';
import { CARD_FIELDS } from '../coffee/order-draft';
import { type Problem, RETRYABLE_CODES } from '../coffee/use-pay';
import { ADDRESS_FIELDS, COUNTRY_LABEL, type FieldErrors, addressKey, inputId } from './checkout-draft';
import { FocusAlert } from './focus-alert';

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
  const declined = problem.code === 'PAYMENT.DECLINED';
  return (
    <FocusAlert tone={declined ? 'red' : 'amber'} focusKey={problem}>
      <p className="font-semibold">{problem.message}</p>
      {declined && (
        <p className="mt-1">
          No order request was recorded and nothing is held on your card. Your cart and everything you typed are still
          here — you can try another card.
        </p>
      )}
      {RETRYABLE_CODES.has(problem.code) && (
        <p className="mt-1">
          Pressing “Place order request” again continues this same attempt; your card is never held twice.
        </p>
      )}
      {problem.code === 'CART.EMPTY' && (
        <p className="mt-1">
          <Link href="/books" className="font-semibold underline underline-offset-2">
            Browse the books
          </Link>
        </p>
      )}
      <ErrorSummary places={placesOf(formId, cartHeadingId)} errors={errors} />
    </FocusAlert>
  );
}

interface Place {
  key: string;
  href: string;
  text: string;
}

function placesOf(formId: string, cartHeadingId: string): Place[] {
  const field = (key: string, text: string) => ({ key, href: `#${inputId(formId, key)}`, text });
  return [
    { key: 'cart', href: `#${cartHeadingId}`, text: 'Books in your cart' },
    ...ADDRESS_FIELDS.map((f) => field(addressKey(f.name), f.label)),
    field(addressKey('country'), COUNTRY_LABEL),
    ...CARD_FIELDS.map((f) => field(f.key, f.label)),
  ];
}

/** Each error as a link to its field; one the form has no field for is still listed, as text. */
function ErrorSummary({ places, errors }: { places: Place[]; errors: FieldErrors }) {
  const links = places.filter((p) => errors[p.key]);
  const strays = Object.entries(errors).filter(([key]) => !places.some((p) => p.key === key));
  if (links.length === 0 && strays.length === 0) return null;
  return (
    <div className="mt-2">
      <p>Please check:</p>
      <ul className="mt-1 list-inside list-disc">
        {links.map((l) => (
          <li key={l.key}>
            <a href={l.href} className="underline underline-offset-2">
              {l.text}
            </a>
            {l.key === 'cart' && <>: {errors.cart}</>}
          </li>
        ))}
        {strays.map(([key, message]) => (
          <li key={key}>{message}</li>
        ))}
      </ul>
    </div>
  );
}
