// GET /api/cart — the caller's cart, priced from the catalogue now.
import { customerMissing } from '@/lib/http/idempotency-key';
import { currentCustomerId } from '@/lib/http/customer';
import { failure, json } from '@/lib/http/respond';
import { getCart } from '@/lib/queries/cart';

export const dynamic = 'force-dynamic';

export async function GET() {
  try {
    const customerId = await currentCustomerId();
    if (!customerId) return customerMissing();
    return json(200, { cart: await getCart(customerId) });
  } catch (caught) {
    return failure(caught);
  }
}
