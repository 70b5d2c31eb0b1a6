// Loads and saves the order aggregate. Saving is guarded by the version the aggregate was loaded
// with: if someone else changed it in between, the update matches no row and we throw a conflict
// (the caller reloads and retries).
import type { Order, OrderStatus, Scenario } from '../domain/ordering/order';
import type { Tx } from './client';
import { ConcurrencyConflict } from './errors';
import type { Repository } from './repository';

export async function loadOrder(tx: Tx, id: string): Promise<Order | null> {
  const row = await tx.order.findUnique({ where: { id }, include: { lines: { orderBy: { position: 'asc' } } } });
  if (!row) return null;
  return {
    ...row,
    scenario: row.scenario as Scenario,
    status: row.status as OrderStatus,
    lines: row.lines.map(({ orderId: _orderId, ...line }) => line),
  };
}

export async function insertOrder(tx: Tx, order: Order): Promise<void> {
  const { lines, ...root } = order;
  await tx.order.create({ data: root });
  await tx.orderLine.createMany({ data: lines.map((line) => ({ ...line, orderId: order.id })) });
}

/** Writes the order's root fields (lines never change after placing). */
export async function saveOrder(tx: Tx, loadedVersion: number, order: Order): Promise<void> {
  const { lines: _lines, id, ...fields } = order;
  const { count } = await tx.order.updateMany({ where: { id, version: loadedVersion }, data: fields });
  if (count !== 1) throw new ConcurrencyConflict('order', id);
}

/** The order aggregate, for changeAggregate. */
export const orders: Repository<Order> = {
  name: 'order',
  load: loadOrder,
  save: (tx, before, after) => saveOrder(tx, before.version, after),
  notFound: (id) => ({ code: 'ORDER.NOT_FOUND', message: `No order ${id}.` }),
};
