'use client';
// The shop's measured lag per step (GET /api/lag, no sign-in, no customer data), for the order
// pages' "usually takes ~X" and "taking longer than usual". One query for every step on the page,
// refetched every few seconds only while the page is waiting for something.
import { useQuery } from '@tanstack/react-query';
import type { LagSummary } from '@/lib/queries/lag-types';

export const LAG_REFRESH_MS = 5_000;

export interface StepLagReading {
  summary: LagSummary;
  /**
   * Server clock minus browser clock, in ms. The pages compare the view's timestamps (server
   * time) with "now"; a browser clock a minute off would make every step look late or early.
   */
  serverOffsetMs: number;
}

// The summary's generatedAt was the server's time at some moment before the answer arrived (the
// server reuses a summary for a second or so), so generatedAt − arrival is a lower bound of the
// offset, never an overestimate. The largest bound of the last minute's readings is the tightest.
const OFFSET_READINGS = 12;
const offsetBounds: number[] = [];

async function fetchLag(): Promise<StepLagReading> {
  const res = await fetch('/api/lag', { cache: 'no-store' });
  if (!res.ok) throw new Error(`GET /api/lag answered ${res.status}`);
  const summary = (await res.json()) as LagSummary;
  offsetBounds.push(summary.generatedAt - Date.now());
  if (offsetBounds.length > OFFSET_READINGS) offsetBounds.shift();
  return { summary, serverOffsetMs: Math.max(...offsetBounds) };
}

/**
 * The lag summary while `waiting`: undefined until it arrives (the page then says nothing it cannot
 * back), `unavailable` while it cannot be read (the page says so rather than "looking it up" forever).
 */
export function useStepLag(waiting: boolean): { reading: StepLagReading | undefined; unavailable: boolean } {
  const { data, isError } = useQuery({
    queryKey: ['lag'],
    queryFn: fetchLag,
    enabled: waiting,
    refetchInterval: waiting ? LAG_REFRESH_MS : false,
    staleTime: LAG_REFRESH_MS,
    retry: false,
  });
  return { reading: data, unavailable: isError && data === undefined };
}
