// The outbox relay: publishes every unpublished outbox row to the queues of its subscribers, then
// marks it published. It sweeps; it does not trust anyone to have flushed. A crash between
// publishing and marking means the rows go out again on the next sweep: BullMQ drops a job whose
// id (the event id) it still holds, and consumers drop an event id they already processed.
// Each job carries its step's retry budget (lib/queue/policies.ts).
import type { JobsOptions, Queue } from 'bullmq';
import { db } from '../db/client';
import { jobOptionsFor } from '../queue/policies';
import { type EventJob, type QueueName, SUBSCRIPTIONS } from '../queue/topology';

export interface SweepResult {
  published: number;
  jobs: number;
}

export interface RelayHooks {
  /** Fault injection for tests: runs after publishing, before marking the rows published. */
  afterPublish?: () => void | Promise<void>;
}

export async function sweepOutbox(
  queues: ReadonlyMap<QueueName, Queue>,
  batchSize = 500,
  hooks: RelayHooks = {},
): Promise<SweepResult> {
  const rows = await db().outboxMessage.findMany({
    where: { publishedAt: null },
    orderBy: { createdAt: 'asc' },
    take: batchSize,
    select: { id: true, type: true, aggregateId: true, orderId: true, payload: true },
  });
  if (rows.length === 0) return { published: 0, jobs: 0 };

  const byQueue = new Map<QueueName, { name: string; data: EventJob; opts: JobsOptions }[]>();
  for (const row of rows) {
    for (const queue of SUBSCRIPTIONS[row.type] ?? []) {
      const list = byQueue.get(queue) ?? [];
      list.push({
        name: row.type,
        data: {
          eventId: row.id,
          type: row.type,
          aggregateId: row.aggregateId,
          orderId: row.orderId,
          data: row.payload as Record<string, unknown>,
        },
        opts: { ...jobOptionsFor(queue, row.type), jobId: row.id },
      });
      byQueue.set(queue, list);
    }
  }
  let jobs = 0;
  for (const [name, list] of byQueue) {
    const queue = queues.get(name);
    if (!queue) throw new Error(`no queue ${name} for the relay`);
    await queue.addBulk(list);
    jobs += list.length;
  }
  await hooks.afterPublish?.();
  await db().outboxMessage.updateMany({
    where: { id: { in: rows.map((r) => r.id) } },
    data: { publishedAt: new Date() },
  });
  return { published: rows.length, jobs };
}
