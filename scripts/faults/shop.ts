// The shop under fault: migrated and seeded on the suite's own PostgreSQL, with the suite's own
// Redis, a production build, the web server, the relay and two supervised worker processes —
// the same processes as the demo, started the same way (scripts/lib/stack.ts). The web server
// and the relay are restarted by the suite itself after it kills them; worker processes are
// supervised as the demo does, so a killed one comes back on its own.
import { randomBytes } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { QUEUES } from '../../lib/queue/topology';
import {
  type Proc,
  type Supervised,
  buildIfStale,
  prepareDatabase,
  startRelay,
  startWeb,
  startWorkers,
  supervise,
  waitForHealthy,
} from '../lib/stack';
import type { OwnPostgres, OwnRedis } from './servers';

export const FAULTS_DATABASE = 'counter_shelf_faults';
export const QUEUE_PREFIX = 'cs_faults';

/** How long an unpaid coffee order (or an unfinished checkout) may stay open before the relay settles it. */
export const PAYMENT_TIMEOUT_MS = 8_000;
/** How long a backordered line waits for the customer before it is cancelled for them. */
export const BACKORDER_DECISION_MS = 8_000;

export interface Shop {
  baseUrl: string;
  env: NodeJS.ProcessEnv;
  pool: pg.Pool;
  redis: Redis;
  queues: Map<string, Queue>;
  web(): Proc;
  relay(): Proc;
  workers: Supervised[];
  restartWeb(): Promise<void>;
  restartRelay(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Where the shop's processes write: every line to the run's log file (a fault makes them complain
 * at length, as they should), and to the terminal only with --verbose.
 */
function shopOutput(logFile: string, verbose: boolean) {
  return (line: string) => {
    appendFileSync(logFile, `${line}\n`);
    if (verbose) process.stderr.write(`  ${line}\n`);
  };
}

export async function openShop(
  servers: { pg: OwnPostgres; redis: OwnRedis },
  port: number,
  log: (line: string) => void,
  { logFile, verbose = false }: { logFile: string; verbose?: boolean },
): Promise<Shop> {
  const databaseUrl = servers.pg.url(FAULTS_DATABASE);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    DATABASE_URL: databaseUrl,
    REDIS_URL: servers.redis.url,
    QUEUE_PREFIX,
    // Small but real: requests overlap with the faults, and drinks are in the making when a worker dies.
    CARD_LATENCY_MS: '40',
    PREP_MS_PER_DRINK: '400',
    BARISTA_STATIONS: '4',
    COURIER_LATENCY_MS: '30',
    COURIER_DELIVERY_MS: '1000',
    PAYMENT_TIMEOUT_MS: String(PAYMENT_TIMEOUT_MS),
    BACKORDER_DECISION_MS: String(BACKORDER_DECISION_MS),
    WORKER_LOCK_MS: '2000',
    RELAY_SWEEP_MS: '100',
    // Events not consumed this long after publishing are published again (lost with Redis's data).
    RECONCILE_AFTER_MS: '2000',
    // …and handed to a person when still not consumed this long after (and not merely queued).
    STUCK_AFTER_MS: '30000',
    // Every load customer comes from 127.0.0.1; the limits are not what is under test here.
    ORDER_RATE_LIMIT_PER_CUSTOMER: '1000000',
    ORDER_RATE_LIMIT_PER_ADDRESS: '1000000',
    // The edge's other limits (part E) likewise never bite here.
    CUSTOMER_MINTS_PER_ADDRESS: '1000000',
    CART_WRITES_PER_CUSTOMER: '1000000',
    CART_WRITES_PER_ADDRESS: '1000000',
    LOG_LEVEL: 'warn',
    // A production build wants a session secret of its own; nobody signs in here but the web
    // server refuses to start without one. The demo staff accounts are fine for a throw-away shop.
    SESSION_SECRET: randomBytes(32).toString('base64'),
    ALLOW_DEMO_CREDENTIALS: '1',
  };
  delete env.STAFF_PASSWORD;
  const out = shopOutput(logFile, verbose);

  log(`migrating and seeding ${FAULTS_DATABASE}`);
  await prepareDatabase(env);
  await buildIfStale(env, log);

  let relay = startRelay(env, out);
  const workers = [1, 2].map((n) => supervise(() => startWorkers(env, n, out), { log: (line) => log(line), maxCrashes: 20 }));
  let web = startWeb(port, env, out);
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForHealthy(baseUrl);
  await waitForBackground(baseUrl);

  const pool = new pg.Pool({ connectionString: databaseUrl, max: 6 });
  pool.on('error', () => {}); // the suite restarts PostgreSQL under it; a query just fails and is retried
  const redis = new Redis(servers.redis.url, { maxRetriesPerRequest: null, retryStrategy: () => 100 });
  redis.on('error', () => {});
  const queues = new Map(
    Object.values(QUEUES).map((name) => {
      const queue = new Queue(name, { connection: redis, prefix: QUEUE_PREFIX });
      queue.on('error', () => {}); // Redis restarted under it on purpose; the connection comes back
      return [name, queue] as const;
    }),
  );

  return {
    baseUrl,
    env,
    pool,
    redis,
    queues,
    web: () => web,
    relay: () => relay,
    workers,
    async restartWeb() {
      await web.stop('SIGKILL');
      web = startWeb(port, env, out);
      await waitForHealthy(baseUrl);
    },
    async restartRelay() {
      await relay.stop('SIGKILL');
      relay = startRelay(env, out);
    },
    async stop() {
      await Promise.all([web.stop(), relay.stop(), ...workers.map((w) => w.stop())]);
      await Promise.all([...queues.values()].map((q) => q.close().catch(() => {})));
      redis.disconnect();
      await pool.end().catch(() => {});
    },
  };
}

/** Until /api/health has seen the relay and a worker process. */
async function waitForBackground(baseUrl: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const health = (await (await fetch(`${baseUrl}/api/health`)).json()) as { relay?: string; workers?: string };
      if (health.relay === 'ok' && health.workers === 'ok') return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the relay or the worker processes did not report in');
}
