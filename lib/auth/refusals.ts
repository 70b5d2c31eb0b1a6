// The two ways a staff-only path refuses, worded once for route handlers, actions and proxy.ts:
// not signed in as staff at all → 401 SIGN_IN_REQUIRED; signed in with too small a role → 403.
import { statusOf } from '../http/status';
import type { StaffRole } from './session';

export type Refusal = { status: number; code: 'STAFF.SIGN_IN_REQUIRED' | 'STAFF.FORBIDDEN'; message: string };

export const SIGN_IN_REQUIRED: Refusal = {
  status: statusOf('STAFF.SIGN_IN_REQUIRED'),
  code: 'STAFF.SIGN_IN_REQUIRED',
  message: 'Staff only: sign in at /staff/login first.',
};

export function forbiddenFor(area: StaffRole): Refusal {
  return {
    status: statusOf('STAFF.FORBIDDEN'),
    code: 'STAFF.FORBIDDEN',
    message: area === 'ops' ? 'Only ops staff may do this.' : 'Only staff on the barista board may do this.',
  };
}
