'use server';
// Staff sign-in and sign-out. Signing in checks the person's password (with the same guessing
// limits as the JSON sign-in) and, only when it is right, sets the signed session cookie and goes
// on to `next` (a path on this site, nothing else). Signing out revokes the session on the server.
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { safeNext } from '@/lib/auth/next-path';
import { signIn, staffCookie } from '@/lib/auth/sign-in';
import { signOutCurrent } from '@/lib/auth/staff';
import { requestAddress } from '@/lib/http/client-address';
import { type ActionResult, actionFailure } from '@/lib/http/action-result';
import { outageResult } from '@/lib/http/action-outage';

export type SignInState = Extract<ActionResult<never>, { ok: false }> | null;

const UNAVAILABLE: SignInState = {
  ok: false,
  code: 'UNAVAILABLE',
  message: 'Signing in is not possible right now (the shop cannot reach its database or Redis). Try again shortly.',
};

export async function signInAction(_previous: SignInState, form: FormData): Promise<SignInState> {
  const requestHeaders = await headers();
  let result: Awaited<ReturnType<typeof signIn>>;
  try {
    result = await signIn(
      { name: form.get('name'), password: form.get('password') },
      { address: requestAddress(requestHeaders), now: new Date() },
    );
  } catch (caught) {
    if (outageResult(caught)) return UNAVAILABLE;
    throw caught;
  }
  if (!result.ok) return actionFailure(result.error);
  const secure = requestHeaders.get('x-forwarded-proto') === 'https';
  (await cookies()).set(staffCookie(result.value.token, secure));
  redirect(safeNext(form.get('next')));
}

export async function signOutAction(): Promise<void> {
  await signOutCurrent();
  redirect('/staff/login?signed-out=1');
}
