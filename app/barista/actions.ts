'use server';
// The barista board's buttons. Each checks who is calling first (a server action can be posted to
// directly), parses its arguments, and calls one command; the answer's code is what the board
// shows. A press carries the ticket version the barista was looking at (see
// lib/commands/barista/ticket-step.ts): TICKET.CHANGED means the board was out of date.
import { z } from 'zod';
import { handOverDrink } from '@/lib/commands/hand-over-drink';
import { requireStaffForAction } from '@/lib/auth/staff';
import { markDrinkReady } from '@/lib/commands/barista/mark-drink-ready';
import { setStationMode } from '@/lib/commands/barista/set-station-mode';
import { startDrink } from '@/lib/commands/barista/start-drink';
import type { StepAnswer, TicketPress } from '@/lib/commands/barista/ticket-step';
import { tossRuinedDrink } from '@/lib/commands/barista/toss-ruined-drink';
import { outageResult } from '@/lib/http/action-outage';
import { type ActionResult, actionResult } from '@/lib/http/action-result';

export async function handOverDrinkAction(ticketId: unknown, seenVersion?: unknown): Promise<ActionResult<null>> {
  return guarded(() => handOver(ticketId, seenVersion));
}

async function handOver(ticketId: unknown, seenVersion?: unknown): Promise<ActionResult<null>> {
  const staff = await requireStaffForAction('barista');
  if (!staff.ok) return staff.result;
  if (typeof ticketId !== 'string' || !/^[0-9a-f-]{36}$/i.test(ticketId)) {
    return { ok: false, code: 'VALIDATION', message: 'Unknown ticket.' };
  }
  const version = z.number().int().positive().optional().safeParse(seenVersion);
  if (!version.success) return { ok: false, code: 'VALIDATION', message: 'Unknown ticket version.' };
  const seen = version.data === undefined ? undefined : { seenVersion: version.data, by: staff.staff.name };
  return answer(await handOverDrink(ticketId, seen));
}

const Press = z.object({ ticketId: z.uuid(), seenVersion: z.number().int().positive() });

async function press(input: unknown, command: (press: TicketPress) => Promise<StepAnswer>): Promise<ActionResult<null>> {
  return guarded(() => pressTicket(input, command));
}

async function pressTicket(input: unknown, command: (press: TicketPress) => Promise<StepAnswer>): Promise<ActionResult<null>> {
  const staff = await requireStaffForAction('barista');
  if (!staff.ok) return staff.result;
  const parsed = Press.safeParse(input);
  if (!parsed.success) return { ok: false, code: 'VALIDATION', message: 'Unknown ticket.' };
  return answer(await command({ ...parsed.data, by: staff.staff.name }));
}

export async function startDrinkAction(input: unknown): Promise<ActionResult<null>> {
  return press(input, startDrink);
}

export async function markDrinkReadyAction(input: unknown): Promise<ActionResult<null>> {
  return press(input, markDrinkReady);
}

export async function tossDrinkAction(input: unknown): Promise<ActionResult<null>> {
  return press(input, tossRuinedDrink);
}

const ModeChange = z.object({ station: z.number().int().positive(), mode: z.enum(['auto', 'manual']) });

export async function setStationModeAction(input: unknown): Promise<ActionResult<null>> {
  return guarded(() => changeStationMode(input));
}

async function changeStationMode(input: unknown): Promise<ActionResult<null>> {
  const staff = await requireStaffForAction('barista');
  if (!staff.ok) return staff.result;
  const parsed = ModeChange.safeParse(input);
  if (!parsed.success) return { ok: false, code: 'VALIDATION', message: 'Unknown station or mode.' };
  return actionResult(await setStationMode(parsed.data), () => null);
}

/** The board only needs to know it went through: it reloads the ticket from its live stream. */
function answer(result: StepAnswer): ActionResult<null> {
  return actionResult(result, () => null);
}

/** A database or Redis outage is an answer the board shows (press again shortly), not a crash. */
async function guarded(work: () => Promise<ActionResult<null>>): Promise<ActionResult<null>> {
  try {
    return await work();
  } catch (caught) {
    const outage = outageResult(caught, 'The board cannot reach the shop right now. Nothing changed; press again in a moment.');
    if (outage) return outage;
    throw caught;
  }
}
