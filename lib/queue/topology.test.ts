// Every event type is either heard by a step or deliberately heard by none (the compiler holds that
// for the contracts, and lib/events/contracts.test.ts scans the code for every event it raises);
// here, what routing makes of the lists at run time.
import { expect, test } from 'vitest';
import { consumersOf } from './policies';
import { SUBSCRIPTIONS, UNHEARD_EVENTS, isRoutable } from './topology';

test('no event is both subscribed and listed as heard by none', () => {
  expect([...UNHEARD_EVENTS].filter((type) => type in SUBSCRIPTIONS)).toEqual([]);
});

test('an unknown type is not routable, and has no consumers to wait for', () => {
  expect(isRoutable('OrderPlacd')).toBe(false);
  expect(consumersOf('OrderPlacd')).toEqual([]);
  expect(consumersOf('LineCancelled').map((c) => c.step)).toEqual(['inventory.release', 'payments.release', 'notifications.send-mail']);
});
