// The arithmetic of the consistency window, pure (no clock, no I/O) so it is tested on its own:
// percentiles of measured durations, a service rate, and Little's law for an estimated wait.
import type { Percentiles } from './lag-types';

/**
 * The p-th percentile (0 < p ≤ 100) by the nearest-rank method: the smallest measured value that
 * at least p% of the samples do not exceed. Always a value that was actually measured — "95% within
 * Y" then means exactly that for these samples. Null without samples.
 */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

export function summarize(values: readonly number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const mean = sorted.length === 0 ? null : sorted.reduce((a, b) => a + b, 0) / sorted.length;
  return {
    samples: sorted.length,
    p50Ms: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    p99Ms: percentile(sorted, 99),
    meanMs: mean === null ? null : Math.round(mean * 10) / 10,
  };
}

/** Completions per second over the last `windowMs`; null when there were none to go by. */
export function serviceRate(completions: number, windowMs: number): number | null {
  if (completions <= 0 || windowMs <= 0) return null;
  return completions / (windowMs / 1_000);
}

/**
 * Little's law, L = λW, read as W = L / λ: with L jobs in the queue (waiting or being worked on)
 * and the queue finishing λ per second, the job at the back is done in about L / λ seconds. Null
 * when no estimate can honestly be given: the queue is paused (λ is zero until someone resumes
 * it), nothing was completed lately to go by, or nothing is queued (the step's job is still in the
 * outbox or waiting out a retry's backoff, which this does not model).
 */
export function littleEtaMs(queue: { waiting: number; active: number; paused: boolean }, ratePerS: number | null): number | null {
  const inSystem = queue.waiting + queue.active;
  if (queue.paused || ratePerS === null || ratePerS <= 0 || inSystem === 0) return null;
  return Math.round((inSystem / ratePerS) * 1_000);
}
