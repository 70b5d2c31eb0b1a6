// The first check on every write to the JSON API, made once in proxy.ts for all /api routes:
//  - a body must be JSON (415 UNSUPPORTED_MEDIA_TYPE). A browser can send a form or text/plain
//    across sites without asking; application/json needs a CORS preflight we never grant. A write
//    without a body (DELETE /api/cart/items/x, POST …/cancel) names its whole intent in the path
//    and may leave Content-Type out; a non-JSON Content-Type is refused even then.
//  - a browser's word on where the request comes from must be ours: an Origin header that is
//    not the shop's own (403 FORBIDDEN_ORIGIN), or Sec-Fetch-Site: cross-site (403 CROSS_SITE).
//    Scripts and curl send neither and are judged by the other rules (cookies, limits).
// "The shop's own origin" is PUBLIC_ORIGIN when set (needed behind a proxy that rewrites Host);
// otherwise the Origin's host must be the Host the request was sent to, as Next does for server
// actions. Pure: proxy.ts passes in the method, the headers and the setting.

import { statusOf } from './status';

export interface ApiRefusal {
  status: number;
  code: 'CROSS_SITE' | 'FORBIDDEN_ORIGIN' | 'UNSUPPORTED_MEDIA_TYPE';
  message: string;
}

const refusal = (code: ApiRefusal['code'], message: string): ApiRefusal => ({ status: statusOf(code), code, message });

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export function refuseApiWrite(method: string, headers: Pick<Headers, 'get'>, publicOrigin: string | undefined): ApiRefusal | null {
  if (SAFE.has(method.toUpperCase())) return null;

  if (headers.get('sec-fetch-site')?.toLowerCase() === 'cross-site') {
    return refusal('CROSS_SITE', 'Another site cannot make changes here on your behalf.');
  }
  const origin = headers.get('origin');
  if (origin !== null && !isOwnOrigin(origin, headers.get('host'), publicOrigin)) {
    return refusal('FORBIDDEN_ORIGIN', 'This request comes from a page that is not part of the shop.');
  }

  const type = headers.get('content-type');
  const hasBody = Number(headers.get('content-length') ?? 0) > 0 || headers.get('transfer-encoding') !== null;
  if (type === null ? hasBody : !/^application\/json\s*(;|$)/i.test(type.trim())) {
    return refusal('UNSUPPORTED_MEDIA_TYPE', 'Send the request body as application/json.');
  }
  return null;
}

function isOwnOrigin(origin: string, host: string | null, publicOrigin: string | undefined): boolean {
  let parsed: URL;
  try {
    parsed = new URL(origin); // "null" (sandboxed frames, some redirects) does not parse: foreign
  } catch {
    return false;
  }
  if (publicOrigin) return parsed.origin === publicOrigin;
  return host !== null && parsed.host.toLowerCase() === host.trim().toLowerCase();
}
