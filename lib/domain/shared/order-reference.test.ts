import { describe, expect, test } from 'vitest';
import { orderReference } from './order-reference';

describe('orderReference', () => {
  test('is the last eight hex digits, upper case', () => {
    expect(orderReference('0193b2f4-7c1a-7d2e-9f10-3a4b5c6d7e8f')).toBe('5C6D7E8F');
  });

  test('tells apart two orders placed in the same minute (same clock prefix)', () => {
    const a = orderReference('0193b2f4-7c1a-7d2e-9f10-3a4b5c6d7e8f');
    const b = orderReference('0193b2f4-7c1b-7000-8aaa-00000000beef');
    expect(a).not.toBe(b);
  });
});
