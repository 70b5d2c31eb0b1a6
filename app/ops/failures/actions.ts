'use server';
// The ops page's buttons. Each checks the staff session itself (a server action can be called
// without the page), parses, calls lib/switches, and answers with a stable code.
import { requireStaffForAction } from '@/lib/auth/staff';
import { type ActionResult, actionResult } from '@/lib/http/action-result';
import { logger } from '@/lib/log';
import { isQueueName, setQueuePaused } from '@/lib/switches/queues';
import { parseSaveRequest } from '@/lib/switches/settings';
import { crashWorker, resetEverything } from '@/lib/switches/status';
import { saveSwitches } from '@/lib/switches/store';

const log = logger('ops');

export type SavedSwitches = { version: number; updatedAt: string };

const unavailable = (what: string): ActionResult<never> => ({
  ok: false,
  code: 'UNAVAILABLE',
  message: `Could not ${what}: the database or Redis is not answering. Nothing changed; try again shortly.`,
});

/** Saves the whole set of switches, if `version` is still the stored one. */
export async function saveSwitchesAction(input: unknown): Promise<ActionResult<SavedSwitches>> {
  const staff = await requireStaffForAction('ops');
  if (!staff.ok) return staff.result;
  const parsed = parseSaveRequest(input);
  if (!parsed.ok) return { ok: false, code: 'VALIDATION', message: 'Some switches are out of range.', fields: parsed.fields };
  try {
    const saved = await saveSwitches(parsed.request.switches, parsed.request.version);
    if (saved.ok) log.info('failure switches changed', { by: staff.staff.name, version: saved.value.version, switches: saved.value.value });
    return actionResult(saved, ({ version, updatedAt }) => ({ version, updatedAt: updatedAt.toISOString() }));
  } catch (error) {
    log.error('could not save the failure switches', { error });
    return unavailable('save the switches');
  }
}

export async function resetEverythingAction(): Promise<ActionResult<{ version: number }>> {
  const staff = await requireStaffForAction('ops');
  if (!staff.ok) return staff.result;
  try {
    const reset = await resetEverything();
    log.info('failure switches reset and queues resumed', { by: staff.staff.name, version: reset.version });
    return { ok: true, data: reset };
  } catch (error) {
    log.error('could not reset the failure switches', { error });
    return unavailable('reset everything');
  }
}

export async function setQueuePausedAction(queue: unknown, paused: unknown): Promise<ActionResult<{ queue: string; paused: boolean }>> {
  const staff = await requireStaffForAction('ops');
  if (!staff.ok) return staff.result;
  if (!isQueueName(queue) || typeof paused !== 'boolean') {
    return { ok: false, code: 'VALIDATION', message: 'Unknown queue.' };
  }
  try {
    await setQueuePaused(queue, paused);
    log.info(paused ? 'queue paused' : 'queue resumed', { by: staff.staff.name, queue });
    return { ok: true, data: { queue, paused } };
  } catch (error) {
    log.error('could not pause or resume a queue', { error, queue });
    return unavailable(paused ? `pause ${queue}` : `resume ${queue}`);
  }
}

/** Crashes one worker process: the one with `pid`, or whichever claims the command first. */
export async function crashWorkerAction(pid: unknown): Promise<ActionResult<{ obeyedBy: number }>> {
  const staff = await requireStaffForAction('ops');
  if (!staff.ok) return staff.result;
  if (pid !== null && (typeof pid !== 'number' || !Number.isInteger(pid) || pid <= 0)) {
    return { ok: false, code: 'VALIDATION', message: 'Unknown process.' };
  }
  try {
    const crashed = await crashWorker(pid ?? undefined);
    if (crashed.ok) log.warn('worker process crashed on purpose', { by: staff.staff.name, pid: crashed.value.obeyedBy });
    return actionResult(crashed);
  } catch (error) {
    log.error('could not send the crash command', { error });
    return unavailable('send the crash command');
  }
}
