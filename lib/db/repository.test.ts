// heldFirst: the first try decides on what the caller just wrote; a retry reads the row again.
import { expect, it } from 'vitest';
import type { Tx } from './client';
import { type Repository, heldFirst } from './repository';

it('answers the first load from what the caller holds, and every later one from storage', async () => {
  const reads: string[] = [];
  const stored: Repository<{ v: number }> = {
    name: 'thing',
    load: async (_tx, id) => (reads.push(id), { v: 2 }),
    save: async () => {},
    notFound: () => ({ code: 'ORDER.NOT_FOUND', message: 'none' }),
  };
  const repo = heldFirst(stored, { v: 1 });
  const tx = {} as Tx;

  expect(await repo.load(tx, 'a')).toEqual({ v: 1 });
  expect(reads).toEqual([]);
  expect(await repo.load(tx, 'a')).toEqual({ v: 2 });
  expect(reads).toEqual(['a']);
  expect(repo.save).toBe(stored.save);
});
