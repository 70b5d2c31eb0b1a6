'use client';
// The bookstore order page's data, under ['order-request', id], kept live (see use-live-snapshot.ts).
import type { OrderRequestView } from '@/lib/queries/order-request-view';
import { requestAwaitsStep } from '@/lib/waiting/pending-step';
import { useLiveSnapshot } from './use-live-snapshot';

export const orderRequestQueryKey = (id: string) => ['order-request', id] as const;

/** What GET /api/orders/{id}/stream sends for a bookstore order, as event `order-request`. */
export interface OrderRequestStreamEvent {
  request: OrderRequestView;
  /** Epoch ms of the (oldest) commit this event reports; null for the snapshot sent on open. */
  committedAt: number | null;
}

export function useLiveOrderRequest(initial: OrderRequestView) {
  const id = encodeURIComponent(initial.id);
  const { data, connection, refreshError } = useLiveSnapshot<OrderRequestView, OrderRequestStreamEvent>({
    initial,
    queryKey: orderRequestQueryKey(initial.id),
    url: `/api/orders/${id}`,
    fromBody: (body) => (body as { orderRequest: OrderRequestView }).orderRequest,
    streamUrl: `/api/orders/${id}/stream`,
    event: 'order-request',
    awaitsStep: requestAwaitsStep,
    fromEvent: (event) => event.request,
  });
  return { request: data, connection, refreshError };
}
