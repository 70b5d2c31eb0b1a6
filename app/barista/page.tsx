import type { Metadata } from 'next';
import { connection } from 'next/server';
import { BaristaBoard } from '@/components/barista/board';
import { requireStaffForPage } from '@/lib/auth/staff';
import { getBoard } from '@/lib/queries/barista-board';
import {
  handOverDrinkAction,
  markDrinkReadyAction,
  setStationModeAction,
  startDrinkAction,
  tossDrinkAction,
} from './actions';

export const metadata: Metadata = { title: 'Barista board' };

export default async function BaristaPage() {
  await connection();
  await requireStaffForPage('barista', '/barista');
  const board = await getBoard();
  return (
    <BaristaBoard
      initial={board}
      actions={{
        start: startDrinkAction,
        ready: markDrinkReadyAction,
        toss: tossDrinkAction,
        handOver: handOverDrinkAction,
        setMode: setStationModeAction,
      }}
    />
  );
}
