// One book in the catalogue: what it is, what it costs, what the shelf says, and Add to cart.
import type { BookCard as Book } from '@/lib/queries/catalogue';
import { formatMoney } from '../format';
import { BookIcon } from '../ui/icons';
import { AddToCart, type AddToCartAction } from './add-to-cart';
import { STOCK_TONE_CLASS, stockHint } from './stock';

export function BookCard({ book, addToCart }: { book: Book; addToCart: AddToCartAction }) {
  const headingId = `book-${book.id}`;
  const hint = stockHint(book.available, book.waiting);
  return (
    <article aria-labelledby={headingId} className="card flex h-full flex-col gap-3 p-4">
      <div className="flex gap-3">
        <span
          aria-hidden="true"
          className="grid h-16 w-12 shrink-0 place-items-center rounded-md bg-roast-800 text-crema-200"
        >
          <BookIcon />
        </span>
        <div className="min-w-0">
          <h3 id={headingId} className="text-lg leading-snug font-semibold text-roast-900">
            {book.title}
          </h3>
          <p className="text-sm text-roast-700">by {book.author}</p>
        </div>
      </div>
      <div className="flex items-baseline justify-between gap-2">
        <p className="text-lg font-semibold tabular-nums text-roast-900">{formatMoney(book.priceCents)}</p>
        <p className={`text-right text-sm font-medium ${STOCK_TONE_CLASS[hint.tone]}`}>{hint.text}</p>
      </div>
      <div className="mt-auto">
        <AddToCart bookId={book.id} title={book.title} addToCart={addToCart} />
      </div>
    </article>
  );
}
