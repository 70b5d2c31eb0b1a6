// The signature every cart server action shares (app/cart/actions.ts): it answers with the whole
// cart, or with an error the customer can act on. A thrown action (the network dropped) becomes
// an answer too, so the caller has one shape to handle.
import type { ActionResult } from '@/lib/http/action-result';
import type { CartView } from '@/lib/queries/cart';

export type CartAction<I> = (input: I) => Promise<ActionResult<{ cart: CartView }>>;

export type CartAnswer = ActionResult<{ cart: CartView }>;

export async function callCartAction<I>(action: CartAction<I>, input: I): Promise<CartAnswer> {
  try {
    return await action(input);
  } catch {
    return { ok: false, code: 'NETWORK', message: 'We lost touch with the shop. Your cart may not have changed; try again.' };
  }
}
