// Every error code the shop answers with, in one place: a code is a stable promise to clients
// (forms branch on it, scripts retry on it), so a new one is added here, with what it means, or
// it does not typecheck. `Result` (./result.ts) accepts only these codes, and lib/http/status.ts
// must give each one an HTTP status.
//
// Codes are SCOPE.REASON. A handful of codes that say something about the request rather than
// about one part of the shop (VALIDATION, NOT_FOUND, RATE_LIMITED, UNAVAILABLE, and the edge's own
// refusals) have no scope: clients have seen them that way since the first release.
//
// The codes of steps behind the counter (a worker's PermanentStepError, OUT_OF_OAT_MILK, say) are
// not here: nobody is answered with them; they are written on the needs-attention list.

export const ERROR_CODES = {
  // The request itself
  VALIDATION: 'Some input needs fixing; `fields` says which, and why.',
  MALFORMED_JSON: 'The request body is not valid JSON.',
  BODY_TOO_LARGE: 'The request body is over the size limit.',
  UNSUPPORTED_MEDIA_TYPE: 'A write whose body is not application/json.',
  FORBIDDEN_ORIGIN: "A write from a page that is not the shop's own.",
  CROSS_SITE: 'A write a browser marked as sent from another site.',
  NOT_FOUND: 'Nothing here, or nothing of yours.',
  RATE_LIMITED: 'Too many requests in a short time; `retryAfterS` says when to try again.',
  UNAVAILABLE: 'PostgreSQL or Redis is not answering; retry with the same request.',
  INTERNAL: 'A bug on our side.',
  'CUSTOMER.MISSING': 'No customer cookie came with the request.',
  'IDEMPOTENCY.KEY_REQUIRED': 'An order needs an Idempotency-Key.',
  'IDEMPOTENCY.MISMATCH': 'The Idempotency-Key was already used for a different order.',
  'IDEMPOTENCY.IN_PROGRESS': 'The first request with this Idempotency-Key is still being worked on.',
  'STREAM.TOO_MANY': 'Too many live views open at once for this customer.',

  // Staff
  'STAFF.SIGN_IN_REQUIRED': 'Staff only, and nobody is signed in.',
  'STAFF.FORBIDDEN': 'Signed in, but the role may not do this.',
  'STAFF.WRONG_PASSWORD': 'The name and password do not match.',
  'STAFF.TOO_MANY_ATTEMPTS': 'Too many failed sign-ins; `retryAfterS` says when to try again.',

  // Coffee: the order and its payment
  'PAYMENT.DECLINED': 'The card network declined the card (or never saw it); nothing was taken.',
  'PAYMENT.TOO_LATE': 'The order was cancelled while the card was being charged; any charge is refunded.',
  'PAYMENT.TIMED_OUT': 'The payment never completed, so the order was cancelled.',
  'ORDER.NOT_FOUND': 'No such order.',
  'ORDER.CANCELLED': 'The order was cancelled before the payment arrived.',
  'ORDER.ALREADY_PAID': 'The order is already paid.',

  // Coffee: the barista's ticket and stations
  'TICKET.NOT_FOUND': 'No such ticket.',
  'TICKET.CHANGED': 'The ticket moved on since the board showed it; nothing was done.',
  'TICKET.UNPAID': 'The order is not paid: the drink stays on the counter.',
  'TICKET.NOT_READY': 'The drink is not ready yet.',
  'TICKET.CLOSED': 'The drink was handed over, or the order cancelled.',
  'TICKET.NOT_QUEUED': 'The drink has already been started.',
  'TICKET.NOT_MAKING': 'The drink is not being made.',
  'TICKET.NOTHING_TO_TOSS': 'There is no drink to toss yet.',
  'STATION.UNKNOWN': 'No such barista station.',
  'STATION.AUTOMATIC': 'The station is automatic: the machine makes its drinks.',

  // Bookstore: the cart and checkout
  'CART.UNKNOWN_BOOK': 'The book is not in the catalogue.',
  'CART.TOO_MANY': 'More copies of one book than an order may have.',
  'CART.FULL': 'More different books than a cart may hold.',
  'CART.NOT_IN_CART': 'The book is not in the cart.',
  'CART.EMPTY': 'Checkout of an empty cart.',
  'CART.CHANGED': 'The cart changed during checkout; nothing was ordered.',
  'CART.ALREADY_CHECKED_OUT': 'The cart was checked out in another tab; `orderId` names that order.',
  'CHECKOUT.ABANDONED': 'The checkout never completed; nothing was ordered and any hold was released.',

  // Bookstore: order lines and inventory
  'LINE.NOT_FOUND': 'The order has no such line.',
  'LINE.NOT_BACKORDERED': 'The line is not waiting for an answer.',
  'LINE.INVALID_STEP': 'The line cannot take this step from where it is.',
  'INVENTORY.NOT_FOUND': 'No inventory for the book.',
  'INVENTORY.QUANTITY': 'A quantity outside what one change allows.',
  'INVENTORY.NOT_RESERVED': 'The line has no reserved copies to ship.',

  // Ops
  'ATTENTION.NOT_FOUND': 'No such item on the needs-attention list.',
  'ATTENTION.NOT_OPEN': 'Someone has already acted on the item.',
  'ATTENTION.NO_COMPENSATION': 'The failed step has no compensation.',
  'ATTENTION.JOB_GONE': 'The failed step is no longer on its queue.',
  'ATTENTION.NOT_RETRYABLE': 'No step runs this kind of event, so there is nothing to run again.',
  'SWITCHES.STALE': 'Someone else saved the failure switches first.',
  'CRASH.NO_WORKERS': 'No worker process is listening for commands.',
  'CRASH.NOT_OBEYED': 'No worker process took the crash command.',
  'QUEUES.READ_ONLY': 'The queue dashboard does not take writes.',
} as const satisfies Record<string, string>;

export type Code = keyof typeof ERROR_CODES;

export const CODES = Object.keys(ERROR_CODES) as Code[];

export const isCode = (value: unknown): value is Code => typeof value === 'string' && Object.hasOwn(ERROR_CODES, value);
