// GET /api/orders/{id}/stream — the order page's live feed. Sends the whole order view when the
// stream opens (so a reconnect can never leave the page stale) and again after every change:
// `order` events for a coffee order, `order-request` events for a bookstore one. One customer may
// hold SSE_STREAMS_PER_CUSTOMER of them open per web process; past that, 429 STREAM.TOO_MANY and
// the page polls instead.
import { currentCustomerId } from '@/lib/http/customer';
import { error, failure, notFound } from '@/lib/http/respond';
import { sseResponse } from '@/lib/http/sse';
import { notePush } from '@/lib/lag/push';
import { takeStreamSlot } from '@/lib/live/stream-slots';
import { followOrderView } from '@/lib/live/view-feed';
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

function tooManyStreams(): Response {
  const response = error(
    'STREAM.TOO_MANY',
    'Too many live views are open for you at once. This page keeps itself up to date by polling instead.',
  );
  response.headers.set('Retry-After', '15');
  return response;
}

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const { id } = await params;
    const customerId = await currentCustomerId();
    if (!customerId || !isOrderId(id)) return notFound();
    const feed = await feedFor(id, customerId);
    if (!feed) return notFound();

    // Counted only once the order is known to be theirs: a stranger's 404 holds no slot.
    const release = takeStreamSlot(customerId);
    if (!release) return tooManyStreams();

    return sseResponse(request.signal, (sink) => {
      const send = (view: object, committedAt: number | null) => {
        sink.send(feed.event, { ...view, committedAt });
        // The last stage of the consistency window: handler commit → this view on its way (lib/lag/push.ts).
        if (committedAt !== null) notePush(committedAt);
      };
      send(feed.first, null);
      // The view after each change is loaded once for every stream on this order (lib/live/view-feed.ts).
      const stop = followOrderView<object>(id, feed.event, feed.load, (view, committedAt) => send(view, committedAt));
      return () => {
        stop();
        release();
      };
    });
  } catch (caught) {
    return failure(caught);
  }
}
