// Gives every visitor an anonymous customer id on their first request (page or API), so the
// orders they place belong to them. The cookie is also copied into this very request, so the
// page or route that runs next already sees it.
import { type NextRequest, NextResponse } from 'next/server';
import { CUSTOMER_COOKIE, CUSTOMER_COOKIE_MAX_AGE, isCustomerId } from './lib/http/customer-cookie';

export function proxy(request: NextRequest) {
  if (isCustomerId(request.cookies.get(CUSTOMER_COOKIE)?.value)) return NextResponse.next();
  const id = crypto.randomUUID();
  request.cookies.set(CUSTOMER_COOKIE, id);
  const response = NextResponse.next({ request: { headers: request.headers } });
  response.cookies.set(CUSTOMER_COOKIE, id, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    maxAge: CUSTOMER_COOKIE_MAX_AGE,
    secure: request.nextUrl.protocol === 'https:',
  });
  return response;
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
