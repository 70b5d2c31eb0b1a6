// Placing a bookstore order request: the customer's job, done while they wait.
//
//   1. check the address, the card and the cart (nothing is written for bad input)
//   2. claim the idempotency key (so a double submit authorises once)
//   3. authorise the card for the total: a hold, nothing taken yet (no transaction is open); if
//      the network's answer is lost, look the hold up by its key — never authorise again
//   4. transaction: claim the cart — delete exactly the rows read in step 1, or roll back if any
//      is gone or changed — record the order request + OrderRequested and a LineRequested per
//      line, store the answer — or, if the card was declined, store only the answer: the cart is
//      untouched and no order exists
//
// The claim makes one cart one order: two checkouts of it at once (two tabs, two keys) both get
// a hold, but only the first transaction finds the rows; the other rolls back, voids its hold and
// answers CART.ALREADY_CHECKED_OUT (or CART.CHANGED if the cart was edited meanwhile).
//
// Reserving stock, taking the money and shipping happen afterwards, behind the scenes, line by
// line. If the process dies between 3 and 4, the hold is voided by the relay's sweeper
// (settleAbandonedCheckouts in bookstore-timers.ts) and a retry with the same key is told so —
// unless the retry comes first and finds the hold in place for exactly the cart still there: then
// it records the order request itself (the hold is replayed under its key, never made twice). An
// outage from step 3 on leaves as UnavailableAfterCardAsked: the customer is told the request is
// being confirmed, not that the card was untouched.
import { z } from 'zod';
import { config } from '../config';
import { db } from '../db/client';
import { ServiceUnavailable, UnavailableAfterCardAsked, isUnavailable, unavailableService } from '../db/errors';
import { insertOrderRequest } from '../db/order-requests';
import { validateAddress } from '../domain/bookstore/address';
import { type OrderRequest, requestOrder } from '../domain/bookstore/order-request';
import { validateCard } from '../domain/payments/card';
import { type Result, fail, ok, refuse } from '../domain/shared/result';
import type { Tx } from '../db/client';
import { cardNetwork } from '../adapters';
import { type KeyRef, answerFromKey, claimKey, hashRequest, replay, storeFirstAnswer, unlessKeyTaken } from '../idempotency/keys';
import { transact, transactSql } from '../outbox/unit-of-work';
import { CardRequest } from './support/card-request';
import { NO_ANSWER_CODE, findAfterLostAnswer } from './support/lost-answers';
import { type AuthorizationResult, CardNetworkTimeout, DECLINE_MESSAGES } from '../payments/card-network';
import { abandonedVoidKeyFor, authorizationKeyFor } from '../payments/holds';
import { liveCartWhere } from '../queries/cart';
import { redisIsReady, waitForRedis } from '../queue/redis';

const text = (message: string, max: number) => z.string({ error: message }).max(max * 2, `Keep this to ${max} characters.`);

export const PlaceBookOrderRequest = z.object({
  address: z.object(
    {
      name: text('Who should the parcel be addressed to?', 80),
      line1: text('Enter the street and house number.', 100),
      line2: text('Address line 2 must be text.', 100).nullish(),
      city: text('Enter the town or city.', 60),
      postcode: text('Enter the postcode.', 12),
      country: text('Choose a country we ship to.', 2),
    },
    { error: 'Enter the shipping address.' },
  ),
  card: CardRequest,
});
export type PlaceBookOrderRequest = z.infer<typeof PlaceBookOrderRequest>;

export interface OrderRequestSummary {
  id: string;
  status: string;
  totalCents: number;
  cardLast4: string;
  lines: { bookId: string; title: string; quantity: number; unitPriceCents: number }[];
}

export type PlaceBookOrderCode =
  | 'VALIDATION'
  | 'CART.EMPTY'
  | 'PAYMENT.DECLINED'
  | 'CART.CHANGED'
  | 'CART.ALREADY_CHECKED_OUT'
  | 'CHECKOUT.ABANDONED'
  | 'IDEMPOTENCY.MISMATCH'
  | 'IDEMPOTENCY.IN_PROGRESS';

export type BookOrderAnswer = Result<{ orderRequest: OrderRequestSummary }, PlaceBookOrderCode>;

export async function placeBookOrder(
  request: PlaceBookOrderRequest,
  who: { customerId: string; idempotencyKey: string },
): Promise<BookOrderAnswer> {
  // 1. Input, and the cart as it is now. Nothing above step 2 writes.
  const address = validateAddress(request.address);
  const card = validateCard(request.card, new Date());
  if (!address.ok || !card.ok) {
    return fail('VALIDATION', 'Some details need fixing.', {
      ...(address.ok ? {} : address.error.fields),
      ...(card.ok ? {} : card.error.fields),
    });
  }
  const ref: KeyRef = { customerId: who.customerId, key: who.idempotencyKey };
  const requestHash = hashRequest({ scenario: 'bookstore', ...request });
  const input = { address: address.value, card: card.value };
  // A retry of a request that got through has an empty cart by now: it is answered from the key.
  if (await keyIsKnown(ref)) return resumeOrReplay(ref, requestHash, who.customerId, input);
  const lines = await cartLines(who.customerId);
  if (lines.length === 0) {
    return fail('CART.EMPTY', 'Your cart is empty: add a book first.', { cart: 'Your cart is empty.' });
  }
  // Without Redis nobody behind the scenes would hear of the order: refuse before holding money.
  if (!redisIsReady() && !(await waitForRedis())) {
    throw new ServiceUnavailable('redis', 'Redis is not reachable');
  }

  // 2. The key, claimed on its own: until step 4 there is nothing else to record.
  const orderId = await unlessKeyTaken(
    transactSql(async ({ tx, ctx }) => {
      const id = ctx.newId();
      await claimKey(tx, ref, requestHash, id, ctx.now);
      return id;
    }),
  );
  if (!orderId) return resumeOrReplay(ref, requestHash, who.customerId, input);

  // 3 and 4. From here on the card network has been asked, so an outage must not be answered
  // "your card was not touched".
  return afterHoldAsked(orderId, () => holdAndRecord(orderId, lines, input, who.customerId, ref, requestHash));
}

/**
 * Runs steps that come after the card network may have been asked for a hold (by this attempt or
 * an earlier one under the key). An outage there leaves as UnavailableAfterCardAsked, which the
 * edge answers "being confirmed", never "your card was not touched".
 */
async function afterHoldAsked<T>(orderId: string | null, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!isUnavailable(error) || error instanceof UnavailableAfterCardAsked) throw error;
    throw new UnavailableAfterCardAsked('hold', orderId, false, unavailableService(error), error);
  }
}

type CheckoutInput = { address: OrderRequest['shipTo']; card: { number: string; last4: string } };

/**
 * The answer for a key an earlier attempt already used: its stored answer, once there is one. If
 * that attempt left none (an outage or a crash stopped it after the hold), its hold is in place
 * for exactly the cart still there, and no order request was recorded, this retry records it,
 * so "retry with the same Idempotency-Key" ends in the order rather than in the sweeper's
 * "abandoned". Anything less certain is left to the sweeper, which voids the hold. The earlier
 * attempt may have reached the card network, so an outage here is not "your card was not
 * touched" either.
 */
async function resumeOrReplay(ref: KeyRef, requestHash: string, customerId: string, input: CheckoutInput): Promise<BookOrderAnswer> {
  return afterHoldAsked(null, async () => {
    const found = await replay(ref, requestHash, config().IDEMPOTENCY_REPLAY_WAIT_MS);
    if (found.kind === 'in-progress') {
      const record = await db().idempotencyRecord.findUnique({ where: { customerId_key: ref }, select: { orderId: true } });
      const orderId = record?.orderId;
      if (orderId && !(await db().orderRequest.findUnique({ where: { id: orderId }, select: { id: true } }))) {
        const [lines, hold] = await Promise.all([cartLines(customerId), cardNetwork().findAuthorization(authorizationKeyFor(orderId))]);
        const total = lines.reduce((sum, l) => sum + l.quantity * l.unitPriceCents, 0);
        if (lines.length > 0 && hold?.outcome === 'approved' && hold.amountCents === total) {
          return afterHoldAsked(orderId, () => holdAndRecord(orderId, lines, input, customerId, ref, requestHash));
        }
      }
    }
    return replayAnswer(ref, requestHash, 0); // waited above already
  });
}

type CartLine = Awaited<ReturnType<typeof cartLines>>[number];

async function holdAndRecord(
  orderId: string,
  lines: CartLine[],
  input: CheckoutInput,
  customerId: string,
  ref: KeyRef,
  requestHash: string,
): Promise<BookOrderAnswer> {
  // 3. The customer waits while the card network puts the hold in place.
  const totalCents = lines.reduce((sum, l) => sum + l.quantity * l.unitPriceCents, 0);
  const hold = await authorizeOnce({
    idempotencyKey: authorizationKeyFor(orderId),
    amountCents: totalCents,
    cardNumber: input.card.number,
  });

  // 4. Record the request (or only the refusal) with the answer.
  const recorded = await transact(async ({ tx, ctx, emit }) => {
    let answer: BookOrderAnswer;
    if (hold.outcome === 'declined') {
      const why = hold.code === NO_ANSWER_CODE ? NO_ANSWER_MESSAGE : DECLINE_MESSAGES[hold.code];
      answer = fail('PAYMENT.DECLINED', `${why} Nothing was ordered; your cart is as you left it.`);
    } else {
      // First, before anything is written: another checkout of this cart may have claimed it.
      if (!(await claimCart(tx, customerId, lines))) throw new CartClaimedMeanwhile();
      const { state, events } = requestOrder(
        {
          id: orderId,
          customerId,
          cardLast4: input.card.last4,
          authorizationKey: hold.authorizationKey,
          shipTo: input.address,
          lines,
        },
        ctx,
      );
      await insertOrderRequest(tx, state);
      await emit(events, { mode: 'sync', actor: 'customer' });
      answer = ok({ orderRequest: summarize(state) });
    }
    // Too late if the sweeper gave up on us meanwhile: roll everything back, replay its answer.
    if (!(await storeFirstAnswer(tx, ref, answer, ctx.now))) throw new SettledMeanwhile();
    return answer;
  }).catch((error: unknown) => {
    if (error instanceof SettledMeanwhile || error instanceof CartClaimedMeanwhile) return error;
    throw error;
  });
  if (recorded instanceof CartClaimedMeanwhile && hold.outcome === 'approved') {
    // Another attempt under this same key (a retry that resumed it) recorded this order request
    // with this hold: nothing to release, its answer is ours.
    if (await db().orderRequest.findUnique({ where: { id: orderId }, select: { id: true } })) return replayAnswer(ref, requestHash);
    return releaseLosingCheckout(orderId, hold, customerId, ref, requestHash);
  }
  return recorded instanceof Error ? replayAnswer(ref, requestHash) : recorded;
}

/**
 * Deletes exactly the cart rows this checkout read (same books, same quantities). False if any of
 * them is gone or changed: another checkout took the cart first, or it was edited meanwhile. Two
 * checkouts deleting the same rows queue on the row locks, so the second sees them gone.
 */
async function claimCart(tx: Tx, customerId: string, lines: CartLine[]): Promise<boolean> {
  const { count } = await tx.cartItem.deleteMany({
    where: { customerId, OR: lines.map((l) => ({ bookId: l.bookId, quantity: l.quantity })) },
  });
  return count === lines.length;
}

/**
 * This checkout lost its cart to another one: its hold is released now (under the same void key
 * the abandoned-checkout sweeper would use, so if both run, the money moves once), then its key
 * gets its final answer. In that order: a key with an answer is never swept, so an answer stored
 * before a failed void would strand the hold; a void without an answer is swept and replayed.
 */
async function releaseLosingCheckout(
  orderId: string,
  hold: { authorizationKey: string; amountCents: number },
  customerId: string,
  ref: KeyRef,
  requestHash: string,
): Promise<BookOrderAnswer> {
  await cardNetwork().void({
    idempotencyKey: abandonedVoidKeyFor(orderId),
    authorizationKey: hold.authorizationKey,
    amountCents: hold.amountCents,
  });
  const winner = await db().orderRequest.findFirst({
    where: { customerId, createdAt: { gte: new Date(Date.now() - RECENT_CHECKOUT_MS) } },
    orderBy: { createdAt: 'desc' },
    select: { id: true },
  });
  const answer: BookOrderAnswer = winner
    ? refuse({
        code: 'CART.ALREADY_CHECKED_OUT',
        message:
          'This cart was just checked out in another tab or window, so nothing more was ordered and the hold on your card for this attempt is released. See your order.',
        orderId: winner.id,
      })
    : fail(
        'CART.CHANGED',
        'Your cart changed while the order was being placed, so nothing was ordered and the hold on your card is released. Check your cart and place the order again.',
        { cart: 'Your cart changed.' },
      );
  const stored = await transact(({ tx, ctx }) => storeFirstAnswer(tx, ref, answer, ctx.now));
  return stored ? answer : replayAnswer(ref, requestHash);
}

/** How far back an order request counts as "the other tab's" when a cart claim is lost. */
const RECENT_CHECKOUT_MS = 10 * 60_000;

const NO_ANSWER_MESSAGE = 'The card network did not answer, and has no record of a hold on your card, so nothing was held.';

type HoldAnswer = AuthorizationResult | { outcome: 'declined'; authorizationKey: string; code: typeof NO_ANSWER_CODE };

/**
 * One hold, whatever happens on the way back: a lost answer (CardNetworkTimeout) is looked up by
 * the key, never asked again. A network with no record of it holds nothing: answered as a decline.
 */
async function authorizeOnce(request: { idempotencyKey: string; amountCents: number; cardNumber: string }): Promise<HoldAnswer> {
  try {
    return await cardNetwork().authorize(request);
  } catch (error) {
    if (!(error instanceof CardNetworkTimeout)) throw error;
    const found = await findAfterLostAnswer(() => cardNetwork().findAuthorization(request.idempotencyKey));
    return found ?? { outcome: 'declined', authorizationKey: request.idempotencyKey, code: NO_ANSWER_CODE };
  }
}

class SettledMeanwhile extends Error {
  override name = 'SettledMeanwhile';
}

class CartClaimedMeanwhile extends Error {
  override name = 'CartClaimedMeanwhile';
}

async function keyIsKnown(ref: KeyRef): Promise<boolean> {
  return (await db().idempotencyRecord.count({ where: ref })) > 0;
}

/** The cart priced from the catalogue now: what the hold is for. */
async function cartLines(customerId: string) {
  // An expired cart is empty here as on the cart page (lib/queries/cart.ts).
  const items = await db().cartItem.findMany({ where: liveCartWhere(customerId), orderBy: { addedAt: 'asc' } });
  const books = new Map((await db().book.findMany({ where: { id: { in: items.map((i) => i.bookId) } } })).map((b) => [b.id, b]));
  return items.flatMap((item) => {
    const book = books.get(item.bookId);
    return book
      ? [{ bookId: book.id, title: book.title, author: book.author, quantity: item.quantity, unitPriceCents: book.priceCents }]
      : [];
  });
}

export function summarize(request: OrderRequest): OrderRequestSummary {
  return {
    id: request.id,
    status: request.status,
    totalCents: request.totalCents,
    cardLast4: request.cardLast4,
    lines: request.lines.map(({ bookId, title, quantity, unitPriceCents }) => ({ bookId, title, quantity, unitPriceCents })),
  };
}

async function replayAnswer(ref: KeyRef, requestHash: string, waitMs = config().IDEMPOTENCY_REPLAY_WAIT_MS): Promise<BookOrderAnswer> {
  return (await answerFromKey(ref, requestHash, waitMs, 'being authorised')) as BookOrderAnswer;
}
