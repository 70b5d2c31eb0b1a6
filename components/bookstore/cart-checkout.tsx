'use client';
// The cart page: the cart on one side, checkout on the other. While the card is being authorised
// the cart is locked, so the hold is for exactly what the customer sees.
import { useId } from 'react';
import type { CartView } from '@/lib/queries/cart';
import { useFieldErrors } from '../forms/field-errors';
import { NothingYet } from './nothing-yet';
import { CartLines } from './cart-lines';
import { CheckoutForm } from './checkout-form';
import { type CartActions, useCartEditor } from './use-cart-editor';
import { type PlaceBookOrderAction, useCheckout } from './use-checkout';

export function CartCheckout({
  initial,
  actions,
  placeOrder,
}: {
  initial: CartView;
  actions: CartActions;
  placeOrder: PlaceBookOrderAction;
}) {
  const formId = useId();
  const editor = useCartEditor(initial, actions);
  const fieldErrors = useFieldErrors();
  const checkout = useCheckout(placeOrder, fieldErrors);
  const cartHeadingId = `${formId}-cart`;

  if (editor.cart.lines.length === 0 && checkout.phase === 'idle') return <EmptyCart />;
  return (
    <div className="grid gap-8 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      <CartLines editor={editor} headingId={cartHeadingId} locked={checkout.busy} />
      <CheckoutForm
        formId={formId}
        cartHeadingId={cartHeadingId}
        totalCents={editor.cart.totalCents}
        checkout={checkout}
        fieldErrors={fieldErrors}
      />
    </div>
  );
}

function EmptyCart() {
  return (
    <NothingYet heading="Your cart is empty">
      Find something to read, add it to your cart, and come back here to check out.
    </NothingYet>
  );
}
