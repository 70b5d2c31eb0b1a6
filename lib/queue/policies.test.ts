import { UnrecoverableError } from 'bullmq';
import { describe, expect, test } from 'vitest';
import { StepRefused } from '../outbox/change-aggregate';
import { ConcurrencyConflict } from '../db/errors';
import { CardNetworkTimeout, HoldExceeded } from '../payments/card-network';
import { CourierUnavailable } from '../shipping/courier';
import { PermanentStepError, TransientStepError, describeFailure } from './errors';
import { allPolicies, classifyFailure, jobOptionsFor, policyFor, worstCaseRetryMs } from './policies';
import { type QueueName, SUBSCRIPTIONS } from './topology';

describe('every subscribed event has a policy of its own', () => {
  const pairs = Object.entries(SUBSCRIPTIONS).flatMap(([type, queues]) => queues.map((queue) => [queue, type] as const));

  test.each(pairs)('%s ← %s', (queue, type) => {
    const policy = policyFor(queue, type);

    expect(policy.queue).toBe(queue);
    expect(policy.step.startsWith(`${queue}.`)).toBe(true);
    expect(policy.what).not.toMatch(/^Handle /); // not the fallback
    expect(policy.attempts).toBeGreaterThanOrEqual(1);
  });

  test('an event nobody wrote a policy for still gets one: quick retries, then a person', () => {
    const policy = policyFor('tickets' as QueueName, 'SomethingNew');

    expect(policy).toMatchObject({ step: 'tickets.SomethingNew', attempts: 8, exhausted: 'attention' });
  });

  test('a step that compensates at once names its compensation', () => {
    for (const p of allPolicies()) {
      if (p.exhausted === 'compensate') expect(p.compensation, p.step).toBeDefined();
    }
  });
});

describe('the policies that tell the story', () => {
  test('a drink that cannot be made is cancelled and refunded, not left for a person', () => {
    expect(policyFor('brewing', 'TicketOpened')).toMatchObject({ exhausted: 'compensate', compensation: 'cancel-and-refund' });
  });

  test('the courier rides out a 20-second outage, and gives up to a person within the minute', () => {
    const shipping = policyFor('shipping', 'PaymentCaptured');
    const fastest = worstCaseRetryMs(shipping) * (1 - shipping.backoff.jitter);

    expect(shipping).toMatchObject({ onFailure: 'mark-shipment-delayed', exhausted: 'attention' });
    expect(fastest).toBeGreaterThan(20_000);
    expect(worstCaseRetryMs(shipping)).toBeLessThan(60_000);
  });

  test('the relay hands BullMQ the step’s attempts and backoff, and keeps failed jobs a week', () => {
    expect(jobOptionsFor('shipping', 'PaymentCaptured')).toEqual({
      attempts: 6,
      backoff: { type: 'exponential', delay: 1_500, jitter: 0.2 },
      removeOnComplete: { age: 24 * 3600, count: 10_000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    });
  });
});

describe('classifyFailure', () => {
  const plain = policyFor('tickets', 'OrderPlaced');
  const capture = policyFor('payments', 'LineReserved');

  test.each([
    ['a step that says it is transient', new TransientStepError('SPILLED', 'spilt')],
    ['an optimistic-concurrency conflict', new ConcurrencyConflict('inventory', 'book-1')],
    ['a courier outage', new CourierUnavailable('shipment-1')],
    ['a lost card-network answer', new CardNetworkTimeout('charge', 'key-1')],
    ['anything unexpected', new Error('connection reset')],
  ])('%s is transient', (_, error) => {
    expect(classifyFailure(error, plain)).toBe('transient');
  });

  test.each([
    ['a step that says it is permanent', new PermanentStepError('OUT_OF_OAT_MILK', 'no oat milk')],
    ['a domain refusal', new StepRefused({ code: 'LINE.INVALID_STEP', message: 'no' })],
    ['a malformed job', new UnrecoverableError('malformed')],
  ])('%s is permanent', (_, error) => {
    expect(classifyFailure(error, plain)).toBe('permanent');
  });

  test('a step may add its own permanent errors: a capture beyond the hold never fits on a retry', () => {
    expect(classifyFailure(new HoldExceeded('too much'), capture)).toBe('permanent');
    expect(classifyFailure(new HoldExceeded('too much'), plain)).toBe('transient');
  });
});

describe('describeFailure', () => {
  test('keeps a step error’s code, a refusal’s code, and names anything else by its class', () => {
    expect(describeFailure(new PermanentStepError('OUT_OF_OAT_MILK', 'We ran out of oat milk'))).toEqual({
      code: 'OUT_OF_OAT_MILK',
      message: 'We ran out of oat milk',
    });
    expect(describeFailure(new StepRefused({ code: 'LINE.INVALID_STEP', message: 'no' })).code).toBe('LINE.INVALID_STEP');
    expect(describeFailure(new CourierUnavailable('shipment-1')).code).toBe('COURIER_UNAVAILABLE');
    expect(describeFailure('odd').code).toBe('UNKNOWN');
  });
});
