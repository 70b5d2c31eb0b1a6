import Link from 'next/link';
import { BookIcon, CupIcon } from '@/components/ui/icons';

export default function HomePage() {
  return (
    <div className="space-y-10">
      <section className="max-w-3xl space-y-4">
        <h1 className="text-4xl font-semibold text-roast-900 sm:text-5xl">Counter &amp; Shelf</h1>
        <p className="text-lg leading-relaxed text-roast-800">
          Some things are your job and should be settled before you walk away; others belong to
          someone else and happen in their own time. At the counter you stand and wait while your
          card is charged, and you get a final answer: paid, or declined and cancelled. Behind the
          counter the barista picks up your ticket and makes the drink on their own schedule — maybe
          even before your card has answered — and you watch that part catch up live.
        </p>
      </section>

      <ul className="grid gap-6 sm:grid-cols-2">
        <li>
          <Link
            href="/coffee"
            className="card group block h-full p-6 transition hover:-translate-y-0.5 hover:border-roast-300 hover:shadow-md"
          >
            <span className="grid size-12 place-items-center rounded-full bg-roast-800 text-crema-200">
              <CupIcon className="size-6" />
            </span>
            <h2 className="mt-3 text-2xl font-semibold text-roast-900 group-hover:underline">Coffee shop</h2>
            <p className="mt-2 text-roast-700">
              Order a drink and pay at the counter, then follow the barista making it behind the counter.
            </p>
          </Link>
        </li>
        <li>
          <div aria-disabled="true" className="card h-full border-dashed p-6 opacity-80">
            <span className="grid size-12 place-items-center rounded-full bg-roast-100 text-roast-600">
              <BookIcon className="size-6" />
            </span>
            <h2 className="mt-3 text-2xl font-semibold text-roast-700">Bookstore — coming soon</h2>
            <p className="mt-2 text-roast-600">
              Buying a book is settled at checkout; picking, packing and shipping it happens later.
            </p>
          </div>
        </li>
      </ul>
    </div>
  );
}
