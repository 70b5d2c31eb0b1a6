// POST /api/coffee/orders — place and pay, synchronously. See lib/commands/place-coffee-order.ts.
import { PlaceCoffeeOrderRequest, placeCoffeeOrder } from '@/lib/commands/place-coffee-order';
import { currentCustomerId } from '@/lib/http/customer';
import { customerMissing, idempotencyKeyOf } from '@/lib/http/idempotency-key';
import { checkOrderRateForRequest, rateLimited } from '@/lib/http/rate-limit';
import { answer } from '@/lib/http/answer';
import { orderPath } from '@/lib/http/order-path';
import { error, failure, fieldsOf, readJson } from '@/lib/http/respond';
import { CREATED } from '@/lib/http/status';

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
      return error('VALIDATION', 'Some details need fixing.', fieldsOf(parsed.error.issues));
    }
    const result = await placeCoffeeOrder(parsed.data, { customerId, idempotencyKey: key.key });
    return answer(result, CREATED, { headers: ({ order }) => ({ Location: orderPath(order.id) }) });
  } catch (caught) {
    return failure(caught);
  }
}
