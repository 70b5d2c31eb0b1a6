// One Redis subscriber per web process, fanning the live channel out to every open stream in
// this process. Any web instance can serve any order's stream because every instance hears every
// change.
import type { Redis } from 'ioredis';
import { LiveMessage, liveChannel } from './channel';
import { newRedis } from '../queue/redis';

type Listener = (message: LiveMessage) => void;

interface Hub {
  subscriber: Redis;
  byOrder: Map<string, Set<Listener>>;
  everything: Set<Listener>;
}

const holder = globalThis as unknown as { __liveHub?: Hub };

function hub(): Hub {
  if (holder.__liveHub) return holder.__liveHub;
  const subscriber = newRedis({ maxRetriesPerRequest: null });
  const created: Hub = { subscriber, byOrder: new Map(), everything: new Set() };
  void subscriber.subscribe(liveChannel()).catch(() => undefined);
  subscriber.on('message', (_channel: string, raw: string) => {
    let message: LiveMessage;
    try {
      message = LiveMessage.parse(JSON.parse(raw));
    } catch {
      return;
    }
    for (const listener of created.byOrder.get(message.orderId) ?? []) listener(message);
    for (const listener of created.everything) listener(message);
  });
  holder.__liveHub = created;
  return created;
}

/** Calls `listener` for every change to this order; returns the unsubscribe function. */
export function onOrderChange(orderId: string, listener: Listener): () => void {
  const { byOrder } = hub();
  const set = byOrder.get(orderId) ?? new Set();
  set.add(listener);
  byOrder.set(orderId, set);
  return () => {
    set.delete(listener);
    if (set.size === 0) byOrder.delete(orderId);
  };
}

/** Calls `listener` for every change to any order (the barista board). */
export function onAnyChange(listener: Listener): () => void {
  const { everything } = hub();
  everything.add(listener);
  return () => everything.delete(listener);
}
