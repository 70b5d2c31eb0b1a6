// The ops area: what needs a person, the queues, and the failure switches. Every page below checks
// the staff session itself (requireStaffForPage); this layout only frames them.
import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { OpsNav } from '@/components/ops/ops-nav';
import { currentStaff } from '@/lib/auth/staff';

export const metadata: Metadata = { title: { default: 'Ops', template: '%s · Ops · Counter & Shelf' } };

export default async function OpsLayout({ children }: { children: ReactNode }) {
  const staff = await currentStaff();
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <OpsNav />
        {staff && (
          <p className="text-sm text-roast-600">
            Signed in as <span className="font-semibold text-roast-900">{staff.name}</span> ({staff.role})
          </p>
        )}
      </div>
      {children}
    </div>
  );
}
