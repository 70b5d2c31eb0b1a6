// 2. Catching up: how fast the workers carry a backlog of paid orders to "ready", next to a
// BullMQ worker that does nothing draining as many jobs at the same concurrency, in its own
// process like ours.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ROOT } from '../lib/stack';
import { placeOrders } from './answering';
import { type BenchShop, WORKER_CONCURRENCY, waitUntilQuiet } from './shop';

export interface CatchingUp {
  backlog: number;
  seconds: number;
  ordersPerSecond: number;
  noopJobsPerSecond: number;
}

const EVENT_QUEUES = ['tickets', 'brewing', 'payments'];

async function readyCount(shop: BenchShop): Promise<number> {
  const { rows } = await shop.pool.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM barista_tickets WHERE status = 'ready' AND paid",
  );
  return rows[0]!.n;
}

/** Builds a backlog of `backlog` paid orders while the queues are paused, then times the drain. */
export async function measureCatchingUp(shop: BenchShop, backlog: number, progress: (line: string) => void): Promise<CatchingUp> {
  await waitUntilQuiet(shop);
  const before = await readyCount(shop);
  for (const name of EVENT_QUEUES) await shop.queue(name).pause();
  progress(`catching up: placing a backlog of ${backlog} paid orders (queues paused)`);
  const placed = await placeOrders(shop, backlog, 32);
  if (placed !== backlog) throw new Error(`only ${placed} of ${backlog} orders were placed`);
  await waitForOutboxPublished(shop);

  progress(`catching up: draining ${backlog} orders to "ready"`);
  const t0 = performance.now();
  for (const name of EVENT_QUEUES) await shop.queue(name).resume();
  while ((await readyCount(shop)) - before < backlog) await new Promise((r) => setTimeout(r, 50));
  const seconds = (performance.now() - t0) / 1000;
  await waitUntilQuiet(shop);

  progress(`catching up: a no-op BullMQ worker draining ${backlog} jobs`);
  const noopJobsPerSecond = await noopBaseline(shop, backlog);
  return { backlog, seconds, ordersPerSecond: backlog / seconds, noopJobsPerSecond };
}

async function waitForOutboxPublished(shop: BenchShop): Promise<void> {
  for (;;) {
    const { rows } = await shop.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL');
    if (rows[0]!.n === 0) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Jobs per second of a worker process that does nothing, on a paused-then-resumed queue. */
async function noopBaseline(shop: BenchShop, jobs: number): Promise<number> {
  const queue = shop.queue('bench-noop');
  await queue.obliterate({ force: true });
  await queue.pause();
  for (let i = 0; i < jobs; i += 1000) {
    const n = Math.min(1000, jobs - i);
    await queue.addBulk(Array.from({ length: n }, (_, k) => ({ name: 'noop', data: { i: i + k }, opts: { removeOnComplete: true } })));
  }
  const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['scripts/bench/noop-worker.ts'], {
    cwd: ROOT,
    env: { ...shop.env, NOOP_CONCURRENCY: String(WORKER_CONCURRENCY) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
    child.once('exit', (code) => reject(new Error(`no-op worker exited early (${code})`)));
  });
  const t0 = performance.now();
  await queue.resume();
  for (;;) {
    const counts = await queue.getJobCounts('wait', 'active');
    if ((counts.wait ?? 0) + (counts.active ?? 0) === 0) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const seconds = (performance.now() - t0) / 1000;
  child.kill('SIGTERM');
  await queue.obliterate({ force: true });
  return jobs / seconds;
}
