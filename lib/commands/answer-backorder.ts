// The customer's answer for a backordered line: wait for a restock, or cancel the line. Their own
// job, so it is decided while they wait, on the order request alone; what follows (the copies'
// claim released, the line's share of the hold given back, the e-mail) happens behind the scenes.
import { loadOrderRequest, saveOrderRequest } from '../db/order-requests';
import { cancelLine, chooseToWait } from '../domain/bookstore/order-request';
import type { DomainError } from '../domain/shared/result';
import { transact } from '../outbox/unit-of-work';
import { type OrderRequestView, getOrderRequestView } from '../queries/order-request-view';

export type BackorderAnswer = 'wait' | 'cancel';

export type AnswerBackorderResult =
  | { status: 200; body: { orderRequest: OrderRequestView } }
  | { status: 404 | 409; body: { error: DomainError } };

const NOT_FOUND = { status: 404, body: { error: { code: 'NOT_FOUND', message: 'There is nothing here.' } } } as const;

export async function answerBackorder(
  customerId: string,
  input: { orderId: string; lineId: string; answer: BackorderAnswer },
): Promise<AnswerBackorderResult> {
  const refused = await transact(async ({ tx, ctx, emit }) => {
    const request = await loadOrderRequest(tx, input.orderId);
    // Someone else's order is not found, exactly like one that does not exist.
    if (!request || request.customerId !== customerId) return NOT_FOUND;
    const result =
      input.answer === 'wait'
        ? chooseToWait(request, input.lineId, ctx)
        : cancelLine(request, input.lineId, 'customer', ctx);
    if (!result.ok) {
      return result.error.code === 'LINE.NOT_FOUND' ? NOT_FOUND : ({ status: 409, body: { error: result.error } } as const);
    }
    if (result.value.changed) {
      await saveOrderRequest(tx, request, result.value.state);
      await emit(result.value.events, { mode: 'sync', actor: 'customer' });
    }
    return null;
  });
  if (refused) return refused;
  const view = await getOrderRequestView(input.orderId, customerId);
  return view ? { status: 200, body: { orderRequest: view } } : NOT_FOUND;
}
