// 1. Answering the customer: how fast POST /api/coffee/orders answers, next to (a) a route that
// does nothing on the same server and (b) the same SQL statements the command runs, sent
// straight to PostgreSQL with the same concurrency.
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import hdr from 'hdr-histogram-js';
import type pg from 'pg';
import { QUEUES } from '../../lib/queue/topology';
import { type BenchShop, type CpuSplit, cpuPerRequest, cpuSnapshot } from './shop';

export interface Throughput {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
}

export interface AnsweringRow {
  concurrency: number;
  app: Throughput;
  /** The app again with every queue paused: the workers idle, so only the answering is measured (concurrency 8 only). */
  appQueuesPaused?: Throughput;
  noop: Throughput;
  sql: Throughput;
  /**
   * CPU ms each process spent per answered request, at concurrency 8: the no-op route, and the
   * checkout with the queues paused. Where the ratio's ceiling is: the no-op is bound by the web
   * process's one thread, the checkout by what every process together spends on it.
   */
  cpu?: { noop: CpuSplit; appQueuesPaused: CpuSplit };
}

/** The concurrency at which the answering target is held, and measured with the queues paused too. */
export const TARGET_CONCURRENCY = 8;

const ORDER = {
  customerName: 'Bench',
  items: [{ itemId: 'latte', size: 'M', milk: 'oat', quantity: 1 }],
  card: { number: '4242424242424242', expMonth: 12, expYear: 2035, cvc: '123' },
};
export const ORDER_BODY = JSON.stringify(ORDER);

/** A cannon run, and the CPU each process spent per answered request during it. */
async function cannonWithCpu(shop: BenchShop, path: string, connections: number, seconds: number, expectStatus: number) {
  const before = cpuSnapshot(shop);
  const throughput = await cannon(shop, path, connections, seconds, expectStatus);
  return { throughput, cpu: cpuPerRequest(before, cpuSnapshot(shop), throughput.requests) };
}

async function cannon(shop: BenchShop, path: string, connections: number, seconds: number, expectStatus: number): Promise<Throughput> {
  const result = await autocannon({
    url: `${shop.baseUrl}${path}`,
    connections,
    duration: seconds,
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: `cs_customer=${shop.cookie}` },
    body: ORDER_BODY,
    // A fresh key per request, never used before in this run: each is a new order, not a replay
    // of an earlier answer (placeOrders checks).
    requests: [{ setupRequest: (req) => ({ ...req, headers: { ...req.headers, 'idempotency-key': randomUUID() } }) }],
  });
  const statusCount = (result as unknown as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {};
  const good = statusCount[String(expectStatus)]?.count ?? 0;
  return {
    rps: good / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: good,
    errors: result.errors + result.timeouts + (result.requests.total - good),
  };
}

const coffeeOrders = async (shop: BenchShop) =>
  (await shop.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM orders WHERE scenario = 'coffee'")).rows[0]!.n;

/**
 * Checkouts at `connections` at once, failing unless each 201 recorded a new order: a replayed
 * key is answered from its stored answer, far cheaper than a checkout, and would flatter the
 * figure. (Requests still in flight when the run ends may add orders nobody counted as answered.)
 */
async function placeOrders<T>(shop: BenchShop, run: () => Promise<T>, answered: (result: T) => number): Promise<T> {
  const before = await coffeeOrders(shop);
  const result = await run();
  const placed = (await coffeeOrders(shop)) - before;
  if (placed < answered(result)) {
    throw new Error(`${answered(result)} checkouts were answered 201 but only ${placed} new orders recorded: the rest were replays`);
  }
  return result;
}

// --- the same statements, straight to PostgreSQL -------------------------------------------

/**
 * One order's worth of the command's SQL: two transactions and the card network's ledger. The
 * outbox rows go in already marked published and consumed, so the relay and its reconciler leave
 * them alone: this baseline is the command's own database work, with nothing running behind it.
 */
async function commandStatements(client: pg.PoolClient, customerId: string): Promise<void> {
  const orderId = randomUUID();
  const key = randomUUID();
  const now = new Date();
  const e1 = randomUUID();
  await client.query('BEGIN');
  await client.query(
    `INSERT INTO idempotency_keys (customer_id, key, request_hash, order_id, created_at)
     VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
    [customerId, key, 'x'.repeat(64), orderId, now],
  );
  await client.query(
    `INSERT INTO orders (id, scenario, customer_id, customer_name, status, version, total_cents, card_last4,
       payment_code, payment_deadline, created_at, updated_at)
     VALUES ($1, 'coffee', $2, 'Bench', 'payment_pending', 1, 480, '4242', NULL, $3, $4, $4)`,
    [orderId, customerId, new Date(now.getTime() + 60_000), now],
  );
  await client.query(
    `INSERT INTO order_lines (id, order_id, position, item_id, name, size, milk, quantity, unit_price_cents)
     VALUES ($1, $2, 0, 'latte', 'Latte', 'M', 'oat', 1, 480)`,
    [randomUUID(), orderId],
  );
  await client.query(
    `INSERT INTO outbox (id, type, aggregate_id, order_id, payload, created_at, published_at, consumed_at)
     VALUES ($1, 'OrderPlaced', $2, $2, $3, $4, $4, $4)`,
    [e1, orderId, '{"customerName":"Bench","totalCents":480,"lines":1}', now],
  );
  await client.query(
    `INSERT INTO order_timeline (id, order_id, type, mode, actor, data, occurred_at)
     VALUES ($1, $2, 'OrderPlaced', 'sync', 'customer', $3, $4)`,
    [e1, orderId, '{"customerName":"Bench","totalCents":480,"lines":1}', now],
  );
  await client.query('COMMIT');

  await client.query(
    `INSERT INTO card_network_ledger (id, idempotency_key, kind, card_last4, amount_cents, outcome, created_at)
     VALUES ($1, $2, 'charge', '4242', 480, 'approved', $3) ON CONFLICT DO NOTHING RETURNING *`,
    [randomUUID(), `coffee-order-${orderId}`, now],
  );

  const e2 = randomUUID();
  await client.query('BEGIN');
  await client.query(`UPDATE orders SET status = 'paid', version = 2, updated_at = $2 WHERE id = $1 AND version = 1`, [orderId, now]);
  await client.query(
    `INSERT INTO outbox (id, type, aggregate_id, order_id, payload, created_at, published_at, consumed_at)
     VALUES ($1, 'PaymentApproved', $2, $2, $3, $4, $4, $4)`,
    [e2, orderId, '{"amountCents":480,"cardLast4":"4242"}', now],
  );
  await client.query(
    `INSERT INTO order_timeline (id, order_id, type, mode, actor, data, occurred_at)
     VALUES ($1, $2, 'PaymentApproved', 'sync', 'cashier', $3, $4)`,
    [e2, orderId, '{"amountCents":480,"cardLast4":"4242"}', now],
  );
  await client.query(
    `UPDATE idempotency_keys SET status_code = 201, response = $3, completed_at = $4 WHERE customer_id = $1 AND key = $2`,
    [customerId, key, '{"order":{}}', now],
  );
  await client.query('COMMIT');
}

async function rawSql(pool: pg.Pool, concurrency: number, seconds: number): Promise<Throughput> {
  const histogram = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: 3 });
  const customerId = randomUUID();
  const end = performance.now() + seconds * 1000;
  let done = 0;
  let errors = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      const client = await pool.connect();
      try {
        while (performance.now() < end) {
          const t0 = performance.now();
          try {
            await commandStatements(client, customerId);
            histogram.recordValue(Math.round((performance.now() - t0) * 1000)); // microseconds
            done++;
          } catch {
            errors++;
            await client.query('ROLLBACK').catch(() => undefined);
          }
        }
      } finally {
        client.release();
      }
    }),
  );
  const result = {
    rps: done / seconds,
    p50: histogram.getValueAtPercentile(50) / 1000,
    p99: histogram.getValueAtPercentile(99) / 1000,
    requests: done,
    errors,
  };
  histogram.destroy();
  return result;
}

/** Clears what a run left behind so the next one starts from the same place. */
export type Settle = () => Promise<void>;

export async function measureAnswering(
  shop: BenchShop,
  concurrencies: readonly number[],
  seconds: number,
  settle: Settle,
  progress: (line: string) => void,
): Promise<AnsweringRow[]> {
  // Warm up the routes, the JIT and the connection pools, untimed.
  await cannon(shop, '/api/ping', 8, 2, 200);
  await placeOrders(
    shop,
    () => cannon(shop, '/api/coffee/orders', 8, 3, 201),
    (t) => t.requests,
  );
  await settle();
  const rows: AnsweringRow[] = [];
  for (const c of concurrencies) {
    progress(`answering at concurrency ${c}: no-op route`);
    const { throughput: noop, cpu: noopCpu } = await cannonWithCpu(shop, '/api/ping', c, seconds, 200);
    // The workers carry each order on behind the counter while the next ones are placed: that
    // work shares the machine with the answering, as it would in production.
    progress(`answering at concurrency ${c}: place order`);
    const app = await placeOrders(
      shop,
      () => cannon(shop, '/api/coffee/orders', c, seconds, 201),
      (t) => t.requests,
    );
    await settle();
    let appQueuesPaused: Throughput | undefined;
    let cpu: AnsweringRow['cpu'];
    if (c === TARGET_CONCURRENCY) {
      // What answering costs alone: the relay still publishes, but no worker takes a job until
      // the run is over (the backlog it leaves is carried through untimed by settle()).
      progress(`answering at concurrency ${c}: place order, queues paused`);
      const queues = Object.values(QUEUES).map((name) => shop.queue(name));
      for (const q of queues) await q.pause();
      try {
        const paused = await placeOrders(
          shop,
          () => cannonWithCpu(shop, '/api/coffee/orders', c, seconds, 201),
          (t) => t.throughput.requests,
        );
        appQueuesPaused = paused.throughput;
        cpu = { noop: noopCpu, appQueuesPaused: paused.cpu };
      } finally {
        for (const q of queues) await q.resume();
      }
      await settle();
    }
    progress(`answering at concurrency ${c}: the command's SQL, straight to PostgreSQL`);
    const sql = await rawSql(shop.pool, c, seconds);
    rows.push({ concurrency: c, app, appQueuesPaused, noop, sql, cpu });
  }
  return rows;
}
