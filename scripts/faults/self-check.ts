// A check that cannot fail proves nothing. After the scenarios, each invariant is shown a fault of
// exactly its kind — planted by SQL inside a transaction that is rolled back, so the shop never
// sees it — and must report it. One plant per check, on rows the scenarios left behind; a plant
// that finds no row to spoil is reported as not exercised rather than passed.
import type pg from 'pg';
import { CHECKS, type CheckContext } from './invariants';

const PLANTS: Record<string, string> = {
  'coffee order paid or cancelled': `
    UPDATE orders SET status = 'payment_pending', payment_deadline = now() - interval '1 hour'
     WHERE id = (SELECT id FROM orders WHERE status = 'paid' LIMIT 1)`,
  'paid ⇒ one charge, no refund': `
    INSERT INTO card_network_ledger (id, idempotency_key, kind, charge_key, amount_cents, outcome, created_at)
    SELECT gen_random_uuid(), 'plant-refund-paid', 'refund', 'coffee-order-' || id, 1, 'approved', now()
      FROM orders WHERE status = 'paid' LIMIT 1`,
  'cancelled ⇒ no net money': `
    INSERT INTO card_network_ledger (id, idempotency_key, kind, charge_key, amount_cents, outcome, created_at)
    SELECT gen_random_uuid(), 'plant-refund-cancelled', 'refund', 'coffee-order-' || id, 7, 'approved', now()
      FROM orders WHERE status = 'cancelled' LIMIT 1`,
  'no charge without its order': `
    INSERT INTO card_network_ledger (id, idempotency_key, kind, card_last4, amount_cents, outcome, created_at)
    VALUES (gen_random_uuid(), 'coffee-order-' || gen_random_uuid(), 'charge', '4242', 100, 'approved', now())`,
  'ticket agrees with its order': `
    UPDATE barista_tickets SET status = 'queued'
     WHERE id = (SELECT t.id FROM barista_tickets t JOIN orders o ON o.id = t.order_id WHERE o.status = 'paid' LIMIT 1)`,
  'each drink made once': `
    INSERT INTO outbox (id, type, aggregate_id, order_id, payload, created_at, published_at)
    SELECT gen_random_uuid(), 'DrinkReady', aggregate_id, order_id, '{}', now(), now()
      FROM outbox WHERE type = 'DrinkReady' LIMIT 1`,
  'book line delivered, cancelled or legitimately waiting': `
    UPDATE order_request_lines SET status = 'reserving'
     WHERE id = (SELECT id FROM order_request_lines WHERE status = 'delivered' LIMIT 1)`,
  'order request status follows its lines': `
    UPDATE order_requests SET status = 'open' WHERE id = (SELECT id FROM order_requests WHERE status = 'completed' LIMIT 1)`,
  'line money matches the ledger': `
    UPDATE order_request_lines SET captured_cents = captured_cents + 1
     WHERE id = (SELECT id FROM order_request_lines WHERE status = 'delivered' LIMIT 1)`,
  'captures and voids within the hold': `
    INSERT INTO card_network_ledger (id, idempotency_key, kind, charge_key, amount_cents, outcome, created_at)
    SELECT gen_random_uuid(), 'plant-capture', 'capture', r.authorization_key, r.total_cents + 1, 'approved', now()
      FROM order_requests r LIMIT 1`,
  'one charge/refund/capture/void per key': `
    INSERT INTO card_network_ledger (id, idempotency_key, kind, charge_key, amount_cents, outcome, created_at)
    VALUES (gen_random_uuid(), 'plant-r1', 'refund', 'plant-charge', 1, 'approved', now()),
           (gen_random_uuid(), 'plant-r2', 'refund', 'plant-charge', 1, 'approved', now())`,
  'one parcel per shipped line': `
    UPDATE order_request_lines SET tracking_number = 'PLANTED'
     WHERE id = (SELECT id FROM order_request_lines WHERE status = 'delivered' LIMIT 1)`,
  'one mail per event and kind': `
    INSERT INTO inbox_messages (id, event_id, customer_id, order_id, kind, subject, body, sent_at)
    SELECT gen_random_uuid(), gen_random_uuid(), customer_id, order_id, kind, subject, body, now() FROM inbox_messages LIMIT 1`,
  'stock conserved': `
    UPDATE inventories SET stocked = stocked + 1, available = available + 1
     WHERE book_id = (SELECT book_id FROM inventories LIMIT 1)`,
  "each line's claim agrees with the line": `
    UPDATE stock_claims SET quantity = quantity + 1 WHERE line_id = (SELECT line_id FROM stock_claims LIMIT 1)`,
  'every outbox row published': `
    INSERT INTO outbox (id, type, aggregate_id, order_id, payload, created_at)
    VALUES (gen_random_uuid(), 'DrinkReady', gen_random_uuid(), gen_random_uuid(), '{}', now() - interval '1 hour')`,
  'every event consumed or on the attention list': `
    DELETE FROM processed_messages
     WHERE (consumer, event_id) = (SELECT consumer, event_id FROM processed_messages WHERE consumer = 'tickets.open-ticket' LIMIT 1)`,
  'every Idempotency-Key answered': `
    UPDATE idempotency_keys SET status_code = NULL, created_at = now() - interval '1 hour'
     WHERE (customer_id, key) = (SELECT customer_id, key FROM idempotency_keys LIMIT 1)`,
  'no hold outlives a dead checkout': `
    INSERT INTO card_network_ledger (id, idempotency_key, kind, card_last4, amount_cents, outcome, created_at)
    VALUES (gen_random_uuid(), 'book-auth-' || gen_random_uuid(), 'authorization', '4242', 100, 'approved', now() - interval '1 hour')`,
};

export interface SelfCheck {
  caught: string[];
  missed: string[];
  notExercised: string[];
}

export async function selfCheck(pool: pg.Pool, ctx: Omit<CheckContext, 'pool'>): Promise<SelfCheck> {
  const result: SelfCheck = { caught: [], missed: [], notExercised: [] };
  for (const check of CHECKS) {
    const plant = PLANTS[check.name];
    if (!plant) {
      result.notExercised.push(`${check.name} (no plant)`);
      continue;
    }
    const client = await pool.connect();
    try {
      await client.query("BEGIN; SET LOCAL statement_timeout = '5s'; SET LOCAL lock_timeout = '2s'");
      const before = (await check.run({ ...ctx, pool: client })).length;
      const planted = await client.query(plant);
      if (!planted.rowCount) {
        result.notExercised.push(`${check.name} (nothing to spoil)`);
        continue;
      }
      const after = (await check.run({ ...ctx, pool: client })).length;
      (after > before ? result.caught : result.missed).push(check.name);
    } catch (error) {
      result.missed.push(`${check.name} (${error instanceof Error ? error.message : String(error)})`);
    } finally {
      await client.query('ROLLBACK').catch(() => {});
      client.release();
    }
  }
  return result;
}
