import { describe, expect, it } from 'vitest';
import { formatMs, formatRate } from './lag-words';

describe('formatMs', () => {
  it('writes a dash for nothing measured, never a zero', () => {
    expect(formatMs(null)).toBe('—');
  });

  it('picks the unit a person reads fastest', () => {
    expect(formatMs(0)).toBe('0 ms');
    expect(formatMs(840.4)).toBe('840 ms');
    expect(formatMs(2_440)).toBe('2.4 s');
    expect(formatMs(42_000)).toBe('42 s');
    expect(formatMs(65_000)).toBe('1 min 05 s');
  });
});

describe('formatRate', () => {
  it('says per second, with a dash when nothing was completed lately', () => {
    expect(formatRate(null)).toBe('—');
    expect(formatRate(0.5166)).toBe('0.52/s');
    expect(formatRate(12.4)).toBe('12/s');
  });
});
