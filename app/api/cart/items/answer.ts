// A cart command's result as an HTTP answer (shared by the cart item routes; not a route itself).
import type { CartErrorCode } from '@/lib/commands/cart';
import type { Result } from '@/lib/domain/shared/result';
import { json } from '@/lib/http/respond';
import type { CartView } from '@/lib/queries/cart';

const STATUS: Record<CartErrorCode, number> = {
  'CART.UNKNOWN_BOOK': 422,
  'CART.TOO_MANY': 422,
  'CART.FULL': 422,
  'CART.NOT_IN_CART': 404,
};

export function cartAnswer(result: Result<CartView, CartErrorCode>): Response {
  return result.ok ? json(200, { cart: result.value }) : json(STATUS[result.error.code], { error: result.error });
}
