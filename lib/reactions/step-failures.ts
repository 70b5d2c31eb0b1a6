// What the shop does when a step behind the counter fails: after every failed attempt, the step's
// failure hook (tell the customer their parcel is delayed); once it has no attempts left, or
// failed for good, its exhaustion policy — a compensation, or an item on the needs-attention list
// for a person. Called by the worker process (workers/main.ts); every function here is safe to
// run twice for the same failure.
import { z } from 'zod';
import { markShipmentDelayed } from '../domain/bookstore/order-request';
import type { Origin } from '../outbox/append';
import { markProcessed } from '../outbox/inbox';
import { type UnitOfWork, transact } from '../outbox/unit-of-work';
import type { FailureDescription } from '../queue/errors';
import { type FailureHookName, type FailureKind, type StepPolicy, whatOfStep } from '../queue/policies';
import type { EventJob } from '../queue/topology';
import { orderRequests } from '../db/order-requests';
import { StepRefused, changeAggregate } from '../outbox/change-aggregate';
import { runCompensation } from './compensations';

export interface StepFailure {
  policy: StepPolicy;
  job: EventJob;
  error: FailureDescription;
  kind: FailureKind;
  /** Attempts made, this one included. */
  attempts: number;
}

const SYSTEM: Origin = { mode: 'async', actor: 'system' };

/** An attention item's error, as stored: "CODE: message". */
export const errorText = (error: FailureDescription) => `${error.code}: ${error.message}`;

// ---------------------------------------------------------------------------------------------
// After each failed attempt

const LineOfJob = z.object({ lineId: z.string().uuid() });

const HOOKS: Record<FailureHookName, (failure: StepFailure) => Promise<void>> = {
  /** The courier would not take the parcel: the customer sees "delayed" from the first failure. */
  'mark-shipment-delayed': async ({ job, error }) => {
    const line = LineOfJob.safeParse(job.data);
    if (!line.success) return;
    await transact((uow) =>
      changeAggregate(uow, orderRequests, job.orderId, { mode: 'async', actor: 'courier' }, (request, ctx) =>
        markShipmentDelayed(request, line.data.lineId, error.code, ctx),
      ),
    );
  },
};

export async function runFailureHook(failure: StepFailure): Promise<void> {
  const hook = failure.policy.onFailure;
  if (hook) await HOOKS[hook](failure);
}

// ---------------------------------------------------------------------------------------------
// Out of attempts, or failed for good

export type Settled = { by: 'compensation'; acted: boolean } | { by: 'attention'; itemId: string; raised: boolean };

/**
 * What the needs-attention list needs to know of a failure. Wider than StepFailure: the relay
 * raises items for events no queue takes (no queue of ours), and the worker for jobs too malformed
 * to name their order (no order id).
 */
export interface AttentionFailure {
  policy: Pick<StepPolicy, 'step' | 'what'> & { queue: string };
  job: { eventId: string; orderId: string | null; data?: Record<string, unknown> | undefined };
  error: FailureDescription;
  attempts: number;
}

/**
 * Runs the step's exhaustion policy. A compensation the domain refuses (say, the order is gone)
 * is not the end of it: a person is asked instead. Any other error is thrown, and the caller tries
 * again later (the failure must not be lost).
 */
export async function settleExhaustedStep(failure: StepFailure): Promise<Settled> {
  const { policy, job, error } = failure;
  if (policy.exhausted === 'compensate' && policy.compensation) {
    try {
      const acted = await runCompensation(policy.compensation, { orderId: job.orderId, failure: error }, SYSTEM);
      // The step is settled for good, by its compensation: recorded as its consumer's, like a step
      // that ran, so the reconciler (lib/outbox/reconcile.ts) does not take the event for lost and
      // publish it again. Nothing else reads this row for a failed step.
      await transact(({ tx, ctx }) => markProcessed(tx, policy.step, job.eventId, ctx.now));
      return { by: 'compensation', acted };
    } catch (refusal) {
      if (!(refusal instanceof StepRefused)) throw refusal;
      const { code, message } = refusal.error;
      return raiseAttention({ ...failure, error: { code, message: `${message} (compensating after ${errorText(error)})` } });
    }
  }
  return raiseAttention(failure);
}

/**
 * Puts the failure on the needs-attention list, once per (event, step), and tells the order's
 * timeline. Raised again for an item a person had sent back for a retry: it is open again, and
 * the timeline says so. Raised again while still open: only the error and attempts are updated.
 */
export async function raiseAttention(failure: AttentionFailure): Promise<Settled & { by: 'attention' }> {
  const { policy, job, error, attempts } = failure;
  return transact(async (uow) => {
    const { tx, ctx } = uow;
    const key = { eventId: job.eventId, step: policy.step };
    const id = ctx.newId();
    const { count } = await tx.attentionItem.createMany({
      data: [
        {
          id,
          orderId: job.orderId,
          ...key,
          queue: policy.queue,
          error: errorText(error),
          attempts,
          status: 'open',
          raisedAt: ctx.now,
        },
      ],
      skipDuplicates: true,
    });
    if (count === 1) {
      if (job.orderId) await tellTimeline(uow, 'AttentionRaised', job.orderId, { itemId: id, again: false, ...about(failure) }, SYSTEM);
      return { by: 'attention', itemId: id, raised: true };
    }
    const item = await tx.attentionItem.findUniqueOrThrow({ where: { eventId_step: key } });
    const reopened = await tx.attentionItem.updateMany({
      where: { id: item.id, status: { not: 'open' } },
      data: {
        status: 'open',
        error: errorText(error),
        attempts,
        raisedAt: ctx.now,
        resolution: null,
        note: null,
        resolvedAt: null,
        resolvedBy: null,
      },
    });
    if (reopened.count === 1) {
      if (job.orderId) await tellTimeline(uow, 'AttentionRaised', job.orderId, { itemId: item.id, again: true, ...about(failure) }, SYSTEM);
      return { by: 'attention', itemId: item.id, raised: true };
    }
    await tx.attentionItem.update({ where: { id: item.id }, data: { error: errorText(error), attempts } });
    return { by: 'attention', itemId: item.id, raised: false };
  });
}

/** What the timeline keeps of a failure: the step, not the stack trace (the customer can read it). */
function about({ policy, job, error, attempts }: AttentionFailure) {
  const line = LineOfJob.safeParse(job.data);
  return {
    step: policy.step,
    what: policy.what,
    code: error.code,
    attempts,
    ...(line.success ? { lineId: line.data.lineId } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// A person's retry came through

/** The job a person re-ran succeeded: the item is resolved, and the timeline says so. */
export async function closeRetriedItem(itemId: string): Promise<boolean> {
  return transact(async (uow) => {
    const item = await uow.tx.attentionItem.findUnique({ where: { id: itemId } });
    if (!item || item.status !== 'retrying') return false;
    const { count } = await uow.tx.attentionItem.updateMany({
      where: { id: itemId, status: 'retrying' },
      data: { status: 'resolved', resolution: 'retried', resolvedAt: uow.ctx.now },
    });
    if (count !== 1) return false;
    if (!item.orderId) return true; // a malformed job's item: no order, so no timeline to tell
    await tellTimeline(
      uow,
      'AttentionResolved',
      item.orderId,
      { itemId, step: item.step, resolution: 'retried', by: item.resolvedBy, what: stepWhat(item.step) },
      SYSTEM,
    );
    return true;
  });
}

// ---------------------------------------------------------------------------------------------

/** What a step does, in words, even for a step no longer in the table. */
export function stepWhat(step: string): string {
  return whatOfStep(step) ?? step;
}

/** One timeline fact, announced after commit so the customer's page and the ops page refresh. */
export async function tellTimeline(
  uow: UnitOfWork,
  type: 'AttentionRaised' | 'StepRetried' | 'AttentionResolved',
  orderId: string,
  data: Record<string, unknown>,
  origin: Origin,
  at: Date = uow.ctx.now,
): Promise<void> {
  // Each call is guarded by the item's status change in the same transaction, so a fresh id will do.
  await uow.note({ id: uow.ctx.newId(), orderId, type, data, occurredAt: at }, origin);
}
