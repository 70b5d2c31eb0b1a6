// POST /api/coffee/orders — place and pay, synchronously. See lib/commands/place-coffee-order.ts.
import { PlaceCoffeeOrderRequest, placeCoffeeOrder } from '@/lib/commands/place-coffee-order';
import { currentCustomerId } from '@/lib/http/customer';
import { error, failure, fieldsOf, json, readJson } from '@/lib/http/respond';

const KEY = /^[A-Za-z0-9_.:-]{8,128}$/;

export async function POST(request: Request) {
  try {
    const customerId = await currentCustomerId();
    if (!customerId) return error(401, 'CUSTOMER.MISSING', 'Your browser did not send the customer cookie.');
    const key = request.headers.get('idempotency-key');
    if (!key || !KEY.test(key)) {
      return error(400, 'IDEMPOTENCY.KEY_REQUIRED', 'Send an Idempotency-Key header (8–128 letters, digits, - _ . :), new for each order.', {
        'Idempotency-Key': key ? 'Use 8–128 letters, digits, - _ . or :.' : 'Required.',
      });
    }
    const body = await readJson(request);
    if (!body.ok) return body.response;
    const parsed = PlaceCoffeeOrderRequest.safeParse(body.value);
    if (!parsed.success) {
      return error(422, 'VALIDATION', 'Some details need fixing.', fieldsOf(parsed.error.issues));
    }
    const answer = await placeCoffeeOrder(parsed.data, { customerId, idempotencyKey: key });
    const location = 'order' in answer.body && answer.status === 201 ? { Location: `/orders/${answer.body.order.id}` } : undefined;
    return json(answer.status, answer.body, location);
  } catch (caught) {
    return failure(caught);
  }
}
