// The cart: the customer's own scratch pad, kept on the server under their customer cookie so it
// survives a reload and a restart. No aggregate, no events: nothing else depends on it until
// checkout reads it.
import { z } from 'zod';
import { db } from '../db/client';
import { MAX_COPIES_PER_LINE } from '../domain/bookstore/order-request';
import { type Result, fail, ok } from '../domain/shared/result';
import { TX_OPTIONS } from '../outbox/unit-of-work';
import { type CartView, getCart } from '../queries/cart';

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

/** Adds copies of a book (to what is already there, up to the limit per book). */
export async function addToCart(customerId: string, input: CartLineInput): Promise<Result<CartView, CartErrorCode>> {
  const book = await db().book.findUnique({ where: { id: input.bookId }, select: { id: true } });
  if (!book) return fail('CART.UNKNOWN_BOOK', 'That book is not in the catalogue.', { bookId: 'Unknown book.' });
  const refusal = await db().$transaction(async (tx) => {
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
      create: { customerId, bookId: book.id, quantity: wanted, addedAt: new Date() },
      update: { quantity: wanted },
    });
    return null;
  }, TX_OPTIONS);
  return refusal ?? ok(await getCart(customerId));
}

/** Sets the quantity of a book already in the cart. */
export async function setCartQuantity(customerId: string, input: CartLineInput): Promise<Result<CartView, CartErrorCode>> {
  const { count } = await db().cartItem.updateMany({ where: { customerId, bookId: input.bookId }, data: { quantity: input.quantity } });
  if (count === 0) return fail('CART.NOT_IN_CART', 'That book is not in your cart any more.');
  return ok(await getCart(customerId));
}

/** Removes a book from the cart; removing one that is not there is not an error. */
export async function removeFromCart(customerId: string, bookId: string): Promise<CartView> {
  await db().cartItem.deleteMany({ where: { customerId, bookId } });
  return getCart(customerId);
}
