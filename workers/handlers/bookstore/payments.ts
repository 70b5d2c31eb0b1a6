// Money for the bookstore, behind the scenes: a line's share of the checkout hold is captured when
// the line is about to ship, or voided when it is cancelled. The card network is called first,
// keyed by the line (a re-run asks again with the same key and moves nothing more); then the
// order request records what happened, in its own transaction.
import { loadOrderRequest } from '@/lib/db/order-requests';
import { db } from '@/lib/db/client';
import { orderRequests } from '@/lib/db/order-requests';
import { changeAggregate } from '@/lib/outbox/change-aggregate';
import { recordCapture, recordRelease } from '@/lib/domain/bookstore/order-request';
import { cardNetwork } from '@/lib/adapters';
import type { Origin } from '@/lib/outbox/append';
import { consumeOnceWithPrisma } from '@/lib/outbox/inbox';
import { captureKeyFor, voidKeyFor } from '@/lib/payments/holds';
import type { EventJobOf } from '@/lib/queue/topology';
import { UnrecoverableError } from 'bullmq';

const CASHIER: Origin = { mode: 'async', actor: 'cashier' };

async function authorizationOf(orderId: string): Promise<string> {
  const request = await loadOrderRequest(db(), orderId);
  if (!request) throw new UnrecoverableError(`no order request ${orderId}`);
  return request.authorizationKey;
}

/** LineReserved → take the line's share of the hold. */
export async function captureLineHandler(job: EventJobOf<'LineReserved'>): Promise<void> {
  const { lineId, amountCents } = job.data;
  const captured = await cardNetwork().capture({
    idempotencyKey: captureKeyFor(lineId),
    authorizationKey: await authorizationOf(job.orderId),
    amountCents,
  });
  await consumeOnceWithPrisma('payments.capture', job.eventId, (uow) =>
    changeAggregate(uow, orderRequests, job.orderId, CASHIER, (request, ctx) => recordCapture(request, lineId, captured.amountCents, ctx)),
  );
}

/** LineCancelled → give the line's share of the hold back. */
export async function releaseLineHandler(job: EventJobOf<'LineCancelled'>): Promise<void> {
  const { lineId, amountCents } = job.data;
  const voided = await cardNetwork().void({
    idempotencyKey: voidKeyFor(lineId),
    authorizationKey: await authorizationOf(job.orderId),
    amountCents,
  });
  await consumeOnceWithPrisma('payments.release', job.eventId, (uow) =>
    changeAggregate(uow, orderRequests, job.orderId, CASHIER, (request, ctx) => recordRelease(request, lineId, voided.amountCents, ctx)),
  );
}
