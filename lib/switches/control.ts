// One-off commands to the worker processes, sent over Redis pub/sub on
// `${QUEUE_PREFIX}:control`. So far there is one: crash. Every worker process hears it; exactly one
// obeys — the one that wins a SET NX on the command's id, or the one whose pid it names — logs,
// and exits at once with CRASH_EXIT_CODE, mid-work, without closing anything. The jobs it held
// keep their locks until WORKER_LOCK_MS runs out; then BullMQ's stalled-job check hands them to
// another worker (or to this one once its supervisor has restarted it).
//
// The sending side runs in the web process (the ops page); the obeying side is
// workers/support/control.ts.
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { config } from '../config';

/** What a worker process exits with when told to crash (EX_SOFTWARE), so supervisors can tell. */
export const CRASH_EXIT_CODE = 70;

export const controlChannel = (): string => `${config().QUEUE_PREFIX}:control`;
const claimKey = (id: string) => `${config().QUEUE_PREFIX}:control:claimed:${id}`;
const crashLogKey = () => `${config().QUEUE_PREFIX}:control:crashes`;

const CLAIM_TTL_MS = 10 * 60_000;
const CRASH_LOG_LENGTH = 10;

export const ControlCommand = z.object({
  id: z.string().uuid(),
  kind: z.literal('crash'),
  /** Only the worker process with this pid obeys; without it, any one of them. */
  pid: z.number().int().positive().optional(),
  sentAt: z.number().int(),
});
export type ControlCommand = z.infer<typeof ControlCommand>;

export function parseControlCommand(message: string): ControlCommand | null {
  try {
    const parsed = ControlCommand.safeParse(JSON.parse(message));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Publishes a crash command; `listeners` is how many worker processes heard it. */
export async function sendCrash(redis: Redis, target: { pid?: number } = {}): Promise<{ id: string; listeners: number }> {
  const command: ControlCommand = { id: randomUUID(), kind: 'crash', sentAt: Date.now(), ...(target.pid ? { pid: target.pid } : {}) };
  const listeners = await redis.publish(controlChannel(), JSON.stringify(command));
  return { id: command.id, listeners };
}

/** True for exactly one caller per command id: the process that will obey it. */
export async function claimCommand(redis: Redis, id: string, pid: number): Promise<boolean> {
  return (await redis.set(claimKey(id), String(pid), 'PX', CLAIM_TTL_MS, 'NX')) === 'OK';
}

/** The pid of the process that took the command, waiting up to `timeoutMs` for one to. */
export async function whoObeyed(redis: Redis, id: string, timeoutMs = 1_500): Promise<number | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pid = await redis.get(claimKey(id));
    if (pid) return Number(pid);
    if (Date.now() >= deadline) return null;
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface CrashRecord {
  pid: number;
  at: number;
}

/** Written by the obeying process just before it exits, for the ops page. */
export async function recordCrash(redis: Redis, pid: number): Promise<void> {
  await redis
    .multi()
    .lpush(crashLogKey(), JSON.stringify({ pid, at: Date.now() } satisfies CrashRecord))
    .ltrim(crashLogKey(), 0, CRASH_LOG_LENGTH - 1)
    .exec();
}

export async function recentCrashes(redis: Redis): Promise<CrashRecord[]> {
  const entries = await redis.lrange(crashLogKey(), 0, CRASH_LOG_LENGTH - 1);
  return entries.flatMap((entry) => {
    try {
      const { pid, at } = JSON.parse(entry) as CrashRecord;
      return typeof pid === 'number' && typeof at === 'number' ? [{ pid, at }] : [];
    } catch {
      return [];
    }
  });
}
