'use server';
import { handOverDrink } from '@/lib/commands/hand-over-drink';
import type { ActionResult } from '@/lib/http/action-result';

export async function handOverDrinkAction(ticketId: unknown): Promise<ActionResult<null>> {
  if (typeof ticketId !== 'string' || !/^[0-9a-f-]{36}$/i.test(ticketId)) {
    return { ok: false, code: 'VALIDATION', message: 'Unknown ticket.' };
  }
  const result = await handOverDrink(ticketId);
  return result.ok ? { ok: true, data: null } : { ok: false, code: result.error.code, message: result.error.message };
}
