import { beforeEach, describe, expect, test } from 'vitest';
import type { Context, DomainEvent, Transition } from '../shared/events';
import type { Result } from '../shared/result';
import {
  type Inventory,
  type InventoryErrorCode,
  type StockClaim,
  MAX_RESTOCK,
  isBalanced,
  newInventory,
  releaseClaim,
  requestStock,
  restock,
  shipClaim,
  waiting,
} from './inventory';

// A fixed clock and a counting id generator: every id and time in an assertion is predictable.
let seq = 0;
beforeEach(() => {
  seq = 0;
});
function ctx(at: string): Context {
  return { now: new Date(at), newId: () => `id-${++seq}` };
}

const BOOK = 'book-1';
const T0 = Date.parse('2025-06-15T09:00:00.000Z');
/** The moment `n` seconds after the shop opened. Later requests get later times. */
const at = (n: number) => new Date(T0 + n * 1000).toISOString();
const LATER = at(60);

/** Every line belongs to its own order here, so an event's orderId names the line it is about. */
const orderOf = (lineId: string) => `order-${lineId}`;

function shelf(stock: number): Inventory {
  return newInventory(BOOK, stock, new Date(at(0)));
}

function expectOk<T>(r: Result<T, InventoryErrorCode>): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.code}`);
  return r.value;
}

function ask(inv: Inventory, lineId: string, quantity: number, when = LATER): Transition<Inventory> {
  return expectOk(requestStock(inv, { lineId, orderId: orderOf(lineId), quantity }, ctx(when)));
}

/** The shelf after each request in turn, one second apart (so the first asked is the oldest). */
function asked(inv: Inventory, requests: [lineId: string, quantity: number][]): Inventory {
  return requests.reduce((state, [lineId, quantity], i) => ask(state, lineId, quantity, at(i + 1)).state, inv);
}

const claimOf = (inv: Inventory, lineId: string) => inv.claims.find((c) => c.lineId === lineId);
const statusOf = (inv: Inventory, lineId: string) => claimOf(inv, lineId)?.status;
const counts = ({ stocked, available, reserved, shipped }: Inventory) => ({ stocked, available, reserved, shipped });
const summary = (events: DomainEvent[]) => events.map((e) => [e.type, e.data]);

describe('newInventory', () => {
  test('puts every copy on the shelf at version 1, with nobody claiming any', () => {
    expect(shelf(5)).toEqual({
      bookId: BOOK,
      version: 1,
      stocked: 5,
      available: 5,
      reserved: 0,
      shipped: 0,
      updatedAt: new Date(at(0)),
      claims: [],
    });
  });
});

describe('requestStock', () => {
  test('reserves at once when the shelf has enough and nobody is waiting', () => {
    const before = shelf(5);

    const { state, events, changed } = ask(before, 'line-1', 2);

    expect(changed).toBe(true);
    expect(counts(state)).toEqual({ stocked: 5, available: 3, reserved: 2, shipped: 0 });
    expect(state.version).toBe(before.version + 1);
    expect(state.updatedAt).toEqual(new Date(LATER));
    expect(state.claims).toEqual([
      {
        lineId: 'line-1',
        orderId: 'order-line-1',
        quantity: 2,
        status: 'reserved',
        requestedAt: new Date(LATER),
        updatedAt: new Date(LATER),
      },
    ]);
    expect(events).toEqual([
      {
        id: 'id-1',
        type: 'StockReserved',
        aggregateId: BOOK,
        orderId: 'order-line-1',
        occurredAt: new Date(LATER),
        data: { bookId: BOOK, lineId: 'line-1', quantity: 2, afterWaiting: false },
      },
    ]);
  });

  test('can take the last copies on the shelf', () => {
    const { state } = ask(shelf(3), 'line-1', 3);

    expect(counts(state)).toEqual({ stocked: 3, available: 0, reserved: 3, shipped: 0 });
    expect(statusOf(state, 'line-1')).toBe('reserved');
  });

  test('backorders a line that wants more than the shelf has, taking nothing off it', () => {
    const before = shelf(1);

    const { state, events, changed } = ask(before, 'line-1', 2);

    expect(changed).toBe(true);
    expect(counts(state)).toEqual(counts(before));
    expect(state.version).toBe(before.version + 1);
    expect(statusOf(state, 'line-1')).toBe('waiting');
    expect(events).toEqual([
      {
        id: 'id-1',
        type: 'StockBackordered',
        aggregateId: BOOK,
        orderId: 'order-line-1',
        occurredAt: new Date(LATER),
        data: { bookId: BOOK, lineId: 'line-1', quantity: 2, waitingAhead: 0 },
      },
    ]);
  });

  test('an empty shelf backorders every request', () => {
    const { state, events } = ask(shelf(0), 'line-1', 1);

    expect(statusOf(state, 'line-1')).toBe('waiting');
    expect(events.map((e) => e.type)).toEqual(['StockBackordered']);
  });

  test('nobody jumps the queue: while someone waits, a request the shelf could serve waits behind them', () => {
    // line-1 waits for 3; a restock of 2 is not enough for it, so the 2 stay on the shelf.
    const blocked = expectOk(restock(asked(shelf(0), [['line-1', 3]]), 2, ctx(at(2)))).state;
    expect(blocked.available).toBe(2);

    const { state, events } = ask(blocked, 'line-2', 1, at(3));

    expect(statusOf(state, 'line-2')).toBe('waiting');
    expect(counts(state)).toEqual(counts(blocked));
    expect(summary(events)).toEqual([['StockBackordered', { bookId: BOOK, lineId: 'line-2', quantity: 1, waitingAhead: 1 }]]);
  });

  test('waitingAhead counts every line still waiting, but not those served or released', () => {
    let inv = asked(shelf(0), [
      ['line-1', 1],
      ['line-2', 1],
      ['line-3', 1],
    ]);
    inv = expectOk(restock(inv, 1, ctx(at(10)))).state; // serves line-1
    inv = releaseClaim(inv, 'line-2', ctx(at(11))).state;

    const { events } = ask(inv, 'line-4', 1, at(12));

    expect(events[0]?.data).toMatchObject({ waitingAhead: 1 });
  });

  test.each(['reserved', 'waiting'] as const)('a redelivered request for a %s line changes nothing', (status) => {
    const inv = ask(shelf(status === 'reserved' ? 5 : 0), 'line-1', 2).state;
    expect(statusOf(inv, 'line-1')).toBe(status);

    const again = expectOk(requestStock(inv, { lineId: 'line-1', orderId: 'order-line-1', quantity: 2 }, ctx(at(90))));

    expect(again).toEqual({ state: inv, events: [], changed: false });
    expect(again.state).toBe(inv);
  });

  test('a redelivered request is recognised by its line id alone, even for a line that was since released', () => {
    const released = releaseClaim(ask(shelf(5), 'line-1', 2).state, 'line-1', ctx(at(90))).state;

    const again = expectOk(requestStock(released, { lineId: 'line-1', orderId: 'order-line-1', quantity: 4 }, ctx(at(91))));

    expect(again).toEqual({ state: released, events: [], changed: false });
  });

  test.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])(
    'a request for %s copies is refused with INVENTORY.QUANTITY',
    (quantity) => {
      const inv = shelf(5);

      const result = requestStock(inv, { lineId: 'line-1', orderId: 'order-1', quantity }, ctx(LATER));

      expect(result).toMatchObject({ ok: false, error: { code: 'INVENTORY.QUANTITY' } });
    },
  );

  test('does not mutate the inventory it was given', () => {
    const inv = asked(shelf(2), [['line-1', 1]]);
    const snapshot = structuredClone(inv);

    ask(inv, 'line-2', 1);
    ask(inv, 'line-3', 5);

    expect(inv).toEqual(snapshot);
  });
});

describe('restock', () => {
  test('with nobody waiting, the copies go on the shelf and nothing is announced', () => {
    const before = asked(shelf(2), [['line-1', 1]]);

    const { state, events, changed } = expectOk(restock(before, 4, ctx(LATER)));

    expect(changed).toBe(true);
    expect(counts(state)).toEqual({ stocked: 6, available: 5, reserved: 1, shipped: 0 });
    expect(state.version).toBe(before.version + 1);
    expect(state.updatedAt).toEqual(new Date(LATER));
    expect(events).toEqual([]);
  });

  test('serves waiting lines oldest first, each with StockReserved marked afterWaiting', () => {
    const before = asked(shelf(0), [
      ['line-1', 2],
      ['line-2', 1],
      ['line-3', 3],
    ]);

    const { state, events } = expectOk(restock(before, 3, ctx(LATER)));

    expect(statusOf(state, 'line-1')).toBe('reserved');
    expect(statusOf(state, 'line-2')).toBe('reserved');
    expect(statusOf(state, 'line-3')).toBe('waiting');
    expect(counts(state)).toEqual({ stocked: 3, available: 0, reserved: 3, shipped: 0 });
    expect(state.version).toBe(before.version + 1); // one change, however many lines it served
    // The three backorders took id-1 to id-3.
    expect(events).toEqual([
      {
        id: 'id-4',
        type: 'StockReserved',
        aggregateId: BOOK,
        orderId: 'order-line-1',
        occurredAt: new Date(LATER),
        data: { bookId: BOOK, lineId: 'line-1', quantity: 2, afterWaiting: true },
      },
      {
        id: 'id-5',
        type: 'StockReserved',
        aggregateId: BOOK,
        orderId: 'order-line-2',
        occurredAt: new Date(LATER),
        data: { bookId: BOOK, lineId: 'line-2', quantity: 1, afterWaiting: true },
      },
    ]);
  });

  test('a big request at the head of the queue blocks the smaller ones behind it until it is served', () => {
    let inv = asked(shelf(0), [
      ['line-1', 3],
      ['line-2', 1],
      ['line-3', 1],
    ]);

    const short = expectOk(restock(inv, 2, ctx(at(10))));
    expect(short.events).toEqual([]);
    expect(waiting(short.state).map((c) => c.lineId)).toEqual(['line-1', 'line-2', 'line-3']);
    expect(short.state.available).toBe(2);
    inv = short.state;

    const enough = expectOk(restock(inv, 2, ctx(at(11))));
    expect(summary(enough.events)).toEqual([
      ['StockReserved', { bookId: BOOK, lineId: 'line-1', quantity: 3, afterWaiting: true }],
      ['StockReserved', { bookId: BOOK, lineId: 'line-2', quantity: 1, afterWaiting: true }],
    ]);
    expect(waiting(enough.state).map((c) => c.lineId)).toEqual(['line-3']);
    expect(enough.state.available).toBe(0);
  });

  test('the queue is ordered by when lines asked, not by where their claims sit in the list', () => {
    const claim = (lineId: string, seconds: number): StockClaim => ({
      lineId,
      orderId: orderOf(lineId),
      quantity: 1,
      status: 'waiting',
      requestedAt: new Date(at(seconds)),
      updatedAt: new Date(at(seconds)),
    });
    // Loaded from the database in no particular order; the tie at 5 s is broken by line id.
    const inv: Inventory = { ...shelf(0), claims: [claim('line-c', 9), claim('line-b', 5), claim('line-a', 5)] };

    expect(waiting(inv).map((c) => c.lineId)).toEqual(['line-a', 'line-b', 'line-c']);
    const { events } = expectOk(restock(inv, 2, ctx(LATER)));
    expect(events.map((e) => e.data)).toMatchObject([{ lineId: 'line-a' }, { lineId: 'line-b' }]);
  });

  test('the largest restock allowed is accepted', () => {
    const { state } = expectOk(restock(shelf(0), MAX_RESTOCK, ctx(LATER)));

    expect(state.available).toBe(MAX_RESTOCK);
  });

  test.each([0, -3, 2.5, Number.NaN, MAX_RESTOCK + 1])('restocking %s copies is refused with INVENTORY.QUANTITY', (quantity) => {
    expect(restock(shelf(1), quantity, ctx(LATER))).toMatchObject({ ok: false, error: { code: 'INVENTORY.QUANTITY' } });
  });
});

describe('releaseClaim', () => {
  test('a reserved line puts its copies back on the shelf', () => {
    const before = asked(shelf(5), [['line-1', 2]]);

    const { state, events, changed } = releaseClaim(before, 'line-1', ctx(LATER));

    expect(changed).toBe(true);
    expect(counts(state)).toEqual({ stocked: 5, available: 5, reserved: 0, shipped: 0 });
    expect(statusOf(state, 'line-1')).toBe('released');
    expect(claimOf(state, 'line-1')?.updatedAt).toEqual(new Date(LATER));
    expect(state.version).toBe(before.version + 1);
    expect(events).toEqual([
      {
        id: 'id-2', // id-1 went to the reservation
        type: 'StockReleased',
        aggregateId: BOOK,
        orderId: 'order-line-1',
        occurredAt: new Date(LATER),
        data: { bookId: BOOK, lineId: 'line-1', quantity: 2, wasReserved: true },
      },
    ]);
  });

  test('the copies a released line gave back go to the next line waiting', () => {
    const before = asked(shelf(2), [
      ['line-1', 2],
      ['line-2', 1],
    ]);
    expect(statusOf(before, 'line-2')).toBe('waiting');

    const { state, events } = releaseClaim(before, 'line-1', ctx(LATER));

    expect(statusOf(state, 'line-2')).toBe('reserved');
    expect(counts(state)).toEqual({ stocked: 2, available: 1, reserved: 1, shipped: 0 });
    expect(state.version).toBe(before.version + 1);
    expect(events.map((e) => [e.type, e.orderId, e.data])).toEqual([
      ['StockReleased', 'order-line-1', { bookId: BOOK, lineId: 'line-1', quantity: 2, wasReserved: true }],
      ['StockReserved', 'order-line-2', { bookId: BOOK, lineId: 'line-2', quantity: 1, afterWaiting: true }],
    ]);
  });

  test('a waiting line leaves the queue without touching any count', () => {
    const before = asked(shelf(1), [['line-1', 2]]);

    const { state, events, changed } = releaseClaim(before, 'line-1', ctx(LATER));

    expect(changed).toBe(true);
    expect(counts(state)).toEqual(counts(before));
    expect(statusOf(state, 'line-1')).toBe('released');
    expect(waiting(state)).toEqual([]);
    expect(state.version).toBe(before.version + 1);
    expect(summary(events)).toEqual([['StockReleased', { bookId: BOOK, lineId: 'line-1', quantity: 2, wasReserved: false }]]);
  });

  test('a big line leaving the head of the queue lets the smaller ones behind it through', () => {
    const before = asked(shelf(2), [
      ['line-0', 2],
      ['line-1', 3],
      ['line-2', 1],
    ]);
    const shelved = releaseClaim(before, 'line-0', ctx(at(10))).state; // 2 back; line-1 wants 3 and blocks
    expect(waiting(shelved).map((c) => c.lineId)).toEqual(['line-1', 'line-2']);

    const { state, events } = releaseClaim(shelved, 'line-1', ctx(LATER));

    expect(statusOf(state, 'line-2')).toBe('reserved');
    expect(events.map((e) => e.type)).toEqual(['StockReleased', 'StockReserved']);
  });

  test.each([
    ['a released line', 'line-1', (inv: Inventory) => releaseClaim(inv, 'line-1', ctx(at(10))).state],
    ['a shipped line', 'line-1', (inv: Inventory) => expectOk(shipClaim(inv, 'line-1', ctx(at(10)))).state],
    ['a line that never asked', 'line-9', (inv: Inventory) => inv],
  ])('releasing %s changes nothing', (_, lineId, prepare) => {
    const inv = prepare(asked(shelf(5), [['line-1', 2]]));

    const again = releaseClaim(inv, lineId, ctx(LATER));

    expect(again).toEqual({ state: inv, events: [], changed: false });
  });
});

describe('shipClaim', () => {
  test('moves the reserved copies to shipped', () => {
    const before = asked(shelf(5), [['line-1', 2]]);

    const { state, events, changed } = expectOk(shipClaim(before, 'line-1', ctx(LATER)));

    expect(changed).toBe(true);
    expect(counts(state)).toEqual({ stocked: 5, available: 3, reserved: 0, shipped: 2 });
    expect(statusOf(state, 'line-1')).toBe('shipped');
    expect(state.version).toBe(before.version + 1);
    expect(events).toEqual([
      {
        id: 'id-2', // id-1 went to the reservation
        type: 'StockShipped',
        aggregateId: BOOK,
        orderId: 'order-line-1',
        occurredAt: new Date(LATER),
        data: { bookId: BOOK, lineId: 'line-1', quantity: 2 },
      },
    ]);
  });

  test('shipping twice changes nothing the second time', () => {
    const shipped = expectOk(shipClaim(asked(shelf(5), [['line-1', 2]]), 'line-1', ctx(LATER))).state;

    expect(shipClaim(shipped, 'line-1', ctx(at(90)))).toEqual({ ok: true, value: { state: shipped, events: [], changed: false } });
  });

  test.each([
    ['a waiting line', 'line-2'],
    ['a released line', 'line-3'],
    ['a line that never asked', 'line-9'],
  ])('shipping %s is refused with INVENTORY.NOT_RESERVED', (_, lineId) => {
    let inv = asked(shelf(3), [
      ['line-3', 1],
      ['line-2', 5],
    ]);
    inv = releaseClaim(inv, 'line-3', ctx(at(10))).state;

    const result = shipClaim(inv, lineId, ctx(LATER));

    expect(result).toMatchObject({ ok: false, error: { code: 'INVENTORY.NOT_RESERVED' } });
  });
});

describe('isBalanced', () => {
  test('holds when every copy is in exactly one place', () => {
    expect(isBalanced({ ...shelf(0), stocked: 6, available: 1, reserved: 2, shipped: 3 })).toBe(true);
  });

  test('fails when copies are missing or counted twice', () => {
    expect(isBalanced({ ...shelf(0), stocked: 6, available: 1, reserved: 2, shipped: 2 })).toBe(false);
    expect(isBalanced({ ...shelf(0), stocked: 6, available: 2, reserved: 2, shipped: 3 })).toBe(false);
  });

  test('fails when any count is negative, even if the sum is right', () => {
    expect(isBalanced({ ...shelf(0), stocked: 2, available: -1, reserved: 3, shipped: 0 })).toBe(false);
  });
});

// A small, seeded PRNG (mulberry32): the same seed gives the same run, so a failure can be replayed.
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('any sequence of requests, restocks, releases and shipments', () => {
  const sum = (claims: StockClaim[], status: StockClaim['status']) =>
    claims.filter((c) => c.status === status).reduce((s, c) => s + c.quantity, 0);

  test.each([1, 2, 3, 42, 2025])('keeps the books balanced and the queue fair (seed %i)', (seed) => {
    const random = prng(seed);
    const pick = (n: number) => Math.floor(random() * n);
    let inv = shelf(pick(6));
    const lines: string[] = [];
    // The queue as the rules say it should be, kept by hand from the events alone.
    const queue: string[] = [];
    let shippedCopies = 0;
    const seen = new Set<string>();

    for (let step = 1; step <= 400; step++) {
      const c = ctx(at(step));
      const roll = random();
      const known = lines.length ? lines[pick(lines.length)] : undefined;
      let outcome: Transition<Inventory>;

      if (roll < 0.4 || !known) {
        const redelivered = known !== undefined && random() < 0.15;
        const lineId = redelivered ? known : `line-${step}`;
        const r = requestStock(inv, { lineId, orderId: orderOf(lineId), quantity: 1 + pick(4) }, c);
        outcome = expectOk(r);
        if (!redelivered) lines.push(lineId);
        if (redelivered) expect(outcome.changed).toBe(false);
      } else if (roll < 0.6) {
        outcome = expectOk(restock(inv, 1 + pick(5), c));
      } else if (roll < 0.8) {
        outcome = releaseClaim(inv, known, c);
      } else {
        const wasReserved = statusOf(inv, known) === 'reserved';
        const r = shipClaim(inv, known, c);
        if (!r.ok) {
          expect(r.error.code).toBe('INVENTORY.NOT_RESERVED');
          expect(statusOf(inv, known)).not.toBe('shipped');
          outcome = { state: inv, events: [], changed: false };
        } else {
          outcome = r.value;
          if (outcome.changed) expect(wasReserved).toBe(true);
        }
      }

      const { state, events, changed } = outcome;
      const where = { seed, step };
      expect({ ...where, balanced: isBalanced(state) }).toEqual({ ...where, balanced: true });
      expect(Math.min(state.available, state.reserved, state.shipped)).toBeGreaterThanOrEqual(0);
      expect({ ...where, reserved: state.reserved }).toEqual({ ...where, reserved: sum(state.claims, 'reserved') });
      expect({ ...where, shipped: state.shipped }).toEqual({ ...where, shipped: sum(state.claims, 'shipped') });
      if (changed) {
        expect(state.version).toBe(inv.version + 1);
        expect(state.updatedAt).toEqual(c.now);
      } else {
        expect(state).toBe(inv);
        expect(events).toEqual([]);
      }

      for (const e of events) {
        const data = e.data as { bookId: string; lineId: string; afterWaiting?: boolean; wasReserved?: boolean };
        expect(e).toMatchObject({ aggregateId: BOOK, orderId: orderOf(data.lineId), occurredAt: c.now });
        expect(data.bookId).toBe(BOOK);
        if (e.type === 'StockBackordered') queue.push(data.lineId);
        if (e.type === 'StockReleased' && data.wasReserved === false) queue.splice(queue.indexOf(data.lineId), 1);
        if (e.type === 'StockReserved' && data.afterWaiting) {
          // Served strictly first come, first served: only ever the head of the queue.
          expect({ ...where, served: data.lineId }).toEqual({ ...where, served: queue[0] });
          queue.shift();
        }
        if (e.type === 'StockShipped') shippedCopies += (e.data as { quantity: number }).quantity;
      }
      expect(waiting(state).map((cl) => cl.lineId)).toEqual(queue);
      // Nobody is left waiting who could be served from the shelf.
      const head = waiting(state)[0];
      if (head) expect(head.quantity).toBeGreaterThan(state.available);
      expect(state.shipped).toBe(shippedCopies);

      for (const e of events) seen.add(e.type === 'StockReserved' ? `StockReserved/${String(e.data.afterWaiting)}` : e.type);
      inv = state;
    }

    // The run took every path, so the checks above were not vacuous.
    expect([...seen].sort()).toEqual(['StockBackordered', 'StockReleased', 'StockReserved/false', 'StockReserved/true', 'StockShipped']);
  });
});
