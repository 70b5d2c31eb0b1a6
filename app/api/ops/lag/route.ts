// GET /api/ops/lag — the consistency window for ops staff: every step's end-to-end percentiles and
// each stage's (outbox dwell, queue wait, handler, push to browser), queue depths, service rates
// and Little's-law estimates. What /ops/lag polls.
import { requireStaffForRoute } from '@/lib/auth/staff';
import { failure, json } from '@/lib/http/respond';
import { getLagDetail } from '@/lib/queries/lag';

export const dynamic = 'force-dynamic';

export async function GET() {
  try {
    const staff = await requireStaffForRoute('ops');
    if (!staff.ok) return staff.response;
    return json(200, await getLagDetail());
  } catch (caught) {
    return failure(caught);
  }
}
