// 5. Growth: the database is filled with a history of finished orders, each with every row a
// real order leaves behind (lines, ticket, timeline, outbox, processed messages, idempotency
// key), all inside the retention windows — the busiest day the tables can hold — so that the
// hot paths are measured against tables as large as they ever get.
import type pg from 'pg';

const CHUNK = 50_000;

/** A version-7 UUID for the time `at` (as lib/ids.ts makes them), in SQL. */
export const v7 = (at: string) =>
  `(lpad(to_hex((extract(epoch FROM ${at}) * 1000)::bigint), 12, '0') || '7' || substr(md5(random()::text), 1, 3) || '8' || substr(md5(random()::text), 1, 15))::uuid`;

const HISTORY_SQL = `
-- ids are time-ordered like the app's own (lib/ids.ts)
WITH o AS (
  INSERT INTO orders (id, scenario, customer_id, customer_name, status, version, total_cents, card_last4,
                      payment_code, payment_deadline, created_at, updated_at)
  SELECT ${v7('t')}, 'coffee', gen_random_uuid(), 'History', 'paid', 2, 480, '4242', NULL,
         t + interval '60 seconds', t, t
  FROM (SELECT now() - random() * interval '20 hours' AS t FROM generate_series(1, $1)) s
  RETURNING id, created_at
), lines AS (
  INSERT INTO order_lines (id, order_id, position, item_id, name, size, milk, quantity, unit_price_cents)
  SELECT ${v7('created_at')}, id, 0, 'latte', 'Latte', 'M', 'oat', 1, 480 FROM o
), tickets AS (
  INSERT INTO barista_tickets (id, order_id, customer_name, status, paid, version, drinks, opened_at, started_at,
                               ready_at, closed_at, updated_at, station, remakes)
  SELECT ${v7('created_at')}, id, 'History', 'collected', true, 5,
         '[{"name":"Latte","size":"M","milk":"oat","quantity":1}]', created_at, created_at, created_at, created_at, created_at, 1, 0
  FROM o
), events AS (
  SELECT ${v7('o.created_at')} AS event_id, o.id AS order_id, o.created_at, e.type, e.mode, e.actor
  FROM o CROSS JOIN (VALUES ('OrderPlaced', 'sync', 'customer'), ('PaymentApproved', 'sync', 'cashier'),
                            ('TicketOpened', 'async', 'barista'), ('DrinkStarted', 'async', 'barista'),
                            ('DrinkReady', 'async', 'barista'), ('DrinkHandedOver', 'async', 'barista')) AS e(type, mode, actor)
), timeline AS (
  INSERT INTO order_timeline (id, order_id, type, mode, actor, data, occurred_at)
  SELECT event_id, order_id, type, mode, actor, '{}', created_at FROM events
), outbox AS (
  INSERT INTO outbox (id, type, aggregate_id, order_id, payload, created_at, published_at, consumed_at)
  SELECT event_id, type, order_id, order_id, '{}', created_at, created_at, created_at FROM events
), processed AS (
  INSERT INTO processed_messages (consumer, event_id, processed_at)
  SELECT c.consumer, ${v7('o.created_at')}, o.created_at
  FROM o CROSS JOIN (VALUES ('tickets.open-ticket'), ('tickets.confirm-payment'), ('brewing.brew-drink')) AS c(consumer)
)
INSERT INTO idempotency_keys (customer_id, key, request_hash, order_id, status_code, response, created_at, completed_at)
SELECT gen_random_uuid(), gen_random_uuid()::text, 'history', id, 201, '{}', created_at, created_at FROM o`;

export async function orderCount(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM orders');
  return rows[0]!.n;
}

/** Adds history until the database holds at least `target` orders. */
export async function growTo(pool: pg.Pool, target: number, progress: (line: string) => void): Promise<number> {
  let count = await orderCount(pool);
  while (count < target) {
    const n = Math.min(CHUNK, target - count);
    await pool.query(HISTORY_SQL, [n]);
    count += n;
    progress(`growth: ${count.toLocaleString('en-US')} orders in the database`);
  }
  await pool.query('ANALYZE');
  return count;
}
