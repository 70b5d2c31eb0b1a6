// "Whose job is it, and why": a closed disclosure on each order page that a presenter (or a curious
// customer) can open. Short, and true of this app: every sentence names code that does it.
import Link from 'next/link';
import type { ReactNode } from 'react';

type Kind = 'coffee' | 'bookstore';

interface Job {
  who: string;
  what: string;
  how: ReactNode;
}

const JOBS: Record<Kind, readonly Job[]> = {
  coffee: [
    {
      who: 'You, at the counter',
      what: 'Paying',
      how: (
        <>
          You waited while the card network answered. Its answer — paid, or declined and the order cancelled — was
          recorded in one transaction with the order, so the page could give you a final answer before you walked away.
          That is why it sits under &ldquo;done while you waited&rdquo;.
        </>
      ),
    },
    {
      who: 'The barista, behind the counter',
      what: 'Making the drink',
      how: (
        <>
          Not yours to wait for. Your order is turned into events; a separate worker process picks them up, opens a
          ticket and makes the drink in its own time, retrying with backoff if something fails on the way. The page
          follows it live, so what you see there arrives a little after it happens (eventual consistency).
        </>
      ),
    },
  ],
  bookstore: [
    {
      who: 'You, at checkout',
      what: 'Placing the order request',
      how: (
        <>
          You waited only while your card was authorised — a hold, nothing taken — and your request was recorded in one
          transaction. That is all a checkout has to promise at once.
        </>
      ),
    },
    {
      who: 'The warehouse, the cashier and the courier',
      what: 'Stock, payment and shipping',
      how: (
        <>
          Each is someone else&apos;s job, done later by a worker reacting to events: the warehouse reserves each book
          (or puts you in the queue for it), the cashier captures each line&apos;s share just before it ships or voids
          it when it is cancelled, the courier delivers. They retry on their own; only a question that is truly yours —
          wait for a backordered book, or cancel it — comes back to you.
        </>
      ),
    },
  ],
};

export function WhoseJob({ kind }: { kind: Kind }) {
  return (
    <details className="card group p-5 sm:p-6">
      <summary className="cursor-pointer text-lg font-semibold text-roast-900">Whose job is it, and why?</summary>
      <dl className="mt-3 space-y-4">
        {JOBS[kind].map((job) => (
          <div key={job.what}>
            <dt className="font-semibold text-roast-900">
              {job.what} — <span className="font-normal text-roast-700">{job.who}</span>
            </dt>
            <dd className="mt-1 text-roast-800">{job.how}</dd>
          </div>
        ))}
      </dl>
      <p className="mt-4 text-sm text-roast-600">
        See both designs side by side in the{' '}
        <Link href="/lab" className="underline">
          interaction lab
        </Link>
        .
      </p>
    </details>
  );
}
