'use client';
// Checkout: the card is authorised (a hold, nothing taken) and the order request is recorded,
// while the customer waits for that answer — once, however often the button is pressed (see
// forms/use-keyed-submit.ts). On success the order page opens.
import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import type { OrderRequestSummary } from '@/lib/commands/place-book-order';
import type { FieldErrorsState } from '../forms/field-errors';
import { type KeyedAction, useKeyedSubmit } from '../forms/use-keyed-submit';
import { type CheckoutDraft, toCheckoutInput, validateCheckout } from './checkout-draft';
import { cartQueryKey } from './use-cart-count';

export type PlaceBookOrderAction = KeyedAction<{ orderRequest: OrderRequestSummary }>;

export function useCheckout(placeOrder: PlaceBookOrderAction, errors: Pick<FieldErrorsState, 'replace'>) {
  const router = useRouter();
  const queryClient = useQueryClient();
  return useKeyedSubmit({
    validate: validateCheckout,
    send: (draft: CheckoutDraft, key) => placeOrder(toCheckoutInput(draft), key),
    onSuccess: ({ orderRequest }) => {
      // The books left the cart with the request; the header's count must say so.
      void queryClient.invalidateQueries({ queryKey: cartQueryKey });
      router.push(`/orders/${orderRequest.id}`);
    },
    // Checked out in another tab, or changed meanwhile: the cart on this page is out of date.
    onProblem: ({ code }) => {
      if (code.startsWith('CART.')) {
        void queryClient.invalidateQueries({ queryKey: cartQueryKey });
        router.refresh();
      }
    },
    networkMessage:
      'We lost touch with the shop before your card answered. Press “Place order request” again: it asks about the same request, so your card is never held twice.',
    errors,
  });
}

export type Checkout = ReturnType<typeof useCheckout>;
