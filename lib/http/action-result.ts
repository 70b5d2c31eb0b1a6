// What every server action returns: data, or an error with a stable code the UI can act on.
// A command's Result becomes one through actionResult(), so forms see the same codes (and the
// same order links) as API clients.
import type { Code, DomainError, Result } from '../domain/shared/result';
import { orderPath } from './order-path';

/** The browser's own code for an action that never answered (the connection dropped). */
export type ClientCode = 'NETWORK';

export type ActionResult<T> =
  | { ok: true; data: T }
  | {
      ok: false;
      code: Code | ClientCode;
      message: string;
      fields?: Record<string, string>;
      /** The order the failure is about (an outage after the card was asked, a cart checked out elsewhere), and its page if recorded. */
      orderId?: string;
      orderUrl?: string;
    };

export type ActionFailure = Extract<ActionResult<never>, { ok: false }>;

/** A refusal as a form shows it; an order it names comes with the path of its page. */
export function actionFailure({ code, message, fields, orderId }: DomainError): ActionFailure {
  return {
    ok: false,
    code,
    message,
    ...(fields ? { fields } : {}),
    ...(orderId ? { orderId, orderUrl: orderPath(orderId) } : {}),
  };
}

/** A command's Result for a server action: `data` is the value, or what `shape` makes of it. */
export function actionResult<T, C extends Code, D>(result: Result<T, C, D>): ActionResult<T>;
export function actionResult<T, C extends Code, D, U>(result: Result<T, C, D>, shape: (value: T) => U): ActionResult<U>;
export function actionResult<T, C extends Code, D, U>(result: Result<T, C, D>, shape?: (value: T) => U): ActionResult<T | U> {
  if (!result.ok) return actionFailure(result.error);
  return { ok: true, data: shape ? shape(result.value) : result.value };
}
