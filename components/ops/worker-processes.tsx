'use client';
// The worker processes (from their heartbeats) and the "crash one" button. A crashed process exits
// mid-work; its supervisor starts a new one (a new pid appears here), and the jobs it held are
// picked up again once their locks run out.
import type { OpsStatus } from '@/lib/switches/status';
import { ClockTime } from '../ui/clock-time';

export function WorkerProcesses({
  status,
  pending,
  onCrash,
}: {
  status: OpsStatus;
  pending: boolean;
  onCrash: (pid: number | null) => void;
}) {
  const workers = status.processes.filter((p) => p.role === 'workers' && p.heartbeatAt !== null);
  const lockSeconds = Math.round(status.workerLockMs / 1000);
  return (
    <section aria-labelledby="worker-processes" className="space-y-3">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h2 id="worker-processes" className="text-2xl font-semibold text-roast-900">
          Worker processes
        </h2>
        <button
          type="button"
          className="btn border border-red-300 bg-white text-red-800 hover:bg-red-50"
          disabled={pending || workers.length === 0}
          onClick={() => onCrash(null)}
        >
          Crash a worker process
        </button>
      </div>
      <p className="max-w-3xl text-sm text-roast-700">
        One worker process exits on the spot, mid-work. Its supervisor starts a new one within seconds; the drinks and
        parcels it was handling look stuck until their locks run out ({lockSeconds} s), then another worker finishes
        them — nothing is lost and nothing is done twice.
      </p>
      {workers.length === 0 ? (
        <p className="card p-4 text-sm text-roast-700">No worker process has reported in the last 10 seconds.</p>
      ) : (
        <ul className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
          {workers.map((w) => (
            <li key={w.pid} data-worker-pid={w.pid} className="card flex items-center justify-between gap-3 p-3">
              <div className="text-sm">
                <p className="font-semibold text-roast-900">
                  Worker process <span className="font-mono">{w.pid}</span>
                </p>
                <p className="text-roast-600">
                  {w.seenVersion === null ? 'not reporting switches' : `sees switches version ${w.seenVersion}`}
                </p>
              </div>
              <button
                type="button"
                className="btn btn-ghost text-red-800 hover:bg-red-50"
                disabled={pending}
                onClick={() => onCrash(w.pid)}
              >
                Crash<span className="sr-only"> worker process {w.pid}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {status.crashes.length > 0 && (
        <div className="text-sm text-roast-700">
          <h3 className="font-semibold text-roast-900">Recent crashes</h3>
          <ul className="mt-1 space-y-0.5">
            {status.crashes.slice(0, 5).map((c) => (
              <li key={`${c.pid}-${c.at}`}>
                Process <span className="font-mono">{c.pid}</span> at{' '}
                <ClockTime iso={new Date(c.at).toISOString()} precise />
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
