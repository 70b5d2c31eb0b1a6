// A handler called directly takes the typed event its worker would give it: this reads an event
// (or an outbox row) through the same readEventJob the worker uses, so a test cannot hand a
// handler data the worker would have refused.
import type { EventType } from '../../lib/events/contracts';
import { type EventJobOf, readEventJob } from '../../lib/queue/topology';

interface Source {
  id: string;
  type: string;
  aggregateId: string;
  orderId: string;
  /** A domain event's data, or an outbox row's payload. */
  data?: unknown;
  payload?: unknown;
}

export function eventJob<T extends EventType>(type: T, source: Source): EventJobOf<T> {
  if (source.type !== type) throw new Error(`expected a ${type} event, got ${source.type}`);
  const { id, aggregateId, orderId } = source;
  const reading = readEventJob({ eventId: id, type, aggregateId, orderId, data: source.data ?? source.payload });
  if (reading.kind !== 'event') throw new Error(`the worker would not run this ${type}: ${JSON.stringify(reading)}`);
  return reading.job as EventJobOf<T>;
}
