// What is up and what is not, for GET /api/health and the demo's start-up check.
import { db } from '../db/client';
import { aliveRoles } from '../queue/queues';
import { commandRedis, waitForRedis } from '../queue/redis';

export interface Health {
  db: 'ok' | 'down';
  redis: 'ok' | 'down';
  /** Background processes seen in the last 10 s (they report through Redis). */
  relay: 'ok' | 'missing' | 'unknown';
  workers: 'ok' | 'missing' | 'unknown';
  workerProcesses: number;
}

const withTimeout = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms))]);

export async function checkHealth(): Promise<Health> {
  // A process that just started may still be connecting: give it a moment before saying "down".
  await waitForRedis(commandRedis(), 1_500);
  const [dbOk, roles] = await Promise.all([
    withTimeout(db().$queryRaw`SELECT 1`, 2_000).then(
      () => true,
      () => false,
    ),
    withTimeout(
      commandRedis()
        .ping()
        .then(() => aliveRoles(commandRedis())),
      2_000,
    ).catch(() => null),
  ]);
  const seen = (role: string) => (roles ? ((roles[role] ?? 0) > 0 ? 'ok' : 'missing') : 'unknown') as Health['relay'];
  return {
    db: dbOk ? 'ok' : 'down',
    redis: roles ? 'ok' : 'down',
    relay: seen('relay'),
    workers: seen('workers'),
    workerProcesses: roles?.workers ?? 0,
  };
}
