'use client';
// One ticket on the board. On a manual station it carries the barista's buttons — Start, Ready,
// Toss — and on any station a ready, paid drink can be handed over (that is always a person's
// job). Each button names the order it acts on, so a screen reader hears "Start Sam's order".
import type { StationMode } from '@/lib/domain/coffee/station';
import { needsOatMilk } from '@/lib/domain/coffee/ticket';
import type { BoardTicket } from '@/lib/queries/barista-board';
import { drinkCallout } from '../format';
import { ClockTime } from '../ui/clock-time';
import { Spinner } from '../ui/spinner';

export type TicketPressKind = 'start' | 'ready' | 'toss' | 'handOver';

export function TicketCard({
  ticket,
  mode,
  outOfOatMilk,
  busy,
  onPress,
}: {
  ticket: BoardTicket;
  /** The mode of the ticket's station (closed tickets: irrelevant). */
  mode: StationMode;
  outOfOatMilk: boolean;
  busy: boolean;
  onPress: (kind: TicketPressKind) => void;
}) {
  const closed = ticket.status === 'tossed' || ticket.status === 'discarded';
  const open = ticket.status === 'queued' || ticket.status === 'making' || ticket.status === 'ready';
  const byHand = mode === 'manual' && open;
  const nameId = `ticket-${ticket.id}`;
  const whose = `${ticket.customerName}'s order`;
  const oatProblem = byHand && outOfOatMilk && ticket.status !== 'ready' && needsOatMilk(ticket);

  return (
    <article
      aria-labelledby={nameId}
      data-order-id={ticket.orderId}
      data-ticket-id={ticket.id}
      data-version={ticket.version}
      className={`card space-y-2 p-3 ${ticket.status === 'ready' ? 'border-crema-300 ring-2 ring-crema-200' : ''}`}
    >
      <div className="flex items-start justify-between gap-2">
        <h3 id={nameId} className="text-base font-semibold text-roast-950">
          {ticket.customerName}
        </h3>
        <div className="flex flex-wrap justify-end gap-1">
          {ticket.remakes > 0 && (
            <span
              className="badge bg-roast-50 text-roast-800 ring-1 ring-roast-200"
              title="Spilt or tossed, and made again"
            >
              remade {ticket.remakes}×
            </span>
          )}
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
      </div>
      <ul className="text-sm text-roast-900">
        {ticket.drinks.map((d, i) => (
          <li key={i}>{drinkCallout(d)}</li>
        ))}
      </ul>
      {oatProblem && (
        <p className="rounded-lg bg-red-50 px-2 py-1.5 text-sm font-medium text-red-900 ring-1 ring-red-200">
          Out of oat milk — this drink cannot be made as ordered.
        </p>
      )}
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
      {ticket.status === 'ready' && !ticket.paid && (
        <p className="rounded-lg bg-amber-50 px-2 py-1.5 text-sm font-medium text-amber-950">
          Awaiting payment — keep it on the counter
        </p>
      )}
      {open && (
        <div className="flex flex-wrap gap-2">
          {byHand && ticket.status === 'queued' && (
            <Press label="Start" name={`Start ${whose}`} primary busy={busy} onClick={() => onPress('start')} />
          )}
          {byHand && ticket.status === 'making' && (
            <Press label="Ready" name={`Mark ${whose} ready`} primary busy={busy} onClick={() => onPress('ready')} />
          )}
          {ticket.status === 'ready' && ticket.paid && (
            <Press
              label="Hand over"
              name={`Hand over ${whose}`}
              primary
              busy={busy}
              onClick={() => onPress('handOver')}
            />
          )}
          {byHand && (ticket.status === 'making' || ticket.status === 'ready') && (
            <Press
              label="Toss"
              name={`Toss ${whose} and make it again`}
              title="The drink was ruined: bin it and make it again"
              busy={busy}
              onClick={() => onPress('toss')}
            />
          )}
        </div>
      )}
    </article>
  );
}

function Press({
  label,
  name,
  title,
  primary = false,
  busy,
  onClick,
}: {
  label: string;
  name: string;
  title?: string;
  primary?: boolean;
  busy: boolean;
  onClick: () => void;
}) {
  return (
    <button
      type="button"
      onClick={() => {
        if (!busy) onClick();
      }}
      disabled={busy}
      aria-busy={busy}
      aria-label={name}
      title={title}
      className={`btn ${primary ? 'btn-primary' : 'btn-secondary'} flex-1`}
    >
      {busy && <Spinner />}
      {label}
    </button>
  );
}
