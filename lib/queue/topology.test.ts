// Every event the code can put in the outbox is either heard by a step or deliberately heard by
// none; anything else would land on the needs-attention list as EVENT.UNROUTED at run time.
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from 'vitest';
import { consumersOf } from './policies';
import { SUBSCRIPTIONS, UNHEARD_EVENTS, isRoutable } from './topology';

const LIB = path.resolve(import.meta.dirname, '..');

async function sources(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) => {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) return e.name === 'generated' ? [] : sources(full);
      return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [full] : [];
    }),
  );
  return nested.flat();
}

test('every event type the code emits is subscribed or known to need no subscriber', async () => {
  const emitted = new Set<string>();
  for (const file of await sources(LIB)) {
    for (const m of (await readFile(file, 'utf8')).matchAll(/\bevent\(\s*\w+,\s*'([A-Za-z]+)'/g)) emitted.add(m[1]!);
  }
  expect(emitted.size).toBeGreaterThan(20); // the scan found the domain's events at all
  const unroutable = [...emitted].filter((type) => !isRoutable(type));
  expect(unroutable).toEqual([]);
});

test('no event is both subscribed and listed as heard by none', () => {
  expect([...UNHEARD_EVENTS].filter((type) => type in SUBSCRIPTIONS)).toEqual([]);
});

test('an unknown type is not routable, and has no consumers to wait for', () => {
  expect(isRoutable('OrderPlacd')).toBe(false);
  expect(consumersOf('OrderPlacd')).toEqual([]);
  expect(consumersOf('LineCancelled').map((c) => c.step)).toEqual(['inventory.release', 'payments.release', 'notifications.send-mail']);
});
