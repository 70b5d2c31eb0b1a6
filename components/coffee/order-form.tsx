'use client';
// The counter: choose drinks, then pay and wait for the card's final answer. This is the one
// synchronous step of the coffee scenario, so the form holds the customer here until the answer
// comes back, and never lets one attempt turn into two charges (see use-pay.ts).
//
// The pieces: use-cart.ts (the lines and their totals), use-pay.ts (the payment attempt),
// order-draft.ts (the plain rules), the presentational parts — menu, cart lines, payment fields,
// pay problem — and what both shops' forms share, in ../forms (errors beside the fields, the card).
import { useId, useState } from 'react';
import type { MenuView } from '@/lib/queries/menu';
import { formatMoney } from '../format';
import { type CardDraft, newCardDraft } from '../forms/card';
import { useFieldErrors } from '../forms/field-errors';
import { Spinner } from '../ui/spinner';
import { CartLines } from './cart-lines';
import { Menu } from './menu';
import { PayProblem } from './pay-problem';
import { PaymentFields } from './payment-fields';
import { useCart } from './use-cart';
import { type PlaceOrderAction, usePay } from './use-pay';

export type { PlaceOrderAction } from './use-pay';

export function OrderForm({ menu, placeOrder }: { menu: MenuView; placeOrder: PlaceOrderAction }) {
  const formId = useId();
  const fieldErrors = useFieldErrors();
  const cart = useCart(fieldErrors);
  const { phase, busy, problem, pay } = usePay(placeOrder, fieldErrors);
  const [customerName, setCustomerName] = useState('');
  const [card, setCard] = useState(newCardDraft);

  function changeName(value: string) {
    setCustomerName(value);
    fieldErrors.clear('customerName');
  }

  function changeCard(field: keyof CardDraft, value: string) {
    setCard((c) => ({ ...c, [field]: value }));
    fieldErrors.clear(`card.${field}`);
  }

  return (
    <div className="grid gap-8 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      {/* Locked while paying: what is paid for is what the counter was sent. */}
      <Menu formId={formId} menu={menu} onAdd={cart.add} locked={busy} />

      <form
        onSubmit={(event) => {
          event.preventDefault();
          void pay({ lines: cart.lines, customerName, card });
        }}
        noValidate
        aria-labelledby={`${formId}-order`}
        aria-busy={phase === 'waiting'}
        className="card h-fit space-y-6 p-5 sm:p-6 lg:sticky lg:top-6"
      >
        <div>
          <h2 id={`${formId}-order`} className="text-2xl font-semibold text-roast-900">
            Your order
          </h2>
          <p role="status" className="sr-only">
            {cart.announcement}
          </p>
          <CartLines formId={formId} cart={cart} errors={fieldErrors.errors} busy={busy} />
        </div>

        <fieldset disabled={busy} className="min-w-0 space-y-6">
          <legend className="sr-only">Name and card</legend>
          <PaymentFields
            formId={formId}
            customerName={customerName}
            card={card}
            errors={fieldErrors.errors}
            onNameChange={changeName}
            onCardChange={changeCard}
          />
        </fieldset>

        {problem && <PayProblem problem={problem} formId={formId} errors={fieldErrors.errors} lines={cart.lines} />}

        <button type="submit" disabled={busy} className="btn btn-primary w-full py-3 text-base">
          {phase === 'waiting' ? (
            <>
              <Spinner />
              <span>Paying… (waiting for your card)</span>
            </>
          ) : phase === 'succeeded' ? (
            <>
              <Spinner />
              <span>Paid — opening your order…</span>
            </>
          ) : (
            `Pay ${formatMoney(cart.total)}`
          )}
        </button>
        <p className="text-center text-xs text-roast-600">
          You wait here for the card&apos;s answer. The barista may start your drink meanwhile; if the card is declined,
          they bin it.
        </p>
      </form>
    </div>
  );
}
