// The shape of the measured consistency window, shared by the public summary (GET /api/lag, read by
// the order pages to say "usually takes ~X") and the staff table (GET /api/ops/lag, /ops/lag).
// Types only, so client components can import it without pulling in any I/O.

/** A policy step's stable name (lib/queue/policies.ts), e.g. 'tickets.open-ticket', 'shipping.dispatch'. */
export type StepName = string;

export interface QueueDepth {
  waiting: number;
  active: number;
  delayed: number;
  paused: boolean;
}

export interface StepLag {
  /** Handled events measured in the recent window (the last hour, at most the last 500 per step). */
  samples: number;
  /** End to end: the causing event's commit → the handler's commit. Null without samples. */
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  /** The step's queue (shared by every step on it: a queue holds the jobs of all its steps). */
  queue: QueueDepth;
  /**
   * Completions per second over the recent window (the last minute) of the step's queue — every
   * step on it, since the queue's depth counts all their jobs; null when none were seen.
   */
  serviceRatePerS: number | null;
  /**
   * Little's law: (waiting + active) / serviceRatePerS; null when it cannot be given (paused, no
   * rate, or nothing queued — the job is still in the outbox or waiting out a retry's backoff).
   */
  etaMs: number | null;
}

export interface LagSummary {
  generatedAt: number;
  steps: Record<StepName, StepLag>;
}

/** The stages an event passes through between its commit and the browser showing what came of it. */
export type StageName = 'outboxDwell' | 'queueWait' | 'handler' | 'push';

export const STAGE_LABELS: Record<StageName, string> = {
  outboxDwell: 'Outbox dwell (commit → published)',
  queueWait: 'Queue wait (published → job start)',
  handler: 'Handler (start → commit)',
  push: 'Push to browser (handler commit → event sent)',
};

export interface Percentiles {
  samples: number;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  /** The mean: unlike percentiles, the stages' means add up to the end-to-end mean. */
  meanMs: number | null;
}

/** The staff view of one step: the public summary plus each stage's percentiles. */
export interface StepLagDetail extends StepLag {
  step: StepName;
  queueName: string;
  /** What the step does, in words (the policy's `what`). */
  what: string;
  /** End to end, with its mean (the stages' means add up to it, push to browser aside). */
  endToEnd: Percentiles;
  /**
   * Each stage. Push to browser is measured per live change, not per step (a change does not say
   * which step made it), so every step shows the same push figures.
   */
  stages: Record<StageName, Percentiles>;
}

export interface LagDetail {
  generatedAt: number;
  /** How far back the samples reach, in ms. */
  windowMs: number;
  steps: StepLagDetail[];
}
