import type { Metadata } from 'next';
import { staffAreaOf } from '@/lib/auth/areas';
import { safeNext } from '@/lib/auth/next-path';
import { mayEnter } from '@/lib/auth/session';
import { currentStaff } from '@/lib/auth/staff';
import { signOutAction } from '../actions';
import { SignInForm } from './sign-in-form';

export const metadata: Metadata = { title: 'Staff sign in', robots: { index: false } };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function StaffLoginPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const next = safeNext(typeof params.next === 'string' ? params.next : undefined);
  const needs = staffAreaOf(new URL(next, 'http://same.invalid').pathname);
  const staff = await currentStaff();
  const signedOut = params['signed-out'] !== undefined;
  return (
    <div className="mx-auto max-w-md space-y-6">
      <header className="space-y-2">
        <h1 className="text-4xl font-semibold text-roast-900">Staff sign in</h1>
        <p className="text-roast-700">
          Behind the counter: the barista board is for baristas and ops, the ops pages for ops only.
        </p>
      </header>
      {signedOut && !staff && (
        <p role="status" className="rounded-xl border border-roast-200 bg-roast-50 p-4 text-sm text-roast-900">
          You are signed out.
        </p>
      )}
      {staff && (
        <div
          role="status"
          className="space-y-3 rounded-xl border border-roast-200 bg-roast-50 p-4 text-sm text-roast-900"
        >
          <p>
            You are signed in as <strong>{staff.name}</strong> ({staff.role === 'ops' ? 'Ops' : 'Barista'}).
          </p>
          {needs && !mayEnter(staff.role, needs) && (
            <p>
              <strong>{next}</strong> is for ops staff only. Sign in with an ops account to open it.
            </p>
          )}
          <form action={signOutAction}>
            <button type="submit" className="btn btn-secondary">
              Sign out
            </button>
          </form>
        </div>
      )}
      <SignInForm next={next} />
    </div>
  );
}
