// The reconciler's second deadline: an event still not consumed STUCK_AFTER_MS after publishing
// goes to a person — unless its job is merely waiting its turn (a backlog is not a loss). Only a
// relay runs here; this file plays the worker itself, to fail a job without settling it, as a
// worker that died while recording a failure (or a bug) would leave it.
import { randomUUID } from 'node:crypto';
import { type Job, Queue, UnrecoverableError, Worker } from 'bullmq';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { db } from '../../lib/db/client';
import { commandRedis, workerRedis } from '../../lib/queue/redis';
import { type Shop, eventually, openShop } from '../support/shop';

const STUCK_MS = 1_500;
let shop: Shop;

beforeAll(async () => {
  shop = await openShop('stuck', { RECONCILE_AFTER_MS: '300', STUCK_AFTER_MS: String(STUCK_MS) });
  shop.startRelay();
  await shop.ready({ relay: 1, workers: 0 });
});

afterAll(async () => {
  await shop?.close();
});

async function unpublished(type: string, payload: object = {}) {
  const row = { id: randomUUID(), type, aggregateId: randomUUID(), orderId: randomUUID(), payload, createdAt: new Date() };
  await db().outboxMessage.create({ data: row });
  return row;
}

it('hands a person an event whose job failed without settling it, once past the deadline', async () => {
  const prefix = shop.env.QUEUE_PREFIX!;
  const failedOnce = new Promise<Job>((resolve) => {
    const worker = new Worker(
      'notifications',
      async () => {
        // For good, with no retry left (an ordinary error would be retried: a delayed job is still in hand).
        throw new UnrecoverableError('died before recording the failure');
      },
      { connection: workerRedis(), prefix },
    );
    worker.on('failed', (job) => {
      if (job) resolve(job);
      void worker.close();
    });
  });
  const row = await unpublished('OrderRequested');
  const job = await failedOnce;
  expect(job.id).toBe(row.id);

  // Not at once: the worker that failed it may still be settling it.
  expect(await db().attentionItem.count({ where: { eventId: row.id } })).toBe(0);
  const item = await eventually(
    'an attention item',
    () => db().attentionItem.findFirst({ where: { eventId: row.id, step: 'notifications.send-mail' } }),
    STUCK_MS + 10_000,
  );
  expect(item.raisedAt.getTime() - job.timestamp).toBeGreaterThanOrEqual(STUCK_MS);
  expect(item.error).toMatch(
    /^EVENT\.NOT_CONSUMED: Published \d+ s ago and never recorded by notifications\.send-mail: its job failed without settling the event\.$/,
  );
  expect(item).toMatchObject({ queue: 'notifications', orderId: row.orderId, status: 'open' });
  await eventually('consumed', async () => (await db().outboxMessage.findUniqueOrThrow({ where: { id: row.id } })).consumedAt);
});

it('leaves an event whose job waits its turn alone, however long, and does not publish it twice', async () => {
  // Nobody works the inventory queue here: the job waits.
  const row = await unpublished('LineRequested', { lineId: randomUUID(), bookId: randomUUID(), quantity: 1 });
  const inventory = new Queue('inventory', { connection: commandRedis(), prefix: shop.env.QUEUE_PREFIX });
  await eventually('the job waiting', async () => (await inventory.getJobState(row.id)) === 'waiting');
  // The relay adds the job, then marks the row published.
  const published = await eventually(
    'the row marked published',
    async () => (await db().outboxMessage.findUniqueOrThrow({ where: { id: row.id } })).publishedAt,
  );

  // Well past the second deadline, with the reconciler running several times a second.
  await eventually('past the deadline', async () => Date.now() - published.getTime() > 2 * STUCK_MS, 10_000);
  expect(await db().attentionItem.count({ where: { eventId: row.id } })).toBe(0);
  expect(await db().outboxMessage.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ consumedAt: null });
  expect(await inventory.getJobCounts('waiting')).toMatchObject({ waiting: 1 });
  await inventory.close();
});

it('finds a job whose hash outlived its place in a list, past the deadline, and publishes it again', async () => {
  // Nobody works the fulfilment queue here either.
  const row = await unpublished('StockReserved', { lineId: randomUUID(), bookId: randomUUID(), quantity: 1 });
  const fulfilment = new Queue('fulfilment', { connection: commandRedis(), prefix: shop.env.QUEUE_PREFIX });
  await eventually('the job waiting', async () => (await fulfilment.getJobState(row.id)) === 'waiting');
  // As keys deleted one at a time can leave it: the job's hash, but no list holding it. It would never run.
  expect(await commandRedis().lrem(fulfilment.keys.wait!, 0, row.id)).toBe(1);
  expect(await fulfilment.getJobState(row.id)).toBe('unknown');

  await eventually('back in the waiting list', async () => (await fulfilment.getJobState(row.id)) === 'waiting', STUCK_MS + 10_000);
  expect(await fulfilment.getJobCounts('waiting')).toMatchObject({ waiting: 1 });
  expect(await db().attentionItem.count({ where: { eventId: row.id } })).toBe(0);
  await fulfilment.close();
});
