// Redis loses its data in the middle of the day's trade — restarted without persistence, flushed
// by mistake, failed over to a replica that lagged. Jobs the relay had already published vanish
// with it: waiting ones, delayed retries, and the ones being worked on. The outbox still says
// "published". The reconciler (lib/outbox/reconcile.ts, in the relay) must notice every event a
// subscriber never recorded and publish it again, and the handlers' idempotency must make that
// harmless: every order finishes, and nothing is done twice.
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placeCoffeeOrder } from '../../lib/commands/place-coffee-order';
import { db } from '../../lib/db/client';
import { captureKeyFor } from '../../lib/payments/holds';
import { chargeKeyFor } from '../../lib/payments/charges';
import { shipmentKeyFor } from '../../lib/shipping/courier';
import { commandRedis, waitForRedis } from '../../lib/queue/redis';
import { consumersOf } from '../../lib/queue/policies';
import { QUEUES } from '../../lib/queue/topology';
import { bookTitled, checkedOut, expectLedgerBalances, linesOf } from '../support/bookstore';
import { type Shop, eventually, latteOrder, newCustomer, openShop } from '../support/shop';

let shop: Shop;

beforeAll(async () => {
  shop = await openShop('redisloss', {
    // Slow enough drinks that some are being made, and more wait, when Redis loses everything:
    // 10 drinks on two stations keep the back busy for 7.5 s, longer than the book checkouts
    // placed before the wipe take on a loaded 2-core machine (at 0.6 s a drink they sometimes
    // finished every drink first, and the test never saw the busy moment it waits for).
    PREP_MS_PER_DRINK: '1500',
    COURIER_LATENCY_MS: '0',
    COURIER_DELIVERY_MS: '300',
    // Check a published event a second after publishing (30 s in production).
    RECONCILE_AFTER_MS: '1000',
    // Nothing here should reach a person: leave plenty of time before anything would.
    STUCK_AFTER_MS: '120000',
  });
  shop.startRelay();
  shop.startWorkers();
  await shop.ready();
});

afterAll(async () => {
  await shop?.close();
});

/**
 * What FLUSHALL does to this deployment: every key under its QUEUE_PREFIX (jobs, queues' lists,
 * heartbeats) deleted, at once. Not FLUSHALL itself: other test files share this Redis with their
 * own prefixes, and must not lose theirs (the fault suite runs a real FLUSHALL against its own
 * Redis). One script, so nothing runs half-way through it — as with FLUSHALL, and unlike a
 * client-side SCAN and DEL, which could leave a job's hash without the list that held it: a state
 * no real loss of Redis's data produces (a restart, or a replica, keeps a consistent prefix), and
 * which the reconciler only repairs after STUCK_AFTER_MS (tests/integration/reconcile-stuck.test.ts).
 */
async function wipeRedis(prefix: string): Promise<number> {
  const redis = commandRedis();
  await waitForRedis(redis, 5_000);
  const deleted = await redis.eval(
    `local cursor, deleted = '0', 0
     repeat
       local page = redis.call('SCAN', cursor, 'MATCH', ARGV[1], 'COUNT', 1000)
       cursor = page[1]
       for _, key in ipairs(page[2]) do deleted = deleted + redis.call('DEL', key) end
     until cursor == '0'
     return deleted`,
    0,
    `${prefix}:*`,
  );
  return Number(deleted);
}

/** Jobs BullMQ holds that are not finished yet, across every queue. */
async function unfinishedJobs(prefix: string): Promise<number> {
  let total = 0;
  for (const name of Object.values(QUEUES)) {
    const queue = new Queue(name, { connection: commandRedis(), prefix });
    const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    total += Object.values(counts).reduce((a, b) => a + b, 0);
    await queue.close();
  }
  return total;
}

/** On a timeout, says what is stranded: each unconsumed event, and where its jobs stand. */
async function explained<T>(waiting: Promise<T>): Promise<T> {
  try {
    return await waiting;
  } catch (error) {
    const rows = await db().outboxMessage.findMany({ where: { consumedAt: null }, orderBy: { createdAt: 'asc' }, take: 20 });
    const prefix = shop.env.QUEUE_PREFIX!;
    const lines: string[] = [];
    for (const row of rows) {
      const states = [];
      for (const { queue, step } of consumersOf(row.type)) {
        const q = new Queue(queue, { connection: commandRedis(), prefix });
        const processed = await db().processedMessage.count({ where: { consumer: step, eventId: row.id } });
        states.push(`${step}: ${processed ? 'recorded' : await q.getJobState(row.id)}`);
        await q.close();
      }
      lines.push(`${row.type} ${row.id} published ${row.publishedAt?.toISOString() ?? 'no'} — ${states.join(', ')}`);
    }
    const items = await db().attentionItem.findMany();
    throw new Error(`${(error as Error).message}\nunconsumed:\n${lines.join('\n')}\nattention: ${JSON.stringify(items)}`);
  }
}

const countOf = (orderId: string, type: string) => db().timelineEntry.count({ where: { orderId, type } });

async function placeCoffee(n: number, label: string): Promise<string[]> {
  const answers = await Promise.all(
    Array.from({ length: n }, (_, i) => placeCoffeeOrder(latteOrder(undefined, `${label} ${i + 1}`), newCustomer())),
  );
  return answers.map((a) => {
    if (!a.ok) throw new Error(`coffee order answered ${a.error.code}`);
    return a.value.order.id;
  });
}

describe('Redis loses every job mid-load', () => {
  // A wipe mid-load on a shared 2-core machine: allow for the back of the shop to catch up.
  it('every order still finishes, and no side effect happens twice', { timeout: 180_000 }, async () => {
    const prefix = shop.env.QUEUE_PREFIX!;
    const dune = bookTitled('Dune');
    const gatsby = bookTitled('The Great Gatsby');

    // Load before the loss: coffee (two stations, 1.5 s a drink, so most drinks wait) and books.
    const coffeeBefore = await placeCoffee(10, 'Before');
    const booksBefore = await Promise.all(
      Array.from({ length: 4 }, () =>
        checkedOut([
          { bookId: dune.id, quantity: 1 },
          { bookId: gatsby.id, quantity: 1 },
        ]),
      ),
    );
    // Wait until the back of the shop is busy: drinks being made, more waiting behind them.
    await eventually('drinks being made with more waiting', async () => {
      const making = await db().baristaTicket.count({ where: { status: 'making', orderId: { in: coffeeBefore } } });
      return making > 0 && (await unfinishedJobs(prefix)) >= 3;
    });
    const lostJobs = await unfinishedJobs(prefix);
    const deleted = await wipeRedis(prefix);
    // The wipe really took unfinished work with it. (BullMQ does not stay empty: the relay keeps
    // publishing what the running handlers commit, and the reconciler starts re-publishing.)
    expect(lostJobs).toBeGreaterThanOrEqual(3);
    expect(deleted).toBeGreaterThan(0);

    // Trade goes on after the loss.
    const coffeeAfter = await placeCoffee(4, 'After');
    const booksAfter = await Promise.all(Array.from({ length: 2 }, () => checkedOut([{ bookId: dune.id, quantity: 1 }])));
    const coffee = [...coffeeBefore, ...coffeeAfter];
    const books = [...booksBefore, ...booksAfter].map((b) => b.orderId);

    // Every drink made and paid for; every book delivered.
    await explained(
      eventually(
        'every drink ready and paid',
        async () => (await db().baristaTicket.count({ where: { orderId: { in: coffee }, status: 'ready', paid: true } })) === coffee.length,
        60_000,
      ),
    );
    await explained(
      eventually(
        'every book delivered',
        async () => (await db().orderRequestLine.count({ where: { requestId: { in: books }, status: { not: 'delivered' } } })) === 0,
        60_000,
      ),
    );
    // Every event consumed by every subscriber, and none of it handed to a person.
    await eventually('every event consumed', async () => (await db().outboxMessage.count({ where: { consumedAt: null } })) === 0, 30_000);
    expect(await db().attentionItem.findMany()).toEqual([]);

    // Nothing twice. Coffee: one ticket, one charge, no refund, each step's event once.
    for (const orderId of coffee) {
      expect(await db().order.findUniqueOrThrow({ where: { id: orderId } })).toMatchObject({ status: 'paid' });
      expect(await db().baristaTicket.count({ where: { orderId } })).toBe(1);
      const money = await db().cardNetworkEntry.findMany({
        where: { OR: [{ idempotencyKey: chargeKeyFor(orderId) }, { chargeKey: chargeKeyFor(orderId) }] },
      });
      expect(money.map((m) => m.kind)).toEqual(['charge']);
      for (const type of ['OrderPlaced', 'PaymentApproved', 'TicketOpened', 'DrinkStarted', 'DrinkReady']) {
        expect(await countOf(orderId, type), `${type} of ${orderId}`).toBe(1);
      }
    }
    // Books: per line one reservation, one capture, one parcel, one shipment; money adds up;
    // one mail per event (received once, shipped and delivered once a line).
    for (const orderId of books) {
      const lines = await linesOf(orderId);
      for (const line of lines) {
        expect(await db().cardNetworkEntry.count({ where: { idempotencyKey: captureKeyFor(line.id) } })).toBe(1);
        expect(await db().courierShipment.count({ where: { idempotencyKey: shipmentKeyFor(line.id) } })).toBe(1);
      }
      for (const type of [
        'OrderRequested',
        'StockReserved',
        'LineReserved',
        'PaymentCaptured',
        'LineShipped',
        'StockShipped',
        'LineDelivered',
      ]) {
        const once = type === 'OrderRequested' ? 1 : lines.length;
        expect(await countOf(orderId, type), `${type} of ${orderId}`).toBe(once);
      }
      expect((await expectLedgerBalances(orderId)).problems).toEqual([]);
      await eventually('every mail', async () => (await db().inboxMessage.count({ where: { orderId } })) === 1 + 2 * lines.length);
      expect((await db().inboxMessage.findMany({ where: { orderId } })).map((m) => m.kind).sort()).toEqual(
        ['received', ...lines.flatMap(() => ['delivered', 'shipped'])].sort(),
      );
    }
  });
});
