// The one table from an error code to the HTTP status it is answered with. Route handlers never
// pick a status for a refusal themselves: they hand the Result (or the code) to lib/http/answer.ts,
// which looks it up here. `satisfies Record<Code, number>` makes a code registered in
// lib/domain/shared/errors.ts without a status here (or a status for an unregistered code) a type
// error.
//
// The statuses say whose move it is: 4xx the caller's (fix the input, sign in, wait, look again),
// 402 the card's, 409 "the world moved on" (someone else acted first, or the request no longer
// fits what is recorded), 503 ours (retry the same request).
import type { Code } from '../domain/shared/errors';

export const HTTP_STATUS = {
  VALIDATION: 422,
  MALFORMED_JSON: 400,
  BODY_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  FORBIDDEN_ORIGIN: 403,
  CROSS_SITE: 403,
  NOT_FOUND: 404,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  INTERNAL: 500,
  'CUSTOMER.MISSING': 401,
  'IDEMPOTENCY.KEY_REQUIRED': 400,
  'IDEMPOTENCY.MISMATCH': 409,
  'IDEMPOTENCY.IN_PROGRESS': 409,
  'STREAM.TOO_MANY': 429,

  'STAFF.SIGN_IN_REQUIRED': 401,
  'STAFF.FORBIDDEN': 403,
  'STAFF.WRONG_PASSWORD': 401,
  'STAFF.TOO_MANY_ATTEMPTS': 429,

  'PAYMENT.DECLINED': 402,
  'PAYMENT.TOO_LATE': 409,
  'PAYMENT.TIMED_OUT': 409,
  'ORDER.NOT_FOUND': 404,
  'ORDER.CANCELLED': 409,
  'ORDER.ALREADY_PAID': 409,

  'TICKET.NOT_FOUND': 404,
  'TICKET.CHANGED': 409,
  'TICKET.UNPAID': 409,
  'TICKET.NOT_READY': 409,
  'TICKET.CLOSED': 409,
  'TICKET.NOT_QUEUED': 409,
  'TICKET.NOT_MAKING': 409,
  'TICKET.NOTHING_TO_TOSS': 409,
  'STATION.UNKNOWN': 404,
  'STATION.AUTOMATIC': 409,

  'CART.UNKNOWN_BOOK': 422,
  'CART.TOO_MANY': 422,
  'CART.FULL': 422,
  'CART.NOT_IN_CART': 404,
  'CART.EMPTY': 422,
  'CART.CHANGED': 409,
  'CART.ALREADY_CHECKED_OUT': 409,
  'CHECKOUT.ABANDONED': 409,

  'LINE.NOT_FOUND': 404,
  'LINE.NOT_BACKORDERED': 409,
  'LINE.INVALID_STEP': 409,
  'INVENTORY.NOT_FOUND': 404,
  'INVENTORY.QUANTITY': 422,
  'INVENTORY.NOT_RESERVED': 409,

  'ATTENTION.NOT_FOUND': 404,
  'ATTENTION.NOT_OPEN': 409,
  'ATTENTION.NO_COMPENSATION': 409,
  'ATTENTION.JOB_GONE': 409,
  'ATTENTION.NOT_RETRYABLE': 409,
  'SWITCHES.STALE': 409,
  'CRASH.NO_WORKERS': 409,
  'CRASH.NOT_OBEYED': 409,
  'QUEUES.READ_ONLY': 405,
} as const satisfies Record<Code, number>;

export type ErrorStatus = (typeof HTTP_STATUS)[Code];

export const statusOf = (code: Code): ErrorStatus => HTTP_STATUS[code];

/**
 * What a command that creates something answers on success. The idempotency record stores the
 * status its answer was given with, so the placing routes and the record must agree on it.
 */
export const CREATED = 201;

/** Seconds a client is asked to wait before retrying an answer given during an outage. */
export const RETRY_AFTER_SECONDS = 5;
