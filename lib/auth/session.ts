// Staff sessions: a signed, httpOnly cookie holding who signed in, as what, and until when. The
// signature is an HMAC-SHA256 over the payload with the session secret, so a session cannot be
// forged or edited, and any web instance with the same secret can check it. Pure apart from
// crypto: the clock and the secret are passed in.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

export const STAFF_COOKIE = 'cs_staff';
export const SESSION_MAX_AGE_S = 8 * 3600;

export const STAFF_ROLES = ['barista', 'ops'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const STAFF_NAME_MAX = 40;
const Session = z.object({ role: z.enum(STAFF_ROLES), name: z.string().trim().min(1).max(STAFF_NAME_MAX), exp: z.number().int() });
export type StaffSession = z.infer<typeof Session>;

/** Ops staff may do everything; baristas run the barista board. */
export function mayEnter(role: StaffRole, area: StaffRole): boolean {
  return role === 'ops' || role === area;
}

/**
 * The secret that signs sessions: SESSION_SECRET when set, otherwise one derived from the staff
 * password under a fixed label — so changing the password also signs everybody out.
 */
export function sessionSecretFrom(env: { SESSION_SECRET?: string | undefined; STAFF_PASSWORD: string }): string {
  return env.SESSION_SECRET ?? createHmac('sha256', env.STAFF_PASSWORD).update('counter-and-shelf/staff-session/v1').digest('base64url');
}

/**
 * Compares a typed password with the configured one in constant time: both sides are hashed
 * first, so neither the length nor the first differing character shows in the timing.
 */
export function passwordMatches(given: string, expected: string): boolean {
  const a = createHmac('sha256', 'counter-and-shelf/password-compare').update(given).digest();
  const b = createHmac('sha256', 'counter-and-shelf/password-compare').update(expected).digest();
  return timingSafeEqual(a, b);
}

function mac(payload: string, secret: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

export function signSession(staff: { role: StaffRole; name: string }, now: Date, secret: string): string {
  const session = { role: staff.role, name: staff.name, exp: Math.floor(now.getTime() / 1000) + SESSION_MAX_AGE_S };
  const payload = Buffer.from(JSON.stringify(session)).toString('base64url');
  return `${payload}.${mac(payload, secret)}`;
}

/** The session in the cookie, or null if it is missing, forged, tampered with or expired. */
export function verifySession(token: string | undefined, now: Date, secret: string): StaffSession | null {
  if (!token || token.length > 1024) return null;
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return null;
  const expected = Buffer.from(mac(payload, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const session = Session.safeParse(parsed);
  if (!session.success || session.data.exp * 1000 <= now.getTime()) return null;
  return session.data;
}
