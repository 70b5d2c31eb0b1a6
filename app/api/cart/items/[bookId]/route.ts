// PUT /api/cart/items/{bookId} { quantity } — change how many copies; DELETE — take the book out.
import { CartQuantityInput, removeFromCart, setCartQuantity } from '@/lib/commands/cart';
import { customerMissing } from '@/lib/http/idempotency-key';
import { currentCustomerId } from '@/lib/http/customer';
import { checkCartWriteRateForRequest, rateLimited } from '@/lib/http/rate-limit';
import { error, failure, fieldsOf, notFound, readJson } from '@/lib/http/respond';
import { isUuid } from '@/lib/queries/ids';
import { cartAnswer } from '../answer';

type Params = { params: Promise<{ bookId: string }> };

export async function PUT(request: Request, { params }: Params) {
  try {
    const { bookId } = await params;
    const customerId = await currentCustomerId();
    if (!customerId) return customerMissing();
    if (!isUuid(bookId)) return notFound();
    const rate = await checkCartWriteRateForRequest(request, customerId);
    if (!rate.ok) return rateLimited(rate, 'cart');
    const body = await readJson(request);
    if (!body.ok) return body.response;
    const parsed = CartQuantityInput.safeParse(body.value);
    if (!parsed.success) return error('VALIDATION', 'Some details need fixing.', fieldsOf(parsed.error.issues));
    return cartAnswer(await setCartQuantity(customerId, { bookId, quantity: parsed.data.quantity }));
  } catch (caught) {
    return failure(caught);
  }
}

export async function DELETE(request: Request, { params }: Params) {
  try {
    const { bookId } = await params;
    const customerId = await currentCustomerId();
    if (!customerId) return customerMissing();
    if (!isUuid(bookId)) return notFound();
    const rate = await checkCartWriteRateForRequest(request, customerId);
    if (!rate.ok) return rateLimited(rate, 'cart');
    return cartAnswer(await removeFromCart(customerId, bookId));
  } catch (caught) {
    return failure(caught);
  }
}
