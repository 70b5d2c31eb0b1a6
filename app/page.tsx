import Link from 'next/link';
import type { ComponentType, ReactNode } from 'react';
import { BookIcon, CupIcon } from '@/components/ui/icons';

export default function HomePage() {
  return (
    <div className="space-y-10">
      <section className="max-w-3xl space-y-4">
        <h1 className="text-4xl font-semibold text-roast-900 sm:text-5xl">Counter &amp; Shelf</h1>
        <p className="text-lg leading-relaxed text-roast-800">
          Some things are your job and should be settled before you walk away; others belong to someone else and happen
          in their own time. At the counter you stand and wait while your card is charged, and you get a final answer:
          paid, or declined and cancelled. Behind the counter the barista picks up your ticket and makes the drink on
          their own schedule — maybe even before your card has answered — and you watch that part catch up live.
        </p>
      </section>

      <ul className="grid gap-6 sm:grid-cols-2">
        <ScenarioCard href="/coffee" icon={CupIcon} title="Coffee shop">
          You wait at the counter for the card&apos;s final answer: paid, or declined and cancelled. The barista makes
          the drink behind the counter in their own time, and you watch it arrive live.
        </ScenarioCard>
        <ScenarioCard href="/books" icon={BookIcon} title="Bookstore">
          At checkout you wait only while your card is authorised — a hold, not a charge — and your order request is
          recorded. The warehouse, the cashier and the courier then reserve, charge and ship each book behind the
          scenes; if a book is backordered, the choice to wait or cancel comes back to you.
        </ScenarioCard>
      </ul>

      <p className="max-w-3xl text-roast-700">
        Want to see what goes wrong with the other design?{' '}
        <Link href="/lab" className="font-semibold text-roast-900 underline">
          The interaction lab
        </Link>{' '}
        places the same order through a page that trusts a lagging read model and through this app&apos;s pattern, side
        by side, and counts what each one shows untruthfully.
      </p>
    </div>
  );
}

function ScenarioCard({
  href,
  icon: Icon,
  title,
  children,
}: {
  href: string;
  icon: ComponentType<{ className?: string }>;
  title: string;
  children: ReactNode;
}) {
  return (
    <li>
      <Link
        href={href}
        className="card group block h-full p-6 transition hover:-translate-y-0.5 hover:border-roast-300 hover:shadow-md"
      >
        <span className="grid size-12 place-items-center rounded-full bg-roast-800 text-crema-200">
          <Icon className="size-6" />
        </span>
        <h2 className="mt-3 text-2xl font-semibold text-roast-900 group-hover:underline">{title}</h2>
        <p className="mt-2 text-roast-700">{children}</p>
      </Link>
    </li>
  );
}
