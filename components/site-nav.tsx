'use client';
// The header's links, marking the current page; the cart link carries the cart's count.
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';
import { useCartCount } from './bookstore/use-cart-count';

export type NavLink = { href: string; label: string };

export function SiteNav({ links, staffLinks }: { links: readonly NavLink[]; staffLinks: readonly NavLink[] }) {
  const pathname = usePathname();
  const cartCount = useCartCount();
  return (
    <>
      <nav aria-label="Main">
        <ul className="flex flex-wrap gap-1">
          {links.map((link) => (
            <li key={link.href}>
              <NavItem link={link} pathname={pathname}>
                {link.href === '/cart' && cartCount ? <CartCount count={cartCount} /> : null}
              </NavItem>
            </li>
          ))}
        </ul>
      </nav>
      {staffLinks.length > 0 && (
        <nav aria-label="Staff">
          <ul className="flex flex-wrap gap-1 border-l border-roast-100 pl-2">
            {staffLinks.map((link) => (
              <li key={link.href}>
                <NavItem link={link} pathname={pathname} />
              </li>
            ))}
          </ul>
        </nav>
      )}
    </>
  );
}

function NavItem({ link, pathname, children }: { link: NavLink; pathname: string; children?: ReactNode }) {
  const current = pathname === link.href || pathname.startsWith(`${link.href}/`);
  return (
    <Link
      href={link.href}
      aria-current={current ? 'page' : undefined}
      className="inline-flex items-center gap-1.5 rounded-full px-3 py-1.5 text-sm font-medium text-roast-700 hover:bg-roast-50 hover:text-roast-900 aria-[current=page]:bg-roast-100 aria-[current=page]:text-roast-900"
    >
      {link.label}
      {children}
    </Link>
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
