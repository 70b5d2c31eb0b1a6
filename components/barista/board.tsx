'use client';
// The other agent's side of the counter. Tickets arrive here eventually, after the order was
// placed; the barista may start before the payment is known, and hands a drink over only once
// the news that it is paid has arrived.
import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState, useTransition } from 'react';
import type { ActionResult } from '@/lib/http/action-result';
import type { BoardTicket, BoardView } from '@/lib/queries/barista-board';
import { drinkCallout } from '../format';
import { LiveIndicator } from '../live/live-indicator';
import { boardQueryKey, useLiveBoard } from '../live/use-live-board';
import { ClockTime } from '../ui/clock-time';
import { Spinner } from '../ui/spinner';

export type HandOverAction = (ticketId: string) => Promise<ActionResult<null>>;

export function BaristaBoard({ initial, handOver }: { initial: BoardView; handOver: HandOverAction }) {
  const { board, connection } = useLiveBoard(initial);
  const queued = board.open.filter((t) => t.status === 'queued');
  const making = board.open.filter((t) => t.status === 'making');
  const ready = board.open.filter((t) => t.status === 'ready');
  const binned = board.recentlyClosed.filter((t) => t.status === 'tossed' || t.status === 'discarded');
  const handedOver = board.recentlyClosed.filter((t) => t.status === 'collected');
  const empty = board.open.length === 0 && board.recentlyClosed.length === 0;

  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div className="space-y-1">
          <h1 className="text-4xl font-semibold text-roast-900">Barista board</h1>
          <p className="max-w-2xl text-roast-700">
            This is the other agent&apos;s side: the barista works through tickets on their own, behind the counter,
            whether or not the customer&apos;s payment has been settled yet.
          </p>
        </div>
        <LiveIndicator state={connection} />
      </header>

      {empty && (
        <p className="card border-dashed p-6 text-center text-roast-700">
          No tickets yet. Place an order in the coffee shop and it shows up here.
        </p>
      )}

      <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-4">
        <Column title="Queued" tickets={queued} emptyText="Nothing in the queue.">
          {(t) => <TicketCard key={t.id} ticket={t} handOver={handOver} />}
        </Column>
        <Column title="Making" tickets={making} emptyText="Nothing being made.">
          {(t) => <TicketCard key={t.id} ticket={t} handOver={handOver} />}
        </Column>
        <Column title="Ready" tickets={ready} emptyText="Nothing waiting on the counter.">
          {(t) => <TicketCard key={t.id} ticket={t} handOver={handOver} />}
        </Column>
        <Column title="Tossed & discarded" tickets={binned} emptyText="Nothing binned.">
          {(t) => <TicketCard key={t.id} ticket={t} handOver={handOver} />}
        </Column>
      </div>

      <section aria-labelledby="handed-over" className="space-y-2">
        <div className="flex items-baseline gap-2">
          <h2 id="handed-over" className="text-lg font-semibold text-roast-900">
            Handed over
          </h2>
          <span className="text-sm text-roast-600">({handedOver.length})</span>
        </div>
        {handedOver.length === 0 ? (
          <p className="text-sm text-roast-600">No drinks handed over recently.</p>
        ) : (
          <ul className="flex flex-wrap gap-2">
            {handedOver.map((t) => (
              <li key={t.id}>
                <article
                  data-order-id={t.orderId}
                  data-ticket-id={t.id}
                  className="rounded-full border border-roast-100 bg-white px-3 py-1 text-sm text-roast-800"
                >
                  <span className="font-semibold">{t.customerName}</span> ·{' '}
                  {t.drinks.map(drinkCallout).join(', ')}
                  {t.closedAt && (
                    <>
                      {' '}
                      · <ClockTime iso={t.closedAt} />
                    </>
                  )}
                </article>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function Column({
  title,
  tickets,
  emptyText,
  children,
}: {
  title: string;
  tickets: BoardTicket[];
  emptyText: string;
  children: (ticket: BoardTicket) => ReactNode;
}) {
  const id = `column-${title.toLowerCase().replace(/[^a-z]+/g, '-')}`;
  return (
    <section aria-labelledby={id} className="flex flex-col gap-3 rounded-2xl bg-roast-100/60 p-3">
      <div className="flex items-baseline justify-between px-1">
        <h2 id={id} className="text-lg font-semibold text-roast-900">
          {title}
        </h2>
        <span className="badge bg-white text-roast-700">
          {tickets.length}
        </span>
      </div>
      {tickets.length === 0 ? (
        <p className="px-1 py-4 text-center text-sm text-roast-600">{emptyText}</p>
      ) : (
        <ul className="flex flex-col gap-3">{tickets.map((t) => <li key={t.id}>{children(t)}</li>)}</ul>
      )}
    </section>
  );
}

function TicketCard({ ticket, handOver }: { ticket: BoardTicket; handOver: HandOverAction }) {
  const closed = ticket.status === 'tossed' || ticket.status === 'discarded';
  const nameId = `ticket-${ticket.id}`;
  return (
    <article
      aria-labelledby={nameId}
      data-order-id={ticket.orderId}
      data-ticket-id={ticket.id}
      className={`card space-y-2 p-3 ${ticket.status === 'ready' ? 'border-crema-300 ring-2 ring-crema-200' : ''}`}
    >
      <div className="flex items-start justify-between gap-2">
        <h3 id={nameId} className="text-base font-semibold text-roast-950">
          {ticket.customerName}
        </h3>
        {closed ? (
          <span className="badge bg-red-50 text-red-800 ring-1 ring-red-200">
            {ticket.status === 'tossed' ? 'Tossed' : 'Discarded'}
          </span>
        ) : ticket.paid ? (
          <span className="badge bg-emerald-50 text-emerald-800 ring-1 ring-emerald-200">Paid</span>
        ) : (
          <span className="badge bg-amber-50 text-amber-900 ring-1 ring-amber-200">Not paid yet</span>
        )}
      </div>
      <ul className="text-sm text-roast-900">
        {ticket.drinks.map((d, i) => (
          <li key={i}>{drinkCallout(d)}</li>
        ))}
      </ul>
      <dl className="grid grid-cols-[auto_1fr] gap-x-2 text-xs text-roast-600">
        <dt>Opened</dt>
        <dd>
          <ClockTime iso={ticket.openedAt} />
        </dd>
        {ticket.startedAt && (
          <>
            <dt>Started</dt>
            <dd>
              <ClockTime iso={ticket.startedAt} />
            </dd>
          </>
        )}
        {ticket.readyAt && (
          <>
            <dt>Ready</dt>
            <dd>
              <ClockTime iso={ticket.readyAt} />
            </dd>
          </>
        )}
        {ticket.closedAt && (
          <>
            <dt>{ticket.status === 'tossed' ? 'Tossed' : ticket.status === 'discarded' ? 'Discarded' : 'Closed'}</dt>
            <dd>
              <ClockTime iso={ticket.closedAt} />
            </dd>
          </>
        )}
      </dl>
      {closed && (
        <p className="text-xs text-roast-700">
          {ticket.status === 'tossed'
            ? 'The order was cancelled after the drink was started: binned as a write-off.'
            : 'The order was cancelled before anyone started it.'}
        </p>
      )}
      {ticket.status === 'ready' &&
        (ticket.paid ? (
          <HandOverButton ticketId={ticket.id} handOver={handOver} />
        ) : (
          <p className="rounded-lg bg-amber-50 px-2 py-1.5 text-sm font-medium text-amber-950">
            Awaiting payment — keep it on the counter
          </p>
        ))}
    </article>
  );
}

function HandOverButton({ ticketId, handOver }: { ticketId: string; handOver: HandOverAction }) {
  const queryClient = useQueryClient();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);

  const click = () => {
    if (pending) return;
    setError(null);
    startTransition(async () => {
      try {
        const result = await handOver(ticketId);
        if (!result.ok) setError(result.message);
      } catch {
        setError('Could not reach the counter; try again.');
      }
      // Whatever the answer, the board should show what is true now.
      await queryClient.invalidateQueries({ queryKey: boardQueryKey });
    });
  };

  return (
    <div className="space-y-1">
      <button type="button" onClick={click} disabled={pending} aria-busy={pending} className="btn btn-primary w-full">
        {pending && <Spinner />}
        Hand over
      </button>
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
