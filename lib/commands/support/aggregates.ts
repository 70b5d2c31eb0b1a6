// Load → decide → save → emit, for the bookstore's two aggregates, inside a unit of work the
// caller opened (a command's transaction, or a handler's consumeOnce). A refusal from the domain
// is thrown as StepRefused: for a worker that is a permanent failure, not something to retry.
import { loadInventory, saveInventory } from '../../db/inventories';
import { loadOrderRequest, saveOrderRequest } from '../../db/order-requests';
import type { Inventory } from '../../domain/bookstore/inventory';
import type { OrderRequest } from '../../domain/bookstore/order-request';
import type { Context, Transition } from '../../domain/shared/events';
import type { DomainError, Result } from '../../domain/shared/result';
import type { Origin } from '../../outbox/append';
import type { UnitOfWork } from '../../outbox/unit-of-work';

export class StepRefused extends Error {
  override name = 'StepRefused';
  constructor(readonly error: DomainError) {
    super(`${error.code}: ${error.message}`);
  }
}

type Decision<S> = Result<Transition<S>> | Transition<S>;

function unwrap<S>(decision: Decision<S>): Transition<S> {
  if (!('ok' in decision)) return decision;
  if (!decision.ok) throw new StepRefused(decision.error);
  return decision.value;
}

export async function changeOrderRequest(
  uow: UnitOfWork,
  orderId: string,
  origin: Origin,
  decide: (request: OrderRequest, ctx: Context) => Decision<OrderRequest>,
): Promise<Transition<OrderRequest>> {
  const request = await loadOrderRequest(uow.tx, orderId);
  if (!request) throw new StepRefused({ code: 'ORDER.NOT_FOUND', message: `No order request ${orderId}.` });
  const transition = unwrap(decide(request, uow.ctx));
  if (transition.changed) {
    await saveOrderRequest(uow.tx, request, transition.state);
    await uow.emit(transition.events, origin);
  }
  return transition;
}

export async function changeInventory(
  uow: UnitOfWork,
  target: { bookId: string; lineId?: string },
  origin: Origin,
  decide: (inventory: Inventory, ctx: Context) => Decision<Inventory>,
): Promise<Transition<Inventory>> {
  const inventory = await loadInventory(uow.tx, target.bookId, target.lineId);
  if (!inventory) throw new StepRefused({ code: 'INVENTORY.NOT_FOUND', message: `No inventory for book ${target.bookId}.` });
  const transition = unwrap(decide(inventory, uow.ctx));
  if (transition.changed) {
    await saveInventory(uow.tx, inventory, transition.state);
    await uow.emit(transition.events, origin);
  }
  return transition;
}
