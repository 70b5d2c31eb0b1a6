// The staff session as JSON, for scripts and tests: POST { name, password } signs in (sets the
// same cookie as /staff/login; the role is the account's), GET says who is signed in, DELETE signs
// out — the session is revoked on the server, so a kept copy of the cookie is refused afterwards.
import { cookies } from 'next/headers';
import { signIn, staffCookie } from '@/lib/auth/sign-in';
import { currentStaff, signOutCurrent } from '@/lib/auth/staff';
import { requestAddress } from '@/lib/http/client-address';
import { error, failure, json, readJson } from '@/lib/http/respond';

export const dynamic = 'force-dynamic';

export async function GET() {
  try {
    const staff = await currentStaff();
    return json(200, { staff: staff && { role: staff.role, name: staff.name, expiresAt: new Date(staff.exp * 1000).toISOString() } });
  } catch (caught) {
    return failure(caught);
  }
}

export async function POST(request: Request) {
  try {
    // JSON only: a cross-site form cannot send it, so nobody is signed in behind their back.
    if (!/^application\/json\b/i.test(request.headers.get('content-type') ?? '')) {
      return error(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the sign-in as application/json.');
    }
    const body = await readJson(request);
    if (!body.ok) return body.response;
    const result = await signIn(body.value, { address: requestAddress(request.headers), now: new Date() });
    if (!result.ok) {
      if (result.retryAfterS !== undefined) {
        return json(
          429,
          { error: { code: result.code, message: result.message, retryAfterS: result.retryAfterS } },
          { 'Retry-After': String(result.retryAfterS) },
        );
      }
      return error(result.code === 'VALIDATION' ? 422 : 401, result.code, result.message, result.fields);
    }
    const secure = request.headers.get('x-forwarded-proto') === 'https';
    (await cookies()).set(staffCookie(result.data.token, secure));
    return json(200, { staff: result.data.staff, expiresAt: result.data.expiresAt.toISOString() });
  } catch (caught) {
    return failure(caught);
  }
}

export async function DELETE() {
  try {
    await signOutCurrent();
    return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
  } catch (caught) {
    return failure(caught);
  }
}
