// Loads and saves the order aggregate. Saving is guarded by the version the aggregate was loaded
// with: if someone else changed it in between, the update matches no row and we throw a conflict
// (the caller reloads and retries).
import type { Order, OrderLine, OrderStatus, Scenario } from '../domain/ordering/order';
import { ConcurrencyConflict } from './errors';
import type { Repository } from './repository';
import { Prisma } from './generated/client';
import { type SqlTx, write } from './sql-tx';

interface OrderRow {
  id: string;
  scenario: string;
  customer_id: string;
  customer_name: string;
  status: string;
  version: number;
  total_cents: number;
  card_last4: string | null;
  payment_code: string | null;
  payment_deadline: Date;
  created_at: Date;
  updated_at: Date;
  lines: OrderLine[];
}

/** The order with its lines in one round trip (Prisma's include would take two). */
export async function loadOrder(tx: SqlTx, id: string): Promise<Order | null> {
  const [row] = await tx.$queryRaw<OrderRow[]>`
    SELECT o.*,
           coalesce((SELECT json_agg(json_build_object(
                              'id', l.id, 'position', l.position, 'itemId', l.item_id, 'name', l.name, 'size', l.size,
                              'milk', l.milk, 'quantity', l.quantity, 'unitPriceCents', l.unit_price_cents)
                            ORDER BY l.position)
                       FROM order_lines l WHERE l.order_id = o.id), '[]'::json) AS lines
      FROM orders o
     WHERE o.id = ${id}::uuid`;
  if (!row) return null;
  return {
    id: row.id,
    scenario: row.scenario as Scenario,
    customerId: row.customer_id,
    customerName: row.customer_name,
    status: row.status as OrderStatus,
    version: row.version,
    totalCents: row.total_cents,
    cardLast4: row.card_last4,
    paymentCode: row.payment_code,
    paymentDeadline: row.payment_deadline,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lines: row.lines,
  };
}

// The writes are raw SQL: they run while the customer waits, and Prisma compiles a createMany
// afresh on every call in its WebAssembly query compiler. In a plain-SQL transaction they are held
// back and sent with its other writes as one statement (lib/db/sql-tx.ts); the lines' foreign key
// is checked at that statement's end.
export async function insertOrder(tx: SqlTx, o: Order): Promise<void> {
  const { lines } = o;
  await write(
    tx,
    {
      sql: Prisma.sql`
        INSERT INTO orders (id, scenario, customer_id, customer_name, status, version, total_cents, card_last4,
                            payment_code, payment_deadline, created_at, updated_at)
        VALUES (${o.id}::uuid, ${o.scenario}, ${o.customerId}::uuid, ${o.customerName}, ${o.status}, ${o.version},
                ${o.totalCents}, ${o.cardLast4}, ${o.paymentCode}, ${o.paymentDeadline}::timestamptz,
                ${o.createdAt}::timestamptz, ${o.updatedAt}::timestamptz)`,
    },
    {
      sql: Prisma.sql`
        INSERT INTO order_lines (id, order_id, position, item_id, name, size, milk, quantity, unit_price_cents)
        SELECT l.id, ${o.id}::uuid, l.position, l.item_id, l.name, l.size, l.milk, l.quantity, l.unit_price_cents
          FROM unnest(${lines.map((l) => l.id)}::uuid[], ${lines.map((l) => l.position)}::int[],
                      ${lines.map((l) => l.itemId)}::text[], ${lines.map((l) => l.name)}::text[],
                      ${lines.map((l) => l.size)}::text[], ${lines.map((l) => l.milk)}::text[],
                      ${lines.map((l) => l.quantity)}::int[], ${lines.map((l) => l.unitPriceCents)}::int[])
            AS l(id, position, item_id, name, size, milk, quantity, unit_price_cents)`,
    },
  );
}

/** Writes the order's root fields (lines never change after placing), if still at `loadedVersion`. */
export async function saveOrder(tx: SqlTx, loadedVersion: number, o: Order): Promise<void> {
  await write(tx, {
    sql: Prisma.sql`
      UPDATE orders
         SET scenario = ${o.scenario}, customer_id = ${o.customerId}::uuid, customer_name = ${o.customerName},
             status = ${o.status}, version = ${o.version}, total_cents = ${o.totalCents}, card_last4 = ${o.cardLast4},
             payment_code = ${o.paymentCode}, payment_deadline = ${o.paymentDeadline}::timestamptz,
             created_at = ${o.createdAt}::timestamptz, updated_at = ${o.updatedAt}::timestamptz
       WHERE id = ${o.id}::uuid AND version = ${loadedVersion}`,
    expect: { rows: 1, otherwise: () => new ConcurrencyConflict('order', o.id) },
  });
}

/** The order aggregate, for changeAggregate. */
export const orders: Repository<Order, string, SqlTx> = {
  name: 'order',
  load: loadOrder,
  save: (tx, before, after) => saveOrder(tx, before.version, after),
  notFound: (id) => ({ code: 'ORDER.NOT_FOUND', message: `No order ${id}.` }),
};
