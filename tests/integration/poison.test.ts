// Poison: work no step can do. A job whose data is not an event, a job no handler knows, an
// outbox event of a type nobody expects, an event nobody recorded and too old to publish again:
// each must reach a person on the needs-attention list (/ops/attention), never vanish as a silent
// drop or a failed job only the queue dashboard shows.
import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAttentionQueues, resolveAttentionItem, retryAttentionItem } from '../../lib/commands/attention';
import { db } from '../../lib/db/client';
import { listAttention } from '../../lib/queries/attention';
import { commandRedis } from '../../lib/queue/redis';
import type { QueueName } from '../../lib/queue/topology';
import { type Shop, eventually, openShop } from '../support/shop';

let shop: Shop;
const queues: Queue[] = [];
const staff = { name: 'Olu' };

beforeAll(async () => {
  shop = await openShop('poison', { RECONCILE_AFTER_MS: '500' });
  shop.startRelay();
  shop.startWorkers();
  await shop.ready();
});

afterAll(async () => {
  await Promise.all(queues.map((q) => q.close()));
  await closeAttentionQueues();
  await shop?.close();
});

function queue(name: QueueName): Queue {
  const q = new Queue(name, { connection: commandRedis(), prefix: shop.env.QUEUE_PREFIX });
  queues.push(q);
  return q;
}

const itemFor = (where: { step: string; eventId?: string; orderId?: string | null }) =>
  eventually(`an attention item for ${where.step}`, () => db().attentionItem.findFirst({ where }));

const openOnList = async (id: string) => (await listAttention()).open.find((i) => i.id === id);

const DAY = 86_400_000;

/** An outbox row as a command would have written it; `published` ms ago, or not yet published. */
async function outboxRow(type: string, published: number | null, payload: object = {}) {
  const row = {
    id: randomUUID(),
    type,
    aggregateId: randomUUID(),
    orderId: randomUUID(),
    payload,
    createdAt: new Date(Date.now() - (published ?? 0)),
    publishedAt: published === null ? null : new Date(Date.now() - published),
  };
  await db().outboxMessage.create({ data: row });
  return row;
}

describe('the worker', () => {
  it('hands a malformed job to a person, with no order to name, and a person can close it', async () => {
    const job = await queue('tickets').add('OrderPlaced', { eventId: 'not-an-id', orderId: 42 }, { jobId: `malformed-${randomUUID()}` });

    const item = await itemFor({ step: 'tickets.unhandled', orderId: null });
    expect(item).toMatchObject({ queue: 'tickets', status: 'open', attempts: 1 });
    expect(item.error).toMatch(/^JOB\.MALFORMED: Job malformed-[\w-]+ \(OrderPlaced\) on tickets is not an event: eventId: .*orderId: /);
    await eventually('the job failed for good', async () => (await job.getState()) === 'failed');

    // On the list, said plainly: what the step is, and that it names no order.
    expect(await openOnList(item.id)).toMatchObject({
      orderId: null,
      scenario: 'unknown',
      customer: null,
      what: 'Run a job no step can handle',
      compensation: null,
      timeline: [],
    });
    // The same job raised again (say, its failure settled twice) stays one item.
    expect(await db().attentionItem.count({ where: { step: 'tickets.unhandled' } })).toBe(1);

    expect(await resolveAttentionItem({ itemId: item.id, note: 'A test job from the console; removed it.' }, staff)).toEqual({
      ok: true,
      value: { status: 'resolved' },
    });
    expect((await listAttention()).resolved.find((i) => i.id === item.id)).toMatchObject({
      orderId: null,
      resolution: 'resolved',
      resolvedBy: 'Olu',
    });
  });

  it('files a job with nothing readable under its job id, so a retry from the list finds it', async () => {
    const jobId = randomUUID();
    await queue('inventory').add('LineRequested', { hello: 'world' }, { jobId, attempts: 3 });

    const item = await itemFor({ step: 'inventory.unhandled', eventId: jobId });
    expect(item).toMatchObject({ orderId: null, attempts: 1 }); // poison is not retried: another try cannot fix it
    expect(item.error).toContain(`Job ${jobId} (LineRequested) on inventory is not an event`);

    expect(await retryAttentionItem(item.id, staff)).toEqual({ ok: true, value: { status: 'retrying' } });
    await eventually(
      'back with a person',
      async () => (await db().attentionItem.findUniqueOrThrow({ where: { id: item.id } })).status === 'open',
    );
  });

  it('hands a job no handler knows to the step that should have run it, and retries it on request', async () => {
    const eventId = randomUUID();
    const orderId = randomUUID();
    const data = { eventId, type: 'OrderShredded', aggregateId: orderId, orderId };
    await queue('payments').add('OrderShredded', data, { jobId: eventId });

    const item = await itemFor({ step: 'payments.OrderShredded', eventId });
    expect(item).toMatchObject({ orderId, queue: 'payments', status: 'open' });
    expect(item.error).toBe(`JOB.NO_HANDLER: No step on payments handles OrderShredded (job ${eventId}).`);
    // The order's timeline tells the same story the customer would read.
    expect(await db().timelineEntry.findMany({ where: { orderId, type: 'AttentionRaised' } })).toMatchObject([
      { data: { step: 'payments.OrderShredded', code: 'JOB.NO_HANDLER', again: false } },
    ]);

    // Run again (say, after deploying a handler): still none here, so it comes back to a person.
    expect(await retryAttentionItem(item.id, staff)).toEqual({ ok: true, value: { status: 'retrying' } });
    await eventually('raised again', async () => (await db().timelineEntry.count({ where: { orderId, type: 'AttentionRaised' } })) === 2);
    expect(await db().attentionItem.findUniqueOrThrow({ where: { id: item.id } })).toMatchObject({ status: 'open' });
  });

  it('hands an event whose data breaks its contract to the step that should have run it, once, naming its order', async () => {
    const eventId = randomUUID();
    const orderId = randomUUID();
    // A LineReserved whose line is not a line: the capture step cannot know what to take.
    const data = { eventId, type: 'LineReserved', aggregateId: orderId, orderId, data: { lineId: 'line-1', quantity: 1 } };
    await queue('payments').add('LineReserved', data, { jobId: eventId, attempts: 3 });

    const item = await itemFor({ step: 'payments.capture', eventId });
    expect(item).toMatchObject({ orderId, queue: 'payments', status: 'open', attempts: 1 });
    expect(item.error).toMatch(/^JOB\.MALFORMED: Job [\w-]+ \(LineReserved\) on payments is not an event: data\.lineId: .*data\.bookId: /);
    // Nothing was captured for it: the handler never ran.
    expect(await db().cardNetworkEntry.count({ where: { kind: 'capture', idempotencyKey: { contains: 'line-1' } } })).toBe(0);
  });
});

describe('the relay', () => {
  it('hands an outbox event of a type nobody expects to a person, and counts it consumed', async () => {
    const row = await outboxRow('OrderPlacd', null);

    const item = await itemFor({ step: 'relay.unrouted', eventId: row.id });
    expect(item).toMatchObject({ orderId: row.orderId, queue: 'relay', status: 'open' });
    expect(item.error).toMatch(/^EVENT\.UNROUTED: No step listens to OrderPlacd events/);
    await eventually('the row published and consumed', async () => {
      const r = await db().outboxMessage.findUniqueOrThrow({ where: { id: row.id } });
      return r.publishedAt && r.consumedAt;
    });
    expect(await openOnList(item.id)).toMatchObject({ what: 'Act on an event of a kind no step listens to', orderId: row.orderId });
    // There is no job to run again; the person is told so, and the item stays theirs.
    expect(await retryAttentionItem(item.id, staff)).toMatchObject({ ok: false, error: { code: 'ATTENTION.NOT_RETRYABLE' } });
    expect(await db().attentionItem.findUniqueOrThrow({ where: { id: item.id } })).toMatchObject({ status: 'open' });
  });

  it('marks an event no step needs consumed at once, and asks nobody', async () => {
    const row = await outboxRow('DrinkReady', null);

    await eventually('consumed', async () => (await db().outboxMessage.findUniqueOrThrow({ where: { id: row.id } })).consumedAt);
    expect(await db().attentionItem.count({ where: { eventId: row.id } })).toBe(0);
  });
});

describe('the reconciler', () => {
  it('publishes again an event whose job Redis no longer has, under its own id', async () => {
    // Published two seconds ago; BullMQ never heard of it (as after a loss of Redis's data).
    const row = await outboxRow('OrderRequested', 2_000, { totalCents: 2_400, lines: 1, cardLast4: '4242', authorizedCents: 2_400 });

    // The job is back, under the event's id, and ran: no such order request here, which is
    // permanent, so it reaches a person through the step's own policy.
    await eventually('the job published again', async () => (await queue('notifications').getJobState(row.id)) !== 'unknown');
    const item = await itemFor({ step: 'notifications.send-mail', eventId: row.id });
    expect(item.error).toMatch(/no order request/);
    await eventually('consumed', async () => (await db().outboxMessage.findUniqueOrThrow({ where: { id: row.id } })).consumedAt);
  });

  it('hands a person an event nobody recorded that is too old to publish again safely', async () => {
    // Nine days: processed-message rows are kept eight, so a re-run could no longer be told from a first run.
    const row = await outboxRow('LineDelivered', 9 * DAY, { lineId: randomUUID() });

    const item = await itemFor({ step: 'notifications.send-mail', eventId: row.id });
    expect(item.error).toMatch(
      /^EVENT\.NOT_CONSUMED: Published \d+ min ago, never recorded by notifications\.send-mail, and too old to publish again safely\.$/,
    );
    expect(await queue('notifications').getJobState(row.id)).toBe('unknown');
    await eventually('consumed', async () => (await db().outboxMessage.findUniqueOrThrow({ where: { id: row.id } })).consumedAt);
  });
});
