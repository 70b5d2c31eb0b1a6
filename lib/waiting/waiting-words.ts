// What an order page says about a step that has not happened yet, from the step's measured history
// (lib/queries/lag-types.ts) and how long this order has been waiting for it. Pure: the page passes
// the elapsed time in, so the wording can be tested without a clock, a browser or a queue.
//
// The promise is only ever what the shop's own recent history supports: p50 and p95 of the step,
// end to end (the causing event's commit → the handler's commit). With too few samples there is
// no promise at all. Past p95 the page stops reassuring and says the wait is unusual, for how long
// it has lasted, and — when the queue's depth and service rate allow (Little's law) — how much
// longer it may take; a paused queue is said plainly, because no pace can be given for it.
import type { StepLag } from '../queries/lag-types';

/** Fewer handled events than this in the window, and p50/p95 say more about luck than the shop. */
export const MIN_SAMPLES = 5;

export interface WaitWords {
  /** 'usual' while within p95 (or nothing to compare with), 'late' past it. */
  tone: 'usual' | 'late';
  /** The sentence that changes rarely (screen readers hear it): the usual time, or "taking longer". */
  headline: string;
  /** What ticks (the elapsed time) and what comes next; null when there is nothing to add. */
  detail: string | null;
}

export interface WaitInput {
  /** The step's measured lag; undefined while it is not known (not loaded, or no such step). */
  lag: StepLag | undefined;
  /** How long this order has waited for the step, in ms (server time); null if unknown. */
  elapsedMs: number | null;
}

export function waitingWords({ lag, elapsedMs }: WaitInput): WaitWords {
  const known = lag !== undefined && lag.samples >= MIN_SAMPLES && lag.p50Ms !== null && lag.p95Ms !== null;
  const paused = lag?.queue.paused === true;
  const late = known && elapsedMs !== null && elapsedMs > lag.p95Ms!;

  if (late) {
    return {
      tone: 'late',
      headline: 'Taking longer than usual',
      detail: [`— waiting ${formatDuration(elapsedMs!)}.`, next(lag)].filter(Boolean).join(' '),
    };
  }
  const headline = known
    ? `Usually takes ~${formatDuration(lag.p50Ms!)}; 95% within ${formatDuration(lag.p95Ms!)}.`
    : 'No history yet for this step, so no estimate.';
  // A paused queue is worth saying before p95 is reached too: nothing moves until someone resumes it.
  return { tone: 'usual', headline, detail: paused ? 'The queue is paused for now.' : null };
}

/** After "taking longer": why, or how much longer at the current pace. */
function next(lag: StepLag): string | null {
  if (lag.queue.paused) return 'The queue is paused; it moves again once the shop resumes it.';
  if (lag.etaMs !== null) return `About ${formatDuration(lag.etaMs)} more at the current pace.`;
  return null;
}

/** "0.8 s", "14 s", "2 min 5 s": one decimal under ten seconds, whole units above. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, ms) / 1000;
  if (s < 10) {
    const tenths = Math.round(s * 10) / 10;
    // 9.96 s rounds to "10.0": say "10 s", as the next band does.
    return tenths >= 10 ? '10 s' : `${tenths.toFixed(1)} s`;
  }
  const whole = Math.round(s);
  if (whole < 60) return `${whole} s`;
  const min = Math.floor(whole / 60);
  const rest = whole % 60;
  return rest === 0 ? `${min} min` : `${min} min ${rest} s`;
}
