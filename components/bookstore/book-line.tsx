// The head of a line of books, in the cart and on the order page: what it is, the price of one,
// and what the line costs.
import type { ReactNode } from 'react';
import { formatMoney } from '../format';

export function BookLineHead({
  title,
  author,
  unitPriceCents,
  lineTotalCents,
}: {
  /** The title as the caller shows it (a plain name, or a heading with a quantity). */
  title: ReactNode;
  author: string;
  unitPriceCents: number;
  lineTotalCents: number;
}) {
  return (
    <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-1">
      <div className="min-w-0">
        {title}
        <p className="text-sm text-roast-600">
          by {author} · {formatMoney(unitPriceCents)} each
        </p>
      </div>
      <p className="font-semibold tabular-nums text-roast-900">{formatMoney(lineTotalCents)}</p>
    </div>
  );
}
