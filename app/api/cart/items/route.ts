// POST /api/cart/items { bookId, quantity } — add copies of a book to the caller's cart.
import { CartLineInput, addToCart } from '@/lib/commands/cart';
import { customerMissing } from '@/lib/http/idempotency-key';
import { currentCustomerId } from '@/lib/http/customer';
import { checkCartWriteRateForRequest, rateLimited } from '@/lib/http/rate-limit';
import { error, failure, fieldsOf, readJson } from '@/lib/http/respond';
import { cartAnswer } from './answer';

export async function POST(request: Request) {
  try {
    const customerId = await currentCustomerId();
    if (!customerId) return customerMissing();
    const rate = await checkCartWriteRateForRequest(request, customerId);
    if (!rate.ok) return rateLimited(rate, 'cart');
    const body = await readJson(request);
    if (!body.ok) return body.response;
    const parsed = CartLineInput.safeParse(body.value);
    if (!parsed.success) return error('VALIDATION', 'Some details need fixing.', fieldsOf(parsed.error.issues));
    return cartAnswer(await addToCart(customerId, parsed.data));
  } catch (caught) {
    return failure(caught);
  }
}
