'use server';
// The customer's answer for a backordered line: wait for a restock, or cancel the line (its share
// of the hold on the card is then released, behind the scenes).
import { z } from 'zod';
import { answerBackorder } from '@/lib/commands/answer-backorder';
import { type ActionResult, actionResult } from '@/lib/http/action-result';
import { outageResult } from '@/lib/http/action-outage';
import { currentCustomerId } from '@/lib/http/customer';
import type { OrderRequestView } from '@/lib/queries/order-request-view';

const BackorderAnswer = z.object({
  orderId: z.string().uuid(),
  lineId: z.string().uuid(),
  answer: z.enum(['wait', 'cancel']),
});

export async function answerBackorderAction(
  orderId: string,
  lineId: string,
  answer: 'wait' | 'cancel',
): Promise<ActionResult<{ orderRequest: OrderRequestView }>> {
  const customerId = await currentCustomerId();
  if (!customerId) return { ok: false, code: 'CUSTOMER.MISSING', message: 'Please enable cookies to manage your order.' };
  const parsed = BackorderAnswer.safeParse({ orderId, lineId, answer });
  if (!parsed.success) return { ok: false, code: 'VALIDATION', message: 'That line of your order could not be found.' };
  try {
    return actionResult(await answerBackorder(customerId, parsed.data));
  } catch (caught) {
    const outage = outageResult(caught, 'The shop cannot record your answer right now. Nothing changed; try again in a moment.');
    if (outage) return outage;
    throw caught;
  }
}
