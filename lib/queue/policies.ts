// Every asynchronous step's failure policy, in one table: how often it is tried, how long it waits
// in between (exponential backoff with jitter), which errors are not worth another try, and what
// happens when it gives up — a compensation that undoes what the customer was promised (cancel
// and refund), or an item on the needs-attention list for a person (/ops/attention).
//
// The relay reads `attempts` and `backoff` when it enqueues an event (lib/outbox/relay.ts); the
// worker reads the rest when a step fails (workers/main.ts). Keyed by (queue, event type), like
// the handlers: one event can be two steps on two queues (OrderCancelled: toss the drink, refund).
import { UnrecoverableError } from 'bullmq';
import { config } from '../config';
import { z } from 'zod';
import { StepRefused } from '../outbox/change-aggregate';
import { ConcurrencyConflict } from '../db/errors';
import { HoldExceeded } from '../payments/card-network';
import { PermanentStepError, TransientStepError } from './errors';
import { JOB_RETENTION, QUEUES, type QueueName, subscribersOf } from './topology';

/** Undo what the customer was promised, for an order whose step gave up (lib/reactions/compensations.ts). */
export type CompensationName = 'cancel-and-refund';

/** What each compensation does, as the needs-attention list offers it to a person. */
export const COMPENSATION_LABELS: Record<CompensationName, string> = {
  'cancel-and-refund': 'Cancel the order and refund the customer',
};

/** Runs after every failed attempt of the step, before any retry (lib/reactions/step-failures.ts). */
export type FailureHookName = 'mark-shipment-delayed';

export interface Backoff {
  type: 'exponential';
  /** The first wait; each next one doubles. */
  delay: number;
  /** Each wait is drawn from [wait × (1 − jitter), wait], so retries of many jobs spread out. */
  jitter: number;
}

type ErrorClass = abstract new (...args: never[]) => Error;

export interface StepPolicy {
  queue: QueueName;
  /** Stable name: the processed-message consumer, the attention item's step. */
  step: string;
  /** What the step does, for a person reading the needs-attention list. */
  what: string;
  attempts: number;
  backoff: Backoff;
  /** Errors (beyond the general ones, see classifyFailure) that another try cannot fix. */
  permanent: readonly ErrorClass[];
  /** After each failed attempt, retried or not. */
  onFailure?: FailureHookName;
  /** Out of attempts, or failed for good: compensate at once, or ask a person. */
  exhausted: 'compensate' | 'attention';
  /** The compensation: run at once if `exhausted` is 'compensate', else offered to the person. */
  compensation?: CompensationName;
}

type PolicyInput = Omit<StepPolicy, 'queue' | 'permanent' | 'backoff'> & {
  permanent?: readonly ErrorClass[];
  backoff?: Partial<Backoff> & { delay: number };
};

const QUICK: Backoff = { type: 'exponential', delay: 250, jitter: 0.5 };

function policy(queue: QueueName, input: PolicyInput): StepPolicy {
  return {
    ...input,
    queue,
    permanent: input.permanent ?? [],
    backoff: { ...QUICK, ...input.backoff },
  };
}

/*
 * Choices worth a word:
 *  - Quick bookkeeping steps (tickets, warehouse, fulfilment) retry fast and often: their usual
 *    failure is an event that overtook another, or a version conflict on a busy book, which clears
 *    in milliseconds. 8 tries at 250 ms doubling ≈ 16–32 s before a person is asked.
 *  - Making the drink gives up after 5 tries (a spill is remade each time); a drink that cannot
 *    be made is not a person's problem to ponder while the customer waits: the order is cancelled
 *    and refunded at once, and the customer told.
 *  - Money steps wait longer between tries (a card network has bad minutes) and never give up
 *    silently: a person looks at every refund, capture or release that failed for good.
 *  - Handing a parcel to the courier: 6 tries from 1.5 s doubling, jitter 20% ≈ 37–47 s. A
 *    20-second courier outage is ridden out (the line shows "delayed", then ships); a longer one
 *    lands on the needs-attention list within the minute, while the customer still sees "delayed".
 */
const TABLE: readonly StepPolicy[] = [
  policy(QUEUES.tickets, {
    step: 'tickets.open-ticket',
    what: "Open the barista's ticket",
    attempts: 8,
    exhausted: 'attention',
    compensation: 'cancel-and-refund',
  }),
  policy(QUEUES.tickets, {
    step: 'tickets.confirm-payment',
    what: 'Tell the barista the drink is paid for',
    attempts: 8,
    exhausted: 'attention',
    compensation: 'cancel-and-refund',
  }),
  policy(QUEUES.tickets, { step: 'tickets.toss-drink', what: 'Bin the drink of a cancelled order', attempts: 8, exhausted: 'attention' }),
  policy(QUEUES.brewing, {
    step: 'brewing.brew-drink',
    what: 'Make the drink',
    attempts: 5,
    backoff: { delay: 500, jitter: 0.3 },
    exhausted: 'compensate',
    compensation: 'cancel-and-refund',
  }),
  policy(QUEUES.payments, {
    step: 'payments.refund-cancelled',
    what: 'Refund a cancelled order',
    attempts: 8,
    backoff: { delay: 1_000, jitter: 0.3 },
    exhausted: 'attention',
  }),
  policy(QUEUES.payments, {
    step: 'payments.capture',
    what: "Take a book's share of the hold before it ships",
    attempts: 8,
    backoff: { delay: 1_000, jitter: 0.3 },
    permanent: [HoldExceeded],
    exhausted: 'attention',
  }),
  policy(QUEUES.payments, {
    step: 'payments.release',
    what: "Release a cancelled book's share of the hold",
    attempts: 8,
    backoff: { delay: 1_000, jitter: 0.3 },
    permanent: [HoldExceeded],
    exhausted: 'attention',
  }),
  policy(QUEUES.inventory, { step: 'inventory.reserve', what: 'Reserve copies in the warehouse', attempts: 8, exhausted: 'attention' }),
  policy(QUEUES.inventory, { step: 'inventory.release', what: 'Put copies of a cancelled line back', attempts: 8, exhausted: 'attention' }),
  policy(QUEUES.inventory, { step: 'inventory.ship', what: 'Record copies leaving the warehouse', attempts: 8, exhausted: 'attention' }),
  policy(QUEUES.fulfilment, { step: 'fulfilment.reserved', what: 'Mark the line reserved', attempts: 8, exhausted: 'attention' }),
  policy(QUEUES.fulfilment, { step: 'fulfilment.backordered', what: 'Mark the line backordered', attempts: 8, exhausted: 'attention' }),
  policy(QUEUES.shipping, {
    step: 'shipping.dispatch',
    what: 'Hand the parcel to the courier',
    attempts: 6,
    backoff: { delay: 1_500, jitter: 0.2 },
    onFailure: 'mark-shipment-delayed',
    exhausted: 'attention',
  }),
  policy(QUEUES.notifications, {
    step: 'notifications.send-mail',
    what: 'Send the customer an e-mail',
    attempts: 5,
    backoff: { delay: 1_000, jitter: 0.3 },
    exhausted: 'attention',
  }),
];

/** Which step runs for an event on a queue. Notifications: one step for every mailed event. */
const STEP_OF: Record<QueueName, Record<string, string> | string> = {
  [QUEUES.tickets]: {
    OrderPlaced: 'tickets.open-ticket',
    PaymentApproved: 'tickets.confirm-payment',
    OrderCancelled: 'tickets.toss-drink',
  },
  [QUEUES.brewing]: 'brewing.brew-drink',
  [QUEUES.payments]: {
    OrderCancelled: 'payments.refund-cancelled',
    LineReserved: 'payments.capture',
    LineCancelled: 'payments.release',
  },
  [QUEUES.inventory]: {
    LineRequested: 'inventory.reserve',
    LineCancelled: 'inventory.release',
    LineShipped: 'inventory.ship',
  },
  [QUEUES.fulfilment]: {
    StockReserved: 'fulfilment.reserved',
    StockBackordered: 'fulfilment.backordered',
  },
  [QUEUES.shipping]: { PaymentCaptured: 'shipping.dispatch' },
  [QUEUES.notifications]: 'notifications.send-mail',
};

// Tests and rehearsals may shrink a step's budget (say, two quick tries for the courier) without
// touching the table: STEP_POLICY_OVERRIDES='{"shipping.dispatch":{"attempts":2,"delay":100}}'.
// Read once per process; the relay and the workers must be given the same value.
const Overrides = z.record(
  z.string(),
  z.object({
    attempts: z.number().int().min(1).max(100).optional(),
    delay: z.number().int().min(0).max(600_000).optional(),
    jitter: z.number().min(0).max(1).optional(),
  }),
);

let effective: Map<string, StepPolicy> | undefined;

function policies(): Map<string, StepPolicy> {
  if (effective) return effective;
  const raw = config().STEP_POLICY_OVERRIDES;
  const parsed = raw ? Overrides.safeParse(JSON.parse(raw)) : null;
  if (parsed && !parsed.success) throw new Error(`STEP_POLICY_OVERRIDES: ${parsed.error.message}`);
  const overrides = parsed?.data ?? {};
  effective = new Map(
    TABLE.map((p) => {
      const o = overrides[p.step];
      if (!o) return [p.step, p];
      return [
        p.step,
        {
          ...p,
          attempts: o.attempts ?? p.attempts,
          backoff: { ...p.backoff, delay: o.delay ?? p.backoff.delay, jitter: o.jitter ?? p.backoff.jitter },
        },
      ];
    }),
  );
  return effective;
}

/**
 * The policy of the step a (queue, event type) runs. An event added to the topology without a row
 * here still gets a sensible one (quick retries, then a person), so the relay never stalls on it.
 */
export function policyFor(queue: QueueName, type: string): StepPolicy {
  const steps = STEP_OF[queue];
  const step = typeof steps === 'string' ? steps : steps[type];
  return (step && policies().get(step)) || fallbackPolicy(queue, type);
}

const fallbacks = new Map<string, StepPolicy>();
function fallbackPolicy(queue: QueueName, type: string): StepPolicy {
  const step = `${queue}.${type}`;
  let found = fallbacks.get(step);
  if (!found) {
    found = policy(queue, { step, what: `Handle ${type}`, attempts: 8, exhausted: 'attention' });
    fallbacks.set(step, found);
  }
  return found;
}

/**
 * The step for a job no handler can run on `queue`: its data is malformed, or no handler knows its
 * name. Retrying the same job cannot help until someone fixes the producer or deploys the handler,
 * so it goes straight to a person (a retry from the list runs it again, for the deployed case).
 */
export function unhandledPolicy(queue: QueueName): StepPolicy {
  return policy(queue, { step: `${queue}.unhandled`, what: 'Run a job no step can handle', attempts: 1, exhausted: 'attention' });
}

/** The step the relay names on an outbox event of a type nobody expects (see UNHEARD_EVENTS). */
export const UNROUTED_STEP = 'relay.unrouted';
const UNROUTED_WHAT = 'Act on an event of a kind no step listens to';

/** What a step does, in words, for a person: any step an attention item can name, else null. */
export function whatOfStep(step: string): string | null {
  return step === UNROUTED_STEP ? UNROUTED_WHAT : (policyOfStep(step)?.what ?? null);
}

/** The steps that must each record an event before it counts as consumed: one per subscribed queue. */
export function consumersOf(type: string): { queue: QueueName; step: string }[] {
  return subscribersOf(type).map((queue) => ({ queue, step: policyFor(queue, type).step }));
}

/** The policy of a named step (an attention item records the step's name). */
export function policyOfStep(step: string): StepPolicy | undefined {
  const known = policies().get(step) ?? fallbacks.get(step);
  if (known) return known;
  const queue = step.endsWith('.unhandled') ? step.slice(0, -'.unhandled'.length) : null;
  return queue && (Object.values(QUEUES) as string[]).includes(queue) ? unhandledPolicy(queue as QueueName) : undefined;
}

export function allPolicies(): StepPolicy[] {
  return [...policies().values()];
}

/** What the relay hands BullMQ with each job of this step (plus the job id). */
export function jobOptionsFor(queue: QueueName, type: string) {
  const { attempts, backoff } = policyFor(queue, type);
  return { attempts, backoff: { ...backoff }, ...JOB_RETENTION };
}

export type FailureKind = 'transient' | 'permanent';

/**
 * Whether another try could help. Permanent: a step that said so (PermanentStepError), a domain
 * refusal (the same event gets the same answer every time), a malformed job, and the step's own
 * list. Transient: a step that said so, an optimistic-concurrency conflict (reload and go again),
 * and anything unexpected (a database or network blip).
 */
export function classifyFailure(error: unknown, step: Pick<StepPolicy, 'permanent'>): FailureKind {
  if (error instanceof TransientStepError || error instanceof ConcurrencyConflict) return 'transient';
  if (error instanceof PermanentStepError || error instanceof StepRefused || error instanceof UnrecoverableError) {
    return 'permanent';
  }
  return step.permanent.some((kind) => error instanceof kind) ? 'permanent' : 'transient';
}

/** Longest a step can take from its first failure to giving up (every wait at its maximum). */
export function worstCaseRetryMs(p: Pick<StepPolicy, 'attempts' | 'backoff'>): number {
  let total = 0;
  for (let made = 1; made < p.attempts; made++) total += p.backoff.delay * 2 ** (made - 1);
  return total;
}
