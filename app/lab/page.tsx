import type { Metadata } from 'next';
import { LabBench } from '@/components/lab/lab-bench';

export const metadata: Metadata = { title: 'Interaction lab' };

export default function LabPage() {
  return (
    <div className="space-y-8">
      <header className="max-w-3xl space-y-2">
        <h1 className="text-4xl font-semibold text-roast-900">Interaction lab</h1>
        <p className="text-roast-700">
          One press places one lab order — a flat white — and two page designs show it side by side. The payment is
          settled by a command, in one step, while you wait. The status both pages can read is a read model (a
          projection) that learns each fact only after the lag you set: a real delayed update, as when a projector or
          queue falls behind. Design A trusts the read model; design B trusts the command for what the command decided
          and the read model only for what happens behind the counter.
        </p>
        <p className="text-sm text-roast-600">
          The lab keeps its orders apart from the shop&apos;s (in Redis, for an hour): nothing here reaches the barista,
          the queues or anyone&apos;s mail. The barista is simulated and takes 1.5 s per drink.
        </p>
      </header>
      <LabBench />
      <section aria-labelledby="lab-reading" className="max-w-3xl space-y-2 text-roast-800">
        <h2 id="lab-reading" className="text-xl font-semibold text-roast-900">
          How to read the scores
        </h2>
        <ul className="list-disc space-y-1 pl-5">
          <li>
            <strong>Read-your-writes violation</strong>: the page showed the customer something their own command had
            already contradicted — &ldquo;Order not found&rdquo; after the order was paid, or anything but
            &ldquo;declined&rdquo; after the card was declined. Counted once per order, from what the panel showed.
          </li>
          <li>
            <strong>Time to truth</strong>: from the press until the panel first showed a true answer about the order. A
            spinner shows no answer, so it is not a violation, but the customer waits for the whole order.
          </li>
          <li>
            <strong>Final state shown after</strong>: until the panel showed the drink ready (or the decline). No design
            makes the drink sooner; the right one simply never says anything untrue on the way.
          </li>
        </ul>
      </section>
    </div>
  );
}
