'use server';
// The needs-attention list's buttons. Each checks for ops staff itself (a server action can be
// called without the page), parses, calls the command, and answers with a stable code.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { compensateAttentionItem, resolveAttentionItem, retryAttentionItem } from '@/lib/commands/attention';
import type { Result } from '@/lib/domain/shared/result';
import { requireStaffForAction } from '@/lib/auth/staff';
import { type ActionResult, actionResult } from '@/lib/http/action-result';
import { outageResult } from '@/lib/http/action-outage';
import { logger } from '@/lib/log';

const log = logger('ops');
const ItemId = z.string().uuid();

const UNKNOWN_ITEM: ActionResult<never> = { ok: false, code: 'VALIDATION', message: 'Unknown item.' };

async function answer<T>(what: string, run: () => Promise<Result<T>>): Promise<ActionResult<T>> {
  try {
    const result = await run();
    revalidatePath('/ops/attention');
    return actionResult(result);
  } catch (error) {
    const outage = outageResult(error, `Could not ${what}: the database or Redis is not answering. Try again shortly.`);
    if (!outage) throw error;
    log.error(`could not ${what}`, { error });
    return outage;
  }
}

export async function retryAttentionAction(itemId: unknown): Promise<ActionResult<{ status: string }>> {
  const staff = await requireStaffForAction('ops');
  if (!staff.ok) return staff.result;
  const id = ItemId.safeParse(itemId);
  if (!id.success) return UNKNOWN_ITEM;
  log.info('attention item retried', { itemId: id.data, by: staff.staff.name });
  return answer('run the step again', () => retryAttentionItem(id.data, staff.staff));
}

export async function compensateAttentionAction(itemId: unknown): Promise<ActionResult<{ status: string; acted: boolean }>> {
  const staff = await requireStaffForAction('ops');
  if (!staff.ok) return staff.result;
  const id = ItemId.safeParse(itemId);
  if (!id.success) return UNKNOWN_ITEM;
  log.info('attention item compensated', { itemId: id.data, by: staff.staff.name });
  return answer('compensate', () => compensateAttentionItem(id.data, staff.staff));
}

export async function resolveAttentionAction(input: unknown): Promise<ActionResult<{ status: string }>> {
  const staff = await requireStaffForAction('ops');
  if (!staff.ok) return staff.result;
  const shape = z.object({ itemId: z.string(), note: z.string() }).safeParse(input);
  if (!shape.success) return UNKNOWN_ITEM;
  log.info('attention item resolved', { itemId: shape.data.itemId, by: staff.staff.name });
  return answer('resolve the item', () => resolveAttentionItem(shape.data, staff.staff));
}
