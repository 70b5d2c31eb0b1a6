'use client';
// The ops area's tabs. The queue dashboard is not a Next page (a route handler serves it), so its
// tab is a plain link that leaves the app.
import Link from 'next/link';
import { usePathname } from 'next/navigation';

const TABS = [
  { href: '/ops/attention', label: 'Needs attention', page: true },
  { href: '/ops/queues', label: 'Queues', page: false },
  { href: '/ops/failures', label: 'Failure switches', page: true },
  { href: '/ops/lag', label: 'Consistency window', page: true },
] as const;

export function OpsNav() {
  const pathname = usePathname();
  const className =
    'inline-flex items-center rounded-full px-4 py-2 text-sm font-semibold text-roast-700 hover:bg-roast-50 hover:text-roast-900 aria-[current=page]:bg-roast-800 aria-[current=page]:text-white';
  return (
    <nav aria-label="Operations">
      <ul className="flex flex-wrap gap-1 rounded-full border border-roast-100 bg-white p-1 shadow-sm">
        {TABS.map((tab) => {
          const current = pathname === tab.href || pathname.startsWith(`${tab.href}/`);
          return (
            <li key={tab.href}>
              {tab.page ? (
                <Link href={tab.href} aria-current={current ? 'page' : undefined} className={className}>
                  {tab.label}
                </Link>
              ) : (
                <a href={tab.href} className={className}>
                  {tab.label}
                  <span className="sr-only"> (opens the queue dashboard)</span>
                </a>
              )}
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
