// Server actions answer an outage the way route handlers do (lib/http/respond.ts failure()): a
// result with code UNAVAILABLE the form can retry with the same key, never a thrown error that
// the browser can only show as "something went wrong".
import { UnavailableAfterCardAsked } from '../db/errors';
import type { ActionFailure } from './action-result';
import { outageAnswer } from './respond';

/**
 * The result for an outage, or null if `caught` is not one (then rethrow it: it is a bug).
 * `beforeAnything` is what to say when nothing had been done yet; an outage after the card was
 * asked always gets the honest "being confirmed" text and the order, whatever the caller passes.
 */
export function outageResult(caught: unknown, beforeAnything?: string): ActionFailure | null {
  const outage = outageAnswer(caught);
  if (!outage) return null;
  const { code, message, orderId, orderUrl } = outage;
  if (caught instanceof UnavailableAfterCardAsked) {
    return { ok: false, code, message, ...(orderId ? { orderId } : {}), ...(orderUrl ? { orderUrl } : {}) };
  }
  return { ok: false, code, message: beforeAnything ?? message };
}
