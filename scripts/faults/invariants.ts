// What must be true of the shop once it has settled after a fault, checked by SQL against the
// suite's own database. Each check is small and named, and returns the rows that break it — empty
// means it holds. A row carries the customer it concerns (when there is one), so the suite can
// tell which scenario's orders it belongs to.
//
// The rules, and where they come from:
//  - a coffee order is paid or cancelled; one still pending past its payment deadline was
//    stranded (lib/domain/ordering/order.ts, the relay's payment-timeout sweep);
//  - paid ⇒ exactly one approved charge under the order's key and no refund; cancelled ⇒ no net
//    money (no charge, or a charge refunded in full) (lib/payments/charges.ts keys);
//  - the barista ticket agrees with its order: paid ⇒ ready or collected and marked paid;
//    cancelled ⇒ discarded or tossed; and every order has one (OrderPlaced opens it); its drink
//    was made once (one DrinkReady per making, remakes included);
//  - every bookstore line is delivered or cancelled, or legitimately waiting (backordered, with a
//    decision deadline still ahead or the customer's choice to wait); its request's status follows
//    its lines; its money matches the card network's ledger: shipped ⇒ one capture of the line's
//    amount, cancelled ⇒ one void of it, never both, never more than the hold
//    (lib/payments/holds.ts keys);
//  - one courier parcel per shipped line and none for any other; one mail per (order, kind, subject);
//  - stock is conserved: available + reserved + shipped = stocked = what was seeded (the suite
//    restocks nothing), the reserved and shipped counts equal the claims, and each line's claim
//    agrees with the line;
//  - every outbox event is published and consumed by every subscriber (its step's processed-
//    message row, or for the mailer its inbox row), or is on the needs-attention list for that step
//    (lib/queue/topology.ts SUBSCRIPTIONS, lib/queue/policies.ts step names);
//  - every Idempotency-Key got its final answer, and no card hold outlives a checkout that died.
import type pg from 'pg';
import type { FinalAnswer } from './load';
import { MAILED_EVENTS } from '../../lib/notifications/mails';
import { policyFor } from '../../lib/queue/policies';
import { type QueueName, SUBSCRIPTIONS } from '../../lib/queue/topology';

export interface Offence {
  /** Identifies the offending row within its check (for de-duplication across scenarios). */
  key: string;
  customerId: string | null;
  detail: string;
}

export interface CheckContext {
  /** A pool, or one client inside a transaction (the self-check plants faults it rolls back). */
  pool: Pick<pg.Pool, 'query'>;
  /** Stock per book as seeded (book id → copies). */
  seededStock: Map<string, number>;
  /** Grace after a deadline before something is called stranded (the clock sweeps every second). */
  graceMs: number;
  /** How long an unfinished checkout or unpaid order may live (PAYMENT_TIMEOUT_MS). */
  paymentTimeoutMs: number;
}

export interface Check {
  name: string;
  run(ctx: CheckContext): Promise<Offence[]>;
}

type Row = Record<string, unknown>;

function sqlCheck(name: string, sql: string, params: (ctx: CheckContext) => unknown[] = () => []): Check {
  return {
    name,
    async run(ctx) {
      const { rows } = await ctx.pool.query<Row>(sql, params(ctx));
      return rows.map((row) => {
        const { key, customer_id: customerId, ...rest } = row;
        return {
          key: String(key),
          customerId: customerId == null ? null : String(customerId),
          detail: `${String(key)} ${JSON.stringify(rest)}`,
        };
      });
    },
  };
}

const coffeeOrderSettled = sqlCheck(
  'coffee order paid or cancelled',
  `SELECT id AS key, customer_id, status, payment_deadline
     FROM orders
    WHERE status NOT IN ('paid', 'cancelled')
      AND (status <> 'payment_pending' OR payment_deadline < now() - make_interval(secs => $1::float / 1000))`,
  (ctx) => [ctx.graceMs],
);

const paidChargedOnce = sqlCheck(
  'paid ⇒ one charge, no refund',
  `SELECT * FROM (
     SELECT o.id AS key, o.customer_id, o.total_cents,
            (SELECT count(*)::int FROM card_network_ledger l
              WHERE l.idempotency_key = 'coffee-order-' || o.id AND l.kind = 'charge'
                AND l.outcome = 'approved' AND l.amount_cents = o.total_cents) AS charges,
            (SELECT count(*)::int FROM card_network_ledger l
              WHERE l.charge_key = 'coffee-order-' || o.id AND l.kind = 'refund') AS refunds
       FROM orders o WHERE o.status = 'paid') x
    WHERE charges <> 1 OR refunds <> 0`,
);

const cancelledNoNetMoney = sqlCheck(
  'cancelled ⇒ no net money',
  `SELECT * FROM (
     SELECT o.id AS key, o.customer_id,
            coalesce((SELECT sum(amount_cents)::int FROM card_network_ledger l
              WHERE l.idempotency_key = 'coffee-order-' || o.id AND l.kind = 'charge' AND l.outcome = 'approved'), 0) AS charged,
            coalesce((SELECT sum(amount_cents)::int FROM card_network_ledger l
              WHERE l.charge_key = 'coffee-order-' || o.id AND l.kind = 'refund' AND l.outcome = 'approved'), 0) AS refunded
       FROM orders o WHERE o.status = 'cancelled') x
    WHERE charged <> refunded`,
);

const noStrayCharges = sqlCheck(
  'no charge without its order',
  `SELECT l.idempotency_key AS key, NULL AS customer_id, l.amount_cents, l.outcome
     FROM card_network_ledger l
    WHERE l.kind = 'charge' AND l.outcome = 'approved'
      AND NOT EXISTS (SELECT 1 FROM orders o WHERE 'coffee-order-' || o.id = l.idempotency_key)`,
);

const ticketMatchesOrder = sqlCheck(
  'ticket agrees with its order',
  `SELECT o.id AS key, o.customer_id, o.status, t.status AS ticket, t.paid
     FROM orders o LEFT JOIN barista_tickets t ON t.order_id = o.id
    WHERE o.status <> 'payment_pending' AND (
          t.id IS NULL
       OR (o.status = 'paid' AND (t.status NOT IN ('ready', 'collected') OR NOT t.paid))
       OR (o.status = 'cancelled' AND t.status NOT IN ('discarded', 'tossed')))`,
);

// A drink is made once: one DrinkReady per ticket, plus one per remake (a spill or a toss sends it
// back). A worker killed mid-drink, or a job run twice after a stall, must not make it twice.
const drinkMadeOnce = sqlCheck(
  'each drink made once',
  `SELECT t.id AS key, o.customer_id, t.remakes, count(e.id)::int AS made
     FROM barista_tickets t JOIN orders o ON o.id = t.order_id
     JOIN outbox e ON e.aggregate_id = t.id AND e.type = 'DrinkReady'
    GROUP BY t.id, o.customer_id, t.remakes
   HAVING count(e.id) > t.remakes + 1`,
);

const lineSettled = sqlCheck(
  'book line delivered, cancelled or legitimately waiting',
  `SELECT l.id AS key, r.customer_id, l.status, l.decide_by, l.waiting, l.delayed_since
     FROM order_request_lines l JOIN order_requests r ON r.id = l.request_id
    WHERE l.status NOT IN ('delivered', 'cancelled')
      AND NOT (l.status = 'backordered' AND (l.waiting OR l.decide_by > now() - make_interval(secs => $1::float / 1000)))`,
  (ctx) => [ctx.graceMs],
);

const requestFollowsLines = sqlCheck(
  'order request status follows its lines',
  `SELECT * FROM (
     SELECT r.id AS key, r.customer_id, r.status,
            bool_and(l.status IN ('delivered', 'cancelled')) AS all_done,
            bool_or(l.status = 'delivered') AS any_delivered
       FROM order_requests r JOIN order_request_lines l ON l.request_id = r.id
      GROUP BY r.id, r.customer_id, r.status) x
    WHERE (status = 'open' AND all_done)
       OR (status = 'completed' AND NOT (all_done AND any_delivered))
       OR (status = 'cancelled' AND NOT (all_done AND NOT any_delivered))`,
);

const lineMoney = sqlCheck(
  'line money matches the ledger',
  `SELECT * FROM (
     SELECT l.id AS key, r.customer_id, l.status, l.quantity * l.unit_price_cents AS amount,
            l.captured_cents, l.released_cents,
            (SELECT coalesce(sum(amount_cents), 0)::int FROM card_network_ledger c WHERE c.idempotency_key = 'capture-' || l.id) AS captured,
            (SELECT count(*)::int FROM card_network_ledger c WHERE c.idempotency_key = 'capture-' || l.id) AS captures,
            (SELECT coalesce(sum(amount_cents), 0)::int FROM card_network_ledger v WHERE v.idempotency_key = 'void-' || l.id) AS voided,
            (SELECT count(*)::int FROM card_network_ledger v WHERE v.idempotency_key = 'void-' || l.id) AS voids
       FROM order_request_lines l JOIN order_requests r ON r.id = l.request_id) x
    WHERE captured_cents + released_cents > amount
       OR (captures > 0 AND voids > 0)
       OR (status IN ('captured', 'shipped', 'delivered') AND (captures <> 1 OR captured <> amount OR captured_cents <> amount))
       OR (status = 'cancelled' AND (captures <> 0 OR voids <> 1 OR voided <> amount OR released_cents <> amount))
       OR (status IN ('reserving', 'backordered') AND (captures <> 0 OR voids <> 0))`,
);

const holdNotExceeded = sqlCheck(
  'captures and voids within the hold',
  `SELECT * FROM (
     SELECT r.id AS key, r.customer_id, a.amount_cents AS held,
            (SELECT coalesce(sum(m.amount_cents), 0)::int FROM card_network_ledger m
              WHERE m.charge_key = r.authorization_key AND m.kind IN ('capture', 'void')) AS moved
       FROM order_requests r JOIN card_network_ledger a ON a.idempotency_key = r.authorization_key AND a.kind = 'authorization') x
    WHERE moved > held`,
);

const oneMovementPerKey = sqlCheck(
  'one charge/refund/capture/void per key',
  `SELECT key, NULL AS customer_id, n FROM (
     SELECT idempotency_key AS key, count(*)::int AS n FROM card_network_ledger GROUP BY idempotency_key
     UNION ALL
     SELECT 'refunds of ' || charge_key, count(*)::int FROM card_network_ledger WHERE kind = 'refund' GROUP BY charge_key
   ) x WHERE n > 1`,
);

const oneParcelPerLine = sqlCheck(
  'one parcel per shipped line',
  `SELECT * FROM (
     SELECT l.id AS key, r.customer_id, l.status, l.tracking_number,
            count(s.tracking_number)::int AS parcels,
            bool_or(s.tracking_number = l.tracking_number) AS same_tracking
       FROM order_request_lines l JOIN order_requests r ON r.id = l.request_id
       LEFT JOIN courier_shipments s ON s.idempotency_key = 'shipment-' || l.id
      GROUP BY l.id, r.customer_id, l.status, l.tracking_number) x
    WHERE (status IN ('shipped', 'delivered') AND (parcels <> 1 OR same_tracking IS NOT TRUE))
       OR (status NOT IN ('shipped', 'delivered', 'captured') AND parcels > 0)`,
);

// Per (event, kind) is what the mailer promises; per (order, kind, subject) also catches one
// event emitted twice (two "Shipped" mails for one line).
const oneMailEach = sqlCheck(
  'one mail per event and kind',
  `SELECT event_id || ' ' || kind AS key, customer_id, count(*)::int AS mails
     FROM inbox_messages GROUP BY event_id, kind, customer_id HAVING count(*) > 1
   UNION ALL
   SELECT order_id || ' ' || kind || ' ' || subject, customer_id, count(*)::int
     FROM inbox_messages GROUP BY order_id, kind, subject, customer_id HAVING count(*) > 1`,
);

const stockConserved = sqlCheck(
  'stock conserved',
  `SELECT * FROM (
     SELECT i.book_id AS key, NULL AS customer_id, i.stocked, i.available, i.reserved, i.shipped,
            ($1::jsonb ->> i.book_id::text)::int AS seeded,
            (SELECT coalesce(sum(quantity), 0)::int FROM stock_claims c WHERE c.book_id = i.book_id AND c.status = 'reserved') AS claimed_reserved,
            (SELECT coalesce(sum(quantity), 0)::int FROM stock_claims c WHERE c.book_id = i.book_id AND c.status = 'shipped') AS claimed_shipped
       FROM inventories i) x
    WHERE available + reserved + shipped <> stocked
       OR stocked IS DISTINCT FROM seeded
       OR reserved <> claimed_reserved
       OR shipped <> claimed_shipped`,
  (ctx) => [JSON.stringify(Object.fromEntries(ctx.seededStock))],
);

const claimMatchesLine = sqlCheck(
  "each line's claim agrees with the line",
  `SELECT coalesce(l.id, c.line_id) AS key, r.customer_id, l.status AS line, c.status AS claim, l.quantity, c.quantity AS claimed
     FROM order_request_lines l
     JOIN order_requests r ON r.id = l.request_id
     FULL JOIN stock_claims c ON c.line_id = l.id
    WHERE l.id IS NULL
       OR (c.line_id IS NULL AND l.status NOT IN ('reserving', 'cancelled'))
       OR c.quantity <> l.quantity
       OR c.book_id <> l.book_id
       OR (l.status IN ('reserved', 'captured') AND c.status <> 'reserved')
       OR (l.status IN ('shipped', 'delivered') AND c.status <> 'shipped')
       OR (l.status = 'backordered' AND c.status <> 'waiting')
       OR (l.status = 'cancelled' AND c.status <> 'released')`,
);

/** (event type, consumer step) for every subscription: what "consumed" means for each event. */
export function expectedConsumers(): { type: string; consumer: string; queue: QueueName }[] {
  return Object.entries(SUBSCRIPTIONS).flatMap(([type, queues]) =>
    queues.map((queue) => ({ type, queue, consumer: policyFor(queue, type).step })),
  );
}

const mailed = new Set(MAILED_EVENTS);

const eventsConsumed: Check = {
  name: 'every event consumed or on the attention list',
  async run(ctx) {
    const expected = expectedConsumers();
    const values = expected.map((_, i) => `($${3 * i + 1}, $${3 * i + 2}, $${3 * i + 3}::boolean)`).join(', ');
    const params = expected.flatMap((e) => [e.type, e.consumer, e.queue === 'notifications' && mailed.has(e.type)]);
    const { rows } = await ctx.pool.query<Row>(
      `WITH expected(type, consumer, by_mail) AS (VALUES ${values})
       SELECT o.id || ' ' || e.consumer AS key, coalesce(ord.customer_id, req.customer_id) AS customer_id,
              o.type, o.published_at
         FROM outbox o
         JOIN expected e ON e.type = o.type
         LEFT JOIN orders ord ON ord.id = o.order_id
         LEFT JOIN order_requests req ON req.id = o.order_id
        WHERE NOT EXISTS (SELECT 1 FROM attention_items a WHERE a.event_id = o.id AND a.step = e.consumer)
          AND NOT (NOT e.by_mail AND EXISTS (SELECT 1 FROM processed_messages p WHERE p.consumer = e.consumer AND p.event_id = o.id))
          AND NOT (e.by_mail AND EXISTS (SELECT 1 FROM inbox_messages m WHERE m.event_id = o.id))`,
      params,
    );
    return rows.map((row) => ({
      key: String(row.key),
      customerId: row.customer_id == null ? null : String(row.customer_id),
      detail: `${String(row.key)} ${JSON.stringify({ type: row.type, published_at: row.published_at })}`,
    }));
  },
};

const outboxSwept = sqlCheck(
  'every outbox row published',
  `SELECT o.id AS key, coalesce(ord.customer_id, req.customer_id) AS customer_id, o.type, o.created_at
     FROM outbox o
     LEFT JOIN orders ord ON ord.id = o.order_id
     LEFT JOIN order_requests req ON req.id = o.order_id
    WHERE o.published_at IS NULL AND o.created_at < now() - make_interval(secs => $1::float / 1000)`,
  (ctx) => [ctx.graceMs],
);

const keysAnswered = sqlCheck(
  'every Idempotency-Key answered',
  `SELECT customer_id || ' ' || key AS key, customer_id, order_id, created_at
     FROM idempotency_keys
    WHERE status_code IS NULL AND created_at < now() - make_interval(secs => ($1::float + $2::float) / 1000)`,
  (ctx) => [ctx.paymentTimeoutMs, ctx.graceMs],
);

const holdsSettled = sqlCheck(
  'no hold outlives a dead checkout',
  `SELECT a.idempotency_key AS key, k.customer_id, a.amount_cents, a.created_at
     FROM card_network_ledger a
     LEFT JOIN idempotency_keys k ON 'book-auth-' || k.order_id = a.idempotency_key
    WHERE a.kind = 'authorization' AND a.outcome = 'approved'
      AND a.created_at < now() - make_interval(secs => ($1::float + $2::float) / 1000)
      AND NOT EXISTS (SELECT 1 FROM order_requests r WHERE r.authorization_key = a.idempotency_key)
      AND NOT EXISTS (SELECT 1 FROM card_network_ledger v WHERE v.charge_key = a.idempotency_key AND v.kind = 'void')`,
  (ctx) => [ctx.paymentTimeoutMs, ctx.graceMs],
);

export const CHECKS: readonly Check[] = [
  coffeeOrderSettled,
  paidChargedOnce,
  cancelledNoNetMoney,
  noStrayCharges,
  ticketMatchesOrder,
  drinkMadeOnce,
  lineSettled,
  requestFollowsLines,
  lineMoney,
  holdNotExceeded,
  oneMovementPerKey,
  oneParcelPerLine,
  oneMailEach,
  stockConserved,
  claimMatchesLine,
  outboxSwept,
  eventsConsumed,
  keysAnswered,
  holdsSettled,
];

export type Findings = Map<string, Offence[]>;

/** Runs every check; a check that cannot run (the database is down) counts as failing, with why. */
export async function runChecks(ctx: CheckContext): Promise<Findings> {
  const findings: Findings = new Map();
  for (const check of CHECKS) {
    try {
      findings.set(check.name, await check.run(ctx));
    } catch (error) {
      findings.set(check.name, [
        { key: 'check-failed', customerId: null, detail: `could not run: ${error instanceof Error ? error.message : String(error)}` },
      ]);
    }
  }
  return findings;
}

export async function seededStock(pool: pg.Pool): Promise<Map<string, number>> {
  const { rows } = await pool.query<{ book_id: string; stocked: number }>('SELECT book_id, stocked FROM inventories');
  return new Map(rows.map((r) => [r.book_id, r.stocked]));
}

/**
 * What each customer was finally told agrees with what the shop recorded: the answer stored under
 * the key is the one sent, and it is true — a coffee order answered paid is paid, one answered
 * declined or timed out is cancelled; a checkout answered "received" has its order request, one
 * answered declined or abandoned has none. Any other final answer to an order is itself a finding.
 */
export async function answersMatchRecords(pool: pg.Pool, finals: readonly FinalAnswer[]): Promise<Offence[]> {
  if (!finals.length) return [];
  const { rows } = await pool.query<{
    customer_id: string;
    key: string;
    status_code: number | null;
    order_status: string | null;
    has_request: boolean;
  }>(
    `SELECT k.customer_id, k.key, k.status_code, o.status AS order_status, (r.id IS NOT NULL) AS has_request
       FROM idempotency_keys k
       LEFT JOIN orders o ON o.id = k.order_id
       LEFT JOIN order_requests r ON r.id = k.order_id
      WHERE (k.customer_id, k.key) IN (SELECT * FROM unnest($1::uuid[], $2::text[]))`,
    [finals.map((f) => f.customerId), finals.map((f) => f.key)],
  );
  const records = new Map(rows.map((r) => [`${r.customer_id} ${r.key}`, r]));
  const found: Offence[] = [];
  for (const f of finals) {
    const code = /"code":"([A-Z_.]+)"/.exec(f.body)?.[1] ?? '';
    const told = `${f.status}${code ? ` ${code}` : ''}`;
    const record = records.get(`${f.customerId} ${f.key}`);
    const wrong = (why: string) =>
      found.push({ key: `${f.customerId} ${f.key}`, customerId: f.customerId, detail: `${f.what} told ${told}: ${why}` });
    if (!record) {
      if (f.status !== 402) wrong('no record of the key'); // a declined checkout may store nothing
      continue;
    }
    if (record.status_code !== f.status) wrong(`the key's stored answer is ${record.status_code ?? 'none'}`);
    if (f.what === 'coffee') {
      const expected = f.status === 201 ? 'paid' : f.status === 402 || told === '409 PAYMENT.TIMED_OUT' ? 'cancelled' : null;
      if (!expected) wrong('not an answer an order should end with');
      else if (record.order_status !== expected) wrong(`the order is ${record.order_status ?? 'missing'}`);
    } else {
      const expected = f.status === 201 ? true : f.status === 402 || told === '409 CHECKOUT.ABANDONED' ? false : null;
      if (expected === null) wrong('not an answer a checkout should end with');
      else if (record.has_request !== expected) wrong(expected ? 'no order request was recorded' : 'an order request was recorded');
    }
  }
  return found;
}
