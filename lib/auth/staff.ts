// Who is calling, for the staff-only parts of the shop (barista board, /ops, restocking). Every
// page, route handler and server action checks this itself: proxy.ts only turns strangers away
// early, and a server action can be called directly with a POST to any page, without any Origin
// header, so nothing may rely on the path or the proxy.
//
// Answers, the same everywhere:
//  - no valid staff session (a customer, a stranger, an expired, tampered or forged cookie)
//      → API 401 STAFF.SIGN_IN_REQUIRED, action { ok: false, code: 'STAFF.SIGN_IN_REQUIRED' },
//        page redirect to /staff/login?next=…
//  - signed in, but the role may not enter the area (a barista in /ops)
//      → API 403 STAFF.FORBIDDEN, action { ok: false, code: 'STAFF.FORBIDDEN' },
//        page redirect to /staff/login?next=… (which says who is signed in and what is needed)
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import type { ActionResult } from '../http/action-result';
import { error } from '../http/respond';
import { type Refusal, SIGN_IN_REQUIRED, forbiddenFor } from './refusals';
import { sessionSecret } from './secret';
import { STAFF_COOKIE, type StaffRole, type StaffSession, mayEnter, verifySession } from './session';

export type { StaffRole, StaffSession } from './session';
/** A staff-only area, named by the least role that may enter it. */
export type StaffArea = StaffRole;

/** The signed-in staff member, or null (reads the cookie via next/headers). */
export async function currentStaff(): Promise<StaffSession | null> {
  const token = (await cookies()).get(STAFF_COOKIE)?.value;
  return verifySession(token, new Date(), sessionSecret());
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
  const { status, code, message } = result.refusal;
  return { ok: false, response: error(status, code, message) };
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
