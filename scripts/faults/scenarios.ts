// The faults. Each scenario runs its load, injects its fault, and hands back who its customers
// were and what they saw; the runner (main.ts) then waits for the shop to settle and checks the
// invariants (invariants.ts) plus whatever the scenario itself must prove (`verify`).
import { randomUUID } from 'node:crypto';
import { type Answer, CARDS, Customer, Recorder, checkoutBody, coffeeBody, startLoad } from './load';
import type { Offence } from './invariants';
import type { OwnPostgres, OwnRedis } from './servers';
import type { Shop } from './shop';

export interface ScenarioContext {
  shop: Shop;
  pg: OwnPostgres;
  redis: OwnRedis;
  log: (line: string) => void;
}

export interface Played {
  recorder: Recorder;
  customers: Customer[];
  /** What the scenario must prove besides the shared invariants, checked once the shop has settled. */
  verify?: () => Promise<Offence[]>;
  /** Shown in the table: what happened that is worth a word (e.g. "worker restarted 1×"). */
  note?: string;
}

export interface Scenario {
  name: string;
  play(ctx: ScenarioContext): Promise<Played>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Load of `customers` for `beforeMs`, the fault, then `afterMs` more load. */
async function underLoad(
  ctx: ScenarioContext,
  fault: () => Promise<string | void>,
  { customers = 8, beforeMs = 3_000, afterMs = 4_000, outage = false } = {},
): Promise<Played> {
  const load = await startLoad(ctx.shop.baseUrl, customers, new Recorder(outage));
  await sleep(beforeMs);
  const note = await fault();
  await sleep(afterMs);
  await load.stop();
  return { recorder: load.recorder, customers: load.customers, note: note ?? undefined };
}

async function waitFor<T>(what: () => Promise<T | null | undefined>, timeoutMs: number): Promise<T | null> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const found = await what().catch(() => null);
    if (found) return found;
    await sleep(100);
  }
  return null;
}

const offence = (key: string, detail: string): Offence => ({ key, customerId: null, detail });

// --- process crashes ---------------------------------------------------------------------------

const baseline: Scenario = {
  name: 'no fault (baseline)',
  play: (ctx) => underLoad(ctx, async () => {}, { beforeMs: 2_000, afterMs: 2_000 }),
};

const killWeb: Scenario = {
  name: 'kill -9 web',
  play: (ctx) =>
    underLoad(ctx, async () => {
      ctx.shop.web().kill('SIGKILL');
      const started = Date.now();
      await ctx.shop.restartWeb();
      return `web back in ${((Date.now() - started) / 1000).toFixed(1)} s`;
    }),
};

const killRelay: Scenario = {
  name: 'kill -9 relay',
  play: (ctx) =>
    underLoad(ctx, async () => {
      ctx.shop.relay().kill('SIGKILL');
      await sleep(1_500); // orders keep coming while nobody sweeps the outbox
      await ctx.shop.restartRelay();
    }),
};

const killWorker: Scenario = {
  name: 'kill -9 worker mid-drink',
  play: (ctx) =>
    underLoad(ctx, async () => {
      const making = await waitFor(async () => {
        const { rows } = await ctx.shop.pool.query<{ id: string }>("SELECT id FROM barista_tickets WHERE status = 'making' LIMIT 1");
        return rows[0]?.id;
      }, 8_000);
      const worker = ctx.shop.workers[0]!;
      const before = worker.restarts();
      worker.current().kill('SIGKILL');
      const back = await waitFor(async () => worker.restarts() > before || null, 15_000);
      if (!back) throw new Error('the killed worker process was not restarted by its supervisor');
      return making ? 'a drink was in the making' : 'no drink was seen in the making';
    }),
};

/** Every worker process at once: nobody is left to take over, so the restarted ones must finish the drinks. */
const killAllWorkers: Scenario = {
  name: 'kill -9 every worker mid-drink',
  play: (ctx) =>
    underLoad(ctx, async () => {
      const making = await waitFor(async () => {
        const { rows } = await ctx.shop.pool.query<{ id: string }>("SELECT id FROM barista_tickets WHERE status = 'making' LIMIT 1");
        return rows[0]?.id;
      }, 8_000);
      const before = ctx.shop.workers.map((w) => w.restarts());
      for (const worker of ctx.shop.workers) worker.current().kill('SIGKILL');
      const back = await waitFor(async () => ctx.shop.workers.every((w, i) => w.restarts() > before[i]!) || null, 15_000);
      if (!back) throw new Error('the killed worker processes were not all restarted by their supervisors');
      return making ? 'a drink was in the making' : 'no drink was seen in the making';
    }),
};

// --- Redis losing its data -----------------------------------------------------------------------

const redisRestart: Scenario = {
  name: 'Redis restart, no persistence (down 2 s)',
  play: (ctx) =>
    underLoad(
      ctx,
      async () => {
        await ctx.redis.restartEmpty(2_000);
      },
      { outage: true },
    ),
};

const flushAll: Scenario = {
  name: 'FLUSHALL mid-load',
  play: (ctx) =>
    underLoad(ctx, async () => {
      await ctx.shop.redis.flushall();
    }),
};

// --- PostgreSQL restart ----------------------------------------------------------------------------

const postgresRestart: Scenario = {
  name: 'PostgreSQL restart (fast)',
  play: (ctx) =>
    underLoad(
      ctx,
      async () => {
        await ctx.pg.restart();
      },
      { outage: true },
    ),
};

/** Down long enough that customers meet it: they must be told 503 with Retry-After, then served. */
const postgresDown: Scenario = {
  name: 'PostgreSQL down 3 s',
  play: (ctx) =>
    underLoad(
      ctx,
      async () => {
        await ctx.pg.restart(3_000);
      },
      { outage: true },
    ),
};

// --- duplicate submits --------------------------------------------------------------------------

/** The same order sent `n` times at once and then replayed: one order, one charge, one answer. */
const duplicates: Scenario = {
  name: 'duplicate submits',
  async play(ctx) {
    const recorder = new Recorder();
    const coffee = new Customer(ctx.shop.baseUrl, recorder);
    const books = new Customer(ctx.shop.baseUrl, recorder);
    await Promise.all([coffee.arrive(), books.arrive()]);

    const coffeeKey = randomUUID();
    const body = coffeeBody(CARDS.approved, [{ itemId: 'mocha', size: 'L', milk: 'soy', quantity: 2 }]);
    const concurrent = await Promise.all(
      Array.from({ length: 10 }, () => coffee.finalOrder('coffee order', '/api/coffee/orders', body, coffeeKey)),
    );
    const replays: (Answer | null)[] = [];
    for (let i = 0; i < 3; i++) replays.push(await coffee.finalOrder('coffee order', '/api/coffee/orders', body, coffeeKey));

    await books.untilFinal('POST', '/api/cart/items', { bookId: '0198a000-0000-7000-8000-000000000009', quantity: 2 });
    const bookKey = randomUUID();
    const checkout = checkoutBody(CARDS.approved);
    const bookConcurrent = await Promise.all(
      Array.from({ length: 10 }, () => books.finalOrder('checkout', '/api/bookstore/orders', checkout, bookKey)),
    );
    const bookReplays: (Answer | null)[] = [];
    for (let i = 0; i < 3; i++) bookReplays.push(await books.finalOrder('checkout', '/api/bookstore/orders', checkout, bookKey));

    return {
      recorder,
      customers: [coffee, books],
      verify: async () => {
        const found: Offence[] = [];
        const same = (answers: ({ status: number; body: string } | null)[], what: string) => {
          const first = answers[0];
          if (!first || ![201, 402].includes(first.status)) found.push(offence(what, `first answer ${first?.status ?? 'none'}`));
          for (const a of answers) {
            if (!a || a.status !== first?.status || a.body !== first.body) {
              found.push(offence(what, `answers differ: ${a?.status ?? 'none'} vs ${first?.status ?? 'none'}`));
              break;
            }
          }
        };
        same([...concurrent, ...replays], 'coffee answers identical');
        same([...bookConcurrent, ...bookReplays], 'checkout answers identical');
        const orders = await ctx.shop.pool.query<{ id: string }>('SELECT id FROM orders WHERE customer_id = $1', [coffee.id]);
        if (orders.rowCount !== 1) found.push(offence('one coffee order', `${orders.rowCount} orders for one key`));
        const charges = await ctx.shop.pool.query(
          "SELECT 1 FROM card_network_ledger l JOIN orders o ON l.idempotency_key = 'coffee-order-' || o.id WHERE o.customer_id = $1 AND l.kind = 'charge'",
          [coffee.id],
        );
        if (charges.rowCount !== 1) found.push(offence('one charge', `${charges.rowCount} charges for one key`));
        const requests = await ctx.shop.pool.query('SELECT 1 FROM order_requests WHERE customer_id = $1', [books.id]);
        if (requests.rowCount !== 1) found.push(offence('one order request', `${requests.rowCount} order requests for one key`));
        const holds = await ctx.shop.pool.query(
          'SELECT 1 FROM card_network_ledger l JOIN order_requests r ON r.authorization_key = l.idempotency_key WHERE r.customer_id = $1',
          [books.id],
        );
        if (holds.rowCount !== 1) found.push(offence('one hold', `${holds.rowCount} holds for one key`));
        return found;
      },
    };
  },
};

// --- the last copy --------------------------------------------------------------------------------

const RACE_BOOK = '0198a000-0000-7000-8000-000000000008'; // Middlemarch: two copies seeded, no load on it
const RACERS = 8;

const lastCopy: Scenario = {
  name: `last-copy race (${RACERS} buyers)`,
  async play(ctx) {
    const recorder = new Recorder();
    const pool = ctx.shop.pool;
    const available = async () =>
      (await pool.query<{ available: number }>('SELECT available FROM inventories WHERE book_id = $1', [RACE_BOOK])).rows[0]!.available;

    // Leave exactly one copy on the shelf, the way a shop would: someone buys the others.
    const early = new Customer(ctx.shop.baseUrl, recorder);
    await early.arrive();
    const toBuy = (await available()) - 1;
    if (toBuy > 0) {
      await early.buyBooks(CARDS.approved, [{ bookId: RACE_BOOK, quantity: toBuy }]);
      await waitFor(async () => (await available()) === 1 || null, 20_000);
    }
    const before = await available();

    const racers = Array.from({ length: RACERS }, () => new Customer(ctx.shop.baseUrl, recorder));
    await Promise.all(racers.map((c) => c.arrive()));
    await Promise.all(racers.map((c) => c.untilFinal('POST', '/api/cart/items', { bookId: RACE_BOOK, quantity: 1 })));
    await Promise.all(racers.map((c) => c.finalOrder('checkout', '/api/bookstore/orders', checkoutBody(CARDS.approved), randomUUID())));

    return {
      recorder,
      customers: [early, ...racers],
      note: `${before} cop${before === 1 ? 'y' : 'ies'} left before the race`,
      verify: async () => {
        const found: Offence[] = [];
        if (before !== 1) found.push(offence('one copy left', `${before} copies were on the shelf when the race began`));
        const { rows } = await pool.query<{ status: string; cancel_reason: string | null; n: number }>(
          `SELECT l.status, l.cancel_reason, count(*)::int AS n
             FROM order_request_lines l JOIN order_requests r ON r.id = l.request_id
            WHERE r.customer_id = ANY($1::uuid[]) AND l.book_id = $2
            GROUP BY l.status, l.cancel_reason`,
          [racers.map((r) => r.id), RACE_BOOK],
        );
        const count = (pred: (r: (typeof rows)[number]) => boolean) => rows.filter(pred).reduce((s, r) => s + r.n, 0);
        const got = count((r) => ['reserved', 'captured', 'shipped', 'delivered'].includes(r.status));
        // The others were backordered; nobody answered, so the clock cancelled them (or they still wait).
        const backordered = count((r) => r.status === 'backordered' || (r.status === 'cancelled' && r.cancel_reason === 'no-answer'));
        if (got !== 1) found.push(offence('exactly one got the copy', `${got} lines got a copy`));
        if (backordered !== RACERS - 1)
          found.push(offence('the rest backordered', `${backordered} of ${RACERS - 1} backordered: ${JSON.stringify(rows)}`));
        return found;
      },
    };
  },
};

// --- poison --------------------------------------------------------------------------------------

const poison: Scenario = {
  name: 'poison messages',
  async play(ctx) {
    const { shop } = ctx;
    const load = await startLoad(shop.baseUrl, 3);
    await sleep(1_000);
    const malformed = randomUUID();
    const garbage = randomUUID();
    const unknownName = randomUUID();
    const unknownType = randomUUID();
    // A job whose data is not an event (ids readable, the rest wrong).
    await shop.queues
      .get('tickets')!
      .add('OrderPlaced', { eventId: malformed, orderId: randomUUID(), type: 42 }, { jobId: malformed, attempts: 3 });
    // A job whose data is nothing like an event.
    await shop.queues.get('inventory')!.add('LineRequested', { hello: 'world' }, { jobId: garbage, attempts: 3 });
    // A well-formed event under a name no handler knows.
    await shop.queues
      .get('payments')!
      .add(
        'RefundEverything',
        { eventId: unknownName, type: 'RefundEverything', aggregateId: randomUUID(), orderId: randomUUID(), data: {} },
        { jobId: unknownName, attempts: 3 },
      );
    // An outbox row of a type nobody subscribes to.
    await shop.pool.query(
      `INSERT INTO outbox (id, type, aggregate_id, order_id, payload, created_at) VALUES ($1, 'CoffeeMachineExploded', $2, $3, '{}', now())`,
      [unknownType, randomUUID(), randomUUID()],
    );
    await sleep(2_500);
    await load.stop();
    const poisoned = {
      'malformed job': malformed,
      'garbage job': garbage,
      'job with unknown name': unknownName,
      'outbox row of unknown type': unknownType,
    };
    return {
      recorder: load.recorder,
      customers: load.customers,
      verify: async () => {
        const found: Offence[] = [];
        for (const [what, id] of Object.entries(poisoned)) {
          // Raised under its event id, or — for a job with no readable one — naming the job.
          const { rowCount } = await shop.pool.query('SELECT 1 FROM attention_items WHERE event_id = $1 OR error LIKE $2', [id, `%${id}%`]);
          if (!rowCount) found.push(offence(what, `${what} ${id} is not on the attention list`));
        }
        return found;
      },
    };
  },
};

// --- backlog --------------------------------------------------------------------------------------

const backlog: Scenario = {
  name: 'backlog (queues paused, then resumed)',
  async play(ctx) {
    const queues = [...ctx.shop.queues.values()];
    await Promise.all(queues.map((q) => q.pause()));
    const load = await startLoad(ctx.shop.baseUrl, 8);
    await sleep(6_000);
    await load.stop();
    const ids = load.customers.map((c) => c.id);
    const waiting = await Promise.all(queues.map((q) => q.getJobCountByTypes('wait', 'prioritized')));
    const openedWhilePaused = (
      await ctx.shop.pool.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM barista_tickets t JOIN orders o ON o.id = t.order_id WHERE o.customer_id = ANY($1::uuid[])',
        [ids],
      )
    ).rows[0]!.n;
    await Promise.all(queues.map((q) => q.resume()));
    const queued = waiting.reduce((a, b) => a + b, 0);
    return {
      recorder: load.recorder,
      customers: load.customers,
      note: `${queued} jobs queued while paused`,
      verify: async () =>
        openedWhilePaused > 0 ? [offence('paused means paused', `${openedWhilePaused} tickets opened while the queues were paused`)] : [],
    };
  },
};

export const SCENARIOS: readonly Scenario[] = [
  baseline,
  killWeb,
  killRelay,
  killWorker,
  killAllWorkers,
  redisRestart,
  flushAll,
  postgresRestart,
  postgresDown,
  duplicates,
  lastCopy,
  poison,
  backlog,
];
