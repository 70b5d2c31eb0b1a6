// The worker process: everything that happens behind the counter. Each queue's jobs are domain
// events; each handler changes one aggregate in its own transaction and is idempotent.
// Run several of these for more baristas; kill one mid-drink and another finishes the drink.
//
// When a step fails, its policy (lib/queue/policies.ts) decides: a transient failure is retried
// with backoff; after each failure the step's hook runs (a delayed parcel is shown as delayed);
// once the step is out of attempts, or failed for good, it is compensated (cancel and refund) or
// put on the needs-attention list — before the job is given up, so a crash in between only means
// the job runs again. If that settling itself fails (the database is down), the job waits a few
// seconds and tries the step once more, so no failure goes unrecorded.
//
// Each job's data is read once (readEventJob): the envelope, then the event's data against its
// type's contract (lib/events/contracts.ts), so a handler receives the typed event of its type.
// A job no handler can run — its data is not an event, or no handler knows its name — is poison:
// another try cannot fix it and dropping it would break a promise silently, so it goes on the
// needs-attention list too, through the same settling path.
import { DelayedError, type Job, UnrecoverableError, Worker } from 'bullmq';
import { z } from 'zod';
import { type StepFailure, closeRetriedItem, raiseAttention, runFailureHook, settleExhaustedStep } from '@/lib/reactions/step-failures';
import { config } from '@/lib/config';
import { sizePoolFor } from '@/lib/db/client';
import { startTimingRecorder } from '@/lib/lag/record';
import { logger } from '@/lib/log';
import { factId } from '@/lib/outbox/append';
import { type FailureDescription, describeFailure } from '@/lib/queue/errors';
import { type StepPolicy, classifyFailure, policyFor, unhandledPolicy } from '@/lib/queue/policies';
import { commandRedis, workerRedis } from '@/lib/queue/redis';
import type { EventType } from '@/lib/events/contracts';
import {
  type AnyEventJob,
  type EventJob,
  type EventJobOf,
  type EventsOn,
  QUEUES,
  type QueueName,
  readEventJob,
} from '@/lib/queue/topology';
import { markLineBackorderedHandler, markLineReservedHandler } from './handlers/bookstore/fulfilment';
import { releaseStockHandler, reserveStockHandler, shipStockHandler } from './handlers/bookstore/inventory';
import { sendMailHandler } from './handlers/bookstore/notifications';
import { captureLineHandler, releaseLineHandler } from './handlers/bookstore/payments';
import { dispatchLineHandler } from './handlers/bookstore/shipping';
import { brewDrinkHandler } from './handlers/brew-drink';
import { confirmTicketPaymentHandler } from './handlers/confirm-ticket-payment';
import { openTicketHandler } from './handlers/open-ticket';
import { refundCancelledOrderHandler } from './handlers/refund-cancelled-order';
import { tossDrinkHandler } from './handlers/toss-drink';
import { obeyControlCommands } from './support/control';
import { keepBeating, onShutdown } from './support/process';

type Handler<T extends EventType> = (job: EventJobOf<T>) => Promise<void>;

/** Per queue, one handler for each event type it is subscribed to (lib/queue/topology.ts): no more, no less. */
type Handlers = { [Q in QueueName]: { [T in EventsOn<Q>]: Handler<T> } };

const HANDLERS: Handlers = {
  [QUEUES.tickets]: {
    OrderPlaced: openTicketHandler,
    PaymentApproved: confirmTicketPaymentHandler,
    OrderCancelled: tossDrinkHandler,
  },
  [QUEUES.brewing]: { TicketOpened: brewDrinkHandler, TicketHandedToMachine: brewDrinkHandler },
  [QUEUES.payments]: {
    OrderCancelled: refundCancelledOrderHandler,
    LineReserved: captureLineHandler,
    LineCancelled: releaseLineHandler,
  },
  [QUEUES.inventory]: {
    LineRequested: reserveStockHandler,
    LineCancelled: releaseStockHandler,
    LineShipped: shipStockHandler,
  },
  [QUEUES.fulfilment]: {
    StockReserved: markLineReservedHandler,
    StockBackordered: markLineBackorderedHandler,
  },
  [QUEUES.shipping]: { PaymentCaptured: dispatchLineHandler },
  [QUEUES.notifications]: {
    OrderRequested: sendMailHandler,
    LineBackordered: sendMailHandler,
    LineCancelled: sendMailHandler,
    ShipmentDelayed: sendMailHandler,
    PaymentReleased: sendMailHandler,
    LineShipped: sendMailHandler,
    LineDelivered: sendMailHandler,
  },
};

/** The handler for a job's name on a queue, if any; it takes the event the job was read as. */
function handlerFor(queue: QueueName, name: string): ((job: AnyEventJob) => Promise<void>) | undefined {
  return (HANDLERS[queue] as Partial<Record<string, (job: AnyEventJob) => Promise<void>>>)[name];
}

const cfg = config();
const CONCURRENCY: Record<QueueName, number> = {
  [QUEUES.tickets]: 8,
  [QUEUES.brewing]: cfg.BARISTA_STATIONS,
  [QUEUES.payments]: 4,
  [QUEUES.inventory]: 4,
  [QUEUES.fulfilment]: 4,
  [QUEUES.shipping]: 4,
  [QUEUES.notifications]: 2,
};

const log = logger('workers');
sizePoolFor(Object.values(CONCURRENCY).reduce((a, b) => a + b, 0));

/** Failures already compensated or raised in the processor: the 'failed' listener leaves them be. */
const settled = new WeakSet<Error>();
/** How long a job whose failure could not be recorded waits before its step is tried once more. */
const SETTLE_AGAIN_MS = 5_000;

/** A step failed: run its hook, and either let BullMQ retry it or settle it for good. Never returns. */
async function stepFailed(job: Job, token: string | undefined, event: EventJob, policy: StepPolicy, error: unknown): Promise<never> {
  const kind = classifyFailure(error, policy);
  const attempts = job.attemptsMade + 1;
  const failure: StepFailure = { policy, job: event, error: describeFailure(error), kind, attempts };
  if (policy.onFailure) {
    await runFailureHook(failure).catch((hookError: unknown) => log.warn('failure hook failed', { step: policy.step, error: hookError }));
  }
  if (kind === 'transient' && attempts < (job.opts.attempts ?? 1)) throw error;

  let outcome;
  try {
    outcome = await settleExhaustedStep(failure);
  } catch (settleError) {
    log.error('could not settle a failed step; trying it again shortly', { step: policy.step, id: job.id, error: settleError });
    await job.moveToDelayed(Date.now() + SETTLE_AGAIN_MS, token);
    throw new DelayedError();
  }
  log.warn('step gave up', { step: policy.step, id: job.id, orderId: event.orderId, kind, attempts, ...outcome, error });
  const final = new UnrecoverableError(`${failure.error.code}: ${failure.error.message}`);
  settled.add(final);
  throw final;
}

type Reading =
  | { kind: 'event'; event: AnyEventJob; run: (job: AnyEventJob) => Promise<void> }
  /** `envelope`: the event's ids, when the job has readable ones. */
  | { kind: 'poison'; why: FailureDescription; envelope: EventJob | null };

/** Reads the job once: the event and its handler, or why no handler can run it. */
function readJob(queue: QueueName, job: Job): Reading {
  const reading = readEventJob(job.data);
  const notAnEvent = (problems: string, envelope: EventJob | null): Reading => ({
    kind: 'poison',
    why: { code: 'JOB.MALFORMED', message: `Job ${job.id} (${job.name}) on ${queue} is not an event: ${problems}`.slice(0, 500) },
    envelope,
  });
  if (reading.kind === 'malformed') return notAnEvent(reading.problems, reading.envelope);
  const envelope = reading.kind === 'event' ? reading.job : reading.envelope;
  if (envelope.type !== job.name) return notAnEvent(`its name says ${job.name}, its data ${envelope.type}`, null);
  const run = handlerFor(queue, job.name);
  if (!run || reading.kind !== 'event') {
    return {
      kind: 'poison',
      why: { code: 'JOB.NO_HANDLER', message: `No step on ${queue} handles ${job.name} (job ${job.id}).` },
      envelope,
    };
  }
  return { kind: 'event', event: reading.job, run };
}

const Uuid = z.string().uuid();

/**
 * Puts a poisoned job on the needs-attention list. An event no handler can run (none knows its
 * type, or its data breaks its type's contract) is tied to the step that should have run it: the
 * reconciler then sees the event owned by a person, and a retry from the list works once the
 * handler (or the producer) is fixed. A job that is not an event at all goes to the queue's
 * '<queue>.unhandled' step, under its event id if it has a readable one, else its job id if that
 * is a UUID (as the relay's are: a retry from the list then finds the job), else an id made from
 * the job's (so it is raised once); and to its order only if it names one.
 */
async function raisePoison(queue: QueueName, job: Job, why: FailureDescription, envelope: EventJob | null) {
  const data = (job.data ?? {}) as Record<string, unknown>;
  const readable = (v: unknown) => (Uuid.safeParse(v).success ? (v as string) : null);
  return raiseAttention({
    policy: envelope ? policyFor(queue, job.name) : unhandledPolicy(queue),
    job: {
      eventId: readable(data.eventId) ?? readable(job.id) ?? factId(`${cfg.QUEUE_PREFIX}:${queue}:job:${job.id}`),
      orderId: readable(data.orderId),
      data: envelope?.data,
    },
    error: why,
    attempts: Math.max(job.attemptsMade, 1),
  });
}

/** A poisoned job met in the processor: raised, or tried again shortly if raising failed. Never returns. */
async function poisoned(
  queue: QueueName,
  job: Job,
  token: string | undefined,
  why: FailureDescription,
  envelope: EventJob | null,
): Promise<never> {
  try {
    await raisePoison(queue, job, why, envelope);
  } catch (raiseError) {
    log.error('could not raise a poisoned job; trying again shortly', { queue, id: job.id, error: raiseError });
    await job.moveToDelayed(Date.now() + SETTLE_AGAIN_MS, token);
    throw new DelayedError();
  }
  log.error('poisoned job handed to a person', { queue, id: job.id, name: job.name, ...why });
  const final = new UnrecoverableError(`${why.code}: ${why.message}`);
  settled.add(final);
  throw final;
}

/** A job that failed without passing through stepFailed (it stalled too often): settle it here. */
async function settleOutside(queue: QueueName, job: Job, error: Error): Promise<void> {
  const reading = readJob(queue, job);
  if (reading.kind === 'poison') {
    await raisePoison(queue, job, reading.why, reading.envelope);
    return;
  }
  const { event } = reading;
  const policy = policyFor(queue, job.name);
  const outcome = await settleExhaustedStep({
    policy,
    job: event,
    error: describeFailure(error),
    kind: 'permanent',
    attempts: Math.max(job.attemptsMade, 1),
  });
  log.warn('step gave up', { step: policy.step, id: job.id, orderId: event.orderId, ...outcome, error });
}

// The consistency window, measured: each handled event's moments, written in batches (lib/lag/record.ts).
const timings = startTimingRecorder((error) => log.warn('could not record step timings', { error }));

const workers = (Object.keys(HANDLERS) as QueueName[]).map((queue) => {
  const worker = new Worker(
    queue,
    async (job: Job, token?: string) => {
      const reading = readJob(queue, job);
      if (reading.kind === 'poison') return poisoned(queue, job, token, reading.why, reading.envelope);
      const { event, run } = reading;
      const policy = policyFor(queue, job.name);
      // BullMQ stamps processedOn with a time the worker read before its Redis script ran; a job
      // added in between (the next job handed over as the previous one finishes) can look started
      // a few milliseconds before it was published. It cannot have been: no earlier than that.
      const startedAt = Math.max(job.processedOn ?? Date.now(), job.timestamp);
      try {
        await run(event);
      } catch (error) {
        await stepFailed(job, token, event, policy, error);
      }
      timings.note({ step: policy.step, eventId: event.eventId, publishedAt: job.timestamp, startedAt, handledAt: Date.now() });
      // A person re-ran this step from the needs-attention list, and this time it worked.
      if (event.retryOf) await closeRetriedItem(event.retryOf);
    },
    {
      connection: workerRedis(),
      prefix: cfg.QUEUE_PREFIX,
      concurrency: CONCURRENCY[queue],
      lockDuration: cfg.WORKER_LOCK_MS,
      stalledInterval: cfg.WORKER_LOCK_MS,
      maxStalledCount: 3,
    },
  );
  worker.on('failed', (job, error) => {
    const fields = { queue, job: job?.name, id: job?.id, attempt: job?.attemptsMade, error };
    if (settled.has(error)) return; // compensated or raised, and logged, by stepFailed
    // A retry is the plan working (say, events overtaking each other); running out of them is not.
    const willRetry = job && job.attemptsMade < (job.opts.attempts ?? 1) && !(error instanceof UnrecoverableError);
    if (willRetry) return log.info('job failed; will retry', fields);
    log.error('job failed for good', fields);
    if (job)
      void settleOutside(queue, job, error).catch((settleError: unknown) =>
        log.error('could not settle a failed job', { ...fields, settleError }),
      );
  });
  worker.on('error', (error) => log.error('worker error', { queue, error }));
  return worker;
});

// Commits are announced on the live channel through the fail-fast command connection: open it
// now, or the first announcement is lost while it connects (a live page would miss that change).
commandRedis();
const heartbeatRedis = workerRedis();
keepBeating(heartbeatRedis, 'workers');
const stopObeying = obeyControlCommands(heartbeatRedis, log);
log.info('workers started', { pid: process.pid, queues: Object.keys(HANDLERS), stations: cfg.BARISTA_STATIONS });

onShutdown(log, async () => {
  await stopObeying();
  await Promise.all(workers.map((w) => w.close()));
  await timings.close();
  heartbeatRedis.disconnect();
});
