'use client';
// Checkout: the card is authorised (a hold, nothing taken) and the order request is recorded,
// while the customer waits for that answer — once, however often the button is pressed (see
// use-keyed-submit.ts). On success the order page opens.
import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import type { OrderRequestSummary } from '@/lib/commands/place-book-order';
import type { ActionResult } from '@/lib/http/action-result';
import type { FieldErrorsState } from '../coffee/use-field-errors';
import { type CheckoutDraft, toCheckoutInput, validateCheckout } from './checkout-draft';
import { cartQueryKey } from './use-cart-count';
import { useKeyedSubmit } from './use-keyed-submit';

export type PlaceBookOrderAction = (
  input: unknown,
  idempotencyKey: string,
) => Promise<ActionResult<{ orderRequest: OrderRequestSummary }>>;

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
    networkMessage:
      'We lost touch with the shop before your card answered. Press “Place order request” again: it asks about the same request, so your card is never held twice.',
    errors,
  });
}

export type Checkout = ReturnType<typeof useCheckout>;
