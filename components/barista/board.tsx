'use client';
// The other agent's side of the counter. Tickets arrive here eventually, after the order was
// placed; the barista may start before the payment is known, and hands a drink over only once
// the news that it is paid has arrived.
//
// One column per espresso station, each with its switch: automatic (the machine makes the drinks)
// or manual (a barista does, with the buttons on each ticket). The lanes — queued, making, ready —
// run across the stations. A press that is refused (most often TICKET.CHANGED: someone else got
// there first) is said at the top of the board, and the board refetches.
import type { CSSProperties, ReactNode } from 'react';
import type { Station } from '@/lib/domain/coffee/station';
import type { TicketStatus } from '@/lib/domain/coffee/ticket';
import type { BoardTicket, BoardView } from '@/lib/queries/barista-board';
import { drinkCallout } from '../format';
import { LiveIndicator } from '../live/live-indicator';
import { useLiveBoard } from '../live/use-live-board';
import { ClockTime } from '../ui/clock-time';
import { type BoardActions, useBoardPresses } from './board-actions';
import { StationHeader } from './station-header';
import { TicketCard, type TicketPressKind } from './ticket-card';

export type { BoardActions } from './board-actions';

const LANES: { status: TicketStatus; title: string; emptyText: string }[] = [
  { status: 'queued', title: 'Queued', emptyText: 'Nothing in the queue.' },
  { status: 'making', title: 'Making', emptyText: 'Nothing being made.' },
  { status: 'ready', title: 'Ready', emptyText: 'Nothing waiting on the counter.' },
];

export function BaristaBoard({ initial, actions }: { initial: BoardView; actions: BoardActions }) {
  const { board, connection } = useLiveBoard(initial);
  const presses = useBoardPresses();
  const modeOf = (station: number) => board.stations.find((s) => s.id === station)?.mode ?? 'auto';
  const binned = board.recentlyClosed.filter((t) => t.status === 'tossed' || t.status === 'discarded');
  const handedOver = board.recentlyClosed.filter((t) => t.status === 'collected');
  const empty = board.open.length === 0 && board.recentlyClosed.length === 0;
  // Every lane lines its stations up under the station heads.
  const columns: CSSProperties = {
    gridTemplateColumns: `repeat(${Math.max(board.stations.length, 1)}, minmax(0, 1fr))`,
  };

  const press = (ticket: BoardTicket, kind: TicketPressKind) => {
    const seen = { ticketId: ticket.id, seenVersion: ticket.version };
    const call = {
      start: () => actions.start(seen),
      ready: () => actions.ready(seen),
      toss: () => actions.toss(seen),
      handOver: () => actions.handOver(ticket.id, ticket.version),
    }[kind];
    presses.run(ticket.id, `${ticket.customerName}'s order`, call);
  };
  const switchStation = (station: Station, mode: Station['mode']) =>
    presses.run(`station-${station.id}`, `Station ${station.id}`, () => actions.setMode({ station: station.id, mode }));

  const card = (t: BoardTicket) => (
    <TicketCard
      ticket={t}
      mode={modeOf(t.station)}
      outOfOatMilk={board.outOfOatMilk}
      busy={presses.busy.has(t.id)}
      onPress={(kind) => press(t, kind)}
    />
  );

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

      {presses.refusal && (
        <div
          role="alert"
          data-code={presses.refusal.code}
          className="flex items-start justify-between gap-4 rounded-xl border-2 border-red-300 bg-red-50 p-3 text-red-950"
        >
          <p>
            <span className="font-semibold">{presses.refusal.about}:</span> {presses.refusal.message}{' '}
            <span className="text-sm text-red-800">The board now shows what is true.</span>
          </p>
          <button type="button" onClick={presses.dismiss} className="btn btn-ghost shrink-0">
            Dismiss
          </button>
        </div>
      )}

      {board.outOfOatMilk && (
        <p className="rounded-xl border border-amber-300 bg-amber-50 p-3 text-amber-950">
          <strong>Out of oat milk.</strong> The machine cannot make oat drinks; on a manual station, check with the
          customer before starting one.
        </p>
      )}

      {empty && (
        <p className="card border-dashed p-6 text-center text-roast-700">
          No tickets yet. Place an order in the coffee shop and it shows up here.
        </p>
      )}

      <div className="space-y-4">
        <div className="grid gap-4" style={columns}>
          {board.stations.map((s) => (
            <StationHeader
              key={s.id}
              station={s}
              waiting={board.open.filter((t) => t.station === s.id && t.status !== 'ready').length}
              busy={presses.busy.has(`station-${s.id}`)}
              onSwitch={(mode) => switchStation(s, mode)}
            />
          ))}
        </div>

        {LANES.map((lane) => {
          const tickets = board.open.filter((t) => t.status === lane.status);
          return (
            <Lane key={lane.status} title={lane.title} count={tickets.length}>
              <div className="grid gap-4" style={columns}>
                {board.stations.map((s) => (
                  <StationCell
                    key={s.id}
                    label={`${lane.title} at station ${s.id}`}
                    tickets={tickets.filter((t) => t.station === s.id)}
                    emptyText={lane.emptyText}
                  >
                    {card}
                  </StationCell>
                ))}
              </div>
            </Lane>
          );
        })}

        <Lane title="Tossed & discarded" count={binned.length}>
          {binned.length === 0 ? (
            <p className="px-1 py-4 text-center text-sm text-roast-600">Nothing binned.</p>
          ) : (
            <ul className="grid gap-3 sm:grid-cols-2 xl:grid-cols-4">
              {binned.map((t) => (
                <li key={t.id}>{card(t)}</li>
              ))}
            </ul>
          )}
        </Lane>
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
                  <span className="font-semibold">{t.customerName}</span> · {t.drinks.map(drinkCallout).join(', ')}
                  {t.remakes > 0 && <> · remade {t.remakes}×</>}
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

function Lane({ title, count, children }: { title: string; count: number; children: ReactNode }) {
  const id = `lane-${title.toLowerCase().replace(/[^a-z]+/g, '-')}`;
  return (
    <section aria-labelledby={id} className="flex flex-col gap-3 rounded-2xl bg-roast-100/60 p-3">
      <div className="flex items-baseline justify-between px-1">
        <h2 id={id} className="text-lg font-semibold text-roast-900">
          {title}
        </h2>
        <span className="badge bg-white text-roast-700">{count}</span>
      </div>
      {children}
    </section>
  );
}

function StationCell({
  label,
  tickets,
  emptyText,
  children,
}: {
  label: string;
  tickets: BoardTicket[];
  emptyText: string;
  children: (ticket: BoardTicket) => ReactNode;
}) {
  return (
    <div role="group" aria-label={label} className="min-w-0">
      {tickets.length === 0 ? (
        <p className="px-1 py-4 text-center text-sm text-roast-600">{emptyText}</p>
      ) : (
        <ul className="flex flex-col gap-3">
          {tickets.map((t) => (
            <li key={t.id}>{children(t)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
