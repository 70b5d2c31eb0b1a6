import { beforeEach, describe, expect, test } from 'vitest';
import type { Context, Transition } from '../shared/events';
import type { Result } from '../shared/result';
import type { ShippingAddress } from './address';
import {
  type LineStatus,
  type OrderRequest,
  type OrderRequestErrorCode,
  type RequestInput,
  cancelLine,
  chooseToWait,
  lineTotal,
  markBackordered,
  markReserved,
  markShipmentDelayed,
  money,
  recordCapture,
  recordDelivery,
  recordRelease,
  recordShipment,
  requestOrder,
  statusOf,
} from './order-request';

// A fixed clock and a counting id generator: every id and time in an assertion is predictable.
let seq = 0;
beforeEach(() => {
  seq = 0;
});
function ctx(at: string): Context {
  return { now: new Date(at), newId: () => `id-${++seq}` };
}

const REQUESTED_AT = '2025-06-15T09:00:00.000Z';
const LATER = '2025-06-15T09:01:00.000Z';
const DECISION_MS = 5 * 60_000;
/** LATER + DECISION_MS: when a line backordered at LATER must be answered for. */
const DECIDE_BY = '2025-06-15T09:06:00.000Z';
const MUCH_LATER = '2025-06-16T09:00:00.000Z';

const shipTo: ShippingAddress = {
  name: 'Ada Lovelace',
  line1: '12 St James Square',
  line2: null,
  city: 'London',
  postcode: 'SW1Y 4JH',
  country: 'GB',
};

const input: RequestInput = {
  id: 'request-1',
  customerId: 'customer-1',
  cardLast4: '4242',
  authorizationKey: 'auth-1',
  shipTo,
  lines: [
    { bookId: 'book-hobbit', title: 'The Hobbit', author: 'J. R. R. Tolkien', quantity: 2, unitPriceCents: 1299 },
    { bookId: 'book-dune', title: 'Dune', author: 'Frank Herbert', quantity: 1, unitPriceCents: 1499 },
  ],
};
const TOTAL = 2 * 1299 + 1499;
const HOBBIT_CENTS = 2 * 1299;

// Fixtures get their own ids, so the line ids are the same whatever a test did before.
const LINE = 'line-1'; // The Hobbit × 2
const OTHER = 'line-2'; // Dune × 1
function requested(): OrderRequest {
  let n = 0;
  return requestOrder(input, { now: new Date(REQUESTED_AT), newId: () => `line-${++n}` }).state;
}

function expectOk<T>(r: Result<T, OrderRequestErrorCode>): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.code}: ${r.error.message}`);
  return r.value;
}

// The steps a line goes through, each reduced to "a transition or a refusal".
const steps = {
  reserve: (r: OrderRequest, id: string, c: Context) => markReserved(r, id, c),
  backorder: (r: OrderRequest, id: string, c: Context) => markBackordered(r, id, DECISION_MS, c),
  wait: (r: OrderRequest, id: string, c: Context) => chooseToWait(r, id, c),
  cancel: (r: OrderRequest, id: string, c: Context) => cancelLine(r, id, 'customer', c),
  capture: (r: OrderRequest, id: string, c: Context) => recordCapture(r, id, HOBBIT_CENTS, c),
  release: (r: OrderRequest, id: string, c: Context) => recordRelease(r, id, HOBBIT_CENTS, c),
  delay: (r: OrderRequest, id: string, c: Context) => markShipmentDelayed(r, id, 'COURIER_UNAVAILABLE', c),
  ship: (r: OrderRequest, id: string, c: Context) => recordShipment(r, id, { carrier: 'Parcelforce', trackingNumber: 'PF123' }, c),
  deliver: (r: OrderRequest, id: string, c: Context) => recordDelivery(r, id, c),
} satisfies Record<string, (r: OrderRequest, id: string, c: Context) => Result<Transition<OrderRequest>, OrderRequestErrorCode>>;
type Step = keyof typeof steps;

function must(r: OrderRequest, step: Step, lineId = LINE, at = LATER): OrderRequest {
  return expectOk(steps[step](r, lineId, ctx(at))).state;
}

type Stage = LineStatus | 'waiting' | 'released';
const PATHS: Record<Stage, Step[]> = {
  reserving: [],
  reserved: ['reserve'],
  backordered: ['backorder'],
  waiting: ['backorder', 'wait'],
  captured: ['reserve', 'capture'],
  shipped: ['reserve', 'capture', 'ship'],
  delivered: ['reserve', 'capture', 'ship', 'deliver'],
  cancelled: ['backorder', 'cancel'],
  released: ['backorder', 'cancel', 'release'],
};

/** A request whose first line was brought to `stage` through the real transitions. */
function withLine(stage: Stage, lineId = LINE): OrderRequest {
  let r = requested();
  for (const s of PATHS[stage]) r = must(r, s, lineId);
  return r;
}

const line = (r: OrderRequest, lineId = LINE) => r.lines.find((l) => l.id === lineId);

/** The assertions every change shares: one version up, stamped now, only the one line touched. */
function expectChanged(before: OrderRequest, t: Transition<OrderRequest>, lineId = LINE, at = LATER) {
  expect(t.changed).toBe(true);
  expect(t.state.version).toBe(before.version + 1);
  expect(t.state.updatedAt).toEqual(new Date(at));
  expect(t.state.createdAt).toEqual(before.createdAt);
  expect(t.state.lines.filter((l) => l.id !== lineId)).toEqual(before.lines.filter((l) => l.id !== lineId));
  for (const e of t.events) {
    expect(e).toMatchObject({ aggregateId: 'request-1', orderId: 'request-1', occurredAt: new Date(at) });
  }
}

const noOp = (r: OrderRequest) => ({ ok: true, value: { state: r, events: [], changed: false } });

describe('requestOrder', () => {
  test('records the request as open at version 1, with the total of every line', () => {
    const { state, changed } = requestOrder(input, ctx(REQUESTED_AT));

    expect(changed).toBe(true);
    expect(state).toMatchObject({
      id: 'request-1',
      customerId: 'customer-1',
      status: 'open',
      version: 1,
      totalCents: TOTAL,
      cardLast4: '4242',
      authorizationKey: 'auth-1',
      shipTo,
    });
    expect(state.createdAt).toEqual(new Date(REQUESTED_AT));
    expect(state.updatedAt).toEqual(new Date(REQUESTED_AT));
  });

  test('every line starts reserving, with a fresh id, its position and nothing decided, taken or sent', () => {
    const { state } = requestOrder(input, ctx(REQUESTED_AT));

    expect(state.lines).toEqual([
      {
        id: 'id-1',
        position: 0,
        bookId: 'book-hobbit',
        title: 'The Hobbit',
        author: 'J. R. R. Tolkien',
        quantity: 2,
        unitPriceCents: 1299,
        status: 'reserving',
        decideBy: null,
        waiting: false,
        cancelReason: null,
        capturedCents: 0,
        releasedCents: 0,
        carrier: null,
        trackingNumber: null,
        shippedAt: null,
        deliveredAt: null,
        delayedSince: null,
      },
      expect.objectContaining({ id: 'id-2', position: 1, bookId: 'book-dune', status: 'reserving', quantity: 1 }),
    ]);
  });

  test('raises OrderRequested, then one LineRequested per line', () => {
    const { events } = requestOrder(input, ctx(REQUESTED_AT));

    const about = { aggregateId: 'request-1', orderId: 'request-1', occurredAt: new Date(REQUESTED_AT) };
    expect(events).toEqual([
      { id: 'id-3', type: 'OrderRequested', ...about, data: { totalCents: TOTAL, lines: 2, cardLast4: '4242', authorizedCents: TOTAL } },
      { id: 'id-4', type: 'LineRequested', ...about, data: { lineId: 'id-1', bookId: 'book-hobbit', title: 'The Hobbit', quantity: 2 } },
      { id: 'id-5', type: 'LineRequested', ...about, data: { lineId: 'id-2', bookId: 'book-dune', title: 'Dune', quantity: 1 } },
    ]);
  });

  test('a request with no lines is a bug, not a customer mistake: it throws', () => {
    expect(() => requestOrder({ ...input, lines: [] }, ctx(REQUESTED_AT))).toThrow();
  });
});

describe('lineTotal and money', () => {
  test('a line costs its quantity times its unit price', () => {
    expect(lineTotal({ quantity: 3, unitPriceCents: 999 })).toBe(2997);
  });

  test('a new request holds the whole total', () => {
    expect(money(requested())).toEqual({ authorizedCents: TOTAL, capturedCents: 0, releasedCents: 0, heldCents: TOTAL });
  });

  test('what was captured for one line and released for another is no longer held', () => {
    let r = must(requested(), 'reserve', LINE);
    r = must(r, 'capture', LINE);
    r = must(r, 'backorder', OTHER);
    r = must(r, 'cancel', OTHER);
    r = expectOk(recordRelease(r, OTHER, 1499, ctx(LATER))).state;

    expect(money(r)).toEqual({ authorizedCents: TOTAL, capturedCents: HOBBIT_CENTS, releasedCents: 1499, heldCents: 0 });
  });
});

describe('markReserved', () => {
  test('a reserving line becomes reserved and raises LineReserved with its amount', () => {
    const before = requested();

    const t = expectOk(markReserved(before, LINE, ctx(LATER)));

    expectChanged(before, t);
    expect(line(t.state)?.status).toBe('reserved');
    expect(t.events).toEqual([
      {
        id: 'id-1',
        type: 'LineReserved',
        aggregateId: 'request-1',
        orderId: 'request-1',
        occurredAt: new Date(LATER),
        data: { lineId: LINE, bookId: 'book-hobbit', title: 'The Hobbit', quantity: 2, amountCents: HOBBIT_CENTS },
      },
    ]);
  });

  test.each(['backordered', 'waiting'] as const)(
    'a %s line is reserved when a restock reaches it, and no longer has a deadline',
    (stage) => {
      const before = withLine(stage);

      const t = expectOk(markReserved(before, LINE, ctx(MUCH_LATER)));

      expectChanged(before, t, LINE, MUCH_LATER);
      expect(line(t.state)).toMatchObject({ status: 'reserved', decideBy: null });
      expect(t.events.map((e) => e.type)).toEqual(['LineReserved']);
    },
  );

  test.each(['reserved', 'captured', 'shipped', 'delivered', 'cancelled'] as const)(
    'a redelivered or late reservation of a %s line changes nothing',
    (stage) => {
      const before = withLine(stage);

      expect(markReserved(before, LINE, ctx(MUCH_LATER))).toEqual(noOp(before));
    },
  );
});

describe('markBackordered', () => {
  test('asks the customer to decide by now + the decision time, and says so in LineBackordered', () => {
    const before = requested();

    const t = expectOk(markBackordered(before, LINE, DECISION_MS, ctx(LATER)));

    expectChanged(before, t);
    expect(line(t.state)).toMatchObject({ status: 'backordered', decideBy: new Date(DECIDE_BY), waiting: false });
    expect(t.events).toEqual([
      {
        id: 'id-1',
        type: 'LineBackordered',
        aggregateId: 'request-1',
        orderId: 'request-1',
        occurredAt: new Date(LATER),
        data: { lineId: LINE, bookId: 'book-hobbit', title: 'The Hobbit', quantity: 2, decideBy: DECIDE_BY },
      },
    ]);
  });

  test.each(['backordered', 'reserved', 'cancelled'] as const)('backordering a %s line changes nothing', (stage) => {
    const before = withLine(stage);

    expect(markBackordered(before, LINE, DECISION_MS, ctx(MUCH_LATER))).toEqual(noOp(before));
  });
});

describe('chooseToWait', () => {
  test('keeps the line backordered, marks it waiting and drops the deadline', () => {
    const before = withLine('backordered');

    const t = expectOk(chooseToWait(before, LINE, ctx(LATER)));

    expectChanged(before, t);
    expect(line(t.state)).toMatchObject({ status: 'backordered', waiting: true, decideBy: null });
    expect(t.events.map((e) => [e.type, e.data])).toEqual([
      ['LineWaiting', { lineId: LINE, bookId: 'book-hobbit', title: 'The Hobbit', quantity: 2 }],
    ]);
  });

  test('choosing to wait twice changes nothing the second time', () => {
    const before = withLine('waiting');

    expect(chooseToWait(before, LINE, ctx(MUCH_LATER))).toEqual(noOp(before));
  });

  test.each(['reserving', 'reserved', 'captured', 'shipped', 'delivered', 'cancelled'] as const)(
    'waiting on a %s line is refused with LINE.NOT_BACKORDERED',
    (stage) => {
      expect(chooseToWait(withLine(stage), LINE, ctx(LATER))).toMatchObject({ ok: false, error: { code: 'LINE.NOT_BACKORDERED' } });
    },
  );
});

describe('cancelLine', () => {
  test('the customer cancels a backordered line: it is cancelled and LineCancelled says what it was worth', () => {
    const before = withLine('backordered');

    const t = expectOk(cancelLine(before, LINE, 'customer', ctx(LATER)));

    expectChanged(before, t);
    expect(line(t.state)).toMatchObject({ status: 'cancelled', cancelReason: 'customer', decideBy: null });
    expect(t.state.status).toBe('open'); // the other line is still on its way
    expect(t.events.map((e) => [e.type, e.data])).toEqual([
      [
        'LineCancelled',
        { lineId: LINE, bookId: 'book-hobbit', title: 'The Hobbit', quantity: 2, reason: 'customer', amountCents: HOBBIT_CENTS },
      ],
    ]);
  });

  test('the customer may still cancel after choosing to wait', () => {
    const t = expectOk(cancelLine(withLine('waiting'), LINE, 'customer', ctx(MUCH_LATER)));

    expect(line(t.state)).toMatchObject({ status: 'cancelled', cancelReason: 'customer' });
  });

  test('the automatic cancellation before the deadline changes nothing', () => {
    const before = withLine('backordered');

    expect(cancelLine(before, LINE, 'no-answer', ctx('2025-06-15T09:05:59.999Z'))).toEqual(noOp(before));
  });

  test.each([DECIDE_BY, MUCH_LATER])('the automatic cancellation at or after the deadline (%s) cancels for no answer', (at) => {
    const before = withLine('backordered');

    const t = expectOk(cancelLine(before, LINE, 'no-answer', ctx(at)));

    expectChanged(before, t, LINE, at);
    expect(line(t.state)).toMatchObject({ status: 'cancelled', cancelReason: 'no-answer', decideBy: null });
    expect(t.events.map((e) => [e.type, e.data])).toMatchObject([['LineCancelled', { reason: 'no-answer' }]]);
  });

  test('the automatic cancellation never touches a line whose customer chose to wait', () => {
    const before = withLine('waiting');

    expect(cancelLine(before, LINE, 'no-answer', ctx(MUCH_LATER))).toEqual(noOp(before));
  });

  test.each(['customer', 'no-answer'] as const)('cancelling a cancelled line again (%s) changes nothing', (reason) => {
    const before = withLine('cancelled');

    expect(cancelLine(before, LINE, reason, ctx(MUCH_LATER))).toEqual(noOp(before));
  });

  test.each(['reserving', 'reserved', 'captured', 'shipped', 'delivered'] as const)(
    'cancelling a %s line is refused with LINE.NOT_BACKORDERED',
    (stage) => {
      const result = cancelLine(withLine(stage), LINE, 'customer', ctx(LATER));

      expect(result).toMatchObject({ ok: false, error: { code: 'LINE.NOT_BACKORDERED' } });
    },
  );

  test('cancelling every line cancels the request', () => {
    let r = withLine('cancelled');
    r = must(r, 'backorder', OTHER);
    r = must(r, 'cancel', OTHER);

    expect(r.status).toBe('cancelled');
  });
});

describe('recordCapture', () => {
  test('a reserved line is captured for the amount taken', () => {
    const before = withLine('reserved');

    const t = expectOk(recordCapture(before, LINE, HOBBIT_CENTS, ctx(LATER)));

    expectChanged(before, t);
    expect(line(t.state)).toMatchObject({ status: 'captured', capturedCents: HOBBIT_CENTS });
    expect(t.events.map((e) => [e.type, e.data])).toEqual([
      ['PaymentCaptured', { lineId: LINE, bookId: 'book-hobbit', title: 'The Hobbit', quantity: 2, amountCents: HOBBIT_CENTS }],
    ]);
  });

  test.each(['captured', 'shipped', 'delivered'] as const)('capturing a %s line again changes nothing', (stage) => {
    const before = withLine(stage);

    expect(recordCapture(before, LINE, HOBBIT_CENTS, ctx(MUCH_LATER))).toEqual(noOp(before));
  });

  test.each(['reserving', 'backordered', 'waiting', 'cancelled', 'released'] as const)(
    'capturing a %s line is refused with LINE.INVALID_STEP',
    (stage) => {
      expect(recordCapture(withLine(stage), LINE, HOBBIT_CENTS, ctx(LATER))).toMatchObject({
        ok: false,
        error: { code: 'LINE.INVALID_STEP' },
      });
    },
  );
});

describe('recordRelease', () => {
  test("a cancelled line's share of the hold is given back, once", () => {
    const before = withLine('cancelled');

    const t = expectOk(recordRelease(before, LINE, HOBBIT_CENTS, ctx(LATER)));

    expectChanged(before, t);
    expect(line(t.state)).toMatchObject({ status: 'cancelled', releasedCents: HOBBIT_CENTS, capturedCents: 0 });
    expect(t.events.map((e) => [e.type, e.data])).toEqual([
      ['PaymentReleased', { lineId: LINE, bookId: 'book-hobbit', title: 'The Hobbit', quantity: 2, amountCents: HOBBIT_CENTS }],
    ]);
    expect(recordRelease(t.state, LINE, HOBBIT_CENTS, ctx(MUCH_LATER))).toEqual(noOp(t.state));
  });

  test.each(['reserving', 'reserved', 'backordered', 'waiting', 'captured', 'shipped', 'delivered'] as const)(
    'releasing money for a %s line is refused with LINE.INVALID_STEP',
    (stage) => {
      expect(recordRelease(withLine(stage), LINE, HOBBIT_CENTS, ctx(LATER))).toMatchObject({
        ok: false,
        error: { code: 'LINE.INVALID_STEP' },
      });
    },
  );
});

describe('recordShipment and recordDelivery', () => {
  test('a captured line ships with its carrier, tracking number and the time it left', () => {
    const before = withLine('captured');
    const parcel = { carrier: 'Royal Mail', trackingNumber: 'RM123456789GB' };

    const t = expectOk(recordShipment(before, LINE, parcel, ctx(LATER)));

    expectChanged(before, t);
    expect(line(t.state)).toMatchObject({ status: 'shipped', ...parcel, shippedAt: new Date(LATER), deliveredAt: null });
    expect(t.events.map((e) => [e.type, e.data])).toEqual([
      ['LineShipped', { lineId: LINE, bookId: 'book-hobbit', title: 'The Hobbit', quantity: 2, ...parcel }],
    ]);
  });

  test.each(['shipped', 'delivered'] as const)('shipping a %s line again changes nothing', (stage) => {
    const before = withLine(stage);

    expect(steps.ship(before, LINE, ctx(MUCH_LATER))).toEqual(noOp(before));
  });

  test.each(['reserving', 'reserved', 'backordered', 'cancelled'] as const)(
    'shipping a %s line (not yet paid for) is refused with LINE.INVALID_STEP',
    (stage) => {
      expect(steps.ship(withLine(stage), LINE, ctx(LATER))).toMatchObject({ ok: false, error: { code: 'LINE.INVALID_STEP' } });
    },
  );

  test('a shipped line is delivered, with the time it arrived', () => {
    const before = withLine('shipped');

    const t = expectOk(recordDelivery(before, LINE, ctx(MUCH_LATER)));

    expectChanged(before, t, LINE, MUCH_LATER);
    expect(line(t.state)).toMatchObject({ status: 'delivered', deliveredAt: new Date(MUCH_LATER), shippedAt: new Date(LATER) });
    expect(t.events.map((e) => [e.type, e.data])).toEqual([
      ['LineDelivered', { lineId: LINE, bookId: 'book-hobbit', title: 'The Hobbit', quantity: 2 }],
    ]);
    expect(recordDelivery(t.state, LINE, ctx(MUCH_LATER))).toEqual(noOp(t.state));
  });

  test.each(['reserving', 'reserved', 'captured', 'backordered', 'cancelled'] as const)(
    'delivering a %s line (not shipped) is refused with LINE.INVALID_STEP',
    (stage) => {
      expect(recordDelivery(withLine(stage), LINE, ctx(LATER))).toMatchObject({ ok: false, error: { code: 'LINE.INVALID_STEP' } });
    },
  );
});

describe('markShipmentDelayed', () => {
  test('a captured line the courier would not take is marked delayed, and the customer is told once', () => {
    const before = withLine('captured');

    const t = expectOk(markShipmentDelayed(before, LINE, 'COURIER_UNAVAILABLE', ctx(LATER)));

    expectChanged(before, t);
    expect(line(t.state)).toMatchObject({ status: 'captured', delayedSince: new Date(LATER) });
    expect(t.events.map((e) => [e.type, e.data])).toEqual([
      ['ShipmentDelayed', { lineId: LINE, bookId: 'book-hobbit', title: 'The Hobbit', quantity: 2, problem: 'COURIER_UNAVAILABLE' }],
    ]);
    // Every further failed try leaves it as it was: delayed since the first.
    expect(markShipmentDelayed(t.state, LINE, 'COURIER_UNAVAILABLE', ctx(MUCH_LATER))).toEqual(noOp(t.state));
  });

  test.each(['reserving', 'reserved', 'backordered', 'shipped', 'delivered', 'cancelled'] as const)(
    'a %s line (not waiting for the courier) is left as it is',
    (stage) => {
      const before = withLine(stage);

      expect(markShipmentDelayed(before, LINE, 'COURIER_UNAVAILABLE', ctx(LATER))).toEqual(noOp(before));
    },
  );

  test('shipping a delayed line clears the delay and says how long it lasted', () => {
    const delayed = must(withLine('captured'), 'delay');
    const parcel = { carrier: 'Royal Mail', trackingNumber: 'RM123456789GB' };

    const t = expectOk(recordShipment(delayed, LINE, parcel, ctx(MUCH_LATER)));

    expect(line(t.state)).toMatchObject({ status: 'shipped', delayedSince: null, shippedAt: new Date(MUCH_LATER) });
    expect(t.events[0]?.data).toMatchObject({ ...parcel, delayedSince: LATER });
  });
});

describe('statusOf', () => {
  test.each([
    [['reserving'], 'open'],
    [['delivered', 'shipped'], 'open'],
    [['cancelled', 'backordered'], 'open'],
    [['delivered', 'delivered'], 'completed'],
    [['delivered', 'cancelled'], 'completed'],
    [['cancelled', 'cancelled'], 'cancelled'],
  ] as const)('lines %j make the request %s', (statuses, expected) => {
    expect(statusOf(statuses.map((status) => ({ status })))).toBe(expected);
  });

  test('the request follows its lines: completed once every line is delivered', () => {
    let r = withLine('delivered');
    expect(r.status).toBe('open');
    for (const s of PATHS.delivered) r = must(r, s, OTHER);

    expect(r.status).toBe('completed');
    expect(r.version).toBe(1 + 2 * PATHS.delivered.length); // one version per change
  });
});

describe('every step', () => {
  test.each(Object.keys(steps) as Step[])('%s on a line the request does not have is refused with LINE.NOT_FOUND', (step) => {
    const before = requested();

    expect(steps[step](before, 'line-9', ctx(LATER))).toMatchObject({ ok: false, error: { code: 'LINE.NOT_FOUND' } });
  });

  test.each(Object.keys(steps) as Step[])('%s never mutates the request it was given', (step) => {
    for (const stage of Object.keys(PATHS) as Stage[]) {
      const before = withLine(stage);
      const snapshot = structuredClone(before);

      steps[step](before, LINE, ctx(LATER));

      expect({ stage, before }).toEqual({ stage, before: snapshot });
    }
  });

  test.each(Object.keys(steps) as Step[])('%s applied twice in a row is a no-op the second time, from any stage', (step) => {
    for (const stage of Object.keys(PATHS) as Stage[]) {
      const once = steps[step](withLine(stage), LINE, ctx(LATER));
      if (!once.ok || !once.value.changed) continue;
      const twice = steps[step](once.value.state, LINE, ctx(MUCH_LATER));

      expect({ stage, twice }).toEqual({ stage, twice: noOp(once.value.state) });
    }
  });

  test('money is never both captured and released for the same line, whatever order the steps come in', () => {
    const all = Object.keys(steps) as Step[];
    let attempts: Step[][] = [[]];
    for (let n = 0; n < 4; n++) attempts = attempts.flatMap((a) => all.map((s) => [...a, s]));
    for (const attempt of attempts) {
      let r = requested();
      for (const s of attempt) {
        const next = steps[s](r, LINE, ctx(LATER));
        if (next.ok) r = next.value.state;
      }
      const l = line(r);
      const both = (l?.capturedCents ?? 0) > 0 && (l?.releasedCents ?? 0) > 0;
      expect({ attempt, both }).toEqual({ attempt, both: false });
      expect(money(r).heldCents).toBeGreaterThanOrEqual(0);
    }
  });
});
