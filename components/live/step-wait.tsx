'use client';
// One pending asynchronous step, told honestly: the usual time from this shop's own history, and,
// once the wait passes the step's p95, "taking longer than usual" with the time waited so far and
// what comes next (an estimate at the current pace, or that the queue is paused).
//
// Screen readers hear the headline (role=status) when it changes — from the usual time to "taking
// longer" — and not the seconds ticking by, which sit outside the live region.
import { useEffect, useState } from 'react';
import type { PendingStep } from '@/lib/waiting/pending-step';
import { waitingWords } from '@/lib/waiting/waiting-words';
import { useStepLag } from './use-step-lag';

export function StepWait({ pending, className = '' }: { pending: PendingStep; className?: string }) {
  const { reading, unavailable } = useStepLag(true);
  const now = useNow();
  const lag = reading?.summary.steps[pending.step];
  // Before the first reading there is no offset to correct the browser clock with: wait for it.
  const elapsedMs =
    reading && now !== null ? Math.max(0, now + reading.serverOffsetMs - Date.parse(pending.since)) : null;
  const words = waitingWords({ lag, elapsedMs });
  const look =
    words.tone === 'late'
      ? 'border-amber-300 bg-amber-50 text-amber-950'
      : 'border-roast-100 bg-roast-50 text-roast-700';

  return (
    <p
      data-testid="step-wait"
      data-step={pending.step}
      className={`rounded-lg border px-3 py-2 text-sm ${look} ${className}`}
    >
      <span role="status" aria-live="polite" className={words.tone === 'late' ? 'font-semibold' : undefined}>
        {reading
          ? words.headline
          : unavailable
            ? 'How long this step usually takes cannot be read right now.'
            : 'Looking up how long this step usually takes…'}
      </span>
      {reading && words.detail && <span> {words.detail}</span>}
    </p>
  );
}

/** The browser's clock, every second; null on the server and in the first render (no hydration mismatch). */
function useNow(): number | null {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    // The first client render must match the server's (null), so the clock is read only once
    // mounted; the one extra render this costs is the point, not a cascade.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}
