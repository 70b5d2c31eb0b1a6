// The queues, as the ops page sees and steers them. Pausing is BullMQ's own: the flag is kept in
// Redis with the queue, so every worker process stops taking that queue's jobs (the ones already
// running finish), and it stays paused across restarts until someone resumes it.
//
// One Redis connection and one Queue per name per process, for the web process's ops pages and
// the queue dashboard (lib/switches/queue-dashboard.ts).
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { openQueues } from '../queue/queues';
import { newRedis } from '../queue/redis';
import { QUEUES, type QueueName } from '../queue/topology';

const holder = globalThis as unknown as { __opsRedis?: Redis; __opsQueues?: Map<QueueName, Queue> };

/** Ops pages' connection: commands wait briefly for a (re)connection rather than failing at once. */
export function opsRedis(): Redis {
  holder.__opsRedis ??= newRedis({ maxRetriesPerRequest: 1 });
  return holder.__opsRedis;
}

export function opsQueues(): Map<QueueName, Queue> {
  holder.__opsQueues ??= openQueues(opsRedis());
  return holder.__opsQueues;
}

export const QUEUE_NAMES = Object.values(QUEUES) as QueueName[];

export function isQueueName(name: unknown): name is QueueName {
  return typeof name === 'string' && (QUEUE_NAMES as string[]).includes(name);
}

/** What each queue is for, in the words of lib/queue/topology.ts (shown on the ops pages). */
export const QUEUE_PURPOSES: Record<QueueName, string> = {
  tickets: 'Barista tickets: open one, learn it is paid, toss it.',
  brewing: 'Making drinks, as many at once as there are stations.',
  payments: 'Money after the fact: refunds, captures for what ships, releases.',
  inventory: "The warehouse: each book's stock.",
  fulfilment: 'The order request learning what the warehouse, cashier and courier did.',
  shipping: 'Handing parcels to the courier.',
  notifications: 'The e-mails the shop sends.',
};

export interface QueueState {
  name: QueueName;
  purpose: string;
  paused: boolean;
  counts: { waiting: number; active: number; delayed: number; failed: number; completed: number };
}

function queue(name: QueueName): Queue {
  const q = opsQueues().get(name);
  if (!q) throw new Error(`unknown queue ${name}`);
  return q;
}

export async function queueStates(): Promise<QueueState[]> {
  return Promise.all(
    QUEUE_NAMES.map(async (name) => {
      const q = queue(name);
      const [paused, counts] = await Promise.all([
        q.isPaused(),
        q.getJobCounts('wait', 'prioritized', 'waiting-children', 'active', 'delayed', 'failed', 'completed'),
      ]);
      const n = (key: string) => counts[key] ?? 0;
      return {
        name,
        purpose: QUEUE_PURPOSES[name],
        paused,
        counts: {
          waiting: n('wait') + n('prioritized') + n('waiting-children'),
          active: n('active'),
          delayed: n('delayed'),
          failed: n('failed'),
          completed: n('completed'),
        },
      };
    }),
  );
}

export async function setQueuePaused(name: QueueName, paused: boolean): Promise<void> {
  if (paused) await queue(name).pause();
  else await queue(name).resume();
}

export async function resumeAllQueues(): Promise<void> {
  await Promise.all(QUEUE_NAMES.map((name) => queue(name).resume()));
}
