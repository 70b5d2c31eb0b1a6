// Who is calling, for the staff-only parts of the shop (barista board, /ops, restocking). Every
// page, route handler and server action checks this itself: proxy.ts only turns strangers away
// early, and a server action can be called directly with a POST to any page, without any Origin
// header, so nothing may rely on the path or the proxy.
//
// Answers, the same everywhere:
//  - no live staff session (a customer, a stranger, an expired, tampered, forged or signed-out
//    cookie: the signature is checked first, then the session row must be live)
//      → API 401 STAFF.SIGN_IN_REQUIRED, action { ok: false, code: 'STAFF.SIGN_IN_REQUIRED' },
//        page redirect to /staff/login?next=…
//  - signed in, but the role may not enter the area (a barista in /ops)
//      → API 403 STAFF.FORBIDDEN, action { ok: false, code: 'STAFF.FORBIDDEN' },
//        page redirect to /staff/login?next=… (which says who is signed in and what is needed)
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import type { ActionResult } from '../http/action-result';
import { error } from '../http/respond';
import { type Refusal, SIGN_IN_REQUIRED, forbiddenFor } from './refusals';
import { sessionSecret } from './secret';
import { STAFF_COOKIE, type StaffRole, type StaffSession, mayEnter, verifySession } from './session';
import { liveSession, revokeSession } from './store';

export type { StaffRole, StaffSession } from './session';
/** A staff-only area, named by the least role that may enter it. */
export type StaffArea = StaffRole;

/**
 * The signed-in staff member, or null (reads the cookie via next/headers). A cookie without a
 * valid signature costs no query; one with a signature must still name a live session, and the
 * name and role are the database's, not the cookie's. Cached per request (the header and the page
 * both ask).
 */
export const currentStaff = cache(async (): Promise<StaffSession | null> => {
  const now = new Date();
  const token = (await cookies()).get(STAFF_COOKIE)?.value;
  const signed = verifySession(token, now, sessionSecret());
  if (!signed) return null;
  const live = await liveSession(signed.sid, now);
  return live && { sid: signed.sid, role: live.role, name: live.name, exp: Math.floor(live.expiresAt.getTime() / 1000) };
});

/**
 * Signs the caller out: their session row is revoked, so the cookie is worthless wherever a copy
 * of it is kept, and the cookie is dropped from this browser. Safe to call when not signed in.
 */
export async function signOutCurrent(): Promise<void> {
  const jar = await cookies();
  const signed = verifySession(jar.get(STAFF_COOKIE)?.value, new Date(), sessionSecret());
  if (signed) await revokeSession(signed.sid, new Date());
  jar.delete(STAFF_COOKIE);
}

async function check(area: StaffArea): Promise<{ ok: true; staff: StaffSession } | { ok: false; refusal: Refusal }> {
  const staff = await currentStaff();
  if (!staff) return { ok: false, refusal: SIGN_IN_REQUIRED };
  if (!mayEnter(staff.role, area)) return { ok: false, refusal: forbiddenFor(area) };
  return { ok: true, staff };
}

/** For route handlers: the staff member, or a ready-made 401/403 JSON response. */
export async function requireStaffForRoute(
  area: StaffArea,
): Promise<{ ok: true; staff: StaffSession } | { ok: false; response: Response }> {
  const result = await check(area);
  if (result.ok) return result;
  const { code, message } = result.refusal;
  return { ok: false, response: error(code, message) };
}

/** For server actions: the staff member, or a ready-made failed ActionResult. */
export async function requireStaffForAction(
  area: StaffArea,
): Promise<{ ok: true; staff: StaffSession } | { ok: false; result: ActionResult<never> }> {
  const result = await check(area);
  if (result.ok) return result;
  const { code, message } = result.refusal;
  return { ok: false, result: { ok: false, code, message } };
}

/**
 * For pages (server components): the staff member, or a redirect to the sign-in page that comes
 * back to `path` afterwards. Never returns without a staff member.
 */
export async function requireStaffForPage(area: StaffArea, path: string): Promise<StaffSession> {
  const result = await check(area);
  if (result.ok) return result.staff;
  redirect(signInPath(path));
}

/** `/staff/login?next=<path>`; the path is checked again when it is used (see next-path.ts). */
export function signInPath(next: string): string {
  return `/staff/login?next=${encodeURIComponent(next)}`;
}
