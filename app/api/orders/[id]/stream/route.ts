// GET /api/orders/{id}/stream — the order page's live feed. Sends the whole order view when the
// stream opens (so a reconnect can never leave the page stale) and again after every change:
// `order` events for a coffee order, `order-request` events for a bookstore one.
import { currentCustomerId } from '@/lib/http/customer';
import { failure, notFound } from '@/lib/http/respond';
import { sseResponse } from '@/lib/http/sse';
import { onOrderChange } from '@/lib/live/hub';
import { isOrderId } from '@/lib/queries/ids';
import { getOrderRequestView } from '@/lib/queries/order-request-view';
import { getOrderView } from '@/lib/queries/order-view';

/** Each kind of order: its stream event name and how its view is loaded and wrapped. */
async function feedFor(id: string, customerId: string) {
  const order = await getOrderView(id, customerId);
  if (order) {
    return {
      event: 'order',
      first: { order },
      load: async () => {
        const next = await getOrderView(id, customerId);
        return next && { order: next };
      },
    };
  }
  const request = await getOrderRequestView(id, customerId);
  if (request) {
    return {
      event: 'order-request',
      first: { request },
      load: async () => {
        const next = await getOrderRequestView(id, customerId);
        return next && { request: next };
      },
    };
  }
  return null;
}

export const dynamic = 'force-dynamic';

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const { id } = await params;
    const customerId = await currentCustomerId();
    if (!customerId || !isOrderId(id)) return notFound();
    const feed = await feedFor(id, customerId);
    if (!feed) return notFound();

    return sseResponse(request.signal, (sink) => {
      const send = (view: object, committedAt: number | null) => sink.send(feed.event, { ...view, committedAt });
      send(feed.first, null);
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
            const view = await feed.load();
            if (view) send(view, committedAt);
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
