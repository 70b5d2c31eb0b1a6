// Placing a coffee order and paying for it: the customer's job, done while they wait.
//
//   1. check the input (nothing is written for bad input)
//   2. transaction: claim the idempotency key, record the order (payment pending) + OrderPlaced
//      → the barista may start on the drink from here on, before the card has answered
//   3. charge the card (no transaction is open while the network thinks); if its answer is lost
//      on the way back, look the charge up by its key — a few times — and never charge again
//   4. transaction: record the card's answer on the order + PaymentApproved, or PaymentDeclined
//      and OrderCancelled (which tells the barista to toss the drink), and store the answer
//
// The answer is final: paid, or declined and cancelled. If the process dies between 2 and 4, the
// order stays "payment pending" until the sweeper cancels it (expire-unpaid-order.ts), unless a
// retry with the same key comes first: it finishes steps 3 and 4 itself (the charge is asked
// again under the same key, so it is replayed, never repeated). An outage from step 3 on is
// thrown as UnavailableAfterCardAsked: the customer is told the payment is being confirmed, not
// that nothing was charged. If the
// order was cancelled behind the counter meanwhile (the shop could not make it, or the sweeper
// gave up), a charge that went through is refunded at once and the customer told why.
import { z } from 'zod';
import { config } from '../config';
import { db } from '../db/client';
import { ServiceUnavailable, UnavailableAfterCardAsked, isUnavailable, unavailableService } from '../db/errors';
import { insertOrder, loadOrder, orders } from '../db/orders';
import { heldFirst } from '../db/repository';
import { MILKS, SIZES, priceLines } from '../domain/coffee/menu';
import { type Order, approvePayment, declinePayment, placeOrder } from '../domain/ordering/order';
import { validateCard } from '../domain/payments/card';
import { type Result, fail, ok, refuse } from '../domain/shared/result';
import { INVISIBLE_CHARACTER_MESSAGE, isPlainText } from '../domain/shared/text';
import type { SqlTx } from '../db/sql-tx';
import { cardNetwork } from '../adapters';
import { type KeyRef, answerFromKey, claimKey, hashRequest, replay, storeAnswer, unlessKeyTaken } from '../idempotency/keys';
import { tryChangeAggregate } from '../outbox/change-aggregate';
import { transact, transactSql } from '../outbox/unit-of-work';
import { CardRequest } from './support/card-request';
import { NO_ANSWER_CODE, findAfterLostAnswer } from './support/lost-answers';
import { recordRefund } from './support/refunds';
import { CardNetworkTimeout, type ChargeResult, DECLINE_MESSAGES, type DeclineCode } from '../payments/card-network';
import { chargeKeyFor, refundCharge } from '../payments/charges';
import { menuById } from '../queries/menu';
import { redisIsReady, waitForRedis } from '../queue/redis';
import { type OrderSummary, summarize } from './order-summary';

export const MAX_NAME_LENGTH = 40;

export const PlaceCoffeeOrderRequest = z.object({
  customerName: z
    .string({ error: 'Give a name to call out.' })
    .trim()
    .min(1, 'Give a name to call out.')
    .max(MAX_NAME_LENGTH, `Keep the name to ${MAX_NAME_LENGTH} characters.`)
    .refine((name) => isPlainText(name), INVISIBLE_CHARACTER_MESSAGE),
  items: z
    .array(
      z.object({
        itemId: z.string({ error: 'Choose a drink.' }).min(1, 'Choose a drink.').max(64),
        size: z.enum(SIZES, { error: 'Size must be S, M or L.' }),
        milk: z.enum(MILKS, { error: 'Milk must be whole, oat or soy.' }).nullish(),
        quantity: z
          .number({ error: 'Quantity must be a number.' })
          .int('Quantity must be a whole number.')
          .min(1, 'Quantity must be at least 1.')
          .max(20, 'At most 20 of one drink.'),
      }),
      { error: 'Add at least one drink.' },
    )
    .min(1, 'Add at least one drink.')
    .max(20, 'At most 20 different drinks per order.'),
  card: CardRequest,
});
export type PlaceCoffeeOrderRequest = z.infer<typeof PlaceCoffeeOrderRequest>;

export type PlaceCoffeeOrderCode =
  'VALIDATION' | 'PAYMENT.DECLINED' | 'PAYMENT.TOO_LATE' | 'PAYMENT.TIMED_OUT' | 'IDEMPOTENCY.MISMATCH' | 'IDEMPOTENCY.IN_PROGRESS';

/**
 * The order, paid; or why not. A declined card still shows the order (cancelled) beside the error,
 * so the counter can say what was declined.
 */
export type PlaceOrderAnswer = Result<{ order: OrderSummary }, PlaceCoffeeOrderCode, { order: OrderSummary }>;

export async function placeCoffeeOrder(
  request: PlaceCoffeeOrderRequest,
  who: { customerId: string; idempotencyKey: string },
): Promise<PlaceOrderAnswer> {
  // 1. Input. Everything below this point may write; nothing above it does.
  const priced = priceLines(await menuById(), request.items);
  const card = validateCard(request.card, new Date());
  if (!priced.ok || !card.ok) {
    const fields = { ...(priced.ok ? {} : priced.error.fields), ...(card.ok ? {} : card.error.fields) };
    return validationError(fields);
  }
  // Without Redis the barista would never hear of the order: refuse before taking money.
  if (!redisIsReady() && !(await waitForRedis())) {
    throw new ServiceUnavailable('redis', 'Redis is not reachable');
  }

  const ref: KeyRef = { customerId: who.customerId, key: who.idempotencyKey };
  const requestHash = hashRequest(request);

  // 2. Record the order request, claiming the key in the same transaction: writes only, so they go
  // to PostgreSQL as one statement, which is the whole transaction (lib/db/sql-tx.ts).
  const placed = await unlessKeyTaken(
    transactSql(async ({ tx, ctx, emit }) => {
      const orderId = ctx.newId();
      await claimKey(tx, ref, requestHash, orderId, ctx.now);
      const { state, events } = placeOrder(
        {
          id: orderId,
          scenario: 'coffee',
          customerId: who.customerId,
          customerName: request.customerName,
          lines: priced.value,
          cardLast4: card.value.last4,
          paymentTimeoutMs: config().PAYMENT_TIMEOUT_MS,
        },
        ctx,
      );
      await insertOrder(tx, state);
      await emit(events, { mode: 'sync', actor: 'customer' });
      return state;
    }),
  );
  if (!placed) return resumeOrReplay(ref, requestHash, card.value.number);
  return afterCardAsked(placed.id, () => payAndRecord(placed, card.value.number, ref));
}

/**
 * Steps 3 and 4 for an order recorded as payment pending: charge under the order's key, record
 * the answer. Run by the request that placed the order, or by a retry with its key that found
 * the first attempt gone (an outage, a crash). Both at once is safe: the network replays one
 * answer per charge key, and the order's version lets only one of them record it.
 */
async function payAndRecord(placed: Order, cardNumber: string, ref: KeyRef): Promise<PlaceOrderAnswer> {
  // 3. The customer waits at the counter while the card network answers.
  const charge = await chargeOnce({
    idempotencyKey: chargeKeyFor(placed.id),
    amountCents: placed.totalCents,
    cardNumber,
  });

  // 4. Record the answer on the order; the stored answer commits with it. The first try decides
  // on the order as we placed it, no re-read, so it too is one statement; a retry after a version
  // conflict (the sweeper got there first) reads it again.
  const held = heldFirst(orders, placed);
  const answer = await transactSql(async (uow) => {
    const recorded = await tryChangeAggregate(uow, held, placed.id, { mode: 'sync', actor: 'cashier' }, (order, ctx) =>
      charge.outcome === 'approved' ? approvePayment(order, ctx) : declinePayment(order, charge.code, ctx),
    );
    if (!recorded.ok && recorded.error.code === 'ORDER.NOT_FOUND') throw new Error(`order ${placed.id} vanished`);
    const answer: PlaceOrderAnswer = recorded.ok
      ? answerFor(recorded.value.state, charge.outcome === 'declined' ? charge.code : null)
      : // The order was cancelled while the card network was thinking: by the sweeper, or because
        // the shop found it could not make the drink.
        // The refusal names the order, so the customer can open its page and see why.
        refuse({ code: 'PAYMENT.TOO_LATE', message: await tooLateMessage(uow.tx, placed.id), orderId: placed.id });
    await storeAnswer(uow.tx, ref, answer, uow.ctx.now);
    return answer;
  });
  if (!answer.ok && answer.error.code === 'PAYMENT.TOO_LATE' && charge.outcome === 'approved') {
    // Money taken for an order that no longer exists goes back at once (same key as the
    // refund worker's, so whichever runs second does nothing), and the customer's page says so.
    const refund = await refundCharge(charge.chargeKey, charge.amountCents);
    await transact((uow) => recordRefund(uow, placed.id, refund, { mode: 'sync', actor: 'cashier' }));
  }
  return answer;
}

/**
 * Runs the steps after the card network was asked. An outage from here on may have stopped us
 * after money moved, so it leaves as UnavailableAfterCardAsked, which the edge answers with
 * "your payment is being confirmed" and a link to the (already recorded) order.
 */
async function afterCardAsked<T>(orderId: string | null, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!isUnavailable(error) || error instanceof UnavailableAfterCardAsked) throw error;
    throw new UnavailableAfterCardAsked('charge', orderId, true, unavailableService(error), error);
  }
}

/**
 * A request whose key is taken: the stored answer, once there is one. If the first attempt left
 * no answer (an outage or a crash stopped it after the order was placed) and the order still
 * waits for its payment, this retry finishes the payment itself, so "retry with the same
 * Idempotency-Key" ends in the true final answer instead of waiting for the sweeper.
 */
async function resumeOrReplay(ref: KeyRef, requestHash: string, cardNumber: string): Promise<PlaceOrderAnswer> {
  // The first attempt under this key may have reached the card network: an outage here must not
  // be answered "nothing was charged" either.
  return afterCardAsked(null, async () => {
    const found = await replay(ref, requestHash, config().IDEMPOTENCY_REPLAY_WAIT_MS);
    if (found.kind === 'in-progress') {
      const record = await db().idempotencyRecord.findUnique({ where: { customerId_key: ref }, select: { orderId: true } });
      const order = record?.orderId ? await loadOrder(db(), record.orderId) : null;
      if (order?.status === 'payment_pending') return afterCardAsked(order.id, () => payAndRecord(order, cardNumber, ref));
    }
    return replayAnswer(ref, requestHash, 0); // waited above already
  });
}

/** The card network never answered, and has no record of the charge: nothing was taken. */
const NO_ANSWER_MESSAGE = 'The card network did not answer, and has no record of this payment, so nothing was charged.';

type ChargeAnswer = ChargeResult | { outcome: 'declined'; chargeKey: string; code: typeof NO_ANSWER_CODE };

/**
 * One charge, whatever happens on the way back. A lost answer (CardNetworkTimeout) means the
 * charge may or may not have gone through: it is looked up by its key, never made again. A
 * network with no record of it took nothing: answered as a decline, and the order is cancelled
 * (the refund worker still looks the key up once more after the cancellation).
 */
async function chargeOnce(request: { idempotencyKey: string; amountCents: number; cardNumber: string }): Promise<ChargeAnswer> {
  try {
    return await cardNetwork().charge(request);
  } catch (error) {
    if (!(error instanceof CardNetworkTimeout)) throw error;
    const found = await findAfterLostAnswer(() => cardNetwork().findCharge(request.idempotencyKey));
    return found ?? { outcome: 'declined', chargeKey: request.idempotencyKey, code: NO_ANSWER_CODE };
  }
}

function answerFor(order: Order, declineCode: DeclineCode | typeof NO_ANSWER_CODE | null): PlaceOrderAnswer {
  const summary = summarize(order);
  if (!declineCode) return ok({ order: summary });
  const why = declineCode === NO_ANSWER_CODE ? NO_ANSWER_MESSAGE : DECLINE_MESSAGES[declineCode];
  return refuse({ code: 'PAYMENT.DECLINED', message: `${why} The order is cancelled.` }, { order: summary });
}

/** Why an order was cancelled under a payment that was still going through, for the counter to say. */
async function tooLateMessage(tx: SqlTx, orderId: string): Promise<string> {
  const [cancelled] = await tx.$queryRaw<{ data: unknown }[]>`
    SELECT data FROM order_timeline WHERE order_id = ${orderId}::uuid AND type = 'OrderCancelled' LIMIT 1`;
  const data = (cancelled?.data ?? {}) as { reason?: unknown; message?: unknown };
  if (data.reason === 'cannot-make' && typeof data.message === 'string') {
    return `${data.message}, so we cancelled your order while your card was being charged. Anything charged is refunded at once.`;
  }
  return 'The payment took too long and the order was cancelled. Any charge is refunded.';
}

async function replayAnswer(ref: KeyRef, requestHash: string, waitMs = config().IDEMPOTENCY_REPLAY_WAIT_MS): Promise<PlaceOrderAnswer> {
  return (await answerFromKey(ref, requestHash, waitMs, 'being paid')) as PlaceOrderAnswer;
}

function validationError(fields: Record<string, string>, message = 'Some details need fixing.'): PlaceOrderAnswer {
  return fail('VALIDATION', message, fields);
}
