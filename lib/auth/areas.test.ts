import { describe, expect, it } from 'vitest';
import { isApiPath, staffAreaOf } from './areas';

describe('staff-only paths', () => {
  it.each([
    ['/barista', 'barista'],
    ['/barista/anything', 'barista'],
    ['/api/barista/board', 'barista'],
    ['/api/barista/stream', 'barista'],
    ['/ops', 'ops'],
    ['/ops/queues', 'ops'],
    ['/ops/queues/static/js/main.js', 'ops'],
    ['/api/ops/switches', 'ops'],
    ['/api/books/6f1c1c56-6c8c-4a4e-9a51-2a1f0f3c1d11/restock', 'ops'],
  ])('%s needs %s', (path, area) => {
    expect(staffAreaOf(path)).toBe(area);
  });

  it.each(['/', '/coffee', '/baristas', '/operations', '/api/books', '/api/books/x', '/orders/1', '/staff/login', '/api/staff/session'])(
    '%s is the customer side',
    (path) => {
      expect(staffAreaOf(path)).toBeNull();
    },
  );

  it('answers API paths (and the dashboard API) with JSON, pages with a redirect', () => {
    expect(isApiPath('/api/barista/board')).toBe(true);
    expect(isApiPath('/ops/queues/api/queues')).toBe(true);
    expect(isApiPath('/ops/queues')).toBe(false);
    expect(isApiPath('/barista')).toBe(false);
  });
});
