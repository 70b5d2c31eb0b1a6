'use client';
// The lines of the cart: each book with its quantity and Remove, a warning where the shelf cannot
// fill the line right now, and the total the card will be authorised for.
import { useRef } from 'react';
import { formatMoney } from '../format';
import { Spinner } from '../ui/spinner';
import { BookLineHead } from './book-line';
import { QuantitySelect } from './quantity-select';
import { backorderWarning, copies } from './stock';
import type { CartEditor, CartLine } from './use-cart-editor';

export function CartLines({ editor, headingId, locked }: { editor: CartEditor; headingId: string; locked: boolean }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const { cart } = editor;

  async function remove(line: CartLine) {
    // The button goes with its line: keep the keyboard in the cart rather than lost at the top.
    if (await editor.remove(line)) headingRef.current?.focus();
  }

  return (
    <section aria-labelledby={headingId} className="card h-fit p-5 sm:p-6">
      <h2 id={headingId} ref={headingRef} tabIndex={-1} className="text-2xl font-semibold text-roast-900">
        Books in your cart
      </h2>
      <p role="status" className="sr-only">
        {editor.announcement}
      </p>
      <ul className="mt-3 divide-y divide-roast-100">
        {cart.lines.map((line) => (
          <Line
            key={line.bookId}
            line={line}
            pending={editor.pendingBookId === line.bookId}
            disabled={locked || editor.busy}
            error={editor.lineErrors[line.bookId]}
            onQuantityChange={(quantity) => void editor.setQuantity(line, quantity)}
            onRemove={() => void remove(line)}
          />
        ))}
      </ul>
      <p className="mt-3 flex items-baseline justify-between border-t border-roast-200 pt-3">
        <span className="font-medium text-roast-800">Total ({copies(cart.count)})</span>
        <span className="text-xl font-semibold tabular-nums text-roast-950">{formatMoney(cart.totalCents)}</span>
      </p>
      <p className="mt-3 text-sm text-roast-700">
        At checkout your card is authorised for this total: a hold, not a charge. We take the money for each book only
        when it is about to ship, and release anything you cancel.
      </p>
    </section>
  );
}

function Line({
  line,
  pending,
  disabled,
  error,
  onQuantityChange,
  onRemove,
}: {
  line: CartLine;
  pending: boolean;
  disabled: boolean;
  error: string | undefined;
  onQuantityChange: (quantity: number) => void;
  onRemove: () => void;
}) {
  const qtyId = `cart-qty-${line.bookId}`;
  const warning = backorderWarning(line.quantity, line.available, line.waiting);
  return (
    <li className="space-y-2 py-3">
      <BookLineHead {...line} title={<p className="font-medium text-roast-900">{line.title}</p>} />
      <div className="flex items-center gap-3">
        <span aria-hidden="true" className="text-sm text-roast-600">
          Qty
        </span>
        <QuantitySelect
          id={qtyId}
          label={`Quantity of ${line.title}`}
          value={line.quantity}
          onChange={onQuantityChange}
          disabled={disabled}
        />
        {pending && (
          <span className="inline-flex items-center gap-1.5 text-sm text-roast-600">
            <Spinner /> Saving…
          </span>
        )}
        <button type="button" onClick={onRemove} disabled={disabled} className="btn btn-ghost ml-auto">
          Remove<span className="sr-only"> {line.title}</span>
        </button>
      </div>
      {warning && (
        <p className="rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
          <span aria-hidden="true">⚠ </span>
          {warning}
        </p>
      )}
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
    </li>
  );
}
