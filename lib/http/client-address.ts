// Who is on the other end, for rate limits. Next's server keeps a client-sent X-Forwarded-For as
// it is (it only fills the header when absent: base-server.js `??=`), so the header alone cannot
// be trusted. lib/http/socket-address-preload.mjs, loaded into the web process, appends the
// socket's own address to every request's X-Forwarded-For before Next sees it, so the right-most
// entry is always the peer. From there, TRUSTED_PROXY_HOPS says how many entries (from the right)
// were written by proxies we run; the next one to the left is what the outermost proxy saw.
import { edgeConfig } from './edge-config';

/** Pure: the client's address in an X-Forwarded-For list, trusting `trustedHops` proxies. */
export function clientAddress(forwardedFor: string | null | undefined, trustedHops = 0): string {
  const hops = (forwardedFor ?? '').split(',').map((hop) => hop.trim());
  // Fewer entries than trusted proxies: the request did not come through all of them; the
  // left-most entry is the nearest thing to the client that exists.
  const picked = hops[Math.max(0, hops.length - 1 - trustedHops)] ?? '';
  return normalize(picked);
}

function normalize(raw: string): string {
  const lower = raw.toLowerCase();
  const address = lower.startsWith('::ffff:') && lower.includes('.') ? lower.slice('::ffff:'.length) : lower;
  // Never a key an attacker shapes: anything but an address is one shared bucket.
  return /^[0-9a-f:.]{2,45}$/.test(address) ? address : 'unknown';
}

/** The caller's address from the request's headers (route handlers, server actions, proxy.ts). */
export function requestAddress(headers: Pick<Headers, 'get'>): string {
  return clientAddress(headers.get('x-forwarded-for'), edgeConfig().TRUSTED_PROXY_HOPS);
}
