// The queue dashboard (bull-board, lib/switches/queue-dashboard.ts) under /ops/queues: its page,
// its static files and its JSON API, for ops staff only. The check is here, not only in proxy.ts.
import { requireStaffForRoute, signInPath } from '@/lib/auth/staff';
import { error, failure } from '@/lib/http/respond';
import { queueDashboard } from '@/lib/switches/queue-dashboard';

export const dynamic = 'force-dynamic';

async function handle(request: Request): Promise<Response> {
  try {
    const staff = await requireStaffForRoute('ops');
    if (!staff.ok) {
      // A person opening the dashboard is sent to sign in; its scripts and API get the 401/403.
      const wantsPage = request.method === 'GET' && (request.headers.get('accept') ?? '').includes('text/html');
      if (!wantsPage) return staff.response;
      const url = new URL(request.url);
      return new Response(null, {
        status: 303,
        headers: { Location: signInPath(`${url.pathname}${url.search}`), 'Cache-Control': 'no-store' },
      });
    }
    // The dashboard is read-only (it answers every write with 405 QUEUES.READ_ONLY); a cross-site
    // write is refused even before that.
    const site = request.headers.get('sec-fetch-site');
    if (request.method !== 'GET' && request.method !== 'HEAD' && site && site !== 'same-origin') {
      return error('STAFF.FORBIDDEN', 'The queue dashboard only takes changes from its own page.');
    }
    return await queueDashboard().fetch(request);
  } catch (caught) {
    return failure(caught);
  }
}

export { handle as DELETE, handle as GET, handle as PATCH, handle as POST, handle as PUT };
