// "Something changed on this order": one Redis pub/sub message per committed transaction.
// Every web process relays it to the order's open streams, and the outbox relay takes it as a
// hint to sweep now rather than at its next tick. Losing a message costs latency, not truth: streams
// resync on reconnect, pages fall back to polling, open pages still waiting on a step check in every
// few seconds (components/live/use-live-snapshot.ts), and the relay sweeps anyway.
import { z } from 'zod';
import { config } from '../config';
import { commandRedis, redisIsReady, waitForRedis } from '../queue/redis';

export const LiveMessage = z.object({
  orderId: z.string(),
  types: z.array(z.string()),
  committedAt: z.number(),
});
export type LiveMessage = z.infer<typeof LiveMessage>;

export function liveChannel(): string {
  return `${config().QUEUE_PREFIX}:live`;
}

export async function announce(message: LiveMessage): Promise<void> {
  try {
    // The command connection fails fast while it is down; a process's first announcement would
    // be lost while it is still connecting, so give that a moment.
    if (!redisIsReady()) await waitForRedis(commandRedis(), 1_000);
    await commandRedis().publish(liveChannel(), JSON.stringify(message));
  } catch {
    // Best effort by design (see the top of this file).
  }
}
