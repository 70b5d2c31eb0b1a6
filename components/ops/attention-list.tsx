'use client';
// The needs-attention list: every step that gave up and waits for a person, with its error, how
// often it was tried, and the order's story so far; and what a person can do about it — run it
// again, compensate (where the step has a compensation), or resolve it with a note. Whatever they
// choose is written on the order's timeline, which the customer reads too. The list refreshes
// itself every few seconds, so a newly raised item shows up without a reload.
import { useRouter } from 'next/navigation';
import { useEffect, useId, useRef, useState, useTransition } from 'react';
import type { ActionResult } from '@/lib/http/action-result';
import type { AttentionItemView, AttentionList as AttentionListView } from '@/lib/queries/attention';
import type { TimelineItem } from '@/lib/queries/order-view';
import { ClockTime } from '../ui/clock-time';
import { Spinner } from '../ui/spinner';
import { describeAttentionFact, resolutionText } from './attention-words';

export interface AttentionActions {
  retry: (itemId: string) => Promise<ActionResult<{ status: string }>>;
  compensate: (itemId: string) => Promise<ActionResult<{ status: string; acted: boolean }>>;
  resolve: (input: { itemId: string; note: string }) => Promise<ActionResult<{ status: string }>>;
}

const REFRESH_MS = 3_000;

export function AttentionList({ list, actions }: { list: AttentionListView; actions: AttentionActions }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') router.refresh();
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [router]);

  return (
    <div className="space-y-8">
      <section aria-labelledby="attention-open" className="space-y-4">
        <div>
          <h1 id="attention-open" className="font-display text-3xl font-semibold text-roast-900">
            Needs attention <span className="text-roast-500">({list.open.length})</span>
          </h1>
          <p className="mt-1 max-w-3xl text-sm text-roast-700">
            Steps behind the counter that ran out of tries, or failed in a way another try cannot fix, and that have no
            automatic compensation. Each one is the shop&apos;s promise to a customer, on hold until someone decides.
            What you do is written on the order&apos;s timeline, which the customer reads too.
          </p>
        </div>
        {list.open.length === 0 ? (
          <p className="card p-5 text-roast-700">Nothing needs a person right now.</p>
        ) : (
          <ul aria-label="Waiting for a person" className="space-y-4">
            {list.open.map((item) => (
              <OpenItem key={item.id} item={item} actions={actions} onDone={() => router.refresh()} />
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="attention-resolved" className="space-y-3">
        <h2 id="attention-resolved" className="text-xl font-semibold text-roast-900">
          Resolved
        </h2>
        {list.resolved.length === 0 ? (
          <p className="text-sm text-roast-700">Nothing resolved yet.</p>
        ) : (
          <ul aria-label="Resolved" className="card divide-y divide-roast-100">
            {list.resolved.map((item) => (
              <ResolvedItem key={item.id} item={item} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

type Feedback = { tone: 'ok' | 'problem'; text: string; field?: string };

function OpenItem({
  item,
  actions,
  onDone,
}: {
  item: AttentionItemView;
  actions: AttentionActions;
  onDone: () => void;
}) {
  const [pending, startTransition] = useTransition();
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const [note, setNote] = useState('');
  const problemRef = useRef<HTMLParagraphElement>(null);
  const id = useId();
  const retrying = item.status === 'retrying';

  const act = (run: () => Promise<ActionResult<unknown>>, done: string) =>
    startTransition(async () => {
      const result = await run();
      if (result.ok) {
        setFeedback({ tone: 'ok', text: done });
        setNote('');
      } else {
        setFeedback({ tone: 'problem', text: result.message, field: result.fields?.note });
        requestAnimationFrame(() => problemRef.current?.focus());
      }
      onDone();
    });

  return (
    <li aria-labelledby={`${id}-title`} className="card space-y-4 p-5">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h3 id={`${id}-title`} className="text-lg font-semibold text-roast-900">
            {item.what}
          </h3>
          <OrderLine item={item} className="text-sm text-roast-700" />
        </div>
        <span
          className={`badge ${retrying ? 'bg-sky-50 text-sky-900 ring-1 ring-sky-200' : 'bg-amber-100 text-amber-950 ring-1 ring-amber-400'}`}
        >
          {retrying ? `Running again${item.resolvedBy ? ` (by ${item.resolvedBy})` : ''}…` : 'Waiting for a person'}
        </span>
      </div>

      <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
        <dt className="font-medium text-roast-800">Error</dt>
        <dd>
          <code data-testid="attention-error" className="font-mono text-xs break-all text-red-800">
            {item.error}
          </code>
        </dd>
        <dt className="font-medium text-roast-800">Attempts</dt>
        <dd data-testid="attention-attempts">{item.attempts}</dd>
        <dt className="font-medium text-roast-800">Raised</dt>
        <dd>
          <ClockTime iso={item.raisedAt} precise />
        </dd>
        <dt className="font-medium text-roast-800">Step</dt>
        <dd>
          <code className="font-mono text-xs">
            {item.step} · {item.queue} · event {item.eventId}
          </code>
        </dd>
      </dl>

      {item.orderId && (
        <details className="rounded-lg border border-roast-100 bg-roast-50/50 p-3">
          <summary className="cursor-pointer text-sm font-semibold text-roast-900">
            The order&apos;s timeline ({item.timeline.length})
          </summary>
          <OrderTimeline items={item.timeline} />
        </details>
      )}

      <div className="flex flex-wrap items-center gap-2">
        <button
          type="button"
          className="btn btn-primary"
          disabled={pending || retrying}
          onClick={() =>
            act(
              () => actions.retry(item.id),
              'Running it again. This item closes by itself if it works, and comes back if it fails.',
            )
          }
        >
          {pending && <Spinner />}
          Retry now
        </button>
        {item.compensation && (
          <button
            type="button"
            className="btn btn-secondary"
            disabled={pending || retrying}
            onClick={() => act(() => actions.compensate(item.id), 'Compensated and resolved.')}
          >
            {item.compensation.label}
          </button>
        )}
      </div>

      <form
        className="space-y-2"
        onSubmit={(e) => {
          e.preventDefault();
          act(() => actions.resolve({ itemId: item.id, note }), 'Resolved. Your note is on the order’s timeline.');
        }}
      >
        <label htmlFor={`${id}-note`} className="field-label">
          Note for the order&apos;s timeline
        </label>
        <textarea
          id={`${id}-note`}
          className="field-input min-h-20"
          value={note}
          maxLength={500}
          onChange={(e) => setNote(e.target.value)}
          aria-invalid={feedback?.field ? true : undefined}
          aria-describedby={feedback?.field ? `${id}-note-error` : `${id}-note-hint`}
          disabled={retrying}
        />
        {feedback?.field ? (
          <p id={`${id}-note-error`} className="field-error">
            {feedback.field}
          </p>
        ) : (
          <p id={`${id}-note-hint`} className="text-xs text-roast-600">
            Say what was done, in words the customer can read: they see it on their order page.
          </p>
        )}
        <button type="submit" className="btn btn-secondary" disabled={pending || retrying}>
          Resolve with this note
        </button>
      </form>

      {feedback && !feedback.field && (
        <p
          ref={problemRef}
          tabIndex={-1}
          role={feedback.tone === 'problem' ? 'alert' : 'status'}
          className={`rounded-lg px-3 py-2 text-sm ${feedback.tone === 'problem' ? 'bg-red-50 text-red-900' : 'bg-emerald-50 text-emerald-900'}`}
        >
          {feedback.text}
        </p>
      )}
    </li>
  );
}

function ResolvedItem({ item }: { item: AttentionItemView }) {
  return (
    <li className="space-y-1 p-4 text-sm">
      <p className="flex flex-wrap items-baseline gap-x-3">
        <span className="font-semibold text-roast-900">{item.what}</span>
        {item.resolvedAt && <ClockTime iso={item.resolvedAt} className="text-xs text-roast-600" />}
      </p>
      <p data-testid="attention-resolution" className="font-medium text-emerald-900">
        {resolutionText(item)}
      </p>
      <p className="text-roast-700">
        {item.orderId ? (
          <>
            Order <code className="font-mono text-xs">{item.orderId}</code>
            {item.customer && <> for {item.customer}</>}
          </>
        ) : (
          'No order named'
        )}{' '}
        — <code className="font-mono text-xs">{item.error}</code>
      </p>
    </li>
  );
}

/**
 * Whose order the item is about. A job too malformed to name its order has none: say so, so
 * nobody goes looking for a customer to tell, and the error below says what the job was.
 */
function OrderLine({ item, className }: { item: AttentionItemView; className: string }) {
  if (!item.orderId) {
    return (
      <p className={className}>
        No order: the job was too malformed to say whose it is. The error below names the job.
      </p>
    );
  }
  return (
    <p className={className}>
      {item.scenario === 'bookstore'
        ? 'Bookstore order request'
        : item.scenario === 'coffee'
          ? 'Coffee order'
          : 'Order'}{' '}
      <code className="font-mono text-xs">{item.orderId}</code>
      {item.customer && <> for {item.customer}</>}
    </p>
  );
}

function OrderTimeline({ items }: { items: TimelineItem[] }) {
  if (items.length === 0) return <p className="mt-2 text-sm text-roast-600">Nothing recorded yet.</p>;
  return (
    <ol aria-label="Order timeline" className="mt-2 space-y-1 text-sm">
      {items.map((item) => {
        const fact = describeAttentionFact(item);
        return (
          <li key={item.id} className="flex flex-wrap gap-x-2">
            <ClockTime iso={item.at} precise className="font-mono text-xs text-roast-600" />
            <span className="font-medium text-roast-900">{fact?.label ?? humanize(item.type)}</span>
            <span className="text-xs text-roast-600">
              {item.mode === 'sync' ? 'while the customer waited' : 'behind the scenes'}, by {item.actor}
            </span>
            {fact?.detail && <span className="basis-full pl-4 text-roast-700">{fact.detail}</span>}
          </li>
        );
      })}
    </ol>
  );
}

/** "LineShipped" → "Line shipped". */
function humanize(type: string): string {
  const words = type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
