// Redis connections, one of each kind per process.
//  - `commandRedis`: for request paths (publishing, health). Fails fast when Redis is down
//    instead of queueing commands in memory while the customer waits.
//  - `workerRedis`: for BullMQ Workers, which block and must retry forever.
import { Redis, type RedisOptions } from 'ioredis';
import { config } from '../config';
import { logger } from '../log';

const holder = globalThis as unknown as { __commandRedis?: Redis };

const log = logger('redis');

export function newRedis(options: RedisOptions = {}): Redis {
  const redis = new Redis(config().REDIS_URL, {
    connectTimeout: 2_000,
    // Keep trying to reconnect in the background, at most every 2 s.
    retryStrategy: (times) => Math.min(times * 100, 2_000),
    ...options,
  });
  // Without a listener ioredis prints every failed reconnect; one line per outage is enough.
  let reported = false;
  redis.on('error', (error: Error) => {
    if (!reported) log.warn('Redis connection problem; reconnecting in the background', { error });
    reported = true;
  });
  redis.on('ready', () => {
    if (reported) log.info('Redis connection restored');
    reported = false;
  });
  return redis;
}

export function commandRedis(): Redis {
  holder.__commandRedis ??= newRedis({ enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  return holder.__commandRedis;
}

/** A connection for a BullMQ Worker or QueueEvents (blocking commands, never give up). */
export function workerRedis(): Redis {
  return newRedis({ maxRetriesPerRequest: null });
}

export function redisIsReady(redis: Redis = commandRedis()): boolean {
  return redis.status === 'ready';
}

/** Waits briefly for the first connection, so a just-started process does not refuse its first request. */
export async function waitForRedis(redis: Redis = commandRedis(), timeoutMs = 2_000): Promise<boolean> {
  if (redis.status === 'ready') return true;
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      clearTimeout(timer);
      redis.off('ready', onReady);
      resolve(ok);
    };
    const onReady = () => done(true);
    const timer = setTimeout(() => done(redis.status === 'ready'), timeoutMs);
    redis.once('ready', onReady);
  });
}
