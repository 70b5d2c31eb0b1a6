// BullMQ queues for producers (the relay) and the heartbeat registry that health checks read.
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { config } from '../config';
import { QUEUES, type QueueName } from './topology';

export function openQueues(connection: Redis): Map<QueueName, Queue> {
  const prefix = config().QUEUE_PREFIX;
  return new Map(Object.values(QUEUES).map((name) => [name, new Queue(name, { connection, prefix })]));
}

export function heartbeatKey(): string {
  return `${config().QUEUE_PREFIX}:heartbeats`;
}

/** Records that a process of this role is alive; health reports roles not seen for 10 s. */
export async function beat(redis: Redis, role: 'relay' | 'workers'): Promise<void> {
  await redis.zadd(heartbeatKey(), Date.now(), `${role}:${process.pid}`);
}

export async function aliveRoles(redis: Redis, withinMs = 10_000): Promise<Record<string, number>> {
  const members = await redis.zrangebyscore(heartbeatKey(), Date.now() - withinMs, '+inf');
  const counts: Record<string, number> = {};
  for (const m of members) {
    const role = m.split(':')[0] ?? 'unknown';
    counts[role] = (counts[role] ?? 0) + 1;
  }
  return counts;
}
