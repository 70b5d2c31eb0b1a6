import { describe, expect, test } from 'vitest';
import { backorderWarning, stockHint } from './stock';

describe('stockHint', () => {
  test('copies on the shelf are not the next customer’s while others wait: it says how many wait', () => {
    const hint = stockHint(3, 2);
    expect(hint.text).toBe('2 people are waiting for this book — an order now waits behind them');
    expect(hint.text).not.toMatch(/in stock|left/i);
    expect(hint.tone).toBe('out');
    expect(stockHint(3, 1).text).toMatch(/^1 person is waiting/);
  });

  test('with nobody waiting, the shelf is what it says', () => {
    expect(stockHint(3, 0).text).toBe('Only 3 left');
    expect(stockHint(10, 0).text).toBe('In stock');
    expect(stockHint(0, 0).tone).toBe('out');
  });
});

describe('backorderWarning', () => {
  test('warns that the line waits behind customers already waiting, even with copies on the shelf', () => {
    expect(backorderWarning(1, 3, 2)).toMatch(/^2 people are already waiting for this book/);
  });

  test('says nothing when the shelf has enough and nobody waits', () => {
    expect(backorderWarning(1, 3, 0)).toBeNull();
  });
});
