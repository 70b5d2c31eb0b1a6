// proxy.ts gives every cookie-less request a new anonymous customer, so a script that never keeps
// its cookie could mint customers without end. Each mint is counted per client address; past
// CUSTOMER_MINTS_PER_ADDRESS in a window the request goes on without a customer: pages still
// render (there is nothing of "theirs" to show), and a write that needs a customer is refused
// with 429 RATE_LIMITED by proxy.ts. Only mints cost a Redis round trip; requests that carry a
// cookie cost nothing. Redis down or not connected yet → the mint goes ahead at once, without
// waiting for it (a page must not fail or stall for a limit's sake; every write that follows
// needs Redis or PostgreSQL anyway and says so).
import { logger } from '../log';
import { commandRedis, redisIsReady } from '../queue/redis';
import { edgeConfig } from './edge-config';
import { type RateDecision, hitLimits } from './limits';

const log = logger('http');

export async function mayMintCustomer(address: string): Promise<RateDecision> {
  const { CUSTOMER_MINTS_PER_ADDRESS, CUSTOMER_MINT_WINDOW_S } = edgeConfig();
  if (!redisIsReady(commandRedis())) return { ok: true };
  try {
    return await hitLimits([
      { scope: 'address', key: `customers:address:${address}`, max: CUSTOMER_MINTS_PER_ADDRESS, windowS: CUSTOMER_MINT_WINDOW_S },
    ]);
  } catch (caught) {
    log.warn('could not count a new customer; letting it through', { error: caught });
    return { ok: true };
  }
}

/** Whether this request needs a customer: an API write (staff sign-in aside) or a server action. */
export function writeNeedsCustomer(method: string, pathname: string, isAction: boolean): boolean {
  if (isAction) return true;
  if (['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase())) return false;
  return pathname.startsWith('/api/') && !pathname.startsWith('/api/staff/');
}
