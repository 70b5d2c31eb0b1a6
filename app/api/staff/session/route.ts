// The staff session as JSON, for scripts and tests: POST { name, password } signs in (sets the
// same cookie as /staff/login; the role is the account's), GET says who is signed in, DELETE signs
// out — the session is revoked on the server, so a kept copy of the cookie is refused afterwards.
import { cookies } from 'next/headers';
import { signIn, staffCookie } from '@/lib/auth/sign-in';
import { currentStaff, signOutCurrent } from '@/lib/auth/staff';
import { requestAddress } from '@/lib/http/client-address';
import { refusal } from '@/lib/http/answer';
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
      return error('UNSUPPORTED_MEDIA_TYPE', 'Send the sign-in as application/json.');
    }
    const body = await readJson(request);
    if (!body.ok) return body.response;
    const result = await signIn(body.value, { address: requestAddress(request.headers), now: new Date() });
    if (!result.ok) return refusal(result);
    const { token, staff, expiresAt } = result.value;
    const secure = request.headers.get('x-forwarded-proto') === 'https';
    (await cookies()).set(staffCookie(token, secure));
    return json(200, { staff, expiresAt: expiresAt.toISOString() });
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
