// The catalogue's search: a plain GET form, so a search is a URL that works without JavaScript
// and can be bookmarked or shared. A new search starts again at page 1.
import Link from 'next/link';
import { MAX_QUERY_LENGTH } from '@/lib/queries/catalogue';

export function CatalogueSearch({ query }: { query: string }) {
  return (
    <form action="/books" method="get" role="search" className="flex flex-wrap items-end gap-2">
      <div className="min-w-0 flex-1">
        <label htmlFor="book-query" className="field-label">
          Search by title or author
        </label>
        <input
          id="book-query"
          name="query"
          type="search"
          defaultValue={query}
          maxLength={MAX_QUERY_LENGTH}
          placeholder="e.g. Le Guin"
          className="field-input"
        />
      </div>
      <button type="submit" className="btn btn-primary py-2.5">
        Search
      </button>
      {query && (
        <Link href="/books" className="btn btn-ghost py-2.5">
          Clear search
        </Link>
      )}
    </form>
  );
}
