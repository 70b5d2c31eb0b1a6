// The customer's answer for a backordered line, as an HTTP endpoint (shared by /cancel and /wait).
import { type BackorderAnswer, answerBackorder } from '@/lib/commands/answer-backorder';
import { currentCustomerId } from '@/lib/http/customer';
import { failure, json, notFound } from '@/lib/http/respond';
import { isOrderId } from '@/lib/queries/ids';

export type LineParams = { params: Promise<{ id: string; lineId: string }> };

export async function answerLine({ params }: LineParams, answer: BackorderAnswer): Promise<Response> {
  try {
    const { id, lineId } = await params;
    const customerId = await currentCustomerId();
    if (!customerId || !isOrderId(id) || !isOrderId(lineId)) return notFound();
    const result = await answerBackorder(customerId, { orderId: id, lineId, answer });
    return json(result.status, result.body);
  } catch (caught) {
    return failure(caught);
  }
}
