import type { Metadata } from 'next';
import { connection } from 'next/server';
import { FailureSwitches } from '@/components/ops/failure-switches';
import { requireStaffForPage } from '@/lib/auth/staff';
import { opsStatus } from '@/lib/switches/status';
import { crashWorkerAction, resetEverythingAction, saveSwitchesAction, setQueuePausedAction } from './actions';

export const metadata: Metadata = { title: 'Failure switches' };

export default async function FailuresPage() {
  await connection();
  await requireStaffForPage('ops', '/ops/failures');
  const initial = await opsStatus();
  return (
    <FailureSwitches
      initial={initial}
      actions={{
        save: saveSwitchesAction,
        reset: resetEverythingAction,
        setQueuePaused: setQueuePausedAction,
        crashWorker: crashWorkerAction,
      }}
    />
  );
}
