import type { Metadata } from 'next';
import { connection } from 'next/server';
import { BaristaBoard } from '@/components/barista/board';
import { getBoard } from '@/lib/queries/barista-board';
import { handOverDrinkAction } from './actions';

export const metadata: Metadata = { title: 'Barista board' };

export default async function BaristaPage() {
  await connection();
  const board = await getBoard();
  return <BaristaBoard initial={board} handOver={handOverDrinkAction} />;
}
