import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { newId } from './ids';

describe('newId', () => {
  it('is a version-7 UUID that zod and PostgreSQL-style parsers accept', () => {
    const id = newId();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(z.string().uuid().safeParse(id).success).toBe(true);
  });

  it('orders by creation time, so inserts land at the end of an index', () => {
    const earlier = newId(1_700_000_000_000);
    const later = newId(1_700_000_000_001);
    expect(earlier < later).toBe(true);
    expect(earlier.slice(0, 13)).toBe('018bcfe5-6800');
  });

  it('is unique within one millisecond', () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => newId(1_700_000_000_000)));
    expect(ids.size).toBe(10_000);
  });
});

describe('newId within one process', () => {
  it('increases strictly, also within one millisecond and across a counter overflow', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.UTC(2030, 0, 1)); // the clock stands still: 10,000 ids in one millisecond
      const ids = Array.from({ length: 10_000 }, () => newId());
      expect([...ids].sort()).toEqual(ids);
      expect(new Set(ids).size).toBe(ids.length);
    } finally {
      vi.useRealTimers();
    }
  });
});
