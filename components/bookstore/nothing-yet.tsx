// A page with nothing to show yet (an empty cart, an empty inbox): what would be here, and the
// way to the books.
import Link from 'next/link';
import type { ReactNode } from 'react';

export function NothingYet({ heading, children }: { heading: string; children: ReactNode }) {
  return (
    <div className="card max-w-xl space-y-3 p-6">
      <h2 className="text-2xl font-semibold text-roast-900">{heading}</h2>
      <p className="text-roast-700">{children}</p>
      <p>
        <Link href="/books" className="btn btn-primary">
          Browse the books
        </Link>
      </p>
    </div>
  );
}
