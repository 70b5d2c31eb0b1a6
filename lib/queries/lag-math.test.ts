import { describe, expect, it } from 'vitest';
import { littleEtaMs, percentile, serviceRate, summarize } from './lag-math';

describe('percentile (nearest rank)', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => i + 1);

  it('is null without samples', () => {
    expect(percentile([], 50)).toBeNull();
  });

  it('picks a measured value that p% of samples do not exceed', () => {
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 95)).toBe(95);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 100)).toBe(100);
  });

  it('with one sample, every percentile is that sample', () => {
    expect([50, 95, 99].map((p) => percentile([42], p))).toEqual([42, 42, 42]);
  });

  it('rounds the rank up, so a small set is not flattered', () => {
    // 10 samples: p95 is the 10th (ceil 9.5), the slowest — not the 9th.
    const ten = [5, 1, 9, 3, 7, 2, 8, 4, 6, 100].sort((a, b) => a - b);
    expect(percentile(ten, 95)).toBe(100);
    expect(percentile(ten, 50)).toBe(5);
  });
});

describe('summarize', () => {
  it('sorts for itself and orders p50 ≤ p95 ≤ p99', () => {
    const s = summarize([300, 10, 20, 1_000, 15, 12, 11, 14, 13, 16]);
    expect(s.samples).toBe(10);
    expect(s.p50Ms).toBe(14);
    expect(s.p95Ms).toBe(1_000);
    expect(s.p50Ms! <= s.p95Ms! && s.p95Ms! <= s.p99Ms!).toBe(true);
    expect(s.meanMs).toBe(141.1);
  });

  it('says nothing rather than zero without samples', () => {
    expect(summarize([])).toEqual({ samples: 0, p50Ms: null, p95Ms: null, p99Ms: null, meanMs: null });
  });
});

describe('serviceRate', () => {
  it('is completions per second over the window', () => {
    expect(serviceRate(30, 60_000)).toBe(0.5);
  });

  it('is null with nothing to go by', () => {
    expect(serviceRate(0, 60_000)).toBeNull();
  });
});

describe("littleEtaMs (Little's law)", () => {
  const queue = { waiting: 9, active: 1, paused: false };

  it('is the queue length over the service rate', () => {
    expect(littleEtaMs(queue, 5)).toBe(2_000);
  });

  it('gives no estimate for a paused queue: nothing leaves it until someone resumes it', () => {
    expect(littleEtaMs({ ...queue, paused: true }, 5)).toBeNull();
  });

  it('gives no estimate without a rate, or with nothing queued', () => {
    expect(littleEtaMs(queue, null)).toBeNull();
    expect(littleEtaMs(queue, 0)).toBeNull();
    expect(littleEtaMs({ waiting: 0, active: 0, paused: false }, 5)).toBeNull();
  });
});
