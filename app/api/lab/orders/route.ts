// POST /api/lab/orders — the lab's command: pay for a lab order and answer at once. See lib/lab/lab-orders.ts.
import { PlaceLabOrderRequest, placeLabOrder } from '@/lib/lab/lab-orders';
import { error, failure, fieldsOf, json, readJson } from '@/lib/http/respond';

export async function POST(request: Request) {
  try {
    const body = await readJson(request);
    if (!body.ok) return body.response;
    const parsed = PlaceLabOrderRequest.safeParse(body.value);
    if (!parsed.success) return error(422, 'VALIDATION', 'Some settings need fixing.', fieldsOf(parsed.error.issues));
    return json(201, { order: await placeLabOrder(parsed.data) });
  } catch (caught) {
    return failure(caught);
  }
}
