// GET /api/orders/{id}/stream — the order page's live feed. Sends the whole order view when the
// stream opens (so a reconnect can never leave the page stale) and again after every change.
import { currentCustomerId } from '@/lib/http/customer';
import { failure, notFound } from '@/lib/http/respond';
import { sseResponse } from '@/lib/http/sse';
import { onOrderChange } from '@/lib/live/hub';
import { isOrderId } from '@/lib/queries/ids';
import { type OrderStreamEvent, getOrderView } from '@/lib/queries/order-view';

export const dynamic = 'force-dynamic';

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const { id } = await params;
    const customerId = await currentCustomerId();
    if (!customerId || !isOrderId(id)) return notFound();
    const first = await getOrderView(id, customerId);
    if (!first) return notFound();

    return sseResponse(request.signal, (sink) => {
      const send = (event: OrderStreamEvent) => sink.send('order', event);
      send({ order: first, committedAt: null });
      // Changes that arrive while a view is loading are folded into one more load afterwards;
      // the event then carries the oldest commit it answers for.
      let loading = false;
      let oldestPending: number | null = null;
      const refresh = async () => {
        if (loading) return;
        loading = true;
        try {
          while (oldestPending !== null) {
            const committedAt = oldestPending;
            oldestPending = null;
            const order = await getOrderView(id, customerId);
            if (order) send({ order, committedAt });
          }
        } catch {
          // The client refetches on its own if the stream goes quiet or breaks.
        } finally {
          loading = false;
        }
      };
      return onOrderChange(id, (message) => {
        oldestPending = Math.min(oldestPending ?? message.committedAt, message.committedAt);
        void refresh();
      });
    });
  } catch (caught) {
    return failure(caught);
  }
}
