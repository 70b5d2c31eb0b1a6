// Infrastructure failures, sorted by what the caller should do about them.

/** Someone else changed the aggregate since we loaded it: reload and try again. */
export class ConcurrencyConflict extends Error {
  override name = 'ConcurrencyConflict';
  constructor(
    readonly aggregate: string,
    readonly id: string,
  ) {
    super(`${aggregate} ${id} was changed concurrently`);
  }
}

// What "a backing service is down, restarting or overloaded" looks like by the time it reaches
// us. Every shape below was observed on this stack (Prisma 7.10 + @prisma/adapter-pg 8.x pg,
// ioredis 6) by stopping, restarting and terminating a real server; errors.test.ts keeps copies.
//
// Prisma 7 with a driver adapter reports most database failures as P2039 ("Database error"), or
// P2010 for raw queries, with the real SQLSTATE two levels down:
//   { code: 'P2039', meta: { driverAdapterError: { name: 'DriverAdapterError',
//       cause: { kind: 'postgres', code: '57P01', originalCode: '57P01', ... } } } }
// Socket failures arrive as P1001 with cause.kind 'DatabaseNotReachable', too many connections as
// P2037 with cause.kind 'TooManyConnections'. A few pg failures have no code at all and arrive as
// a plain Error whose message pg wrote (the connection died mid-query, the pool had no
// connection within connectionTimeoutMillis): those are matched by their exact text.

/** Prisma's own codes for "could not reach / keep / get a connection". */
const PRISMA_CODES = new Set([
  'P1001', // can't reach database server
  'P1002', // database server timed out
  'P1008', // operations timed out
  'P1017', // server closed the connection
  'P2024', // timed out fetching a connection from the pool (query engine)
  'P2037', // too many database connections opened
]);

/** Kinds a driver adapter gives to failures that are about the connection, not the query. */
const ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);

/**
 * SQLSTATEs that mean "the server cannot serve you now": class 08 (connection exception), class
 * 53 (insufficient resources: too many connections, out of memory, disk full) and the operator
 * interventions of a restart — 57P01 admin_shutdown (pg_ctl stop -m fast, pg_terminate_backend),
 * 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up or shutting down). Not 57014
 * (query_canceled): a cancelled statement is a decision, not an outage.
 */
export function isUnavailableSqlState(code: string): boolean {
  return code.startsWith('08') || code.startsWith('53') || code === '57P01' || code === '57P02' || code === '57P03';
}

/** Node's socket errors: nobody listening, the connection dropped, the host unknown or silent. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** Messages of codeless errors, exactly as their libraries write them. */
const EXACT_MESSAGES = new Set([
  // pg: the server went away mid-query (pg_ctl stop -m immediate, a crash, a cut cable)
  'Connection terminated unexpectedly',
  'Connection terminated',
  'Connection terminated due to connection timeout',
  'Client has encountered a connection error and is not queryable',
  // pg-pool: every connection busy for connectionTimeoutMillis
  'timeout exceeded when trying to connect',
  // ioredis: the connection is gone, or not up and offline queueing is off (request paths)
  'Connection is closed.',
  "Stream isn't writeable and enableOfflineQueue options is false",
]);

/** ioredis gives up on a command after maxRetriesPerRequest reconnection attempts. */
const REDIS_GAVE_UP = 'MaxRetriesPerRequestError';

// P2028 is also "transaction already closed" (a transaction that outlived its timeout: our bug),
// so only its "could not start" form, a pool with no free connection within maxWait, counts.
const NO_TRANSACTION_SLOT = 'Transaction API error: Unable to start a transaction in the given time.';

/**
 * True for errors that mean "a backing service is down, restarting or overloaded" (PostgreSQL or
 * Redis), which the edge answers with 503 and Retry-After rather than 500. Follows `cause`,
 * Prisma's `meta.driverAdapterError` and AggregateError's `errors` a few levels deep.
 */
export function isUnavailable(error: unknown): boolean {
  return check(error, 0);
}

function check(error: unknown, depth: number): boolean {
  if (depth > 6 || !error || typeof error !== 'object') return false;
  if (error instanceof ServiceUnavailable || error instanceof UnavailableAfterCardAsked) return true;
  const err = error as {
    name?: unknown;
    code?: unknown;
    kind?: unknown;
    originalCode?: unknown;
    message?: unknown;
    meta?: { driverAdapterError?: unknown };
    cause?: unknown;
    errors?: unknown;
  };
  const code = typeof err.code === 'string' ? err.code : null;
  if (code && (PRISMA_CODES.has(code) || SOCKET_CODES.has(code) || (/^[0-9A-Z]{5}$/.test(code) && isUnavailableSqlState(code)))) {
    return true;
  }
  if (typeof err.originalCode === 'string' && isUnavailableSqlState(err.originalCode)) return true;
  if (typeof err.kind === 'string' && ADAPTER_KINDS.has(err.kind)) return true;
  if (err.name === REDIS_GAVE_UP) return true;
  if (typeof err.message === 'string') {
    if (EXACT_MESSAGES.has(err.message)) return true;
    if (code === 'P2028' && err.message.endsWith(NO_TRANSACTION_SLOT)) return true;
    // The class name can be lost to a bundler's minifier; its message cannot.
    if (err.message.startsWith('Reached the max retries per request limit')) return true;
  }
  if (Array.isArray(err.errors) && err.errors.some((e) => check(e, depth + 1))) return true;
  return check(err.meta?.driverAdapterError, depth + 1) || check(err.cause, depth + 1);
}

/** Thrown when Redis is not connected: refuse the command before anything is written. */
export class ServiceUnavailable extends Error {
  override name = 'ServiceUnavailable';
  constructor(
    readonly service: 'db' | 'redis',
    message: string,
  ) {
    super(message);
  }
}

/**
 * An outage that struck a place-order command after it had asked the card network to charge or
 * hold: whether money moved is not known here, so the customer must not be told "nothing was
 * charged". The edge still answers 503 (it is an outage), with the order to look at when one was
 * recorded, and asks for a retry with the same Idempotency-Key, which finds out what happened.
 */
export class UnavailableAfterCardAsked extends Error {
  override name = 'UnavailableAfterCardAsked';
  readonly cardAsked = true;
  constructor(
    /** What the card network was asked for: a charge (coffee) or a hold (bookstore). */
    readonly asked: 'charge' | 'hold',
    /** The order (coffee) or order request (bookstore) the card was asked for, if known. */
    readonly orderId: string | null,
    /** True when the order was committed before the card was asked, so its page exists. */
    readonly orderRecorded: boolean,
    readonly service: 'db' | 'redis',
    cause: unknown,
  ) {
    super(`${service === 'redis' ? 'Redis' : 'the database'} became unreachable after the card network was asked`, { cause });
  }
}

/** Which service an outage error is about: Redis for ioredis' failures, else the database. */
export function unavailableService(error: unknown): 'db' | 'redis' {
  if (error instanceof ServiceUnavailable || error instanceof UnavailableAfterCardAsked) return error.service;
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 6; depth++) {
    const err = e as { name?: unknown; message?: unknown; cause?: unknown };
    if (err.name === REDIS_GAVE_UP) return 'redis';
    if (typeof err.message === 'string' && (REDIS_MESSAGES.has(err.message) || err.message.startsWith('Reached the max retries')))
      return 'redis';
    e = err.cause;
  }
  return 'db';
}

const REDIS_MESSAGES = new Set(['Connection is closed.', "Stream isn't writeable and enableOfflineQueue options is false"]);
