// The security headers of every response proxy.ts sees (next.config.js covers the static files it
// does not). Pages get a nonce-based script policy: Next reads the nonce from the request's
// Content-Security-Policy header and puts it on its own scripts, and 'strict-dynamic' lets those
// load the rest of the app; nothing else runs. Styles allow 'unsafe-inline' because React writes
// style attributes, which a nonce cannot cover, and a style cannot run code. The bull-board
// dashboard under /ops/queues serves its own HTML and bundles without nonces: that path, and only
// that path, allows same-origin scripts instead. API answers (JSON, event streams) need nothing.

export const BULL_BOARD_PATH = '/ops/queues';

function policy(directives: Record<string, string>): string {
  return Object.entries(directives)
    .map(([name, value]) => (value ? `${name} ${value}` : name))
    .join('; ');
}

export function contentSecurityPolicy(pathname: string, nonce: string, options: { dev?: boolean } = {}): string {
  if (pathname === '/api' || pathname.startsWith('/api/')) {
    return policy({ 'default-src': "'none'", 'frame-ancestors': "'none'", 'base-uri': "'none'", 'form-action': "'none'" });
  }
  const common = {
    'default-src': "'self'",
    'img-src': "'self' blob: data:",
    'font-src': "'self' data:",
    'connect-src': "'self'",
    'object-src': "'none'",
    'base-uri': "'self'",
    'form-action': "'self'",
    'frame-ancestors': "'none'",
  };
  if (pathname === BULL_BOARD_PATH || pathname.startsWith(`${BULL_BOARD_PATH}/`)) {
    return policy({ ...common, 'script-src': "'self'", 'style-src': "'self' 'unsafe-inline'" });
  }
  // React in development rebuilds server error stacks with eval; production never evaluates code.
  const dev = options.dev ? " 'unsafe-eval'" : '';
  return policy({ ...common, 'script-src': `'self' 'nonce-${nonce}' 'strict-dynamic'${dev}`, 'style-src': "'self' 'unsafe-inline'" });
}

/** The headers every answer carries besides its policy. */
export const BASE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'X-Frame-Options': 'DENY',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
};

export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString('base64');
}
