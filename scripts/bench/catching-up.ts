// 2. Catching up: how fast the workers carry a backlog of paid orders to "ready", next to (a) the
// same orders' transactions sent as raw SQL at the same concurrency (catching-up-sql.ts), the
// target, and (b) a BullMQ worker that does nothing draining as many jobs at the same
// concurrency, in its own process like ours, for scale.
import path from 'node:path';
import { ROOT, start } from '../lib/stack';
import { type BacklogOrder, ROUND_TRIPS_PER_ORDER, rawSqlCatchingUp } from './catching-up-sql';
import { v7 } from './growth';
import { type BenchShop, WORKER_CONCURRENCY, waitUntilQuiet } from './shop';

export interface CatchingUp {
  backlog: number;
  seconds: number;
  ordersPerSecond: number;
  noopJobsPerSecond: number;
  /** The same backlog's transactions as raw SQL at the same concurrency (catching-up-sql.ts). */
  rawSqlOrdersPerSecond: number;
}

const EVENT_QUEUES = ['tickets', 'brewing', 'payments'];

async function readyCount(shop: BenchShop): Promise<number> {
  const { rows } = await shop.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM barista_tickets WHERE status = 'ready' AND paid");
  return rows[0]!.n;
}

/**
 * What the counter leaves behind for `n` paid orders — the orders, their lines, the idempotency
 * keys, the card network's charges, and OrderPlaced + PaymentApproved in the outbox, unpublished
 * ($3 false; true marks them published and consumed, for the raw-SQL baseline, so that the shop's
 * relay leaves them alone) — written in one statement. Placing them through the API would take minutes (see
 * "answering"); the async side cannot tell the difference.
 */
const BACKLOG_SQL = `
WITH o AS (
  INSERT INTO orders (id, scenario, customer_id, customer_name, status, version, total_cents, card_last4,
                      payment_code, payment_deadline, created_at, updated_at)
  SELECT ${v7('clock_timestamp()')}, 'coffee', $2::uuid, 'Backlog', 'paid', 2, 480, '4242', NULL,
         now() + interval '60 seconds', now(), now()
  FROM generate_series(1, $1)
  RETURNING id, created_at
), lines AS (
  INSERT INTO order_lines (id, order_id, position, item_id, name, size, milk, quantity, unit_price_cents)
  SELECT ${v7('created_at')}, id, 0, 'latte', 'Latte', 'M', 'oat', 1, 480 FROM o
), keys AS (
  INSERT INTO idempotency_keys (customer_id, key, request_hash, order_id, status_code, response, created_at, completed_at)
  SELECT $2::uuid, gen_random_uuid()::text, 'backlog', id, 201, '{}', created_at, created_at FROM o
), charges AS (
  INSERT INTO card_network_ledger (id, idempotency_key, kind, card_last4, amount_cents, outcome, created_at)
  SELECT ${v7('created_at')}, 'coffee-order-' || id, 'charge', '4242', 480, 'approved', created_at FROM o
), events AS (
  SELECT ${v7('o.created_at')} AS event_id, o.id AS order_id, o.created_at + e.n * interval '1 millisecond' AS at, e.type, e.actor, e.data
  FROM o CROSS JOIN (VALUES (0, 'OrderPlaced', 'customer', '{"customerName":"Backlog","totalCents":480,"lines":1}'),
                            (1, 'PaymentApproved', 'cashier', '{"amountCents":480,"cardLast4":"4242"}')) AS e(n, type, actor, data)
), timeline AS (
  INSERT INTO order_timeline (id, order_id, type, mode, actor, data, occurred_at)
  SELECT event_id, order_id, type, 'sync', actor, data::jsonb, at FROM events
)
INSERT INTO outbox (id, type, aggregate_id, order_id, payload, created_at, published_at, consumed_at)
SELECT event_id, type, order_id, order_id, data::jsonb, at, CASE WHEN $3::boolean THEN at END, CASE WHEN $3::boolean THEN at END
FROM events
RETURNING id, type, order_id`;

/** Builds a backlog of `backlog` paid orders while the queues are paused, then times the drain. */
export async function measureCatchingUp(shop: BenchShop, backlog: number, progress: (line: string) => void): Promise<CatchingUp> {
  await waitUntilQuiet(shop);
  // First, so that it meets the same tickets left on the counter as the app's run after it.
  progress(`catching up: ${backlog} orders' transactions as raw SQL (${ROUND_TRIPS_PER_ORDER} round trips each)`);
  const rawSqlOrdersPerSecond = await rawSqlBaseline(shop, backlog);

  const before = await readyCount(shop);
  for (const name of EVENT_QUEUES) await shop.queue(name).pause();
  progress(`catching up: a backlog of ${backlog} paid orders (queues paused)`);
  await shop.pool.query(BACKLOG_SQL, [backlog, shop.cookie, false]);
  await waitForOutboxPublished(shop);

  progress(`catching up: draining ${backlog} orders to "ready"`);
  const t0 = performance.now();
  for (const name of EVENT_QUEUES) await shop.queue(name).resume();
  while ((await readyCount(shop)) - before < backlog) await new Promise((r) => setTimeout(r, 50));
  const seconds = (performance.now() - t0) / 1000;
  await waitUntilQuiet(shop);

  progress(`catching up: a no-op BullMQ worker draining ${backlog} jobs`);
  const noopJobsPerSecond = await noopBaseline(shop, backlog);

  return { backlog, seconds, ordersPerSecond: backlog / seconds, noopJobsPerSecond, rawSqlOrdersPerSecond };
}

async function rawSqlBaseline(shop: BenchShop, backlog: number): Promise<number> {
  const { rows } = await shop.pool.query<{ id: string; type: string; order_id: string }>(BACKLOG_SQL, [backlog, shop.cookie, true]);
  const byOrder = new Map<string, BacklogOrder>();
  for (const row of rows) {
    const order = byOrder.get(row.order_id) ?? { orderId: row.order_id, placedEventId: '', approvedEventId: '' };
    if (row.type === 'OrderPlaced') order.placedEventId = row.id;
    else order.approvedEventId = row.id;
    byOrder.set(row.order_id, order);
  }
  const rate = await rawSqlCatchingUp(shop.pool, [...byOrder.values()], WORKER_CONCURRENCY, WORKER_CONCURRENCY);
  // Its drinks handed over, so that they neither weigh on the stations' counts nor look like the app's.
  await shop.pool.query(`UPDATE barista_tickets SET status = 'collected', closed_at = now() WHERE order_id = ANY($1::uuid[])`, [
    [...byOrder.keys()],
  ]);
  return rate;
}

async function waitForOutboxPublished(shop: BenchShop): Promise<void> {
  for (;;) {
    const { rows } = await shop.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL');
    if (rows[0]!.n === 0) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Jobs per second of a worker process that does nothing, on a paused-then-resumed queue. */
async function noopBaseline(shop: BenchShop, jobs: number): Promise<number> {
  const queue = shop.queue('bench-noop');
  await queue.obliterate({ force: true });
  await queue.pause();
  for (let i = 0; i < jobs; i += 1000) {
    const n = Math.min(1000, jobs - i);
    await queue.addBulk(Array.from({ length: n }, (_, k) => ({ name: 'noop', data: { i: i + k }, opts: { removeOnComplete: true } })));
  }
  // Started like the shop's own processes (tethered), so it cannot outlive the bench.
  let ready: () => void = () => {};
  const isReady = new Promise<void>((resolve) => (ready = resolve));
  const child = start(
    'noop-worker',
    path.join(ROOT, 'node_modules/.bin/tsx'),
    ['scripts/bench/noop-worker.ts'],
    { ...shop.env, NOOP_CONCURRENCY: String(WORKER_CONCURRENCY) },
    (line) => (line.includes('ready') ? ready() : process.stderr.write(`${line}\n`)),
  );
  await new Promise<void>((resolve, reject) => {
    void isReady.then(resolve);
    child.child.once('exit', (code) => reject(new Error(`no-op worker exited early (${code})`)));
  });
  const t0 = performance.now();
  await queue.resume();
  for (;;) {
    const counts = await queue.getJobCounts('wait', 'active');
    if ((counts.wait ?? 0) + (counts.active ?? 0) === 0) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const seconds = (performance.now() - t0) / 1000;
  await child.stop();
  await queue.obliterate({ force: true });
  return jobs / seconds;
}
