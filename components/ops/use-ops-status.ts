'use client';
// The ops status, polled every second while the page is open: a change made by another presenter,
// a process picking up the new switches, a queue filling while paused, a restarted worker — each
// shows up within a second without reloading.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { OpsStatus } from '@/lib/switches/status';

export const opsStatusKey = ['ops-status'] as const;
export const POLL_MS = 1_000;

export class StatusUnavailable extends Error {
  override name = 'StatusUnavailable';
}

async function fetchStatus(): Promise<OpsStatus> {
  const response = await fetch('/api/ops/switches', { cache: 'no-store', headers: { accept: 'application/json' } });
  if (response.status === 401 || response.status === 403) {
    throw new StatusUnavailable('Your staff session has ended: sign in again to keep steering.');
  }
  if (!response.ok) throw new StatusUnavailable('The server is not answering; showing the last known state.');
  return (await response.json()) as OpsStatus;
}

export function useOpsStatus(initial: OpsStatus) {
  const query = useQuery({
    queryKey: opsStatusKey,
    queryFn: fetchStatus,
    initialData: initial,
    initialDataUpdatedAt: initial.now,
    staleTime: 0,
    refetchInterval: POLL_MS,
    retry: false,
  });
  const client = useQueryClient();
  const refresh = useCallback(() => client.invalidateQueries({ queryKey: opsStatusKey }), [client]);
  return { status: query.data, problem: query.error instanceof Error ? query.error.message : null, refresh };
}
