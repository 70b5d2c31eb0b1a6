// The needs-attention list's read model (/ops/attention): the steps that gave up and wait for a
// person, each with its order's story so far; and the ones already dealt with. Plain selects.
import { db } from '../db/client';
import { COMPENSATION_LABELS, policyOfStep, whatOfStep } from '../queue/policies';
import { type TimelineItem, timelineOf } from './order-view';

export type AttentionStatus = 'open' | 'retrying' | 'resolved';
export type AttentionResolution = 'retried' | 'compensated' | 'resolved';

export interface AttentionItemView {
  id: string;
  /** Null for a job too malformed to name its order (step '<queue>.unhandled'). */
  orderId: string | null;
  scenario: 'coffee' | 'bookstore' | 'unknown';
  /** Whose order: the name on the cup, or on the parcel. */
  customer: string | null;
  eventId: string;
  queue: string;
  step: string;
  /** What the step does, in words. */
  what: string;
  error: string;
  attempts: number;
  status: AttentionStatus;
  resolution: AttentionResolution | null;
  note: string | null;
  raisedAt: string;
  resolvedAt: string | null;
  /** Who retried (while retrying) or resolved it. */
  resolvedBy: string | null;
  /** The step's compensation, if it has one: offered as a button. */
  compensation: { name: string; label: string } | null;
  timeline: TimelineItem[];
}

export interface AttentionList {
  /** Waiting for a person, or re-run by one and not yet back: oldest first. */
  open: AttentionItemView[];
  /** Dealt with, newest first (the last RESOLVED_SHOWN). */
  resolved: AttentionItemView[];
}

const RESOLVED_SHOWN = 50;
const OPEN_SHOWN = 200;

export async function listAttention(): Promise<AttentionList> {
  const [open, resolved] = await Promise.all([
    db().attentionItem.findMany({
      where: { status: { in: ['open', 'retrying'] } },
      orderBy: { raisedAt: 'asc' },
      take: OPEN_SHOWN,
    }),
    db().attentionItem.findMany({ where: { status: 'resolved' }, orderBy: { resolvedAt: 'desc' }, take: RESOLVED_SHOWN }),
  ]);
  const orderIds = [...new Set([...open, ...resolved].flatMap((i) => (i.orderId ? [i.orderId] : [])))];
  const [orders, requests, timelines] = await Promise.all([
    db().order.findMany({ where: { id: { in: orderIds } }, select: { id: true, customerName: true } }),
    db().orderRequest.findMany({ where: { id: { in: orderIds } }, select: { id: true, shipTo: true } }),
    // Only the open items' stories are shown in full; resolved items link to nothing more.
    Promise.all([...new Set(open.flatMap((i) => (i.orderId ? [i.orderId] : [])))].map(async (id) => [id, await timelineOf(id)] as const)),
  ]);
  const who = new Map<string, { scenario: AttentionItemView['scenario']; customer: string | null }>();
  for (const o of orders) who.set(o.id, { scenario: 'coffee', customer: o.customerName });
  for (const r of requests) {
    const name = (r.shipTo as { name?: unknown }).name;
    who.set(r.id, { scenario: 'bookstore', customer: typeof name === 'string' ? name : null });
  }
  const stories = new Map(timelines);
  const view = (item: (typeof open)[number]): AttentionItemView => {
    const policy = policyOfStep(item.step);
    const compensation = policy?.compensation;
    return {
      id: item.id,
      orderId: item.orderId,
      ...((item.orderId && who.get(item.orderId)) || { scenario: 'unknown', customer: null }),
      eventId: item.eventId,
      queue: item.queue,
      step: item.step,
      what: whatOfStep(item.step) ?? item.step,
      error: item.error,
      attempts: item.attempts,
      status: item.status as AttentionStatus,
      resolution: item.resolution as AttentionResolution | null,
      note: item.note,
      raisedAt: item.raisedAt.toISOString(),
      resolvedAt: item.resolvedAt?.toISOString() ?? null,
      resolvedBy: item.resolvedBy,
      compensation: compensation ? { name: compensation, label: COMPENSATION_LABELS[compensation] } : null,
      timeline: (item.orderId && stories.get(item.orderId)) || [],
    };
  };
  return { open: open.map(view), resolved: resolved.map(view) };
}

/** How many items wait for a person (for a badge in the ops navigation). */
export async function openAttentionCount(): Promise<number> {
  return db().attentionItem.count({ where: { status: 'open' } });
}
