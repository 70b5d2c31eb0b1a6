'use client';
// "Add to cart" for one book in the catalogue. The cart lives on the server, so the button waits
// for its answer; a refusal is shown beside the button and the chosen quantity is kept.
import Link from 'next/link';
import { useId, useRef, useState } from 'react';
import { Spinner } from '../ui/spinner';
import { type CartAction, callCartAction } from './cart-action';
import { QuantitySelect } from './quantity-select';
import { copies } from './stock';
import { useRememberCart } from './use-cart-count';

export type AddToCartAction = CartAction<{ bookId: string; quantity: number }>;

type Outcome = { kind: 'added'; quantity: number } | { kind: 'failed'; message: string } | null;

export function AddToCart({ bookId, title, addToCart }: { bookId: string; title: string; addToCart: AddToCartAction }) {
  const id = useId();
  const rememberCart = useRememberCart();
  const [quantity, setQuantity] = useState(1);
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  // `disabled` stops clicks, but not a second press before React re-renders.
  const inFlight = useRef(false);

  async function add() {
    if (inFlight.current) return;
    inFlight.current = true;
    setPending(true);
    setOutcome(null);
    const answer = await callCartAction(addToCart, { bookId, quantity });
    if (answer.ok) {
      rememberCart(answer.data.cart);
      setOutcome({ kind: 'added', quantity });
    } else {
      setOutcome({
        kind: 'failed',
        message: answer.fields?.quantity ? `${answer.message} ${answer.fields.quantity}` : answer.message,
      });
    }
    setPending(false);
    inFlight.current = false;
  }

  return (
    <div className="space-y-2">
      <div className="flex items-center gap-2">
        <QuantitySelect
          id={`${id}-qty`}
          label={`Quantity of ${title}`}
          value={quantity}
          onChange={(n) => {
            setQuantity(n);
            setOutcome(null);
          }}
          disabled={pending}
        />
        <button
          type="button"
          onClick={() => void add()}
          disabled={pending}
          aria-label={`Add to cart: ${title}`}
          className="btn btn-secondary flex-1"
        >
          {pending ? (
            <>
              <Spinner />
              <span>Adding…</span>
            </>
          ) : (
            'Add to cart'
          )}
        </button>
      </div>
      <p role="status" className={outcome?.kind === 'added' ? 'text-sm text-emerald-800' : 'sr-only'}>
        {pending && 'Adding to your cart…'}
        {outcome?.kind === 'added' && (
          <>
            Added {copies(outcome.quantity)} to your cart.{' '}
            <Link href="/cart" className="font-semibold underline underline-offset-2">
              View cart
            </Link>
          </>
        )}
      </p>
      {outcome?.kind === 'failed' && (
        <p role="alert" className="rounded-lg border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">
          {outcome.message}
        </p>
      )}
    </div>
  );
}
