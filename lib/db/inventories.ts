// Loads and saves the inventory aggregate: one book's counts and the claims on them. Saving is
// guarded by the version the aggregate was loaded with (optimistic concurrency): two reservations
// of one book at once cannot both succeed; the loser reloads and tries again.
import type { ClaimStatus, Inventory, StockClaim } from '../domain/bookstore/inventory';
import type { Tx } from './client';
import { ConcurrencyConflict } from './errors';
import type { Repository } from './repository';

/**
 * The book's inventory with its open claims (waiting or reserved) and, whatever its status, the
 * claim of `lineId` if given — enough for any change to one line.
 */
export async function loadInventory(tx: Tx, bookId: string, lineId?: string): Promise<Inventory | null> {
  const row = await tx.inventory.findUnique({
    where: { bookId },
    include: {
      claims: {
        where: { OR: [{ status: { in: ['waiting', 'reserved'] } }, ...(lineId ? [{ lineId }] : [])] },
        orderBy: [{ requestedAt: 'asc' }, { lineId: 'asc' }],
      },
    },
  });
  if (!row) return null;
  return {
    ...row,
    claims: row.claims.map(({ bookId: _bookId, ...claim }) => ({ ...claim, status: claim.status as ClaimStatus })),
  };
}

/** Writes the counts and every claim that is new or changed since `loaded`. */
export async function saveInventory(tx: Tx, loaded: Inventory, next: Inventory): Promise<void> {
  const { claims, bookId, ...counts } = next;
  const { count } = await tx.inventory.updateMany({ where: { bookId, version: loaded.version }, data: counts });
  if (count !== 1) throw new ConcurrencyConflict('inventory', bookId);

  const before = new Map(loaded.claims.map((c) => [c.lineId, c]));
  const added: StockClaim[] = [];
  for (const claim of claims) {
    const old = before.get(claim.lineId);
    if (!old) added.push(claim);
    else if (old.status !== claim.status) {
      await tx.stockClaim.update({ where: { lineId: claim.lineId }, data: { status: claim.status, updatedAt: claim.updatedAt } });
    }
  }
  if (added.length > 0) await tx.stockClaim.createMany({ data: added.map((c) => ({ ...c, bookId })) });
}

/** A book's inventory, for changeAggregate; the line id (if any) loads that line's claim too. */
export const inventories: Repository<Inventory, { bookId: string; lineId?: string | undefined }> = {
  name: 'inventory',
  load: (tx, { bookId, lineId }) => loadInventory(tx, bookId, lineId),
  save: saveInventory,
  notFound: ({ bookId }) => ({ code: 'INVENTORY.NOT_FOUND', message: `No inventory for book ${bookId}.` }),
};
