// The relay process: moves committed outbox rows onto BullMQ queues, and cancels orders whose
// payment outcome never arrived. It wakes on the live channel right after a commit and sweeps on
// a timer regardless, so nothing depends on a message arriving.
import { expireUnpaidOrder, overdueUnpaidOrders } from '@/lib/commands/expire-unpaid-order';
import { config } from '@/lib/config';
import { logger } from '@/lib/log';
import { liveChannel } from '@/lib/live/channel';
import { type RelayHooks, sweepOutbox } from '@/lib/outbox/relay';
import { openQueues } from '@/lib/queue/queues';
import { workerRedis } from '@/lib/queue/redis';
import { keepBeating, onShutdown } from './support/process';

const cfg = config();
const log = logger('relay');
const BATCH = 500;
const EXPIRY_SWEEP_MS = 1_000;

const connection = workerRedis();
const queues = openQueues(connection);
const subscriber = workerRedis();

// Fault injection for the crash test: die after publishing, before marking rows as published.
const hooks: RelayHooks =
  process.env.RELAY_FAULT === 'exit-after-publish'
    ? { afterPublish: () => { log.warn('RELAY_FAULT: exiting between publish and mark'); process.exit(86); } }
    : {};

let stopping = false;
let wake: (() => void) | null = null;

void subscriber.subscribe(liveChannel());
subscriber.on('message', () => wake?.());

function nap(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      wake = null;
      resolve();
    }
    wake = done;
  });
}

async function relayLoop(): Promise<void> {
  while (!stopping) {
    try {
      const { published } = await sweepOutbox(queues, BATCH, hooks);
      if (published === BATCH) continue; // more waiting: go again at once
      await nap(cfg.RELAY_SWEEP_MS);
    } catch (error) {
      log.error('outbox sweep failed; retrying', { error });
      await nap(1_000);
    }
  }
}

async function expiryLoop(): Promise<void> {
  while (!stopping) {
    try {
      for (const id of await overdueUnpaidOrders(new Date())) {
        if (await expireUnpaidOrder(id)) log.info('cancelled unpaid order', { orderId: id });
      }
    } catch (error) {
      log.error('payment-timeout sweep failed; retrying', { error });
    }
    await new Promise((r) => setTimeout(r, EXPIRY_SWEEP_MS));
  }
}

keepBeating(connection, 'relay');
log.info('relay started', { pid: process.pid, sweepMs: cfg.RELAY_SWEEP_MS });
const loops = Promise.all([relayLoop(), expiryLoop()]);

onShutdown(log, async () => {
  stopping = true;
  wake?.();
  await loops;
  await Promise.all([...queues.values()].map((q) => q.close()));
  subscriber.disconnect();
  connection.disconnect();
});
