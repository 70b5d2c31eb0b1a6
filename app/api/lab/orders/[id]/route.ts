// GET /api/lab/orders/:id — the lab's read model (lagging projection). See lib/lab/lab-orders.ts.
import { readLabOrder } from '@/lib/lab/lab-orders';
import { failure, json, notFound } from '@/lib/http/respond';

export const dynamic = 'force-dynamic';

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const { id } = await params;
    if (!ID.test(id)) return notFound();
    return json(200, { id, status: await readLabOrder(id) });
  } catch (caught) {
    return failure(caught);
  }
}
