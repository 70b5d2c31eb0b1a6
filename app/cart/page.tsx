import type { Metadata } from 'next';
import { CartCheckout } from '@/components/bookstore/cart-checkout';
import { currentCustomerId } from '@/lib/http/customer';
import { getCart } from '@/lib/queries/cart';
import { placeBookOrderAction, removeFromCartAction, setCartQuantityAction } from './actions';

export const metadata: Metadata = { title: 'Your cart' };

const NO_CART = { lines: [], count: 0, totalCents: 0 };

export default async function CartPage() {
  // Reading the cookie makes the page dynamic; proxy.ts sets it on every request.
  const customerId = await currentCustomerId();
  const cart = customerId ? await getCart(customerId) : NO_CART;
  return (
    <div className="space-y-8">
      <header className="max-w-3xl space-y-2">
        <h1 className="text-4xl font-semibold text-roast-900">Your cart</h1>
        <p className="text-roast-700">
          Checking out is quick: you wait while your card is authorised and your order request is recorded. After that,
          the warehouse reserves each book, we take payment for what ships, and the courier brings it — all behind the
          scenes, and you can follow it live.
        </p>
      </header>
      <CartCheckout
        initial={cart}
        actions={{ setQuantity: setCartQuantityAction, remove: removeFromCartAction }}
        placeOrder={placeBookOrderAction}
      />
    </div>
  );
}
