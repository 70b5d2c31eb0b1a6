// Signing staff in: check the form, hold back guessing, find the person by name, check their
// password, and open a server-side session whose signed id goes into the cookie. Shared by the
// sign-in page's server action and POST /api/staff/session.
//
// The role is the account's, never the form's: a barista's password opens a barista session.
//
// Guessing is limited per name and per client address, with the same fixed Redis windows as
// order placing (lib/http/rate-limit.ts). Every attempt is counted before the password is checked,
// so parallel guesses cannot slip past the limit while scrypt runs; a success then takes its
// address count back and starts the name's window afresh (its owner has just proved who they
// are), so staff signing in all day from one shop network never lock it. Failures, and attempts
// refused for being over the limit, stay counted.
import { z } from 'zod';
import { config } from '../config';
import { giveBackHits, hitLimits, resetHits } from '../http/limits';
import { type Result, fail, ok, refuse } from '../domain/shared/result';
import { INVISIBLE_CHARACTER_MESSAGE, isPlainText } from '../domain/shared/text';
import { fieldsOf } from '../http/respond';
import { decoyHash, verifyPassword } from './password';
import { sessionSecret } from './secret';
import { SESSION_MAX_AGE_S, STAFF_COOKIE, STAFF_NAME_MAX, type StaffRole, signSession } from './session';
import { KNOWN_DEMO_PASSWORDS, loginOf } from './staff-accounts';
import { findStaffByName, openSession } from './store';

export const SignInRequest = z.object({
  name: z
    .string({ error: 'Enter your name.' })
    .trim()
    .min(1, 'Enter your name.')
    .max(STAFF_NAME_MAX, `At most ${STAFF_NAME_MAX} characters.`)
    .refine((name) => isPlainText(name), INVISIBLE_CHARACTER_MESSAGE),
  password: z.string({ error: 'Enter your password.' }).min(1, 'Enter your password.').max(200, 'That password is not right.'),
  // A `role` from an older client is ignored (zod drops unknown keys): the account decides.
});

export type SignedIn = { staff: { role: StaffRole; name: string }; token: string; expiresAt: Date };
export type SignInCode = 'VALIDATION' | 'STAFF.WRONG_PASSWORD' | 'STAFF.TOO_MANY_ATTEMPTS';

/** The rate-limit keys (under `<QUEUE_PREFIX>:rate:`) that count one caller's sign-in attempts. */
export function attemptKeys(name: string, address: string): { name: string; address: string } {
  // The name is folded as for look-ups and encoded, so no name can reach into another key.
  return { name: `staff-sign-in:name:${encodeURIComponent(loginOf(name))}`, address: `staff-sign-in:address:${address}` };
}

/** A valid form with a person's right password → a live session; anything else → why not. */
export async function signIn(input: unknown, caller: { address: string; now: Date }): Promise<Result<SignedIn, SignInCode>> {
  const parsed = SignInRequest.safeParse(input);
  if (!parsed.success) return fail('VALIDATION', 'Some details need fixing.', fieldsOf(parsed.error.issues));
  const { name, password } = parsed.data;
  const cfg = config();
  const keys = attemptKeys(name, caller.address);
  const windowS = cfg.STAFF_SIGN_IN_WINDOW_S;
  const decision = await hitLimits([
    { scope: 'name', key: keys.name, max: cfg.STAFF_SIGN_IN_LIMIT_PER_NAME, windowS },
    { scope: 'address', key: keys.address, max: cfg.STAFF_SIGN_IN_LIMIT_PER_ADDRESS, windowS },
  ]);
  if (!decision.ok) {
    const whose = decision.scope === 'name' ? 'for this name' : 'from your network';
    return refuse({
      code: 'STAFF.TOO_MANY_ATTEMPTS',
      message: `Too many failed sign-ins ${whose}. Wait ${decision.retryAfterS} s, then try again.`,
      retryAfterS: decision.retryAfterS,
    });
  }

  const staff = await findStaffByName(name);
  // Always one scrypt, also for an unknown name, so the timing does not tell who works here.
  const matches = await verifyPassword(password, staff?.passwordHash ?? (await decoyHash()));
  // Belt and braces: a public demo password never opens a production session, even if a database
  // was seeded with one (config refuses such STAFF_ACCOUNTS, but rows can outlive settings).
  const demoRefused = cfg.NODE_ENV === 'production' && !cfg.ALLOW_DEMO_CREDENTIALS && KNOWN_DEMO_PASSWORDS.has(password);
  if (!staff || !matches || demoRefused) {
    return fail('STAFF.WRONG_PASSWORD', 'That password is not right. You are not signed in.', {
      password: 'Not the password for that name: check both and try again.',
    });
  }

  await Promise.all([giveBackHits([keys.address]), resetHits([keys.name])]);
  const session = await openSession(staff, caller.now);
  const who = { role: staff.role, name: staff.name };
  return ok({
    staff: who,
    token: signSession({ sid: session.id, ...who }, session.expiresAt, sessionSecret()),
    expiresAt: session.expiresAt,
  });
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
