'use client';
// An answer that stops the customer (a declined card, fields to fix) as an alert that takes focus,
// so a screen reader hears it at once and the keyboard is next to what to do about it.
import { type ReactNode, useEffect, useRef } from 'react';

const TONE = {
  red: 'border-red-300 bg-red-50 text-red-900',
  amber: 'border-amber-300 bg-amber-50 text-amber-950',
} as const;

export function FocusAlert({ tone, focusKey, children }: { tone: keyof typeof TONE; focusKey: unknown; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  // A new answer (even one worded like the last) takes focus again.
  useEffect(() => {
    ref.current?.focus();
  }, [focusKey]);
  return (
    <div ref={ref} role="alert" tabIndex={-1} className={`rounded-xl border p-4 text-sm ${TONE[tone]}`}>
      {children}
    </div>
  );
}
