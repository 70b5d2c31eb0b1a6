// Staff sessions: a signed, httpOnly cookie naming a server-side session (staff_sessions) and, for
// the cheap first check in proxy.ts, who signed in, as what, and until when. The signature is an
// HMAC-SHA256 over the payload with the session secret, so a session cannot be forged or edited;
// the row is what makes it revocable — signing out marks it revoked, and lib/auth/staff.ts refuses
// a cookie whose row is not live, so a copied cookie dies with the sign-out. Pure apart from
// crypto: the clock and the secret are passed in.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

export const STAFF_COOKIE = 'cs_staff';
export const SESSION_MAX_AGE_S = 8 * 3600;

export const STAFF_ROLES = ['barista', 'ops'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const STAFF_NAME_MAX = 40;
const Session = z.object({
  sid: z.uuid(),
  role: z.enum(STAFF_ROLES),
  name: z.string().trim().min(1).max(STAFF_NAME_MAX),
  exp: z.number().int(),
});
export type StaffSession = z.infer<typeof Session>;

/** Ops staff may do everything; baristas run the barista board. */
export function mayEnter(role: StaffRole, area: StaffRole): boolean {
  return role === 'ops' || role === area;
}

/**
 * Why a SESSION_SECRET is not good enough, or null. It must carry at least 32 random bytes,
 * written as hex (64+ characters) or base64/base64url (43+): what `openssl rand -base64 32` or
 * `crypto.randomBytes(32)` gives. A passphrase-like value is refused rather than stretched —
 * the point is that nobody can guess it, and a password-derived secret is exactly that mistake.
 */
export function sessionSecretProblem(secret: string): string | null {
  const advice = 'use 32 random bytes as hex or base64, e.g. `openssl rand -base64 32`';
  let bytes: number;
  if (/^[0-9a-f]+$/i.test(secret)) bytes = Math.floor(secret.length / 2);
  else if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(secret)) bytes = Math.floor((secret.replace(/=+$/, '').length * 3) / 4);
  else return `must be hex or base64 (not a passphrase): ${advice}`;
  if (bytes < SESSION_SECRET_MIN_BYTES) return `is ${bytes} bytes; at least ${SESSION_SECRET_MIN_BYTES} are needed: ${advice}`;
  // A long run of one character or a short pattern repeated is long but not random.
  if (new Set(secret).size < 12) return `does not look random: ${advice}`;
  return null;
}

export const SESSION_SECRET_MIN_BYTES = 32;

function mac(payload: string, secret: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

/** The cookie for session `sid`; `expiresAt` is the row's, so cookie and row end together. */
export function signSession(staff: { sid: string; role: StaffRole; name: string }, expiresAt: Date, secret: string): string {
  const session = { sid: staff.sid, role: staff.role, name: staff.name, exp: Math.floor(expiresAt.getTime() / 1000) };
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
