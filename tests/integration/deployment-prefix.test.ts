// Two deployments of the shop on one Redis (same server, same database number) must never hear
// or touch each other: every key, every pub/sub channel and every BullMQ queue carries the
// deployment's QUEUE_PREFIX. Deployment A is this file's shop (its relay and worker processes);
// deployment B is one worker process with another prefix and a PostgreSQL database of its own.
//
// Both use a Redis database number of their own for the run, so that at the end every key in it
// can be checked to start with one prefix or the other: a key without one would be shared by
// every deployment on that Redis. (Pub/sub ignores database numbers, which is the point of the
// channel checks.)
import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placeCoffeeOrder } from '../../lib/commands/place-coffee-order';
import { db } from '../../lib/db/client';
import { checkOrderRate } from '../../lib/http/rate-limit';
import { announce } from '../../lib/live/channel';
import { aliveRoles } from '../../lib/queue/queues';
import { commandRedis } from '../../lib/queue/redis';
import { QUEUES } from '../../lib/queue/topology';
import { CRASH_EXIT_CODE, controlChannel, sendCrash } from '../../lib/switches/control';
import { type Proc, start } from '../../scripts/lib/stack';
import { freshDatabase } from '../support/database';
import { type Shop, eventually, latteOrder, newCustomer, openShop } from '../support/shop';

const SERVER = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
let redisUrl: string;
let shop: Shop;
let workerA: Proc;
let workerB: Proc;
let prefixB: string;
let databaseB: { url: string; drop: () => Promise<void> };
const extra: Redis[] = [];

/** A Redis database number nobody is using now (1–15; 0 is everyone's default). */
async function emptyRedisDatabase(): Promise<number> {
  for (const n of [...Array(15).keys()].map((i) => i + 1).sort(() => Math.random() - 0.5)) {
    const probe = new Redis(`${SERVER}/${n}`, { lazyConnect: true });
    await probe.connect();
    const size = await probe.dbsize();
    probe.disconnect();
    if (size === 0) return n;
  }
  throw new Error('no empty Redis database to run in');
}

const exited = (p: Proc) =>
  new Promise<number | null>((resolve) => {
    if (p.child.exitCode !== null) resolve(p.child.exitCode);
    else p.child.once('exit', (code) => resolve(code));
  });

beforeAll(async () => {
  redisUrl = `${SERVER}/${await emptyRedisDatabase()}`;
  shop = await openShop('prefix_a', { REDIS_URL: redisUrl });
  shop.startRelay();
  workerA = shop.startWorkers();

  prefixB = `cs_t_prefix_b_${randomBytes(4).toString('hex')}`;
  databaseB = await freshDatabase('prefix_b');
  const quiet = process.env.TEST_PROCESS_OUTPUT ? undefined : () => {};
  workerB = start(
    'workers-b',
    'node_modules/.bin/tsx',
    ['workers/main.ts'],
    { ...shop.env, QUEUE_PREFIX: prefixB, DATABASE_URL: databaseB.url },
    quiet,
  );

  await shop.ready({ relay: 1, workers: 1 });
  const watchB = new Redis(redisUrl);
  extra.push(watchB);
  await eventually('deployment B to report in', async () => (await watchB.zcard(`${prefixB}:heartbeats`)) > 0, 30_000);
});

afterAll(async () => {
  await workerB?.stop();
  await shop?.close();
  const cleaner = new Redis(redisUrl);
  const keys = await cleaner.keys('*');
  if (keys.length) await cleaner.del(...keys);
  cleaner.disconnect();
  for (const r of extra) r.disconnect();
  await databaseB?.drop();
});

describe('two deployments on one Redis', () => {
  it("take only their own jobs: A's order is made by A, and B's queues never see it", async () => {
    const answer = await placeCoffeeOrder(latteOrder(), newCustomer());
    expect(answer).toMatchObject({ ok: true });
    const orderId = answer.ok ? answer.value.order.id : '';
    await eventually(
      'the drink to be ready',
      async () => (await db().baristaTicket.findUnique({ where: { orderId } }))?.status === 'ready',
      30_000,
    );

    const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
    extra.push(connection);
    for (const name of Object.values(QUEUES)) {
      const queueB = new Queue(name, { connection, prefix: prefixB });
      const counts = await queueB.getJobCounts('wait', 'active', 'delayed', 'completed', 'failed', 'prioritized');
      expect(
        Object.values(counts).reduce((a, b) => a + b, 0),
        `jobs on B's ${name} queue`,
      ).toBe(0);
      await queueB.close();
    }
  });

  it('each sees only its own processes alive', async () => {
    expect(await aliveRoles(commandRedis())).toEqual({ relay: 1, workers: 1 });
  });

  it('hear only their own live announcements', async () => {
    const heard = { A: [] as string[], B: [] as string[] };
    const listenA = new Redis(redisUrl);
    const listenB = new Redis(redisUrl);
    extra.push(listenA, listenB);
    await listenA.subscribe(`${shop.env.QUEUE_PREFIX}:live`);
    await listenB.subscribe(`${prefixB}:live`);
    listenA.on('message', (_c, m: string) => heard.A.push(m));
    listenB.on('message', (_c, m: string) => heard.B.push(m));

    await announce({ orderId: 'prefix-probe', types: ['Probe'], committedAt: Date.now() });
    await eventually('A to hear its announcement', async () => heard.A.some((m) => m.includes('prefix-probe')), 5_000);
    // A's relay and workers announce their own commits too; none of it reaches B.
    expect(heard.B).toEqual([]);
  });

  it("obey only their own control commands: crashing A's worker leaves B's running", async () => {
    const [, listenersB] = (await commandRedis().call('PUBSUB', 'NUMSUB', `${prefixB}:control`)) as [string, number];
    expect(Number(listenersB)).toBe(1);

    const gone = exited(workerA);
    const { listeners } = await sendCrash(commandRedis());
    expect(listeners).toBe(1); // A's worker only, on `${A}:control`
    expect(controlChannel()).toBe(`${shop.env.QUEUE_PREFIX}:control`);
    expect(await gone).toBe(CRASH_EXIT_CODE);
    expect(workerB.child.exitCode).toBeNull();
    expect(workerB.alive()).toBe(true);
  });

  it('keep every key under their prefix (rate limits, claims, heartbeats, switches, queues)', async () => {
    await checkOrderRate({ customerId: newCustomer().customerId, address: '203.0.113.7' });
    const redis = new Redis(redisUrl);
    extra.push(redis);
    const keys = await redis.keys('*');
    expect(keys.length).toBeGreaterThan(10);
    const prefixes = [`${shop.env.QUEUE_PREFIX}:`, `${prefixB}:`];
    expect(keys.filter((k) => !prefixes.some((p) => k.startsWith(p)))).toEqual([]);
    // And A's kinds of key are all there, so the check above looked at something.
    for (const kind of [':rate:', ':control:', ':heartbeats', ':switches:seen', ':brewing:']) {
      expect(
        keys.some((k) => k.startsWith(shop.env.QUEUE_PREFIX!) && k.includes(kind)),
        kind,
      ).toBe(true);
    }
  });
});
