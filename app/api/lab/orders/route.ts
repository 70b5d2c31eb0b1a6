// POST /api/lab/orders — the lab's command: pay for a lab order and answer at once. See lib/lab/lab-orders.ts.
import { PlaceLabOrderRequest, placeLabOrder } from '@/lib/lab/lab-orders';
import { requestAddress } from '@/lib/http/client-address';
import { hitLimits, rateLimited } from '@/lib/http/rate-limit';
import { error, failure, fieldsOf, json, readJson } from '@/lib/http/respond';

// Lab orders are cheap and expire in an hour, but a script must not fill Redis with them: a
// presenter presses a few times a minute, so 120 a minute per address leaves plenty of room.
const LAB_ORDERS_PER_MINUTE = 120;

export async function POST(request: Request) {
  try {
    const address = requestAddress(request.headers);
    const rate = await hitLimits([{ scope: 'address', key: `lab:address:${address}`, max: LAB_ORDERS_PER_MINUTE, windowS: 60 }]);
    if (!rate.ok) return rateLimited(rate);
    const body = await readJson(request);
    if (!body.ok) return body.response;
    const parsed = PlaceLabOrderRequest.safeParse(body.value);
    if (!parsed.success) return error('VALIDATION', 'Some settings need fixing.', fieldsOf(parsed.error.issues));
    return json(201, { order: await placeLabOrder(parsed.data) });
  } catch (caught) {
    return failure(caught);
  }
}
