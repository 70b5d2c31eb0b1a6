'use server';
// Staff sign-in and sign-out. Signing in checks the password in constant time and, only when it is
// right, sets the signed session cookie and goes on to `next` (a path on this site, nothing else).
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { safeNext } from '@/lib/auth/next-path';
import { STAFF_COOKIE } from '@/lib/auth/session';
import { signIn, staffCookie } from '@/lib/auth/sign-in';
import type { ActionResult } from '@/lib/http/action-result';

export type SignInState = Extract<ActionResult<never>, { ok: false }> | null;

export async function signInAction(_previous: SignInState, form: FormData): Promise<SignInState> {
  const result = signIn({ role: form.get('role'), name: form.get('name'), password: form.get('password') }, new Date());
  if (!result.ok) return result;
  const secure = (await headers()).get('x-forwarded-proto') === 'https';
  (await cookies()).set(staffCookie(result.data.token, secure));
  redirect(safeNext(form.get('next')));
}

export async function signOutAction(): Promise<void> {
  (await cookies()).delete(STAFF_COOKIE);
  redirect('/staff/login?signed-out=1');
}
