// HTTP idempotency: the first request with a key does the work and stores its answer; a retry
// with the same key and the same body gets that answer back, status and body; the same key with a
// different body is refused. The key is claimed in the same transaction that records the order, so
// two concurrent requests with one key can never both place an order.
//
// What is stored to recognise "the same body" is not the body and not a plain digest of it: a
// SHA-256 of a body holding a card number and CVC can be reversed by trying candidates, and there
// are few (with the issuer's six digits guessed and the last four shown on the order, a 16-digit
// number has six unknown digits, one fixed by the checksum, and a CVC three: ~10^8 tries, seconds
// on a laptop). So the card is reduced to its last four digits and expiry (the CVC and the rest of the
// number never enter the hash), and the digest is an HMAC under a key derived from the server's
// SESSION_SECRET: without that secret the stored hashes say nothing, and every web instance,
// before and after a restart, computes the same one (so a retry still matches).
import { createHmac } from 'node:crypto';
import { config } from '../config';
import { db, type Tx } from '../db/client';
import { Prisma } from '../db/generated/client';
import { type SqlTx, write } from '../db/sql-tx';
import { type Code, type DomainError, type Result, fail } from '../domain/shared/result';
import { CREATED, statusOf } from '../http/status';

/**
 * A command's answer as kept under its key: its Result, as JSON. The row's status_code is the
 * HTTP status that Result is answered with (lib/http/status.ts), kept beside it so that "no
 * answer yet" is a NULL and the stored answer can be checked against what a client was told.
 */
export type StoredResult = Result<unknown, Code, unknown>;

function answerColumns(result: StoredResult): { statusCode: number; response: string } {
  return { statusCode: result.ok ? CREATED : statusOf(result.error.code), response: JSON.stringify(result) };
}

/**
 * The stored answer as a Result. Rows written before answers were Results hold the HTTP body
 * (`{ order }`, `{ error, order? }`); they are read by their status, until they age out (a day).
 */
export function storedResult(statusCode: number, response: string | null): StoredResult {
  const stored: unknown = JSON.parse(response ?? 'null');
  if (stored && typeof stored === 'object' && 'ok' in stored && typeof stored.ok === 'boolean') return stored as StoredResult;
  if (statusCode < 400) return { ok: true, value: stored };
  const { error, ...detail } = (stored ?? {}) as { error?: DomainError & { orderUrl?: string } };
  const { orderUrl: _orderUrl, ...refusal } = error ?? { code: 'INTERNAL' as const, message: 'The stored answer could not be read.' };
  return Object.keys(detail).length > 0 ? { ok: false, error: refusal, detail } : { ok: false, error: refusal };
}

/**
 * Off production only, when SESSION_SECRET is not set: a fixed key, so that every process of a
 * development shop (and every test) hashes alike. Development sees test cards only.
 */
const DEVELOPMENT_SECRET = 'counter-and-shelf: development request hashes, not for production';
/** Separates this use of SESSION_SECRET from signing sessions: no value can serve as both. */
const LABEL = 'counter-and-shelf/idempotency-request-hash/v1';

function hashKey(secret: string | null): Buffer {
  if (secret === null) {
    if (process.env.NODE_ENV === 'production') {
      throw new Error('SESSION_SECRET is not set: production needs it to hash idempotent requests.');
    }
    secret = DEVELOPMENT_SECRET;
  }
  return createHmac('sha256', secret).update(LABEL).digest();
}

/**
 * What is kept to tell a retry from a different request under the same key: an HMAC of the body
 * with its card reduced to the last four digits and expiry. `secret` is SESSION_SECRET unless
 * given (null: none is set).
 */
export function hashRequest(body: unknown, secret: string | null = config().SESSION_SECRET ?? null): string {
  return createHmac('sha256', hashKey(secret))
    .update(canonicalJson(withoutCardSecrets(body)))
    .digest('hex');
}

/** `card: { number, cvc, expMonth, expYear }` → `card: { last4, expMonth, expYear }`; the rest as it is. */
function withoutCardSecrets(body: unknown): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
  const { card, ...rest } = body as Record<string, unknown>;
  if (!card || typeof card !== 'object' || Array.isArray(card)) return body;
  const { number, cvc: _cvc, ...kept } = card as Record<string, unknown>;
  const digits = typeof number === 'string' ? number.replace(/\D/g, '') : '';
  return { ...rest, card: { ...kept, last4: digits.slice(-4) } };
}

/** JSON with sorted keys, so `{a,b}` and `{b,a}` hash alike. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export interface KeyRef {
  customerId: string;
  key: string;
}

// claimKey and storeAnswer are raw SQL: both run in every checkout's transactions while the
// customer waits, which are plain SQL for that reason (lib/db/sql-tx.ts) and send them with the
// order's own writes as one statement.

/** Another request holds the key: the transaction that claimed it fails, and nothing of it is kept. */
export class KeyTaken extends Error {
  override name = 'KeyTaken';
  constructor(readonly ref: KeyRef) {
    super(`idempotency key ${ref.key} is already taken`);
  }
}

/** Claims the key for this request, in the caller's transaction; fails it with KeyTaken if another request got there first. */
export async function claimKey(tx: SqlTx, ref: KeyRef, requestHash: string, orderId: string, now: Date): Promise<void> {
  await write(tx, {
    sql: Prisma.sql`
      INSERT INTO idempotency_keys (customer_id, key, request_hash, order_id, created_at)
      VALUES (${ref.customerId}::uuid, ${ref.key}, ${requestHash}, ${orderId}::uuid, ${now}::timestamptz)
      ON CONFLICT DO NOTHING`,
    expect: { rows: 1, otherwise: () => new KeyTaken(ref) },
  });
}

/** Whether `work` found the key taken; anything else it threw is rethrown. */
export async function unlessKeyTaken<T>(work: Promise<T>): Promise<T | null> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof KeyTaken) return null;
    throw error;
  }
}

export async function storeAnswer(tx: SqlTx, ref: KeyRef, answer: StoredResult, now: Date): Promise<void> {
  const { statusCode, response } = answerColumns(answer);
  await write(tx, {
    sql: Prisma.sql`
      UPDATE idempotency_keys SET status_code = ${statusCode}::int, response = ${response}, completed_at = ${now}::timestamptz
       WHERE customer_id = ${ref.customerId}::uuid AND key = ${ref.key}`,
    // The request claimed this key itself, moments ago: a missing row is a bug, and the answer must not commit without it.
    expect: { rows: 1, otherwise: () => new Error(`idempotency key ${ref.key} vanished before its answer was stored`) },
  });
}

/**
 * Stores the answer only if none is stored yet; false if the sweeper settled the key first (the
 * request took so long it was presumed dead). The caller then rolls back and replays that answer.
 */
export async function storeFirstAnswer(tx: Tx, ref: KeyRef, answer: StoredResult, now: Date): Promise<boolean> {
  const { count } = await tx.idempotencyRecord.updateMany({
    where: { ...ref, statusCode: null },
    data: { ...answerColumns(answer), completedAt: now },
  });
  return count === 1;
}

export type Replay = { kind: 'answer'; answer: StoredResult } | { kind: 'mismatch' } | { kind: 'in-progress' } | { kind: 'missing' };

/**
 * The answer already given (or being worked out) for this key. Waits while the first request is
 * still at the counter, so ten concurrent retries all get the one answer.
 */
export async function replay(ref: KeyRef, requestHash: string, waitMs: number): Promise<Replay> {
  const deadline = Date.now() + waitMs;
  for (let delay = 25; ; delay = Math.min(delay * 2, 250)) {
    const record = await db().idempotencyRecord.findUnique({ where: { customerId_key: ref } });
    if (!record) return { kind: 'missing' };
    if (record.requestHash !== requestHash) return { kind: 'mismatch' };
    if (record.statusCode !== null) {
      return { kind: 'answer', answer: storedResult(record.statusCode, record.response) };
    }
    if (Date.now() >= deadline) return { kind: 'in-progress' };
    await new Promise((r) => setTimeout(r, delay));
  }
}

/**
 * Gives a request that never got its answer (the process died mid-payment) a final one, so a
 * retry with its key learns what happened instead of waiting forever.
 */
export async function settleAbandoned(tx: Tx, orderId: string, refusal: DomainError, now: Date): Promise<boolean> {
  const { count } = await tx.idempotencyRecord.updateMany({
    where: { orderId, statusCode: null },
    data: { ...answerColumns({ ok: false, error: refusal }), completedAt: now },
  });
  return count > 0;
}

/**
 * What a request whose key is already taken is told: the stored answer, or IDEMPOTENCY.MISMATCH
 * if the key was used for another request, or IDEMPOTENCY.IN_PROGRESS if the first request is
 * still `stillWorking` ("being paid").
 */
export async function answerFromKey(ref: KeyRef, requestHash: string, waitMs: number, stillWorking: string): Promise<StoredResult> {
  const found = await replay(ref, requestHash, waitMs);
  if (found.kind === 'answer') return found.answer;
  return found.kind === 'mismatch'
    ? fail('IDEMPOTENCY.MISMATCH', 'This Idempotency-Key was already used for a different order. Use a new key for a new order.')
    : fail('IDEMPOTENCY.IN_PROGRESS', `An order with this Idempotency-Key is still ${stillWorking}. Ask again in a moment.`);
}
