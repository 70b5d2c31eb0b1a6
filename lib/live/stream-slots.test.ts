import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openStreamsOf, takeStreamSlot } from './stream-slots';

describe('stream slots per customer', () => {
  it('gives out up to the cap, then none until one is given back', () => {
    const customer = randomUUID();
    const slots = [takeStreamSlot(customer, 2), takeStreamSlot(customer, 2)];
    expect(slots.every(Boolean)).toBe(true);
    expect(takeStreamSlot(customer, 2)).toBeNull();
    // Another customer is not held back by this one.
    expect(takeStreamSlot(randomUUID(), 2)).not.toBeNull();
    slots[0]!();
    expect(openStreamsOf(customer)).toBe(1);
    expect(takeStreamSlot(customer, 2)).not.toBeNull();
  });

  it('counts a slot given back twice once', () => {
    const customer = randomUUID();
    const release = takeStreamSlot(customer, 3)!;
    takeStreamSlot(customer, 3);
    release();
    release();
    expect(openStreamsOf(customer)).toBe(1);
  });
});
