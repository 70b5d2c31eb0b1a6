// POST /api/books/{id}/restock { quantity } — staff put copies on the shelf; waiting order lines
// are served first come, first served. Ops staff only.
import { requireStaffForRoute } from '@/lib/auth/staff';
import { RestockRequest, restockBook } from '@/lib/commands/restock-book';
import { answer } from '@/lib/http/answer';
import { error, failure, fieldsOf, notFound, readJson } from '@/lib/http/respond';
import { isUuid } from '@/lib/queries/ids';

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const staff = await requireStaffForRoute('ops');
    if (!staff.ok) return staff.response;
    const { id } = await params;
    if (!isUuid(id)) return notFound();
    const body = await readJson(request);
    if (!body.ok) return body.response;
    const parsed = RestockRequest.safeParse(body.value);
    if (!parsed.success) return error('VALIDATION', 'Some details need fixing.', fieldsOf(parsed.error.issues));
    return answer(await restockBook(id, parsed.data.quantity));
  } catch (caught) {
    return failure(caught);
  }
}
