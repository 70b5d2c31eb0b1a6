// The customer's inbox: the e-mails the notification worker wrote for them, newest first.
import { db } from '../db/client';

export const INBOX_LIMIT = 100;

export interface InboxMail {
  id: string;
  orderId: string;
  kind: string;
  subject: string;
  body: string;
  sentAt: string;
}

export async function listInbox(customerId: string): Promise<InboxMail[]> {
  const rows = await db().inboxMessage.findMany({
    where: { customerId },
    orderBy: [{ sentAt: 'desc' }, { id: 'desc' }],
    take: INBOX_LIMIT,
  });
  return rows.map((r) => ({
    id: r.id,
    orderId: r.orderId,
    kind: r.kind,
    subject: r.subject,
    body: r.body,
    sentAt: r.sentAt.toISOString(),
  }));
}
