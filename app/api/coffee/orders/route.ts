// POST /api/coffee/orders — place and pay, synchronously. See lib/commands/place-coffee-order.ts.
import { PlaceCoffeeOrderRequest, placeCoffeeOrder } from '@/lib/commands/place-coffee-order';
import { currentCustomerId } from '@/lib/http/customer';
import { customerMissing, idempotencyKeyOf } from '@/lib/http/idempotency-key';
import { checkOrderRateForRequest, rateLimited } from '@/lib/http/rate-limit';
import { error, failure, fieldsOf, json, readJson } from '@/lib/http/respond';

export async function POST(request: Request) {
  try {
    const customerId = await currentCustomerId();
    if (!customerId) return customerMissing();
    const rate = await checkOrderRateForRequest(request, customerId);
    if (!rate.ok) return rateLimited(rate);
    const key = idempotencyKeyOf(request);
    if (!key.ok) return key.response;
    const body = await readJson(request);
    if (!body.ok) return body.response;
    const parsed = PlaceCoffeeOrderRequest.safeParse(body.value);
    if (!parsed.success) {
      return error(422, 'VALIDATION', 'Some details need fixing.', fieldsOf(parsed.error.issues));
    }
    const answer = await placeCoffeeOrder(parsed.data, { customerId, idempotencyKey: key.key });
    const location = 'order' in answer.body && answer.status === 201 ? { Location: `/orders/${answer.body.order.id}` } : undefined;
    return json(answer.status, answer.body, location);
  } catch (caught) {
    return failure(caught);
  }
}
