// The reconciler: publishing an event is not delivering it. BullMQ keeps its jobs only in Redis;
// if Redis loses its data (restarted without persistence, flushed, failed over to a replica that
// lagged), jobs the relay already published vanish, the outbox says "published", and nothing
// would ever run them. So the relay process also walks every published row that is not yet
// consumed, and asks, per subscriber:
//
//   recorded it?     a processed-message row (consumer = the step's name), or a needs-attention
//                    item for (event, step): a person owns it now.        → nothing to do
//   younger than RECONCILE_AFTER_MS?                                       → give it time
//   job in BullMQ waiting, delayed or running?  a backlog, not a loss      → leave it (health
//                                                                            reports the lag)
//     …past STUCK_AFTER_MS, yet no BullMQ list holds it (its hash survived
//     a partial deletion)                                                  → drop it, add it again
//   job gone from BullMQ?  lost with Redis's data                          → add it again under its
//                                                                            original id (the event id)
//   job finished (failed, or completed without recording), and older than STUCK_AFTER_MS
//                                                                          → a needs-attention item
//                                                                            (EVENT.NOT_CONSUMED)
//
// Once every subscriber has recorded it the row is marked consumed (consumed_at), which takes it
// out of the walk and lets retention prune it a day later (lib/outbox/retention.ts).
//
// Publishing again is safe because consumption is idempotent twice over: the job id is the event
// id (BullMQ ignores a second add while it holds the job) and every handler records its event in
// its own transaction (lib/outbox/inbox.ts); calls to the card network and the courier are keyed.
// A re-published event whose first job is in fact still running somewhere changes nothing twice.
//
// One limit: processed-message rows are pruned after KEEP.processedMessages. An event older than
// that cannot be told apart from one never consumed, so it is not published again; it goes to a
// person instead.
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { raiseAttention } from '../reactions/step-failures';
import { db } from '../db/client';
import { consumersOf, jobOptionsFor, policyFor } from '../queue/policies';
import type { EventJob, QueueName } from '../queue/topology';
import { KEEP } from './retention';

export interface ReconcileSettings {
  /** A published event is checked this long after publishing (RECONCILE_AFTER_MS). */
  afterMs: number;
  /** Not consumed this long after publishing, and not merely queued: a person is asked (STUCK_AFTER_MS). */
  stuckAfterMs: number;
  /** Rows looked at per round at most; the next round carries on from there. */
  maxRows?: number;
}

export interface ReconcileResult {
  /** Rows looked at. */
  checked: number;
  /** Rows found consumed by every subscriber, and marked so. */
  consumed: number;
  /** Jobs added again because BullMQ no longer had them. */
  republished: number;
  /** Needs-attention items raised for events nobody consumed. */
  raised: number;
  /** Subscribers whose job is still queued or running (a backlog). */
  queued: number;
  /** Whether this round reached the newest row (the next starts again from the oldest). */
  wrapped: boolean;
}

const PAGE = 500;
/** Jobs looked for in BullMQ's lists per round, at most (see `orphaned`). */
const LIST_SEARCHES_PER_ROUND = 50;
// Leave a day's margin before processed-message rows are pruned (see the header).
const REPUBLISH_WITHIN_MS = KEEP.processedMessages - 24 * 3_600_000;

/** A job as the reconciler sees it: gone (lost, or removed), finished one way or the other, or still to run. */
type JobStand = 'gone' | 'completed' | 'failed' | 'in-flight';

type Row = { id: string; type: string; aggregateId: string; orderId: string; payload: unknown; publishedAt: Date | null };

export class Reconciler {
  /** Where the walk stopped: the next round resumes after it, so a long backlog cannot hide newer rows. */
  private cursor: { publishedAt: Date; id: string } | null = null;
  /** When each long-waiting job was last looked for in BullMQ's lists ("queue/id" → ms). */
  private readonly searched = new Map<string, number>();
  private searchesLeft = 0;

  constructor(
    private readonly queues: ReadonlyMap<QueueName, Queue>,
    /** The connection the queues use: where their keys are read. */
    private readonly redis: Redis,
    private readonly settings: ReconcileSettings,
  ) {}

  async round(now: Date = new Date()): Promise<ReconcileResult> {
    const result: ReconcileResult = { checked: 0, consumed: 0, republished: 0, raised: 0, queued: 0, wrapped: false };
    const maxRows = this.settings.maxRows ?? 2_000;
    this.searchesLeft = LIST_SEARCHES_PER_ROUND;
    while (result.checked < maxRows) {
      const rows = await this.page();
      if (rows.length === 0) {
        this.cursor = null;
        result.wrapped = true;
        this.forgetSearches(now);
        break;
      }
      await this.check(rows, now, result);
      result.checked += rows.length;
      const last = rows[rows.length - 1]!;
      this.cursor = { publishedAt: last.publishedAt!, id: last.id };
      if (rows.length < PAGE) {
        this.cursor = null;
        result.wrapped = true;
        this.forgetSearches(now);
        break;
      }
    }
    return result;
  }

  /** The next published, unconsumed rows after the cursor, oldest publication first. */
  private async page(): Promise<Row[]> {
    const after = this.cursor;
    return db().outboxMessage.findMany({
      where: {
        consumedAt: null,
        publishedAt: { not: null },
        ...(after ? { OR: [{ publishedAt: { gt: after.publishedAt } }, { publishedAt: after.publishedAt, id: { gt: after.id } }] } : {}),
      },
      orderBy: [{ publishedAt: 'asc' }, { id: 'asc' }],
      take: PAGE,
      select: { id: true, type: true, aggregateId: true, orderId: true, payload: true, publishedAt: true },
    });
  }

  private async check(rows: Row[], now: Date, result: ReconcileResult): Promise<void> {
    const recorded = await recordedSteps(rows);
    const consumed: string[] = [];
    const missing: { row: Row; queue: QueueName; step: string }[] = [];
    for (const row of rows) {
      const left = consumersOf(row.type).filter(({ step }) => !recorded.has(`${step}/${row.id}`));
      if (left.length === 0) consumed.push(row.id);
      // Young rows are most likely still on their way: no Redis round trips for them yet.
      else if (now.getTime() - row.publishedAt!.getTime() >= this.settings.afterMs) {
        for (const consumer of left) missing.push({ row, ...consumer });
      }
    }
    if (consumed.length > 0) {
      const { count } = await db().outboxMessage.updateMany({
        where: { id: { in: consumed }, consumedAt: null },
        data: { consumedAt: now },
      });
      result.consumed += count;
    }
    const states = await this.jobStates(missing);
    await Promise.all(missing.map((m, i) => this.settle(m, states[i]!, now, result)));
  }

  /**
   * Whether BullMQ holds the job's hash but none of its lists or sets holds the job. That search
   * is linear in the waiting list, so it is rationed: a job is searched for at most once per
   * STUCK_AFTER_MS, and at most LIST_SEARCHES_PER_ROUND jobs a round.
   */
  private async orphaned(q: Queue, id: string, now: Date): Promise<boolean> {
    const key = `${q.name}/${id}`;
    const last = this.searched.get(key);
    if ((last !== undefined && now.getTime() - last < this.settings.stuckAfterMs) || this.searchesLeft <= 0) return false;
    this.searchesLeft--;
    this.searched.set(key, now.getTime());
    return (await q.getJobState(id)) === 'unknown' && (await this.redis.exists(q.toKey(id))) === 1;
  }

  /** Keeps the search log from growing with history: entries older than a deadline are of no use. */
  private forgetSearches(now: Date): void {
    for (const [key, at] of this.searched) if (now.getTime() - at >= this.settings.stuckAfterMs) this.searched.delete(key);
  }

  /**
   * Where each job stands, in three constant-time reads per job, in one round trip. Not BullMQ's
   * getJobState: that searches the waiting list, and with a long backlog every call would scan
   * it. A job's hash exists for as long as BullMQ holds the job in any state.
   */
  private async jobStates(missing: { row: Row; queue: QueueName }[]): Promise<JobStand[]> {
    if (missing.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const { row, queue } of missing) {
      const q = this.queues.get(queue);
      if (!q) throw new Error(`no queue ${queue} for the reconciler`);
      pipeline.exists(q.toKey(row.id)).zscore(q.keys.completed!, row.id).zscore(q.keys.failed!, row.id);
    }
    const replies = (await pipeline.exec()) ?? [];
    return missing.map((_, i) => {
      const [exists, completed, failed] = [0, 1, 2].map((k) => {
        const [error, value] = replies[i * 3 + k] ?? [new Error('no reply'), null];
        if (error) throw error;
        return value;
      });
      if (exists === 0) return 'gone';
      if (failed !== null) return 'failed';
      return completed !== null ? 'completed' : 'in-flight';
    });
  }

  private async settle(
    { row, queue, step }: { row: Row; queue: QueueName; step: string },
    state: JobStand,
    now: Date,
    result: ReconcileResult,
  ) {
    const q = this.queues.get(queue)!;
    const age = now.getTime() - row.publishedAt!.getTime();
    // Waiting, delayed, running (or a queue paused by ops): a backlog, not a loss — unless it has
    // waited past the second deadline and no list holds it after all.
    if (state === 'in-flight') {
      if (age >= this.settings.stuckAfterMs && (await this.orphaned(q, row.id, now))) {
        // Its hash outlived its place in a list (keys deleted one by one, say): it would never
        // run. Drop the husk and publish the event again, as for a lost job.
        await q.remove(row.id);
        await q.add(row.type, jobOf(row), { ...jobOptionsFor(queue, row.type), jobId: row.id });
        result.republished++;
        return;
      }
      result.queued++;
      return;
    }
    const job = jobOf(row);
    if (state === 'gone' && age < REPUBLISH_WITHIN_MS) {
      // Lost with Redis's data. Same id, same options as the relay gave it: BullMQ ignores this
      // add if another process re-added it first, and the handler ignores the event if it ran.
      await q.add(row.type, job, { ...jobOptionsFor(queue, row.type), jobId: row.id });
      result.republished++;
      return;
    }
    if (age < this.settings.stuckAfterMs && state !== 'gone') return; // the worker may still be settling it
    const attempts = state === 'gone' ? 0 : ((await q.getJob(row.id))?.attemptsMade ?? 0);
    const settled = await raiseAttention({
      policy: policyFor(queue, row.type),
      job,
      error: {
        code: 'EVENT.NOT_CONSUMED',
        message:
          state === 'gone'
            ? `Published ${minutes(age)} ago, never recorded by ${step}, and too old to publish again safely.`
            : `Published ${minutes(age)} ago and never recorded by ${step}: its job ${state === 'failed' ? 'failed' : 'finished'} without settling the event.`,
      },
      attempts: Math.max(attempts, 1),
    });
    if (settled.raised) result.raised++;
  }
}

/** "step/eventId" for every subscriber that has recorded one of these events, or handed it to a person. */
async function recordedSteps(rows: Row[]): Promise<Set<string>> {
  const pairs = rows.flatMap((row) => consumersOf(row.type).map(({ step }) => ({ step, eventId: row.id })));
  if (pairs.length === 0) return new Set();
  const ids = rows.map((r) => r.id);
  const [processed, items] = await Promise.all([
    // By primary key (consumer, event_id): the table is large, and indexed on nothing else that helps.
    db().$queryRaw<{ consumer: string; event_id: string }[]>`
      SELECT p.consumer, p.event_id::text AS event_id FROM processed_messages p
      JOIN unnest(${pairs.map((p) => p.step)}::text[], ${pairs.map((p) => p.eventId)}::uuid[]) AS w(consumer, event_id)
        ON p.consumer = w.consumer AND p.event_id = w.event_id`,
    db().attentionItem.findMany({ where: { eventId: { in: ids } }, select: { eventId: true, step: true } }),
  ]);
  return new Set([...processed.map((p) => `${p.consumer}/${p.event_id}`), ...items.map((i) => `${i.step}/${i.eventId}`)]);
}

/** The job exactly as the relay built it (lib/outbox/relay.ts); a malformed payload is the worker's to report. */
function jobOf(row: Row): EventJob {
  return {
    eventId: row.id,
    type: row.type,
    aggregateId: row.aggregateId,
    orderId: row.orderId,
    data: row.payload as Record<string, unknown>,
  };
}

const minutes = (ms: number) => (ms < 120_000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms / 60_000)} min`);
