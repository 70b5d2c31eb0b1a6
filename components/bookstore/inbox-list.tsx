'use client';
// The e-mails the shop sent, newest first. They are written behind the scenes as the order moves,
// so the list polls for new ones; the server render seeds it.
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import type { InboxMail } from '@/lib/queries/inbox';
import { POLL_INTERVAL_MS } from '../live/use-event-stream';
import { fetchJson } from '../live/use-live-snapshot';
import { NothingYet } from './nothing-yet';
import { MailDate } from './mail-date';

export const inboxQueryKey = ['inbox'] as const;

const fetchInbox = async () => ((await fetchJson('/api/inbox')) as { mails: InboxMail[] }).mails;

export function InboxList({ initial }: { initial: InboxMail[] }) {
  const query = useQuery({
    queryKey: inboxQueryKey,
    queryFn: fetchInbox,
    initialData: initial,
    refetchInterval: POLL_INTERVAL_MS,
  });
  const mails = query.data;

  return (
    <div className="space-y-4">
      <p role="status" className="text-sm text-roast-700">
        {mails.length > 0 && `${mails.length} ${mails.length === 1 ? 'e-mail' : 'e-mails'} · `}New mail appears here by
        itself.
        {query.isRefetchError && (
          <span className="text-amber-800"> · could not check for new mail just now, retrying</span>
        )}
      </p>
      {mails.length === 0 ? (
        <NothingYet heading="No mail yet">
          When you place an order request, the shop writes to you here at every step: received, reserved or backordered,
          shipped, delivered, hold released.
        </NothingYet>
      ) : (
        <ol className="space-y-4">
          {mails.map((mail) => (
            <li key={mail.id}>
              <Mail mail={mail} />
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

function Mail({ mail }: { mail: InboxMail }) {
  const headingId = `mail-${mail.id}`;
  return (
    <article aria-labelledby={headingId} className="card space-y-2 p-5">
      <header className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h2 id={headingId} className="text-lg font-semibold text-roast-900">
          {mail.subject}
        </h2>
        <MailDate iso={mail.sentAt} className="text-sm text-roast-600" />
      </header>
      <p className="text-sm whitespace-pre-line text-roast-800">{mail.body}</p>
      <p>
        <Link
          href={`/orders/${mail.orderId}`}
          className="text-sm font-semibold text-roast-800 underline underline-offset-2"
        >
          View the order<span className="sr-only"> this e-mail is about</span>
        </Link>
      </p>
    </article>
  );
}
