'use client';
// A server-rendered view kept current: TanStack Query holds it under the caller's key, the SSE
// stream pushes new whole snapshots into that cache, and polling takes over when the stream cannot
// be kept open. Both order pages (a coffee order, a bookstore order request) are kept live so.
//
// A stream that stays open can still miss a change: the announcement is Redis pub/sub, best effort
// (lib/live/channel.ts). So while the view says a step behind the counter is still to run, the page
// also asks for the whole view every CHECK_IN_MS; a missed change is then late, never lost. A
// view with nothing pending costs nothing.
import { type QueryKey, useQuery, useQueryClient } from '@tanstack/react-query';
import { POLL_INTERVAL_MS, useEventStream } from './use-event-stream';

/** How often a live page re-reads a view that is still waiting on a step (see the top of this file). */
export const CHECK_IN_MS = 10_000;

/** Snapshots can arrive out of order (a slow fetch, a stream event): the newest revision wins. */
export function newest<T extends { revision: number }>(cached: T | undefined, incoming: T): T {
  return !cached || incoming.revision >= cached.revision ? incoming : cached;
}

interface LiveSnapshotOptions<T, E> {
  initial: T;
  queryKey: QueryKey;
  /** GET url of the whole view, and how to take the view out of its JSON body. */
  url: string;
  fromBody: (body: unknown) => T;
  /** SSE url and event name, and how to take the view out of an event. */
  streamUrl: string;
  event: string;
  fromEvent: (event: E) => T;
  /** Whether the view still waits on a step behind the counter (lib/waiting/pending-step.ts). */
  awaitsStep: (view: T) => boolean;
}

/** A server-rendered view kept current by a stream of whole snapshots, or by polling. */
export function useLiveSnapshot<T extends { revision: number }, E>(options: LiveSnapshotOptions<T, E>) {
  const { initial, queryKey, url, fromBody, streamUrl, event, fromEvent, awaitsStep } = options;
  const queryClient = useQueryClient();

  // useEventStream keeps the newest handlers itself, so these need no memoising.
  const onData = (data: E) => queryClient.setQueryData<T>(queryKey, (cached) => newest(cached, fromEvent(data)));
  const onOpen = () => void queryClient.invalidateQueries({ queryKey });

  const connection = useEventStream<E>({ url: streamUrl, event, onData, onOpen });

  const query = useQuery({
    queryKey,
    queryFn: async (): Promise<T> => newest(queryClient.getQueryData<T>(queryKey), fromBody(await fetchJson(url))),
    initialData: initial,
    refetchInterval: (query) => {
      if (connection === 'polling') return POLL_INTERVAL_MS;
      return awaitsStep(query.state.data ?? initial) ? CHECK_IN_MS : false;
    },
  });

  // initialData means data is always there; TypeScript cannot see that through the generic T.
  return { data: query.data ?? initial, connection, refreshError: query.error };
}

/** GET a page's data as JSON, never from a cache; a failed status is an error for the query. */
export async function fetchJson(url: string): Promise<unknown> {
  const response = await fetch(url, { cache: 'no-store', headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`Could not load the page's data (HTTP ${response.status}).`);
  return response.json();
}
