'use server';
// The counter's server action: the same command as POST /api/coffee/orders, with the same
// idempotency (the form sends a key per attempt, so a double click makes one order).
import { PlaceCoffeeOrderRequest, placeCoffeeOrder } from '@/lib/commands/place-coffee-order';
import { outageResult } from '@/lib/http/action-outage';
import { type ActionResult, actionResult } from '@/lib/http/action-result';
import { currentCustomerId } from '@/lib/http/customer';
import { IDEMPOTENCY_KEY } from '@/lib/http/idempotency-key';
import { checkOrderRateForAction, rateLimitedResult } from '@/lib/http/rate-limit';
import { fieldsOf } from '@/lib/http/respond';
import type { OrderSummary } from '@/lib/commands/order-summary';

export async function placeCoffeeOrderAction(input: unknown, idempotencyKey: string): Promise<ActionResult<{ order: OrderSummary }>> {
  const customerId = await currentCustomerId();
  if (!customerId) return { ok: false, code: 'CUSTOMER.MISSING', message: 'Please enable cookies to order.' };
  if (typeof idempotencyKey !== 'string' || !IDEMPOTENCY_KEY.test(idempotencyKey)) {
    return { ok: false, code: 'IDEMPOTENCY.KEY_REQUIRED', message: 'Reload the page and try again.' };
  }
  const parsed = PlaceCoffeeOrderRequest.safeParse(input);
  if (!parsed.success) {
    return { ok: false, code: 'VALIDATION', message: 'Some details need fixing.', fields: fieldsOf(parsed.error.issues) };
  }
  try {
    const rate = await checkOrderRateForAction(customerId);
    if (!rate.ok) return rateLimitedResult(rate);
    return actionResult(await placeCoffeeOrder(parsed.data, { customerId, idempotencyKey }));
  } catch (caught) {
    // Before the card was asked: "nothing was charged"; after: "being confirmed", with the order.
    const outage = outageResult(caught, 'The shop cannot take orders right now. Nothing was charged; try again in a moment.');
    if (outage) return outage;
    throw caught;
  }
}
