'use client';
// The coffee order page's data, under ['order', id], kept live (see use-live-snapshot.ts).
import type { OrderStreamEvent, OrderView } from '@/lib/queries/order-view';
import { orderAwaitsStep } from '@/lib/waiting/pending-step';
import { useLiveSnapshot } from './use-live-snapshot';

export const orderQueryKey = (id: string) => ['order', id] as const;

export function useLiveOrder(initial: OrderView) {
  const id = encodeURIComponent(initial.id);
  const { data, connection, refreshError } = useLiveSnapshot<OrderView, OrderStreamEvent>({
    initial,
    queryKey: orderQueryKey(initial.id),
    url: `/api/orders/${id}`,
    fromBody: (body) => (body as { order: OrderView }).order,
    streamUrl: `/api/orders/${id}/stream`,
    event: 'order',
    awaitsStep: orderAwaitsStep,
    fromEvent: (event) => event.order,
  });
  return { order: data, connection, refreshError };
}
