// The relay process: moves committed outbox rows onto BullMQ queues, runs the steps that a clock
// starts (unpaid coffee orders cancelled, unanswered backorders cancelled, parcels checked for
// delivery, abandoned checkouts settled), reconciles published events with what their subscribers
// recorded (publishing again what Redis lost; lib/outbox/reconcile.ts), and prunes old bookkeeping rows. It wakes on the live channel
// right after a commit and sweeps on a timer regardless, so nothing depends on a message arriving.
import { expireUndecidedBackorders, recordDeliveredParcels, settleAbandonedCheckouts } from '@/lib/reactions/bookstore-timers';
import { expireUnpaidOrder, overdueUnpaidOrders } from '@/lib/reactions/expire-unpaid-order';
import { config } from '@/lib/config';
import { liveChannel } from '@/lib/live/channel';
import { logger } from '@/lib/log';
import { Reconciler } from '@/lib/outbox/reconcile';
import { type RelayHooks, sweepOutbox } from '@/lib/outbox/relay';
import { pruneHistory } from '@/lib/outbox/retention';
import { pruneExpiredCarts } from '@/lib/commands/cart';
import { openQueues } from '@/lib/queue/queues';
import { commandRedis, workerRedis } from '@/lib/queue/redis';
import { reportSwitchesSeen } from '@/lib/switches/processes';
import { keepBeating, onShutdown } from './support/process';

const cfg = config();
const log = logger('relay');
const BATCH = 500;
const EXPIRY_SWEEP_MS = 1_000;
const RETENTION_SWEEP_MS = 10 * 60_000;
// Often enough that consumed_at (and so the health check's lag) trails consumption by a fraction
// of the reconcile deadline, rarely enough to cost little: a round is two indexed reads per page.
const RECONCILE_ROUND_MS = Math.min(2_000, Math.max(100, Math.floor(cfg.RECONCILE_AFTER_MS / 4)));

const connection = workerRedis();
const queues = openQueues(connection);
const subscriber = workerRedis();
// Commits here are announced on the live channel through the fail-fast command connection: open
// it now, or the first announcement (say, the first parcel delivered) is lost while it connects.
commandRedis();

// Fault injection for the crash test: die after publishing, before marking rows as published.
const hooks: RelayHooks =
  process.env.RELAY_FAULT === 'exit-after-publish'
    ? {
        afterPublish: () => {
          log.warn('RELAY_FAULT: exiting between publish and mark');
          process.exit(86);
        },
      }
    : {};

const reconciler = new Reconciler(queues, connection, { afterMs: cfg.RECONCILE_AFTER_MS, stuckAfterMs: cfg.STUCK_AFTER_MS });

const stopped = new AbortController();
let wakeRelay: (() => void) | null = null;

void subscriber.subscribe(liveChannel());
subscriber.on('message', () => wakeRelay?.());

/** Sleeps `ms`, or less if the process is stopping or `onWake` is handed a wake-up. */
function sleep(ms: number, onWake?: (wake: () => void) => void): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      stopped.signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    stopped.signal.addEventListener('abort', done, { once: true });
    onWake?.(done);
  });
}

/** Repeats `step` until shutdown; `step` returns how long to rest before the next round. */
async function every(name: string, step: () => Promise<number>, restAfterError: number): Promise<void> {
  while (!stopped.signal.aborted) {
    let rest = restAfterError;
    try {
      rest = await step();
    } catch (error) {
      log.error(`${name} failed; retrying`, { error });
    }
    if (rest > 0) await sleep(rest, name === 'outbox sweep' ? (wake) => (wakeRelay = wake) : undefined);
  }
}

const loops = Promise.all([
  every(
    'outbox sweep',
    async () => {
      const { published } = await sweepOutbox(queues, BATCH, hooks);
      return published === BATCH ? 0 : cfg.RELAY_SWEEP_MS; // more waiting: go again at once
    },
    1_000,
  ),
  every(
    'reconcile',
    async () => {
      const round = await reconciler.round();
      if (round.checked > 0) log.debug('reconciled', { ...round });
      if (round.republished > 0) log.warn('published lost jobs again', { republished: round.republished });
      if (round.raised > 0) log.warn('events nobody consumed went to a person', { raised: round.raised });
      return RECONCILE_ROUND_MS; // a long backlog is walked over several rounds (the reconciler keeps its place)
    },
    RECONCILE_ROUND_MS,
  ),
  every(
    'payment-timeout sweep',
    async () => {
      for (const id of await overdueUnpaidOrders(new Date())) {
        if (await expireUnpaidOrder(id)) log.info('cancelled unpaid order', { orderId: id });
      }
      return EXPIRY_SWEEP_MS;
    },
    EXPIRY_SWEEP_MS,
  ),
  every(
    'bookstore timers',
    async () => {
      const now = new Date();
      for (const line of await expireUndecidedBackorders(now)) log.info('cancelled unanswered backorder', { ...line });
      for (const line of await recordDeliveredParcels()) log.info('parcel delivered', { ...line });
      for (const orderId of await settleAbandonedCheckouts(now, cfg.PAYMENT_TIMEOUT_MS)) {
        log.warn('settled abandoned checkout', { orderId });
      }
      return EXPIRY_SWEEP_MS;
    },
    EXPIRY_SWEEP_MS,
  ),
  every(
    'retention sweep',
    async () => {
      const pruned = await pruneHistory(new Date());
      if (Object.values(pruned).some((n) => n > 0)) log.info('pruned history', { ...pruned });
      // Carts idle past CART_TTL_HOURS (reads already ignore them; this frees the rows).
      const carts = await pruneExpiredCarts(new Date());
      if (carts > 0) log.info('pruned expired carts', { rows: carts });
      return RETENTION_SWEEP_MS;
    },
    RETENTION_SWEEP_MS,
  ),
]);

keepBeating(connection, 'relay');
// The failure switches page shows which version of the switches each process has seen.
const reporting = reportSwitchesSeen(connection, 'relay');
log.info('relay started', { pid: process.pid, sweepMs: cfg.RELAY_SWEEP_MS });

onShutdown(log, async () => {
  clearInterval(reporting);
  stopped.abort();
  await loops;
  await Promise.all([...queues.values()].map((q) => q.close()));
  subscriber.disconnect();
  connection.disconnect();
});
