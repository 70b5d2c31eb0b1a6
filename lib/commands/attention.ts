// A person's answers to the needs-attention list (/ops/attention): run the failed step again,
// compensate (where the step has a compensation), or resolve with a note. Each is recorded on the
// order's timeline, as the staff member's own step. Called from the web process's server actions,
// after they have checked that the caller is ops staff.
//
// "Run again" re-runs the failed BullMQ job itself (its id is the event id) with a fresh attempt
// budget; if BullMQ no longer has it, the event is enqueued again from the outbox. The item waits
// as "retrying": the worker resolves it when the step succeeds, or raises it again if it fails.
import { Job, type Queue } from 'bullmq';
import { z } from 'zod';
import { db } from '../db/client';
import { type Result, fail, ok } from '../domain/shared/result';
import type { Origin } from '../outbox/append';
import { transact } from '../outbox/unit-of-work';
import { type StepPolicy, jobOptionsFor, policyOfStep } from '../queue/policies';
import { openQueues } from '../queue/queues';
import { commandRedis, waitForRedis } from '../queue/redis';
import { EventJob, QUEUES, type QueueName } from '../queue/topology';
import { INVISIBLE_CHARACTER_MESSAGE, isPlainText } from '../domain/shared/text';
import { runCompensation } from '../reactions/compensations';
import { stepWhat, tellTimeline } from '../reactions/step-failures';

export type AttentionErrorCode =
  | 'ATTENTION.NOT_FOUND'
  | 'ATTENTION.NOT_OPEN'
  | 'ATTENTION.NO_COMPENSATION'
  | 'ATTENTION.JOB_GONE'
  | 'ATTENTION.NOT_RETRYABLE'
  | 'VALIDATION';

export interface Staff {
  name: string;
}

export const MAX_NOTE_LENGTH = 500;

export const ResolveAttentionRequest = z.object({
  itemId: z.string({ error: 'Unknown item.' }).uuid('Unknown item.'),
  note: z
    .string({ error: 'Write what was done.' })
    .trim()
    .min(1, 'Write what was done, for the customer and the next person.')
    .max(MAX_NOTE_LENGTH, `Keep the note to ${MAX_NOTE_LENGTH} characters.`)
    .refine((note) => isPlainText(note, { allowLineBreaks: true }), INVISIBLE_CHARACTER_MESSAGE),
});

const NOT_FOUND = fail('ATTENTION.NOT_FOUND', 'There is no such item on the needs-attention list.');
const NOT_OPEN = fail('ATTENTION.NOT_OPEN', 'Someone has already acted on this item.');

const staffOrigin: Origin = { mode: 'async', actor: 'staff' };

type Item = NonNullable<Awaited<ReturnType<ReturnType<typeof db>['attentionItem']['findUnique']>>>;

async function openItem(itemId: string): Promise<Result<{ item: Item; policy: StepPolicy | undefined }, AttentionErrorCode>> {
  const item = await db().attentionItem.findUnique({ where: { id: itemId } });
  if (!item) return NOT_FOUND;
  if (item.status !== 'open') return NOT_OPEN;
  return ok({ item, policy: policyOfStep(item.step) });
}

/** Runs the failed step again, with a new attempt budget. */
export async function retryAttentionItem(itemId: string, staff: Staff): Promise<Result<{ status: 'retrying' }, AttentionErrorCode>> {
  const found = await openItem(itemId);
  if (!found.ok) return found;
  const { item } = found.value;
  // An event of a type no queue takes (raised by the relay) has no job to run again.
  if (!isQueueName(item.queue)) {
    return fail('ATTENTION.NOT_RETRYABLE', 'No step runs this kind of event, so there is nothing to run again: resolve it with a note.');
  }

  // Claim it first, so a run that fails at once raises it again rather than being overwritten.
  const claimedAt = await transact(async ({ tx, ctx }) => {
    const { count } = await tx.attentionItem.updateMany({
      where: { id: itemId, status: 'open' },
      data: { status: 'retrying', resolvedBy: staff.name },
    });
    return count === 1 ? ctx.now : null;
  });
  if (!claimedAt) return NOT_OPEN;

  const rerun = await runAgain(item).catch(async (error: unknown) => {
    await db().attentionItem.updateMany({ where: { id: itemId, status: 'retrying' }, data: { status: 'open', resolvedBy: null } });
    throw error;
  });
  if (!rerun) {
    await db().attentionItem.updateMany({ where: { id: itemId, status: 'retrying' }, data: { status: 'open', resolvedBy: null } });
    return fail('ATTENTION.JOB_GONE', 'The failed step is no longer on its queue: compensate, or resolve it by hand with a note.');
  }
  const orderId = item.orderId;
  if (orderId) {
    await transact((uow) =>
      tellTimeline(
        uow,
        'StepRetried',
        orderId,
        { itemId, step: item.step, what: stepWhat(item.step), by: staff.name },
        staffOrigin,
        claimedAt,
      ),
    );
  }
  return ok({ status: 'retrying' });
}

/** Runs the step's compensation (cancel and refund, say), then resolves the item. */
export async function compensateAttentionItem(
  itemId: string,
  staff: Staff,
): Promise<Result<{ status: 'resolved'; acted: boolean }, AttentionErrorCode>> {
  const found = await openItem(itemId);
  if (!found.ok) return found;
  const { item, policy } = found.value;
  if (!policy?.compensation || !item.orderId) {
    return fail('ATTENTION.NO_COMPENSATION', 'This step has no compensation: retry it, or resolve it with a note.');
  }
  const code = item.error.split(':', 1)[0] ?? 'UNKNOWN';
  // Idempotent: a second click, or a second person, cancels and refunds nothing more.
  const acted = await runCompensation(policy.compensation, { orderId: item.orderId, failure: { code } }, staffOrigin);
  const resolved = await resolve(item, staff, { resolution: 'compensated', note: null, compensation: policy.compensation });
  return resolved ? ok({ status: 'resolved', acted }) : NOT_OPEN;
}

/** A person sorted it out some other way, and says how. */
export async function resolveAttentionItem(
  input: { itemId: string; note: string },
  staff: Staff,
): Promise<Result<{ status: 'resolved' }, AttentionErrorCode>> {
  const parsed = ResolveAttentionRequest.safeParse(input);
  if (!parsed.success) {
    const note = parsed.error.issues.find((i) => i.path[0] === 'note');
    return fail('VALIDATION', 'The note needs fixing.', { note: note?.message ?? 'Write what was done.' });
  }
  const found = await openItem(parsed.data.itemId);
  if (!found.ok) return found;
  const resolved = await resolve(found.value.item, staff, { resolution: 'resolved', note: parsed.data.note });
  return resolved ? ok({ status: 'resolved' }) : NOT_OPEN;
}

async function resolve(
  item: Item,
  staff: Staff,
  how: { resolution: 'compensated' | 'resolved'; note: string | null; compensation?: string },
): Promise<boolean> {
  return transact(async (uow) => {
    const { count } = await uow.tx.attentionItem.updateMany({
      where: { id: item.id, status: 'open' },
      data: { status: 'resolved', resolution: how.resolution, note: how.note, resolvedAt: uow.ctx.now, resolvedBy: staff.name },
    });
    if (count !== 1) return false;
    if (!item.orderId) return true; // a malformed job's item: no order, so no timeline to tell
    await tellTimeline(
      uow,
      'AttentionResolved',
      item.orderId,
      {
        itemId: item.id,
        step: item.step,
        what: stepWhat(item.step),
        resolution: how.resolution,
        by: staff.name,
        ...(how.note ? { note: how.note } : {}),
        ...(how.compensation ? { compensation: how.compensation } : {}),
      },
      staffOrigin,
    );
    return true;
  });
}

// ---------------------------------------------------------------------------------------------
// The queues, from the web process

const isQueueName = (name: string): name is QueueName => (Object.values(QUEUES) as string[]).includes(name);

const holder = globalThis as unknown as { __attentionQueues?: Map<QueueName, Queue> };

function queueNamed(name: string): Queue {
  holder.__attentionQueues ??= openQueues(commandRedis());
  const queue = holder.__attentionQueues.get(name as QueueName);
  if (!queue) throw new Error(`no queue ${name}`);
  return queue;
}

/**
 * Puts the item's job back to work, marked with the item so the worker can resolve it. False if
 * neither BullMQ nor the outbox has the event any more (both are pruned after days).
 */
async function runAgain(item: Item): Promise<boolean> {
  await waitForRedis(commandRedis()); // the web process's fail-fast connection may still be opening
  const queue = queueNamed(item.queue);
  const job = await Job.fromId(queue, item.eventId);
  if (job) {
    const state = await job.getState();
    if (state === 'failed') {
      await job.updateData({ ...job.data, retryOf: item.id });
      await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
      return true;
    }
    if (state === 'waiting' || state === 'delayed' || state === 'active' || state === 'prioritized') {
      // Already on its way again (a stalled job, say): let it report back to this item.
      await job.updateData({ ...job.data, retryOf: item.id });
      return true;
    }
    // Completed after all, or unknown: start it afresh under the same id.
    await job.remove().catch(() => undefined);
  }
  const row = await db().outboxMessage.findUnique({ where: { id: item.eventId } });
  if (!row) return false;
  const data: EventJob = {
    eventId: row.id,
    type: row.type,
    aggregateId: row.aggregateId,
    orderId: row.orderId,
    data: row.payload as Record<string, unknown>,
    retryOf: item.id,
  };
  await queue.add(row.type, EventJob.parse(data), { ...jobOptionsFor(item.queue as QueueName, row.type), jobId: row.id });
  return true;
}

/** For tests and shutdown: close this process's queue handles. */
export async function closeAttentionQueues(): Promise<void> {
  const queues = holder.__attentionQueues;
  holder.__attentionQueues = undefined;
  if (queues) await Promise.all([...queues.values()].map((q) => q.close()));
}
