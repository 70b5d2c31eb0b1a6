// The barista board with a person in the loop, below the browser: stations switched between the
// machine and a barista's hands, barista presses racing each other, and the barista-side failure
// switches (spills, out of oat milk) — against real PostgreSQL, Redis, relay and worker processes.
import { Queue } from 'bullmq';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { markDrinkReady } from '../../lib/commands/barista/mark-drink-ready';
import { setStationMode } from '../../lib/commands/barista/set-station-mode';
import { startDrink } from '../../lib/commands/barista/start-drink';
import { tossRuinedDrink } from '../../lib/commands/barista/toss-ruined-drink';
import { handOverDrink } from '../../lib/commands/hand-over-drink';
import { placeCoffeeOrder } from '../../lib/commands/place-coffee-order';
import { db } from '../../lib/db/client';
import { getBoard } from '../../lib/queries/barista-board';
import { workerRedis } from '../../lib/queue/redis';
import { NOTHING_WRONG, type Switches } from '../../lib/switches/settings';
import { SWITCHES_TTL_MS, readSwitches, saveSwitches } from '../../lib/switches/store';
import { type Shop, eventually, latteOrder, newCustomer, openShop } from '../support/shop';

const STATIONS = [1, 2];
let shop: Shop;
let brewing: Queue;

beforeAll(async () => {
  shop = await openShop('barista', { PREP_MS_PER_DRINK: '150', BARISTA_STATIONS: String(STATIONS.length) });
  shop.startRelay();
  shop.startWorkers();
  await shop.ready();
  brewing = new Queue('brewing', { connection: workerRedis(), prefix: shop.env.QUEUE_PREFIX });
});

afterEach(async () => {
  // Every test starts from an ordinary shop: the machine at every station, nothing going wrong.
  await setSwitches(NOTHING_WRONG);
  for (const station of STATIONS) await setStationMode({ station, mode: 'auto' });
});

afterAll(async () => {
  await brewing?.close();
  await shop?.close();
});

// --- helpers ------------------------------------------------------------------------------------

/** Flips the switches, and waits out the time every process may keep its cached copy. */
async function setSwitches(next: Switches): Promise<void> {
  const saved = await saveSwitches(next, (await readSwitches()).version);
  if (!saved.ok) throw new Error('the switches changed under the test');
  await new Promise((r) => setTimeout(r, SWITCHES_TTL_MS + 100));
}

async function allStations(mode: 'auto' | 'manual'): Promise<void> {
  for (const station of STATIONS) expect(await setStationMode({ station, mode })).toMatchObject({ ok: true });
}

/** Places a paid latte and returns its ticket once the barista has it and knows it is paid. */
async function paidTicket(name = 'Sam', order = latteOrder(undefined, name)) {
  const answer = await placeCoffeeOrder(order, newCustomer());
  if (!answer.ok) throw new Error(`expected 201, got ${answer.error.code}`);
  const orderId = answer.value.order.id;
  return eventually('the ticket to be open and paid', async () => {
    const t = await db().baristaTicket.findUnique({ where: { orderId } });
    return t?.paid ? t : null;
  });
}

const ticket = (id: string) => db().baristaTicket.findUniqueOrThrow({ where: { id } });

const eventsOf = async (orderId: string, type: string) =>
  (await db().timelineEntry.findMany({ where: { orderId, type }, orderBy: { occurredAt: 'asc' } })).map(
    (e) => e.data as Record<string, unknown>,
  );

/** Waits until the brewing job for this ticket's TicketOpened event has finished, one way or the other. */
async function brewJobSettled(orderId: string, want: 'completed' | 'failed' = 'completed'): Promise<void> {
  const opened = await eventually('TicketOpened in the outbox', () =>
    db().outboxMessage.findFirst({ where: { orderId, type: 'TicketOpened' } }),
  );
  await eventually(`the brewing job to be ${want}`, async () => (await (await brewing.getJob(opened.id))?.getState()) === want);
}

// --- the tests ----------------------------------------------------------------------------------

describe('a new ticket goes to the least busy station', () => {
  it('fewest tickets still to make first, ties to the lowest number', async () => {
    await allStations('manual'); // nothing gets made, so every ticket stays queued where it was put
    for (const name of ['Ana', 'Ben', 'Cy', 'Di']) {
      const open = await db().baristaTicket.groupBy({
        by: ['station'],
        where: { status: { in: ['queued', 'making'] } },
        _count: { _all: true },
      });
      const load = (s: number) => open.find((g) => g.station === s)?._count._all ?? 0;
      const expected = [...STATIONS].sort((a, b) => load(a) - load(b) || a - b)[0];
      const t = await paidTicket(name);
      expect({ name, station: t.station }).toEqual({ name, station: expected });
    }
  });

  it('a drink ready on the counter does not keep its station busy', async () => {
    await allStations('manual');
    // Every drink so far handed over: no station has anything to make, or anything on its counter.
    await db().baristaTicket.updateMany({ where: { status: { in: ['queued', 'making', 'ready'] } }, data: { status: 'collected' } });
    const ana = await paidTicket('Ana');
    expect(ana.station).toBe(1);
    await db().baristaTicket.update({ where: { id: ana.id }, data: { status: 'ready' } });
    // Station 1 has Ana's drink on its counter and nothing to make: it is still the least busy.
    expect((await paidTicket('Ben')).station).toBe(1);
    // Now it has Ben's drink to make, and station 2 has nothing.
    expect((await paidTicket('Cy')).station).toBe(2);
  });
});

describe('a manual station', () => {
  it('leaves its tickets to the barista: the worker does not make them', async () => {
    await allStations('manual');
    const t = await paidTicket('Sam');
    await brewJobSettled(t.orderId);

    expect(await ticket(t.id)).toMatchObject({ status: 'queued', startedAt: null, version: t.version });
    expect(await eventsOf(t.orderId, 'DrinkStarted')).toEqual([]);
    expect((await getBoard()).stations).toEqual(STATIONS.map((id) => ({ id, mode: 'manual' })));
  });

  it('is worked by hand: Start, Ready, Handed over — each recorded once, with who did it', async () => {
    await allStations('manual');
    const t = await paidTicket('Sam');
    const press = { ticketId: t.id, by: 'Ada' };

    expect(await startDrink({ ...press, seenVersion: t.version })).toEqual({ ok: true });
    expect(await ticket(t.id)).toMatchObject({ status: 'making', version: t.version + 1 });
    expect(await markDrinkReady({ ...press, seenVersion: t.version + 1 })).toEqual({ ok: true });
    expect(await handOverDrink(t.id, { ...press, seenVersion: t.version + 2 })).toEqual({ ok: true });

    expect(await ticket(t.id)).toMatchObject({ status: 'collected', version: t.version + 3 });
    for (const type of ['DrinkStarted', 'DrinkReady', 'DrinkHandedOver']) {
      expect(
        (await eventsOf(t.orderId, type)).map((d) => d.by),
        type,
      ).toEqual(['Ada']);
    }
    const timeline = await db().timelineEntry.findMany({ where: { orderId: t.orderId, type: 'DrinkStarted' } });
    expect(timeline[0]).toMatchObject({ mode: 'async', actor: 'barista' });
  });

  it('two baristas pressing Start at once: exactly one wins, the other hears who did', async () => {
    await allStations('manual');
    for (const name of ['Kim', 'Lee', 'Max']) {
      const t = await paidTicket(name);
      const answers = await Promise.all(['Ada', 'Bo'].map((by) => startDrink({ ticketId: t.id, seenVersion: t.version, by })));

      const won = answers.filter((a) => a.ok);
      const refused = answers.flatMap((a) => (a.ok ? [] : [a.error]));
      expect(won).toHaveLength(1);
      expect(refused).toHaveLength(1);
      const winner = answers[0]!.ok ? 'Ada' : 'Bo';
      expect(refused[0]).toEqual({ code: 'TICKET.CHANGED', message: `${winner} already started this drink.` });
      expect(await ticket(t.id)).toMatchObject({ status: 'making', version: t.version + 1 });
      expect((await eventsOf(t.orderId, 'DrinkStarted')).map((d) => d.by)).toEqual([winner]);
    }
  });

  it('a press on an out-of-date ticket writes nothing, and says who got there first', async () => {
    await allStations('manual');
    const t = await paidTicket('Sam');
    const v = t.version;
    const stale = async (command: typeof startDrink, seenVersion: number, message: string) => {
      const before = await ticket(t.id);
      const outbox = await db().outboxMessage.count({ where: { orderId: t.orderId } });
      expect(await command({ ticketId: t.id, seenVersion, by: 'Bo' })).toEqual({
        ok: false,
        error: { code: 'TICKET.CHANGED', message },
      });
      expect(await ticket(t.id)).toEqual(before);
      expect(await db().outboxMessage.count({ where: { orderId: t.orderId } })).toBe(outbox);
    };

    // Bo's board still shows the ticket queued when Ada has started it…
    expect(await startDrink({ ticketId: t.id, seenVersion: v, by: 'Ada' })).toEqual({ ok: true });
    await stale(startDrink, v, 'Ada already started this drink.');
    // …and still shows it being made when Ada has put it on the counter.
    expect(await markDrinkReady({ ticketId: t.id, seenVersion: v + 1, by: 'Ada' })).toEqual({ ok: true });
    await stale(markDrinkReady, v + 1, 'Ada already finished this drink — it is ready.');
    await stale(tossRuinedDrink, v + 1, 'Ada already finished this drink — it is ready.');
    // Ada, in a second tab, is told it was her.
    expect(await handOverDrink(t.id, { seenVersion: v + 2, by: 'Ada' })).toEqual({ ok: true });
    expect(await handOverDrink(t.id, { seenVersion: v + 2, by: 'Ada' })).toEqual({
      ok: false,
      error: { code: 'TICKET.CHANGED', message: 'You already handed this drink over.' },
    });
  });

  it('a tossed drink goes back in the queue, counted as a remake, and is made again by hand', async () => {
    await allStations('manual');
    const t = await paidTicket('Sam');
    await startDrink({ ticketId: t.id, seenVersion: t.version, by: 'Ada' });
    expect(await tossRuinedDrink({ ticketId: t.id, seenVersion: t.version + 1, by: 'Ada' })).toEqual({ ok: true });
    expect(await ticket(t.id)).toMatchObject({ status: 'queued', remakes: 1, startedAt: null });
    expect(await eventsOf(t.orderId, 'DrinkSpilled')).toEqual([{ wasStatus: 'making', remakes: 1, by: 'Ada' }]);

    await startDrink({ ticketId: t.id, seenVersion: t.version + 2, by: 'Ada' });
    await markDrinkReady({ ticketId: t.id, seenVersion: t.version + 3, by: 'Ada' });
    expect(await ticket(t.id)).toMatchObject({ status: 'ready', remakes: 1 });
  });
});

describe('an automatic station', () => {
  it("is the machine's: a barista's Start is refused, and the machine makes the drink", async () => {
    const t = await paidTicket('Sam');
    const answer = await startDrink({ ticketId: t.id, seenVersion: t.version, by: 'Ada' });
    // Either the machine got there first (the ticket changed) or the station says whose it is.
    expect(answer).toMatchObject({ ok: false, error: { code: expect.stringMatching(/^(STATION\.AUTOMATIC|TICKET\.CHANGED)$/) } });
    await eventually('the machine to make it', async () => (await ticket(t.id)).status === 'ready');
  });

  it('switched back from manual, it hands the machine what waited there', async () => {
    await allStations('manual');
    const waiting = await paidTicket('Sam');
    const started = await paidTicket('Bo');
    await startDrink({ ticketId: started.id, seenVersion: started.version, by: 'Ada' });
    await brewJobSettled(waiting.orderId);
    expect((await ticket(waiting.id)).status).toBe('queued');

    await allStations('auto');

    for (const t of [waiting, started]) {
      await eventually('the machine to finish it', async () => (await ticket(t.id)).status === 'ready');
      expect(await eventsOf(t.orderId, 'DrinkReady')).toHaveLength(1);
      expect(await eventsOf(t.orderId, 'TicketHandedToMachine')).toHaveLength(1);
    }
  });
});

describe('the failure switches', () => {
  it('a spilt drink is remade, and finished exactly once', async () => {
    await setSwitches({ ...NOTHING_WRONG, barista: { ...NOTHING_WRONG.barista, spillRate: 1 } });
    const t = await paidTicket('Sam');
    await eventually('a spill', async () => (await ticket(t.id)).remakes >= 1);
    await setSwitches(NOTHING_WRONG);

    const done = await eventually('the drink to be ready', async () => {
      const now = await ticket(t.id);
      return now.status === 'ready' ? now : null;
    });
    await brewJobSettled(t.orderId);
    expect(await ticket(t.id)).toEqual(done); // nothing moves after the job is done

    const spills = await eventsOf(t.orderId, 'DrinkSpilled');
    expect(spills.length).toBe(done.remakes);
    expect(spills.map((s) => s.remakes)).toEqual(Array.from({ length: done.remakes }, (_, i) => i + 1));
    expect(await eventsOf(t.orderId, 'DrinkStarted')).toHaveLength(done.remakes + 1);
    expect(await eventsOf(t.orderId, 'DrinkReady')).toHaveLength(1);
    expect((await db().order.findUniqueOrThrow({ where: { id: t.orderId } })).status).toBe('paid');
  });

  it('slowness stretches the preparation time', async () => {
    await setSwitches({ ...NOTHING_WRONG, barista: { ...NOTHING_WRONG.barista, slowness: 8 } });
    const t = await paidTicket('Sam'); // one drink: 150 ms × 8
    const done = await eventually('ready', async () => {
      const now = await ticket(t.id);
      return now.status === 'ready' ? now : null;
    });
    expect(done.readyAt!.getTime() - done.startedAt!.getTime()).toBeGreaterThanOrEqual(1_150);
  });

  it('out of oat milk: the machine does not start an oat drink, and the step fails for good', async () => {
    await setSwitches({ ...NOTHING_WRONG, barista: { ...NOTHING_WRONG.barista, outOfOatMilk: true } });
    // latteOrder is made with oat milk. The failed step cancels the order, so on a slow machine the
    // payment may come too late to be recorded (PAYMENT.TOO_LATE): either answer is right here.
    const placed = await placeCoffeeOrder(latteOrder(undefined, 'Sam'), newCustomer());
    const orderId = placed.ok ? placed.value.order.id : placed.error.orderId;
    if (!orderId) throw new Error(`expected an order, got ${placed.ok ? 'none' : placed.error.code}`);
    const t = await eventually('the ticket to be open', () => db().baristaTicket.findUnique({ where: { orderId } }));
    await brewJobSettled(t.orderId, 'failed');
    const job = await brewing.getJob(
      (await db().outboxMessage.findFirstOrThrow({ where: { orderId: t.orderId, type: 'TicketOpened' } })).id,
    );
    expect(job?.failedReason).toMatch(/OUT_OF_OAT_MILK|oat milk/);
    expect(job?.attemptsMade).toBe(1); // permanent: not retried
    expect(await eventsOf(t.orderId, 'DrinkStarted')).toEqual([]);
    expect((await ticket(t.id)).startedAt).toBeNull();
  });

  it('out of oat milk: a manual station keeps the ticket, and the board warns the barista', async () => {
    await setSwitches({ ...NOTHING_WRONG, barista: { ...NOTHING_WRONG.barista, outOfOatMilk: true } });
    await allStations('manual');
    const t = await paidTicket('Sam');
    await brewJobSettled(t.orderId);
    expect((await ticket(t.id)).status).toBe('queued');
    const board = await getBoard();
    expect(board.outOfOatMilk).toBe(true);
    expect(board.open.find((b) => b.id === t.id)).toMatchObject({ status: 'queued', drinks: [{ milk: 'oat' }] });
  });
});
