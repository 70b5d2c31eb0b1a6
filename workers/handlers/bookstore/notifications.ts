// Every event a customer should hear about → one e-mail in their inbox. The command that caused
// the event never writes mail itself; this worker does, once per event (the event id is the
// mail's unique key, so a re-run writes nothing more). The step records the event as consumed in
// the same transaction, mail or not, like every other step: the reconciler reads that record to
// tell a delivered event from one Redis lost (lib/outbox/reconcile.ts).
import { db } from '@/lib/db/client';
import { composeMail } from '@/lib/notifications/mails';
import { consumeOnceWithPrisma } from '@/lib/outbox/inbox';
import type { EventJobOf, EventsOn } from '@/lib/queue/topology';
import { newId } from '@/lib/ids';
import { UnrecoverableError } from 'bullmq';

export async function sendMailHandler(job: EventJobOf<EventsOn<'notifications'>>): Promise<void> {
  const request = await db().orderRequest.findUnique({
    where: { id: job.orderId },
    select: { customerId: true, totalCents: true, shipTo: true },
  });
  if (!request) throw new UnrecoverableError(`no order request ${job.orderId}`);
  const recipient = (request.shipTo as { name?: string }).name ?? 'there';
  const mail = composeMail(job.type, { data: job.data, orderId: job.orderId, recipient, totalCents: request.totalCents });
  await consumeOnceWithPrisma('notifications.send-mail', job.eventId, async ({ tx, ctx }) => {
    if (!mail) return;
    // Still keyed by the event: mails sent before consumption was recorded are not sent twice.
    await tx.inboxMessage.createMany({
      data: [{ id: newId(), eventId: job.eventId, customerId: request.customerId, orderId: job.orderId, ...mail, sentAt: ctx.now }],
      skipDuplicates: true,
    });
  });
}
