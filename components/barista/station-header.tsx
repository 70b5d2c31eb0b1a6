'use client';
// A station's head: its number, who makes its drinks, and the switch between the machine and a
// barista's hands.
import type { Station } from '@/lib/domain/coffee/station';
import { Spinner } from '../ui/spinner';

export function StationHeader({
  station,
  waiting,
  busy,
  onSwitch,
}: {
  station: Station;
  /** Tickets queued or being made there. */
  waiting: number;
  busy: boolean;
  onSwitch: (mode: Station['mode']) => void;
}) {
  const manual = station.mode === 'manual';
  const to = manual ? 'auto' : 'manual';
  const headingId = `station-${station.id}`;
  return (
    <section
      aria-labelledby={headingId}
      data-station={station.id}
      data-mode={station.mode}
      className={`card flex flex-wrap items-center justify-between gap-3 p-3 ${manual ? 'border-crema-300 bg-crema-100/60' : ''}`}
    >
      <div>
        <h2 id={headingId} className="text-lg font-semibold text-roast-900">
          Station {station.id}
        </h2>
        <p className="text-sm text-roast-700" data-testid={`station-${station.id}-mode`}>
          {manual ? 'Manual — a barista makes its drinks' : 'Automatic — the machine makes its drinks'}
          <span className="text-roast-500"> · {waiting} to make</span>
        </p>
      </div>
      <button
        type="button"
        onClick={() => onSwitch(to)}
        disabled={busy}
        aria-busy={busy}
        aria-label={`Switch station ${station.id} to ${manual ? 'automatic' : 'manual'}`}
        className="btn btn-secondary"
      >
        {busy && <Spinner />}
        {manual ? 'Switch to automatic' : 'Switch to manual'}
      </button>
    </section>
  );
}
