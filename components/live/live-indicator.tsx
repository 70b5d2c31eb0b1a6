import type { LiveState } from './use-event-stream';

const LOOK: Record<LiveState, { text: string; title: string; className: string; dot: string }> = {
  connecting: {
    text: 'Connecting…',
    title: 'Opening the live connection; the page already shows the latest state.',
    className: 'bg-stone-50 text-stone-700 ring-stone-200',
    dot: 'bg-stone-400',
  },
  live: {
    text: 'Live',
    title: 'Changes arrive the moment they happen.',
    className: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
    dot: 'bg-emerald-500 animate-pulse',
  },
  reconnecting: {
    text: 'Reconnecting…',
    title: 'The live connection dropped; trying again.',
    className: 'bg-amber-50 text-amber-900 ring-amber-200',
    dot: 'bg-amber-500',
  },
  polling: {
    text: 'Polling',
    title: 'The live connection is down; checking for changes every 2 seconds.',
    className: 'bg-sky-50 text-sky-900 ring-sky-200',
    dot: 'bg-sky-500',
  },
};

/** How this page is being kept up to date: Connecting…, Live, Reconnecting… or Polling. */
export function LiveIndicator({ state }: { state: LiveState }) {
  const look = LOOK[state];
  return (
    <span className={`badge ring-1 ${look.className}`} title={look.title} data-testid="live-indicator">
      <span aria-hidden="true" className={`size-2 rounded-full ${look.dot}`} />
      {look.text}
    </span>
  );
}
