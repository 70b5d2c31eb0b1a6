'use client';
// Pause or resume each queue. The pause is BullMQ's own, kept in Redis: every worker process stops
// taking that queue's jobs (those already running finish) until someone resumes it, restarts or not.
import type { QueueState } from '@/lib/switches/queues';
import { type Column, ColumnHeads } from '../ui/column-heads';

const QUEUE_COLUMNS: readonly Column[] = [
  { label: 'Queue' },
  { label: 'Waiting', numeric: true },
  { label: 'Active', numeric: true },
  { label: 'Delayed', numeric: true },
  { label: 'Failed', numeric: true },
  { label: 'State' },
];

export function QueueControls({
  queues,
  unknown,
  pending,
  onPause,
}: {
  queues: QueueState[];
  unknown: boolean;
  pending: boolean;
  onPause: (queue: string, paused: boolean) => void;
}) {
  return (
    <section aria-labelledby="queues" className="space-y-3">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h2 id="queues" className="text-2xl font-semibold text-roast-900">
          Queues
        </h2>
        {/* The dashboard is a route handler's own HTML app, not a Next page: a full navigation, not <Link>. */}
        {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
        <a
          href="/ops/queues"
          className="text-sm font-semibold text-roast-800 underline underline-offset-4 hover:text-roast-950"
        >
          Open the queue dashboard
        </a>
      </div>
      <p className="max-w-3xl text-sm text-roast-700">
        Pause a queue and its step stops: jobs pile up as “waiting”, the customer&apos;s page keeps saying what is done
        and what is still to come. Resume it and the step catches up. The pause is kept in Redis, so it survives
        restarts.
      </p>
      {unknown ? (
        <p className="card p-4 text-sm text-roast-700">The queues cannot be read while Redis is unreachable.</p>
      ) : (
        <div className="card overflow-x-auto">
          <table className="w-full min-w-[40rem] text-left text-sm">
            <caption className="sr-only">Each queue, how many jobs it holds, and whether it is paused</caption>
            <ColumnHeads columns={QUEUE_COLUMNS} />
            <tbody>
              {queues.map((q) => (
                <tr
                  key={q.name}
                  data-queue={q.name}
                  className={`border-b border-roast-50 last:border-0 ${q.paused ? 'bg-amber-50' : ''}`}
                >
                  <th scope="row" className="px-4 py-2 align-top font-normal">
                    <span className="font-mono font-semibold text-roast-950">{q.name}</span>
                    <span className="block text-xs text-roast-600">{q.purpose}</span>
                  </th>
                  <td className="px-2 py-2 text-right tabular-nums">{q.counts.waiting}</td>
                  <td className="px-2 py-2 text-right tabular-nums">{q.counts.active}</td>
                  <td className="px-2 py-2 text-right tabular-nums">{q.counts.delayed}</td>
                  <td className="px-2 py-2 text-right tabular-nums">{q.counts.failed}</td>
                  <td className="px-4 py-2">
                    <div className="flex items-center gap-3">
                      <span
                        className={`badge ring-1 ${q.paused ? 'bg-amber-100 text-amber-950 ring-amber-300' : 'bg-emerald-50 text-emerald-800 ring-emerald-200'}`}
                      >
                        {q.paused ? 'Paused' : 'Running'}
                      </span>
                      <button
                        type="button"
                        className="btn btn-secondary py-1"
                        disabled={pending}
                        onClick={() => onPause(q.name, !q.paused)}
                      >
                        {q.paused ? 'Resume' : 'Pause'}
                        <span className="sr-only"> {q.name}</span>
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
