// An isolated shop for one integration test file: its own database, its own queue prefix, and
// real relay and worker processes, compiled to JavaScript exactly as production runs them (built
// first when a source file is newer than the bundle: scripts/lib/build-workers.ts).
import { randomBytes, randomUUID } from 'node:crypto';
import { RELAY_JS, WORKERS_JS, buildWorkersIfStale } from '../../scripts/lib/build-workers';
import { HEAP_FLAGS, type Proc, backgroundEnv, start } from '../../scripts/lib/stack';
import { freshDatabase } from './database';

/** Extra settings for the shop's processes (strings, as environment variables are). */
export type Settings = Record<string, string | undefined>;

export interface Shop {
  env: NodeJS.ProcessEnv;
  startRelay(extra?: Settings): Proc;
  startWorkers(extra?: Settings): Proc;
  /** Resolves once the started relay and worker processes report through their heartbeats. */
  ready(roles?: { relay?: number; workers?: number }): Promise<void>;
  /** Stops every process and drops the database. */
  close(): Promise<void>;
}

/**
 * Creates the database, points this test process at it (lib/config reads process.env lazily),
 * and seeds the menu. Settings are shared with the child processes.
 */
export async function openShop(label: string, settings: Settings = {}): Promise<Shop> {
  const database = await freshDatabase(label);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    QUEUE_PREFIX: `cs_t_${label.replace(/\W/g, '')}_${randomBytes(4).toString('hex')}`,
    CARD_LATENCY_MS: '0',
    PREP_MS_PER_DRINK: '100',
    WORKER_LOCK_MS: '2000',
    RELAY_SWEEP_MS: '100',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
    ...settings,
  };
  Object.assign(process.env, env);
  const { config } = await import('../../lib/config');
  if (config().DATABASE_URL !== database.url) {
    throw new Error('lib/config was read before openShop(): a module reads config() at import time');
  }
  const { seed } = await import('../../prisma/seed');
  await seed();

  const procs: Proc[] = [];
  const out = process.env.TEST_PROCESS_OUTPUT ? undefined : () => {};
  let n = 0;
  return {
    env,
    startRelay: (extra: Settings = {}) => {
      buildWorkersIfStale();
      const p = start(`relay-${++n}`, process.execPath, [...HEAP_FLAGS.background, RELAY_JS], backgroundEnv({ ...env, ...extra }), out);
      procs.push(p);
      return p;
    },
    startWorkers: (extra: Settings = {}) => {
      buildWorkersIfStale();
      const p = start(`workers-${++n}`, process.execPath, [...HEAP_FLAGS.background, WORKERS_JS], backgroundEnv({ ...env, ...extra }), out);
      procs.push(p);
      return p;
    },
    ready: async (roles) => {
      const { aliveRoles } = await import('../../lib/queue/queues');
      const { commandRedis, waitForRedis } = await import('../../lib/queue/redis');
      await waitForRedis(commandRedis(), 5_000);
      const want = roles ?? {
        relay: procs.filter((p) => p.name.startsWith('relay') && p.child.exitCode === null).length,
        workers: procs.filter((p) => p.name.startsWith('workers') && p.child.exitCode === null).length,
      };
      await eventually(
        'relay and workers to start',
        async () => {
          const alive = await aliveRoles(commandRedis());
          return (alive.relay ?? 0) >= (want.relay ?? 0) && (alive.workers ?? 0) >= (want.workers ?? 0);
        },
        30_000,
      );
    },
    close: async () => {
      await Promise.all(procs.map((p) => p.stop()));
      const { disconnectDb } = await import('../../lib/db/client');
      await disconnectDb();
      const { commandRedis } = await import('../../lib/queue/redis');
      commandRedis().disconnect();
      await database.drop();
    },
  };
}

/** Polls until `check` returns a truthy value, or fails with `what` after `timeoutMs`. */
export async function eventually<T>(what: string, check: () => Promise<T | null | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export const CARDS = {
  approved: '4242 4242 4242 4242',
  declined: '4000 0000 0000 0002',
  insufficientFunds: '4000 0000 0000 9995',
} as const;

export function latteOrder(card: string = CARDS.approved, name = 'Sam') {
  return {
    customerName: name,
    items: [{ itemId: 'latte', size: 'M' as const, milk: 'oat' as const, quantity: 1 }],
    card: { number: card, expMonth: 12, expYear: 2031, cvc: '123' },
  };
}

export const newCustomer = () => ({ customerId: randomUUID(), idempotencyKey: randomUUID() });
