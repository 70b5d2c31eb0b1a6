// Loads and saves the order request aggregate (the bookstore). Saving is guarded by the version it
// was loaded with; only the lines that changed are written.
import type { ShippingAddress } from '../domain/bookstore/address';
import type { CancelReason, LineStatus, OrderRequest, RequestStatus } from '../domain/bookstore/order-request';
import type { Tx } from './client';
import { ConcurrencyConflict } from './errors';
import type { Repository } from './repository';

export async function loadOrderRequest(tx: Tx, id: string): Promise<OrderRequest | null> {
  const row = await tx.orderRequest.findUnique({ where: { id }, include: { lines: { orderBy: { position: 'asc' } } } });
  if (!row) return null;
  return {
    ...row,
    status: row.status as RequestStatus,
    shipTo: row.shipTo as unknown as ShippingAddress,
    lines: row.lines.map(({ requestId: _requestId, ...line }) => ({
      ...line,
      status: line.status as LineStatus,
      cancelReason: line.cancelReason as CancelReason | null,
    })),
  };
}

export async function insertOrderRequest(tx: Tx, request: OrderRequest): Promise<void> {
  const { lines, shipTo, ...root } = request;
  await tx.orderRequest.create({ data: { ...root, shipTo: { ...shipTo } } });
  await tx.orderRequestLine.createMany({ data: lines.map((line) => ({ ...line, requestId: request.id })) });
}

export async function saveOrderRequest(tx: Tx, loaded: OrderRequest, next: OrderRequest): Promise<void> {
  const { lines, id, shipTo: _shipTo, ...fields } = next;
  const { count } = await tx.orderRequest.updateMany({ where: { id, version: loaded.version }, data: fields });
  if (count !== 1) throw new ConcurrencyConflict('order request', id);
  // Transitions replace the one line they change and keep the others as they were loaded.
  for (const [i, line] of lines.entries()) {
    if (line === loaded.lines[i]) continue;
    const { id: lineId, ...data } = line;
    await tx.orderRequestLine.update({ where: { id: lineId }, data });
  }
}

/** The order request aggregate (the bookstore), for changeAggregate. */
export const orderRequests: Repository<OrderRequest> = {
  name: 'order request',
  load: loadOrderRequest,
  save: saveOrderRequest,
  notFound: (id) => ({ code: 'ORDER.NOT_FOUND', message: `No order request ${id}.` }),
};
