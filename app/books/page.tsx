import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { BookCard } from '@/components/bookstore/book-card';
import { CatalogueSearch } from '@/components/bookstore/catalogue-search';
import { Pagination } from '@/components/bookstore/pagination';
import { PAGE_SIZE, listBooks } from '@/lib/queries/catalogue';
import { addToCartAction } from '../cart/actions';

export const metadata: Metadata = { title: 'Books' };

type SearchParams = Promise<{ query?: string | string[]; page?: string | string[] }>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? '';

export default async function BooksPage({ searchParams }: { searchParams: SearchParams }) {
  await connection();
  const params = await searchParams;
  const catalogue = await listBooks(first(params.query), Number(first(params.page)) || 1);
  const { books, query, page, total } = catalogue;
  const from = (page - 1) * PAGE_SIZE + 1;

  return (
    <div className="space-y-8">
      <header className="max-w-3xl space-y-2">
        <h1 className="text-4xl font-semibold text-roast-900">Books</h1>
        <p className="text-roast-700">
          Fill your cart and check out: you wait only while your card is authorised — a hold, not a charge — and your
          order request is recorded. Reserving, packing and shipping happen behind the scenes, and we only take the
          money for what ships.
        </p>
      </header>

      <CatalogueSearch query={query} />

      <section aria-labelledby="results-heading" className="space-y-4">
        <h2 id="results-heading" className="text-2xl font-semibold text-roast-900">
          {query ? <>Results for “{query}”</> : 'All books'}
        </h2>
        {total === 0 ? (
          <NoBooks query={query} />
        ) : (
          <>
            <p className="text-sm text-roast-700">
              Showing {from}–{from + books.length - 1} of {total} {total === 1 ? 'book' : 'books'}
            </p>
            <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
              {books.map((book) => (
                <li key={book.id}>
                  <BookCard book={book} addToCart={addToCartAction} />
                </li>
              ))}
            </ul>
            <Pagination query={query} page={page} pages={catalogue.pages} />
          </>
        )}
      </section>
    </div>
  );
}

function NoBooks({ query }: { query: string }) {
  return (
    <div className="card space-y-3 p-6 text-roast-800">
      {query ? (
        <>
          <p className="font-semibold">No books match “{query}”.</p>
          <p className="text-sm text-roast-700">
            Check the spelling, or search for part of a title or an author&apos;s name.
          </p>
          <p>
            <Link href="/books" className="btn btn-secondary">
              Show all books
            </Link>
          </p>
        </>
      ) : (
        <p>
          The shelves are empty. Seed them with <code className="font-mono">npm run db:seed</code>.
        </p>
      )}
    </div>
  );
}
