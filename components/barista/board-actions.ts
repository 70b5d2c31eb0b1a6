'use client';
// What the board's buttons call (server actions, passed down from the page), and how a press is
// run: one at a time per ticket, the answer kept where the barista can read it, and the board
// refetched whatever the answer — after a refusal above all, because a refusal means the board
// was out of date.
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState, useTransition } from 'react';
import type { ActionResult } from '@/lib/http/action-result';
import { boardQueryKey } from '../live/use-live-board';

type Press = { ticketId: string; seenVersion: number };

export interface BoardActions {
  start: (press: Press) => Promise<ActionResult<null>>;
  ready: (press: Press) => Promise<ActionResult<null>>;
  toss: (press: Press) => Promise<ActionResult<null>>;
  handOver: (ticketId: string, seenVersion: number) => Promise<ActionResult<null>>;
  setMode: (change: { station: number; mode: 'auto' | 'manual' }) => Promise<ActionResult<null>>;
}

export interface Refusal {
  /** Whose order (or which station) the refused press was about. */
  about: string;
  code: string;
  message: string;
}

/** Runs presses, one at a time per target (a ticket id, a station), and keeps the last refusal. */
export function useBoardPresses() {
  const queryClient = useQueryClient();
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [busy, setBusy] = useState<ReadonlySet<string>>(new Set());
  const [, startTransition] = useTransition();

  const run = useCallback(
    (target: string, about: string, call: () => Promise<ActionResult<null>>) => {
      setBusy((b) => (b.has(target) ? b : new Set(b).add(target)));
      startTransition(async () => {
        try {
          const result = await call();
          setRefusal(result.ok ? null : { about, code: result.code, message: result.message });
        } catch {
          setRefusal({ about, code: 'UNREACHABLE', message: 'Could not reach the counter; try again.' });
        }
        // Whatever the answer, the board should show what is true now.
        await queryClient.invalidateQueries({ queryKey: boardQueryKey });
        setBusy((b) => {
          const next = new Set(b);
          next.delete(target);
          return next;
        });
      });
    },
    [queryClient],
  );

  return { run, busy, refusal, dismiss: () => setRefusal(null) };
}
