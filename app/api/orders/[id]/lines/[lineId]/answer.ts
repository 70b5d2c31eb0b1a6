// The customer's answer for a backordered line, as an HTTP endpoint (shared by /cancel and /wait).
import { type BackorderAnswer, answerBackorder } from '@/lib/commands/answer-backorder';
import { currentCustomerId } from '@/lib/http/customer';
import { answer as answerWith } from '@/lib/http/answer';
import { failure, notFound } from '@/lib/http/respond';
import { isOrderId } from '@/lib/queries/ids';

export type LineParams = { params: Promise<{ id: string; lineId: string }> };

export async function answerLine({ params }: LineParams, answer: BackorderAnswer): Promise<Response> {
  try {
    const { id, lineId } = await params;
    const customerId = await currentCustomerId();
    if (!customerId || !isOrderId(id) || !isOrderId(lineId)) return notFound();
    return answerWith(await answerBackorder(customerId, { orderId: id, lineId, answer }));
  } catch (caught) {
    return failure(caught);
  }
}
