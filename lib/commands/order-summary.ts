// The order as a command's answer shows it: what was decided at the counter, nothing more.
import type { Order, OrderStatus } from '../domain/ordering/order';

export interface OrderSummary {
  id: string;
  scenario: string;
  status: OrderStatus;
  version: number;
  customerName: string;
  totalCents: number;
  cardLast4: string | null;
  paymentCode: string | null;
  createdAt: string;
  lines: { itemId: string; name: string; size: string; milk: string | null; quantity: number; unitPriceCents: number }[];
}

export function summarize(order: Order): OrderSummary {
  return {
    id: order.id,
    scenario: order.scenario,
    status: order.status,
    version: order.version,
    customerName: order.customerName,
    totalCents: order.totalCents,
    cardLast4: order.cardLast4,
    paymentCode: order.paymentCode,
    createdAt: order.createdAt.toISOString(),
    lines: order.lines.map(({ itemId, name, size, milk, quantity, unitPriceCents }) => ({
      itemId,
      name,
      size,
      milk,
      quantity,
      unitPriceCents,
    })),
  };
}
