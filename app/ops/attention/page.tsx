import type { Metadata } from 'next';
import { connection } from 'next/server';
import { AttentionList } from '@/components/ops/attention-list';
import { requireStaffForPage } from '@/lib/auth/staff';
import { listAttention } from '@/lib/queries/attention';
import { compensateAttentionAction, resolveAttentionAction, retryAttentionAction } from './actions';

export const metadata: Metadata = { title: 'Needs attention' };

export default async function AttentionPage() {
  await connection();
  await requireStaffForPage('ops', '/ops/attention');
  const list = await listAttention();
  return (
    <AttentionList
      list={list}
      actions={{ retry: retryAttentionAction, compensate: compensateAttentionAction, resolve: resolveAttentionAction }}
    />
  );
}
