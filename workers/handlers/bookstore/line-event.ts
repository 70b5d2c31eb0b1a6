// The data every bookstore line event carries (see lib/domain/bookstore/order-request.ts and
// inventory.ts). A job without it is malformed for good: retrying would not fix it.
import { UnrecoverableError } from 'bullmq';
import { z } from 'zod';
import type { EventJob } from '@/lib/queue/topology';

const LineData = z.object({
  lineId: z.string().uuid(),
  bookId: z.string().uuid(),
  quantity: z.number().int().positive(),
  amountCents: z.number().int().nonnegative().optional(),
});
export type LineData = z.infer<typeof LineData>;

export function lineOf(job: EventJob): LineData {
  const parsed = LineData.safeParse(job.data);
  if (!parsed.success) throw new UnrecoverableError(`${job.type} ${job.eventId} has no line data: ${parsed.error.message}`);
  return parsed.data;
}

export function amountOf(job: EventJob): number {
  const { amountCents } = lineOf(job);
  if (amountCents === undefined) throw new UnrecoverableError(`${job.type} ${job.eventId} has no amount`);
  return amountCents;
}
