// The anonymous customer: a random id in an httpOnly cookie, set by proxy.ts on the first visit
// or first API call. Orders belong to it; anyone else sees nothing.
import { cookies } from 'next/headers';
import { CUSTOMER_COOKIE, isCustomerId } from './customer-cookie';

/**
 * The caller's customer id, or null: proxy.ts sets one on every request, except past the limit on
 * new customers per address (lib/http/customer-mint.ts), where writes are refused before they get here.
 */
export async function currentCustomerId(): Promise<string | null> {
  const value = (await cookies()).get(CUSTOMER_COOKIE)?.value;
  return isCustomerId(value) ? value : null;
}
