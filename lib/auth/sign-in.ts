// Signing staff in: check the form, compare the password in constant time, and hand back a
// signed session token. Shared by the sign-in page's server action and POST /api/staff/session.
import { z } from 'zod';
import { config } from '../config';
import type { ActionResult } from '../http/action-result';
import { INVISIBLE_CHARACTER_MESSAGE, isPlainText } from '../domain/shared/text';
import { fieldsOf } from '../http/respond';
import { SESSION_MAX_AGE_S, STAFF_COOKIE, STAFF_NAME_MAX, STAFF_ROLES, type StaffSession, passwordMatches, signSession } from './session';
import { sessionSecret } from './secret';

export const SignInRequest = z.object({
  role: z.enum(STAFF_ROLES, { error: 'Choose Barista or Ops.' }),
  name: z
    .string({ error: 'Enter your name.' })
    .trim()
    .min(1, 'Enter your name.')
    .max(STAFF_NAME_MAX, `At most ${STAFF_NAME_MAX} characters.`)
    .refine((name) => isPlainText(name), INVISIBLE_CHARACTER_MESSAGE),
  password: z.string({ error: 'Enter the staff password.' }).min(1, 'Enter the staff password.').max(200, 'That password is not right.'),
});

export type SignedIn = { staff: Omit<StaffSession, 'exp'>; token: string };

export const WRONG_PASSWORD = { code: 'STAFF.WRONG_PASSWORD', message: 'That password is not right. You are not signed in.' } as const;

/** A valid form with the right password → a session token; anything else → why not. */
export function signIn(input: unknown, now: Date): ActionResult<SignedIn> {
  const parsed = SignInRequest.safeParse(input);
  if (!parsed.success) {
    return { ok: false, code: 'VALIDATION', message: 'Some details need fixing.', fields: fieldsOf(parsed.error.issues) };
  }
  const { role, name, password } = parsed.data;
  if (!passwordMatches(password, config().STAFF_PASSWORD)) {
    return { ok: false, ...WRONG_PASSWORD, fields: { password: 'Not the staff password: check it and try again.' } };
  }
  const staff = { role, name };
  return { ok: true, data: { staff, token: signSession(staff, now, sessionSecret()) } };
}

/** The session cookie: httpOnly, same-site lax (no cross-site POST carries it), 8 hours. */
export function staffCookie(token: string, secure: boolean) {
  return {
    name: STAFF_COOKIE,
    value: token,
    httpOnly: true,
    sameSite: 'lax' as const,
    path: '/',
    maxAge: SESSION_MAX_AGE_S,
    secure,
  };
}
