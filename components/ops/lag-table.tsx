'use client';
// The consistency window, per step, for ops: how long each step behind the counter took lately
// from the commit of the event that caused it to its handler's commit, where that time went
// (outbox dwell, queue wait, handler), how full each queue is and how fast it empties, and what
// Little's law makes of that. Polled every two seconds, so a paused queue shows up filling.
import { useQuery } from '@tanstack/react-query';
import type { LagDetail, Percentiles, StepLagDetail } from '@/lib/queries/lag-types';
import { type Column, ColumnHeads } from '../ui/column-heads';
import { formatMs, formatRate } from './lag-words';

const POLL_MS = 2_000;

const LAG_COLUMNS: readonly Column[] = [
  { label: 'Step' },
  { label: 'Samples', numeric: true },
  { label: 'End to end' },
  { label: 'Outbox dwell' },
  { label: 'Queue wait' },
  { label: 'Handler' },
  {
    label: (
      <>
        Queue <span className="block text-xs font-normal text-roast-500">waiting / active / delayed</span>
      </>
    ),
  },
  { label: 'Rate', numeric: true },
  { label: 'Estimate', numeric: true },
];

class LagUnavailable extends Error {
  override name = 'LagUnavailable';
}

async function fetchLag(): Promise<LagDetail> {
  const response = await fetch('/api/ops/lag', { cache: 'no-store', headers: { accept: 'application/json' } });
  if (response.status === 401 || response.status === 403)
    throw new LagUnavailable('Your staff session has ended: sign in again to see the figures.');
  if (!response.ok) throw new LagUnavailable('The figures cannot be read just now; showing the last ones.');
  return (await response.json()) as LagDetail;
}

/** p50 large, p95 and p99 under it (a stage shows its p99 on hover, to keep the table narrow). */
function Trio({ p, label, compact = false }: { p: Percentiles; label: string; compact?: boolean }) {
  if (p.samples === 0) return <span className="text-roast-400">—</span>;
  return (
    <span
      className="whitespace-nowrap tabular-nums"
      aria-label={`${label}: p50 ${formatMs(p.p50Ms)}, p95 ${formatMs(p.p95Ms)}, p99 ${formatMs(p.p99Ms)}`}
      title={compact ? `p99 ${formatMs(p.p99Ms)}` : undefined}
    >
      <span className="block font-semibold text-roast-950">{formatMs(p.p50Ms)}</span>
      <span className="block text-xs text-roast-600">
        p95 {formatMs(p.p95Ms)}
        {!compact && ` · p99 ${formatMs(p.p99Ms)}`}
      </span>
    </span>
  );
}

function QueueCell({ step }: { step: StepLagDetail }) {
  const { waiting, active, delayed, paused } = step.queue;
  return (
    <span className="whitespace-nowrap tabular-nums">
      {waiting} / {active} / {delayed}
      {paused && (
        <span className="ml-1 block w-fit rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900">
          paused
        </span>
      )}
    </span>
  );
}

export function LagTable({ initial }: { initial: LagDetail }) {
  const query = useQuery({
    queryKey: ['ops-lag'],
    queryFn: fetchLag,
    initialData: initial,
    initialDataUpdatedAt: initial.generatedAt,
    staleTime: 0,
    refetchInterval: POLL_MS,
    retry: false,
  });
  const lag = query.data;
  const problem = query.error instanceof Error ? query.error.message : null;
  const push = lag.steps[0]?.stages.push;
  const measured = lag.steps.filter((s) => s.samples > 0).length;
  const hours = Math.round(lag.windowMs / 3_600_000);

  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-4xl font-semibold text-roast-900">Consistency window</h1>
        <p className="max-w-3xl text-roast-700">
          How long each step behind the counter took in this shop over the last{' '}
          {hours === 1 ? 'hour' : `${hours} hours`} (at most its last 500 events): from the commit of the event that
          caused it to the commit of its handler, and where that time went. Each figure is the p50 with the p95 under it
          (and, end to end, the p99). The order pages quote the same p50 and p95 to customers.
        </p>
        {problem && (
          <p role="status" className="card border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
            {problem}
          </p>
        )}
      </div>

      <dl className="grid gap-3 sm:grid-cols-3">
        <div className="card p-4">
          <dt className="text-sm text-roast-700">Steps measured</dt>
          <dd className="text-2xl font-semibold tabular-nums text-roast-950" data-testid="steps-measured">
            {measured} of {lag.steps.length}
          </dd>
        </div>
        <div className="card p-4">
          <dt className="text-sm text-roast-700">Push to browser (handler commit → view sent), every step</dt>
          <dd className="text-2xl tabular-nums text-roast-950" data-testid="push">
            {push ? <Trio p={push} label="Push to browser" /> : '—'}
          </dd>
          <dd className="text-xs text-roast-600">
            {push?.samples ?? 0} live {push?.samples === 1 ? 'view' : 'views'} sent
          </dd>
        </div>
        <div className="card p-4">
          <dt className="text-sm text-roast-700">Updated</dt>
          <dd className="text-2xl tabular-nums text-roast-950">
            {new Date(lag.generatedAt).toLocaleTimeString('en-GB')}
          </dd>
          <dd className="text-xs text-roast-600">every {POLL_MS / 1_000} s while this page is open</dd>
        </div>
      </dl>

      <div className="card overflow-x-auto">
        <table className="w-full min-w-[56rem] text-left text-sm">
          <caption className="sr-only">
            Each asynchronous step: samples, end-to-end and per-stage percentiles, its queue, service rate and estimate
          </caption>
          <ColumnHeads columns={LAG_COLUMNS} />
          <tbody>
            {lag.steps.map((s) => (
              <tr
                key={s.step}
                data-step={s.step}
                className={`border-b border-roast-50 last:border-0 ${s.queue.paused ? 'bg-amber-50' : ''}`}
              >
                <th scope="row" className="px-4 py-2 align-top font-normal">
                  <span className="font-mono font-semibold text-roast-950">{s.step}</span>
                  <span className="block text-xs text-roast-600">{s.what}</span>
                </th>
                <td className="px-2 py-2 text-right align-top tabular-nums" data-testid="samples">
                  {s.samples}
                </td>
                <td className="px-2 py-2 align-top" data-testid="end-to-end">
                  <Trio p={s.endToEnd} label="End to end" />
                </td>
                <td className="px-2 py-2 align-top">
                  <Trio p={s.stages.outboxDwell} label="Outbox dwell" compact />
                </td>
                <td className="px-2 py-2 align-top">
                  <Trio p={s.stages.queueWait} label="Queue wait" compact />
                </td>
                <td className="px-2 py-2 align-top">
                  <Trio p={s.stages.handler} label="Handler" compact />
                </td>
                <td className="px-2 py-2 align-top" data-testid="queue">
                  <QueueCell step={s} />
                </td>
                <td className="px-2 py-2 text-right align-top tabular-nums">{formatRate(s.serviceRatePerS)}</td>
                <td className="px-4 py-2 text-right align-top tabular-nums">
                  {s.etaMs === null ? '—' : `~${formatMs(s.etaMs)}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <div className="max-w-3xl space-y-2 text-sm text-roast-700">
        <h2 className="text-lg font-semibold text-roast-900">How these are measured</h2>
        <p>
          <strong>Outbox dwell</strong>: the event&apos;s transaction (its clock, read as it began) to the relay putting
          the job on its queue. <strong>Queue wait</strong>: on the queue until the attempt that succeeded started,
          retries and their backoff included. <strong>Handler</strong>: that attempt, to its commit.{' '}
          <strong>Push to browser</strong>: a handler&apos;s commit to a live order page being sent the changed view; it
          is measured per change, not per step.
        </p>
        <p>
          <strong>Rate</strong>: what the step&apos;s queue completed per second over the last minute, all its steps
          together. The <strong>estimate</strong> is Little&apos;s law — jobs waiting or running divided by that rate —
          and is left out when it cannot be given: the queue is paused, nothing was completed lately, or nothing is
          queued.
        </p>
      </div>
    </div>
  );
}
