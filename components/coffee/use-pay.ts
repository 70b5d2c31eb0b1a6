'use client';
// One payment attempt at the counter. The customer waits here for the card's final answer, and an
// attempt must never turn into two charges (see forms/use-keyed-submit.ts); on success the order
// page opens.
import { useRouter } from 'next/navigation';
import type { OrderSummary } from '@/lib/commands/order-summary';
import type { FieldErrorsState } from '../forms/field-errors';
import { type KeyedAction, useKeyedSubmit } from '../forms/use-keyed-submit';
import { type OrderDraft, toOrderInput, validate } from './order-draft';

export type PlaceOrderAction = KeyedAction<{ order: OrderSummary }>;

export function usePay(placeOrder: PlaceOrderAction, errors: Pick<FieldErrorsState, 'replace'>) {
  const router = useRouter();
  const { submit, ...attempt } = useKeyedSubmit({
    validate,
    send: (draft: OrderDraft, key) => placeOrder(toOrderInput(draft), key),
    onSuccess: ({ order }) => router.push(`/orders/${order.id}`),
    networkMessage:
      'We lost touch with the counter before the card answered. Press Pay again: it asks about the same payment, so you will not be charged twice.',
    errors,
  });
  return { ...attempt, pay: submit };
}
