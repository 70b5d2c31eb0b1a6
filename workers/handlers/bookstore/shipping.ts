// PaymentCaptured → book the courier for the line, keyed by the line (a re-run books nothing
// new), then record the parcel on the order request.
import { UnrecoverableError } from 'bullmq';
import { orderRequests } from '@/lib/db/order-requests';
import { changeAggregate } from '@/lib/outbox/change-aggregate';
import { db } from '@/lib/db/client';
import { loadOrderRequest } from '@/lib/db/order-requests';
import { recordShipment } from '@/lib/domain/bookstore/order-request';
import { courier } from '@/lib/adapters';
import { consumeOnceWithPrisma } from '@/lib/outbox/inbox';
import type { EventJobOf } from '@/lib/queue/topology';
import { shipmentKeyFor } from '@/lib/shipping/courier';

export async function dispatchLineHandler(job: EventJobOf<'PaymentCaptured'>): Promise<void> {
  const { lineId } = job.data;
  const request = await loadOrderRequest(db(), job.orderId);
  if (!request) throw new UnrecoverableError(`no order request ${job.orderId}`);
  const parcel = await courier().dispatch({ idempotencyKey: shipmentKeyFor(lineId), address: request.shipTo });
  await consumeOnceWithPrisma('shipping.dispatch', job.eventId, (uow) =>
    changeAggregate(uow, orderRequests, job.orderId, { mode: 'async', actor: 'courier' }, (current, ctx) =>
      recordShipment(current, lineId, parcel, ctx),
    ),
  );
}
