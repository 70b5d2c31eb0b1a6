import { describe, expect, test } from 'vitest';
import type { Context } from '../shared/events';
import { changeMode, isStationId, stationIds } from './station';
import type { TicketStatus } from './ticket';

let seq = 0;
const ctx: Context = { now: new Date('2025-06-15T09:00:00.000Z'), newId: () => `id-${++seq}` };

const ticket = (n: number, status: TicketStatus) => ({
  id: `ticket-${n}`,
  orderId: `order-${n}`,
  status,
  drinks: [{ name: 'Latte', size: 'M', milk: 'oat', quantity: 2 }],
});

describe('stations', () => {
  test('are numbered from 1', () => {
    expect(stationIds(3)).toEqual([1, 2, 3]);
    expect([0, 1, 2, 3, 1.5, '1'].map((v) => isStationId(v, 2))).toEqual([false, true, true, false, false, false]);
  });

  test('switching to manual changes the mode and hands nothing anywhere', () => {
    const change = changeMode({ id: 2, mode: 'auto' }, 'manual', [ticket(1, 'queued')], ctx);
    expect(change).toEqual({ station: { id: 2, mode: 'manual' }, changed: true, events: [] });
  });

  test('switching to the machine hands it every drink still to make there, queued or started by hand', () => {
    const change = changeMode({ id: 2, mode: 'manual' }, 'auto', [ticket(1, 'queued'), ticket(2, 'making'), ticket(3, 'ready')], ctx);
    expect(change.station).toEqual({ id: 2, mode: 'auto' });
    expect(change.events.map((e) => [e.type, e.aggregateId, e.orderId, e.data])).toEqual([
      ['TicketHandedToMachine', 'ticket-1', 'order-1', { station: 2, drinks: 2 }],
      ['TicketHandedToMachine', 'ticket-2', 'order-2', { station: 2, drinks: 2 }],
    ]);
  });

  test.each(['auto', 'manual'] as const)('setting the mode a station already has (%s) changes nothing', (mode) => {
    expect(changeMode({ id: 1, mode }, mode, [ticket(1, 'queued')], ctx)).toEqual({ station: { id: 1, mode }, changed: false, events: [] });
  });
});
