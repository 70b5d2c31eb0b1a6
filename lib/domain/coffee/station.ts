// Espresso stations: where a ticket is made, and by whom. On an automatic station the machine (the
// brewing worker) makes every drink; on a manual one a barista does, pressing Start, Ready and
// Toss on the board. A station nobody has switched is automatic.
//
// Switching a station to the machine hands it the drinks still waiting there: for each one the
// station raises TicketHandedToMachine (the ticket itself does not change — it is still queued,
// or half made by hand), and the brewing worker picks that up like a new ticket. Switching to
// manual raises nothing: drinks the machine has started it finishes; the rest wait for a barista.
import { type Context, type DomainEvent, event } from '../shared/events';
import { type Ticket, type TicketStatus, drinkCount } from './ticket';

export type StationMode = 'auto' | 'manual';
export const STATION_MODES: readonly StationMode[] = ['auto', 'manual'];
export const DEFAULT_STATION_MODE: StationMode = 'auto';

export interface Station {
  id: number;
  mode: StationMode;
}

/** Stations are numbered 1..count. */
export function stationIds(count: number): number[] {
  return Array.from({ length: count }, (_, i) => i + 1);
}

export function isStationId(value: unknown, count: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= count;
}

/** What is still to do at a station when it changes hands: not started, or started by hand. */
export const WAITING_STATUSES: readonly TicketStatus[] = ['queued', 'making'];

export type StationEvent = DomainEvent<'TicketHandedToMachine', { station: number; drinks: number }>;

export interface ModeChange {
  station: Station;
  changed: boolean;
  /** One per waiting ticket when the machine takes over; none otherwise. */
  events: StationEvent[];
}

/**
 * Sets a station's mode. Setting the mode it already has changes nothing; switching to the machine
 * hands it every ticket still waiting at the station.
 */
export function changeMode(
  current: Station,
  mode: StationMode,
  waiting: readonly Pick<Ticket, 'id' | 'orderId' | 'status' | 'drinks'>[],
  ctx: Context,
): ModeChange {
  if (current.mode === mode) return { station: current, changed: false, events: [] };
  const station = { ...current, mode };
  if (mode === 'manual') return { station, changed: true, events: [] };
  const events = waiting
    .filter((t) => WAITING_STATUSES.includes(t.status))
    .map((t) =>
      event(ctx, 'TicketHandedToMachine', { aggregateId: t.id, orderId: t.orderId }, { station: station.id, drinks: drinkCount(t) }),
    );
  return { station, changed: true, events };
}
