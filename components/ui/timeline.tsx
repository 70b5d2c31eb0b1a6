// An order's story, event by event, each marked with whose job it was: done while the customer
// waited (sync) or behind the scenes (async), and by whom. What an event is called and what it
// says is the caller's: each scenario has its own events (the coffee order page's, the bookstore
// order request's).
import type { ReactNode } from 'react';
import type { TimelineItem } from '@/lib/queries/order-view';
import { ClockTime } from './clock-time';

export interface TimelineWords {
  /** What the step is called, and what it says under that (null for nothing). */
  describe: (item: TimelineItem) => { label: string; detail: ReactNode };
  actor: (actor: string) => string;
  /** The badge of an async step: "Behind the counter", "Behind the scenes". */
  asyncBadge: string;
  /** Under the heading: what the dark (sync) and light (async) steps are, in this scenario. */
  legend: ReactNode;
}

export function TimelineSection({ items, words }: { items: TimelineItem[]; words: TimelineWords }) {
  return (
    <section aria-labelledby="timeline-heading" className="card p-5 sm:p-6">
      <h2 id="timeline-heading" className="text-xl font-semibold text-roast-900">
        What happened, in order
      </h2>
      <p className="mt-1 text-sm text-roast-600">{words.legend}</p>
      {items.length === 0 ? (
        <p className="mt-4 text-sm text-roast-600">Nothing has happened yet.</p>
      ) : (
        <ol aria-label="Timeline" className="mt-4 space-y-3 border-l-2 border-roast-200 pl-5">
          {items.map((item) => (
            <Step key={item.id} item={item} words={words} />
          ))}
        </ol>
      )}
    </section>
  );
}

function Step({ item, words }: { item: TimelineItem; words: TimelineWords }) {
  const sync = item.mode === 'sync';
  const { label, detail } = words.describe(item);
  return (
    <li className="relative">
      <span
        aria-hidden="true"
        className={`absolute top-1.5 -left-[1.72rem] size-3 rounded-full ring-4 ring-white ${sync ? 'bg-roast-800' : 'bg-crema-400'}`}
      />
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <span className="font-semibold text-roast-900">{label}</span>
        <ClockTime iso={item.at} precise className="font-mono text-xs text-roast-600" />
        <span
          className={`badge ${sync ? 'bg-roast-800 text-white' : 'bg-crema-100 text-crema-700 ring-1 ring-crema-300'}`}
        >
          {sync ? 'While you waited' : words.asyncBadge}
        </span>
        <span className="text-xs text-roast-600">by {words.actor(item.actor)}</span>
      </div>
      {detail && <p className="text-sm text-roast-700">{detail}</p>}
    </li>
  );
}

/** Event data is stored JSON: each field is checked for its type before it is shown. */
export function numberIn(data: Record<string, unknown>, key: string): number | undefined {
  const value = data[key];
  return typeof value === 'number' ? value : undefined;
}

export function stringIn(data: Record<string, unknown>, key: string): string | undefined {
  const value = data[key];
  return typeof value === 'string' ? value : undefined;
}
