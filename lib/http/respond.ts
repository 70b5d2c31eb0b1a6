// The shape of every API answer: `{ ...data }` on success, `{ error: { code, message, fields? } }`
// on failure, with a status that says whose move it is. Nothing from Prisma or a stack trace
// reaches the client.
import type { z } from 'zod';
import { UnavailableAfterCardAsked, isUnavailable, unavailableService } from '../db/errors';
import type { Code } from '../domain/shared/errors';
import { logger } from '../log';
import { orderPath } from './order-path';
import { RETRY_AFTER_SECONDS, statusOf } from './status';

export { RETRY_AFTER_SECONDS } from './status';

export const MAX_BODY_BYTES = 64 * 1024;

export function json(status: number, body: unknown, headers?: HeadersInit): Response {
  return Response.json(body, { status, headers: { 'Cache-Control': 'no-store', ...headers } });
}

/** A refusal made at the edge (bad input, no cookie…), its status from lib/http/status.ts. */
export function error(code: Code, message: string, fields?: Record<string, string>): Response {
  return json(statusOf(code), { error: fields ? { code, message, fields } : { code, message } });
}

export const notFound = () => error('NOT_FOUND', 'There is nothing here.');

/** Zod issues → `{ "items.0.quantity": "Quantity must be at least 1." }` (first message per field). */
export function fieldsOf(issues: readonly z.core.$ZodIssue[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const path = issue.path.length ? issue.path.map(String).join('.') : 'body';
    fields[path] ??= issue.message;
  }
  return fields;
}

/**
 * Reads a JSON body no larger than `MAX_BODY_BYTES`; a failure is a ready-made response.
 * The body is read chunk by chunk and abandoned as soon as it passes the cap, so a client
 * streaming megabytes (chunked, or under a Content-Length that lies) costs us 64 KB, not all of it.
 */
export async function readJson(request: Request): Promise<{ ok: true; value: unknown } | { ok: false; response: Response }> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > MAX_BODY_BYTES) return { ok: false, response: tooLarge() };
  let text: string | null;
  try {
    text = await readCapped(request.body, MAX_BODY_BYTES);
  } catch (caught) {
    // The client went away mid-body ("aborted", ECONNRESET): its side, not a backing service's.
    // Nobody reads the answer; what matters is that nothing was done and no outage is logged.
    log.info('the request body ended early: the client went away', { error: caught });
    return { ok: false, response: error('MALFORMED_JSON', 'The request body ended before it was complete.') };
  }
  if (text === null) return { ok: false, response: tooLarge() };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return {
      ok: false,
      response: error('MALFORMED_JSON', 'The request body is not valid JSON.', { body: 'Send a JSON object.' }),
    };
  }
}

/** The body as UTF-8 text, or null once it passes `maxBytes` (the rest is never read). */
export async function readCapped(body: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<string | null> {
  if (!body) return '';
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      // Tells the server to stop pulling from the socket; the 413 goes out without the rest.
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function tooLarge() {
  return error('BODY_TOO_LARGE', `The request body is over ${MAX_BODY_BYTES / 1024} KB.`, {
    body: `At most ${MAX_BODY_BYTES / 1024} KB.`,
  });
}

const log = logger('http');

/** The body of a 503: what is true for the customer depends on how far the command got. */
export interface OutageBody {
  code: 'UNAVAILABLE';
  message: string;
  service: 'db' | 'redis';
  /** Set when the card network had been asked: the order (or order request) it was asked for. */
  orderId?: string;
  /** Set when that order was recorded, so its page can be opened. */
  orderUrl?: string;
}

/**
 * An outage as the customer should hear it, or null if `caught` is not an outage. Before the
 * card network was asked nothing was charged or recorded; after, nobody here knows whether money
 * moved, so the answer says the payment is being confirmed and how to learn the outcome.
 */
export function outageAnswer(caught: unknown): OutageBody | null {
  if (!isUnavailable(caught)) return null;
  const service = unavailableService(caught);
  const which = service === 'redis' ? 'Redis' : 'the database';
  if (caught instanceof UnavailableAfterCardAsked) {
    const orderId = caught.orderId ?? undefined;
    const retry = 'Retry with the same request (the same Idempotency-Key) to get the final answer';
    if (caught.asked === 'charge') {
      const orderUrl = orderId && caught.orderRecorded ? orderPath(orderId) : undefined;
      return {
        code: 'UNAVAILABLE',
        message: `Your payment is being confirmed (${which} stopped answering after your card was asked). ${retry}${orderUrl ? ', or see your order' : ''}.`,
        service,
        ...(orderId ? { orderId } : {}),
        ...(orderUrl ? { orderUrl } : {}),
      };
    }
    // A hold is recorded with its order request in one transaction: after an outage there may be
    // no order page to link to, and the sweeper releases a hold whose request never got recorded.
    return {
      code: 'UNAVAILABLE',
      message: `Your order request is being confirmed (${which} stopped answering after your card was asked for a hold). ${retry}; if it could not be recorded, nothing is ordered and the hold on your card is released.`,
      service,
      ...(orderId ? { orderId } : {}),
    };
  }
  return {
    code: 'UNAVAILABLE',
    message: `The shop cannot take orders right now (${which} is unreachable). Nothing was charged or recorded; try again shortly.`,
    service,
  };
}

/** Maps what escaped a handler: services down → 503 with Retry-After; anything else → 500, logged. */
export function failure(caught: unknown): Response {
  const outage = outageAnswer(caught);
  if (outage) {
    log.warn('answered 503: a backing service is unavailable', { error: caught, service: outage.service, orderId: outage.orderId });
    return json(statusOf('UNAVAILABLE'), { error: outage }, { 'Retry-After': String(RETRY_AFTER_SECONDS) });
  }
  log.error('unhandled error', { error: caught });
  return error('INTERNAL', 'Something went wrong on our side. Nothing you did caused it.');
}
