// The worker process: everything that happens behind the counter. Each queue's jobs are domain
// events; each handler changes one aggregate in its own transaction and is idempotent.
// Run several of these for more baristas; kill one mid-drink and another finishes the drink.
import { type Job, UnrecoverableError, Worker } from 'bullmq';
import { StepRefused } from '@/lib/commands/support/aggregates';
import { config } from '@/lib/config';
import { sizePoolFor } from '@/lib/db/client';
import { logger } from '@/lib/log';
import { MAILED_EVENTS } from '@/lib/notifications/mails';
import { workerRedis } from '@/lib/queue/redis';
import { EventJob, QUEUES, type QueueName } from '@/lib/queue/topology';
import { markLineBackorderedHandler, markLineReservedHandler } from './handlers/bookstore/fulfilment';
import { releaseStockHandler, reserveStockHandler, shipStockHandler } from './handlers/bookstore/inventory';
import { sendMailHandler } from './handlers/bookstore/notifications';
import { captureLineHandler, releaseLineHandler } from './handlers/bookstore/payments';
import { dispatchLineHandler } from './handlers/bookstore/shipping';
import { brewDrinkHandler } from './handlers/brew-drink';
import { confirmTicketPaymentHandler } from './handlers/confirm-ticket-payment';
import { openTicketHandler } from './handlers/open-ticket';
import { refundCancelledOrderHandler } from './handlers/refund-cancelled-order';
import { tossDrinkHandler } from './handlers/toss-drink';
import { keepBeating, onShutdown } from './support/process';

type Handler = (job: EventJob) => Promise<void>;

const HANDLERS: Record<QueueName, Record<string, Handler>> = {
  [QUEUES.tickets]: {
    OrderPlaced: openTicketHandler,
    PaymentApproved: confirmTicketPaymentHandler,
    OrderCancelled: tossDrinkHandler,
  },
  [QUEUES.brewing]: { TicketOpened: brewDrinkHandler },
  [QUEUES.payments]: {
    OrderCancelled: refundCancelledOrderHandler,
    LineReserved: captureLineHandler,
    LineCancelled: releaseLineHandler,
  },
  [QUEUES.inventory]: {
    LineRequested: reserveStockHandler,
    LineCancelled: releaseStockHandler,
    LineShipped: shipStockHandler,
  },
  [QUEUES.fulfilment]: {
    StockReserved: markLineReservedHandler,
    StockBackordered: markLineBackorderedHandler,
  },
  [QUEUES.shipping]: { PaymentCaptured: dispatchLineHandler },
  [QUEUES.notifications]: Object.fromEntries(MAILED_EVENTS.map((type) => [type, sendMailHandler])),
};

const cfg = config();
const CONCURRENCY: Record<QueueName, number> = {
  [QUEUES.tickets]: 8,
  [QUEUES.brewing]: cfg.BARISTA_STATIONS,
  [QUEUES.payments]: 4,
  [QUEUES.inventory]: 4,
  [QUEUES.fulfilment]: 4,
  [QUEUES.shipping]: 4,
  [QUEUES.notifications]: 2,
};

const log = logger('workers');
sizePoolFor(Object.values(CONCURRENCY).reduce((a, b) => a + b, 0));

const workers = (Object.keys(HANDLERS) as QueueName[]).map((queue) => {
  const worker = new Worker(
    queue,
    async (job: Job) => {
      const data = EventJob.safeParse(job.data);
      if (!data.success) throw new UnrecoverableError(`malformed job ${job.id}: ${data.error.message}`);
      const handler = HANDLERS[queue][job.name];
      if (!handler) throw new UnrecoverableError(`no handler for ${job.name} on ${queue}`);
      try {
        await handler(data.data);
      } catch (error) {
        // The domain said no: the same event will get the same answer however often it is retried.
        if (error instanceof StepRefused) throw new UnrecoverableError(error.message);
        throw error;
      }
    },
    {
      connection: workerRedis(),
      prefix: cfg.QUEUE_PREFIX,
      concurrency: CONCURRENCY[queue],
      lockDuration: cfg.WORKER_LOCK_MS,
      stalledInterval: cfg.WORKER_LOCK_MS,
      maxStalledCount: 3,
    },
  );
  worker.on('failed', (job, error) => {
    const fields = { queue, job: job?.name, id: job?.id, attempt: job?.attemptsMade, error };
    // A retry is the plan working (say, events overtaking each other); running out of them is not.
    const willRetry = job && job.attemptsMade < (job.opts.attempts ?? 1) && !(error instanceof UnrecoverableError);
    if (willRetry) log.info('job failed; will retry', fields);
    else log.error('job failed for good', fields);
  });
  worker.on('error', (error) => log.error('worker error', { queue, error }));
  return worker;
});

const heartbeatRedis = workerRedis();
keepBeating(heartbeatRedis, 'workers');
log.info('workers started', { pid: process.pid, queues: Object.keys(HANDLERS), stations: cfg.BARISTA_STATIONS });

onShutdown(log, async () => {
  await Promise.all(workers.map((w) => w.close()));
  heartbeatRedis.disconnect();
});
