// A command's Result as an HTTP answer. Success: the value as the body, with the status the route
// says (200, or 201 for something created). Refusal: `{ error: { code, message, … }, ...detail }`
// with the status lib/http/status.ts gives the code — the only place a refusal's status is chosen.
import type { Code, DomainError, Failure, Result } from '../domain/shared/result';
import { orderPath } from './order-path';
import { json } from './respond';
import { statusOf } from './status';

/** The `error` of an HTTP answer; an order the refusal names comes with the path of its page. */
export interface ErrorBody {
  code: Code;
  message: string;
  fields?: Record<string, string>;
  orderId?: string;
  orderUrl?: string;
  retryAfterS?: number;
}

export function errorBody({ code, message, fields, orderId, retryAfterS }: DomainError): ErrorBody {
  return {
    code,
    message,
    ...(fields ? { fields } : {}),
    ...(orderId ? { orderId, orderUrl: orderPath(orderId) } : {}),
    ...(retryAfterS !== undefined ? { retryAfterS } : {}),
  };
}

/** A refusal: its status from the table, Retry-After when the error says when to ask again. */
export function refusal<D>(failure: Pick<Failure<Code, D>, 'error' | 'detail'>): Response {
  const { error, detail } = failure;
  const headers = error.retryAfterS !== undefined ? { 'Retry-After': String(error.retryAfterS) } : undefined;
  return json(statusOf(error.code), { error: errorBody(error), ...(detail ?? {}) }, headers);
}

export interface SuccessShape<T> {
  /** The body for the value (default: the value itself). */
  body?: (value: T) => unknown;
  headers?: (value: T) => HeadersInit;
}

/** The answer to a command: `status` and the value on success, the table's status on refusal. */
export function answer<T, C extends Code, D>(result: Result<T, C, D>, status = 200, shape: SuccessShape<T> = {}): Response {
  if (!result.ok) return refusal(result);
  const { value } = result;
  return json(status, shape.body ? shape.body(value) : value, shape.headers?.(value));
}
