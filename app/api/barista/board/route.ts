import { requireStaffForRoute } from '@/lib/auth/staff';
import { failure, json } from '@/lib/http/respond';
import { getBoard } from '@/lib/queries/barista-board';

export const dynamic = 'force-dynamic';

export async function GET() {
  try {
    const staff = await requireStaffForRoute('barista');
    if (!staff.ok) return staff.response;
    return json(200, { board: await getBoard() });
  } catch (caught) {
    return failure(caught);
  }
}
