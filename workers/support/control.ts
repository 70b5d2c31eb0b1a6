// A worker process listening for ops commands (lib/switches/control.ts), and telling the ops page
// which version of the failure switches it sees (lib/switches/processes.ts).
//
// Crash: every worker process hears the command; the one that claims it (or the one it names by
// pid) logs and exits at once with CRASH_EXIT_CODE — no graceful close, so the jobs it was
// running keep their locks until WORKER_LOCK_MS runs out and BullMQ's stalled-job check gives them
// to another worker, as after a real crash. The supervisor (scripts/lib/stack.ts, or a process
// manager in production) starts a new process.
import type { Redis } from 'ioredis';
import type { Logger } from '@/lib/log';
import { CRASH_EXIT_CODE, claimCommand, controlChannel, parseControlCommand, recordCrash } from '@/lib/switches/control';
import { reportSwitchesSeen } from '@/lib/switches/processes';

/**
 * Starts listening; returns a function that stops. `redis` is used for commands (claims,
 * reports); the subscription gets a connection of its own, since a subscribed connection can do
 * nothing else.
 */
export function obeyControlCommands(redis: Redis, log: Logger): () => Promise<void> {
  const reporting = reportSwitchesSeen(redis, 'workers');
  const subscriber = redis.duplicate();
  subscriber.on('error', () => undefined); // the main connection reports outages already
  const channel = controlChannel();

  subscriber.on('message', (from: string, message: string) => {
    if (from !== channel) return;
    const command = parseControlCommand(message);
    if (!command) {
      log.warn('ignored a malformed control command', { message: message.slice(0, 200) });
      return;
    }
    if (command.pid !== undefined && command.pid !== process.pid) return;
    void (async () => {
      if (!(await claimCommand(redis, command.id, process.pid))) return;
      log.error('crashing on purpose (ops: "crash a worker process"); jobs in progress will be recovered', {
        pid: process.pid,
        command: command.id,
      });
      await recordCrash(redis, process.pid).catch(() => undefined);
      process.exit(CRASH_EXIT_CODE);
    })().catch((error: unknown) => log.warn('could not act on a control command', { error }));
  });
  subscriber.subscribe(channel).catch((error: unknown) => log.error('could not subscribe to control commands', { error }));

  return async () => {
    clearInterval(reporting);
    subscriber.disconnect();
  };
}
