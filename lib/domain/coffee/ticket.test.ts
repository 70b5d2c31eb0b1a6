import { beforeEach, describe, expect, test } from 'vitest';
import type { Context, Transition } from '../shared/events';
import {
  type BaristaStep,
  type LastChange,
  type Ticket,
  type TicketErrorCode,
  type TicketStatus,
  cancelTicket,
  checkSeen,
  confirmPayment,
  drinkCount,
  finishDrink,
  handOver,
  needsOatMilk,
  openTicket,
  readyByHand,
  spillDrink,
  startByHand,
  startDrink,
  tossByHand,
} from './ticket';

// A fixed clock and a counting id generator: every id and time in an assertion is predictable.
let seq = 0;
beforeEach(() => {
  seq = 0;
});
function ctx(at: string): Context {
  return { now: new Date(at), newId: () => `id-${++seq}` };
}

const OPENED_AT = '2025-06-15T09:00:00.000Z';
const LATER = '2025-06-15T09:05:00.000Z';

const drinks = [
  { name: 'Latte', size: 'L', milk: 'oat', quantity: 2 },
  { name: 'Espresso', size: 'M', milk: null, quantity: 1 },
];

function open(): Ticket {
  return openTicket({ id: 'ticket-1', orderId: 'order-1', customerName: 'Ada', drinks, station: 1 }, ctx(OPENED_AT)).state;
}

// The five things that can happen to a ticket, each reduced to "a transition or a refusal".
const moves = {
  start: (t: Ticket, c: Context) => startDrink(t, c),
  finish: (t: Ticket, c: Context) => finishDrink(t, c),
  confirm: (t: Ticket, c: Context) => confirmPayment(t, c),
  cancel: (t: Ticket, c: Context) => cancelTicket(t, 'payment declined', c),
  handOver: (t: Ticket, c: Context) => handOver(t, c),
} satisfies Record<string, (t: Ticket, c: Context) => Transition<Ticket> | ReturnType<typeof handOver>>;
type Move = keyof typeof moves;

function apply(t: Ticket, move: Move, c: Context): Transition<Ticket> | { error: TicketErrorCode } {
  const r = moves[move](t, c);
  if ('ok' in r) return r.ok ? r.value : { error: r.error.code };
  return r;
}

function must(t: Ticket, move: Move, at = LATER): Ticket {
  const r = apply(t, move, ctx(at));
  if ('error' in r) throw new Error(`${move} refused: ${r.error}`);
  return r.state;
}

/** A ticket brought to `status` through the real transitions (paid first, if asked). */
function ticketIn(status: TicketStatus, paid: boolean): Ticket {
  let t = open();
  if (paid) t = must(t, 'confirm');
  const path: Record<TicketStatus, Move[]> = {
    queued: [],
    making: ['start'],
    ready: ['start', 'finish'],
    collected: ['start', 'finish', 'handOver'],
    discarded: ['cancel'],
    tossed: ['start', 'cancel'],
  };
  for (const m of path[status]) t = must(t, m);
  expect(t.status).toBe(status);
  return t;
}

describe('openTicket', () => {
  test('opens a queued, unpaid ticket at version 1 and raises TicketOpened with the number of drinks', () => {
    const { state, events, changed } = openTicket(
      { id: 'ticket-1', orderId: 'order-1', customerName: 'Ada', drinks, station: 1 },
      ctx(OPENED_AT),
    );

    expect(changed).toBe(true);
    expect(state).toMatchObject({ id: 'ticket-1', orderId: 'order-1', status: 'queued', paid: false, version: 1 });
    expect(state).toMatchObject({ startedAt: null, readyAt: null, closedAt: null });
    expect(state.openedAt).toEqual(new Date(OPENED_AT));
    expect(events).toEqual([
      {
        id: 'id-1',
        type: 'TicketOpened',
        aggregateId: 'ticket-1',
        orderId: 'order-1',
        occurredAt: new Date(OPENED_AT),
        data: { customerName: 'Ada', drinks: 3 },
      },
    ]);
  });
});

describe('drinkCount', () => {
  test('counts every cup, not every line', () => {
    expect(drinkCount({ drinks })).toBe(3);
  });

  test('is zero for a ticket with no drinks', () => {
    expect(drinkCount({ drinks: [] })).toBe(0);
  });
});

describe('the life of a ticket', () => {
  test('starting records when the barista started and raises DrinkStarted', () => {
    const { state, events } = startDrink(open(), ctx(LATER));

    expect(state.startedAt).toEqual(new Date(LATER));
    expect(events.map((e) => [e.type, e.aggregateId, e.orderId, e.occurredAt])).toEqual([
      ['DrinkStarted', 'ticket-1', 'order-1', new Date(LATER)],
    ]);
  });

  test('finishing records when the drink was ready and tells whether it is paid', () => {
    const making = ticketIn('making', true);

    const { state, events } = finishDrink(making, ctx('2025-06-15T09:06:00.000Z'));

    expect(state.readyAt).toEqual(new Date('2025-06-15T09:06:00.000Z'));
    expect(events).toEqual([
      {
        id: expect.any(String),
        type: 'DrinkReady',
        aggregateId: 'ticket-1',
        orderId: 'order-1',
        occurredAt: new Date('2025-06-15T09:06:00.000Z'),
        data: { customerName: 'Ada', paid: true },
      },
    ]);
  });

  test('confirming the payment marks the ticket paid and raises TicketPaid (the board enables Hand over on it)', () => {
    const ticket = open();
    const { state, events, changed } = confirmPayment(ticket, ctx(LATER));

    expect(changed).toBe(true);
    expect(state.paid).toBe(true);
    expect(events).toMatchObject([{ type: 'TicketPaid', aggregateId: ticket.id, orderId: ticket.orderId, data: {} }]);
    expect(confirmPayment(state, ctx(LATER))).toMatchObject({ changed: false, events: [] });
  });

  test('handing over a paid, ready drink closes the ticket and raises DrinkHandedOver', () => {
    const ready = ticketIn('ready', true);

    const result = handOver(ready, ctx('2025-06-15T09:07:00.000Z'));

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.state.status).toBe('collected');
    expect(result.value.state.closedAt).toEqual(new Date('2025-06-15T09:07:00.000Z'));
    expect(result.value.events.map((e) => e.type)).toEqual(['DrinkHandedOver']);
  });

  test('cancelling a queued ticket discards it with the reason given', () => {
    const { state, events } = cancelTicket(open(), 'payment timed out', ctx(LATER));

    expect(state.status).toBe('discarded');
    expect(state.closedAt).toEqual(new Date(LATER));
    expect(events).toEqual([
      {
        id: expect.any(String),
        type: 'TicketDiscarded',
        aggregateId: 'ticket-1',
        orderId: 'order-1',
        occurredAt: new Date(LATER),
        data: { reason: 'payment timed out' },
      },
    ]);
  });

  test.each(['making', 'ready'] as const)('cancelling a %s ticket tosses the drink and says what it was', (was) => {
    const { state, events } = cancelTicket(ticketIn(was, false), 'payment declined', ctx(LATER));

    expect(state.status).toBe('tossed');
    expect(state.closedAt).toEqual(new Date(LATER));
    expect(events.map((e) => [e.type, e.data])).toEqual([['DrinkTossed', { reason: 'payment declined', wasStatus: was }]]);
  });

  test('a drink tossed while being made never becomes ready, even when the brew job finishes later', () => {
    const tossed = cancelTicket(ticketIn('making', false), 'payment declined', ctx(LATER)).state;

    const finished = finishDrink(tossed, ctx('2025-06-15T09:06:00.000Z'));

    expect(finished).toEqual({ state: tossed, events: [], changed: false });
    expect(finished.state.readyAt).toBeNull();
  });

  test('an unpaid ready drink stays on the counter until the payment is confirmed', () => {
    const ready = ticketIn('ready', false);
    expect(handOver(ready, ctx(LATER))).toMatchObject({ ok: false, error: { code: 'TICKET.UNPAID' } });

    const paid = confirmPayment(ready, ctx(LATER)).state;

    expect(handOver(paid, ctx(LATER))).toMatchObject({ ok: true, value: { state: { status: 'collected' } } });
  });
});

// Every (status × transition) pair, written out as the rules say it, so a reader can check the
// table against the rules and the test checks the code against the table.
type Outcome = 'no-op' | { to?: TicketStatus; paid?: true; event: string | null } | { refused: TicketErrorCode };

const toss = { to: 'tossed', event: 'DrinkTossed' } as const;
const paysNow = { paid: true, event: 'TicketPaid' } as const; // status unchanged, now paid

const RULES: [TicketStatus, 'unpaid' | 'paid', Record<Move, Outcome>][] = [
  [
    'queued',
    'unpaid',
    {
      start: { to: 'making', event: 'DrinkStarted' },
      finish: 'no-op',
      confirm: paysNow,
      cancel: { to: 'discarded', event: 'TicketDiscarded' },
      handOver: { refused: 'TICKET.NOT_READY' },
    },
  ],
  [
    'queued',
    'paid',
    {
      start: { to: 'making', event: 'DrinkStarted' },
      finish: 'no-op',
      confirm: 'no-op',
      cancel: { to: 'discarded', event: 'TicketDiscarded' },
      handOver: { refused: 'TICKET.NOT_READY' },
    },
  ],
  [
    'making',
    'unpaid',
    {
      start: 'no-op',
      finish: { to: 'ready', event: 'DrinkReady' },
      confirm: paysNow,
      cancel: toss,
      handOver: { refused: 'TICKET.NOT_READY' },
    },
  ],
  [
    'making',
    'paid',
    {
      start: 'no-op',
      finish: { to: 'ready', event: 'DrinkReady' },
      confirm: 'no-op',
      cancel: toss,
      handOver: { refused: 'TICKET.NOT_READY' },
    },
  ],
  ['ready', 'unpaid', { start: 'no-op', finish: 'no-op', confirm: paysNow, cancel: toss, handOver: { refused: 'TICKET.UNPAID' } }],
  [
    'ready',
    'paid',
    { start: 'no-op', finish: 'no-op', confirm: 'no-op', cancel: toss, handOver: { to: 'collected', event: 'DrinkHandedOver' } },
  ],
  ['collected', 'paid', { start: 'no-op', finish: 'no-op', confirm: 'no-op', cancel: 'no-op', handOver: 'no-op' }],
  ['discarded', 'unpaid', { start: 'no-op', finish: 'no-op', confirm: paysNow, cancel: 'no-op', handOver: { refused: 'TICKET.CLOSED' } }],
  ['discarded', 'paid', { start: 'no-op', finish: 'no-op', confirm: 'no-op', cancel: 'no-op', handOver: { refused: 'TICKET.CLOSED' } }],
  ['tossed', 'unpaid', { start: 'no-op', finish: 'no-op', confirm: paysNow, cancel: 'no-op', handOver: { refused: 'TICKET.CLOSED' } }],
  ['tossed', 'paid', { start: 'no-op', finish: 'no-op', confirm: 'no-op', cancel: 'no-op', handOver: { refused: 'TICKET.CLOSED' } }],
];

const CASES = RULES.flatMap(([status, paid, row]) =>
  (Object.keys(moves) as Move[]).map((move) => ({ status, paid, move, outcome: row[move] })),
);

describe('every status × transition pair follows the rules', () => {
  test('the table covers every status and every transition', () => {
    const statuses: TicketStatus[] = ['queued', 'making', 'ready', 'collected', 'discarded', 'tossed'];
    expect(new Set(RULES.map(([s]) => s))).toEqual(new Set(statuses));
    expect(CASES).toHaveLength(RULES.length * Object.keys(moves).length);
  });

  test.each(CASES)('$move on a $paid $status ticket', ({ status, paid, move, outcome }) => {
    const before = ticketIn(status, paid === 'paid');
    const snapshot = structuredClone(before);

    const result = apply(before, move, ctx(LATER));

    expect(before).toEqual(snapshot); // the input is never mutated
    if (outcome === 'no-op') {
      expect(result).toEqual({ state: before, events: [], changed: false });
    } else if ('refused' in outcome) {
      expect(result).toEqual({ error: outcome.refused });
    } else {
      if ('error' in result) throw new Error(`unexpectedly refused: ${result.error}`);
      expect(result.changed).toBe(true);
      expect(result.state.status).toBe(outcome.to ?? status);
      expect(result.state.paid).toBe(outcome.paid ?? before.paid);
      expect(result.state.version).toBe(before.version + 1);
      expect(result.state.updatedAt).toEqual(new Date(LATER));
      expect(result.events.map((e) => e.type)).toEqual(outcome.event ? [outcome.event] : []);
      for (const e of result.events) {
        expect(e).toMatchObject({ aggregateId: 'ticket-1', orderId: 'order-1', occurredAt: new Date(LATER) });
      }
    }
  });
});

/** Every sequence of `alphabet` of length 1..maxLength. */
function sequences<T>(alphabet: readonly T[], maxLength: number): T[][] {
  const out: T[][] = [];
  let layer: T[][] = [[]];
  for (let n = 1; n <= maxLength; n++) {
    layer = layer.flatMap((s) => alphabet.map((a) => [...s, a]));
    out.push(...layer);
  }
  return out;
}

describe('replaying events', () => {
  // The messages a ticket reacts to, as the workers deliver them: the brew job starts then
  // finishes (brew-drink.ts), PaymentApproved confirms, OrderCancelled cancels.
  type Message = 'brew' | 'confirm' | 'cancel';
  const deliver: Record<Message, Move[]> = { brew: ['start', 'finish'], confirm: ['confirm'], cancel: ['cancel'] };

  function run(t: Ticket, messages: Message[]): { state: Ticket; changes: number } {
    let changes = 0;
    for (const m of messages) {
      for (const move of deliver[m]) {
        const r = apply(t, move, ctx(LATER));
        if ('error' in r) throw new Error(`${move} refused: ${r.error}`);
        if (r.changed) changes++;
        if (!r.changed) expect(r.events).toEqual([]);
        t = r.state;
      }
    }
    return { state: t, changes };
  }

  test('redelivering any sequence of messages a second time changes nothing', () => {
    const all = sequences<Message>(['brew', 'confirm', 'cancel'], 5);
    for (const messages of all) {
      const first = run(open(), messages);
      const second = run(first.state, messages);

      expect({ messages, changes: second.changes }).toEqual({ messages, changes: 0 });
      expect(second.state).toEqual(first.state);
    }
  });

  test('replaying the history of any sequence of transitions a second time changes nothing', () => {
    // Any order of commands at all, including ones that are refused or do nothing; the history is
    // the transitions that took effect. Replaying that history must be a no-op throughout.
    const all = sequences<Move>(Object.keys(moves) as Move[], 5);
    for (const attempt of all) {
      let t = open();
      const history: Move[] = [];
      for (const move of attempt) {
        const r = apply(t, move, ctx(LATER));
        if ('error' in r || !r.changed) continue;
        history.push(move);
        t = r.state;
      }

      for (const move of history) {
        const again = apply(t, move, ctx('2025-06-15T09:10:00.000Z'));
        expect({ history, move, again }).toEqual({ history, move, again: { state: t, events: [], changed: false } });
      }
    }
  });

  test('every transition applied twice in a row is a no-op the second time', () => {
    for (const { status, paid, move } of CASES) {
      const once = apply(ticketIn(status, paid === 'paid'), move, ctx(LATER));
      if ('error' in once) continue; // a refusal changes nothing to begin with
      const twice = apply(once.state, move, ctx('2025-06-15T09:10:00.000Z'));
      expect({ status, paid, move, twice }).toEqual({
        status,
        paid,
        move,
        twice: { state: once.state, events: [], changed: false },
      });
    }
  });
});

// --- the barista's hands and the machine's spills -------------------------------------------------

describe('spilling a drink', () => {
  test.each(['making', 'ready'] as const)('a %s drink goes back in the queue, counted as a remake', (was) => {
    const before = ticketIn(was, true);

    const { state, events, changed } = spillDrink(before, ctx(LATER));

    expect(changed).toBe(true);
    expect(state).toMatchObject({ status: 'queued', remakes: 1, startedAt: null, readyAt: null, paid: true });
    expect(state.version).toBe(before.version + 1);
    expect(events.map((e) => [e.type, e.data])).toEqual([['DrinkSpilled', { wasStatus: was, remakes: 1 }]]);
  });

  test('the remade drink is started and finished like the first one, and spilt again it counts twice', () => {
    let t = spillDrink(ticketIn('making', true), ctx(LATER)).state;
    t = must(t, 'start', '2025-06-15T09:06:00.000Z');
    expect(t.startedAt).toEqual(new Date('2025-06-15T09:06:00.000Z'));
    t = spillDrink(t, ctx(LATER)).state;
    expect(t.remakes).toBe(2);
    t = must(must(t, 'start'), 'finish');
    expect(t).toMatchObject({ status: 'ready', remakes: 2 });
  });

  test.each(['queued', 'collected', 'discarded', 'tossed'] as const)('there is nothing to spill on a %s ticket: no-op', (status) => {
    const before = ticketIn(status, true);
    expect(spillDrink(before, ctx(LATER))).toEqual({ state: before, events: [], changed: false });
  });

  test('a barista who tosses a drink is named on the event', () => {
    const result = tossByHand(ticketIn('ready', true), ctx(LATER), 'Ada');
    expect(result).toMatchObject({
      ok: true,
      value: { events: [{ type: 'DrinkSpilled', data: { wasStatus: 'ready', remakes: 1, by: 'Ada' } }] },
    });
  });
});

describe("a barista's steps are strict", () => {
  const steps = {
    start: (t: Ticket, c: Context) => startByHand(t, c, 'Ada'),
    ready: (t: Ticket, c: Context) => readyByHand(t, c, 'Ada'),
    toss: (t: Ticket, c: Context) => tossByHand(t, c, 'Ada'),
    handOver: (t: Ticket, c: Context) => handOver(t, c, 'Ada'),
  };
  type Step = keyof typeof steps;
  type StepOutcome = { to: TicketStatus; event: string } | { refused: TicketErrorCode } | 'no-op';

  // What each button does on a paid ticket in each status.
  const TABLE: [TicketStatus, Record<Step, StepOutcome>][] = [
    [
      'queued',
      {
        start: { to: 'making', event: 'DrinkStarted' },
        ready: { refused: 'TICKET.NOT_MAKING' },
        toss: { refused: 'TICKET.NOTHING_TO_TOSS' },
        handOver: { refused: 'TICKET.NOT_READY' },
      },
    ],
    [
      'making',
      {
        start: { refused: 'TICKET.NOT_QUEUED' },
        ready: { to: 'ready', event: 'DrinkReady' },
        toss: { to: 'queued', event: 'DrinkSpilled' },
        handOver: { refused: 'TICKET.NOT_READY' },
      },
    ],
    [
      'ready',
      {
        start: { refused: 'TICKET.NOT_QUEUED' },
        ready: { refused: 'TICKET.NOT_MAKING' },
        toss: { to: 'queued', event: 'DrinkSpilled' },
        handOver: { to: 'collected', event: 'DrinkHandedOver' },
      },
    ],
    [
      'collected',
      { start: { refused: 'TICKET.CLOSED' }, ready: { refused: 'TICKET.CLOSED' }, toss: { refused: 'TICKET.CLOSED' }, handOver: 'no-op' },
    ],
    [
      'discarded',
      {
        start: { refused: 'TICKET.CLOSED' },
        ready: { refused: 'TICKET.CLOSED' },
        toss: { refused: 'TICKET.CLOSED' },
        handOver: { refused: 'TICKET.CLOSED' },
      },
    ],
    [
      'tossed',
      {
        start: { refused: 'TICKET.CLOSED' },
        ready: { refused: 'TICKET.CLOSED' },
        toss: { refused: 'TICKET.CLOSED' },
        handOver: { refused: 'TICKET.CLOSED' },
      },
    ],
  ];
  const STEP_CASES = TABLE.flatMap(([status, row]) => (Object.keys(steps) as Step[]).map((step) => ({ status, step, outcome: row[step] })));

  test.each(STEP_CASES)('$step on a paid $status ticket', ({ status, step, outcome }) => {
    const before = ticketIn(status, status !== 'discarded');
    const snapshot = structuredClone(before);

    const result = steps[step](before, ctx(LATER));

    expect(before).toEqual(snapshot);
    if (outcome === 'no-op') {
      expect(result).toEqual({ ok: true, value: { state: before, events: [], changed: false } });
    } else if ('refused' in outcome) {
      expect(result).toMatchObject({ ok: false, error: { code: outcome.refused } });
      if (!result.ok) expect(result.error.message).not.toBe('');
    } else {
      if (!result.ok) throw new Error(`unexpectedly refused: ${result.error.code}`);
      expect(result.value.state.status).toBe(outcome.to);
      expect(result.value.state.version).toBe(before.version + 1);
      expect(result.value.events.map((e) => [e.type, e.data.by])).toEqual([[outcome.event, 'Ada']]);
    }
  });

  test('started and finished by hand, the times are recorded like the machine records them', () => {
    const started = startByHand(open(), ctx(LATER), 'Ada');
    if (!started.ok) throw new Error(started.error.code);
    expect(started.value.state).toMatchObject({ status: 'making', startedAt: new Date(LATER) });
    const ready = readyByHand(started.value.state, ctx('2025-06-15T09:06:00.000Z'), 'Bo');
    if (!ready.ok) throw new Error(ready.error.code);
    expect(ready.value.state.readyAt).toEqual(new Date('2025-06-15T09:06:00.000Z'));
    expect(ready.value.events[0]?.data).toEqual({ customerName: 'Ada', paid: false, by: 'Bo' });
  });

  test("the machine's events name nobody", () => {
    expect(startDrink(open(), ctx(LATER)).events[0]?.data).toEqual({});
  });
});

describe('pressing a button on an out-of-date board', () => {
  test('the version the barista saw is the version there is: go ahead', () => {
    const t = ticketIn('queued', true);
    expect(checkSeen(t, t.version, 'start', null, 'Ada')).toEqual({ ok: true, value: null });
  });

  const refusal = (t: Ticket, step: BaristaStep, last: LastChange | null, me = 'Ada') => {
    const r = checkSeen(t, t.version - 1, step, last, me);
    if (r.ok) throw new Error('expected TICKET.CHANGED');
    expect(r.error.code).toBe('TICKET.CHANGED');
    return r.error.message;
  };

  test.each<[string, TicketStatus, BaristaStep, LastChange | null, string]>([
    ['another barista started it', 'making', 'start', { type: 'DrinkStarted', by: 'Bo' }, 'Bo already started this drink.'],
    ['nobody is named', 'making', 'start', null, 'Someone else already started this drink.'],
    ['the machine started it', 'making', 'start', { type: 'DrinkStarted' }, 'The machine already started this drink.'],
    ['the same barista, in another tab', 'making', 'start', { type: 'DrinkStarted', by: 'Ada' }, 'You already started this drink.'],
    ['it was finished', 'ready', 'toss', { type: 'DrinkReady', by: 'Bo' }, 'Bo already finished this drink — it is ready.'],
    ['it was handed over', 'collected', 'handOver', { type: 'DrinkHandedOver', by: 'Bo' }, 'Bo already handed this drink over.'],
    [
      'it was handed over through the API',
      'collected',
      'handOver',
      { type: 'DrinkHandedOver' },
      'Someone else already handed this drink over.',
    ],
    [
      'it was tossed',
      'queued',
      'ready',
      { type: 'DrinkSpilled', by: 'Bo' },
      'Bo tossed this drink meanwhile — it is back in the queue to be made again.',
    ],
    [
      'the order was cancelled',
      'discarded',
      'start',
      { type: 'TicketDiscarded' },
      'The order was cancelled meanwhile, so the ticket went in the bin.',
    ],
  ])('%s', (_, status, step, last, message) => {
    expect(refusal(ticketIn(status, status !== 'discarded'), step, last)).toBe(message);
  });

  test('a change that did not move the drink (the payment arrived) is still a change, and says so', () => {
    const t = confirmPayment(open(), ctx(LATER)).state;
    expect(refusal(t, 'start', { type: 'TicketOpened' })).toBe(
      'The ticket changed meanwhile (the payment came through). Look again and press once more.',
    );
  });

  test('a drink started and tossed since the barista looked is back in the queue, and says so', () => {
    const t = spillDrink(ticketIn('making', true), ctx(LATER)).state;
    expect(refusal(t, 'start', { type: 'DrinkSpilled', by: 'Bo' })).toBe(
      'Bo tossed this drink meanwhile — it is back in the queue. Look again and press once more.',
    );
  });
});

describe('needsOatMilk', () => {
  test('is true when any drink is made with oat milk', () => {
    expect(needsOatMilk({ drinks })).toBe(true);
    expect(needsOatMilk({ drinks: [{ name: 'Tea', size: 'S', milk: null, quantity: 1 }] })).toBe(false);
    expect(needsOatMilk({ drinks: [{ name: 'Latte', size: 'S', milk: 'whole', quantity: 1 }] })).toBe(false);
  });
});
