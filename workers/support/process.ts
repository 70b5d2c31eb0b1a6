// Shared process plumbing for the relay and the workers: graceful shutdown and heartbeats.
import type { Redis } from 'ioredis';
import { disconnectDb } from '@/lib/db/client';
import type { Logger } from '@/lib/log';
import { beat } from '@/lib/queue/queues';

export function onShutdown(log: Logger, close: () => Promise<void>): void {
  let closing = false;
  const stop = async (signal: string) => {
    if (closing) return;
    closing = true;
    log.info('shutting down', { signal });
    const force = setTimeout(() => process.exit(1), 10_000).unref();
    try {
      await close();
      await disconnectDb();
    } finally {
      clearTimeout(force);
      process.exit(0);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

export function keepBeating(redis: Redis, role: 'relay' | 'workers'): NodeJS.Timeout {
  const tick = () => void beat(redis, role).catch(() => undefined);
  tick();
  return setInterval(tick, 3_000).unref();
}
