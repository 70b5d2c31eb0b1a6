// Everything the ops page shows about the failure switches, in one read: the switches and their
// version, which processes run and which version each sees, the queues (paused or not, and how
// full), and recent deliberate crashes. Redis being down does not hide the switches themselves.
import { config } from '../config';
import { type Result, fail, ok } from '../domain/shared/result';
import { logger } from '../log';
import { type CrashRecord, recentCrashes, sendCrash, whoObeyed } from './control';
import { type ProcessView, liveProcesses, reportSeen } from './processes';
import { type QueueState, opsRedis, queueStates, resumeAllQueues } from './queues';
import { NOTHING_WRONG, type Switches } from './settings';
import { readSwitches, saveSwitches } from './store';

const log = logger('ops');

export interface OpsStatus {
  switches: Switches;
  version: number;
  /** ISO time of the last save, or null before the first. */
  updatedAt: string | null;
  processes: ProcessView[];
  queues: QueueState[];
  crashes: CrashRecord[];
  /** A crashed worker's jobs are picked up again within about twice this. */
  workerLockMs: number;
  /** Set when Redis could not be asked: processes, queues and crashes are then unknown. */
  redisProblem: string | null;
  /** This web process, which answered. */
  webPid: number;
  now: number;
}

export async function opsStatus(): Promise<OpsStatus> {
  const stored = await readSwitches();
  let processes: ProcessView[] = [];
  let queues: QueueState[] = [];
  let crashes: CrashRecord[] = [];
  let redisProblem: string | null = null;
  try {
    const redis = opsRedis();
    await reportSeen(redis, 'web');
    [processes, queues, crashes] = await Promise.all([liveProcesses(redis), queueStates(), recentCrashes(redis)]);
  } catch (error) {
    log.warn('could not read the queues and processes from Redis', { error });
    redisProblem = 'Redis cannot be reached: queues and processes are unknown right now.';
  }
  return {
    switches: stored.value,
    version: stored.version,
    updatedAt: stored.updatedAt?.toISOString() ?? null,
    processes,
    queues,
    crashes,
    workerLockMs: config().WORKER_LOCK_MS,
    redisProblem,
    webPid: process.pid,
    now: Date.now(),
  };
}

/**
 * "Reset everything": every switch back to nothing-goes-wrong and every queue resumed. Unlike a
 * single change it does not depend on what the presenter was looking at, so a concurrent save is
 * simply reset too (it retries on the new version).
 */
export async function resetEverything(): Promise<{ version: number }> {
  for (let attempt = 0; ; attempt++) {
    const { version } = await readSwitches();
    const saved = await saveSwitches(NOTHING_WRONG, version);
    if (saved.ok) {
      await resumeAllQueues();
      return { version: saved.value.version };
    }
    if (attempt >= 5) throw new Error('the switches kept changing while they were being reset');
  }
}

/** Tells one worker process (any, or the one with `pid`) to crash; answers with the one that did. */
export async function crashWorker(pid?: number): Promise<Result<{ obeyedBy: number }, 'CRASH.NO_WORKERS' | 'CRASH.NOT_OBEYED'>> {
  const redis = opsRedis();
  const { id, listeners } = await sendCrash(redis, pid ? { pid } : {});
  if (listeners === 0) return fail('CRASH.NO_WORKERS', 'No worker process is listening for commands right now, so none was crashed.');
  const obeyedBy = await whoObeyed(redis, id);
  if (obeyedBy === null) {
    return fail(
      'CRASH.NOT_OBEYED',
      pid ? `Worker process ${pid} did not take the command (it may already be gone).` : 'No worker process took the command.',
    );
  }
  return ok({ obeyedBy });
}
