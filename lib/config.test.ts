import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SETTING_NAMES } from './config';
import { EDGE_SETTING_NAMES } from './http/edge-config';

// NODE_ENV is Node's and Next's own convention, set by the tools, not a setting of this shop.
const NOT_OURS = new Set(['NODE_ENV']);

describe('the settings table (docs/configuration.md)', () => {
  const table = readFileSync(path.join(import.meta.dirname, '..', 'docs', 'configuration.md'), 'utf8');
  // The first cell of each row names the setting (or a few that go together).
  const firstCells = table.split('\n').flatMap((line) => (line.startsWith('| `') ? [line.split('|')[1] ?? ''] : []));
  const documented = new Set(firstCells.flatMap((cell) => [...cell.matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1])));

  it('names every setting the processes read', () => {
    const undocumented = [...SETTING_NAMES, ...EDGE_SETTING_NAMES].filter((name) => !NOT_OURS.has(name) && !documented.has(name));
    expect(undocumented).toEqual([]);
  });

  it('has read the schemas it checks against', () => {
    expect(SETTING_NAMES).toContain('DATABASE_URL');
    expect(EDGE_SETTING_NAMES).toContain('TRUSTED_PROXY_HOPS');
  });
});
