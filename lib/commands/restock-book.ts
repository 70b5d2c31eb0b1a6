// Staff put copies of a book on the shelf. One transaction on that book's inventory: the new
// copies go to the lines waiting for it, first come first served, and each of those orders hears
// about it through its own StockReserved event.
import { z } from 'zod';
import { inventories } from '../db/inventories';
import { MAX_RESTOCK, restock } from '../domain/bookstore/inventory';
import { type Result, fail, ok } from '../domain/shared/result';
import { tryChangeAggregate } from '../outbox/change-aggregate';
import { transact } from '../outbox/unit-of-work';

export const RestockRequest = z.object({
  quantity: z
    .number({ error: 'Quantity must be a number.' })
    .int('Quantity must be a whole number.')
    .min(1, 'Restock at least one copy.')
    .max(MAX_RESTOCK, `At most ${MAX_RESTOCK} copies at once.`),
});

export interface RestockOutcome {
  bookId: string;
  stocked: number;
  available: number;
  reserved: number;
  shipped: number;
  /** Waiting order lines this restock served. */
  released: number;
}

export type RestockAnswer = Result<{ inventory: RestockOutcome }>;

/** Optimistic concurrency: a busy book is reloaded and retried this often before giving up. */
const CONFLICT_RETRIES = 10;

export async function restockBook(bookId: string, quantity: number): Promise<RestockAnswer> {
  return transact(
    async (uow) => {
      const restocked = await tryChangeAggregate(uow, inventories, { bookId }, { mode: 'async', actor: 'warehouse' }, (inventory, ctx) =>
        restock(inventory, quantity, ctx),
      );
      if (!restocked.ok) {
        return restocked.error.code === 'INVENTORY.NOT_FOUND' ? fail('NOT_FOUND', 'There is no such book.') : restocked;
      }
      const { state, events } = restocked.value;
      const { stocked, available, reserved, shipped } = state;
      return ok({ inventory: { bookId, stocked, available, reserved, shipped, released: events.length } });
    },
    { conflictRetries: CONFLICT_RETRIES },
  );
}
