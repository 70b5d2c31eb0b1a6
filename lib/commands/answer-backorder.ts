// The customer's answer for a backordered line: wait for a restock, or cancel the line. Their own
// job, so it is decided while they wait, on the order request alone; what follows (the copies'
// claim released, the line's share of the hold given back, the e-mail) happens behind the scenes.
import { orderRequests } from '../db/order-requests';
import { cancelLine, chooseToWait } from '../domain/bookstore/order-request';
import { type Result, fail, ok } from '../domain/shared/result';
import { tryChangeAggregate } from '../outbox/change-aggregate';
import { transact } from '../outbox/unit-of-work';
import { type OrderRequestView, getOrderRequestView } from '../queries/order-request-view';

export type BackorderAnswer = 'wait' | 'cancel';

/** The order request as it now is; NOT_FOUND for a line or order that is not the caller's. */
export type AnswerBackorderResult = Result<{ orderRequest: OrderRequestView }>;

const NOT_FOUND = fail('NOT_FOUND', 'There is nothing here.');

export async function answerBackorder(
  customerId: string,
  input: { orderId: string; lineId: string; answer: BackorderAnswer },
): Promise<AnswerBackorderResult> {
  const refused = await transact(async (uow) => {
    const answered = await tryChangeAggregate(uow, orderRequests, input.orderId, { mode: 'sync', actor: 'customer' }, (request, ctx) => {
      // Someone else's order is not found, exactly like one that does not exist.
      if (request.customerId !== customerId) return fail('ORDER.NOT_FOUND', 'There is nothing here.');
      return input.answer === 'wait' ? chooseToWait(request, input.lineId, ctx) : cancelLine(request, input.lineId, 'customer', ctx);
    });
    if (answered.ok) return null;
    const { code } = answered.error;
    return code === 'ORDER.NOT_FOUND' || code === 'LINE.NOT_FOUND' ? NOT_FOUND : answered;
  });
  if (refused) return refused;
  const view = await getOrderRequestView(input.orderId, customerId);
  return view ? ok({ orderRequest: view }) : NOT_FOUND;
}
