import { describe, expect, test } from 'vitest';
import { hashRequest } from './keys';

const order = {
  customerName: 'Ada',
  items: [{ itemId: 'latte', size: 'L', milk: 'oat', quantity: 2 }],
  card: { number: '4242424242424242', expMonth: 12, expYear: 2030, cvc: '123' },
};

describe('hashRequest', () => {
  test('is a hex sha-256 digest and the same for the same body', () => {
    const hash = hashRequest(order);

    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashRequest(structuredClone(order))).toBe(hash);
  });

  test('the order of keys does not change the hash, at any depth', () => {
    const reordered = {
      card: { cvc: '123', expYear: 2030, expMonth: 12, number: '4242424242424242' },
      items: [{ quantity: 2, milk: 'oat', size: 'L', itemId: 'latte' }],
      customerName: 'Ada',
    };

    expect(hashRequest(reordered)).toBe(hashRequest(order));
  });

  test('a different value changes the hash', () => {
    const hash = hashRequest(order);

    expect(hashRequest({ ...order, customerName: 'Bob' })).not.toBe(hash);
    expect(hashRequest({ ...order, items: [{ ...order.items[0], quantity: 3 }] })).not.toBe(hash);
    expect(hashRequest({ ...order, card: { ...order.card, cvc: '124' } })).not.toBe(hash);
  });

  test('the order of items in a list does change the hash', () => {
    expect(hashRequest({ items: ['latte', 'espresso'] })).not.toBe(hashRequest({ items: ['espresso', 'latte'] }));
  });

  test('a number and the same digits as text hash differently', () => {
    expect(hashRequest({ quantity: 2 })).not.toBe(hashRequest({ quantity: '2' }));
  });

  test('a field set to undefined is ignored, as JSON would drop it', () => {
    const withUndefined = { ...order, items: [{ ...order.items[0], note: undefined }], coupon: undefined };

    expect(hashRequest(withUndefined)).toBe(hashRequest(order));
  });

  test('a field set to null is not the same as a missing field', () => {
    expect(hashRequest({ ...order, coupon: null })).not.toBe(hashRequest(order));
  });

  test('moving a value to another key changes the hash', () => {
    expect(hashRequest({ a: 'x', b: '' })).not.toBe(hashRequest({ a: '', b: 'x' }));
  });
});
