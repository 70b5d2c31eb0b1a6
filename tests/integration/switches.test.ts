// The failure switches reach every process, and the fakes obey them; "crash a worker process"
// makes exactly one real worker process exit, and what it was doing is finished by another.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { placeCoffeeOrder } from '../../lib/commands/place-coffee-order';
import { db } from '../../lib/db/client';
import { cardNetwork, courier } from '../../lib/adapters';
import { CardNetworkTimeout } from '../../lib/payments/card-network';
import { heartbeatKey } from '../../lib/queue/queues';
import { commandRedis, waitForRedis } from '../../lib/queue/redis';
import { CourierUnavailable } from '../../lib/shipping/courier';
import { CRASH_EXIT_CODE, controlChannel, recentCrashes } from '../../lib/switches/control';
import { liveProcesses } from '../../lib/switches/processes';
import { NOTHING_WRONG, type Switches } from '../../lib/switches/settings';
import { crashWorker, resetEverything } from '../../lib/switches/status';
import { readSwitches, saveSwitches } from '../../lib/switches/store';
import type { Proc } from '../../scripts/lib/stack';
import { type Shop, eventually, latteOrder, newCustomer, openShop } from '../support/shop';

let shop: Shop;

beforeAll(async () => {
  // Drinks slow enough to crash a worker mid-drink; short locks so the crash is noticed fast.
  shop = await openShop('switches', { PREP_MS_PER_DRINK: '2500', WORKER_LOCK_MS: '1000' });
  await waitForRedis(commandRedis(), 5_000);
});

afterAll(async () => {
  await shop?.close();
});

afterEach(async () => {
  await resetEverything();
});

const exited = (p: Proc) =>
  new Promise<number | null>((resolve) => {
    if (p.child.exitCode !== null) resolve(p.child.exitCode);
    else p.child.once('exit', (code) => resolve(code));
  });

/** Worker processes listening for control commands right now. */
async function listeners(): Promise<number> {
  const [, count] = (await commandRedis().call('PUBSUB', 'NUMSUB', controlChannel())) as [string, number];
  return Number(count);
}

/** Pids of worker processes that have ever sent a heartbeat in this shop. */
async function workerPids(): Promise<Set<number>> {
  const members = await commandRedis().zrange(heartbeatKey(), '0', '-1');
  return new Set(members.filter((m) => m.startsWith('workers:')).map((m) => Number(m.split(':')[1])));
}

/** Starts a worker process and learns its pid (tsx runs the worker in a child process of its own). */
async function startWorker(): Promise<{ proc: Proc; pid: number }> {
  const before = await workerPids();
  const proc = shop.startWorkers();
  const pid = await eventually(
    'the new worker process to report in',
    async () => {
      const fresh = [...(await workerPids())].filter((p) => !before.has(p));
      return fresh.length === 1 ? (fresh[0] ?? null) : null;
    },
    30_000,
  );
  return { proc, pid };
}

async function change(patch: (s: Switches) => Switches): Promise<{ version: number; updatedAt: Date }> {
  const current = await readSwitches();
  const saved = await saveSwitches(patch(current.value), current.version);
  if (!saved.ok) throw new Error('the switches changed under the test');
  return { version: saved.value.version, updatedAt: saved.value.updatedAt };
}

describe('a change to the switches', () => {
  it('reaches a separate worker process within a second', async () => {
    const { proc, pid } = await startWorker();
    const seenBy = async () => (await liveProcesses(commandRedis())).find((p) => p.role === 'workers' && p.pid === pid);
    const { version: start } = await readSwitches();
    await eventually('the worker to report the switches it sees', async () => (await seenBy())?.seenVersion === start, 10_000);

    for (const patch of [
      (s: Switches) => ({ ...s, courier: { outage: true } }),
      (s: Switches) => ({ ...s, card: { ...s.card, declineRate: 0.5 } }),
      () => NOTHING_WRONG,
    ]) {
      const saved = await change(patch);
      const seen = await eventually(
        'the worker to see the change',
        async () => {
          const view = await seenBy();
          return view?.seenVersion === saved.version ? view : null;
        },
        5_000,
      );
      // The worker's own clock says when it first saw the new version (same machine, same clock).
      expect(seen.seenSince! - saved.updatedAt.getTime()).toBeLessThan(1_000);
    }
    await proc.stop();
  });

  it('is refused when it was made from an old version (someone else saved first)', async () => {
    const { value, version } = await readSwitches();
    expect(await saveSwitches({ ...value, courier: { outage: true } }, version)).toMatchObject({
      ok: true,
      value: { version: version + 1 },
    });
    expect(await saveSwitches({ ...value, card: { ...value.card, declineRate: 1 } }, version)).toMatchObject({
      ok: false,
      error: { code: 'SWITCHES.STALE' },
    });
    expect((await readSwitches()).value).toEqual({ ...value, courier: { outage: true } });
  });
});

describe('the fakes obey the switches', () => {
  const card = '4242424242424242';

  it('card.declineRate declines good cards; the answer is kept for the key', async () => {
    await change((s) => ({ ...s, card: { ...s.card, declineRate: 1 } }));
    const key = `decline-${Date.now()}`;
    expect(await cardNetwork().charge({ idempotencyKey: key, amountCents: 420, cardNumber: card })).toEqual({
      outcome: 'declined',
      chargeKey: key,
      code: 'card_declined',
    });
    await change((s) => ({ ...s, card: { ...s.card, declineRate: 0 } }));
    // A replay of the key still gets the first answer; a new key is approved again.
    expect((await cardNetwork().charge({ idempotencyKey: key, amountCents: 420, cardNumber: card })).outcome).toBe('declined');
    expect((await cardNetwork().charge({ idempotencyKey: `${key}-2`, amountCents: 420, cardNumber: card })).outcome).toBe('approved');
  });

  it('card.extraLatencyMs is added to every answer', async () => {
    await change((s) => ({ ...s, card: { ...s.card, extraLatencyMs: 400 } }));
    const started = Date.now();
    await cardNetwork().findCharge('nothing-under-this-key');
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
  });

  it('card.unknownOutcomeRate: the money moves, the answer is lost, and a look-up finds it', async () => {
    await change((s) => ({ ...s, card: { ...s.card, unknownOutcomeRate: 1 } }));
    const chargeKey = `unknown-${Date.now()}`;
    const charging = cardNetwork().charge({ idempotencyKey: chargeKey, amountCents: 420, cardNumber: card });
    await expect(charging).rejects.toBeInstanceOf(CardNetworkTimeout);
    await expect(charging).rejects.toMatchObject({ operation: 'charge', idempotencyKey: chargeKey });
    expect(await cardNetwork().findCharge(chargeKey)).toEqual({ outcome: 'approved', chargeKey, amountCents: 420 });

    const holdKey = `unknown-hold-${Date.now()}`;
    await expect(cardNetwork().authorize({ idempotencyKey: holdKey, amountCents: 1500, cardNumber: card })).rejects.toBeInstanceOf(
      CardNetworkTimeout,
    );
    expect((await cardNetwork().findAuthorization(holdKey))?.outcome).toBe('approved');
    // Asking again with the same key replays the recorded answer: nothing is charged twice.
    expect((await cardNetwork().charge({ idempotencyKey: chargeKey, amountCents: 420, cardNumber: card })).outcome).toBe('approved');
    expect(await db().cardNetworkEntry.count({ where: { idempotencyKey: { in: [chargeKey, holdKey] } } })).toBe(2);
  });

  it('courier.outage refuses bookings, books nothing, and still tracks parcels on their way', async () => {
    const address = { name: 'Ada', line1: '1 Main St', line2: null, city: 'Leeds', postcode: 'LS1 1AA', country: 'GB' as const };
    const before = await courier().dispatch({ idempotencyKey: `parcel-${Date.now()}`, address });
    await change((s) => ({ ...s, courier: { outage: true } }));
    const key = `outage-${Date.now()}`;
    await expect(courier().dispatch({ idempotencyKey: key, address })).rejects.toBeInstanceOf(CourierUnavailable);
    expect(await db().courierShipment.count({ where: { idempotencyKey: key } })).toBe(0);
    expect((await courier().track(before.trackingNumber)).status).not.toBe('unknown');
  });
});

describe('"crash a worker process"', () => {
  let relay: Proc;
  beforeAll(() => {
    relay = shop.startRelay();
  });
  afterAll(async () => {
    await relay.stop();
  });

  it('makes exactly one of the worker processes exit', async () => {
    const a = await startWorker();
    const b = await startWorker();
    await eventually('both to listen for commands', async () => (await listeners()) === 2, 10_000);

    const result = await crashWorker();
    if (!result.ok) throw new Error(`expected a worker to crash, got ${result.error.code}`);
    expect([a.pid, b.pid]).toContain(result.value.obeyedBy);
    const [crashed, survivor] = result.value.obeyedBy === a.pid ? [a, b] : [b, a];
    expect(await exited(crashed.proc)).toBe(CRASH_EXIT_CODE);

    // The other one heard the same command and stayed: still listening a second later.
    await eventually('the crashed one to stop listening', async () => (await listeners()) === 1, 5_000);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(survivor.proc.child.exitCode).toBeNull();
    expect(await listeners()).toBe(1);
    expect((await recentCrashes(commandRedis()))[0]?.pid).toBe(crashed.pid);
    await survivor.proc.stop();
  });

  it('mid-drink: another worker process finishes the drink, once', async () => {
    const victim = await startWorker();
    await eventually('the victim to listen', async () => (await listeners()) === 1, 10_000);
    const answer = await placeCoffeeOrder(latteOrder(), newCustomer());
    if (!answer.ok) throw new Error(`expected 201, got ${answer.error.code}`);
    const orderId = answer.value.order.id;
    await eventually(
      'the drink to be started',
      async () => (await db().baristaTicket.findUnique({ where: { orderId } }))?.status === 'making',
      15_000,
    );

    const rescuer = await startWorker();
    await eventually('both to listen', async () => (await listeners()) === 2, 10_000);
    const result = await crashWorker(victim.pid);
    expect(result).toEqual({ ok: true, value: { obeyedBy: victim.pid } });
    expect(await exited(victim.proc)).toBe(CRASH_EXIT_CODE);

    // The victim held the brewing job; once its lock runs out, the rescuer takes it and finishes.
    await eventually(
      'the rescuer to finish the drink',
      async () => {
        const t = await db().baristaTicket.findUnique({ where: { orderId } });
        return t?.status === 'ready';
      },
      30_000,
    );
    const count = (type: string) => db().timelineEntry.count({ where: { orderId, type } });
    expect(await count('DrinkStarted')).toBe(1);
    expect(await count('DrinkReady')).toBe(1);
    expect(rescuer.proc.child.exitCode).toBeNull();
    await rescuer.proc.stop();
  });
});
