// changeAggregate's promises, with an in-memory repository and unit of work (no database): it
// saves and emits only what the domain changed, and a refusal writes nothing.
import { describe, expect, it } from 'vitest';
import type { Tx } from '../db/client';
import type { Repository } from '../db/repository';
import { type Context, type DomainEvent, type Transition, event, unchanged } from '../domain/shared/events';
import { fail, ok } from '../domain/shared/result';
import type { Origin } from './append';
import { StepRefused, changeAggregate, tryChangeAggregate } from './change-aggregate';
import type { UnitOfWork } from './unit-of-work';

interface Counter {
  id: string;
  count: number;
  version: number;
}

const ORIGIN: Origin = { mode: 'async', actor: 'system' };
const NOW = new Date('2026-01-01T09:00:00Z');
const ids = (c: Counter) => ({ aggregateId: c.id, orderId: c.id });

function world(stored: Counter[] = [{ id: 'c1', count: 0, version: 1 }]) {
  const rows = new Map(stored.map((c) => [c.id, c]));
  const saves: { before: Counter; after: Counter }[] = [];
  const emitted: { events: readonly DomainEvent[]; origin: Origin }[] = [];
  const repo: Repository<Counter> = {
    name: 'counter',
    load: async (_tx, id) => rows.get(id) ?? null,
    save: async (_tx, before, after) => {
      saves.push({ before, after });
      rows.set(after.id, after);
    },
    notFound: (id) => ({ code: 'ORDER.NOT_FOUND', message: `No counter ${id}.` }),
  };
  let n = 0;
  const ctx: Context = { now: NOW, newId: () => `e${++n}` };
  const uow: UnitOfWork = {
    tx: {} as Tx,
    ctx,
    emit: async (events, origin) => void emitted.push({ events, origin }),
    note: async () => true,
  };
  return { repo, uow, saves, emitted, rows };
}

const bump = (c: Counter, ctx: Context): Transition<Counter> => ({
  state: { ...c, count: c.count + 1, version: c.version + 1 },
  events: [event(ctx, 'CounterBumped', ids(c), { to: c.count + 1 })],
  changed: true,
});

describe('changeAggregate', () => {
  it('saves the changed aggregate over the one it loaded, and emits its events with the origin', async () => {
    const { repo, uow, saves, emitted } = world();
    const transition = await changeAggregate(uow, repo, 'c1', ORIGIN, bump);

    expect(transition.state).toEqual({ id: 'c1', count: 1, version: 2 });
    expect(saves).toEqual([{ before: { id: 'c1', count: 0, version: 1 }, after: { id: 'c1', count: 1, version: 2 } }]);
    expect(emitted).toEqual([{ events: transition.events, origin: ORIGIN }]);
    expect(emitted[0]?.events.map((e) => e.type)).toEqual(['CounterBumped']);
  });

  it('writes nothing and emits nothing when the decision changed nothing (a repeat)', async () => {
    const { repo, uow, saves, emitted } = world();
    const transition = await changeAggregate(uow, repo, 'c1', ORIGIN, (c) => unchanged(c));

    expect(transition.changed).toBe(false);
    expect(saves).toEqual([]);
    expect(emitted).toEqual([]);
  });

  it('accepts a Result: an ok decision is applied like a plain transition', async () => {
    const { repo, uow, saves } = world();
    await changeAggregate(uow, repo, 'c1', ORIGIN, (c, ctx) => ok(bump(c, ctx)));
    expect(saves).toHaveLength(1);
  });

  it('throws a refusal as StepRefused with its code, having written nothing', async () => {
    const { repo, uow, saves, emitted } = world();
    const refusing = changeAggregate(uow, repo, 'c1', ORIGIN, () => fail('ORDER.CANCELLED', 'No more.'));

    await expect(refusing).rejects.toBeInstanceOf(StepRefused);
    await expect(refusing).rejects.toMatchObject({ error: { code: 'ORDER.CANCELLED', message: 'No more.' } });
    expect(saves).toEqual([]);
    expect(emitted).toEqual([]);
  });

  it("refuses a missing aggregate with the repository's code, or throws what the caller says it means", async () => {
    const { repo, uow } = world();
    await expect(changeAggregate(uow, repo, 'nope', ORIGIN, bump)).rejects.toMatchObject({
      name: 'StepRefused',
      error: { code: 'ORDER.NOT_FOUND', message: 'No counter nope.' },
    });

    class NotYet extends Error {}
    await expect(changeAggregate(uow, repo, 'nope', ORIGIN, bump, { missing: (id) => new NotYet(id) })).rejects.toBeInstanceOf(NotYet);
  });

  it('waits for a decision that reads something first', async () => {
    const { repo, uow, saves } = world();
    await changeAggregate(uow, repo, 'c1', ORIGIN, async (c, ctx) => {
      await new Promise((r) => setTimeout(r, 1));
      return bump(c, ctx);
    });
    expect(saves).toHaveLength(1);
  });
});

describe('tryChangeAggregate', () => {
  it('returns a refusal or a missing aggregate as a value, for a command to answer with', async () => {
    const { repo, uow, saves } = world();
    expect(await tryChangeAggregate(uow, repo, 'c1', ORIGIN, () => fail('ORDER.CANCELLED', 'No more.'))).toEqual({
      ok: false,
      error: { code: 'ORDER.CANCELLED', message: 'No more.' },
    });
    expect(await tryChangeAggregate(uow, repo, 'nope', ORIGIN, bump)).toMatchObject({ ok: false, error: { code: 'ORDER.NOT_FOUND' } });
    expect(saves).toEqual([]);
  });

  it('returns the transition it applied', async () => {
    const { repo, uow, rows } = world();
    const result = await tryChangeAggregate(uow, repo, 'c1', ORIGIN, bump);
    expect(result).toMatchObject({ ok: true, value: { changed: true, state: { count: 1 } } });
    expect(rows.get('c1')?.count).toBe(1);
  });
});
