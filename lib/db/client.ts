// One Prisma client (and one pg pool) per process, kept on globalThis so Next's dev reloads and
// repeated imports share it.
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client';
import { config } from '../config';

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

const holder = globalThis as unknown as { __prisma?: PrismaClient };

let defaultPoolSize = 10;

/**
 * A process that runs N transactions at once needs N connections, or its jobs queue for one.
 * Call before the first query; DB_POOL_SIZE, if set, still wins.
 */
export function sizePoolFor(concurrentTransactions: number): void {
  defaultPoolSize = concurrentTransactions;
}

export function db(): PrismaClient {
  if (!holder.__prisma) {
    const adapter = new PrismaPg({
      connectionString: config().DATABASE_URL,
      max: config().DB_POOL_SIZE ?? defaultPoolSize,
      connectionTimeoutMillis: 3_000,
    });
    holder.__prisma = new PrismaClient({ adapter });
  }
  return holder.__prisma;
}

export async function disconnectDb(): Promise<void> {
  if (holder.__prisma) {
    await holder.__prisma.$disconnect();
    holder.__prisma = undefined;
  }
}
