// Old bookkeeping rows go; anything still needed stays.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { db } from '../../lib/db/client';
import { pruneHistory } from '../../lib/outbox/retention';
import { type Shop, openShop } from '../support/shop';

let shop: Shop;
beforeAll(async () => {
  shop = await openShop('retention');
});
afterAll(async () => {
  await shop?.close();
});

const DAY = 86_400_000;

it('prunes consumed outbox rows, old processed messages and answered keys, and nothing else', async () => {
  const now = new Date('2026-06-01T12:00:00Z');
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  const outboxRow = (createdAt: Date, publishedAt: Date | null, consumedAt: Date | null = publishedAt) => ({
    id: randomUUID(),
    type: 'OrderPlaced',
    aggregateId: randomUUID(),
    orderId: randomUUID(),
    payload: {},
    createdAt,
    publishedAt,
    consumedAt,
  });
  const oldConsumed = outboxRow(ago(3), ago(3));
  const recentConsumed = outboxRow(ago(0.5), ago(0.5));
  const oldUnpublished = outboxRow(ago(3), null); // the relay has not sent it yet: must stay
  // Published long ago but some subscriber never recorded it: the reconciler still needs it.
  const oldUnconsumed = outboxRow(ago(3), ago(3), null);
  await db().outboxMessage.createMany({ data: [oldConsumed, recentConsumed, oldUnpublished, oldUnconsumed] });

  const processed = (days: number) => ({ consumer: 'test', eventId: randomUUID(), processedAt: ago(days) });
  const [p9, p7] = [processed(9), processed(7)];
  await db().processedMessage.createMany({ data: [p9, p7] });

  const key = (days: number, answered: boolean) => ({
    customerId: randomUUID(),
    key: randomUUID(),
    requestHash: 'h',
    createdAt: ago(days),
    ...(answered ? { statusCode: 201, response: '{}', completedAt: ago(days) } : {}),
  });
  const [oldAnswered, oldUnanswered, recentAnswered] = [key(2, true), key(2, false), key(0.1, true)];
  await db().idempotencyRecord.createMany({ data: [oldAnswered, oldUnanswered, recentAnswered] });

  // Step timings are "recent history": an hour.
  const timing = (hours: number) => {
    const at = new Date(now.getTime() - hours * 3_600_000);
    return { step: 'tickets.open-ticket', eventId: randomUUID(), committedAt: at, publishedAt: at, startedAt: at, handledAt: at };
  };
  const [oldTiming, recentTiming] = [timing(2), timing(0.5)];
  await db().stepTiming.createMany({ data: [oldTiming, recentTiming] });

  expect(await pruneHistory(now)).toEqual({ outbox: 1, processedMessages: 1, idempotencyKeys: 1, stepTimings: 1 });

  expect((await db().outboxMessage.findMany({ select: { id: true } })).map((r) => r.id).sort()).toEqual(
    [recentConsumed.id, oldUnpublished.id, oldUnconsumed.id].sort(),
  );
  expect((await db().processedMessage.findMany()).map((r) => r.eventId)).toEqual([p7.eventId]);
  expect((await db().idempotencyRecord.findMany({ select: { key: true } })).map((r) => r.key).sort()).toEqual(
    [oldUnanswered.key, recentAnswered.key].sort(),
  );
  // A second run finds nothing more.
  expect((await db().stepTiming.findMany()).map((r) => r.eventId)).toEqual([recentTiming.eventId]);
  expect(await pruneHistory(now)).toEqual({ outbox: 0, processedMessages: 0, idempotencyKeys: 0, stepTimings: 0 });
});
