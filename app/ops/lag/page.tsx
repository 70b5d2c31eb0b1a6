import type { Metadata } from 'next';
import { connection } from 'next/server';
import { LagTable } from '@/components/ops/lag-table';
import { requireStaffForPage } from '@/lib/auth/staff';
import { getLagDetail } from '@/lib/queries/lag';

export const metadata: Metadata = { title: 'Consistency window' };

export default async function LagPage() {
  await connection();
  await requireStaffForPage('ops', '/ops/lag');
  return <LagTable initial={await getLagDetail()} />;
}
