// The header every page shows. It reads the staff cookie on the server, so staff links and the
// sign-out button reach only staff (the staff pages check again for themselves) and every page
// renders per request — which the CSP nonce needs anyway.
import Link from 'next/link';
import { signOutAction } from '@/app/staff/actions';
import { currentStaff } from '@/lib/auth/staff';
import { type NavLink, SiteNav } from './site-nav';
import { CupIcon } from './ui/icons';

const CUSTOMER_LINKS: NavLink[] = [
  { href: '/coffee', label: 'Coffee shop' },
  { href: '/books', label: 'Books' },
  { href: '/cart', label: 'Cart' },
  { href: '/inbox', label: 'Inbox' },
  { href: '/lab', label: 'Lab' },
];

export async function SiteHeader() {
  const staff = await currentStaff();
  const staffLinks: NavLink[] = staff
    ? [{ href: '/barista', label: 'Barista board' }, ...(staff.role === 'ops' ? [{ href: '/ops', label: 'Ops' }] : [])]
    : [];
  return (
    <header className="border-b border-roast-100 bg-white/80 backdrop-blur">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3 sm:px-6">
        <Link href="/" className="flex items-center gap-2 font-display text-xl font-semibold text-roast-900">
          <span aria-hidden="true" className="grid size-9 place-items-center rounded-full bg-roast-800 text-crema-200">
            <CupIcon />
          </span>
          Counter &amp; Shelf
        </Link>
        <div className="flex flex-wrap items-center gap-2">
          <SiteNav links={CUSTOMER_LINKS} staffLinks={staffLinks} />
          {staff ? (
            <form action={signOutAction}>
              <button type="submit" className="btn btn-ghost text-sm">
                Sign out ({staff.name}, {staff.role === 'ops' ? 'ops' : 'barista'})
              </button>
            </form>
          ) : (
            <Link href="/staff/login" className="btn btn-ghost text-sm">
              Staff sign in
            </Link>
          )}
        </div>
      </div>
    </header>
  );
}
