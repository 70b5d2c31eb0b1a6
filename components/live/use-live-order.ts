'use client';
// The order page's data: TanStack Query holds it under ['order', id]; the SSE stream pushes new
// snapshots into that cache, and polling takes over when the stream cannot be kept open.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { OrderStreamEvent, OrderView } from '@/lib/queries/order-view';
import { POLL_INTERVAL_MS, useEventStream } from './use-event-stream';

export const orderQueryKey = (id: string) => ['order', id] as const;

async function fetchOrder(id: string): Promise<OrderView> {
  const response = await fetch(`/api/orders/${encodeURIComponent(id)}`, {
    cache: 'no-store',
    headers: { accept: 'application/json' },
  });
  if (!response.ok) throw new Error(`Could not load the order (HTTP ${response.status}).`);
  const body = (await response.json()) as { order: OrderView };
  return body.order;
}

/** Snapshots can arrive out of order (a slow fetch, a stream event): the newest revision wins. */
const newest = (cached: OrderView | undefined, incoming: OrderView) =>
  !cached || incoming.revision >= cached.revision ? incoming : cached;

export function useLiveOrder(initial: OrderView) {
  const id = initial.id;
  const queryClient = useQueryClient();

  const onData = useCallback(
    ({ order }: OrderStreamEvent) =>
      queryClient.setQueryData<OrderView>(orderQueryKey(id), (cached) => newest(cached, order)),
    [queryClient, id],
  );
  const onOpen = useCallback(() => void queryClient.invalidateQueries({ queryKey: orderQueryKey(id) }), [queryClient, id]);

  const connection = useEventStream<OrderStreamEvent>({
    url: `/api/orders/${encodeURIComponent(id)}/stream`,
    event: 'order',
    onData,
    onOpen,
  });

  const query = useQuery({
    queryKey: orderQueryKey(id),
    queryFn: async () => newest(queryClient.getQueryData<OrderView>(orderQueryKey(id)), await fetchOrder(id)),
    initialData: initial,
    refetchInterval: connection === 'polling' ? POLL_INTERVAL_MS : false,
  });

  return { order: query.data, connection, refreshError: query.error };
}
