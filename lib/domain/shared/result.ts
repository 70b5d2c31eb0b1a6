// Expected failures are values with stable codes ("SCOPE.REASON", registered in ./errors.ts);
// bugs throw. Every command answers with a Result; lib/http turns one into an HTTP answer or a
// server action's result, so no command knows about HTTP.
import type { Code } from './errors';

export type { Code } from './errors';

export interface DomainError<C extends Code = Code> {
  code: C;
  message: string;
  /** Field path → message, for input the user can correct. */
  fields?: Record<string, string>;
  /** The (recorded) order this refusal is about, whose page the customer can open. */
  orderId?: string;
  /** Seconds after which asking again may succeed (a limit's window). */
  retryAfterS?: number;
}

export type Ok<T> = { ok: true; value: T };

/**
 * A refusal. `detail` is what the caller is still told beside the error: a declined coffee order
 * is cancelled, and the answer shows the order as it now stands.
 */
export type Failure<C extends Code = Code, D = never> = { ok: false; error: DomainError<C>; detail?: D };

export type Result<T, C extends Code = Code, D = never> = Ok<T> | Failure<C, D>;

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });

export const fail = <C extends Code>(code: C, message: string, fields?: Record<string, string>): Failure<C> => ({
  ok: false,
  error: fields ? { code, message, fields } : { code, message },
});

/** A refusal with more than a code and a message: the order it is about, or a detail beside it. */
export function refuse<C extends Code, D = never>(error: DomainError<C>, detail?: D): Failure<C, D> {
  return detail === undefined ? { ok: false, error } : { ok: false, error, detail };
}
