'use client';
import { useSyncExternalStore } from 'react';
import { formatClock } from '../format';

const subscribe = () => () => {};

/**
 * A clock time in the viewer's own time zone. The server does not know that zone, so the
 * server render (and hydration) shows UTC, and the browser switches to local time right after.
 */
export function ClockTime({ iso, precise = false, className }: { iso: string; precise?: boolean; className?: string }) {
  const inBrowser = useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
  const text = inBrowser ? formatClock(iso, { precise }) : `${formatClock(iso, { precise, timeZone: 'UTC' })} UTC`;
  return (
    <time dateTime={iso} className={className}>
      {text}
    </time>
  );
}
