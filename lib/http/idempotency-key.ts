// The Idempotency-Key header every order-placing endpoint requires: new per order, reused for the
// retries of that order.
import { error } from './respond';

export const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,128}$/;

/** The request's key, or a ready-made 400 saying what to send. */
export function idempotencyKeyOf(request: Request): { ok: true; key: string } | { ok: false; response: Response } {
  const key = request.headers.get('idempotency-key');
  if (key && IDEMPOTENCY_KEY.test(key)) return { ok: true, key };
  return {
    ok: false,
    response: error('IDEMPOTENCY.KEY_REQUIRED', 'Send an Idempotency-Key header (8–128 letters, digits, - _ . :), new for each order.', {
      'Idempotency-Key': key ? 'Use 8–128 letters, digits, - _ . or :.' : 'Required.',
    }),
  };
}

export const customerMissing = () => error('CUSTOMER.MISSING', 'Your browser did not send the customer cookie.');
