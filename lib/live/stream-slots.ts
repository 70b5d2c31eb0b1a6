// How many live streams one customer may hold open at once in this web process
// (SSE_STREAMS_PER_CUSTOMER). Each open stream holds a socket and a listener for as long as the
// tab lives; a script opening thousands would hold the process hostage. Counted per process, in
// memory: a customer spread over several web processes may hold that many in each, which still
// bounds what one process carries and costs no Redis round trip per stream (a Redis count would
// also have to survive a process dying with its streams open). Past the cap the answer is 429 and
// the page falls back to polling (components/live/use-event-stream.ts).
import { edgeConfig } from '../http/edge-config';

const holder = globalThis as unknown as { __streamSlots?: Map<string, number> };
const open = (holder.__streamSlots ??= new Map());

/** Takes one of the customer's stream slots: the function that gives it back, or null if none is free. */
export function takeStreamSlot(customerId: string, max = edgeConfig().SSE_STREAMS_PER_CUSTOMER): (() => void) | null {
  const held = open.get(customerId) ?? 0;
  if (held >= max) return null;
  open.set(customerId, held + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const now = (open.get(customerId) ?? 1) - 1;
    if (now <= 0) open.delete(customerId);
    else open.set(customerId, now);
  };
}

/** Streams the customer holds open in this process (tests, diagnostics). */
export const openStreamsOf = (customerId: string) => open.get(customerId) ?? 0;
