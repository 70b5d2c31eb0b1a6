// The failure switches as JSON, for ops staff: GET the whole ops status (what the ops page polls
// every second), PUT `{ switches, version }` to change them (409 SWITCHES.STALE if someone else
// saved first).
import { requireStaffForRoute } from '@/lib/auth/staff';
import { answer } from '@/lib/http/answer';
import { error, failure, json, readJson } from '@/lib/http/respond';
import { parseSaveRequest } from '@/lib/switches/settings';
import { opsStatus } from '@/lib/switches/status';
import { saveSwitches } from '@/lib/switches/store';

export const dynamic = 'force-dynamic';

export async function GET() {
  try {
    const staff = await requireStaffForRoute('ops');
    if (!staff.ok) return staff.response;
    return json(200, await opsStatus());
  } catch (caught) {
    return failure(caught);
  }
}

export async function PUT(request: Request) {
  try {
    const staff = await requireStaffForRoute('ops');
    if (!staff.ok) return staff.response;
    const body = await readJson(request);
    if (!body.ok) return body.response;
    const parsed = parseSaveRequest(body.value);
    if (!parsed.ok) return error('VALIDATION', 'Some switches are out of range.', parsed.fields);
    const saved = await saveSwitches(parsed.request.switches, parsed.request.version);
    return answer(saved, 200, {
      body: ({ value, version, updatedAt }) => ({ switches: value, version, updatedAt: updatedAt.toISOString() }),
    });
  } catch (caught) {
    return failure(caught);
  }
}
