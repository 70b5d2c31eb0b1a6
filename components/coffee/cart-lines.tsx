// The lines of "Your order": each drink with its quantity field and Remove button, the errors
// that belong to it, and the total. Line errors come back keyed by position ('items.0.quantity').
import { formatMoney, milkLabel, sizeLabel } from '../format';
import type { FieldErrors } from '../forms/field-errors';
import { type Line, MAX_QUANTITY, parseQuantity } from './order-draft';
import type { Cart } from './use-cart';

export function CartLines({
  formId,
  cart,
  errors,
  busy,
}: {
  formId: string;
  cart: Cart;
  errors: FieldErrors;
  busy: boolean;
}) {
  return (
    <>
      {cart.lines.length === 0 ? (
        <p className="mt-3 rounded-xl border border-dashed border-roast-200 p-4 text-sm text-roast-600">
          Nothing yet — add a drink from the menu.
        </p>
      ) : (
        <ul className="mt-3 divide-y divide-roast-100">
          {cart.lines.map((line, index) => (
            <CartLine
              key={line.key}
              line={line}
              label={cart.labelFor(line)}
              qtyId={`${formId}-qty-${line.key}`}
              errors={errorsOfLine(errors, index)}
              busy={busy}
              onQuantityChange={(quantity) => cart.updateQuantity(line.key, quantity)}
              onRemove={() => cart.remove(line)}
            />
          ))}
        </ul>
      )}
      {errors.items && (
        <p id={`${formId}-items-error`} className="field-error">
          {errors.items}
        </p>
      )}
      <div className="mt-3 flex items-baseline justify-between border-t border-roast-200 pt-3">
        <span className="font-medium text-roast-800">Total</span>
        <span className="text-xl font-semibold tabular-nums text-roast-950">{formatMoney(cart.total)}</span>
      </div>
    </>
  );
}

/** The line's quantity error (shown beside its field) and any others about it, listed below. */
function errorsOfLine(errors: FieldErrors, index: number) {
  const prefix = `items.${index}.`;
  return {
    quantity: errors[`${prefix}quantity`],
    others: Object.entries(errors).filter(([k]) => k.startsWith(prefix) && k !== `${prefix}quantity`),
  };
}

function CartLine({
  line,
  label,
  qtyId,
  errors,
  busy,
  onQuantityChange,
  onRemove,
}: {
  line: Line;
  label: string;
  qtyId: string;
  errors: ReturnType<typeof errorsOfLine>;
  busy: boolean;
  onQuantityChange: (quantity: string) => void;
  onRemove: () => void;
}) {
  return (
    <li className="py-3">
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="font-medium text-roast-900">{line.name}</p>
          <p className="text-sm text-roast-600">
            {[sizeLabel(line.size), milkLabel(line.milk)].filter(Boolean).join(' · ')} ·{' '}
            {formatMoney(line.unitPriceCents)} each
          </p>
        </div>
        <p className="font-semibold tabular-nums text-roast-900">
          {formatMoney(line.unitPriceCents * parseQuantity(line.quantity))}
        </p>
      </div>
      <div className="mt-2 flex items-center gap-3">
        <label htmlFor={qtyId} className="sr-only">
          Quantity of {label}
        </label>
        <span aria-hidden="true" className="text-sm text-roast-600">
          Qty
        </span>
        <input
          id={qtyId}
          type="number"
          inputMode="numeric"
          min={1}
          max={MAX_QUANTITY}
          step={1}
          value={line.quantity}
          onChange={(e) => onQuantityChange(e.target.value)}
          disabled={busy}
          aria-invalid={errors.quantity ? true : undefined}
          aria-describedby={errors.quantity ? `${qtyId}-error` : undefined}
          className="field-input mt-0 w-20 py-1"
        />
        <button type="button" onClick={onRemove} disabled={busy} className="btn btn-ghost ml-auto">
          Remove<span className="sr-only"> {label}</span>
        </button>
      </div>
      {errors.quantity && (
        <p id={`${qtyId}-error`} className="field-error">
          {errors.quantity}
        </p>
      )}
      {errors.others.map(([k, message]) => (
        <p key={k} className="field-error">
          {message}
        </p>
      ))}
    </li>
  );
}
