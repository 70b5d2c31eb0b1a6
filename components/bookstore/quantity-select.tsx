// How many copies of one book: a select from 1 to 5, so no typed value can be out of range.
import { QUANTITIES } from './stock';

export function QuantitySelect({
  id,
  label,
  value,
  onChange,
  disabled,
  className = '',
}: {
  id: string;
  /** The accessible name, e.g. "Quantity of Dune". */
  label: string;
  value: number;
  onChange: (quantity: number) => void;
  disabled?: boolean;
  className?: string;
}) {
  return (
    <>
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(Number(e.target.value))}
        disabled={disabled}
        className={`field-input mt-0 w-20 py-1.5 ${className}`}
      >
        {QUANTITIES.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
    </>
  );
}
