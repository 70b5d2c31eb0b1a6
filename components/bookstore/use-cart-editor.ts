'use client';
// The cart on the cart page: changed one step at a time (a quantity, a removal), each step
// answered by the shop with the whole cart. A changed quantity shows at once and is put back if
// the shop refuses it. What changed is announced through the page's status region.
import { useEffect, useRef, useState } from 'react';
import type { CartView } from '@/lib/queries/cart';
import { type CartAction, type CartAnswer, callCartAction } from './cart-action';
import { backorderWarning } from './stock';
import { useRememberCart } from './use-cart-count';

export type CartLine = CartView['lines'][number];

export interface CartActions {
  setQuantity: CartAction<{ bookId: string; quantity: number }>;
  remove: CartAction<string>;
}

export function useCartEditor(initial: CartView, actions: CartActions) {
  const rememberCart = useRememberCart();
  const [cart, setCart] = useState(initial);
  const [pendingBookId, setPendingBookId] = useState<string | null>(null);
  const [lineErrors, setLineErrors] = useState<Record<string, string>>({});
  const [announcement, setAnnouncement] = useState('');
  const inFlight = useRef(false);

  // The header learns the count from the page it is on, even before its own fetch answers.
  const remembered = useRef(false);
  useEffect(() => {
    if (remembered.current) return;
    remembered.current = true;
    rememberCart(initial);
  }, [initial, rememberCart]);

  /** One change at a time: answers to two overlapping changes could arrive in either order. */
  async function change(
    line: CartLine,
    optimistic: CartLine[],
    send: () => Promise<CartAnswer>,
    done: (cart: CartView) => string,
  ): Promise<boolean> {
    if (inFlight.current) return false;
    inFlight.current = true;
    const before = cart;
    setCart(priced(optimistic));
    setPendingBookId(line.bookId);
    setLineErrors(({ [line.bookId]: _cleared, ...rest }) => rest);
    const answer = await send();
    if (answer.ok) {
      setCart(answer.data.cart);
      rememberCart(answer.data.cart);
      setAnnouncement(done(answer.data.cart));
    } else {
      setCart(before);
      setLineErrors((current) => ({ ...current, [line.bookId]: answer.message }));
      setAnnouncement('');
    }
    setPendingBookId(null);
    inFlight.current = false;
    return answer.ok;
  }

  function setQuantity(line: CartLine, quantity: number) {
    const optimistic = cart.lines.map((l) => (l.bookId === line.bookId ? { ...l, quantity } : l));
    return change(
      line,
      optimistic,
      () => callCartAction(actions.setQuantity, { bookId: line.bookId, quantity }),
      (next) => {
        const now = next.lines.find((l) => l.bookId === line.bookId);
        const warning = now ? backorderWarning(now.quantity, now.available, now.waiting) : null;
        return [`${line.title}: quantity ${quantity}.`, warning].filter(Boolean).join(' ');
      },
    );
  }

  function remove(line: CartLine) {
    const optimistic = cart.lines.filter((l) => l.bookId !== line.bookId);
    return change(
      line,
      optimistic,
      () => callCartAction(actions.remove, line.bookId),
      () => `Removed ${line.title} from your cart.`,
    );
  }

  return { cart, pendingBookId, busy: pendingBookId !== null, lineErrors, announcement, setQuantity, remove };
}

/** The cart as it will be once the shop agrees: totals worked out the way the shop does. */
function priced(lines: CartLine[]): CartView {
  const all = lines.map((l) => ({ ...l, lineTotalCents: l.unitPriceCents * l.quantity }));
  return {
    lines: all,
    count: all.reduce((sum, l) => sum + l.quantity, 0),
    totalCents: all.reduce((sum, l) => sum + l.lineTotalCents, 0),
  };
}

export type CartEditor = ReturnType<typeof useCartEditor>;
