// Previous / next through the catalogue, keeping the search. Links, so each page is a URL.
import Link from 'next/link';

export function Pagination({ query, page, pages }: { query: string; page: number; pages: number }) {
  if (pages <= 1) return null;
  const href = (n: number) => {
    const params = new URLSearchParams();
    if (query) params.set('query', query);
    if (n > 1) params.set('page', String(n));
    const search = params.toString();
    return search ? `/books?${search}` : '/books';
  };
  return (
    <nav aria-label="Catalogue pages" className="flex items-center justify-between gap-3">
      {page > 1 ? (
        <Link href={href(page - 1)} rel="prev" className="btn btn-secondary">
          ← Previous page
        </Link>
      ) : (
        <span />
      )}
      <p className="text-sm text-roast-700" aria-current="page">
        Page {page} of {pages}
      </p>
      {page < pages ? (
        <Link href={href(page + 1)} rel="next" className="btn btn-secondary">
          Next page →
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
