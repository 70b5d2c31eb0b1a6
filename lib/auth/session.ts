// Staff sessions: a signed, httpOnly cookie holding who signed in, as what, and until when. The
// signature is an HMAC-SHA256 over the payload with SESSION_SECRET, so a session cannot be forged
// or edited, and any web instance with the same secret can check it. Pure apart from crypto.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

export const STAFF_COOKIE = 'cs_staff';
export const SESSION_MAX_AGE_S = 8 * 3600;

export const STAFF_ROLES = ['barista', 'ops'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

const Session = z.object({ role: z.enum(STAFF_ROLES), name: z.string().min(1).max(40), exp: z.number().int() });
export type StaffSession = z.infer<typeof Session>;

/** Ops staff may do everything; baristas run the barista board. */
export function mayEnter(role: StaffRole, area: StaffRole): boolean {
  return role === 'ops' || role === area;
}

function mac(payload: string, secret: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

export function signSession(staff: { role: StaffRole; name: string }, now: Date, secret: string): string {
  const payload = Buffer.from(JSON.stringify({ ...staff, exp: Math.floor(now.getTime() / 1000) + SESSION_MAX_AGE_S })).toString('base64url');
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
