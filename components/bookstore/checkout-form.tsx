'use client';
// Checkout: where the parcel goes and which card holds the money. Submitting is the one step the
// customer waits for (see use-checkout.ts); the form keeps everything typed whatever the answer.
import { useState } from 'react';
import { formatMoney } from '../format';
import type { CardDraft } from '../forms/card';
import { CardFields } from '../forms/card-fields';
import type { FieldErrorsState } from '../forms/field-errors';
import { Spinner } from '../ui/spinner';
import { AddressFields } from './address-fields';
import { type AddressDraft, addressKey, newCheckoutDraft } from './checkout-draft';
import { CheckoutProblem } from './checkout-problem';
import type { Checkout } from './use-checkout';

export function CheckoutForm({
  formId,
  cartHeadingId,
  totalCents,
  checkout,
  fieldErrors,
}: {
  formId: string;
  cartHeadingId: string;
  totalCents: number;
  checkout: Checkout;
  fieldErrors: FieldErrorsState;
}) {
  const [draft, setDraft] = useState(newCheckoutDraft);
  const { phase, busy, problem } = checkout;

  function changeAddress(field: keyof AddressDraft, value: string) {
    setDraft((d) => ({ ...d, address: { ...d.address, [field]: value } }));
    fieldErrors.clear(addressKey(field));
  }

  function changeCard(field: keyof CardDraft, value: string) {
    setDraft((d) => ({ ...d, card: { ...d.card, [field]: value } }));
    fieldErrors.clear(`card.${field}`);
  }

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void checkout.submit(draft);
      }}
      noValidate
      aria-labelledby={`${formId}-heading`}
      aria-busy={phase === 'waiting'}
      className="card h-fit space-y-6 p-5 sm:p-6"
    >
      <h2 id={`${formId}-heading`} className="text-2xl font-semibold text-roast-900">
        Checkout
      </h2>
      <AddressFields formId={formId} address={draft.address} errors={fieldErrors.errors} onChange={changeAddress} />
      <CardFields formId={formId} card={draft.card} errors={fieldErrors.errors} onChange={changeCard}>
        <p className="rounded-xl bg-roast-50 p-3 text-sm text-roast-800">
          Test cards: <code className="font-mono">4242 4242 4242 4242</code> is approved,{' '}
          <code className="font-mono">4000 0000 0000 0002</code> is declined (any CVC, any future expiry).
        </p>
      </CardFields>

      {problem && (
        <CheckoutProblem problem={problem} formId={formId} cartHeadingId={cartHeadingId} errors={fieldErrors.errors} />
      )}

      <div className="space-y-2">
        <p className="text-sm text-roast-800">
          Your card will be authorised for <strong className="tabular-nums">{formatMoney(totalCents)}</strong> — a hold,
          not a charge.
        </p>
        <button type="submit" disabled={busy} className="btn btn-primary w-full py-3 text-base">
          {phase === 'waiting' ? (
            <>
              <Spinner />
              <span>Authorising your card…</span>
            </>
          ) : phase === 'succeeded' ? (
            <>
              <Spinner />
              <span>Order request received — opening it…</span>
            </>
          ) : (
            'Place order request'
          )}
        </button>
        <p role="status" className="sr-only">
          {phase === 'waiting' && 'Authorising your card…'}
          {phase === 'succeeded' && 'Order request received. Opening it…'}
        </p>
        <p className="text-center text-xs text-roast-600">
          You wait here only for the card&apos;s answer. Reserving, packing and shipping happen behind the scenes; you
          can follow them on the next page.
        </p>
      </div>
    </form>
  );
}
