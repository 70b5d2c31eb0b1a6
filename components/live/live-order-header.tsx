// The top of an order page, in both shops: whose order it is and when it was placed, how the page
// is being kept up to date, and the sentence screen readers hear when something changes.
import type { ReactNode } from 'react';
import { orderReference } from '@/lib/domain/shared/order-reference';
import { ClockTime } from '../ui/clock-time';
import { LiveIndicator } from './live-indicator';
import type { LiveState } from './use-event-stream';

export function LiveOrderHeader({
  title,
  orderId,
  createdAt,
  connection,
  announcement,
}: {
  title: ReactNode;
  orderId: string;
  createdAt: string;
  connection: LiveState;
  /** Read out as it changes (the region is aria-live). */
  announcement: ReactNode;
}) {
  return (
    <>
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div className="space-y-1">
          <h1 className="text-4xl font-semibold text-roast-900">{title}</h1>
          <p className="text-sm text-roast-600">
            Placed at <ClockTime iso={createdAt} /> · Order{' '}
            <span data-testid="order-reference" className="font-mono">
              {orderReference(orderId)}
            </span>
          </p>
        </div>
        <LiveIndicator state={connection} />
      </header>

      <p
        role="status"
        aria-live="polite"
        className="rounded-xl border border-roast-100 bg-white/70 px-4 py-3 text-roast-800"
      >
        {announcement}
      </p>
    </>
  );
}
