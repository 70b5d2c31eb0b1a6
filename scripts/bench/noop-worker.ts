// The catching-up baseline: a BullMQ worker process that completes every job without doing
// anything, with the same connection settings and concurrency as ours.
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';

const connection = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
const worker = new Worker('bench-noop', async () => undefined, {
  connection,
  prefix: process.env.QUEUE_PREFIX ?? 'cs',
  concurrency: Number(process.env.NOOP_CONCURRENCY ?? 8),
});
await worker.waitUntilReady();
process.stdout.write('ready\n');
process.on('SIGTERM', () => {
  void worker.close().then(() => process.exit(0));
});
