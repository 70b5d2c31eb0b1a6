import { currentCustomerId } from '@/lib/http/customer';
import { failure, json, notFound } from '@/lib/http/respond';
import { isOrderId } from '@/lib/queries/ids';
import { getOrderView } from '@/lib/queries/order-view';

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const { id } = await params;
    const customerId = await currentCustomerId();
    if (!customerId || !isOrderId(id)) return notFound();
    const order = await getOrderView(id, customerId);
    return order ? json(200, { order }) : notFound();
  } catch (caught) {
    return failure(caught);
  }
}
