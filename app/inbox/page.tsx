import type { Metadata } from 'next';
import { InboxList } from '@/components/bookstore/inbox-list';
import { currentCustomerId } from '@/lib/http/customer';
import { listInbox } from '@/lib/queries/inbox';

export const metadata: Metadata = { title: 'Inbox' };

export default async function InboxPage() {
  // Reading the cookie makes the page dynamic; the mails are this customer's only.
  const customerId = await currentCustomerId();
  const mails = customerId ? await listInbox(customerId) : [];
  return (
    <div className="space-y-8">
      <header className="max-w-3xl space-y-2">
        <h1 className="text-4xl font-semibold text-roast-900">Inbox</h1>
        <p className="text-roast-700">
          The e-mails the bookstore would send you. They are written behind the scenes, as each step of your order
          happens — not while you wait at checkout.
        </p>
      </header>
      <InboxList initial={mails} />
    </div>
  );
}
