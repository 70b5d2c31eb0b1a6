// A cart command's result as an HTTP answer (shared by the cart item routes; not a route itself):
// the cart as it now is, or the refusal with its status from lib/http/status.ts.
import type { CartErrorCode } from '@/lib/commands/cart';
import type { Result } from '@/lib/domain/shared/result';
import { answer } from '@/lib/http/answer';
import type { CartView } from '@/lib/queries/cart';

export function cartAnswer(result: Result<CartView, CartErrorCode>): Response {
  return answer(result, 200, { body: (cart) => ({ cart }) });
}
