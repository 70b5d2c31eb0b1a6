// The session secret of this process (no Next imports: proxy.ts uses it). It is SESSION_SECRET,
// never anything derived from a password. Production refuses to start without one
// (instrumentation.ts → productionWebProblems); in development and tests a missing secret is made
// up at random once per process and kept on globalThis, where the proxy's and the routes' copies
// of this module both find it. Sessions then end with the process, which is fine off production.
import { randomBytes } from 'node:crypto';
import { config } from '../config';
import { logger } from '../log';

const holder = globalThis as unknown as { __csSessionSecret?: string };

export function sessionSecret(): string {
  const { SESSION_SECRET, NODE_ENV } = config();
  if (SESSION_SECRET !== undefined) return SESSION_SECRET;
  if (NODE_ENV === 'production') {
    // instrumentation.ts stops the server before this; a script that skipped it still must not sign.
    throw new Error('SESSION_SECRET is not set: production needs 32 random bytes (openssl rand -base64 32).');
  }
  if (!holder.__csSessionSecret) {
    holder.__csSessionSecret = randomBytes(32).toString('base64url');
    logger('auth').warn('SESSION_SECRET is not set: using a random one for this process (staff sign-ins end when it stops)');
  }
  return holder.__csSessionSecret;
}
