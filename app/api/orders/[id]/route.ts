import { currentCustomerId } from '@/lib/http/customer';
import { failure, json, notFound } from '@/lib/http/respond';
import { isOrderId } from '@/lib/queries/ids';
import { getOrderRequestView } from '@/lib/queries/order-request-view';
import { getOrderView } from '@/lib/queries/order-view';

// GET /api/orders/{id} — `{ order }` for a coffee order, `{ orderRequest }` for a bookstore one.

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const { id } = await params;
    const customerId = await currentCustomerId();
    if (!customerId || !isOrderId(id)) return notFound();
    const order = await getOrderView(id, customerId);
    if (order) return json(200, { order });
    const orderRequest = await getOrderRequestView(id, customerId);
    return orderRequest ? json(200, { orderRequest }) : notFound();
  } catch (caught) {
    return failure(caught);
  }
}
