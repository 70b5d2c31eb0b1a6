// The order request learns what the warehouse decided, one line per transaction.
import { orderRequests } from '@/lib/db/order-requests';
import { changeAggregate } from '@/lib/outbox/change-aggregate';
import { config } from '@/lib/config';
import { markBackordered, markReserved } from '@/lib/domain/bookstore/order-request';
import type { Origin } from '@/lib/outbox/append';
import { consumeOnceWithPrisma } from '@/lib/outbox/inbox';
import type { EventJobOf } from '@/lib/queue/topology';

const WAREHOUSE: Origin = { mode: 'async', actor: 'warehouse' };

/** StockReserved → the line is reserved (and will be charged and shipped). */
export async function markLineReservedHandler(job: EventJobOf<'StockReserved'>): Promise<void> {
  const { lineId } = job.data;
  await consumeOnceWithPrisma('fulfilment.reserved', job.eventId, (uow) =>
    changeAggregate(uow, orderRequests, job.orderId, WAREHOUSE, (request, ctx) => markReserved(request, lineId, ctx)),
  );
}

/** StockBackordered → the line waits, and the customer is asked what to do. */
export async function markLineBackorderedHandler(job: EventJobOf<'StockBackordered'>): Promise<void> {
  const { lineId } = job.data;
  const decisionMs = config().BACKORDER_DECISION_MS;
  await consumeOnceWithPrisma('fulfilment.backordered', job.eventId, (uow) =>
    changeAggregate(uow, orderRequests, job.orderId, WAREHOUSE, (request, ctx) => markBackordered(request, lineId, decisionMs, ctx)),
  );
}
