// The event contracts at run time: every type the code raises has one, each accepts what the
// aggregates write (and survives the trip through the outbox's JSON), and data a handler could not
// use is refused — at the outbox, and again when the worker reads a job.
import { randomUUID } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isRoutable, readEventJob } from '../queue/topology';
import {
  EVENT_CONTRACTS,
  EVENT_TYPES,
  type EventData,
  type EventType,
  EventContractBroken,
  assertContracts,
  checkEventData,
} from './contracts';

const LINE = { lineId: randomUUID(), bookId: randomUUID(), title: 'Wolf Hall', quantity: 2 };
const CLAIM = { bookId: LINE.bookId, lineId: LINE.lineId, quantity: 2 };

/** One event's data per type, as the aggregates write it (the compiler asks for every type). */
const SAMPLES: { [T in EventType]: EventData<T> } = {
  OrderPlaced: { customerName: 'Sam', totalCents: 480, lines: 1 },
  PaymentApproved: { amountCents: 480, cardLast4: '4242' },
  PaymentDeclined: { code: 'card_declined', cardLast4: '0002' },
  PaymentTimedOut: { waitedMs: 60_000 },
  OrderCancelled: { reason: 'cannot-make', code: 'OUT_OF_OAT_MILK', message: 'We ran out of oat milk', refundCents: 480 },
  TicketOpened: { customerName: 'Sam', drinks: 2 },
  TicketPaid: {},
  DrinkStarted: { by: 'Ana' },
  DrinkReady: { customerName: 'Sam', paid: true },
  DrinkHandedOver: {},
  DrinkSpilled: { wasStatus: 'making', remakes: 1 },
  TicketDiscarded: { reason: 'payment declined' },
  DrinkTossed: { reason: 'payment timed out', wasStatus: 'ready' },
  TicketHandedToMachine: { station: 2, drinks: 1 },
  OrderRequested: { totalCents: 3_000, lines: 2, cardLast4: '4242', authorizedCents: 3_000 },
  LineRequested: LINE,
  LineReserved: { ...LINE, amountCents: 2_400 },
  LineBackordered: { ...LINE, decideBy: '2026-01-01T09:05:00.000Z' },
  LineWaiting: LINE,
  LineCancelled: { ...LINE, reason: 'no-answer', amountCents: 2_400 },
  PaymentCaptured: { ...LINE, amountCents: 2_400 },
  PaymentReleased: { ...LINE, amountCents: 2_400 },
  ShipmentDelayed: { ...LINE, problem: 'COURIER_UNAVAILABLE' },
  LineShipped: { ...LINE, carrier: 'Fast Parcel', trackingNumber: 'FP123', delayedSince: '2026-01-01T09:00:00.000Z' },
  LineDelivered: LINE,
  StockReserved: { ...CLAIM, afterWaiting: false },
  StockBackordered: { ...CLAIM, waitingAhead: 3 },
  StockReleased: { ...CLAIM, wasReserved: true },
  StockShipped: CLAIM,
};

async function sources(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) => {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) return e.name === 'generated' ? [] : sources(full);
      return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [full] : [];
    }),
  );
  return nested.flat();
}

describe('every event type', () => {
  it('the code raises has a contract, and every contract is routed', async () => {
    const raised = new Set<string>();
    for (const file of await sources(path.resolve(import.meta.dirname, '..'))) {
      for (const m of (await readFile(file, 'utf8')).matchAll(/\bevent\(\s*\w+,\s*'([A-Za-z]+)'/g)) raised.add(m[1]!);
    }
    expect(raised.size).toBeGreaterThan(20); // the scan found the domain's events at all
    expect([...raised].filter((type) => !(type in EVENT_CONTRACTS))).toEqual([]);
    expect(EVENT_TYPES.filter((type) => !raised.has(type))).toEqual([]);
    expect(EVENT_TYPES.filter((type) => !isRoutable(type))).toEqual([]);
  });

  it.each(EVENT_TYPES)('%s: what the aggregate writes survives the outbox (JSON) and reads back the same', (type) => {
    const stored: unknown = JSON.parse(JSON.stringify(SAMPLES[type]));
    expect(checkEventData(type, stored)).toEqual({ ok: true, data: SAMPLES[type] });
  });

  it.each(EVENT_TYPES)('%s: data a handler could not use is refused', (type) => {
    expect(checkEventData(type, 'not an object')).toMatchObject({ ok: false });
    for (const field of Object.keys(SAMPLES[type])) {
      const broken = { ...SAMPLES[type], [field]: { wrong: 'shape' } };
      expect(checkEventData(type, broken), `${type}.${field} of the wrong shape`).toMatchObject({ ok: false });
    }
  });
});

describe('the contracts refuse', () => {
  it('a missing field, saying where', () => {
    const { lineId: _lineId, ...noLine } = SAMPLES.LineReserved;
    expect(checkEventData('LineReserved', noLine)).toEqual({ ok: false, problems: expect.stringMatching(/^data\.lineId: /) });
  });

  it('a cancellation the shop could not make without saying why', () => {
    expect(checkEventData('OrderCancelled', { reason: 'cannot-make' })).toMatchObject({ ok: false });
    expect(checkEventData('OrderCancelled', { reason: 'payment-declined' })).toMatchObject({ ok: true });
  });

  it('a type nobody declared', () => {
    expect(checkEventData('OrderPlacd', {})).toEqual({ ok: false, problems: 'no event type OrderPlacd' });
  });

  it('at the outbox: an event that breaks its contract is a bug, thrown before anything is written', () => {
    expect(() => assertContracts([{ type: 'OrderPlaced', data: SAMPLES.OrderPlaced }])).not.toThrow();
    expect(() => assertContracts([{ type: 'OrderPlaced', data: { customerName: 'Sam' } }])).toThrow(EventContractBroken);
    expect(() => assertContracts([{ type: 'TicketPayed', data: {} }])).toThrow(/TicketPayed breaks its contract: no event type/);
  });
});

describe('a job, read once by the worker', () => {
  const envelope = { eventId: randomUUID(), aggregateId: randomUUID(), orderId: randomUUID() };

  it('comes out as the typed event of its type', () => {
    const reading = readEventJob({ ...envelope, type: 'LineReserved', data: SAMPLES.LineReserved });
    expect(reading).toEqual({ kind: 'event', job: { ...envelope, type: 'LineReserved', data: SAMPLES.LineReserved } });
    if (reading.kind === 'event' && reading.job.type === 'LineReserved') {
      // The compiler knows the data: no parsing in the handler.
      expect(reading.job.data.amountCents).toBe(2_400);
    }
  });

  it('is malformed, with no envelope, when it is not an event at all', () => {
    expect(readEventJob({ eventId: 'not-an-id', orderId: 42 })).toEqual({
      kind: 'malformed',
      problems: expect.stringMatching(/^eventId: .*orderId: /),
      envelope: null,
    });
  });

  it('is malformed, keeping its envelope, when its data breaks its contract', () => {
    const raw = { ...envelope, type: 'LineReserved', data: { ...SAMPLES.LineReserved, lineId: 'line-1' } };
    expect(readEventJob(raw)).toEqual({
      kind: 'malformed',
      problems: expect.stringMatching(/^data\.lineId: /),
      envelope: { ...envelope, type: 'LineReserved', data: raw.data },
    });
  });

  it('is of an unknown type when the envelope is fine but nobody declared its type', () => {
    expect(readEventJob({ ...envelope, type: 'OrderShredded' })).toMatchObject({
      kind: 'unknown-type',
      envelope: { type: 'OrderShredded' },
    });
  });
});
