'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useCartCount } from './bookstore/use-cart-count';
import { CupIcon } from './ui/icons';

const LINKS = [
  { href: '/coffee', label: 'Coffee shop' },
  { href: '/barista', label: 'Barista board' },
  { href: '/books', label: 'Books' },
  { href: '/cart', label: 'Cart' },
  { href: '/inbox', label: 'Inbox' },
] as const;

export function SiteHeader() {
  const pathname = usePathname();
  const cartCount = useCartCount();
  return (
    <header className="border-b border-roast-100 bg-white/80 backdrop-blur">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3 sm:px-6">
        <Link href="/" className="flex items-center gap-2 font-display text-xl font-semibold text-roast-900">
          <span aria-hidden="true" className="grid size-9 place-items-center rounded-full bg-roast-800 text-crema-200">
            <CupIcon />
          </span>
          Counter &amp; Shelf
        </Link>
        <nav aria-label="Main">
          <ul className="flex flex-wrap gap-1">
            {LINKS.map((link) => {
              const current = pathname === link.href || pathname.startsWith(`${link.href}/`);
              return (
                <li key={link.href}>
                  <Link
                    href={link.href}
                    aria-current={current ? 'page' : undefined}
                    className="inline-flex items-center gap-1.5 rounded-full px-3 py-1.5 text-sm font-medium text-roast-700 hover:bg-roast-50 hover:text-roast-900 aria-[current=page]:bg-roast-100 aria-[current=page]:text-roast-900"
                  >
                    {link.label}
                    {link.href === '/cart' && cartCount ? <CartCount count={cartCount} /> : null}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
      </div>
    </header>
  );
}

function CartCount({ count }: { count: number }) {
  return (
    <span data-testid="cart-count" className="badge bg-roast-800 px-2 text-white">
      <span className="sr-only">, </span>
      {count}
      <span className="sr-only"> {count === 1 ? 'copy' : 'copies'}</span>
    </span>
  );
}
