import { createHash } from 'node:crypto';
import { describe, expect, test, vi } from 'vitest';
import { hashRequest, storedResult } from './keys';

const order = {
  customerName: 'Ada',
  items: [{ itemId: 'latte', size: 'L', milk: 'oat', quantity: 2 }],
  card: { number: '4242424242424242', expMonth: 12, expYear: 2030, cvc: '123' },
};
const SECRET = 'a-server-secret-of-thirty-two-bytes-at-least';

describe('hashRequest', () => {
  test('is a hex digest and the same for the same body', () => {
    const hash = hashRequest(order, SECRET);

    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashRequest(structuredClone(order), SECRET)).toBe(hash);
  });

  test('the order of keys does not change the hash, at any depth', () => {
    const reordered = {
      card: { cvc: '123', expYear: 2030, expMonth: 12, number: '4242424242424242' },
      items: [{ quantity: 2, milk: 'oat', size: 'L', itemId: 'latte' }],
      customerName: 'Ada',
    };

    expect(hashRequest(reordered, SECRET)).toBe(hashRequest(order, SECRET));
  });

  test('a different value changes the hash', () => {
    const hash = hashRequest(order, SECRET);

    expect(hashRequest({ ...order, customerName: 'Bob' }, SECRET)).not.toBe(hash);
    expect(hashRequest({ ...order, items: [{ ...order.items[0], quantity: 3 }] }, SECRET)).not.toBe(hash);
    expect(hashRequest({ ...order, card: { ...order.card, expMonth: 11 } }, SECRET)).not.toBe(hash);
  });

  test('the order of items in a list does change the hash', () => {
    expect(hashRequest({ items: ['latte', 'espresso'] }, SECRET)).not.toBe(hashRequest({ items: ['espresso', 'latte'] }, SECRET));
  });

  test('a number and the same digits as text hash differently', () => {
    expect(hashRequest({ quantity: 2 }, SECRET)).not.toBe(hashRequest({ quantity: '2' }, SECRET));
  });

  test('a field set to undefined is ignored, as JSON would drop it', () => {
    const withUndefined = { ...order, items: [{ ...order.items[0], note: undefined }], coupon: undefined };

    expect(hashRequest(withUndefined, SECRET)).toBe(hashRequest(order, SECRET));
  });

  test('a field set to null is not the same as a missing field', () => {
    expect(hashRequest({ ...order, coupon: null }, SECRET)).not.toBe(hashRequest(order, SECRET));
  });

  test('moving a value to another key changes the hash', () => {
    expect(hashRequest({ a: 'x', b: '' }, SECRET)).not.toBe(hashRequest({ a: '', b: 'x' }, SECRET));
  });
});

describe('hashRequest keeps no card secret', () => {
  test('the CVC does not enter the hash', () => {
    expect(hashRequest({ ...order, card: { ...order.card, cvc: '999' } }, SECRET)).toBe(hashRequest(order, SECRET));
  });

  test('nor do the digits before the last four (so they cannot be recovered from it)', () => {
    const otherMiddle = { ...order, card: { ...order.card, number: '4000056655664242' } };
    expect(hashRequest(otherMiddle, SECRET)).toBe(hashRequest(order, SECRET));
  });

  test('the last four digits do: a retry with another card is another request', () => {
    const otherCard = { ...order, card: { ...order.card, number: '4000000000000002' } };
    expect(hashRequest(otherCard, SECRET)).not.toBe(hashRequest(order, SECRET));
  });

  test('spaces in the number change nothing', () => {
    const spaced = { ...order, card: { ...order.card, number: '4242 4242 4242 4242' } };
    expect(hashRequest(spaced, SECRET)).toBe(hashRequest(order, SECRET));
  });

  test('it depends on the server secret, so without it a stored hash cannot be checked against guesses', () => {
    expect(hashRequest(order, SECRET)).not.toBe(hashRequest(order, `${SECRET}-rotated`));
  });

  test('it is not a plain SHA-256 of the body, with or without the card', () => {
    const hash = hashRequest(order, SECRET);
    const plain = (body: unknown) => createHash('sha256').update(JSON.stringify(body)).digest('hex');
    expect(hash).not.toBe(plain(order));
    expect(hash).not.toBe(plain({ ...order, card: { expMonth: 12, expYear: 2030, last4: '4242' } }));
  });

  test('with no secret set, off production, every process hashes alike (a fixed development key)', () => {
    expect(hashRequest(order, null)).toBe(hashRequest(structuredClone(order), null));
    expect(hashRequest(order, null)).not.toBe(hashRequest(order, SECRET));
  });

  test('with no secret set, production refuses to hash', () => {
    vi.stubEnv('NODE_ENV', 'production');
    try {
      expect(() => hashRequest(order, null)).toThrow(/SESSION_SECRET is not set/);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe('storedResult', () => {
  test('reads back the Result a command stored', () => {
    const declined = { ok: false, error: { code: 'PAYMENT.DECLINED', message: 'Declined.' }, detail: { order: { id: 'o1' } } };
    expect(storedResult(402, JSON.stringify(declined))).toEqual(declined);
    expect(storedResult(201, JSON.stringify({ ok: true, value: { order: { id: 'o2' } } }))).toEqual({
      ok: true,
      value: { order: { id: 'o2' } },
    });
  });

  test('reads an answer stored before answers were Results (an HTTP body) by its status', () => {
    expect(storedResult(201, JSON.stringify({ orderRequest: { id: 'r1' } }))).toEqual({ ok: true, value: { orderRequest: { id: 'r1' } } });
    expect(storedResult(402, JSON.stringify({ error: { code: 'PAYMENT.DECLINED', message: 'Declined.' }, order: { id: 'o3' } }))).toEqual({
      ok: false,
      error: { code: 'PAYMENT.DECLINED', message: 'Declined.' },
      detail: { order: { id: 'o3' } },
    });
    // The link to the order is made again when the answer is given; only the id is kept.
    const elsewhere = { error: { code: 'CART.ALREADY_CHECKED_OUT', message: 'Elsewhere.', orderId: 'r2', orderUrl: '/orders/r2' } };
    expect(storedResult(409, JSON.stringify(elsewhere))).toEqual({
      ok: false,
      error: { code: 'CART.ALREADY_CHECKED_OUT', message: 'Elsewhere.', orderId: 'r2' },
    });
  });
});
