'use client';
// The barista board's data under ['barista-board'], kept live the same way as the order page. A
// new ticket can arrive at any moment, so while the stream is open the board also checks in every
// CHECK_IN_MS (a lost announcement then costs seconds, not the rest of the shift).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { BoardView } from '@/lib/queries/barista-board';
import { POLL_INTERVAL_MS, useEventStream } from './use-event-stream';
import { CHECK_IN_MS, fetchJson } from './use-live-snapshot';

export const boardQueryKey = ['barista-board'] as const;

const fetchBoard = async () => ((await fetchJson('/api/barista/board')) as { board: BoardView }).board;

export function useLiveBoard(initial: BoardView) {
  const queryClient = useQueryClient();
  const onData = useCallback((board: BoardView) => queryClient.setQueryData(boardQueryKey, board), [queryClient]);
  const onOpen = useCallback(() => void queryClient.invalidateQueries({ queryKey: boardQueryKey }), [queryClient]);

  const connection = useEventStream<BoardView>({ url: '/api/barista/stream', event: 'board', onData, onOpen });

  const query = useQuery({
    queryKey: boardQueryKey,
    queryFn: fetchBoard,
    initialData: initial,
    refetchInterval: connection === 'polling' ? POLL_INTERVAL_MS : CHECK_IN_MS,
  });

  return { board: query.data, connection, refreshError: query.error };
}
