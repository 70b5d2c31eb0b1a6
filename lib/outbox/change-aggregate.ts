// The one shape of every write to an aggregate: load it in the unit of work's transaction, let the
// domain decide, save it only if the decision changed it (version-guarded), and emit the events
// the decision raised into the same transaction's outbox. Commands (the customer waits) and
// reactions (behind the counter) both write through here; they differ only in what a refusal is:
//   - tryChangeAggregate returns it as a value, for a command to answer with;
//   - changeAggregate throws it as StepRefused, which a worker's policy treats as permanent
//     (lib/queue/policies.ts): another try of the same step would be refused the same way.
import type { Repository } from '../db/repository';
import type { SqlTx } from '../db/sql-tx';
import type { Context, Transition } from '../domain/shared/events';
import { type DomainError, type Result, ok } from '../domain/shared/result';
import type { Origin } from './append';
import type { UnitOfWork } from './unit-of-work';

/** The domain said no (or there was nothing to change): not worth another try. */
export class StepRefused extends Error {
  override name = 'StepRefused';
  constructor(readonly error: DomainError) {
    super(`${error.code}: ${error.message}`);
  }
}

/** What a domain transition returns: a transition, or a refusal with a code. */
export type Decision<A> = Transition<A> | Result<Transition<A>>;

/**
 * The decision, given the aggregate as loaded. Normally a pure domain function; a command that must
 * consult another row first (a station's mode, under a share lock) may do so here, in the same
 * transaction, and return a Promise.
 */
export type Decide<A> = (current: A, ctx: Context) => Decision<A> | Promise<Decision<A>>;

export interface ChangeOptions<Id> {
  /**
   * What a missing aggregate means here, when it is not a refusal: say, a ticket its OrderPlaced
   * has not opened yet, which a retry will find. Thrown as returned.
   */
  missing?: (id: Id) => Error;
}

/** Load → decide → save if changed → emit; a refusal or a missing aggregate comes back as a value. */
export async function tryChangeAggregate<A, Id, T extends SqlTx>(
  uow: UnitOfWork<T>,
  repo: Repository<A, Id, T>,
  id: Id,
  origin: Origin,
  decide: Decide<A>,
  options: ChangeOptions<Id> = {},
): Promise<Result<Transition<A>>> {
  const current = await repo.load(uow.tx, id);
  if (!current) {
    if (options.missing) throw options.missing(id);
    return { ok: false, error: repo.notFound(id) };
  }
  const decision = await decide(current, uow.ctx);
  const result = 'ok' in decision ? decision : ok(decision);
  if (!result.ok) return result;
  const transition = result.value;
  if (transition.changed) {
    await repo.save(uow.tx, current, transition.state);
    await uow.emit(transition.events, origin);
  }
  return result;
}

/** The same, behind the counter: a refusal or a missing aggregate is thrown as StepRefused. */
export async function changeAggregate<A, Id, T extends SqlTx>(
  uow: UnitOfWork<T>,
  repo: Repository<A, Id, T>,
  id: Id,
  origin: Origin,
  decide: Decide<A>,
  options: ChangeOptions<Id> = {},
): Promise<Transition<A>> {
  const result = await tryChangeAggregate(uow, repo, id, origin, decide, options);
  if (!result.ok) throw new StepRefused(result.error);
  return result.value;
}
