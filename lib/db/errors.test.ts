// Every shape here was captured from a real failure (Prisma 7.10 + @prisma/adapter-pg against a
// private PostgreSQL 15 that was stopped, restarted and had its backends terminated; ioredis 6
// against a dead port), then copied field by field: name, code, meta and the cause chain.
import { describe, expect, it } from 'vitest';
import { ServiceUnavailable, UnavailableAfterCardAsked, isUnavailable, unavailableService } from './errors';

/** A PrismaClientKnownRequestError as it arrives: an Error with code, meta and clientVersion. */
function prismaError(code: string, message: string, meta: Record<string, unknown> = {}) {
  return Object.assign(new Error(message), { name: 'PrismaClientKnownRequestError', code, meta, clientVersion: '7.10.1' });
}

/** meta.driverAdapterError: an Error named DriverAdapterError whose cause is a plain object. */
function adapterMeta(message: string, cause: Record<string, unknown>, modelName?: string) {
  const driverAdapterError = Object.assign(new Error(message), { name: 'DriverAdapterError', cause });
  return modelName ? { modelName, driverAdapterError } : { driverAdapterError };
}

const postgresCause = (code: string, message: string) => ({
  originalCode: code,
  originalMessage: message,
  kind: 'postgres',
  code,
  severity: 'FATAL',
  message,
});

/** Codeless errors carry only the clientVersion Prisma stamps on them. */
const plain = (message: string) => Object.assign(new Error(message), { clientVersion: '7.10.1' });

describe('isUnavailable: what a PostgreSQL outage looks like through Prisma 7 and the pg adapter', () => {
  const observed: [string, unknown][] = [
    [
      'pg_terminate_backend during a model query (P2039, 57P01 nested)',
      prismaError(
        'P2039',
        'Database error. Code: `57P01`. Message: `terminating connection due to administrator command`',
        adapterMeta(
          'terminating connection due to administrator command',
          postgresCause('57P01', 'terminating connection due to administrator command'),
          'Order',
        ),
      ),
    ],
    [
      'pg_ctl stop -m fast during a raw query (P2010, 57P01 nested)',
      prismaError(
        'P2010',
        'Raw query failed. Code: `57P01`. Message: `terminating connection due to administrator command`',
        adapterMeta(
          'terminating connection due to administrator command',
          postgresCause('57P01', 'terminating connection due to administrator command'),
        ),
      ),
    ],
    [
      'a new connection while the server shuts down or starts up (P2039, 57P03 nested)',
      prismaError(
        'P2039',
        'Database error. Code: `57P03`. Message: `the database system is shutting down`',
        adapterMeta('the database system is shutting down', postgresCause('57P03', 'the database system is shutting down')),
      ),
    ],
    [
      'the server is down: connection refused (P1001, DatabaseNotReachable)',
      prismaError(
        'P1001',
        "Can't reach database server at 127.0.0.1:55433",
        adapterMeta('DatabaseNotReachable', { kind: 'DatabaseNotReachable', host: '127.0.0.1', port: 55433 }, 'Order'),
      ),
    ],
    [
      'too many connections (P2037, TooManyConnections, 53300)',
      prismaError(
        'P2037',
        'Too many database connections opened: too many connections for role "lim"',
        adapterMeta(
          'TooManyConnections',
          {
            originalCode: '53300',
            originalMessage: 'too many connections for role "lim"',
            kind: 'TooManyConnections',
            cause: 'too many connections for role "lim"',
          },
          'Order',
        ),
      ),
    ],
    ['pg_ctl stop -m immediate mid-query (a plain Error from pg)', plain('Connection terminated unexpectedly')],
    ['no pooled connection within connectionTimeoutMillis', plain('timeout exceeded when trying to connect')],
    [
      'no connection for a transaction within maxWait (P2028, "unable to start")',
      prismaError('P2028', 'Transaction API error: Unable to start a transaction in the given time.'),
    ],
  ];

  it.each(observed)('%s → unavailable', (_label, error) => {
    expect(isUnavailable(error)).toBe(true);
    expect(unavailableService(error)).toBe('db');
  });

  it('recognises the SQLSTATE classes of an outage, not just the codes seen', () => {
    for (const code of ['08006', '08001', '53100', '53200', '57P02']) {
      const error = prismaError('P2039', `Database error. Code: \`${code}\``, adapterMeta('x', postgresCause(code, 'x')));
      expect(isUnavailable(error), code).toBe(true);
    }
  });
});

describe('isUnavailable: what a Redis outage looks like through ioredis', () => {
  it('MaxRetriesPerRequestError (matched by class name, and by message if a bundler renamed it)', () => {
    const message = 'Reached the max retries per request limit (which is 1). Refer to "maxRetriesPerRequest" option for details.';
    class MaxRetriesPerRequestError extends Error {
      override get name() {
        return this.constructor.name;
      }
    }
    expect(isUnavailable(new MaxRetriesPerRequestError(message))).toBe(true);
    expect(isUnavailable(new Error(message))).toBe(true);
    expect(unavailableService(new MaxRetriesPerRequestError(message))).toBe('redis');
  });

  it('a closed connection, and a command refused while offline queueing is off', () => {
    for (const message of ['Connection is closed.', "Stream isn't writeable and enableOfflineQueue options is false"]) {
      expect(isUnavailable(new Error(message)), message).toBe(true);
      expect(unavailableService(new Error(message))).toBe('redis');
    }
  });
});

describe('isUnavailable: what is not an outage (a 500 stays a 500)', () => {
  const notOutages: [string, unknown][] = [
    [
      'a bad value (P2007, 22P02 nested)',
      prismaError(
        'P2007',
        'Invalid input value: invalid input syntax for type uuid: "x"',
        adapterMeta(
          'invalid input syntax for type uuid: "x"',
          {
            originalCode: '22P02',
            originalMessage: 'invalid input syntax for type uuid: "x"',
            kind: 'InvalidInputValue',
            message: 'invalid input syntax for type uuid: "x"',
          },
          'Order',
        ),
      ),
    ],
    ['a unique violation (P2002)', prismaError('P2002', 'Unique constraint failed on the fields: (`id`)')],
    [
      'a query cancelled on purpose (57014)',
      prismaError(
        'P2039',
        'Database error',
        adapterMeta('canceling statement', postgresCause('57014', 'canceling statement due to user request')),
      ),
    ],
    [
      'a transaction that outlived its timeout (P2028, "already closed"): our bug',
      prismaError('P2028', 'Transaction API error: Transaction already closed: A commit cannot be executed on an expired transaction.'),
    ],
    ['a bug that merely mentions a timeout', new Error('parse timeout exceeded in the menu')],
    ['a TypeError', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['not an error at all', 'Connection is closed.'],
    ['nothing', undefined],
  ];

  it.each(notOutages)('%s → not unavailable', (_label, error) => {
    expect(isUnavailable(error)).toBe(false);
  });

  it('a cause chain that loops does not hang', () => {
    const a = new Error('a') as Error & { cause?: unknown };
    a.cause = a;
    expect(isUnavailable(a)).toBe(false);
  });
});

describe('errors that carry the outage themselves', () => {
  it('ServiceUnavailable and UnavailableAfterCardAsked are outages, with their service', () => {
    expect(isUnavailable(new ServiceUnavailable('redis', 'Redis is not reachable'))).toBe(true);
    const after = new UnavailableAfterCardAsked('charge', 'o-1', true, 'db', plain('Connection terminated unexpectedly'));
    expect(isUnavailable(after)).toBe(true);
    expect(after).toMatchObject({ cardAsked: true, orderId: 'o-1', orderRecorded: true, service: 'db' });
    expect(unavailableService(new ServiceUnavailable('redis', 'x'))).toBe('redis');
  });

  it('an outage wrapped by someone else is found through cause and AggregateError', () => {
    expect(isUnavailable(new Error('while placing', { cause: plain('Connection terminated unexpectedly') }))).toBe(true);
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED', syscall: 'connect', errno: -111 });
    expect(isUnavailable(new AggregateError([refused], 'all addresses failed'))).toBe(true);
  });
});
