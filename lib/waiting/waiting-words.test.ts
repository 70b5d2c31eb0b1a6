import { describe, expect, it } from 'vitest';
import type { StepLag } from '../queries/lag-types';
import { MIN_SAMPLES, formatDuration, waitingWords } from './waiting-words';

const queue = { waiting: 0, active: 0, delayed: 0, paused: false };
const lag = (over: Partial<StepLag> = {}): StepLag => ({
  samples: 40,
  p50Ms: 800,
  p95Ms: 2_100,
  p99Ms: 3_000,
  queue,
  serviceRatePerS: 2,
  etaMs: null,
  ...over,
});

describe('waitingWords', () => {
  it('gives the usual time from p50 and p95 while the wait is within p95', () => {
    expect(waitingWords({ lag: lag(), elapsedMs: 1_500 })).toEqual({
      tone: 'usual',
      headline: 'Usually takes ~0.8 s; 95% within 2.1 s.',
      detail: null,
    });
  });

  it('promises nothing with too few samples, however long the wait', () => {
    const words = waitingWords({ lag: lag({ samples: MIN_SAMPLES - 1 }), elapsedMs: 60_000 });
    expect(words.tone).toBe('usual');
    expect(words.headline).toBe('No history yet for this step, so no estimate.');
  });

  it('promises nothing for a step it has no figures for', () => {
    expect(waitingWords({ lag: undefined, elapsedMs: 5_000 }).headline).toBe('No history yet for this step, so no estimate.');
    expect(waitingWords({ lag: lag({ p50Ms: null, p95Ms: null }), elapsedMs: 5_000 }).tone).toBe('usual');
  });

  it('says "taking longer than usual" with the elapsed time once past p95, and the Little\'s-law estimate', () => {
    expect(waitingWords({ lag: lag({ etaMs: 20_000 }), elapsedMs: 14_200 })).toEqual({
      tone: 'late',
      headline: 'Taking longer than usual',
      detail: '— waiting 14 s. About 20 s more at the current pace.',
    });
  });

  it('gives no estimate past p95 when there is none to give', () => {
    expect(waitingWords({ lag: lag(), elapsedMs: 3_000 }).detail).toBe('— waiting 3.0 s.');
  });

  it('says the queue is paused instead of an estimate', () => {
    const paused = lag({ queue: { ...queue, waiting: 3, paused: true }, etaMs: null });
    expect(waitingWords({ lag: paused, elapsedMs: 75_000 }).detail).toBe(
      '— waiting 1 min 15 s. The queue is paused; it moves again once the shop resumes it.',
    );
    expect(waitingWords({ lag: paused, elapsedMs: 100 })).toMatchObject({ tone: 'usual', detail: 'The queue is paused for now.' });
  });

  it('is not late exactly at p95, nor when the elapsed time is unknown', () => {
    expect(waitingWords({ lag: lag(), elapsedMs: 2_100 }).tone).toBe('usual');
    expect(waitingWords({ lag: lag(), elapsedMs: null }).tone).toBe('usual');
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0.0 s'],
    [40, '0.0 s'],
    [849, '0.8 s'],
    [9_960, '10 s'],
    [14_499, '14 s'],
    [59_600, '1 min'],
    [125_000, '2 min 5 s'],
    [-5, '0.0 s'],
  ])('%i ms → %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
