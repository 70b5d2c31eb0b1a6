import { describe, expect, it } from 'vitest';
import { safeNext } from './next-path';

describe('where to go after signing in', () => {
  it.each(['/barista', '/ops', '/ops/queues?x=1', '/orders/abc#top'])('keeps a path on this site: %s', (path) => {
    expect(safeNext(path)).toBe(path);
  });

  it.each([
    undefined,
    '',
    'ops',
    'https://evil.example/',
    '//evil.example/ops',
    '/\\evil.example',
    '/\tevil',
    '\\\\evil.example',
    'javascript:alert(1)',
    '/%0a/evil',
    `/${'a'.repeat(600)}`,
  ])('refuses anything that could leave the site: %s', (next) => {
    const safe = safeNext(next);
    expect(safe.startsWith('/')).toBe(true);
    expect(safe.startsWith('//')).toBe(false);
    expect(new URL(safe, 'http://shop.test').origin).toBe('http://shop.test');
  });

  it('falls back to the barista board', () => {
    expect(safeNext('//evil.example')).toBe('/barista');
    expect(safeNext(null, '/ops')).toBe('/ops');
  });
});
