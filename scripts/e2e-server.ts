// Playwright's `webServer`: the whole shop — web server, outbox relay, one worker process — on a
// database and a queue prefix of its own, so an end-to-end run sees only its own orders and jobs.
// The worker process is supervised (restarted if it dies); the web server or the relay dying
// stops the shop.
//
// The database named in e2e/support/e2e-database.ts (`counter_shelf_e2e` unless E2E_DATABASE says
// otherwise) is dropped and recreated on every run (the specs read it to prove what was and was
// not written). The queue prefix is random per run, so two runs sharing one Redis never take each
// other's jobs. The web server is started last, once the relay and the worker have reported in:
// Playwright starts the tests as soon as /api/health answers, and by then the back of the shop is
// open too. Runs until SIGTERM/SIGINT, or until Playwright is gone (its pipe on our stdin closes),
// then stops every child; killed outright, its children still stop (scripts/lib/tether.mjs).
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { E2E_DATABASE, e2eDatabaseUrl } from '../e2e/support/e2e-database';
import {
  E2E_CART_WRITES_PER_ADDRESS,
  E2E_CART_WRITES_PER_CUSTOMER,
  E2E_CUSTOMER_MINTS_PER_ADDRESS,
  E2E_ORDERS_PER_ADDRESS,
  E2E_ORDERS_PER_CUSTOMER,
  E2E_STREAMS_PER_CUSTOMER,
} from '../e2e/support/limits';
import { dropDatabase } from '../lib/db/migrate';
import { demoStaffEnv } from './lib/demo-credentials';
import {
  DEFAULTS,
  PrerequisiteError,
  type Proc,
  buildIfStale,
  checkServices,
  prepareDatabase,
  startRelay,
  startWeb,
  startWorkers,
  stopWhenParentGoes,
  supervise,
  waitForHealthy,
} from './lib/stack';

const BACKGROUND_READY_TIMEOUT_MS = 60_000;

const log = (line: string) => console.log(`[e2e] ${line}`);

/** Waits until the relay and the worker process have written their first heartbeat. */
async function waitForBackground(redisUrl: string, prefix: string, isStopping: () => boolean): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true });
  redis.on('error', () => {});
  try {
    await redis.connect();
    const deadline = Date.now() + BACKGROUND_READY_TIMEOUT_MS;
    while (Date.now() < deadline && !isStopping()) {
      const members = await redis.zrangebyscore(`${prefix}:heartbeats`, Date.now() - 10_000, '+inf');
      const roles = new Set(members.map((m) => m.split(':')[0]));
      if (roles.has('relay') && roles.has('workers')) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    if (!isStopping()) {
      throw new Error(`the relay and the worker did not report in within ${BACKGROUND_READY_TIMEOUT_MS / 1000} s`);
    }
  } finally {
    redis.disconnect();
  }
}

/** Removes this run's BullMQ keys and pub/sub leftovers; Redis keeps nothing else of ours. */
async function forgetQueues(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, connectTimeout: 1_000, lazyConnect: true });
  redis.on('error', () => {});
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } catch {
    // Best effort: the prefix is unique to this run, so leftovers bother nobody.
  } finally {
    redis.disconnect();
  }
}

const port = Number(process.env.E2E_PORT ?? 3210);
const queuePrefix = `cs_e2e_${randomBytes(4).toString('hex')}`;
const redisUrl = process.env.REDIS_URL ?? DEFAULTS.REDIS_URL;
const env: NodeJS.ProcessEnv = {
  ...process.env,
  DATABASE_URL: e2eDatabaseUrl(),
  REDIS_URL: redisUrl,
  QUEUE_PREFIX: queuePrefix,
  CARD_LATENCY_MS: '300',
  PREP_MS_PER_DRINK: '1500',
  PAYMENT_TIMEOUT_MS: '60000',
  COURIER_LATENCY_MS: '300',
  COURIER_DELIVERY_MS: '2500',
  BACKORDER_DECISION_MS: '120000',
  WORKER_LOCK_MS: '5000',
  LOG_LEVEL: 'warn',
  ORDER_RATE_LIMIT_PER_CUSTOMER: String(E2E_ORDERS_PER_CUSTOMER),
  ORDER_RATE_LIMIT_PER_ADDRESS: String(E2E_ORDERS_PER_ADDRESS),
  // The specs play the part of one trusted reverse proxy: the X-Forwarded-For entry they send
  // last is the client address (e2e/security.spec.ts gives each test its own), and entries
  // before it are what a client could spoof (e2e/edge.spec.ts proves they change nothing).
  TRUSTED_PROXY_HOPS: '1',
  CUSTOMER_MINTS_PER_ADDRESS: String(E2E_CUSTOMER_MINTS_PER_ADDRESS),
  CART_WRITES_PER_CUSTOMER: String(E2E_CART_WRITES_PER_CUSTOMER),
  CART_WRITES_PER_ADDRESS: String(E2E_CART_WRITES_PER_ADDRESS),
  SSE_STREAMS_PER_CUSTOMER: String(E2E_STREAMS_PER_CUSTOMER),
  NODE_ENV: 'production',
  NEXT_TELEMETRY_DISABLED: '1',
};
// A production build: a session secret for this run, and leave to use the demo staff accounts
// the specs sign in with (e2e/support/staff.ts), whatever STAFF_ACCOUNTS the shell has.
delete env.STAFF_ACCOUNTS;
Object.assign(env, demoStaffEnv(env));

const procs: { stop(): Promise<void> }[] = [];
let stopping = false;

async function stop(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  log('stopping the shop…');
  await Promise.all(procs.map((p) => p.stop()));
  await forgetQueues(redisUrl, queuePrefix);
  // This run's database is its own (its build directory is kept for the next run on this port).
  await dropDatabase(env.DATABASE_URL!).catch(() => {});
  process.exit(code);
}

function keep(proc: Proc): void {
  procs.push(proc);
  proc.child.once('exit', (code, signal) => {
    if (stopping) return;
    log(`${proc.name} exited (${signal ?? `code ${code}`}); stopping the shop`);
    void stop(1);
  });
}

/** Worker processes may die (the ops page crashes one on purpose): restart them, as the demo does. */
function keepAlive(startOne: () => Proc): void {
  procs.push(
    supervise(startOne, {
      log,
      onGiveUp: () => {
        if (stopping) return;
        log('a worker process keeps dying; stopping the shop');
        void stop(1);
      },
    }),
  );
}

async function main(): Promise<void> {
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  // Playwright holds a pipe to our stdin: if it dies without stopping us (SIGKILL, a crash), the
  // pipe closes and we stop as on SIGTERM, dropping this run's database and queue keys too.
  stopWhenParentGoes(() => {
    log('the test runner is gone (stdin closed)');
    void stop(0);
  });

  log('checking PostgreSQL and Redis…');
  await checkServices(env);
  log(`recreating the database ${E2E_DATABASE}…`);
  await dropDatabase(env.DATABASE_URL!); // prepareDatabase creates it afresh
  await prepareDatabase(env);
  await buildIfStale(env, log);
  if (stopping) return;

  keep(startRelay(env));
  keepAlive(() => startWorkers(env));
  await waitForBackground(redisUrl, queuePrefix, () => stopping);
  if (stopping) return;
  keep(startWeb(port, env));
  await waitForHealthy(`http://127.0.0.1:${port}`);
  log(`ready: http://127.0.0.1:${port} (database ${E2E_DATABASE}, queue prefix ${queuePrefix})`);
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(
    error instanceof PrerequisiteError ? `\nCannot start the e2e shop:\n${message}\n` : `\nThe e2e shop could not start: ${message}\n`,
  );
  void stop(1);
});
