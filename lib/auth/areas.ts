// Which paths are staff-only, and for whom. proxy.ts uses this to turn strangers away early;
// every page, route handler and server action still checks for itself (see staff.ts).
import type { StaffRole } from './session';

/** The least role a path needs, or null for the customer's side of the shop. */
export function staffAreaOf(pathname: string): StaffRole | null {
  if (under(pathname, '/ops') || under(pathname, '/api/ops')) return 'ops';
  if (/^\/api\/books\/[^/]+\/restock\/?$/.test(pathname)) return 'ops';
  if (under(pathname, '/barista') || under(pathname, '/api/barista')) return 'barista';
  return null;
}

/** True for paths answered with JSON (or a stream) rather than a page: refuse, do not redirect. */
export function isApiPath(pathname: string): boolean {
  return under(pathname, '/api') || under(pathname, '/ops/queues/api');
}

function under(pathname: string, prefix: string): boolean {
  return pathname === prefix || pathname.startsWith(`${prefix}/`);
}
