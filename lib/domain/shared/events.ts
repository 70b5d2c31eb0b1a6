// A domain event: a fact, named in the past tense, raised by exactly one aggregate.
// Ids and times are handed in by the caller; nothing here reads a clock or a random source.

export interface DomainEvent<T extends string = string, D extends object = Record<string, unknown>> {
  id: string;
  type: T;
  /** The aggregate instance that raised it (an order or a barista ticket). */
  aggregateId: string;
  /** Every event in this app belongs to one order's story; the order page is built from them. */
  orderId: string;
  occurredAt: Date;
  data: D;
}

/** What a transition needs from the outside world. */
export interface Context {
  now: Date;
  newId: () => string;
}

/**
 * The outcome of applying a command or an event to an aggregate. `changed: false` means the
 * transition had already happened (a redelivered event): nothing to write, nothing to publish.
 */
export interface Transition<S> {
  state: S;
  events: DomainEvent[];
  changed: boolean;
}

export const unchanged = <S>(state: S): Transition<S> => ({ state, events: [], changed: false });

export function event<T extends string, D extends object>(
  ctx: Context,
  type: T,
  ids: { aggregateId: string; orderId: string },
  data: D,
): DomainEvent<T, D> {
  return { id: ctx.newId(), type, aggregateId: ids.aggregateId, orderId: ids.orderId, occurredAt: ctx.now, data };
}
