// One Prisma client (and one pg pool) per process, kept on globalThis so Next's dev reloads and
// repeated imports share it.
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from './generated/client';
import { config } from '../config';

/**
 * How long a caller may queue for a pooled connection before the database counts as overloaded
 * (and the caller answers 503). It must outlast the longest a connection can legitimately be held
 * — one transaction's whole budget (TX_OPTIONS.timeout in lib/outbox/unit-of-work.ts, 10 s) —
 * or a burst of work on a loaded machine (64 checkouts at once on two busy cores) fails while
 * every connection is still doing useful work. Queueing is the right answer to a burst; a dead
 * server is still noticed at once, because connecting to it is refused, not slow.
 */
export const POOL_WAIT_MS = 15_000;

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

const holder = globalThis as unknown as { __prisma?: PrismaClient; __pool?: pg.Pool };

let defaultPoolSize = 10;

/**
 * A process that runs N transactions at once needs N connections, or its jobs queue for one.
 * Call before the first query; DB_POOL_SIZE, if set, still wins.
 */
export function sizePoolFor(concurrentTransactions: number): void {
  defaultPoolSize = concurrentTransactions;
}

/**
 * The process's one pg pool. Prisma runs on it (through its driver adapter), and so do the
 * transactions behind the counter that are plain SQL (lib/db/sql-tx.ts): one set of connections.
 */
export function pool(): pg.Pool {
  if (!holder.__pool) {
    const created = new pg.Pool({
      connectionString: config().DATABASE_URL,
      max: config().DB_POOL_SIZE ?? defaultPoolSize,
      connectionTimeoutMillis: POOL_WAIT_MS,
    });
    // An idle connection dying (a restarted server) is nobody's request: the pool drops it and the
    // next caller gets a fresh one. Unheard, the pool's 'error' event would end the process.
    created.on('error', () => undefined);
    holder.__pool = created;
  }
  return holder.__pool;
}

export function db(): PrismaClient {
  // The adapter listens for the pool's idle-connection errors (a restarted server), and ends the
  // pool on $disconnect.
  holder.__prisma ??= new PrismaClient({ adapter: new PrismaPg(pool(), { disposeExternalPool: true }) });
  return holder.__prisma;
}

export async function disconnectDb(): Promise<void> {
  if (holder.__prisma) {
    await holder.__prisma.$disconnect();
    holder.__prisma = undefined;
  } else {
    await holder.__pool?.end();
  }
  holder.__pool = undefined;
}
