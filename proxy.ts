// The first thing every request meets (Next's Proxy, Node.js runtime):
//  1. Staff-only paths turn away whoever may not enter — pages redirect to /staff/login?next=…,
//     API paths answer 401/403 — so a stranger never renders a staff page. This is a first line
//     only: each page, route handler and server action checks the caller again (lib/auth/staff.ts),
//     and server actions, which can be posted to any path, are left to do exactly that.
//  2. Every visitor gets an anonymous customer id on the first request (page or API), so the
//     orders they place belong to them. The cookie is also copied into this very request, so the
//     page or route that runs next already sees it.
//  3. Every answer carries the security headers; pages get a fresh CSP nonce, which Next reads
//     from the request's Content-Security-Policy header and puts on its own scripts.
//  4. API writes must be JSON from our own origin (lib/http/api-guard.ts), and new customers are
//     minted at most CUSTOMER_MINTS_PER_ADDRESS times a window per address
//     (lib/http/customer-mint.ts): past that, reads go on without one, writes get 429.
import { type NextRequest, NextResponse } from 'next/server';
import { isApiPath, staffAreaOf } from './lib/auth/areas';
import { type Refusal, SIGN_IN_REQUIRED, forbiddenFor } from './lib/auth/refusals';
import { sessionSecret } from './lib/auth/secret';
import { STAFF_COOKIE, mayEnter, verifySession } from './lib/auth/session';
import { refuseApiWrite } from './lib/http/api-guard';
import type { Code } from './lib/domain/shared/errors';
import { requestAddress } from './lib/http/client-address';
import { CUSTOMER_COOKIE, CUSTOMER_COOKIE_MAX_AGE, isCustomerId } from './lib/http/customer-cookie';
import { mayMintCustomer, writeNeedsCustomer } from './lib/http/customer-mint';
import { edgeConfig } from './lib/http/edge-config';
import { BASE_SECURITY_HEADERS, contentSecurityPolicy, newNonce } from './lib/http/security-headers';
import { statusOf } from './lib/http/status';

export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const nonce = newNonce();
  const csp = contentSecurityPolicy(pathname, nonce, { dev: process.env.NODE_ENV === 'development' });

  const refusal = staffRefusal(request);
  if (refusal) {
    const response = isApiPath(pathname)
      ? apiError(refusal.code, refusal.message)
      : NextResponse.redirect(new URL(`/staff/login?next=${encodeURIComponent(`${pathname}${search}`)}`, request.url));
    return secured(response, csp);
  }

  if (pathname.startsWith('/api/')) {
    const refused = refuseApiWrite(request.method, request.headers, edgeConfig().PUBLIC_ORIGIN);
    if (refused) return secured(apiError(refused.code, refused.message), csp);
  }

  let newCustomer: string | undefined;
  if (!isCustomerId(request.cookies.get(CUSTOMER_COOKIE)?.value)) {
    const mint = await mayMintCustomer(requestAddress(request.headers));
    if (mint.ok) {
      newCustomer = crypto.randomUUID();
      request.cookies.set(CUSTOMER_COOKIE, newCustomer);
    } else if (writeNeedsCustomer(request.method, pathname, request.headers.has('next-action'))) {
      const message = `Too many new visitors from your network in a short time. Nothing was recorded; try again in ${mint.retryAfterS} s.`;
      const response = apiError('RATE_LIMITED', message, { 'Retry-After': String(mint.retryAfterS) });
      return secured(response, csp);
    }
  }
  const requestHeaders = new Headers(request.headers);
  // Whatever the client sent under these names is replaced: the nonce is ours alone.
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('content-security-policy', csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  if (newCustomer) {
    response.cookies.set(CUSTOMER_COOKIE, newCustomer, {
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      maxAge: CUSTOMER_COOKIE_MAX_AGE,
      secure: request.nextUrl.protocol === 'https:',
    });
  }
  return secured(response, csp);
}

/** Why the caller may not go on to this staff-only path, or null (not staff-only, or allowed). */
function staffRefusal(request: NextRequest): Refusal | null {
  const area = staffAreaOf(request.nextUrl.pathname);
  // A server action answers for itself, as an ActionResult the page can show (not a redirect).
  if (!area || request.headers.has('next-action')) return null;
  // The signature and expiry only, no query: whether the session was signed out is checked by
  // the page or route itself (currentStaff reads the session row).
  const staff = verifySession(request.cookies.get(STAFF_COOKIE)?.value, new Date(), sessionSecret());
  if (!staff) return SIGN_IN_REQUIRED;
  return mayEnter(staff.role, area) ? null : forbiddenFor(area);
}

/** The edge's refusals answer like the routes' own (lib/http/respond.ts error()): status from the one table. */
function apiError(code: Code, message: string, headers?: Record<string, string>): NextResponse {
  return NextResponse.json({ error: { code, message } }, { status: statusOf(code), headers: { 'Cache-Control': 'no-store', ...headers } });
}

function secured(response: NextResponse, csp: string): NextResponse {
  response.headers.set('Content-Security-Policy', csp);
  for (const [name, value] of Object.entries(BASE_SECURITY_HEADERS)) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
