// The cart: the customer's own scratch pad, kept on the server under their customer cookie so it
// survives a reload and a restart. No aggregate, no events: nothing else depends on it until
// checkout reads it.
//
// Carts expire: every write moves updated_at on all the cart's rows (the cart is fresh or stale
// as a whole, never half of it), and a cart idle for CART_TTL_HOURS is gone. Each write first
// deletes its own customer's expired rows (so an old cart does not come back to life with the new
// line), and pruneExpiredCarts, called by the relay's retention pass, deletes everyone else's.
// Cart writes are also rate-limited, at the edge (lib/http/rate-limit.ts).
import { z } from 'zod';
import { type Tx, db } from '../db/client';
import { MAX_COPIES_PER_LINE } from '../domain/bookstore/order-request';
import { type Result, fail, ok } from '../domain/shared/result';
import { TX_OPTIONS } from '../outbox/unit-of-work';
import { type CartView, cartCutoff, getCart } from '../queries/cart';

/** Different books in one cart. */
export const MAX_CART_LINES = 20;

const quantity = z
  .number({ error: 'Quantity must be a number.' })
  .int('Quantity must be a whole number.')
  .min(1, 'Quantity must be at least 1.')
  .max(MAX_COPIES_PER_LINE, `At most ${MAX_COPIES_PER_LINE} copies of one book.`);

export const CartLineInput = z.object({
  bookId: z.string({ error: 'Choose a book.' }).uuid('Choose a book from the catalogue.'),
  quantity,
});
export type CartLineInput = z.infer<typeof CartLineInput>;

export const CartQuantityInput = z.object({ quantity });

export type CartErrorCode = 'CART.UNKNOWN_BOOK' | 'CART.TOO_MANY' | 'CART.FULL' | 'CART.NOT_IN_CART';

/** Drops the customer's expired rows and marks the rest as touched now (inside the write's transaction). */
async function expireAndTouch(tx: Tx, customerId: string, now: Date): Promise<void> {
  await tx.cartItem.deleteMany({ where: { customerId, updatedAt: { lt: cartCutoff(now) } } });
  await tx.cartItem.updateMany({ where: { customerId }, data: { updatedAt: now } });
}

/** Adds copies of a book (to what is already there, up to the limit per book). */
export async function addToCart(
  customerId: string,
  input: CartLineInput,
  now: Date = new Date(),
): Promise<Result<CartView, CartErrorCode>> {
  const book = await db().book.findUnique({ where: { id: input.bookId }, select: { id: true } });
  if (!book) return fail('CART.UNKNOWN_BOOK', 'That book is not in the catalogue.', { bookId: 'Unknown book.' });
  const refusal = await db().$transaction(async (tx) => {
    await expireAndTouch(tx, customerId, now);
    const existing = await tx.cartItem.findUnique({ where: { customerId_bookId: { customerId, bookId: book.id } } });
    const wanted = (existing?.quantity ?? 0) + input.quantity;
    if (wanted > MAX_COPIES_PER_LINE) {
      return fail('CART.TOO_MANY', `At most ${MAX_COPIES_PER_LINE} copies of one book per order.`, {
        quantity: `You already have ${existing?.quantity ?? 0} in your cart.`,
      });
    }
    if (!existing && (await tx.cartItem.count({ where: { customerId } })) >= MAX_CART_LINES) {
      return fail('CART.FULL', `A cart holds at most ${MAX_CART_LINES} different books.`);
    }
    await tx.cartItem.upsert({
      where: { customerId_bookId: { customerId, bookId: book.id } },
      create: { customerId, bookId: book.id, quantity: wanted, addedAt: now, updatedAt: now },
      update: { quantity: wanted, updatedAt: now },
    });
    return null;
  }, TX_OPTIONS);
  return refusal ?? ok(await getCart(customerId, now));
}

/** Sets the quantity of a book already in the cart. */
export async function setCartQuantity(
  customerId: string,
  input: CartLineInput,
  now: Date = new Date(),
): Promise<Result<CartView, CartErrorCode>> {
  const count = await db().$transaction(async (tx) => {
    await expireAndTouch(tx, customerId, now);
    const changed = await tx.cartItem.updateMany({ where: { customerId, bookId: input.bookId }, data: { quantity: input.quantity } });
    return changed.count;
  }, TX_OPTIONS);
  if (count === 0) return fail('CART.NOT_IN_CART', 'That book is not in your cart any more.');
  return ok(await getCart(customerId, now));
}

/** Removes a book from the cart; removing one that is not there is not an error, so this never fails. */
export async function removeFromCart(customerId: string, bookId: string, now: Date = new Date()): Promise<Result<CartView, never>> {
  await db().$transaction(async (tx) => {
    await expireAndTouch(tx, customerId, now);
    await tx.cartItem.deleteMany({ where: { customerId, bookId } });
  }, TX_OPTIONS);
  return ok(await getCart(customerId, now));
}

/**
 * Deletes expired carts' rows, at most `batch` at a time (the relay's retention pass calls it);
 * returns how many went. Reads already ignore these rows, so running late is harmless.
 */
export async function pruneExpiredCarts(now: Date = new Date(), batch = 1_000): Promise<number> {
  return db().$executeRaw`
    DELETE FROM cart_items WHERE ctid IN (
      SELECT ctid FROM cart_items WHERE updated_at < ${cartCutoff(now)} LIMIT ${batch}
    )`;
}
