// What changeAggregate (lib/outbox/change-aggregate.ts) needs of an aggregate's storage: load it
// by its id inside the caller's transaction, and save a changed copy guarded by the version it was
// loaded with (a ConcurrencyConflict when someone else saved first; the unit of work retries).
// Each aggregate's file in lib/db exports one, a thin wrapper over its load and save functions.
import type { DomainError } from '../domain/shared/result';
import type { Tx } from './client';
import type { SqlTx } from './sql-tx';

/**
 * `T` is the transaction it needs: Prisma's (the default), or SqlTx for a repository that is raw
 * SQL throughout and so also runs in a plain-SQL transaction (lib/db/sql-tx.ts).
 */
export interface Repository<A, Id = string, T extends SqlTx = Tx> {
  /** For messages: "order", "ticket", "order request", "inventory". */
  readonly name: string;
  load: (tx: T, id: Id) => Promise<A | null>;
  /** Writes `after` over `before`; throws ConcurrencyConflict if `before` is no longer current. */
  save: (tx: T, before: A, after: A) => Promise<void>;
  /** What a caller is told when there is nothing under `id`. */
  notFound(id: Id): DomainError;
}

/**
 * The repository, except that its first load returns `held` (what the caller has just written and
 * still holds) instead of reading it back; a retry after a version conflict reads the row.
 */
export function heldFirst<A, Id, T extends SqlTx>(repo: Repository<A, Id, T>, held: A): Repository<A, Id, T> {
  let first: A | null = held;
  return {
    ...repo,
    load: async (tx, id) => {
      const value = first;
      first = null;
      return value ?? repo.load(tx, id);
    },
  };
}
