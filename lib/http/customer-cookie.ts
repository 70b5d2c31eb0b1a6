// Cookie name and format, free of Next's server-only imports so proxy.ts can use them too.
export const CUSTOMER_COOKIE = 'cs_customer';
export const CUSTOMER_COOKIE_MAX_AGE = 60 * 60 * 24 * 365;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isCustomerId(value: string | undefined): value is string {
  return typeof value === 'string' && UUID.test(value);
}
