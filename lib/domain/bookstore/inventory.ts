// The inventory aggregate: one book's stock, and the order lines that have a claim on it.
//
// Every copy the shop has ever stocked is in exactly one place: on the shelf (available), put
// aside for an order line (reserved) or gone with the courier (shipped). Lines that asked when
// the shelf was empty wait in the order they asked; new stock goes to them first, oldest first,
// and nobody jumps the queue while someone is waiting.
//
// One book, one transaction: reserving never touches another book or the order itself. The
// order learns what happened from the StockReserved / StockBackordered events.
import { type Context, type DomainEvent, type Transition, event, unchanged } from '../shared/events';
import { type Result, fail, ok } from '../shared/result';

export type ClaimStatus = 'waiting' | 'reserved' | 'shipped' | 'released';

export interface StockClaim {
  lineId: string;
  orderId: string;
  quantity: number;
  status: ClaimStatus;
  requestedAt: Date;
  updatedAt: Date;
}

export interface Inventory {
  bookId: string;
  version: number;
  stocked: number;
  available: number;
  reserved: number;
  shipped: number;
  updatedAt: Date;
  /**
   * The claims this change may need: every waiting or reserved claim, plus the claim of the line
   * being acted on whatever its status. Claims that are done (shipped, released) can be left out.
   */
  claims: StockClaim[];
}

export type InventoryEvent =
  | DomainEvent<'StockReserved', { bookId: string; lineId: string; quantity: number; afterWaiting: boolean }>
  | DomainEvent<'StockBackordered', { bookId: string; lineId: string; quantity: number; waitingAhead: number }>
  | DomainEvent<'StockReleased', { bookId: string; lineId: string; quantity: number; wasReserved: boolean }>
  | DomainEvent<'StockShipped', { bookId: string; lineId: string; quantity: number }>;

export type InventoryErrorCode = 'INVENTORY.QUANTITY' | 'INVENTORY.NOT_RESERVED';

export const MAX_RESTOCK = 10_000;

export function newInventory(bookId: string, stocked: number, now: Date): Inventory {
  return { bookId, version: 1, stocked, available: stocked, reserved: 0, shipped: 0, updatedAt: now, claims: [] };
}

/** An order line asks for copies: reserved now if the shelf has them and nobody is waiting. */
export function requestStock(
  inventory: Inventory,
  line: { lineId: string; orderId: string; quantity: number },
  ctx: Context,
): Result<Transition<Inventory>, InventoryErrorCode> {
  if (!Number.isInteger(line.quantity) || line.quantity < 1) {
    return fail('INVENTORY.QUANTITY', 'A line asks for at least one copy.');
  }
  if (inventory.claims.some((c) => c.lineId === line.lineId)) return ok(unchanged(inventory)); // redelivered
  const claim: StockClaim = { ...line, status: 'waiting', requestedAt: ctx.now, updatedAt: ctx.now };
  const waitingAhead = waiting(inventory).length;
  const added = { ...inventory, claims: [...inventory.claims, claim] };
  if (waitingAhead === 0 && inventory.available >= line.quantity) {
    return ok(finish(inventory, ctx, reserve(added, claim, ctx, false)));
  }
  const backordered = event(ctx, 'StockBackordered', ids(inventory, claim), {
    bookId: inventory.bookId,
    lineId: claim.lineId,
    quantity: claim.quantity,
    waitingAhead,
  });
  return ok(finish(inventory, ctx, { state: added, events: [backordered] }));
}

/** Staff put new copies on the shelf; waiting lines are served first come, first served. */
export function restock(inventory: Inventory, quantity: number, ctx: Context): Result<Transition<Inventory>, InventoryErrorCode> {
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_RESTOCK) {
    return fail('INVENTORY.QUANTITY', `Restock between 1 and ${MAX_RESTOCK} copies.`);
  }
  const stocked = { ...inventory, stocked: inventory.stocked + quantity, available: inventory.available + quantity };
  return ok(finish(inventory, ctx, serveWaiting(stocked, ctx, [])));
}

/**
 * The line was cancelled: whatever it held goes back on the shelf (and on to whoever waits
 * next). Releasing twice, or a line that never asked, changes nothing.
 */
export function releaseClaim(inventory: Inventory, lineId: string, ctx: Context): Transition<Inventory> {
  const claim = inventory.claims.find((c) => c.lineId === lineId);
  if (!claim || (claim.status !== 'waiting' && claim.status !== 'reserved')) return unchanged(inventory);
  const wasReserved = claim.status === 'reserved';
  let state = replaceClaim(inventory, { ...claim, status: 'released', updatedAt: ctx.now });
  if (wasReserved) {
    state = { ...state, reserved: state.reserved - claim.quantity, available: state.available + claim.quantity };
  }
  const released = event(ctx, 'StockReleased', ids(inventory, claim), {
    bookId: inventory.bookId,
    lineId,
    quantity: claim.quantity,
    wasReserved,
  });
  return finish(inventory, ctx, serveWaiting(state, ctx, [released]));
}

/** The courier took the reserved copies. Shipping twice changes nothing. */
export function shipClaim(inventory: Inventory, lineId: string, ctx: Context): Result<Transition<Inventory>, InventoryErrorCode> {
  const claim = inventory.claims.find((c) => c.lineId === lineId);
  if (claim?.status === 'shipped') return ok(unchanged(inventory));
  if (!claim || claim.status !== 'reserved') {
    return fail('INVENTORY.NOT_RESERVED', `Line ${lineId} has no reserved copies of this book to ship.`);
  }
  const state = replaceClaim(
    { ...inventory, reserved: inventory.reserved - claim.quantity, shipped: inventory.shipped + claim.quantity },
    { ...claim, status: 'shipped', updatedAt: ctx.now },
  );
  const shipped = event(ctx, 'StockShipped', ids(inventory, claim), {
    bookId: inventory.bookId,
    lineId,
    quantity: claim.quantity,
  });
  return ok(finish(inventory, ctx, { state, events: [shipped] }));
}

/** The rule every state must keep; the database has the same CHECK constraint. */
export function isBalanced(inventory: Inventory): boolean {
  const { stocked, available, reserved, shipped } = inventory;
  return available >= 0 && reserved >= 0 && shipped >= 0 && available + reserved + shipped === stocked;
}

/** Waiting claims in the order they asked (ties broken by line id, which is time-ordered too). */
export function waiting(inventory: Inventory): StockClaim[] {
  return inventory.claims
    .filter((c) => c.status === 'waiting')
    .sort((a, b) => a.requestedAt.getTime() - b.requestedAt.getTime() || (a.lineId < b.lineId ? -1 : 1));
}

// Strictly first come, first served: if the oldest waiting line wants more than the shelf has, the
// ones behind it keep waiting too, rather than overtaking it with smaller requests.
function serveWaiting(inventory: Inventory, ctx: Context, events: DomainEvent[]): { state: Inventory; events: DomainEvent[] } {
  let state = inventory;
  const all = [...events];
  for (const claim of waiting(inventory)) {
    if (state.available < claim.quantity) break;
    const served = reserve(state, claim, ctx, true);
    state = served.state;
    all.push(...served.events);
  }
  return { state, events: all };
}

function reserve(inventory: Inventory, claim: StockClaim, ctx: Context, afterWaiting: boolean) {
  const state = replaceClaim(
    {
      ...inventory,
      available: inventory.available - claim.quantity,
      reserved: inventory.reserved + claim.quantity,
    },
    { ...claim, status: 'reserved', updatedAt: ctx.now },
  );
  const reserved = event(ctx, 'StockReserved', ids(inventory, claim), {
    bookId: inventory.bookId,
    lineId: claim.lineId,
    quantity: claim.quantity,
    afterWaiting,
  });
  return { state, events: [reserved] as DomainEvent[] };
}

function replaceClaim(inventory: Inventory, claim: StockClaim): Inventory {
  return { ...inventory, claims: inventory.claims.map((c) => (c.lineId === claim.lineId ? claim : c)) };
}

function finish(before: Inventory, ctx: Context, change: { state: Inventory; events: DomainEvent[] }): Transition<Inventory> {
  const state = { ...change.state, version: before.version + 1, updatedAt: ctx.now };
  if (!isBalanced(state)) throw new Error(`inventory ${before.bookId} would be out of balance`);
  return { state, events: change.events, changed: true };
}

function ids(inventory: Inventory, claim: StockClaim) {
  return { aggregateId: inventory.bookId, orderId: claim.orderId };
}
