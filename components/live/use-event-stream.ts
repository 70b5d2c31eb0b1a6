'use client';
// A Server-Sent Events subscription that degrades honestly. The stream is the fast path; when it
// keeps failing the page falls back to polling, and keeps trying the stream again in the
// background. Whoever uses it refetches on every (re)open, because events sent while the stream
// was down are gone: the next full snapshot is what makes the page right again.
import { useEffect, useRef, useState } from 'react';

export type LiveState = 'connecting' | 'live' | 'reconnecting' | 'polling';

export const POLL_INTERVAL_MS = 2_000;
const ERRORS_BEFORE_POLLING = 3;
const OPEN_TIMEOUT_MS = 10_000;
const STREAM_RETRY_MS = 15_000;

export interface EventStreamOptions<T> {
  url: string;
  /** The SSE `event:` name whose JSON data is delivered to onData. */
  event: string;
  onData: (data: T) => void;
  /** Called on every open, the first and each reconnect. */
  onOpen: () => void;
  /** False closes the stream for good (say, once nothing more can change). */
  enabled?: boolean;
}

/** Opens the stream and reports how the page is being kept up to date. */
export function useEventStream<T>({ url, event, onData, onOpen, enabled = true }: EventStreamOptions<T>): LiveState {
  // Until the stream first opens the page shows the server's snapshot and says it is connecting.
  const [state, setState] = useState<LiveState>('connecting');
  const handlers = useRef({ onData, onOpen });
  useEffect(() => {
    handlers.current = { onData, onOpen };
  });

  useEffect(() => {
    if (!enabled) return;
    let source: EventSource | null = null;
    let errors = 0;
    let polling = false;
    let openTimer: ReturnType<typeof setTimeout> | undefined;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;

    const stopOpenTimer = () => {
      clearTimeout(openTimer);
      openTimer = undefined;
    };
    // Ten seconds without an open stream counts as down, however few errors it reported.
    const startOpenTimer = () => {
      openTimer ??= setTimeout(fallBackToPolling, OPEN_TIMEOUT_MS);
    };

    function fallBackToPolling() {
      source?.close();
      source = null;
      stopOpenTimer();
      polling = true;
      setState('polling');
      clearTimeout(retryTimer);
      retryTimer = setTimeout(connect, STREAM_RETRY_MS);
    }

    function connect() {
      retryTimer = undefined;
      errors = 0;
      const es = new EventSource(url);
      source = es;
      startOpenTimer();
      es.onopen = () => {
        stopOpenTimer();
        errors = 0;
        polling = false;
        setState('live');
        handlers.current.onOpen();
      };
      es.addEventListener(event, (message) => {
        let data: T;
        try {
          data = JSON.parse((message as MessageEvent<string>).data) as T;
        } catch {
          return;
        }
        handlers.current.onData(data);
      });
      es.onerror = () => {
        errors += 1;
        // CLOSED means the browser gave up (an error status, say): it will not retry by itself.
        if (es.readyState === EventSource.CLOSED || errors >= ERRORS_BEFORE_POLLING) {
          fallBackToPolling();
          return;
        }
        // While polling, a failed retry of the stream changes nothing the reader needs to know.
        if (!polling) setState('reconnecting');
        startOpenTimer();
      };
    }

    connect();
    return () => {
      source?.close();
      stopOpenTimer();
      clearTimeout(retryTimer);
    };
  }, [url, event, enabled]);

  return state;
}
