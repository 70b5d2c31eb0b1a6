'use client';
import { useSyncExternalStore } from 'react';
import { formatClock } from '../format';

const noSubscription = () => () => {};

/**
 * "25 Nov 2026, 14:03:07" in the viewer's own time zone. As with ClockTime, the server render
 * (and hydration) shows UTC, and the browser switches to local time right after.
 */
export function MailDate({ iso, className }: { iso: string; className?: string }) {
  const local = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const timeZone = local ? undefined : 'UTC';
  const day = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone }).format(
    new Date(iso),
  );
  return (
    <time dateTime={iso} className={className}>
      {day}, {formatClock(iso, { precise: false, timeZone })}
      {local ? '' : ' UTC'}
    </time>
  );
}
