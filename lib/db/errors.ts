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

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'P1001', // can't reach database server
  'P1002', // database server timed out
  'P1017', // server closed the connection
  'P2024', // timed out fetching a connection from the pool
  '57P01', // admin_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
]);

/**
 * True for errors that mean "a backing service is down or overloaded" (PostgreSQL or Redis),
 * which the edge answers with 503 rather than 500.
 */
export function isUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 6; depth++) {
    if (typeof e !== 'object') return false;
    const err = e as { code?: unknown; name?: unknown; message?: unknown; cause?: unknown };
    if (typeof err.code === 'string' && UNAVAILABLE_CODES.has(err.code)) return true;
    if (err.name === 'ServiceUnavailable' || err.name === 'DriverAdapterError') {
      if (typeof err.message === 'string' && /connect|terminat|timeout|closed/i.test(err.message)) return true;
    }
    if (typeof err.message === 'string' && /Connection is closed|Stream isn't writeable|ECONNREFUSED|Can't reach database|Connection terminated|connect ETIMEDOUT|timeout exceeded when trying to connect/i.test(err.message)) {
      return true;
    }
    e = err.cause;
  }
  return false;
}

/** Thrown when Redis is not connected: refuse the command before anything is written. */
export class ServiceUnavailable extends Error {
  override name = 'ServiceUnavailable';
  constructor(readonly service: 'db' | 'redis', message: string) {
    super(message);
  }
}
