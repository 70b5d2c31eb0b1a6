// The warehouse: each order line's claim on one book's stock, one book per transaction. Two lines
// reserving the same book at once conflict on its version; the loser reloads and tries again
// (CONFLICT_RETRIES here, then BullMQ's backoff), so a popular book is never oversold.
import { inventories } from '@/lib/db/inventories';
import { changeAggregate } from '@/lib/outbox/change-aggregate';
import { releaseClaim, requestStock, shipClaim } from '@/lib/domain/bookstore/inventory';
import type { Origin } from '@/lib/outbox/append';
import { consumeOnceWithPrisma } from '@/lib/outbox/inbox';
import type { EventJobOf } from '@/lib/queue/topology';

const WAREHOUSE: Origin = { mode: 'async', actor: 'warehouse' };
const CONFLICT_RETRIES = 10;

/** LineRequested → reserve the copies, or put the line on the waiting list. */
export async function reserveStockHandler(job: EventJobOf<'LineRequested'>): Promise<void> {
  const line = job.data;
  await consumeOnceWithPrisma(
    'inventory.reserve',
    job.eventId,
    (uow) =>
      changeAggregate(uow, inventories, line, WAREHOUSE, (inventory, ctx) =>
        requestStock(inventory, { lineId: line.lineId, orderId: job.orderId, quantity: line.quantity }, ctx),
      ),
    { conflictRetries: CONFLICT_RETRIES },
  );
}

/** LineCancelled → the line's claim is dropped; reserved copies go to the next in line. */
export async function releaseStockHandler(job: EventJobOf<'LineCancelled'>): Promise<void> {
  const line = job.data;
  await consumeOnceWithPrisma(
    'inventory.release',
    job.eventId,
    (uow) => changeAggregate(uow, inventories, line, WAREHOUSE, (inventory, ctx) => releaseClaim(inventory, line.lineId, ctx)),
    { conflictRetries: CONFLICT_RETRIES },
  );
}

/** LineShipped → the reserved copies have left the building. */
export async function shipStockHandler(job: EventJobOf<'LineShipped'>): Promise<void> {
  const line = job.data;
  await consumeOnceWithPrisma(
    'inventory.ship',
    job.eventId,
    (uow) => changeAggregate(uow, inventories, line, WAREHOUSE, (inventory, ctx) => shipClaim(inventory, line.lineId, ctx)),
    { conflictRetries: CONFLICT_RETRIES },
  );
}
