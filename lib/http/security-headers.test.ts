import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, newNonce } from './security-headers';

const directives = (policy: string) =>
  Object.fromEntries(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name, values]),
  );

describe('the content security policy', () => {
  it('lets a page run only scripts carrying this response nonce (and what they load)', () => {
    const csp = directives(contentSecurityPolicy('/coffee', 'abc123=='));
    expect(csp['script-src']).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    expect(csp['frame-ancestors']).toEqual(["'none'"]);
    expect(csp['object-src']).toEqual(["'none'"]);
    expect(csp['base-uri']).toEqual(["'self'"]);
    expect(csp['script-src']).not.toContain("'unsafe-inline'");
    expect(csp['script-src']).not.toContain("'unsafe-eval'");
  });

  it("allows eval in development only (React's dev error overlay needs it)", () => {
    expect(directives(contentSecurityPolicy('/', 'n', { dev: true }))['script-src']).toContain("'unsafe-eval'");
  });

  it('gives the bull-board dashboard same-origin scripts, on its own path only', () => {
    for (const path of ['/ops/queues', '/ops/queues/static/js/main.js', '/ops/queues/queue/brewing']) {
      const csp = directives(contentSecurityPolicy(path, 'n'));
      expect(csp['script-src']).toEqual(["'self'"]);
      expect(csp['frame-ancestors']).toEqual(["'none'"]);
    }
    expect(directives(contentSecurityPolicy('/ops', 'n'))['script-src']).toContain("'nonce-n'");
    expect(directives(contentSecurityPolicy('/ops/queuesx', 'n'))['script-src']).toContain("'nonce-n'");
  });

  it('lets API answers load nothing at all', () => {
    const csp = directives(contentSecurityPolicy('/api/orders/1', 'n'));
    expect(csp['default-src']).toEqual(["'none'"]);
    expect(csp['frame-ancestors']).toEqual(["'none'"]);
  });

  it('uses a fresh, unguessable nonce every time', () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const n of nonces) expect(Buffer.from(n, 'base64')).toHaveLength(16);
  });
});
