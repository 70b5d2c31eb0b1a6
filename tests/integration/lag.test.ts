// The consistency window, measured: real orders through the real relay and workers leave one
// timing row per handled step, and the lag query turns them into percentiles, stages, queue depths
// and Little's-law estimates that hang together.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placeCoffeeOrder } from '../../lib/commands/place-coffee-order';
import { flushPushSamples, notePush } from '../../lib/lag/push';
import { computeLagDetail, getStepLag } from '../../lib/queries/lag';
import type { LagDetail, StepLagDetail } from '../../lib/queries/lag-types';
import { allPolicies } from '../../lib/queue/policies';
import { commandRedis, waitForRedis } from '../../lib/queue/redis';
import { opsQueues } from '../../lib/switches/queues';
import { POPULAR_BOOK_ID, checkedOut } from '../support/bookstore';
import { type Shop, eventually, latteOrder, newCustomer, openShop } from '../support/shop';

let shop: Shop;

beforeAll(async () => {
  shop = await openShop('lag', { PREP_MS_PER_DRINK: '50', COURIER_LATENCY_MS: '0' });
  shop.startRelay();
  shop.startWorkers();
  await shop.ready();
}, 60_000);

afterAll(async () => {
  await shop?.close();
});

const stepIn = (detail: LagDetail, step: string): StepLagDetail => {
  const found = detail.steps.find((s) => s.step === step);
  if (!found) throw new Error(`no step ${step} in the lag table`);
  return found;
};

const MEASURED = [
  'tickets.open-ticket',
  'tickets.confirm-payment',
  'brewing.brew-drink',
  'inventory.reserve',
  'fulfilment.reserved',
  'notifications.send-mail',
];

describe('the measured consistency window', () => {
  it('has a row for every step, measured or not yet', async () => {
    const detail = await computeLagDetail();
    expect(detail.steps.map((s) => s.step).sort()).toEqual(
      allPolicies()
        .map((p) => p.step)
        .sort(),
    );
    const unmeasured = stepIn(detail, 'payments.refund-cancelled');
    expect(unmeasured).toMatchObject({ samples: 0, p50Ms: null, p95Ms: null, p99Ms: null, serviceRatePerS: null, etaMs: null });
  });

  it('records each handled step, with percentiles in order and stages that add up', async () => {
    for (let i = 0; i < 6; i++) {
      const answer = await placeCoffeeOrder(latteOrder(), newCustomer());
      expect(answer).toMatchObject({ ok: true });
    }
    await checkedOut([{ bookId: POPULAR_BOOK_ID, quantity: 1 }]);
    await checkedOut([{ bookId: POPULAR_BOOK_ID, quantity: 1 }]);

    const detail = await eventually(
      'every step that ran to be measured',
      async () => {
        const d = await computeLagDetail();
        const coffee = ['tickets.open-ticket', 'tickets.confirm-payment', 'brewing.brew-drink'].every((s) => stepIn(d, s).samples >= 6);
        const books = ['inventory.reserve', 'fulfilment.reserved'].every((s) => stepIn(d, s).samples >= 2);
        return coffee && books && stepIn(d, 'notifications.send-mail').samples >= 2 ? d : null;
      },
      30_000,
    );

    for (const name of MEASURED) {
      const s = stepIn(detail, name);
      expect(s.p50Ms).not.toBeNull();
      expect(s.p50Ms!).toBeGreaterThanOrEqual(0);
      expect(s.p50Ms!).toBeLessThanOrEqual(s.p95Ms!);
      expect(s.p95Ms!).toBeLessThanOrEqual(s.p99Ms!);
      // Nothing on this idle machine should take anywhere near a minute.
      expect(s.p99Ms!).toBeLessThan(60_000);
      // Every stage is measured for every sample, and each is a forward step in time.
      for (const stage of [s.stages.outboxDwell, s.stages.queueWait, s.stages.handler]) {
        expect(stage.samples).toBe(s.samples);
        expect(stage.p50Ms!).toBeGreaterThanOrEqual(0);
        expect(stage.p50Ms!).toBeLessThanOrEqual(s.p99Ms!);
      }
      // Percentiles do not add up; means do (each mean rounded to 0.1 ms).
      const sum = s.stages.outboxDwell.meanMs! + s.stages.queueWait.meanMs! + s.stages.handler.meanMs!;
      expect(Math.abs(sum - s.endToEnd.meanMs!)).toBeLessThan(0.5);
      // It ran within the last minute, so its queue has a service rate.
      expect(s.serviceRatePerS).toBeGreaterThan(0);
    }
    // Making a drink takes its preparation time: the handler stage shows it.
    expect(stepIn(detail, 'brewing.brew-drink').stages.handler.p50Ms!).toBeGreaterThanOrEqual(50);

    const lines = detail.steps
      .filter((s) => s.samples > 0)
      .map(
        (s) =>
          `${s.step}: n=${s.samples} p50 ${s.p50Ms} ms, p95 ${s.p95Ms} ms, p99 ${s.p99Ms} ms (dwell p50 ${s.stages.outboxDwell.p50Ms}, wait p50 ${s.stages.queueWait.p50Ms}, handler p50 ${s.stages.handler.p50Ms})`,
      );
    console.info(`[measure] consistency window per step\n  ${lines.join('\n  ')}`);
  });

  it('shows a paused queue filling, and gives no estimate while nothing can leave it', async () => {
    const tickets = opsQueues().get('tickets')!;
    await tickets.pause();
    try {
      for (let i = 0; i < 3; i++) expect(await placeCoffeeOrder(latteOrder(), newCustomer())).toMatchObject({ ok: true });
      const step = await eventually('the jobs to wait in the paused queue', async () => {
        const s = stepIn(await computeLagDetail(), 'tickets.open-ticket');
        return s.queue.waiting >= 3 ? s : null;
      });
      expect(step.queue.paused).toBe(true);
      expect(step.etaMs).toBeNull();
      // The public summary says the same, with aggregates only.
      const summary = await getStepLag();
      expect(summary.steps['tickets.open-ticket']?.queue.paused).toBe(true);
      expect(Object.keys(summary.steps['tickets.open-ticket']!).sort()).toEqual(
        ['etaMs', 'p50Ms', 'p95Ms', 'p99Ms', 'queue', 'samples', 'serviceRatePerS'].sort(),
      );
    } finally {
      await tickets.resume();
    }
    await eventually(
      'the queue to drain once resumed',
      async () => (await computeLagDetail()).steps.find((s) => s.step === 'tickets.open-ticket')!.queue.waiting === 0,
    );
  });

  it("measures the push to the browser from the streams' samples", async () => {
    await waitForRedis(commandRedis(), 2_000);
    const now = Date.now();
    notePush(now - 12, now);
    notePush(now - 30, now);
    await flushPushSamples();
    const push = stepIn(await computeLagDetail(), 'tickets.open-ticket').stages.push;
    expect(push.samples).toBeGreaterThanOrEqual(2);
    expect(push.p50Ms).toBe(12);
    expect(push.p99Ms).toBe(30);
  });
});
