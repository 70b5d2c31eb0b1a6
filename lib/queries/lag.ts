// READ side of the consistency window: how long each asynchronous step takes, from the commit of
// the event that caused it to the commit of its handler, in this shop's own recent history (the
// last hour, at most the last 500 events per step), split into its stages, with each queue's depth
// and service rate and what Little's law makes of them. Samples are written by the workers
// (lib/lag/record.ts) and the web processes' streams (lib/lag/push.ts).
//
// Computed at most once every CACHE_MS per process: the order pages of every open browser poll
// GET /api/lag, and the answer moves slowly.
import { type Tx, db } from '../db/client';
import { readPushSamples } from '../lag/push';
import { allPolicies, policyOfStep } from '../queue/policies';
import { type QueueState, opsRedis, queueStates } from '../switches/queues';
import { littleEtaMs, serviceRate, summarize } from './lag-math';
import type { LagDetail, LagSummary, QueueDepth, StepLag, StepLagDetail } from './lag-types';

export const LAG_WINDOW_MS = 60 * 60_000;
export const SAMPLES_PER_STEP = 500;
/** The recent window a service rate is measured over. */
export const RATE_WINDOW_MS = 60_000;
const CACHE_MS = 1_500;

interface Row {
  step: string;
  total: number;
  dwell: number;
  wait: number;
  handler: number;
}

/** Each step's newest samples: one index range scan per step (step, handled_at), however busy the hour was. */
async function loadRows(tx: Tx, steps: readonly string[], since: Date): Promise<Row[]> {
  if (steps.length === 0) return [];
  return tx.$queryRaw<Row[]>`
    SELECT s.step,
      (extract(epoch FROM t.handled_at - t.committed_at) * 1000)::float8 AS total,
      (extract(epoch FROM t.published_at - t.committed_at) * 1000)::float8 AS dwell,
      (extract(epoch FROM t.started_at - t.published_at) * 1000)::float8 AS wait,
      (extract(epoch FROM t.handled_at - t.started_at) * 1000)::float8 AS handler
    FROM unnest(${[...steps]}::text[]) AS s(step)
    CROSS JOIN LATERAL (
      SELECT * FROM step_timings
      WHERE step = s.step AND handled_at > ${since}
      ORDER BY handled_at DESC LIMIT ${SAMPLES_PER_STEP}
    ) t`;
}

async function loadCompletions(tx: Tx, since: Date): Promise<Map<string, number>> {
  const rows = await tx.$queryRaw<{ step: string; n: number }[]>`
    SELECT step, count(*)::int AS n FROM step_timings WHERE handled_at > ${since} GROUP BY step`;
  return new Map(rows.map((r) => [r.step, r.n]));
}

function depthOf(state: QueueState | undefined): QueueDepth {
  if (!state) return { waiting: 0, active: 0, delayed: 0, paused: false };
  return { waiting: state.counts.waiting, active: state.counts.active, delayed: state.counts.delayed, paused: state.paused };
}

/** Every step, measured or not (a step with no samples says so, rather than being left out). */
export async function computeLagDetail(now: number = Date.now()): Promise<LagDetail> {
  // Every step in the table, and any other (an event no row of the table names) that ran lately.
  const policies = new Map(allPolicies().map((p) => [p.step, p]));
  // The rates and the samples from one snapshot: read one after the other, a worker's timings
  // could land between them, and a step would have samples from the last minute but no rate.
  const read = db().$transaction(
    async (tx) => {
      const completions = await loadCompletions(tx, new Date(now - RATE_WINDOW_MS));
      for (const step of completions.keys()) {
        const known = policyOfStep(step);
        if (known && !policies.has(step)) policies.set(step, known);
      }
      return { completions, rows: await loadRows(tx, [...policies.keys()], new Date(now - LAG_WINDOW_MS)) };
    },
    { isolationLevel: 'RepeatableRead' },
  );
  const [{ completions, rows }, queues, pushLags] = await Promise.all([
    read,
    queueStates(),
    readPushSamples(opsRedis(), now - LAG_WINDOW_MS),
  ]);

  const byStep = new Map<string, Row[]>();
  for (const r of rows) byStep.set(r.step, [...(byStep.get(r.step) ?? []), r]);

  // A queue's depth counts the jobs of every step on it, so its rate must too (Little's law).
  const perQueue = new Map<string, number>();
  for (const [step, n] of completions) {
    const queue = policies.get(step)?.queue;
    if (queue) perQueue.set(queue, (perQueue.get(queue) ?? 0) + n);
  }
  const push = summarize(pushLags);

  const steps: StepLagDetail[] = [...policies.values()].map((policy) => {
    const mine = byStep.get(policy.step) ?? [];
    const endToEnd = summarize(mine.map((r) => r.total));
    const queue = depthOf(queues.find((q) => q.name === policy.queue));
    const rate = serviceRate(perQueue.get(policy.queue) ?? 0, RATE_WINDOW_MS);
    return {
      step: policy.step,
      queueName: policy.queue,
      what: policy.what,
      samples: endToEnd.samples,
      p50Ms: endToEnd.p50Ms,
      p95Ms: endToEnd.p95Ms,
      p99Ms: endToEnd.p99Ms,
      endToEnd,
      stages: {
        outboxDwell: summarize(mine.map((r) => r.dwell)),
        queueWait: summarize(mine.map((r) => r.wait)),
        handler: summarize(mine.map((r) => r.handler)),
        push,
      },
      queue,
      serviceRatePerS: rate === null ? null : Math.round(rate * 1_000) / 1_000,
      etaMs: littleEtaMs(queue, rate),
    };
  });
  return { generatedAt: now, windowMs: LAG_WINDOW_MS, steps };
}

const holder = globalThis as unknown as { __lagCache?: { at: number; detail: Promise<LagDetail> } };

/** The staff view, shared by every caller within CACHE_MS. */
export function getLagDetail(): Promise<LagDetail> {
  const now = Date.now();
  const cached = holder.__lagCache;
  if (cached && now - cached.at < CACHE_MS) return cached.detail;
  const detail = computeLagDetail(now);
  holder.__lagCache = { at: now, detail };
  // A failed computation is not kept: the next caller tries again.
  detail.catch(() => {
    if (holder.__lagCache?.detail === detail) holder.__lagCache = undefined;
  });
  return detail;
}

/** The public summary (GET /api/lag): aggregates per step only, nothing about any order. */
export function summaryOf(detail: LagDetail): LagSummary {
  const steps: Record<string, StepLag> = {};
  for (const s of detail.steps) {
    steps[s.step] = {
      samples: s.samples,
      p50Ms: s.p50Ms,
      p95Ms: s.p95Ms,
      p99Ms: s.p99Ms,
      queue: s.queue,
      serviceRatePerS: s.serviceRatePerS,
      etaMs: s.etaMs,
    };
  }
  return { generatedAt: detail.generatedAt, steps };
}

export async function getStepLag(): Promise<LagSummary> {
  return summaryOf(await getLagDetail());
}
