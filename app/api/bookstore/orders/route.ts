// POST /api/bookstore/orders — the order request for the caller's cart: the card is authorised
// (a hold) and the request recorded while the caller waits; the rest happens behind the scenes.
// See lib/commands/place-book-order.ts.
import { PlaceBookOrderRequest, placeBookOrder } from '@/lib/commands/place-book-order';
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
    const parsed = PlaceBookOrderRequest.safeParse(body.value);
    if (!parsed.success) return error('VALIDATION', 'Some details need fixing.', fieldsOf(parsed.error.issues));
    const result = await placeBookOrder(parsed.data, { customerId, idempotencyKey: key.key });
    return answer(result, CREATED, { headers: ({ orderRequest }) => ({ Location: orderPath(orderRequest.id) }) });
  } catch (caught) {
    return failure(caught);
  }
}
