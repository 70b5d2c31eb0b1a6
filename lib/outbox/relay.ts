// The outbox relay: publishes every unpublished outbox row to the queues of its subscribers, then
// marks it published. It sweeps; it does not trust anyone to have flushed. A crash between
// publishing and marking means the rows go out again on the next sweep: BullMQ drops a job whose
// id (the event id) it still holds, and consumers drop an event id they already processed.
// Each job carries its step's retry budget (lib/queue/policies.ts).
//
// Publishing is not the end of a row: lib/outbox/reconcile.ts checks later that every subscriber
// consumed it. Rows no subscriber waits for are marked consumed here at once. A row of a type
// nobody expects (neither subscribed nor a known timeline-only fact) is not dropped silently: it
// goes on the needs-attention list, and counts as consumed (a person owns it now).
import type { JobsOptions, Queue } from 'bullmq';
import { raiseAttention } from '../reactions/step-failures';
import { pool } from '../db/client';
import { UNROUTED_STEP, jobOptionsFor, whatOfStep } from '../queue/policies';
import { type EventJob, type QueueName, isRoutable, subscribersOf } from '../queue/topology';

export interface SweepResult {
  published: number;
  jobs: number;
}

interface OutboxRow {
  id: string;
  type: string;
  aggregateId: string;
  orderId: string;
  payload: unknown;
}

export interface RelayHooks {
  /** Fault injection for tests: runs after publishing, before marking the rows published. */
  afterPublish?: () => void | Promise<void>;
}

export async function sweepOutbox(queues: ReadonlyMap<QueueName, Queue>, batchSize = 500, hooks: RelayHooks = {}): Promise<SweepResult> {
  // Plain SQL on the pool: the relay runs this after every commit it hears of, and Prisma's query
  // engine adds its own work to every statement (decision 26).
  const { rows } = await pool().query<OutboxRow>(
    `SELECT id, type, aggregate_id AS "aggregateId", order_id AS "orderId", payload
       FROM outbox WHERE published_at IS NULL ORDER BY created_at LIMIT $1`,
    [batchSize],
  );
  if (rows.length === 0) return { published: 0, jobs: 0 };

  const byQueue = new Map<QueueName, { name: string; data: EventJob; opts: JobsOptions }[]>();
  const heardByNone = new Set<string>();
  for (const row of rows) {
    if (!isRoutable(row.type)) await raiseUnrouted(row);
    if (subscribersOf(row.type).length === 0) heardByNone.add(row.id);
    for (const queue of subscribersOf(row.type)) {
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
  // The whole batch marked in one statement: published, and consumed too where nobody listens.
  await pool().query(
    `UPDATE outbox
        SET published_at = $1::timestamptz,
            consumed_at = CASE WHEN id = ANY($2::uuid[]) THEN $1::timestamptz ELSE consumed_at END
      WHERE id = ANY($3::uuid[])`,
    [new Date(), [...heardByNone], rows.map((r) => r.id)],
  );
  return { published: rows.length, jobs };
}

/** An event of a type no step expects: a person decides (raised once per event; a re-sweep changes nothing). */
async function raiseUnrouted(row: { id: string; type: string; orderId: string }): Promise<void> {
  await raiseAttention({
    policy: { queue: 'relay', step: UNROUTED_STEP, what: whatOfStep(UNROUTED_STEP)! },
    job: { eventId: row.id, orderId: row.orderId },
    error: { code: 'EVENT.UNROUTED', message: `No step listens to ${row.type} events, and none is known to need none.` },
    attempts: 0,
  });
}
