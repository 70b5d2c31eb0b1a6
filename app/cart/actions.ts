'use server';
// The bookstore's server actions: the cart (the customer's scratch pad) and checkout, which is the
// one step the customer waits for — the card is authorised (a hold) and the order request is
// recorded, or nothing is. Everything after that happens behind the scenes.
import { z } from 'zod';
import { CartLineInput, addToCart, removeFromCart, setCartQuantity } from '@/lib/commands/cart';
import { type OrderRequestSummary, PlaceBookOrderRequest, placeBookOrder } from '@/lib/commands/place-book-order';
import { MAX_COPIES_PER_LINE } from '@/lib/domain/bookstore/order-request';
import { outageResult } from '@/lib/http/action-outage';
import { type ActionFailure, type ActionResult, actionResult } from '@/lib/http/action-result';
import { currentCustomerId } from '@/lib/http/customer';
import { checkCartWriteRateForAction, checkOrderRateForAction, rateLimitedResult } from '@/lib/http/rate-limit';
import { fieldsOf } from '@/lib/http/respond';
import type { CartView } from '@/lib/queries/cart';

type Failure = ActionFailure;

const NO_CUSTOMER: Failure = { ok: false, code: 'CUSTOMER.MISSING', message: 'Please enable cookies to shop.' };
const BookId = z.string().uuid();

export async function addToCartAction(input: unknown): Promise<ActionResult<{ cart: CartView }>> {
  return cartChange(input, addToCart);
}

export async function setCartQuantityAction(input: unknown): Promise<ActionResult<{ cart: CartView }>> {
  return cartChange(input, setCartQuantity);
}

export async function removeFromCartAction(bookId: unknown): Promise<ActionResult<{ cart: CartView }>> {
  const customerId = await currentCustomerId();
  if (!customerId) return NO_CUSTOMER;
  const parsed = BookId.safeParse(bookId);
  if (!parsed.success) return { ok: false, code: 'VALIDATION', message: 'That book is not in your cart.' };
  return guarded(async () => {
    const rate = await checkCartWriteRateForAction(customerId);
    if (!rate.ok) return rateLimitedResult(rate, 'cart');
    return actionResult(await removeFromCart(customerId, parsed.data), (cart) => ({ cart }));
  }, CART_DOWN);
}

export async function placeBookOrderAction(
  input: unknown,
  idempotencyKey: string,
): Promise<ActionResult<{ orderRequest: OrderRequestSummary }>> {
  const customerId = await currentCustomerId();
  if (!customerId) return NO_CUSTOMER;
  if (typeof idempotencyKey !== 'string' || !/^[A-Za-z0-9_.:-]{8,128}$/.test(idempotencyKey)) {
    return { ok: false, code: 'IDEMPOTENCY.KEY_REQUIRED', message: 'Reload the page and try again.' };
  }
  const parsed = PlaceBookOrderRequest.safeParse(input);
  if (!parsed.success) {
    return { ok: false, code: 'VALIDATION', message: 'Some details need fixing.', fields: fieldsOf(parsed.error.issues) };
  }
  return guarded(async () => {
    const rate = await checkOrderRateForAction(customerId);
    if (!rate.ok) return rateLimitedResult(rate);
    return actionResult(await placeBookOrder(parsed.data, { customerId, idempotencyKey }));
  }, CHECKOUT_DOWN);
}

// ---------------------------------------------------------------------------------------------

const CART_DOWN: Failure = {
  ok: false,
  code: 'UNAVAILABLE',
  message: 'The shop cannot update your cart right now. Nothing changed; try again in a moment.',
};

const CHECKOUT_DOWN: Failure = {
  ok: false,
  code: 'UNAVAILABLE',
  message: 'The shop cannot take orders right now. Nothing was recorded and your card was not touched; try again in a moment.',
};

type CartCommand = typeof addToCart;

async function cartChange(input: unknown, command: CartCommand): Promise<ActionResult<{ cart: CartView }>> {
  const customerId = await currentCustomerId();
  if (!customerId) return NO_CUSTOMER;
  const parsed = CartLineInput.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      code: 'VALIDATION',
      message: `Choose between 1 and ${MAX_COPIES_PER_LINE} copies.`,
      fields: fieldsOf(parsed.error.issues),
    };
  }
  return guarded(async () => {
    const rate = await checkCartWriteRateForAction(customerId);
    if (!rate.ok) return rateLimitedResult(rate, 'cart');
    return actionResult(await command(customerId, parsed.data), (cart) => ({ cart }));
  }, CART_DOWN);
}

/** A database or Redis outage is an answer the customer can act on (try again), not a crash. */
async function guarded<T>(work: () => Promise<ActionResult<T>>, unavailable: Failure): Promise<ActionResult<T>> {
  try {
    return await work();
  } catch (caught) {
    // `unavailable` is what is true before anything was done; an outage after the card was asked
    // for a hold is answered with the honest "being confirmed" text instead (see outageResult).
    const outage = outageResult(caught, unavailable.message);
    if (outage) return outage;
    throw caught;
  }
}
